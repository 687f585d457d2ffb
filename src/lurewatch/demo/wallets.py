"""Deterministic, checksum-valid (and deliberately invalid) crypto addresses for the demo site.

Addresses are derived from a seed name with SHA-256, so the site never ships a real person's
wallet and every run produces the same bytes.
"""

from __future__ import annotations

import hashlib

import base58
import bech32
from Crypto.Hash import keccak

_BECH32M_CONST = 0x2BC830A3  # BIP-350; the installed bech32 package only knows BIP-173
_B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _seed_bytes(kind: str, seed: str, size: int) -> bytes:
    return hashlib.sha256(f"lurewatch-demo/{kind}/{seed}".encode()).digest()[:size]


def tron(seed: str) -> str:
    """A Tron address: base58check over version byte 0x41 + 20 bytes."""
    return base58.b58encode_check(b"\x41" + _seed_bytes("tron", seed, 20)).decode()


def btc_p2pkh(seed: str) -> str:
    return base58.b58encode_check(b"\x00" + _seed_bytes("p2pkh", seed, 20)).decode()


def btc_p2sh(seed: str) -> str:
    return base58.b58encode_check(b"\x05" + _seed_bytes("p2sh", seed, 20)).decode()


def btc_segwit_v0(seed: str) -> str:
    address = bech32.encode("bc", 0, _seed_bytes("p2wpkh", seed, 20))
    assert address is not None
    return address


def btc_taproot(seed: str) -> str:
    """A bech32m (witness v1) address, checksummed here because the library predates BIP-350."""
    program = bech32.convertbits(_seed_bytes("p2tr", seed, 32), 8, 5)
    assert program is not None
    data = [1, *program]
    values = bech32.bech32_hrp_expand("bc") + data
    polymod = bech32.bech32_polymod(values + [0] * 6) ^ _BECH32M_CONST
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return "bc1" + "".join(bech32.CHARSET[d] for d in data + checksum)


def eth(seed: str) -> str:
    """An EIP-55 mixed-case Ethereum address."""
    raw = _seed_bytes("eth", seed, 20).hex()
    digest = keccak.new(digest_bits=256, data=raw.encode()).hexdigest()
    return "0x" + "".join(c.upper() if int(digest[i], 16) >= 8 else c for i, c in enumerate(raw))


def tx_hash(seed: str) -> str:
    """0x + 64 hex: looks like an address to a careless regex, but is a transaction id."""
    return "0x" + hashlib.sha256(f"lurewatch-demo/tx/{seed}".encode()).hexdigest()


def corrupt_base58(address: str) -> str:
    """Change one middle character so the base58check checksum fails."""
    middle = len(address) // 2
    for replacement in _B58_ALPHABET:
        if replacement == address[middle]:
            continue
        candidate = address[:middle] + replacement + address[middle + 1 :]
        try:
            base58.b58decode_check(candidate)
        except ValueError:
            return candidate
    raise ValueError(f"cannot corrupt {address}")


def corrupt_bech32(address: str) -> str:
    """Swap one data character so the bech32 checksum fails (no single substitution passes)."""
    middle = len(address) // 2
    replacement = next(c for c in bech32.CHARSET if c != address[middle])
    return address[:middle] + replacement + address[middle + 1 :]


def corrupt_eip55(address: str) -> str:
    """Flip the case of the first letter: still 40 hex digits, but the EIP-55 check fails."""
    body = address[2:]
    for i, c in enumerate(body):
        if c.isalpha():
            return "0x" + body[:i] + c.swapcase() + body[i + 1 :]
    raise ValueError(f"{address} has no letter to flip")
