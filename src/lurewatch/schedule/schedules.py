"""Schedules: when each target is crawled again, and with which crawl options.

A cadence is an interval (``30m``, ``6h``, ``1d``, ``1h30m``) or a five-field cron expression.
A new schedule is due at once. After a run starts, the next run is computed from *now*, not from
the missed slot: a scheduler that was down for three slots runs the crawl once, not three times.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from croniter import croniter

from lurewatch.config import LurewatchError
from lurewatch.schedule.db import connect

_INTERVAL = re.compile(r"^(?:\d+[smhdw])+$")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_PART = re.compile(r"(\d+)([smhdw])")


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Cadence:
    spec: str
    interval: timedelta | None = None
    cron: str | None = None

    def next_after(self, moment: datetime) -> datetime:
        if self.interval is not None:
            return moment + self.interval
        assert self.cron is not None
        nxt: datetime = croniter(self.cron, moment.astimezone(UTC)).get_next(datetime)
        return nxt.astimezone(UTC)


def parse_cadence(spec: str) -> Cadence:
    """``6h`` / ``30m`` / ``1d`` / ``1h30m``, or a cron expression such as ``0 */6 * * *`` (UTC)."""
    compact = spec.strip().lower().replace(" ", "")
    text = compact if _INTERVAL.match(compact) else " ".join(spec.split())
    if _INTERVAL.match(text):
        seconds = sum(int(n) * _UNIT[u] for n, u in _PART.findall(text))
        if seconds <= 0:
            raise LurewatchError(f"--every {spec!r}: the interval must be longer than zero", exit_code=2)
        return Cadence(text, interval=timedelta(seconds=seconds))
    if len(text.split()) in (5, 6) and croniter.is_valid(text):
        return Cadence(text, cron=text)
    raise LurewatchError(
        f"--every {spec!r} is neither an interval (30m, 6h, 1d, 1h30m) nor a cron expression (0 */6 * * *)",
        exit_code=2,
    )


@dataclass
class Schedule:
    name: str
    seeds: list[str]
    every: str
    options: dict[str, Any]
    next_run: str
    last_run: str | None
    enabled: bool
    created: str

    @property
    def cadence(self) -> Cadence:
        return parse_cadence(self.every)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Schedule:
        return cls(
            name=row["name"],
            seeds=json.loads(row["seeds"]),
            every=row["every"],
            options=json.loads(row["options"]),
            next_run=row["next_run"],
            last_run=row["last_run"],
            enabled=bool(row["enabled"]),
            created=row["created"],
        )


def add_schedule(home: Path, name: str, seeds: list[str], every: str, options: dict[str, Any]) -> Schedule:
    cadence = parse_cadence(every)
    moment = iso(now_utc())
    with connect(home) as db:
        if db.execute("SELECT 1 FROM schedules WHERE name = ?", (name,)).fetchone():
            raise LurewatchError(f"a schedule named {name!r} exists; remove it first or choose another --name", exit_code=2)
        db.execute(
            "INSERT INTO schedules (name, seeds, every, options, next_run, last_run, enabled, created)"
            " VALUES (?, ?, ?, ?, ?, NULL, 1, ?)",
            (name, json.dumps(seeds), cadence.spec, json.dumps(options, sort_keys=True), moment, moment),
        )
    return get_schedule(home, name)


def get_schedule(home: Path, name: str) -> Schedule:
    with connect(home) as db:
        row = db.execute("SELECT * FROM schedules WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise LurewatchError(f"no schedule named {name!r}", exit_code=4)
    return Schedule.from_row(row)


def list_schedules(home: Path) -> list[Schedule]:
    with connect(home) as db:
        return [Schedule.from_row(r) for r in db.execute("SELECT * FROM schedules ORDER BY name")]


def remove_schedule(home: Path, name: str) -> None:
    with connect(home) as db:
        if db.execute("DELETE FROM schedules WHERE name = ?", (name,)).rowcount == 0:
            raise LurewatchError(f"no schedule named {name!r}", exit_code=4)


def due_schedules(home: Path, moment: datetime) -> list[Schedule]:
    with connect(home) as db:
        rows = db.execute(
            "SELECT * FROM schedules WHERE enabled = 1 AND next_run <= ? ORDER BY next_run, name", (iso(moment),)
        ).fetchall()
    return [Schedule.from_row(r) for r in rows]


def mark_started(home: Path, schedule: Schedule, moment: datetime) -> str:
    """Record a run starting at ``moment``; the next run is one cadence after it (catch up once)."""
    next_run = iso(schedule.cadence.next_after(moment))
    with connect(home) as db:
        db.execute(
            "UPDATE schedules SET last_run = ?, next_run = ? WHERE name = ?", (iso(moment), next_run, schedule.name)
        )
    return next_run


def next_due(home: Path) -> datetime | None:
    with connect(home) as db:
        row = db.execute("SELECT MIN(next_run) AS n FROM schedules WHERE enabled = 1").fetchone()
    return parse_iso(row["n"]) if row and row["n"] else None
