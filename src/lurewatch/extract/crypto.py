"""Wallet addresses whose checksum verifies: Bitcoin, Ethereum (and EVM chains), Tron.

Every pattern is bounded by non-alphanumeric characters, so a piece of a longer token (a
transaction hash, a URL slug) is never taken for an address; a ``0x`` + 64-hex transaction hash
fails the Ethereum pattern's right boundary. Each extractor first checks for the cheap marker of
its format (``bc1``, ``0x``, ``T``) before running its regex.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lurewatch.extract.base import ExtractionInput
from lurewatch.extract.checksums import base58check_payload, is_valid_eip55, is_valid_segwit
from lurewatch.extract.normalize import normalize_text
from lurewatch.models import Entity

__all__ = ["BitcoinExtractor", "EthereumExtractor", "TronExtractor"]

_B58 = "1-9A-HJ-NP-Za-km-z"
# The left boundary is a look-behind placed after the first characters, not before them: a
# pattern that starts with a literal lets the engine skip straight to the next candidate.
_BTC_LEGACY = re.compile(rf"[13](?<![A-Za-z0-9][13])[{_B58}]{{25,34}}(?![A-Za-z0-9])")
_BTC_SEGWIT = re.compile(
    r"(?:bc|BC)1(?<![A-Za-z0-9]..1)[02-9ac-hj-np-zAC-HJ-NP-Z]{6,87}(?![A-Za-z0-9])"
)
_ETH = re.compile(r"0x(?<![A-Za-z0-9]0x)[0-9a-fA-F]{40}(?![A-Za-z0-9])")
_TRON = re.compile(rf"T(?<![A-Za-z0-9]T)[{_B58}]{{33}}(?![A-Za-z0-9])")

_BTC_VERSIONS = (0x00, 0x05)  # P2PKH, P2SH
_TRON_VERSION = 0x41


class BitcoinExtractor:
    """``btc_address``: base58check P2PKH/P2SH as written, segwit bech32/bech32m in lower case."""

    name = "btc_address"

    def extract(self, doc: ExtractionInput) -> Iterable[Entity]:
        text = normalize_text(doc.text)
        return set(self._segwit(text)) | set(self._legacy(text))

    def _segwit(self, text: str) -> Iterator[Entity]:
        if "bc1" not in text and "BC1" not in text:
            return
        for match in _BTC_SEGWIT.finditer(text):
            if is_valid_segwit(match.group(0)):
                yield Entity("btc_address", match.group(0).lower())

    def _legacy(self, text: str) -> Iterator[Entity]:
        for match in _BTC_LEGACY.finditer(text):
            payload = base58check_payload(match.group(0))
            if payload is not None and len(payload) == 21 and payload[0] in _BTC_VERSIONS:
                yield Entity("btc_address", match.group(0))


class EthereumExtractor:
    """``eth_address``: ``0x`` + 40 hex, lower case; mixed case must pass EIP-55."""

    name = "eth_address"

    def extract(self, doc: ExtractionInput) -> Iterable[Entity]:
        text = normalize_text(doc.text)
        if "0x" not in text:
            return set()
        return {
            Entity("eth_address", match.group(0).lower())
            for match in _ETH.finditer(text)
            if is_valid_eip55(match.group(0)[2:])
        }


class TronExtractor:
    """``tron_address``: ``T`` + 33 base58 characters, version byte 0x41, as written."""

    name = "tron_address"

    def extract(self, doc: ExtractionInput) -> Iterable[Entity]:
        text = normalize_text(doc.text)
        if "T" not in text:
            return set()
        found: set[Entity] = set()
        for match in _TRON.finditer(text):
            payload = base58check_payload(match.group(0))
            if payload is not None and len(payload) == 21 and payload[0] == _TRON_VERSION:
                found.add(Entity("tron_address", match.group(0)))
        return found
