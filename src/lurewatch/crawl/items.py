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
    body: bytes  # as stored in the WARC record (content-encoding kept)
    parsed: ParsedPage
    evidence: EvidenceRef | None
    record: PageRecord | None = None  # filled in by AnalyzePipeline
