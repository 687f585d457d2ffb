"""Schedules and the scheduler: cadences, catch-up once, `scheduler run --once`, job records."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lurewatch.config import LurewatchError
from lurewatch.schedule.schedules import add_schedule, due_schedules, mark_started, parse_cadence, parse_iso
from tests.conftest import run_cli
from tests.schedule.slowsite import PAGES, SlowSite

SETTINGS = ("--set", "AUTOTHROTTLE_ENABLED=False")


def test_cadences() -> None:
    start = datetime(2026, 11, 23, 10, 7, tzinfo=UTC)
    assert parse_cadence("6h").next_after(start) == start + timedelta(hours=6)
    assert parse_cadence("1h30m").next_after(start) == start + timedelta(minutes=90)
    assert parse_cadence("1d").next_after(start) == start + timedelta(days=1)
    assert parse_cadence("0 */6 * * *").next_after(start) == datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    for bad in ("6", "soon", "0h", "61 * * * *"):
        with pytest.raises(LurewatchError):
            parse_cadence(bad)


def test_missed_runs_are_caught_up_once(tmp_path: Path) -> None:
    schedule = add_schedule(tmp_path, "board", ["http://127.0.0.1:9/"], "1h", {})
    # The scheduler was down for three days: the schedule is due once, then an hour after it ran.
    later = parse_iso(schedule.next_run) + timedelta(days=3)
    assert [s.name for s in due_schedules(tmp_path, later)] == ["board"]
    next_run = mark_started(tmp_path, schedule, later)
    assert parse_iso(next_run) == later + timedelta(hours=1)
    assert due_schedules(tmp_path, later) == []


def test_schedule_add_list_remove(tmp_path: Path) -> None:
    added = run_cli("schedule", "add", "http://127.0.0.1:9/", "--every", "6h", "--name", "b", "--max-pages", "5",
                    "--json", home=tmp_path)
    assert added.returncode == 0, added.stderr
    assert run_cli("schedule", "add", "http://127.0.0.1:9/", "--every", "6h", "--name", "b", home=tmp_path).returncode == 2
    assert run_cli("schedule", "add", "http://127.0.0.1:9/", "--every", "often", home=tmp_path).returncode == 2
    listed = run_cli("schedule", "list", "--json", home=tmp_path).json()
    assert [(s["name"], s["every"], s["seeds"], s["options"]["max_pages"]) for s in listed] == [("b", "6h", ["http://127.0.0.1:9/"], 5)]
    assert run_cli("schedule", "remove", "b", home=tmp_path).returncode == 0
    assert run_cli("schedule", "list", "--json", home=tmp_path).json() == []
    assert run_cli("schedule", "remove", "b", home=tmp_path).returncode == 4


def test_scheduler_once_runs_the_due_schedule_and_records_the_job(tmp_path: Path) -> None:
    with SlowSite(delay=0.0) as site:
        added = run_cli("schedule", "add", site.url, "--every", "1d", "--name", "slow", *SETTINGS, home=tmp_path)
        assert added.returncode == 0, added.stderr
        ran = run_cli("scheduler", "run", "--once", "--json", home=tmp_path)
        assert ran.returncode == 0, ran.stderr
        report = ran.json()
        assert len(report["started"]) == 1 and report["failed"] == []
        # Nothing is due any more: a second pass starts nothing.
        assert run_cli("scheduler", "run", "--once", "--json", home=tmp_path).json()["started"] == []

    jobs = run_cli("jobs", "--json", home=tmp_path).json()
    assert len(jobs) == 1
    job = jobs[0]
    assert job["id"] == report["started"][0] and job["schedule"] == "slow" and job["status"] == "succeeded"
    assert job["pages"] == PAGES + 1 and job["bytes"] > 0 and job["warc_files"]
    assert job["options"]["seeds"] == [site.url]
    for name in job["warc_files"]:
        assert (tmp_path / "warcs" / name).is_file()
    schedule = run_cli("schedule", "list", "--json", home=tmp_path).json()[0]
    assert parse_iso(schedule["next_run"]) == parse_iso(schedule["last_run"]) + timedelta(days=1)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_failed_crawl_is_a_failed_job_that_says_why(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/"
    result = run_cli("crawl", url, "--json", "--set", "RETRY_TIMES=0", home=tmp_path)
    assert result.returncode == 3
    job = run_cli("jobs", "--json", home=tmp_path).json()[0]
    assert job["status"] == "failed" and job["finished"]
    assert job["reason"].startswith(f"no seed could be fetched: {url}")


def test_scheduled_crawl_of_an_unreachable_site_fails_the_run(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/"
    assert run_cli("schedule", "add", url, "--every", "30m", "--set", "RETRY_TIMES=0", home=tmp_path).returncode == 0
    ran = run_cli("scheduler", "run", "--once", "--json", home=tmp_path)
    assert ran.returncode == 1
    job = run_cli("jobs", "--json", home=tmp_path).json()[0]
    assert ran.json()["failed"] == [job["id"]]
    assert job["status"] == "failed" and "no seed could be fetched" in job["reason"]
