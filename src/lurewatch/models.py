"""The data objects carried from a response to a search hit.

One object per concept, plain dataclasses with JSON round-trips, so that the spider, the pipelines,
the index backends and the CLI all speak the same shapes as ``CONTRACT.md``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class EvidenceRef:
    """Where the bytes a page was built from live: one WARC record, reachable by file + offset."""

    warc: str  # file name, relative to the archive directory
    offset: int
    length: int
    record_id: str  # "<urn:uuid:...>"
    sha256: str  # hex digest of the whole (gzipped) record as stored

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EvidenceRef:
        return cls(
            warc=str(data["warc"]),
            offset=int(data["offset"]),
            length=int(data["length"]),
            record_id=str(data["record_id"]),
            sha256=str(data["sha256"]),
        )


@dataclass(frozen=True, order=True)
class Entity:
    """A contact point or money trail in its normal form (see CONTRACT.md)."""

    type: str
    value: str

    def to_dict(self) -> dict[str, str]:
        return {"type": self.type, "value": self.value}


@dataclass(frozen=True)
class RiskAssessment:
    score: float = 0.0
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 2), "reasons": list(self.reasons)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RiskAssessment:
        return cls(score=float(data.get("score", 0.0)), reasons=tuple(data.get("reasons", ())))


@dataclass
class PageRecord:
    """One captured page after parsing, extraction and scoring: what an index backend stores."""

    url: str
    site: str  # host name
    captured_at: str  # ISO 8601 UTC, "2026-11-23T10:00:00Z"
    status: int
    title: str = ""
    text: str = ""
    lang: str = ""
    kind: str = "other"  # job_ad | forum_thread | listing | other
    published: str | None = None
    entities: list[Entity] = field(default_factory=list)
    risk: RiskAssessment = field(default_factory=RiskAssessment)
    evidence: EvidenceRef | None = None
    payload_digest: str = ""  # "sha256:..." of the HTTP payload, for change detection
    content_hash: str = ""  # hash of normalised main text, ignoring volatile boilerplate

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "site": self.site,
            "captured_at": self.captured_at,
            "status": self.status,
            "title": self.title,
            "text": self.text,
            "lang": self.lang,
            "kind": self.kind,
            "published": self.published,
            "entities": [e.to_dict() for e in self.entities],
            "risk": self.risk.to_dict(),
            "evidence": self.evidence.to_dict() if self.evidence else None,
            "payload_digest": self.payload_digest,
            "content_hash": self.content_hash,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageRecord:
        evidence = data.get("evidence")
        return cls(
            url=data["url"],
            site=data["site"],
            captured_at=data["captured_at"],
            status=int(data["status"]),
            title=data.get("title") or "",
            text=data.get("text") or "",
            lang=data.get("lang") or "",
            kind=data.get("kind") or "other",
            published=data.get("published"),
            entities=[Entity(e["type"], e["value"]) for e in data.get("entities", [])],
            risk=RiskAssessment.from_dict(data.get("risk") or {}),
            evidence=EvidenceRef.from_dict(evidence) if evidence else None,
            payload_digest=data.get("payload_digest") or "",
            content_hash=data.get("content_hash") or "",
        )
