"""The site spider: crawls the hosts of its seed URLs, breadth-first, within depth and page limits,
around spider traps, and yields one ``PageItem`` per HTML page."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from lurewatch.crawl.items import PageItem
from lurewatch.crawl.render import render_meta
from lurewatch.crawl.traps import TrapFilter, canonical_url
from lurewatch.parse.links import page_links
from lurewatch.parse.decode import response_text
from lurewatch.warc.recorder import META_EVIDENCE, META_PAYLOAD_DIGEST, META_STARTED
from lurewatch.warc.records import sha256_label

log = logging.getLogger(__name__)

_FOLLOW_SCHEMES = ("http", "https")
_SKIP_EXTENSIONS = (
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".ico", ".css", ".js", ".woff", ".woff2", ".ttf",
    ".mp4", ".mp3", ".avi", ".mov", ".zip", ".gz", ".rar", ".7z", ".exe", ".dmg", ".apk", ".iso",
)


def _split_seeds(value: str | list[str] | None) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.replace("\n", ",").split(",") if v.strip()]
    return [v for v in value if v]


def _host_variants(host: str) -> set[str]:
    bare = host.removeprefix("www.")
    return {bare, "www." + bare}


_WRAPPED_FAILURE = re.compile(r"<twisted\.python\.failure\.Failure [\w.]*?(\w+): ([^>]*)>")


def failure_reason(failure: Failure) -> str:
    """One readable line: Twisted wraps connection errors in lists of ``<Failure ...>`` reprs."""
    message = failure.getErrorMessage() or failure.type.__name__
    wrapped = _WRAPPED_FAILURE.findall(message)
    if wrapped:
        return "; ".join(f"{name}: {text.strip().rstrip('.')}" for name, text in wrapped)
    return message


class SiteSpider(scrapy.Spider):
    """``scrapy crawl site -a url=https://jobs.example/ -a max_pages=500 -a depth=3``"""

    name = "site"

    def __init__(
        self,
        url: str | list[str] | None = None,
        urls: str | list[str] | None = None,
        max_pages: int | str | None = None,
        depth: int | str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.seeds = [canonical_url(u) for u in _split_seeds(url) + _split_seeds(urls)]
        if not self.seeds:
            raise ValueError("the site spider needs at least one seed URL (-a url=...)")
        self._max_pages_arg = max_pages
        self._depth_arg = depth
        self.hosts: set[str] = set()
        for seed in self.seeds:
            self.hosts |= _host_variants((urlsplit(seed).hostname or "").lower())
        self.scheduled = 0
        self.seen: set[str] = set()
        self.seed_errors: dict[str, str] = {}
        self.seed_ok: set[str] = set()

    def _limits(self) -> tuple[int, int]:
        settings = self.crawler.settings
        max_pages = int(self._max_pages_arg or settings.getint("LUREWATCH_MAX_PAGES", 0))
        depth = int(self._depth_arg or settings.getint("LUREWATCH_DEPTH", 0))
        return max_pages, depth

    @property
    def traps(self) -> TrapFilter:
        if not hasattr(self, "_traps"):
            s = self.crawler.settings
            self._traps = TrapFilter(
                max_path_depth=s.getint("LUREWATCH_TRAP_MAX_PATH_DEPTH", 12),
                max_url_length=s.getint("LUREWATCH_TRAP_MAX_URL_LENGTH", 1024),
                max_per_pattern=s.getint("LUREWATCH_TRAP_MAX_PER_PATTERN", 1000),
                max_per_calendar_pattern=s.getint("LUREWATCH_TRAP_MAX_PER_CALENDAR_PATTERN", 24),
                years_back=s.getint("LUREWATCH_TRAP_YEARS_BACK", 1),
                years_ahead=s.getint("LUREWATCH_TRAP_YEARS_AHEAD", 1),
            )
        return self._traps

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for seed in self.seeds:
            request = self._request(seed, depth=0, seed=seed)
            if request is not None:
                yield request

    def _request(self, url: str, depth: int, seed: str | None = None) -> scrapy.Request | None:
        max_pages, _ = self._limits()
        if url in self.seen:
            return None
        if max_pages and self.scheduled >= max_pages:
            return None
        self.seen.add(url)
        self.scheduled += 1
        meta: dict[str, Any] = {"lurewatch_depth": depth}
        if seed:
            meta["lurewatch_seed"] = seed
        meta.update(render_meta(self.crawler.settings, url))  # {} unless this URL is to be rendered
        return scrapy.Request(url, callback=self.parse, errback=self.on_error, meta=meta)

    def parse(self, response: Response) -> Iterator[Any]:
        seed = response.meta.get("lurewatch_seed")
        if seed:
            self.seed_ok.add(seed)
        if not isinstance(response, TextResponse) or b"html" not in (response.headers.get("Content-Type") or b"html").lower():
            self.crawler.stats.inc_value("lurewatch/non_html")
            return
        started = response.meta.get(META_STARTED) or datetime.now(UTC)
        html = response_text(response)
        yield PageItem(
            url=response.url,
            status=response.status,
            captured_at=started.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            # the digest of the body as archived; a browser or the archive (resume) hands over
            # bodies that are already decoded, and then the body itself is what was stored
            payload_digest=response.meta.get(META_PAYLOAD_DIGEST) or sha256_label(response.body),
            html=html,
            evidence=response.meta.get(META_EVIDENCE),
        )
        if "download_stopped" in response.flags:
            return  # a truncated page's links are incomplete; do not crawl on from half a page
        # Only the links are read here; the full analysis runs in the pipeline (in a worker process).
        yield from self._follow(response, page_links(html))

    def _follow(self, response: Response, links: list[str]) -> Iterator[scrapy.Request]:
        _, depth_limit = self._limits()
        depth = response.meta.get("lurewatch_depth", 0) + 1
        if depth_limit and depth > depth_limit:
            return
        for href in links:
            url = urljoin(response.url, href.strip())
            parts = urlsplit(url)
            if parts.scheme not in _FOLLOW_SCHEMES or (parts.hostname or "").lower() not in self.hosts:
                continue
            if parts.path.lower().endswith(_SKIP_EXTENSIONS):
                continue
            url = canonical_url(url)
            if url in self.seen:
                continue
            reason = self.traps.admit(url)
            if reason:
                self.crawler.stats.inc_value(f"lurewatch/trap_skipped/{reason}")
                log.debug("skipped %s (%s)", url, reason)
                continue
            request = self._request(url, depth)
            if request is None:
                return
            yield request

    def on_error(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        reason = failure_reason(failure)
        response = getattr(failure.value, "response", None)
        if response is not None:
            reason = f"HTTP {response.status}"
            self.crawler.stats.inc_value(f"lurewatch/errors/http_{response.status}")
        else:
            self.crawler.stats.inc_value(f"lurewatch/errors/{failure.type.__name__}")
        self.crawler.stats.inc_value("lurewatch/errors")
        seed = request.meta.get("lurewatch_seed")
        if seed:
            self.seed_errors[seed] = reason
        log.warning("fetch failed: %s: %s", request.url, reason)
