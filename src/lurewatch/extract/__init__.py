"""Entity extraction: contact points and money trails from a page's text and links.

``extract_entities(ExtractionInput(text, links, region=...))`` returns sorted, deduplicated
``Entity(type, value)`` in the normal forms of CONTRACT.md.
"""

from __future__ import annotations

from lurewatch.extract.base import ExtractionInput, Extractor
from lurewatch.extract.crypto import BitcoinExtractor, EthereumExtractor, TronExtractor
from lurewatch.extract.email import EmailExtractor
from lurewatch.extract.line import LineExtractor
from lurewatch.extract.normalize import normalize_text
from lurewatch.extract.phone import PhoneExtractor
from lurewatch.extract.region import infer_region
from lurewatch.extract.registry import default_extractors, extract_entities
from lurewatch.extract.telegram import TelegramExtractor
from lurewatch.extract.wechat import WeChatExtractor

__all__ = [
    "BitcoinExtractor",
    "EmailExtractor",
    "EthereumExtractor",
    "ExtractionInput",
    "Extractor",
    "LineExtractor",
    "PhoneExtractor",
    "TelegramExtractor",
    "TronExtractor",
    "WeChatExtractor",
    "default_extractors",
    "extract_entities",
    "infer_region",
    "normalize_text",
]
