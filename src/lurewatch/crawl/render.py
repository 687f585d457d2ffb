"""Browser rendering: which URLs are rendered, and the scrapy-playwright settings that do it.

Rendering is on when ``LUREWATCH_RENDER`` is true (every page) or ``LUREWATCH_RENDER_PATTERNS``
lists regexes (only URLs matching one of them; the rest are fetched plainly). The settings are
applied by ``RenderAddon`` (listed in ``ADDONS``), so ``lurewatch crawl --render`` and
``scrapy crawl site -s LUREWATCH_RENDER=true`` configure the browser the same way, and a crawl
without rendering never loads Playwright or starts Chromium.

The browser is Debian's Chromium (``/usr/bin/chromium``), never a downloaded Playwright build.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

from scrapy.settings import BaseSettings

log = logging.getLogger(__name__)

CHROMIUM = "/usr/bin/chromium"
# Needed to run as root in a container, and to keep Chromium from phoning home: without the
# background-networking flags it floods a closed network with refused connections.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
HANDLER = "lurewatch.crawl.render_handler.PlaywrightHandler"
CAPTURE_MIDDLEWARE = "lurewatch.crawl.render_middleware.RenderCaptureMiddleware"
CAPTURE_MIDDLEWARE_ORDER = 970  # nearer the downloader than the recorder (950) and resume (960): it runs first
PAGE_INIT_CALLBACK = "lurewatch.crawl.render_capture.attach_capture"
META_RENDER = "lurewatch_render"


def render_patterns(settings: BaseSettings) -> tuple[str, ...]:
    value = settings.get("LUREWATCH_RENDER_PATTERNS") or ()
    if isinstance(value, str):
        value = [value]  # one regex; a comma may be part of it, so never split a string
    return tuple(str(p) for p in value if str(p).strip())


def rendering_enabled(settings: BaseSettings) -> bool:
    return settings.getbool("LUREWATCH_RENDER", False) or bool(render_patterns(settings))


@lru_cache(maxsize=8)
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def should_render(settings: BaseSettings, url: str) -> bool:
    if settings.getbool("LUREWATCH_RENDER", False):
        return True
    return any(p.search(url) for p in _compiled(render_patterns(settings)))


def render_meta(settings: BaseSettings, url: str) -> dict[str, Any]:
    """The request meta that has scrapy-playwright render ``url``, or ``{}`` to fetch it plainly.

    Only strings and numbers, so requests stay picklable for the disk queue (resumable crawls).
    """
    if not should_render(settings, url):
        return {}
    return {
        "playwright": True,
        "playwright_include_page": True,  # the capture middleware settles, records and closes it
        "playwright_page_init_callback": PAGE_INIT_CALLBACK,
        # Return as soon as the document starts arriving: the capture middleware does its own
        # bounded waiting, so a page whose load event never fires is still captured.
        "playwright_page_goto_kwargs": {"wait_until": "commit"},
        META_RENDER: True,
    }


class BlockList:
    """``PLAYWRIGHT_ABORT_REQUEST``: aborts only URLs the operator listed in
    ``LUREWATCH_RENDER_BLOCK`` (e.g. a tracker that never answers). Nothing is blocked by
    default, because every response the page needs is evidence."""

    def __init__(self, patterns: list[str]) -> None:
        self.patterns = [re.compile(p) for p in patterns]

    def __call__(self, request: Any) -> bool:
        return any(p.search(request.url) for p in self.patterns)


def playwright_settings(settings: BaseSettings) -> dict[str, Any]:
    """scrapy-playwright settings derived from the ``LUREWATCH_RENDER_*`` values."""
    nav_timeout_ms = settings.getfloat("LUREWATCH_RENDER_NAV_TIMEOUT", 20.0) * 1000
    context = {
        "accept_downloads": False,  # a navigation to a download fails fast instead of downloading
        "ignore_https_errors": True,  # scam sites run on broken certificates; the page is still evidence
        "service_workers": "block",  # a worker could answer from its cache, out of sight of capture
        "user_agent": settings.get("USER_AGENT"),
        "viewport": {
            "width": settings.getint("LUREWATCH_RENDER_VIEWPORT_WIDTH", 1280),
            "height": settings.getint("LUREWATCH_RENDER_VIEWPORT_HEIGHT", 900),
        },
    }
    values: dict[str, Any] = {
        "DOWNLOAD_HANDLERS": {"http": HANDLER, "https": HANDLER},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {
            "executable_path": settings.get("LUREWATCH_CHROMIUM") or CHROMIUM,
            "headless": True,
            "args": list(CHROMIUM_ARGS),
            "handle_sigint": False,  # Scrapy handles Ctrl-C and closes the browser on the way out
            "handle_sigterm": False,
            "handle_sighup": False,
        },
        "PLAYWRIGHT_CONTEXTS": {"default": context},  # one context (one cookie jar) per crawl
        "PLAYWRIGHT_MAX_CONTEXTS": 1,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": settings.getint("LUREWATCH_RENDER_MAX_PAGES", 3),
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": nav_timeout_ms,
        # The browser sends its own headers and cookies, so what is recorded is what it sent.
        "PLAYWRIGHT_PROCESS_REQUEST_HEADERS": None,
        "PLAYWRIGHT_RESTART_DISCONNECTED_BROWSER": True,
    }
    blocked = settings.getlist("LUREWATCH_RENDER_BLOCK")
    if blocked:
        values["PLAYWRIGHT_ABORT_REQUEST"] = BlockList(blocked)
    return values


class RenderAddon:
    """Switches the browser on when rendering is asked for; a no-op otherwise."""

    def update_settings(self, settings: BaseSettings) -> None:
        if not rendering_enabled(settings):
            return
        for name, value in playwright_settings(settings).items():
            settings.set(name, value, priority="addon")
        middlewares = settings.getdict("DOWNLOADER_MIDDLEWARES")
        middlewares[CAPTURE_MIDDLEWARE] = CAPTURE_MIDDLEWARE_ORDER
        settings.set("DOWNLOADER_MIDDLEWARES", middlewares, priority=settings.getpriority("DOWNLOADER_MIDDLEWARES") or "addon")
        log.debug("browser rendering on (patterns: %s)", render_patterns(settings) or "all pages")
