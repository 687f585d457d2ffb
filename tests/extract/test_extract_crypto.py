from __future__ import annotations

import pytest

from lurewatch.extract import BitcoinExtractor, EthereumExtractor, ExtractionInput, TronExtractor
from lurewatch.extract.checksums import is_valid_eip55, is_valid_segwit

from tests.extract.extract_helpers import BECH32_CHARSET, Wallets, corrupt, eip55, of_type


def btc(text: str) -> set[str]:
    return {e.value for e in BitcoinExtractor().extract(ExtractionInput(text))}


def eth(text: str) -> set[str]:
    return {e.value for e in EthereumExtractor().extract(ExtractionInput(text))}


def tron(text: str) -> set[str]:
    return {e.value for e in TronExtractor().extract(ExtractionInput(text))}


# --- Bitcoin ----------------------------------------------------------------------------------


def test_btc_known_vectors() -> None:
    assert btc("genesis 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa.") == {"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"}
    assert btc("pay to 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy now") == {"3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"}


@pytest.mark.parametrize("field", ["btc_p2pkh", "btc_p2sh", "btc_p2wpkh", "btc_p2wsh", "btc_taproot"])
def test_btc_valid_and_corrupted(wallets: Wallets, field: str) -> None:
    address = getattr(wallets, field)
    assert btc(f"Deposit to BTC: {address}") == {address}
    alphabet = BECH32_CHARSET if address.startswith("bc1") else None
    broken = corrupt(address, 12, alphabet) if alphabet else corrupt(address, 12)
    assert btc(f"Deposit to BTC: {broken}") == set()


def test_bech32_upper_case_is_reported_lower(wallets: Wallets) -> None:
    assert btc(wallets.btc_p2wpkh.upper()) == {wallets.btc_p2wpkh}


def test_bech32_mixed_case_and_wrong_constant_rejected(wallets: Wallets) -> None:
    mixed = wallets.btc_p2wpkh[:10] + wallets.btc_p2wpkh[10:].upper()
    assert btc(mixed) == set()
    # Segwit v1 with the old bech32 checksum (BIP-350 made it invalid).
    assert btc(wallets.btc_v1_with_bech32_checksum) == set()
    assert not is_valid_segwit(wallets.btc_v1_with_bech32_checksum)
    # BIP-350 vectors: v16 and v2 with bech32m are valid; testnet hrp is not mainnet.
    assert is_valid_segwit("BC1SW50QGDZ25J")
    assert is_valid_segwit("bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs")
    assert not is_valid_segwit("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7")


def test_btc_not_inside_longer_tokens(wallets: Wallets) -> None:
    assert btc(f"x{wallets.btc_p2pkh}") == set()
    assert btc(f"{wallets.btc_p2pkh}9") == set()
    assert btc(f"abc{wallets.btc_p2wpkh}") == set()
    assert btc(f"https://explorer.example/address/{wallets.btc_p2pkh}?tab=tx") == {wallets.btc_p2pkh}


def test_btc_base58_with_other_versions_rejected(wallets: Wallets) -> None:
    # A Tron address is base58check-valid but version 0x41: never a Bitcoin address.
    assert btc(wallets.tron) == set()


# --- Ethereum ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ],
)
def test_eth_eip55_vectors(address: str) -> None:
    assert eth(f"USDT (ERC20): {address}") == {address.lower()}
    assert is_valid_eip55(address[2:])


def test_eth_generated_checksum_and_case_forms() -> None:
    address = eip55("8617e340b3d01fa5f11f306f4090fd50e238070d")
    assert eth(address) == {address.lower()}
    assert eth(address.lower()) == {address.lower()}
    assert eth("0x" + address[2:].upper()) == {address.lower()}


def test_eth_bad_checksum_rejected(wallets: Wallets) -> None:
    good = wallets.eth_checksummed
    flipped = good[:3] + good[3].swapcase() + good[4:]  # one letter's case changed
    assert flipped != good
    assert eth(flipped) == set()


def test_eth_transaction_hash_is_not_an_address() -> None:
    tx = "0x" + "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed" + "00" * 12
    assert eth(f"tx {tx} confirmed") == set()
    assert eth("a0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed") == set()
    assert eth("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae") == set()  # 39 hex


# --- Tron -------------------------------------------------------------------------------------


def test_tron_valid_and_corrupted(wallets: Wallets) -> None:
    for address in (wallets.tron, wallets.tron_b):
        assert tron(f"USDT-TRC20: {address}") == {address}
        assert tron(corrupt(address, 15)) == set()
        assert tron(f"{address}x") == set()


def test_tron_requires_version_0x41(wallets: Wallets) -> None:
    assert tron(wallets.btc_p2pkh) == set()


def test_wallets_through_registry(run, wallets: Wallets) -> None:
    text = (
        f"充值地址 USDT-TRC20：{wallets.tron}，BTC：{wallets.btc_taproot}，"
        f"ERC20：{wallets.eth_checksummed}。交易哈希 0x{'ab' * 32}"
    )
    found = run(text)
    assert of_type(found, "tron_address") == {wallets.tron}
    assert of_type(found, "btc_address") == {wallets.btc_taproot}
    assert of_type(found, "eth_address") == {wallets.eth_checksummed.lower()}
    assert of_type(found, "phone") == set()
