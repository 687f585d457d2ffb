"""Capture of one rendered page: every network response the browser received, bounded waiting for
the page to settle, the rendered DOM and a full-page screenshot.

``attach_capture`` is scrapy-playwright's page init callback: it runs before navigation, so the
listeners see the main document too. The capture middleware then calls ``settle`` and
``collect`` and writes the records (see ``render_records``).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from playwright.async_api import Dialog, Page
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Request as PwRequest
from playwright.async_api import Response as PwResponse
from scrapy.http import Request
from scrapy.settings import BaseSettings

from lurewatch.warc.recorder import request_target
from lurewatch.warc.records import ORIGINAL_HEADER_PREFIX, HttpExchange

log = logging.getLogger(__name__)

META_CAPTURE = "lurewatch_page_capture"
META_TIMINGS = "lurewatch_render_timings"
META_KEEP_ROUTE = "lurewatch_render_keep_route"  # a block list is set: keep the abort route
PAGE_ID_HEADER = "WARC-Page-ID"  # shared by every record of one rendered page (as Browsertrix does)
CAPTURE_HEADER = "WARC-Lurewatch-Capture"  # "browser": body as the browser handed it over
DECODED_HEADER = "WARC-Lurewatch-Decoded"  # the Content-Encoding the browser removed from the body
RESOURCE_TYPE_HEADER = "WARC-Lurewatch-Resource-Type"

T = TypeVar("T")


@dataclass(frozen=True)
class RenderTimings:
    """Upper bounds for each step of one page, so no page holds a browser tab for long."""

    navigation: float = 20.0  # the handler's goto, up to the first byte of the document
    load: float = 15.0  # wait for DOMContentLoaded
    idle_cap: float = 5.0  # wait for the network to go quiet after load
    quiet: float = 0.5  # no request in flight for this long counts as quiet
    stall: float = 1.5  # no network event for this long counts as quiet (long-polls, hung images)
    scrolls: int = 8  # viewport-height scroll steps to trigger lazy loading
    scroll_idle_cap: float = 1.5
    step: float = 5.0  # one evaluate/content call (a busy renderer never answers)
    screenshot: float = 15.0
    screenshot_max_height: int = 16_000  # px; an endless page is cut here
    page_budget: float = 60.0  # the whole settle + collect of one page

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> RenderTimings:
        return cls(
            navigation=settings.getfloat("LUREWATCH_RENDER_NAV_TIMEOUT", cls.navigation),
            load=settings.getfloat("LUREWATCH_RENDER_LOAD_TIMEOUT", cls.load),
            idle_cap=settings.getfloat("LUREWATCH_RENDER_IDLE_CAP", cls.idle_cap),
            scrolls=settings.getint("LUREWATCH_RENDER_SCROLLS", cls.scrolls),
            screenshot=settings.getfloat("LUREWATCH_RENDER_SCREENSHOT_TIMEOUT", cls.screenshot),
            page_budget=settings.getfloat("LUREWATCH_RENDER_PAGE_BUDGET", cls.page_budget),
        )


@dataclass
class _Entry:
    request: PwRequest
    started: datetime
    state: str = "pending"  # pending | finished | failed
    exchange: HttpExchange | None = None


@dataclass
class Collected:
    """What one rendered page produced, ready to be written."""

    page_id: str
    url: str  # the URL the Scrapy request asked for
    exchanges: list[HttpExchange]
    main: HttpExchange | None  # the main document's final (non-redirect) response
    dom: str | None
    dom_url: str
    screenshot: bytes | None
    captured_at: datetime
    notes: list[str] = field(default_factory=list)


def _protocol(version: str | None) -> str:
    v = (version or "").strip().lower()
    if v in ("h2", "http/2", "http/2.0"):
        return "HTTP/2"
    if v in ("h3", "http/3", "http/3.0"):
        return "HTTP/3"
    if v in ("http/1.0",):
        return "HTTP/1.0"
    return "HTTP/1.1"


def _pairs(array: list[Any]) -> list[tuple[str, str]]:
    return [(h["name"], h["value"]) for h in array]


def browser_response_headers(headers: list[tuple[str, str]], body_len: int, complete: bool) -> tuple[list[tuple[str, str]], str]:
    """The browser hands over decoded bodies: rename the Content-Encoding and Content-Length that
    no longer describe the stored bytes (as records.py does for Transfer-Encoding), so nothing is
    lost and replay tools do not decode twice. Returns the headers and the removed encoding."""
    encoding = next((v for n, v in headers if n.lower() == "content-encoding" and v.strip().lower() != "identity"), "")
    length_ok = all(v.strip() == str(body_len) for n, v in headers if n.lower() == "content-length")
    out: list[tuple[str, str]] = []
    for name, value in headers:
        lname = name.lower()
        if encoding and lname == "content-encoding":
            out.append((ORIGINAL_HEADER_PREFIX + name, value))
        elif lname == "content-length" and complete and (encoding or not length_ok):
            out.append((ORIGINAL_HEADER_PREFIX + name, value))
        else:
            out.append((name, value))
    if encoding and complete:
        out.append(("Content-Length", str(body_len)))
    return out, encoding


class PageCapture:
    """Listens to one Playwright page and turns what it received into ``HttpExchange``s."""

    def __init__(self, page: Page, url: str, timings: RenderTimings) -> None:
        self.page = page
        self.url = url
        self.timings = timings
        self.page_id = f"<urn:uuid:{uuid.uuid4()}>"
        self.entries: dict[PwRequest, _Entry] = {}
        self.tasks: set[asyncio.Task[None]] = set()
        self.crashed = False
        self.unresponsive = False  # a step timed out: the renderer is busy (an endless script)
        self.handed_over = False  # the capture middleware has taken the page from the handler
        self.download = False  # the navigation turned into a download (not followed)
        self.notes: list[str] = []
        self._loop = asyncio.get_running_loop()
        self.last_activity = self._loop.time()
        page.on("request", self._on_request)
        page.on("requestfinished", self._on_finished)
        page.on("requestfailed", self._on_failed)
        page.on("dialog", self._on_dialog)
        page.on("crash", self._on_crash)
        page.on("download", self._on_download)

    # -- events ---------------------------------------------------------------------------------

    def _touch(self) -> None:
        self.last_activity = self._loop.time()

    def _on_request(self, request: PwRequest) -> None:
        self._touch()
        if request.url.startswith(("http://", "https://")):
            self.entries[request] = _Entry(request, datetime.now(UTC))

    def _on_finished(self, request: PwRequest) -> None:
        self._settled(request, "finished")

    def _on_failed(self, request: PwRequest) -> None:
        self._settled(request, "failed")

    def _settled(self, request: PwRequest, state: str) -> None:
        self._touch()
        entry = self.entries.get(request)
        if entry is None or entry.state != "pending":
            return
        entry.state = state
        # Read the body now: Chromium evicts bodies of finished requests under memory pressure.
        task = asyncio.ensure_future(self._grab(entry, truncated=None if state == "finished" else "disconnect"))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def _on_dialog(self, dialog: Dialog) -> None:
        # alert/confirm/prompt block the page's script until answered; dismiss and note it
        self.notes.append(f"dialog {dialog.type}: {dialog.message[:500]}")
        task = asyncio.ensure_future(self._quietly(dialog.dismiss()))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def _on_crash(self, page: Page) -> None:
        self.crashed = True
        self.notes.append("page crashed")
        log.warning("browser page crashed: %s", self.url)

    def _on_download(self, download: Any) -> None:
        self.download = True
        self.notes.append(f"download not followed: {download.url}")

    @staticmethod
    async def _quietly(awaitable: Awaitable[Any]) -> None:
        try:
            await awaitable
        except PlaywrightError:
            pass

    # -- reading responses ----------------------------------------------------------------------

    async def _grab(self, entry: _Entry, truncated: str | None) -> None:
        try:
            entry.exchange = await self._exchange(entry, truncated)
        except PlaywrightError as exc:
            log.debug("could not read %s from the browser: %s", entry.request.url, exc)
        except Exception as exc:  # one unreadable response must not lose the page's other records
            log.warning("could not read %s from the browser: %s: %s", entry.request.url, type(exc).__name__, exc)

    async def _exchange(self, entry: _Entry, truncated: str | None) -> HttpExchange | None:
        request = entry.request
        response: PwResponse | None = await request.response()
        if response is None:
            return None  # nothing was received (refused, aborted before headers)
        body = b""
        if truncated is None and not 300 <= response.status < 400:
            try:
                body = await response.body()
            except PlaywrightError as exc:
                truncated = "unspecified"
                log.debug("no body for %s: %s", request.url, exc)
        req_headers = _pairs(await request.headers_array())
        if not any(n.lower() == "host" or n == ":authority" for n, _ in req_headers):
            host = request.url.split("/", 3)[2]
            req_headers.insert(0, ("Host", host))
        resp_headers, encoding = browser_response_headers(
            _pairs(await response.headers_array()), len(body), complete=truncated is None
        )
        addr = await response.server_addr()
        ip = addr["ipAddress"].strip("[]") if addr and addr.get("ipAddress") else None
        extra = {PAGE_ID_HEADER: self.page_id, CAPTURE_HEADER: "browser", RESOURCE_TYPE_HEADER: request.resource_type}
        if encoding:
            extra[DECODED_HEADER] = encoding
        timing = request.timing
        start_ms = timing.get("startTime", 0) if isinstance(timing, dict) else 0
        started = datetime.fromtimestamp(start_ms / 1000, UTC) if start_ms and start_ms > 0 else entry.started
        return HttpExchange(
            url=request.url,
            method=request.method,
            request_target=request_target(request.url),
            request_headers=req_headers,
            request_body=request.post_data_buffer or b"",
            protocol=_protocol(await response.http_version()),
            status=response.status,
            response_headers=resp_headers,
            body=body,
            started=started,
            ip_address=ip,
            truncated=truncated,
            extra_warc_headers=extra,
        )

    # -- bounded waiting ------------------------------------------------------------------------

    async def _step(self, awaitable: Awaitable[T], limit: float, what: str) -> T | None:
        """One browser call, bounded: a busy or crashed renderer answers with ``None``."""
        if self.crashed or self.unresponsive:
            if asyncio.iscoroutine(awaitable):
                awaitable.close()
            return None
        try:
            return await asyncio.wait_for(awaitable, limit)
        except TimeoutError:
            if what != "load":
                self.unresponsive = True
                self.notes.append(f"page stopped answering ({what})")
            log.debug("%s on %s timed out", what, self.url)
            return None
        except PlaywrightError as exc:
            log.debug("%s on %s gave up: %s", what, self.url, exc.__class__.__name__)
            return None

    def _in_flight(self) -> int:
        return sum(1 for e in self.entries.values() if e.state == "pending")

    async def wait_quiet(self, cap: float) -> None:
        """Until nothing is in flight for ``quiet`` s, or nothing moved for ``stall`` s (a long-poll
        never ends), at most ``cap`` s."""
        t = self.timings
        deadline = self._loop.time() + cap
        while self._loop.time() < deadline and not self.crashed and not self.page.is_closed():
            idle_for = self._loop.time() - self.last_activity
            if idle_for >= t.stall or (idle_for >= t.quiet and not self._in_flight()):
                return
            await asyncio.sleep(0.1)

    async def settle(self) -> None:
        t = self.timings
        await self._step(self.page.wait_for_load_state("domcontentloaded", timeout=t.load * 1000), t.load + 1, "load")
        await self.wait_quiet(t.idle_cap)
        for _ in range(t.scrolls):  # lazy loading: scroll a viewport at a time, bounded
            pos = await self._step(
                self.page.evaluate(
                    "() => { const e = document.scrollingElement || document.documentElement;"
                    " const h = e.scrollHeight; window.scrollBy(0, window.innerHeight);"
                    " return [window.scrollY + window.innerHeight, h]; }"
                ),
                t.step,
                "scroll",
            )
            if pos is None:
                break
            await self.wait_quiet(t.scroll_idle_cap)
            height = await self._step(
                self.page.evaluate("() => (document.scrollingElement || document.documentElement).scrollHeight"),
                t.step,
                "height",
            )
            if height is None or (pos[0] >= pos[1] and height <= pos[1]):
                break  # at the bottom and nothing more arrived

    # -- collecting -----------------------------------------------------------------------------

    async def _screenshot(self) -> bytes | None:
        t = self.timings
        height = await self._step(
            self.page.evaluate("() => (document.scrollingElement || document.documentElement).scrollHeight"),
            t.step,
            "height",
        )
        kwargs: dict[str, Any] = {"full_page": True, "type": "png", "timeout": t.screenshot * 1000}
        if isinstance(height, int) and height > t.screenshot_max_height:
            width = self.page.viewport_size["width"] if self.page.viewport_size else 1280
            kwargs["clip"] = {"x": 0, "y": 0, "width": width, "height": t.screenshot_max_height}
            self.notes.append(f"screenshot cut at {t.screenshot_max_height}px of {height}px")
        await self._step(self.page.evaluate("() => window.scrollTo(0, 0)"), t.step, "scroll top")
        return await self._step(self.page.screenshot(**kwargs), t.screenshot + 1, "screenshot")

    async def collect(self, with_views: bool = True) -> Collected:
        """DOM, screenshot and every exchange received so far; the page stays open."""
        t = self.timings
        moment = datetime.now(UTC)
        dom = screenshot = None
        if with_views and not self.page.is_closed():
            dom = await self._step(self.page.content(), t.step, "content")
            screenshot = await self._screenshot()
        dom_url = self.page.url if not self.page.is_closed() else self.url
        # Requests still pending: headers may have arrived (a long-poll, an endless stream)
        for entry in self.entries.values():
            if entry.state == "pending":
                entry.state = "failed"
                task = asyncio.ensure_future(self._grab_pending(entry))
                self.tasks.add(task)
        pending = {task for task in self.tasks if task is not asyncio.current_task()}
        if pending:
            await asyncio.wait(pending, timeout=t.step)
        exchanges = [e.exchange for e in self.entries.values() if e.exchange is not None]
        return Collected(
            page_id=self.page_id,
            url=self.url,
            exchanges=exchanges,
            main=self._main_document(),
            dom=dom,
            dom_url=dom_url,
            screenshot=screenshot,
            captured_at=moment,
            notes=list(self.notes),
        )

    async def _grab_pending(self, entry: _Entry) -> None:
        # request.response() waits for headers; a request that never got any yields nothing
        try:
            response = await asyncio.wait_for(entry.request.response(), 0.5)
        except (TimeoutError, PlaywrightError):
            return
        if response is not None:
            await self._grab(entry, truncated="time")

    def _main_document(self) -> HttpExchange | None:
        """The first main-frame navigation's final response (redirect hops are recorded too)."""
        for entry in self.entries.values():
            try:
                is_main = entry.request.is_navigation_request() and entry.request.frame == self.page.main_frame
            except PlaywrightError:
                continue
            if is_main and entry.exchange is not None and not 300 <= entry.exchange.status < 400:
                return entry.exchange
        return None

    def start_watchdog(self) -> None:
        self._watchdog_task = asyncio.ensure_future(self._watchdog())

    def hand_over(self) -> None:
        self.handed_over = True
        task = getattr(self, "_watchdog_task", None)
        if task is not None:
            task.cancel()

    async def _watchdog(self) -> None:
        """The handler reads ``page.content()`` without a timeout, which never returns while a
        script spins. If it has not handed the page over in time, close the page: the request
        then fails and the capture middleware records what arrived."""
        await asyncio.sleep(self.timings.navigation + 2 * self.timings.step)
        if not self.handed_over and not self.page.is_closed():
            self.unresponsive = True
            self.notes.append("page stopped answering (handler)")
            log.info("closing %s: the page stopped answering", self.url)
            await self.close()

    async def close(self) -> None:
        try:
            await asyncio.wait_for(self.page.close(), self.timings.step)
        except (TimeoutError, PlaywrightError) as exc:
            log.debug("closing the page of %s: %s", self.url, exc.__class__.__name__)


async def attach_capture(page: Page, request: Request) -> None:
    """scrapy-playwright page init callback (``playwright_page_init_callback``): runs after the
    handler routed the page and before navigation."""
    timings = request.meta.get(META_TIMINGS) or RenderTimings()
    capture = PageCapture(page, request.url, timings)  # first: the listeners matter most
    request.meta[META_CAPTURE] = capture
    capture.start_watchdog()
    if not request.meta.get(META_KEEP_ROUTE):
        # Chromium reports only provisional request headers (no Host, Cookie, Accept-Encoding...)
        # for intercepted requests; without a block list nothing needs intercepting.
        await page.unroute("**")
    # A cached response is not received again: with the cache off, each page's records are whole.
    session = await page.context.new_cdp_session(page)
    await session.send("Network.enable")
    await session.send("Network.setCacheDisabled", {"cacheDisabled": True})
