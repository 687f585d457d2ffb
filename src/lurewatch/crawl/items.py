"""The item a spider yields for each captured HTML page."""

from __future__ import annotations

from dataclasses import dataclass

from lurewatch.models import EvidenceRef, PageRecord
from lurewatch.parse import ParsedPage


@dataclass
class PageItem:
    url: str
    status: int
    captured_at: str
    payload_digest: str  # "sha256:<base32>" of the body as archived (the WARC-Payload-Digest)
    parsed: ParsedPage
    evidence: EvidenceRef | None
    record: PageRecord | None = None  # filled in by AnalyzePipeline
