"""The embedded default index: one SQLite file with an FTS5 table, no server.

Pages keep their newest capture; entity sightings accumulate over all captures (see ``base.py`` for
the semantics every backend shares). Text is tokenised by ``textseg`` before it reaches FTS5, so
languages without spaces are searchable by any substring.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lurewatch.index.base import (
    EntitySummary,
    IndexBackendError,
    SearchHit,
    SearchQuery,
    SearchResult,
)
from lurewatch.index.querytime import normalize_since
from lurewatch.index.snippet import make_snippet
from lurewatch.index.textseg import query_phrases, segment
from lurewatch.models import Entity, EvidenceRef, PageRecord, RiskAssessment

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    site TEXT NOT NULL,
    captured_at TEXT NOT NULL,
    status INTEGER NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    lang TEXT NOT NULL,
    kind TEXT NOT NULL,
    published TEXT,
    risk_score REAL NOT NULL,
    risk_reasons TEXT NOT NULL,
    entities TEXT NOT NULL,
    evidence TEXT,
    payload_digest TEXT NOT NULL,
    content_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pages_site ON pages(site);
CREATE INDEX IF NOT EXISTS pages_captured ON pages(captured_at);
CREATE VIRTUAL TABLE IF NOT EXISTS pages_fts USING fts5(title, body, tokenize = "unicode61 remove_diacritics 0");
CREATE TABLE IF NOT EXISTS sightings (
    type TEXT NOT NULL,
    value TEXT NOT NULL,
    url TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    PRIMARY KEY (type, value, url)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sightings_url ON sightings(url);
"""

_UPSERT_PAGE = """
INSERT INTO pages (url, site, captured_at, status, title, text, lang, kind, published, risk_score,
                   risk_reasons, entities, evidence, payload_digest, content_hash)
VALUES (:url, :site, :captured_at, :status, :title, :text, :lang, :kind, :published, :risk_score,
        :risk_reasons, :entities, :evidence, :payload_digest, :content_hash)
ON CONFLICT(url) DO UPDATE SET
    site = excluded.site, captured_at = excluded.captured_at, status = excluded.status,
    title = excluded.title, text = excluded.text, lang = excluded.lang, kind = excluded.kind,
    published = excluded.published, risk_score = excluded.risk_score,
    risk_reasons = excluded.risk_reasons, entities = excluded.entities, evidence = excluded.evidence,
    payload_digest = excluded.payload_digest, content_hash = excluded.content_hash
WHERE excluded.captured_at >= pages.captured_at
RETURNING id
"""

_UPSERT_SIGHTING = """
INSERT INTO sightings (type, value, url, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)
ON CONFLICT(type, value, url) DO UPDATE SET
    first_seen = min(first_seen, excluded.first_seen),
    last_seen = max(last_seen, excluded.last_seen)
"""


def _malformed_field(page: PageRecord) -> str | None:
    """The first field of ``page`` that cannot be stored as the contract says, described."""
    try:
        normalize_since(page.captured_at)
    except IndexBackendError:
        return f"field captured_at: {page.captured_at!r} is not an ISO 8601 time"
    if not (0.0 <= page.risk.score <= 1.0):
        return f"field risk.score: {page.risk.score!r} is outside 0..1"
    return None


def _fts_match(text: str) -> str:
    """An FTS5 MATCH expression that user syntax cannot break: every phrase quoted, ANDed."""
    phrases = query_phrases(text)
    if not phrases:
        raise IndexBackendError(f"the query {text!r} has no searchable words")
    return " AND ".join('"' + " ".join(tokens) + '"' for tokens in phrases)


