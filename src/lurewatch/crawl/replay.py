"""Crash recovery at crawl start, and the replay that lets ``lurewatch crawl --resume JOB`` go on.

At start, every ``.warc.gz.open`` file no live process is writing is repaired or quarantined
(``warc.repair``) with the writer's own ``on_sealed`` hooks, so a repaired file enters the custody
ledger like any other.

Why replay rather than Scrapy's ``JOBDIR``: Scrapy saves its disk queue's state and the spider's
state only on a clean shutdown, and its dupefilter file is buffered, so after SIGKILL a JOBDIR
either forgets queued requests (pages lost) or forgets seen ones (pages fetched twice). The WARC
files are what survives a kill, so they are the state: a resumed crawl starts again from the seeds,
and every request for a URL this job already archived is answered from the archive (no network,
no new record) with its original capture time and evidence reference. The spider therefore walks
exactly the links it walked before, rebuilds its ``seen`` set and page count, re-indexes pages
whose index batch died with the process, and fetches only what was never archived.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes

from lurewatch.models import EvidenceRef
from lurewatch.warc import cdxj
from lurewatch.warc.cdxj import CdxEntry
from lurewatch.warc.membership import files_of_job
from lurewatch.warc.payload import PayloadResolver
from lurewatch.warc.records import ORIGINAL_HEADER_PREFIX
from lurewatch.warc.recorder import META_EVIDENCE, META_REPLAYED, META_STARTED
from lurewatch.warc.repair import repair_all

log = logging.getLogger(__name__)

# The replayed body is the decoded payload, so headers describing the wire encoding must go.
_DROP_HEADERS = {"content-encoding", "content-length", "transfer-encoding"}


def archived_captures(warc_dir: Path, job_id: str) -> dict[str, CdxEntry]:
    """url → the newest response/revisit ``job_id`` archived for it."""
    names = {p.name for p in files_of_job(warc_dir, job_id)}
    found: dict[str, CdxEntry] = {}
    for entry in cdxj.iter_entries(warc_dir / cdxj.MERGED_NAME):
        if entry.filename in names and entry.record_type in ("response", "revisit"):
            current = found.get(entry.url)
            if current is None or entry.timestamp >= current.timestamp:
                found[entry.url] = entry
    return found


class ResumeMiddleware:
    """Downloader middleware just after the recorder (order 960): repairs at start; on
    ``LUREWATCH_RESUME_JOB`` answers requests for already-archived URLs from the archive."""

    def __init__(self, crawler: Crawler, warc_dir: Path, archived: dict[str, CdxEntry]) -> None:
        self.crawler = crawler
        self.warc_dir = warc_dir
        self.archived = archived
        self.payloads = PayloadResolver(warc_dir)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ResumeMiddleware:
        settings = crawler.settings
        warc_dir = Path(settings.get("LUREWATCH_HOME") or "lurewatch-data") / "warcs"
        writer = getattr(crawler, "lurewatch_writer", None)  # built by the recorder (order 950) before us
        if warc_dir.is_dir():
            for result in repair_all(warc_dir, writer.on_sealed if writer is not None else ()):
                crawler.stats.inc_value(f"lurewatch/repair/{result.action}")
        job_id = settings.get("LUREWATCH_RESUME_JOB") or ""
        if not job_id:
            raise NotConfigured  # no message: Scrapy would log one as a warning on every crawl
        archived = archived_captures(warc_dir, job_id)
        log.info("resuming %s: %d URLs already archived are replayed from the archive", job_id, len(archived))
        return cls(crawler, warc_dir, archived)

    def process_request(self, request: Request) -> Response | None:
        entry = self.archived.get(request.url)
        if entry is None or request.method != "GET":
            return None
        stored = self.payloads.read(entry)
        record = stored.record
        body = self.payloads.content(stored)
        headers = Headers()
        for name, value in record.http_headers.headers:
            if name.lower() in _DROP_HEADERS or name.startswith(ORIGINAL_HEADER_PREFIX):
                continue
            headers.appendlist(name, value)
        cls = responsetypes.from_args(headers=headers, url=request.url, body=body)
        request.meta[META_REPLAYED] = True
        request.meta[META_STARTED] = datetime.fromisoformat(record.rec_headers.get_header("WARC-Date").replace("Z", "+00:00"))
        request.meta[META_EVIDENCE] = EvidenceRef(
            entry.filename, entry.offset, entry.length, record.rec_headers.get_header("WARC-Record-ID"), stored.sha256
        )
        self.crawler.stats.inc_value("lurewatch/replayed")
        return cls(
            url=request.url,
            status=int(record.http_headers.get_statuscode()),
            headers=headers,
            body=body,
            request=request,
            protocol=record.http_headers.protocol or None,
        )
