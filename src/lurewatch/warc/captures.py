"""The HTML captures in an archive, read back from WARC files alone (for ``index rebuild``).

A ``revisit`` (unchanged re-capture) is a capture too: its status, headers, date and evidence
reference are its own, its payload is the original's (resolved through the CDXJ index), so a
rebuilt document matches the one the live crawl indexed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path


from lurewatch.analysis import Capture
from lurewatch.models import EvidenceRef
from lurewatch.parse.decode import decode_html
from lurewatch.warc.payload import PayloadResolver
from lurewatch.warc.rendered import RenderedDom
from lurewatch.warc.reader import RecordMismatch, StoredRecord, iter_records, warc_files

log = logging.getLogger(__name__)


def captured_at_of(warc_date: str) -> str:
    """WARC-Date (fetch start, microseconds) → the seconds-precision form the index stores."""
    return warc_date[:19] + "Z"


def is_html_page(stored: StoredRecord) -> bool:
    record = stored.record
    if record.rec_type not in ("response", "revisit") or record.http_headers is None:
        return False
    status = int(record.http_headers.get_statuscode() or 0)
    content_type = (record.http_headers.get_header("Content-Type") or "text/html").lower()
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    return 200 <= status < 300 and "html" in content_type and not url.endswith("/robots.txt")


def capture_of(stored: StoredRecord, content: bytes | None = None) -> Capture:
    """``content``: the payload when it is not the record's own (a revisit's original)."""
    record = stored.record
    content_type = record.http_headers.get_header("Content-Type") or ""
    html = decode_html(
        record.rec_headers.get_header("WARC-Target-URI"), content_type, stored.content if content is None else content
    )
    return Capture(
        url=record.rec_headers.get_header("WARC-Target-URI"),
        status=int(record.http_headers.get_statuscode()),
        captured_at=captured_at_of(record.rec_headers.get_header("WARC-Date")),
        html=html,
        payload_digest=record.rec_headers.get_header("WARC-Payload-Digest") or "",
        evidence=EvidenceRef(
            stored.warc, stored.offset, stored.length, record.rec_headers.get_header("WARC-Record-ID"), stored.sha256
        ),
    )


def iter_html_captures(directory: Path) -> Iterator[Capture]:
    payloads = PayloadResolver(directory)
    for path in warc_files(directory):
        rendered = RenderedDom()  # a rendered page's text comes from its DOM record
        try:
            for stored in iter_records(path):
                yield from rendered.before(stored)
                if rendered.take_dom(stored) or not is_html_page(stored):
                    continue
                try:
                    content = payloads.content(stored)
                except (RecordMismatch, OSError) as exc:  # a revisit whose original is missing or altered
                    log.error("skipped %s@%d: %s", stored.warc, stored.offset, exc)
                    continue
                capture = capture_of(stored, content)
                if not rendered.hold(stored, capture):
                    yield capture
            yield from rendered.flush()
        except Exception as exc:  # one damaged file must not stop a rebuild of the others
            log.error("stopped reading %s: %s: %s", path.name, type(exc).__name__, exc)
