"""Browser-rendered pages when reading captures back (``index rebuild``): a rendered page's text is
its rendered DOM (the ``conversion`` record written by ``lurewatch.crawl.render_records``), not
the bare HTML shell its response record holds.

A page's records are written as one group, so its HTML response is held only until the group
ends (the next record without the page's ``WARC-Page-ID``); the newest DOM referring to it wins.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from lurewatch.analysis import Capture
from lurewatch.parse.decode import decode_html
from lurewatch.warc.reader import StoredRecord

PAGE_ID_HEADER = "WARC-Page-ID"


class RenderedDom:
    def __init__(self) -> None:
        self._held: dict[str, tuple[Capture, str]] = {}  # response record id -> (capture, DOM date)
        self._page = ""

    def before(self, stored: StoredRecord) -> Iterator[Capture]:
        """Captures whose page group ended before ``stored``."""
        page = stored.record.rec_headers.get_header(PAGE_ID_HEADER) or ""
        if self._held and page != self._page and stored.record.rec_type != "request":
            yield from self.flush()
        if page:
            self._page = page

    def take_dom(self, stored: StoredRecord) -> bool:
        """Use a DOM conversion record for the response it refers to; True if it was one."""
        headers = stored.record.rec_headers
        if stored.record.rec_type != "conversion":
            return False
        target = headers.get_header("WARC-Refers-To") or ""
        date = headers.get_header("WARC-Date") or ""
        if target in self._held and date >= self._held[target][1]:
            capture = self._held[target][0]
            html = decode_html(capture.url, headers.get_header("Content-Type") or "", stored.content)
            digest = headers.get_header("WARC-Payload-Digest") or capture.payload_digest
            self._held[target] = (dataclasses.replace(capture, html=html, payload_digest=digest), date)
        return True

    def hold(self, stored: StoredRecord, capture: Capture) -> bool:
        """Keep a rendered page's response until its DOM is seen; True if held."""
        if not stored.record.rec_headers.get_header(PAGE_ID_HEADER) or capture.evidence is None:
            return False
        self._held[capture.evidence.record_id] = (capture, "")
        return True

    def flush(self) -> Iterator[Capture]:
        held, self._held = self._held, {}
        yield from (capture for capture, _ in held.values())
