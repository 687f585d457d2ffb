"""Helpers for the extractor tests: real, checksum-valid wallet addresses built from
published test vectors or by encoding known payloads, and one-character corruptions of them."""

from __future__ import annotations

from dataclasses import dataclass

from Crypto.Hash import keccak

from lurewatch.models import Entity

B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
HASH160 = bytes.fromhex("751e76e8199196d454941c45d1b3a323f1433bd6")  # BIP-173 example key hash


def corrupt(address: str, index: int = 10, alphabet: str = B58_ALPHABET) -> str:
    """The address with one character replaced by another of the same alphabet."""
    char = address[index]
    pool = alphabet if char in alphabet else alphabet.upper()
    replacement = pool[(pool.index(char) + 1) % len(pool)]
    return address[:index] + replacement + address[index + 1 :]


def eip55(hex40: str) -> str:
    """EIP-55 checksum casing, written from the spec for the tests."""
    lower = hex40.lower()
    digest = keccak.new(digest_bits=256, data=lower.encode()).hexdigest()
    return "0x" + "".join(c.upper() if int(d, 16) >= 8 else c for c, d in zip(lower, digest))


@dataclass(frozen=True)
class Wallets:
    btc_p2pkh: str
    btc_p2sh: str
    btc_p2wpkh: str
    btc_p2wsh: str
    btc_taproot: str
    btc_v1_with_bech32_checksum: str
    eth_checksummed: str
    eth_lower: str
    tron: str
    tron_b: str


def of_type(entities: set[Entity], kind: str) -> set[str]:
    return {e.value for e in entities if e.type == kind}
