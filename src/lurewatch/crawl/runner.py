"""Run one crawl in this process with Scrapy's ``CrawlerProcess`` and summarise it.

Scrapy's reactor runs once per process, so callers that need several crawls (the scheduler) start
``lurewatch crawl`` as a child process.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings

from lurewatch.config import Config
from lurewatch.crawl import defaults
from lurewatch.crawl.spider import SiteSpider

log = logging.getLogger(__name__)


def new_job_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(2)


@dataclass
class CrawlOptions:
    seeds: list[str]
    max_pages: int = 0
    depth: int = 0
    render: bool = False
    render_patterns: list[str] = field(default_factory=list)  # regexes: render only matching URLs
    name: str = ""
    job_id: str = field(default_factory=new_job_id)
    obey_robots: bool = True
    resume: bool = False  # go on with job_id: answer already-archived URLs from the archive
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass
class CrawlSummary:
    job_id: str
    name: str
    seeds: list[str]
    started_at: str
    finished_at: str
    pages: int
    responses: int
    bytes: int
    warc_files: list[str]
    entities: int
    errors: int
    unindexed: int
    finish_reason: str
    seed_errors: dict[str, str]
    error_counts: dict[str, int]

    @property
    def all_seeds_failed(self) -> bool:
        return bool(self.seeds) and len(self.seed_errors) == len(self.seeds)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def build_settings(config: Config, options: CrawlOptions) -> Settings:
    settings = Settings()
    settings.setmodule(defaults, priority="project")
    settings.update(
        {
            "LUREWATCH_HOME": str(config.home),
            "LUREWATCH_INDEX": config.index_uri,
            "LUREWATCH_OPERATOR": config.operator,
            "LUREWATCH_JOB_ID": options.job_id,
            "LUREWATCH_JOB_DESCRIPTION": options.name,
            "LUREWATCH_MAX_PAGES": options.max_pages,
            "LUREWATCH_DEPTH": options.depth,
            "LUREWATCH_RENDER": options.render,
            "LUREWATCH_RENDER_PATTERNS": list(options.render_patterns),
            "ROBOTSTXT_OBEY": options.obey_robots,
            "LOG_INSTALL_ROOT_HANDLER": False,  # the caller owns logging (lurewatch CLI: --verbose)
        },
        priority="cmdline",
    )
    settings.update(options.settings, priority="cmdline")
    if options.resume:
        settings.set("LUREWATCH_RESUME_JOB", options.job_id, priority="cmdline")
    return settings


ProgressHook = Callable[[str, int], None]


def run_crawl(config: Config, options: CrawlOptions, on_progress: ProgressHook | None = None) -> CrawlSummary:
    settings = build_settings(config, options)
    started = datetime.now(UTC)
    process = CrawlerProcess(settings)
    crawler: Crawler = process.create_crawler(SiteSpider)
    if on_progress is not None:
        crawler.signals.connect(lambda **_: on_progress("page", 1), signal=signals.item_scraped, weak=False)
        crawler.signals.connect(lambda **_: on_progress("response", 1), signal=signals.response_received, weak=False)
    process.crawl(crawler, url=options.seeds, max_pages=options.max_pages, depth=options.depth)
    process.start()
    return summarise(crawler, options, started)


def summarise(crawler: Crawler, options: CrawlOptions, started: datetime) -> CrawlSummary:
    stats: dict[str, Any] = crawler.stats.get_stats() if crawler.stats else {}
    spider = crawler.spider
    writer = getattr(crawler, "lurewatch_writer", None)
    pipeline = getattr(crawler, "lurewatch_index_pipeline", None)
    prefix = "lurewatch/errors/"
    return CrawlSummary(
        job_id=options.job_id,
        name=options.name,
        seeds=list(options.seeds),
        started_at=started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        finished_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        pages=int(stats.get("lurewatch/pages", 0)),
        responses=int(stats.get("downloader/response_count", 0)),
        bytes=int(stats.get("lurewatch/warc_bytes", 0)),
        warc_files=[s.path.name for s in writer.sealed] if writer else [],
        entities=int(stats.get("lurewatch/entities_distinct", 0)),
        errors=int(stats.get("lurewatch/errors", 0)),
        unindexed=len(pipeline.unindexed) if pipeline else 0,
        finish_reason=str(stats.get("finish_reason", "unknown")),
        seed_errors=dict(getattr(spider, "seed_errors", {})),
        error_counts={k[len(prefix):]: int(v) for k, v in stats.items() if k.startswith(prefix)},
    )
