"""The extractors run on every page, and the one function that runs them.

Each extractor is isolated: one raising on an odd page is logged and skipped, and the page still
gets every entity the others found (a crawl must never lose a page to one extractor's bug).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from lurewatch.extract.base import ExtractionInput, Extractor
from lurewatch.extract.crypto import BitcoinExtractor, EthereumExtractor, TronExtractor
from lurewatch.extract.email import EmailExtractor
from lurewatch.extract.line import LineExtractor
from lurewatch.extract.phone import PhoneExtractor
from lurewatch.extract.telegram import TelegramExtractor
from lurewatch.extract.wechat import WeChatExtractor
from lurewatch.models import Entity

__all__ = ["default_extractors", "extract_entities"]

logger = logging.getLogger(__name__)

_DEFAULT: tuple[Extractor, ...] | None = None


def default_extractors() -> tuple[Extractor, ...]:
    """One instance of every built-in extractor (they are stateless and shared)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = (
            PhoneExtractor(),
            EmailExtractor(),
            TelegramExtractor(),
            WeChatExtractor(),
            LineExtractor(),
            BitcoinExtractor(),
            EthereumExtractor(),
            TronExtractor(),
        )
    return _DEFAULT


def extract_entities(
    doc: ExtractionInput, extractors: Sequence[Extractor] | None = None
) -> list[Entity]:
    """Every entity found on the page by ``extractors`` (default: all), deduplicated and sorted."""
    found: set[Entity] = set()
    for extractor in default_extractors() if extractors is None else extractors:
        try:
            found.update(extractor.extract(doc))
        except Exception:
            # Isolation by design: log with the traceback and the page, keep the other results.
            logger.exception("extractor %r failed on %s", getattr(extractor, "name", extractor),
                             doc.url or "<no url>")
    return sorted(found)
