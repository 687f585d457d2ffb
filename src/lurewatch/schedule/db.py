"""The schedule and job database: ``HOME/lurewatch.sqlite``.

Several processes use it at once (the scheduler, its crawl children, ``lurewatch jobs``), so it runs
in WAL mode with a busy timeout, and every change is one short transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lurewatch.config import LurewatchError

DB_NAME = "lurewatch.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS schedules (
    name TEXT PRIMARY KEY,
    seeds TEXT NOT NULL,              -- JSON list of seed URLs
    every TEXT NOT NULL,              -- "6h", "30m", "1d" or a cron expression
    options TEXT NOT NULL,            -- JSON crawl options
    next_run TEXT NOT NULL,           -- ISO 8601 UTC
    last_run TEXT,
    enabled INTEGER NOT NULL DEFAULT 1,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    schedule TEXT,                    -- NULL for a crawl started by hand
    started TEXT NOT NULL,
    finished TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'killed')),
    options TEXT NOT NULL,            -- JSON crawl options (enough to resume)
    pages INTEGER NOT NULL DEFAULT 0,
    bytes INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    warc_files TEXT NOT NULL DEFAULT '[]',
    reason TEXT NOT NULL DEFAULT '',
    pid INTEGER
);
CREATE INDEX IF NOT EXISTS jobs_by_schedule ON jobs (schedule, started);
"""


def db_path(home: Path) -> Path:
    return home / DB_NAME


@contextmanager
def connect(home: Path) -> Iterator[sqlite3.Connection]:
    """One connection, one transaction: committed on success, rolled back on error."""
    home.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite3.connect(db_path(home), timeout=30.0, isolation_level=None)
    except sqlite3.Error as exc:
        raise LurewatchError(f"cannot open {db_path(home)}: {exc}", exit_code=6) from exc
    try:
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(_SCHEMA)
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        raise LurewatchError(f"{db_path(home)}: {exc}", exit_code=6) from exc
    finally:
        db.close()
