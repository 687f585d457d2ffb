"""The capture middleware for rendered pages: lets the page settle (bounded), records what the
browser received, and hands the spider the rendered DOM instead of the bare HTML shell.

It sits just below the downloader (970, nearer than the WARC recorder at 950), so its
``process_response`` runs before the recorder's, which skips the request because the browser
capture wrote its records itself (``lurewatch_recorded_by_browser``).
"""

from __future__ import annotations

import asyncio
import logging

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Response, TextResponse
from scrapy.responsetypes import responsetypes

from lurewatch.crawl.render import META_RENDER, rendering_enabled
from lurewatch.crawl.render_capture import META_CAPTURE, META_KEEP_ROUTE, META_TIMINGS, Collected, PageCapture, RenderTimings
from lurewatch.crawl.render_records import page_records
from lurewatch.models import EvidenceRef
from lurewatch.warc.records import HttpExchange
from lurewatch.warc.recorder import META_EVIDENCE, META_STARTED, evidence_of

log = logging.getLogger(__name__)

META_RECORDED_BY_BROWSER = "lurewatch_recorded_by_browser"
META_PLAIN_FALLBACK = "lurewatch_render_fallback"


def plain_fallback(request: Request) -> Request:
    """The same request without the browser, marked so it falls back only once."""
    meta = {
        key: value
        for key, value in request.meta.items()
        if not key.startswith("playwright") and key not in (META_RECORDED_BY_BROWSER, META_TIMINGS, META_KEEP_ROUTE, META_RENDER)
    }
    meta[META_PLAIN_FALLBACK] = True
    return request.replace(meta=meta, dont_filter=True)


class RenderFailed(Exception):
    """A rendered page could not be loaded; what did arrive is recorded all the same."""


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:300]}" if text else type(exc).__name__


def _is_html(headers: list[tuple[str, str]]) -> bool:
    ctype = next((v for n, v in headers if n.lower() == "content-type"), "text/html")
    return "html" in ctype.lower()


def _as_received(request: Request, main: HttpExchange) -> Response:
    headers = Headers()
    for name, value in main.response_headers:
        headers.appendlist(name, value)
    cls = responsetypes.from_args(headers=headers, url=main.url, body=main.body)
    return cls(url=main.url, status=main.status, headers=headers, body=main.body, request=request,
               flags=["lurewatch_unrendered"], ip_address=None)


class RenderCaptureMiddleware:
    def __init__(self, crawler: Crawler, timings: RenderTimings) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.timings = timings
        self.keep_route = bool(crawler.settings.getlist("LUREWATCH_RENDER_BLOCK"))
        # for the context scrapy-playwright creates again after a browser crash
        self.context_kwargs = crawler.settings.getdict("PLAYWRIGHT_CONTEXTS").get("default", {})

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RenderCaptureMiddleware:
        if not rendering_enabled(crawler.settings):
            raise NotConfigured("rendering is off")
        return cls(crawler, RenderTimings.from_settings(crawler.settings))

    def process_request(self, request: Request) -> None:
        if request.meta.get("playwright"):
            request.meta[META_TIMINGS] = self.timings
            request.meta[META_KEEP_ROUTE] = self.keep_route
            request.meta.setdefault("playwright_context_kwargs", self.context_kwargs)
            request.meta[META_RECORDED_BY_BROWSER] = True

    async def process_response(self, request: Request, response: Response) -> Response:
        capture: PageCapture | None = request.meta.pop(META_CAPTURE, None)
        request.meta.pop("playwright_page", None)
        if capture is None:
            return response
        capture.hand_over()
        try:
            async with asyncio.timeout(self.timings.page_budget):
                await capture.settle()
        except TimeoutError:
            capture.notes.append(f"page did not settle within {self.timings.page_budget}s")
        collected = await capture.collect()
        await capture.close()
        evidence = self._write(collected)
        self.stats.inc_value("lurewatch/render/pages")
        if evidence is not None:
            request.meta[META_EVIDENCE] = evidence
        main = collected.main
        if main is None:
            log.warning("rendered %s but the browser reported no main document", request.url)
            return response
        request.meta[META_STARTED] = main.started
        if collected.dom is not None and _is_html(main.response_headers) and isinstance(response, TextResponse):
            # entities, text and links come from the rendered DOM
            return response.replace(body=collected.dom.encode("utf-8"), encoding="utf-8")
        return response.replace(body=main.body, encoding=None)  # as received: the page stopped answering

    async def process_exception(self, request: Request, exception: BaseException) -> Response | Request | None:
        """A failed navigation (timeout, download, crash): keep whatever did arrive, and fail the
        request with a one-line reason (Playwright's messages carry a multi-line call log)."""
        if not request.meta.get("playwright"):
            return None
        reason = _one_line(exception)
        capture: PageCapture | None = request.meta.pop(META_CAPTURE, None)
        request.meta.pop("playwright_page", None)
        if capture is not None:
            capture.hand_over()
            capture.notes.append(f"navigation failed: {reason}")
            views = not capture.crashed and not capture.page.is_closed() and capture.page.url.startswith("http")
            collected = await capture.collect(with_views=views)
            await capture.close()
            if collected.exchanges:
                evidence = self._write(collected)
                if evidence is not None:
                    request.meta[META_EVIDENCE] = evidence
            self.stats.inc_value("lurewatch/render/failed")
            main = collected.main
            if main is not None and not capture.download:
                # The document itself arrived: the spider indexes it as received, unrendered.
                log.warning("rendering failed, kept the document as received: %s: %s", request.url, reason)
                request.meta[META_STARTED] = main.started
                return _as_received(request, main)
        else:
            self.stats.inc_value("lurewatch/render/failed")
        if not request.meta.get(META_PLAIN_FALLBACK) and not (capture is not None and capture.download):
            # The browser gave up before it had the document (a page that hogs the renderer, a
            # crash): fetch it plainly, so the page is still archived and indexed as served.
            log.warning("rendering failed, fetching the document plainly: %s: %s", request.url, reason)
            return plain_fallback(request)
        raise RenderFailed(reason) from exception

    def _write(self, collected: Collected) -> EvidenceRef | None:
        writer = getattr(self.crawler, "lurewatch_writer", None)
        if writer is None:
            return None  # WARC recording switched off
        written = writer.write_group(lambda warcinfo_id: page_records(collected, warcinfo_id))
        self.stats.inc_value("lurewatch/records", len(written))
        self.stats.inc_value("lurewatch/warc_bytes", sum(w.length for w in written))
        self.stats.inc_value("lurewatch/render/responses", len(collected.exchanges))
        if collected.screenshot:
            self.stats.inc_value("lurewatch/render/screenshots")
        if collected.main is None or not written:
            return None
        return evidence_of(written[0])  # the main document's response comes first