class SqliteIndex:
    """``IndexBackend`` on a single SQLite file (WAL mode, so searches run while a crawl writes)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = self._connect(self.path)

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
            db.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )
        except sqlite3.DatabaseError as exc:
            raise IndexBackendError(f"cannot open the index {path}: {exc}") from exc
        return db

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- writes ---------------------------------------------------------------------------------

    def index_pages(self, pages: Iterable[PageRecord]) -> int:
        """Write the valid pages; then, if any page was malformed, say which page and field."""
        written = 0
        rejected: list[str] = []
        with self._transaction() as db:
            for page in pages:
                problem = _malformed_field(page)
                if problem:
                    rejected.append(f"{page.url}: {problem}")
                    continue
                written += self._write_page(db, page)
        if rejected:
            more = f" (and {len(rejected) - 1} more)" if len(rejected) > 1 else ""
            raise IndexBackendError(f"page not indexed: {rejected[0]}{more}")
        return written

    @staticmethod
    def _write_page(db: sqlite3.Connection, page: PageRecord) -> int:
        row = {
            "url": page.url,
            "site": page.site,
            "captured_at": page.captured_at,
            "status": page.status,
            "title": page.title,
            "text": page.text,
            "lang": page.lang,
            "kind": page.kind,
            "published": page.published,
            "risk_score": page.risk.score,
            "risk_reasons": json.dumps(list(page.risk.reasons), ensure_ascii=False),
            "entities": json.dumps([e.to_dict() for e in page.entities], ensure_ascii=False),
            "evidence": json.dumps(page.evidence.to_dict()) if page.evidence else None,
            "payload_digest": page.payload_digest,
            "content_hash": page.content_hash,
        }
        for entity in page.entities:
            db.execute(
                _UPSERT_SIGHTING, (entity.type, entity.value, page.url, page.captured_at, page.captured_at)
            )
        updated = db.execute(_UPSERT_PAGE, row).fetchone()
        if updated is None:  # an older capture than the one indexed: sightings only
            return 0
        page_id = updated[0]
        db.execute("DELETE FROM pages_fts WHERE rowid = ?", (page_id,))
        db.execute(
            "INSERT INTO pages_fts (rowid, title, body) VALUES (?, ?, ?)",
            (page_id, segment(page.title), segment(page.text)),
        )
        return 1

    def flush(self) -> None:
        """Each ``index_pages`` call commits, so there is nothing buffered to flush."""

    def rebuild(self, pages: Iterable[PageRecord]) -> int:
        """Build a new file beside the live one and swap it in with an atomic rename."""
        tmp = self.path.with_name(f"{self.path.name}.rebuild-{os.getpid()}")
        for stale in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
            stale.unlink(missing_ok=True)
        fresh = SqliteIndex(tmp)
        try:
            count = 0
            batch: list[PageRecord] = []
            for page in pages:
                batch.append(page)
                if len(batch) >= 500:
                    count += fresh.index_pages(batch)
                    batch.clear()
            count += fresh.index_pages(batch)
            fresh._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            fresh._db.execute("PRAGMA journal_mode=DELETE")
        finally:
            fresh.close()
        self._db.close()
        os.replace(tmp, self.path)
        for side in ("-wal", "-shm"):
            Path(str(self.path) + side).unlink(missing_ok=True)
        self._db = self._connect(self.path)
        return count

    def close(self) -> None:
        self._db.close()

    # -- reads ----------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        where: list[str] = []
        params: list[Any] = []
        join = ""
        order = "p.captured_at DESC, p.url"
        if query.text:
            join = "JOIN pages_fts ON pages_fts.rowid = p.id"
            where.append("pages_fts MATCH ?")
            params.append(_fts_match(query.text))
            order = "bm25(pages_fts, 4.0, 1.0), p.url"
        if query.entity_type or query.entity_value:
            sub = ["s.url = p.url"]
            if query.entity_type:
                sub.append("s.type = ?")
                params.append(query.entity_type)
            if query.entity_value:
                sub.append("s.value = ?")
                params.append(query.entity_value)
            where.append(f"EXISTS (SELECT 1 FROM sightings s WHERE {' AND '.join(sub)})")
        if query.site:
            where.append("p.site = ?")
            params.append(query.site.lower())
        if query.since:
            where.append("p.captured_at >= ?")
            params.append(normalize_since(query.since))
        if query.min_risk is not None:
            where.append("p.risk_score >= ?")
            params.append(query.min_risk)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        try:
            total = self._db.execute(f"SELECT count(*) FROM pages p {join} {clause}", params).fetchone()[0]
            rows = self._db.execute(
                f"SELECT p.url, p.title, p.captured_at, p.site, p.kind, p.lang, p.risk_score, p.risk_reasons,"
                f" p.entities, p.evidence, p.text FROM pages p {join} {clause} ORDER BY {order} LIMIT ? OFFSET ?",
                [*params, query.limit, query.offset],
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise IndexBackendError(f"search failed: {exc}") from exc
        terms = [t for phrase in query_phrases(query.text or "") for t in phrase]
        return SearchResult(total=total, hits=[self._hit(row, terms) for row in rows])

    @staticmethod
    def _hit(row: tuple[Any, ...], terms: list[str]) -> SearchHit:
        url, title, captured_at, site, kind, lang, score, reasons, entities, evidence, text = row
        return SearchHit(
            url=url,
            title=title,
            captured_at=captured_at,
            site=site,
            kind=kind,
            lang=lang,
            risk=RiskAssessment(score=score, reasons=tuple(json.loads(reasons))),
            entities=[Entity(e["type"], e["value"]) for e in json.loads(entities)],
            evidence=EvidenceRef.from_dict(json.loads(evidence)) if evidence else None,
            snippet=make_snippet(text, terms),
        )

    def entities(self, entity_type: str | None = None) -> list[EntitySummary]:
        sql = "SELECT type, value, url, first_seen, last_seen FROM sightings"
        params: list[Any] = []
        if entity_type:
            sql += " WHERE type = ?"
            params.append(entity_type)
        grouped: dict[tuple[str, str], EntitySummary] = {}
        for etype, value, url, first, last in self._db.execute(sql + " ORDER BY type, value, url", params):
            summary = grouped.get((etype, value))
            if summary is None:
                grouped[(etype, value)] = EntitySummary(etype, value, 1, [url], first, last)
            else:
                summary.count += 1
                summary.pages.append(url)
                summary.first_seen = min(summary.first_seen, first)
                summary.last_seen = max(summary.last_seen, last)
        return sorted(grouped.values(), key=lambda s: (-s.count, s.type, s.value))
