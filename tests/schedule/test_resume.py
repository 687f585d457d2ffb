"""A crawl killed with SIGKILL mid-way, then resumed: nothing lost, nothing twice, no .open file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from tests.conftest import REPO, run_cli
from tests.schedule.slowsite import SlowSite

SETTINGS = ("--set", "AUTOTHROTTLE_ENABLED=False", "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=2")


def _responses(home: Path) -> Counter[str]:
    seen: Counter[str] = Counter()
    for path in sorted((home / "warcs").glob("*.warc.gz")):
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type in ("response", "revisit"):
                    seen[record.rec_headers.get_header("WARC-Target-URI")] += 1
    return seen


def test_killed_crawl_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with SlowSite(delay=0.15) as site:
        env = {**os.environ, "LUREWATCH_INDEX": "sqlite"}
        command = [sys.executable, "-m", "lurewatch.cli.main", "--home", str(home), "crawl", site.url,
                   "--json", "--job-id", "20260101T000000-dead", *SETTINGS]
        child = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            while site.served < 25:  # the crawl is well under way: 25 of 62 requests answered
                assert child.poll() is None, child.stderr.read().decode() if child.stderr else ""
                time.sleep(0.05)
            child.send_signal(signal.SIGKILL)
        finally:
            child.wait()
        assert child.returncode == -signal.SIGKILL
        assert list((home / "warcs").glob("*.open")), "the killed crawl should leave its file open"

        jobs = run_cli("jobs", "--json", home=home).json()
        assert jobs[0]["id"] == "20260101T000000-dead" and jobs[0]["status"] == "killed"
        assert "--resume" in jobs[0]["reason"]

        served_before = site.served
        resumed = run_cli("crawl", "--resume", "20260101T000000-dead", "--json", home=home)
        assert resumed.returncode == 0, resumed.stderr[-3000:]
        refetched = site.served - served_before

    assert not list((home / "warcs").glob("*.open"))
    captured = _responses(home)
    pages = site.page_urls()
    assert pages <= set(captured), f"missing: {sorted(pages - set(captured))}"
    assert all(captured[url] == 1 for url in pages), {u: n for u, n in captured.items() if n != 1}
    assert refetched < len(pages) + 1  # archived pages came from the archive, not the site

    files = sorted((home / "warcs").glob("*.warc.gz"))
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", *map(str, files)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr

    job = run_cli("jobs", "--json", home=home).json()[0]
    assert job["status"] == "succeeded" and job["pages"] == len(pages)
    assert sorted(job["warc_files"]) == sorted(p.name for p in files)
    summary = resumed.json()
    assert summary["job_id"] == "20260101T000000-dead"
    hits = run_cli("search", "--limit", "1000", "--json", home=home).json()
    assert {h["url"] for h in hits["hits"]} == pages


def test_sigterm_stops_the_scheduler_and_its_crawl_cleanly(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with SlowSite(delay=0.2) as site:
        assert run_cli("schedule", "add", site.url, "--every", "1d", "--name", "slow", *SETTINGS, home=home).returncode == 0
        env = {**os.environ, "LUREWATCH_INDEX": "sqlite"}
        scheduler = subprocess.Popen(
            [sys.executable, "-m", "lurewatch.cli.main", "--home", str(home), "scheduler", "run", "--poll", "1"],
            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        try:
            while site.served < 10:
                assert scheduler.poll() is None, scheduler.stderr.read().decode() if scheduler.stderr else ""
                time.sleep(0.05)
            scheduler.send_signal(signal.SIGTERM)
            assert scheduler.wait(timeout=120) == 0
        finally:
            if scheduler.poll() is None:
                scheduler.kill()
                scheduler.wait()
        job = run_cli("jobs", "--json", home=home).json()[0]
        assert job["status"] == "killed" and f"--resume {job['id']}" in job["reason"]
        assert not list((home / "warcs").glob("*.open"))  # the crawl sealed its file before exiting
        resumed = run_cli("crawl", "--resume", job["id"], "--json", home=home)
        assert resumed.returncode == 0, resumed.stderr[-3000:]
    captured = _responses(home)
    assert all(captured[url] == 1 for url in site.page_urls())
    assert run_cli("jobs", "--json", home=home).json()[0]["status"] == "succeeded"
