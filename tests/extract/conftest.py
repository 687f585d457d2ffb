"""Fixtures for the extractor tests (helpers live in extract_helpers.py)."""

from __future__ import annotations

from collections.abc import Callable

import base58
import bech32
import pytest

from tests.extract.extract_helpers import HASH160, Wallets
from lurewatch.extract import ExtractionInput, extract_entities
from lurewatch.models import Entity


@pytest.fixture(scope="session")
def wallets() -> Wallets:
    p2wsh_program = bytes.fromhex(
        "1863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262"
    )
    return Wallets(
        btc_p2pkh=base58.b58encode_check(b"\x00" + HASH160).decode(),
        btc_p2sh=base58.b58encode_check(b"\x05" + HASH160).decode(),
        btc_p2wpkh=bech32.encode("bc", 0, HASH160),  # == bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4
        btc_p2wsh=bech32.encode("bc", 0, p2wsh_program),
        # BIP-350 test vector (segwit v1, bech32m).
        btc_taproot="bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
        # The same program in the pre-BIP-350 form (bech32 checksum on v1): now invalid.
        btc_v1_with_bech32_checksum=(
            "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx"
        ),
        eth_checksummed="0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",  # EIP-55 example
        eth_lower="0x" + "ab" * 20,
        tron=base58.b58encode_check(b"\x41" + bytes(range(20))).decode(),
        tron_b=base58.b58encode_check(b"\x41" + HASH160).decode(),
    )


@pytest.fixture
def run() -> Callable[..., set[Entity]]:
    """Run the whole registry on a text, as the pipeline does."""

    def _run(text: str, *, links: tuple[str, ...] = (), region: str | None = None,
             lang: str = "", url: str = "") -> set[Entity]:
        return set(extract_entities(ExtractionInput(text, links, region, lang, url)))

    return _run
