"""Thin item pipelines: analyse each page (entities, risk), then index it in batches.

Each step isolates its errors: a page that fails analysis is logged and counted, an index backend
that is down or refuses writes does not stop the crawl (the WARC files are the source of truth and
``lurewatch index rebuild`` fills any gap).
"""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from lurewatch.analysis import Capture, analyze_parsed
from lurewatch.crawl.items import PageItem
from lurewatch.index import IndexBackend, IndexBackendError, open_index
from lurewatch.models import PageRecord

log = logging.getLogger(__name__)


class AnalyzePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.distinct: set[tuple[str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AnalyzePipeline:
        return cls(crawler)

    def process_item(self, item: PageItem) -> PageItem:
        try:
            item.record = analyze_parsed(
                Capture(item.url, item.status, item.captured_at, "", item.payload_digest, item.evidence), item.parsed
            )
        except Exception as exc:  # one bad page must never stop the crawl
            self.stats.inc_value("lurewatch/errors/analysis")
            self.stats.inc_value("lurewatch/errors")
            log.error("analysis failed for %s: %s: %s", item.url, type(exc).__name__, exc)
            raise DropItem(f"analysis failed for {item.url}") from exc
        self.stats.inc_value("lurewatch/pages")
        self.distinct.update((e.type, e.value) for e in item.record.entities)
        self.stats.set_value("lurewatch/entities_distinct", len(self.distinct))
        return item


class IndexPipeline:
    def __init__(self, crawler: Crawler, backend: IndexBackend, batch: int) -> None:
        self.stats = crawler.stats
        self.backend = backend
        self.batch_size = batch
        self.pending: list[PageRecord] = []
        self.unindexed: list[str] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IndexPipeline:
        settings = crawler.settings
        uri = settings.get("LUREWATCH_INDEX") or "sqlite"
        if uri == "none":
            raise NotConfigured("indexing is switched off (LUREWATCH_INDEX=none)")
        home = Path(settings.get("LUREWATCH_HOME") or "lurewatch-data")
        pipeline = cls(crawler, open_index(uri, home), settings.getint("LUREWATCH_INDEX_BATCH", 200))
        crawler.lurewatch_index_pipeline = pipeline  # type: ignore[attr-defined]  # the CLI reads what was left unindexed
        return pipeline

    def process_item(self, item: PageItem) -> PageItem:
        if item.record is not None:
            self.pending.append(item.record)
            if len(self.pending) >= self.batch_size:
                self._flush()
        return item

    def _flush(self) -> None:
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        try:
            self.backend.index_pages(batch)
            self.stats.inc_value("lurewatch/indexed", len(batch))
        except IndexBackendError as exc:
            self.unindexed.extend(p.url for p in batch)
            self.stats.inc_value("lurewatch/errors/index", len(batch))
            log.error("indexing %d pages failed (they stay in the WARC files; run `lurewatch index rebuild`): %s", len(batch), exc)

    def close_spider(self) -> None:
        self._flush()
        try:
            self.backend.flush()
        except IndexBackendError as exc:
            log.error("index flush failed: %s", exc)
        self.backend.close()
