"""PageRecord ⇄ Elasticsearch documents, and the deterministic ids that make re-indexing idempotent."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from lurewatch.index.base import IndexBackendError, SearchHit
from lurewatch.index.snippet import make_snippet
from lurewatch.index.textseg import segment
from lurewatch.models import Entity, EvidenceRef, PageRecord, RiskAssessment

_SEP = "\x1f"  # joins type and value in the ``seen`` keyword: never part of either

# External versions of "first seen" sightings count down from here, so the earliest capture wins.
_FIRST_SEEN_BASE = 1 << 62


def doc_id(*parts: str) -> str:
    """A stable id from the parts (URL, or type/value/URL): same input, same document."""
    return hashlib.sha256(_SEP.join(parts).encode("utf-8")).hexdigest()


def capture_millis(page_url: str, captured_at: str) -> int:
    """``captured_at`` as epoch milliseconds; a value that is not ISO 8601 names the page."""
    try:
        parsed = datetime.fromisoformat(captured_at.strip().replace("Z", "+00:00"))
    except (AttributeError, ValueError) as exc:
        raise IndexBackendError(
            f"page {page_url}: field captured_at: {captured_at!r} is not an ISO 8601 date-time"
        ) from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return int(parsed.timestamp() * 1000)


def seen_key(entity: Entity) -> str:
    return f"{entity.type}{_SEP}{entity.value}"


def page_doc(page: PageRecord, captured_ms: int, seen: Iterable[str]) -> dict[str, Any]:
    """The pages-index document for ``page``, with ``seen`` the entity keys of every capture."""
    keys = sorted(set(seen))
    return {
        "url": page.url,
        "site": page.site,
        "captured_at": page.captured_at,
        "captured_ms": captured_ms,
        "status": page.status,
        "title": page.title,
        "text": page.text,
        "title_terms": segment(page.title),
        "body_terms": segment(page.text),
        "lang": page.lang,
        "kind": page.kind,
        "published": page.published,
        "risk": {"score": page.risk.score, "reasons": list(page.risk.reasons)},
        "entities": [e.to_dict() for e in page.entities],
        "seen": keys,
        "seen_type": sorted({k.split(_SEP, 1)[0] for k in keys}),
        "seen_value": sorted({k.split(_SEP, 1)[1] for k in keys}),
        "evidence": page.evidence.to_dict() if page.evidence else None,
        "payload_digest": page.payload_digest,
        "content_hash": page.content_hash,
    }


def page_from_source(source: dict[str, Any]) -> PageRecord:
    """The stored newest capture back as a record (the token fields are rebuilt from it)."""
    return PageRecord.from_dict(source)


def sighting_actions(index: str, page: PageRecord, captured_ms: int) -> Iterator[dict[str, Any]]:
    """Two documents per (entity, page): the first and the last capture it was seen in.

    External versions make the server keep the right one without scripts (this distribution has
    no Painless): ``last`` carries the capture time, ``first`` counts down from a large base, and
    ``external_gte`` lets a re-sent identical sighting through, so re-indexing is idempotent.
    """
    for entity in sorted(set(page.entities)):
        base = {"type": entity.type, "value": entity.value, "url": page.url, "site": page.site, "seen": page.captured_at}
        for role, version in (("first", _FIRST_SEEN_BASE - captured_ms), ("last", _FIRST_SEEN_BASE + captured_ms)):
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": doc_id(entity.type, entity.value, page.url, role),
                "_version": version,
                "_version_type": "external_gte",
                "_source": {**base, "role": role},
            }


def hit_from_source(source: dict[str, Any], terms: list[str]) -> SearchHit:
    evidence = source.get("evidence")
    risk = source.get("risk") or {}
    return SearchHit(
        url=source["url"],
        title=source.get("title") or "",
        captured_at=source["captured_at"],
        site=source.get("site") or "",
        kind=source.get("kind") or "other",
        lang=source.get("lang") or "",
        risk=RiskAssessment(score=float(risk.get("score", 0.0)), reasons=tuple(risk.get("reasons") or ())),
        entities=[Entity(e["type"], e["value"]) for e in source.get("entities") or []],
        evidence=EvidenceRef.from_dict(evidence) if evidence else None,
        snippet=make_snippet(source.get("text") or "", terms),
    )
