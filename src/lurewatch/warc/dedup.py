"""Revisit records for unchanged re-captures (WARC identical-payload-digest profile).

Before a response is written, its payload digest is compared with the newest earlier *full*
capture of the same URL: the merged CDXJ index (loaded once per crawl into a dict, since a lookup
per response would reread the index) plus the captures made earlier in this crawl. Identical
payload → a ``revisit`` record + the request, pointing at the original; anything else → a full
response. Revisits always point at a full ``response`` record, never at another revisit, so an
original is one hop away.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from warcio.recordloader import ArcWarcRecord

from lurewatch.warc import cdxj
from lurewatch.warc.records import HttpExchange, build_request, build_revisit

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class PriorCapture:
    """The full response a revisit can point at."""

    url: str
    digest: str  # "sha256:<base32>" payload digest
    record_id: str
    date: str  # WARC-Date of the original


def cdx_date(timestamp14: str) -> str:
    """``20261123100000`` → ``2026-11-23T10:00:00Z`` (the precision the CDXJ keeps)."""
    t = timestamp14.ljust(14, "0")
    return f"{t[0:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"


class Deduplicator:
    """url → newest full capture; consulted before every response is written."""

    def __init__(self, known: dict[str, PriorCapture] | None = None) -> None:
        self.known: dict[str, PriorCapture] = known or {}

    @classmethod
    def load(cls, warc_dir: Path) -> Deduplicator:
        known: dict[str, PriorCapture] = {}
        newest: dict[str, str] = {}
        for entry in cdxj.iter_entries(warc_dir / cdxj.MERGED_NAME):
            if entry.record_type != "response" or not entry.fields.get("digest"):
                continue
            if entry.timestamp < newest.get(entry.url, ""):
                continue
            newest[entry.url] = entry.timestamp
            known[entry.url] = PriorCapture(
                entry.url, entry.fields["digest"], entry.fields.get("record_id", ""), cdx_date(entry.timestamp)
            )
        log.debug("deduplication knows %d URLs", len(known))
        return cls(known)

    def match(self, exchange: HttpExchange, digest: str) -> PriorCapture | None:
        """The capture this exchange can be a revisit of, or None if it needs a full response."""
        if exchange.truncated or not exchange.body:
            return None  # a partial body is its own evidence; an empty one costs nothing to store
        prior = self.known.get(exchange.url)
        if prior is None or prior.digest != digest or not prior.record_id:
            return None
        return prior

    def remember(self, url: str, digest: str, record_id: str, started_date: str) -> None:
        self.known[url] = PriorCapture(url, digest, record_id, started_date)


def build_revisit_pair(
    exchange: HttpExchange, warcinfo_id: str, digest: str, prior: PriorCapture, with_request: bool = True
) -> list[ArcWarcRecord]:
    """The revisit of an unchanged re-capture, and its request record if ``with_request``.

    The request is kept by default, as for every fetch. Gzipped per record it costs about as much
    as the revisit itself (~600 bytes of mostly ids and digests), so an archive that must stay as
    small as possible can set ``LUREWATCH_REVISIT_REQUEST = False``; a ``response`` always keeps
    its request."""
    revisit = build_revisit(exchange, warcinfo_id, digest, prior.record_id, prior.url, prior.date)
    if not with_request:
        return [revisit]
    return [revisit, build_request(exchange, warcinfo_id, revisit.rec_headers.get_header("WARC-Record-ID"))]
