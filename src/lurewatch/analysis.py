"""One captured page → one ``PageRecord``: parse, extract entities, score risk.

The same function serves the live crawl (pipelines) and ``index rebuild`` (from WARC records), so
both always produce identical index documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from lurewatch.extract import ExtractionInput, extract_entities
from lurewatch.fingerprint import content_fingerprint
from lurewatch.models import EvidenceRef, PageRecord
from lurewatch.parse import ParsedPage, parse_html
from lurewatch.risk import RiskInput, assess


@dataclass(frozen=True)
class Capture:
    """A captured HTML document, decoded, with where its bytes are in the archive."""

    url: str
    status: int
    captured_at: str  # ISO 8601 UTC, seconds
    html: str  # the decoded document
    payload_digest: str  # WARC-Payload-Digest form, "sha256:<base32>", of the body as received
    evidence: EvidenceRef | None


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def analyze(capture: Capture) -> PageRecord:
    return analyze_parsed(capture, parse_html(capture.url, capture.html))


def analyze_parsed(capture: Capture, parsed: ParsedPage) -> PageRecord:
    # Contacts sit anywhere on a page, and JSON-LD descriptions are not in the visible text.
    text_for_entities = parsed.visible_text
    if parsed.text and parsed.text not in parsed.visible_text:
        text_for_entities = f"{parsed.text}\n{parsed.visible_text}"
    entities = extract_entities(
        ExtractionInput(
            text=f"{parsed.title}\n{text_for_entities}",
            links=tuple(parsed.links),
            lang=parsed.lang,
            url=capture.url,
        )
    )
    risk = assess(
        RiskInput(title=parsed.title, text=text_for_entities, lang=parsed.lang, kind=parsed.kind, entities=entities)
    )
    return PageRecord(
        url=capture.url,
        site=host_of(capture.url),
        captured_at=capture.captured_at,
        status=capture.status,
        title=parsed.title,
        text=parsed.text,
        lang=parsed.lang,
        kind=parsed.kind,
        published=parsed.published,
        entities=entities,
        risk=risk,
        evidence=capture.evidence,
        payload_digest=capture.payload_digest,
        content_hash=content_fingerprint(parsed.title, parsed.text),
    )
