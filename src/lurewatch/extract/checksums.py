"""Checksum rules of the wallet address formats: a typo or a made-up string fails them.

- Base58Check (Bitcoin P2PKH/P2SH, Tron): payload + first 4 bytes of double SHA-256, via ``base58``.
- Segwit (BIP-173/BIP-350): witness v0 uses the bech32 constant, v1-v16 the bech32m constant; the
  polymod primitive comes from the ``bech32`` package, which predates bech32m.
- EIP-55: mixed-case hex encodes Keccak-256 of the lower-case address.
"""

from __future__ import annotations

from functools import lru_cache

import base58
import bech32
from Crypto.Hash import keccak

__all__ = ["base58check_payload", "is_valid_segwit", "is_valid_eip55"]

_BECH32_CONST = 1
_BECH32M_CONST = 0x2BC830A3
_CHARSET = {ch: i for i, ch in enumerate(bech32.CHARSET)}


def base58check_payload(address: str) -> bytes | None:
    """Decoded payload (version byte first), or ``None`` when the checksum does not verify."""
    try:
        return base58.b58decode_check(address)
    except ValueError:
        return None  # wrong checksum or a character outside the alphabet: not an address


def is_valid_segwit(address: str, hrp: str = "bc") -> bool:
    """A segwit address of network ``hrp`` with the checksum its witness version requires."""
    if address.lower() != address and address.upper() != address:
        return False  # mixed case is forbidden by BIP-173
    addr = address.lower()
    sep = addr.rfind("1")
    if addr[:sep] != hrp or len(addr) > 90 or len(addr) - sep - 1 < 7:
        return False
    try:
        data = [_CHARSET[ch] for ch in addr[sep + 1 :]]
    except KeyError:
        return False
    residue = bech32.bech32_polymod(bech32.bech32_hrp_expand(hrp) + data)
    version = data[0]
    if version > 16 or residue != (_BECH32_CONST if version == 0 else _BECH32M_CONST):
        return False
    program = bech32.convertbits(data[1:-6], 5, 8, False)
    if program is None or not 2 <= len(program) <= 40:
        return False
    return version != 0 or len(program) in (20, 32)


@lru_cache(maxsize=4096)
def is_valid_eip55(hex40: str) -> bool:
    """All-lower and all-upper addresses carry no checksum; mixed case must match EIP-55."""
    letters = [ch for ch in hex40 if ch.isalpha()]
    if all(ch.islower() for ch in letters) or all(ch.isupper() for ch in letters):
        return True
    digest = keccak.new(digest_bits=256, data=hex40.lower().encode("ascii")).hexdigest()
    for ch, nibble in zip(hex40, digest):
        if ch.isalpha() and ch.isupper() != (int(nibble, 16) >= 8):
            return False
    return True
