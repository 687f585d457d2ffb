"""scrapy-playwright's download handler, adapted for unattended evidence crawls.

- One instance (so one browser and one context) serves both http and https: Scrapy builds a
  handler per scheme, and each would otherwise launch its own Chromium.
- No retries on a closed page: a page is closed on purpose when it stops answering (see
  ``PageCapture`` watchdog), and loading it again would only hang again.
"""

from __future__ import annotations

import inspect
from typing import Any

from scrapy.crawler import Crawler
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred

_ATTR = "_lurewatch_playwright_handler"


class PlaywrightHandler(ScrapyPlaywrightDownloadHandler):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.config.target_closed_max_retries = 0
        self._lurewatch_closed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        handler = getattr(crawler, _ATTR, None)
        if handler is None:
            handler = cls(crawler)
            setattr(crawler, _ATTR, handler)
        return handler

    async def close(self) -> None:  # type: ignore[override]  # called once per scheme; close the browser once
        if self._lurewatch_closed:
            return
        self._lurewatch_closed = True
        closing = super().close()  # a coroutine on Scrapy's async API, a Deferred before it
        if inspect.isawaitable(closing) and not isinstance(closing, Deferred):
            await closing
        else:
            await maybe_deferred_to_future(closing)
