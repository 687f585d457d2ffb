"""The capture recorder: a Scrapy downloader middleware that writes every request/response pair to
WARC from the bytes as received, and attaches the evidence reference to the request's meta.

It sits close to the downloader (order 950, after cookies/user-agent/compression have set request
headers, before HTTP decompression and redirects touch the response), so the body it stores is
the entity body with transfer-encoding removed and content-encoding kept, and every redirect hop
and error page is archived too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured, StopDownload
from scrapy.http import Response
from warcio.recordloader import ArcWarcRecord

from lurewatch.models import EvidenceRef
from lurewatch.warc import cdxj
from lurewatch.warc.dedup import Deduplicator, build_revisit_pair
from lurewatch.warc.records import HttpExchange, build_certificate, build_exchange, sha256_label, warc_date
from lurewatch.warc.writer import RotatingWarcWriter, SealedFile, WriterConfig, WrittenRecord

log = logging.getLogger(__name__)

META_STARTED = "lurewatch_fetch_started"
META_EVIDENCE = "lurewatch_evidence"
META_PAYLOAD_DIGEST = "lurewatch_payload_digest"
META_REPLAYED = "lurewatch_replayed"  # set by the resume replay: the response came from the archive

# Hooks other components register (custody ledger, job records, deduplication): called with
# the sealed file, after it is renamed to its final name.
SealedCallback = Callable[[SealedFile], None]


def _decode(value: bytes | str) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else value


def header_pairs(headers: Any) -> list[tuple[str, str]]:
    """Every header value, in order, repeated headers (Set-Cookie) kept one line each."""
    pairs: list[tuple[str, str]] = []
    for name in headers:
        for value in headers.getlist(name):
            pairs.append((_decode(name), _decode(value)))
    return pairs


def request_target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def exchange_from(request: Request, response: Response, started: datetime) -> HttpExchange:
    host = urlsplit(request.url).netloc
    req_headers = [("Host", host), *header_pairs(request.headers)]
    truncated = None
    if "download_stopped" in response.flags:
        truncated = "length"
    elif "dataloss" in response.flags:
        truncated = "disconnect"
    return HttpExchange(
        url=request.url,
        method=request.method,
        request_target=request_target(request.url),
        request_headers=req_headers,
        request_body=request.body or b"",
        protocol=response.protocol or "HTTP/1.1",
        status=response.status,
        response_headers=header_pairs(response.headers),
        body=response.body,
        started=started,
        ip_address=str(response.ip_address) if response.ip_address else None,
        truncated=truncated,
        certificate=response.certificate.dump() if response.certificate is not None else None,
    )


class WarcRecorderMiddleware:
    """Downloader middleware writing WARC records; switched off with ``LUREWATCH_WARC_ENABLED``."""

    def __init__(self, crawler: Crawler, writer: RotatingWarcWriter, max_response_bytes: int) -> None:
        self.crawler = crawler
        self.writer = writer
        self.max_response_bytes = max_response_bytes
        self._received: dict[int, int] = {}
        self.stats = crawler.stats
        writer.on_sealed.append(self._count_sealed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcRecorderMiddleware:
        settings = crawler.settings
        if not settings.getbool("LUREWATCH_WARC_ENABLED", True):
            raise NotConfigured("WARC recording is switched off (LUREWATCH_WARC_ENABLED)")
        home = Path(settings.get("LUREWATCH_HOME") or "lurewatch-data")
        writer = RotatingWarcWriter(
            WriterConfig(
                directory=home / "warcs",
                prefix=settings.get("LUREWATCH_WARC_PREFIX", "lurewatch"),
                max_bytes=settings.getint("LUREWATCH_WARC_MAX_BYTES", 1_000_000_000),
                job_id=settings.get("LUREWATCH_JOB_ID", ""),
                operator=settings.get("LUREWATCH_OPERATOR", ""),
                description=settings.get("LUREWATCH_JOB_DESCRIPTION", ""),
            )
        )
        for hook in settings.getlist("LUREWATCH_SEALED_HOOKS"):
            writer.on_sealed.append(hook)
        from lurewatch.evidence.ledger import ledger_hook  # every sealed file goes into the custody ledger

        writer.on_sealed.append(ledger_hook(home, settings.get("LUREWATCH_OPERATOR", "")))
        mw = cls(crawler, writer, settings.getint("LUREWATCH_MAX_RESPONSE_BYTES", 0))
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        if mw.max_response_bytes:
            crawler.signals.connect(mw.bytes_received, signal=signals.bytes_received)
        crawler.lurewatch_writer = writer  # type: ignore[attr-defined]  # for browser capture and pipelines
        return mw

    # -- signals ------------------------------------------------------------------------------------

    def bytes_received(self, data: bytes, request: Request, spider: Spider) -> None:
        """Stop over-long downloads but keep what arrived: it is recorded as truncated."""
        seen = self._received.get(id(request), 0) + len(data)
        self._received[id(request)] = seen
        if seen > self.max_response_bytes:
            self._received.pop(id(request), None)
            self.stats.inc_value("lurewatch/truncated")
            log.warning("truncated %s after %d bytes (LUREWATCH_MAX_RESPONSE_BYTES)", request.url, seen)
            raise StopDownload(fail=False)

    def spider_closed(self, spider: Spider) -> None:
        self.writer.close()
        cdxj.merge(self.writer.config.directory)

    def _count_sealed(self, sealed: SealedFile) -> None:
        self.stats.inc_value("lurewatch/warc_files")

    # -- middleware ----------------------------------------------------------------------------------

    def process_request(self, request: Request) -> None:
        request.meta[META_STARTED] = datetime.now(UTC)
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        self._received.pop(id(request), None)
        if request.meta.get("lurewatch_recorded_by_browser"):
            return response  # the browser capture wrote the network records itself
        if request.meta.get(META_REPLAYED):
            return response  # replayed from this job's own archive on --resume: already recorded
        started = request.meta.get(META_STARTED) or datetime.now(UTC)
        exchange = exchange_from(request, response, started)
        digest = sha256_label(response.body)  # over the body as received: what the WARC record says
        request.meta[META_EVIDENCE] = self.record_exchange(exchange, digest)
        request.meta[META_PAYLOAD_DIGEST] = digest
        return response

    def record_exchange(self, exchange: HttpExchange, digest: str | None = None) -> EvidenceRef:
        """Write the pair (a revisit + request if the payload is unchanged since the newest earlier
        capture of the URL) and return the evidence reference of the response or revisit record."""
        dedup: Deduplicator | None = getattr(self, "_dedup", None)
        if dedup is None and self.crawler.settings.getbool("LUREWATCH_DEDUP_ENABLED", True):
            dedup = self._dedup = Deduplicator.load(self.writer.config.directory)  # once per crawl
        digest = digest or sha256_label(exchange.body)
        prior = dedup.match(exchange, digest) if dedup is not None else None

        def build(warcinfo_id: str) -> list[ArcWarcRecord]:
            if prior is not None:
                with_request = self.crawler.settings.getbool("LUREWATCH_REVISIT_REQUEST", True)
                return build_revisit_pair(exchange, warcinfo_id, digest, prior, with_request)
            records = list(build_exchange(exchange, warcinfo_id))
            if exchange.certificate:
                response_id = records[0].rec_headers.get_header("WARC-Record-ID")
                records.append(build_certificate(exchange, warcinfo_id, response_id))
            return records

        records = self.writer.write_group(build)
        response = records[0]
        if prior is not None:
            self.stats.inc_value("lurewatch/revisits")
        elif dedup is not None:
            dedup.remember(exchange.url, digest, response.record_id, warc_date(exchange.started))
        self.stats.inc_value("lurewatch/records", len(records))
        self.stats.inc_value("lurewatch/warc_bytes", sum(r.length for r in records))
        return evidence_of(response)


def evidence_of(written: WrittenRecord) -> EvidenceRef:
    return EvidenceRef(written.warc, written.offset, written.length, written.record_id, written.sha256)
