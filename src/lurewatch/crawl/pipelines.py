"""Thin item pipelines: analyse each page (entities, risk), then index it in batches.

Each step isolates its errors: a page that fails analysis is logged and counted, an index backend
that is down or refuses writes does not stop the crawl (the WARC files are the source of truth and
``lurewatch index rebuild`` fills any gap).
"""

from __future__ import annotations

import asyncio
import logging
import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from lurewatch.analysis import Capture, analyze
from lurewatch.crawl.items import PageItem
from lurewatch.index import IndexBackend, IndexBackendError, open_index
from lurewatch.models import PageRecord

log = logging.getLogger(__name__)


class AnalyzePipeline:
    """Parse, extract entities and score each page, in worker processes when the machine has a
    core to spare: the crawl's own process then only fetches, archives and follows links, and the
    analysis (the costliest step per page) runs beside it instead of in turn."""

    def __init__(self, crawler: Crawler, workers: int) -> None:
        self.stats = crawler.stats
        self.distinct: set[tuple[str, str]] = set()
        # forkserver: workers must not inherit the running reactor's sockets and threads
        self.pool = ProcessPoolExecutor(workers, mp_context=get_context("forkserver")) if workers else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AnalyzePipeline:
        workers = crawler.settings.get("LUREWATCH_ANALYSIS_WORKERS")
        if workers is None or workers == "auto":
            workers = 1 if (os.cpu_count() or 1) >= 2 else 0
        return cls(crawler, int(workers))

    async def process_item(self, item: PageItem) -> PageItem:
        capture = Capture(item.url, item.status, item.captured_at, item.html, item.payload_digest, item.evidence)
        try:
            if self.pool is None:
                item.record = analyze(capture)
            else:
                item.record = await asyncio.wrap_future(self.pool.submit(analyze, capture))
        except Exception as exc:  # one bad page must never stop the crawl
            self.stats.inc_value("lurewatch/errors/analysis")
            self.stats.inc_value("lurewatch/errors")
            log.error("analysis failed for %s: %s: %s", item.url, type(exc).__name__, exc)
            raise DropItem(f"analysis failed for {item.url}") from exc
        item.html = ""  # analysed: do not keep the document in memory any longer
        self.stats.inc_value("lurewatch/pages")
        self.distinct.update((e.type, e.value) for e in item.record.entities)
        self.stats.set_value("lurewatch/entities_distinct", len(self.distinct))
        return item

    def close_spider(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


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
