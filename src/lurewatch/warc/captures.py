"""The HTML captures in an archive, read back from WARC files alone (for ``index rebuild``)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from w3lib.encoding import html_to_unicode

from lurewatch.analysis import Capture
from lurewatch.models import EvidenceRef
from lurewatch.warc.reader import StoredRecord, iter_records, warc_files

log = logging.getLogger(__name__)


def captured_at_of(warc_date: str) -> str:
    """WARC-Date (fetch start, microseconds) → the seconds-precision form the index stores."""
    return warc_date[:19] + "Z"


def is_html_page(stored: StoredRecord) -> bool:
    record = stored.record
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = int(record.http_headers.get_statuscode() or 0)
    content_type = (record.http_headers.get_header("Content-Type") or "text/html").lower()
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    return 200 <= status < 300 and "html" in content_type and not url.endswith("/robots.txt")


def capture_of(stored: StoredRecord) -> Capture:
    record = stored.record
    content_type = record.http_headers.get_header("Content-Type") or ""
    _, html = html_to_unicode(content_type, stored.content)
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
    for path in warc_files(directory):
        try:
            for stored in iter_records(path):
                if is_html_page(stored):
                    yield capture_of(stored)
        except Exception as exc:  # one damaged file must not stop a rebuild of the others
            log.error("stopped reading %s: %s: %s", path.name, type(exc).__name__, exc)
