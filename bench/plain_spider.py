"""Peer (a) of the crawl benchmark: plain Scrapy, no archiving, no extraction, no pipelines.

    .venv/bin/python bench/plain_spider.py URL STATS_JSON [--concurrency 16] [--user-agent UA]

Follows every same-host link with a ``LinkExtractor`` and yields ``{"url", "title"}`` per page.
Settings are given in full here (no project settings are read), with the same politeness as the
lurewatch peer: AutoThrottle off, no delay, robots.txt ignored. Scrapy's final stats are written
to STATS_JSON for the benchmark to read.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.settings import Settings


class PlainSpider(scrapy.Spider):
    name = "plain"

    def __init__(self, url: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.seed = url
        self.allowed_domains = [urlsplit(url).hostname or ""]
        self.netloc = urlsplit(url).netloc
        # allow_domains would compare host:port with the bare host; filter on the netloc instead.
        self.links = LinkExtractor()

    async def start(self) -> AsyncIterator[scrapy.Request]:
        # Not start_urls: those skip the duplicate filter, and the seed would be fetched again when
        # a page links back to "/".
        yield scrapy.Request(self.seed, callback=self.parse)

    def parse(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            return
        yield {"url": response.url, "title": response.css("title::text").get(default="")}
        for link in self.links.extract_links(response):
            if urlsplit(link.url).netloc == self.netloc:
                yield response.follow(link, callback=self.parse)


def settings_for(concurrency: int, user_agent: str) -> Settings:
    return Settings(
        {
            "BOT_NAME": "plainbench",
            "USER_AGENT": user_agent,
            "ROBOTSTXT_OBEY": False,
            "AUTOTHROTTLE_ENABLED": False,
            "DOWNLOAD_DELAY": 0.0,
            "CONCURRENT_REQUESTS": concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
            "TELNETCONSOLE_ENABLED": False,
            "LOG_LEVEL": "INFO",
            "DEPTH_PRIORITY": 1,  # breadth-first, like lurewatch
            "SCHEDULER_DISK_QUEUE": "scrapy.squeues.PickleFifoDiskQueue",
            "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
            "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("stats_json", type=Path)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--user-agent", default="plainbench/0.1 (crawl benchmark)")
    args = parser.parse_args()
    os.environ.pop("SCRAPY_SETTINGS_MODULE", None)
    process = CrawlerProcess(settings_for(args.concurrency, args.user_agent))
    crawler: Crawler = process.create_crawler(PlainSpider)
    process.crawl(crawler, url=args.url)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    args.stats_json.write_text(json.dumps(stats, default=str, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
