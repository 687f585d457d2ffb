"""The search-index contract every backend (embedded SQLite, Elasticsearch) implements.

Semantics shared by all backends, so that the same query gives the same result set everywhere:

* A page is identified by its URL. ``index_pages`` keeps the **newest capture** of each URL (by
  ``captured_at``; an older capture arriving later never overwrites a newer one), but entity
  *sightings* accumulate over every capture: an entity seen on any version of a page keeps its
  first/last seen, so scammers editing contacts out of an ad do not erase the trail.
* Full text (``SearchQuery.text``): every term must match (AND); ``"double quotes"`` make a phrase;
  matching ignores case and diacritics; scripts written without spaces (Chinese, Japanese, Thai, Lao,
  Khmer, Burmese) match any run of characters, so a two-character Chinese word finds the pages that
  contain it. Title and text are both searched.
* Filters are ANDed: ``entity_type``/``entity_value`` match entities seen on any capture of the page;
  ``site`` is the exact host; ``since`` keeps pages whose newest capture is at or after that date or
  time; ``min_risk`` keeps pages whose risk score is at least that.
* ``total`` counts every match; ``hits`` is the page of ``limit`` results after ``offset``, best
  first for text queries, newest first (then URL) otherwise.
* ``entities`` lists each (type, value) with the distinct pages it was seen on (``count`` is their
  number), first/last seen over all captures, sorted by count descending, then type, then value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from lurewatch.models import Entity, EvidenceRef, RiskAssessment, PageRecord


class IndexBackendError(Exception):
    """A backend could not do what was asked (bad query, unreachable server, mapping conflict).

    The message is one line meant for the user.
    """


@dataclass(frozen=True)
class SearchQuery:
    text: str | None = None
    entity_type: str | None = None
    entity_value: str | None = None
    site: str | None = None
    since: str | None = None  # ISO date or date-time, compared with captured_at
    min_risk: float | None = None
    limit: int = 20
    offset: int = 0


@dataclass
class SearchHit:
    url: str
    title: str
    captured_at: str
    site: str
    kind: str
    lang: str
    risk: RiskAssessment
    entities: list[Entity]
    evidence: EvidenceRef | None
    snippet: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "title": self.title,
            "captured_at": self.captured_at,
            "site": self.site,
            "kind": self.kind,
            "lang": self.lang,
            "risk": self.risk.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "evidence": self.evidence.to_dict() if self.evidence else None,
            "snippet": self.snippet,
        }


@dataclass
class SearchResult:
    total: int
    hits: list[SearchHit] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "hits": [h.to_dict() for h in self.hits]}


@dataclass
class EntitySummary:
    type: str
    value: str
    count: int
    pages: list[str]
    first_seen: str
    last_seen: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "value": self.value,
            "count": self.count,
            "pages": self.pages,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
        }


class IndexBackend(Protocol):
    """A search backend: a couple of writes, two reads, and an atomic rebuild."""

    def index_pages(self, pages: Iterable[PageRecord]) -> int:
        """Add or update pages (newest capture wins); returns how many were written."""
        ...

    def flush(self) -> None:
        """Make everything written so far visible to searches."""
        ...

    def search(self, query: SearchQuery) -> SearchResult: ...

    def entities(self, entity_type: str | None = None) -> list[EntitySummary]: ...

    def rebuild(self, pages: Iterable[PageRecord]) -> int:
        """Build a fresh index from ``pages`` and switch to it atomically; searches never see a
        half-built index. Returns how many pages were indexed."""
        ...

    def close(self) -> None: ...
