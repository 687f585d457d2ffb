"""The item a spider yields for each captured HTML page."""

from __future__ import annotations

from dataclasses import dataclass

from lurewatch.models import EvidenceRef, PageRecord


@dataclass
class PageItem:
    url: str
    status: int
    captured_at: str
    payload_digest: str  # "sha256:<base32>" of the body as archived (the WARC-Payload-Digest)
    html: str  # the decoded document (the rendered DOM for rendered pages)
    evidence: EvidenceRef | None
    record: PageRecord | None = None  # filled in by AnalyzePipeline
