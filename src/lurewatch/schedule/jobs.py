"""Job records: one per crawl, scheduled or not, with its options, outcome and WARC files.

A job is recorded ``running`` (with the pid of the crawling process) before the crawl starts and
updated when it ends. A process killed outright cannot record its end, so a ``running`` job whose
process is gone is reported ``killed`` the next time anyone reads the table.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lurewatch.config import LurewatchError
from lurewatch.schedule.db import connect
from lurewatch.schedule.schedules import iso, now_utc
from lurewatch.warc.membership import files_of_job

RUNNING, SUCCEEDED, FAILED, KILLED = "running", "succeeded", "failed", "killed"


@dataclass
class Job:
    id: str
    schedule: str | None
    started: str
    finished: str | None
    status: str
    options: dict[str, Any]
    pages: int
    bytes: int
    errors: int
    warc_files: list[str]
    reason: str
    pid: int | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Job:
        return cls(
            id=row["id"],
            schedule=row["schedule"],
            started=row["started"],
            finished=row["finished"],
            status=row["status"],
            options=json.loads(row["options"]),
            pages=int(row["pages"]),
            bytes=int(row["bytes"]),
            errors=int(row["errors"]),
            warc_files=json.loads(row["warc_files"]),
            reason=row["reason"],
            pid=row["pid"],
        )


def pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    try:  # a zombie (exited, not yet reaped by its parent) is not running a crawl
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def begin(home: Path, job_id: str, options: dict[str, Any], pid: int | None, schedule: str | None = None) -> None:
    """Record a job as running; on resume the record is reopened (schedule and start kept)."""
    with connect(home) as db:
        db.execute(
            "INSERT INTO jobs (id, schedule, started, status, options, pid) VALUES (?, ?, ?, 'running', ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET status = 'running', finished = NULL, reason = '', pid = excluded.pid,"
            " options = excluded.options, schedule = COALESCE(jobs.schedule, excluded.schedule)",
            (job_id, schedule, iso(now_utc()), json.dumps(options, sort_keys=True), pid),
        )


def archive_figures(warc_dir: Path, job_id: str) -> tuple[list[str], int]:
    """The job's sealed WARC files (from the archive itself, so files sealed before a kill or by a
    repair count too) and their total size."""
    files = files_of_job(warc_dir, job_id) if warc_dir.is_dir() else []
    return [p.name for p in files], sum(p.stat().st_size for p in files)


def finish(
    home: Path, job_id: str, status: str, reason: str = "", pages: int | None = None, errors: int | None = None
) -> Job:
    warc_files, size = archive_figures(home / "warcs", job_id)
    with connect(home) as db:
        db.execute(
            "UPDATE jobs SET status = ?, reason = ?, finished = ?, pages = COALESCE(?, pages),"
            " errors = COALESCE(?, errors), bytes = ?, warc_files = ? WHERE id = ?",
            (status, reason, iso(now_utc()), pages, errors, size, json.dumps(warc_files), job_id),
        )
    return get_job(home, job_id)


def get_job(home: Path, job_id: str) -> Job:
    reconcile(home)
    with connect(home) as db:
        row = db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
    if row is None:
        raise LurewatchError(f"no job {job_id!r} (see `lurewatch jobs`)", exit_code=4)
    return Job.from_row(row)


def list_jobs(home: Path, schedule: str | None = None) -> list[Job]:
    """Newest first."""
    reconcile(home)
    with connect(home) as db:
        if schedule is None:
            rows = db.execute("SELECT * FROM jobs ORDER BY started DESC, id DESC").fetchall()
        else:
            rows = db.execute("SELECT * FROM jobs WHERE schedule = ? ORDER BY started DESC, id DESC", (schedule,)).fetchall()
    return [Job.from_row(r) for r in rows]


def reconcile(home: Path) -> list[str]:
    """Mark ``running`` jobs whose process is gone as ``killed``; returns their ids."""
    with connect(home) as db:
        rows = db.execute("SELECT id, pid FROM jobs WHERE status = 'running'").fetchall()
    dead = [r["id"] for r in rows if r["pid"] and not pid_alive(r["pid"])]
    for job_id in dead:
        warc_files, size = archive_figures(home / "warcs", job_id)
        with connect(home) as db:
            db.execute(
                "UPDATE jobs SET status = 'killed', reason = ?, bytes = ?, warc_files = ?"
                " WHERE id = ? AND status = 'running'",
                (
                    f"the crawling process ended without recording an outcome (killed?); "
                    f"resume with `lurewatch crawl --resume {job_id}`",
                    size,
                    json.dumps(warc_files),
                    job_id,
                ),
            )
    return dead
