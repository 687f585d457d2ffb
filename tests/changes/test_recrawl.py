"""Two crawls of the demo site, day 1 then day 2 of its life: revisits, changes, takedowns."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from lurewatch.demo import DemoSite, load_changes
from tests.conftest import TEST_CRAWL_SETTINGS, run_cli


@dataclass
class Recrawl:
    site: DemoSite
    home: Path
    day1: dict[str, Any]
    day2: dict[str, Any]

    def url(self, path: str) -> str:
        return self.site.page_url(path)


def _crawl(site: DemoSite, home: Path) -> dict[str, Any]:
    result = run_cli("crawl", site.url, "--json", *TEST_CRAWL_SETTINGS, home=home)
    assert result.returncode == 0, result.stderr[-3000:]
    return dict(result.json())


@pytest.fixture(scope="module")
def recrawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Recrawl]:
    home = tmp_path_factory.mktemp("recrawl-home")
    with DemoSite(day=1, slow_seconds=6, huge_bytes=3 * 1024 * 1024) as site:
        day1 = _crawl(site, home)
        site.set_day(2)
        day2 = _crawl(site, home)
        yield Recrawl(site, home, day1, day2)


def _changes(recrawl: Recrawl, *extra: str) -> list[dict[str, Any]]:
    result = run_cli("changes", "--json", *extra, home=recrawl.home)
    assert result.returncode == 0, result.stderr
    return list(result.json())


def test_changes_lists_exactly_the_removed_and_edited_ads(recrawl: Recrawl) -> None:
    expected = load_changes()["paths"]
    removed = {recrawl.url(p) for p in expected["removed"] + expected["gone"]}
    edited = {recrawl.url(p) for p in expected["edited"]}
    found = _changes(recrawl)
    assert {c["url"] for c in found if c["change"] == "removed"} == removed
    assert {c["url"] for c in found if c["change"] == "changed"} == edited
    assert len(found) == len(removed) + len(edited)
    for change in found:
        assert set(change) == {"url", "change", "before", "after"}
        assert change["before"] < change["after"]


def test_changes_all_adds_the_listings_whose_rows_changed(recrawl: Recrawl) -> None:
    expected = load_changes()["paths"]
    changed = {c["url"] for c in _changes(recrawl, "--all") if c["change"] == "changed"}
    assert changed == {recrawl.url(p) for p in expected["changed"]}


def test_removed_ads_stay_retrievable(recrawl: Recrawl) -> None:
    for path in load_changes()["paths"]["removed"]:
        result = run_cli("evidence", "list", recrawl.url(path), "--json", home=recrawl.home)
        assert result.returncode == 0, result.stderr
        captures = result.json()
        assert [c["status"] for c in captures] == [200]


def _records(home: Path, warc_files: list[str]) -> list[Any]:
    out = []
    for name in warc_files:
        with open(home / "warcs" / name, "rb") as fh:
            for record in ArchiveIterator(fh):
                record.content_stream().read()
                out.append(record)
    return out


def test_unchanged_pages_are_revisits_of_day_one(recrawl: Recrawl) -> None:
    first = {r.rec_headers.get_header("WARC-Record-ID"): r for r in _records(recrawl.home, recrawl.day1["warc_files"])}
    second = _records(recrawl.home, recrawl.day2["warc_files"])
    revisits = {r.rec_headers.get_header("WARC-Target-URI"): r for r in second if r.rec_type == "revisit"}
    responses = {r.rec_headers.get_header("WARC-Target-URI") for r in second if r.rec_type == "response"}
    unchanged_ad = recrawl.url("/jobs/1002/")
    assert unchanged_ad in revisits and unchanged_ad not in responses
    for path in load_changes()["paths"]["edited"]:
        assert recrawl.url(path) in responses  # a changed page gets a new full capture
    for revisit in revisits.values():
        assert revisit.rec_headers.get_header("WARC-Profile").endswith("/revisit/identical-payload-digest")
        original = first[revisit.rec_headers.get_header("WARC-Refers-To")]
        assert original.rec_type == "response"
        assert original.rec_headers.get_header("WARC-Payload-Digest") == revisit.rec_headers.get_header("WARC-Payload-Digest")
    requests = {r.rec_headers.get_header("WARC-Concurrent-To") for r in second if r.rec_type == "request"}
    assert {r.rec_headers.get_header("WARC-Record-ID") for r in second if r.rec_type in ("response", "revisit")} == requests


def test_second_crawl_grows_the_archive_little(recrawl: Recrawl) -> None:
    jobs = {j["id"]: j for j in run_cli("jobs", "--json", home=recrawl.home).json()}
    first, second = jobs[recrawl.day1["job_id"]]["bytes"], jobs[recrawl.day2["job_id"]]["bytes"]
    # Per unchanged page: a revisit + its request (~1.1 KB gzipped) instead of a response + request;
    # the demo's pages are tiny (~1.4 KB gzipped), so this is the least a revisit can save there.
    assert second < first * 0.7, (first, second)


def test_every_file_passes_warcio_check(recrawl: Recrawl) -> None:
    files = sorted((recrawl.home / "warcs").glob("*.warc.gz"))
    done = subprocess.run([sys.executable, "-m", "warcio.cli", "check", *map(str, files)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_index_rebuild_resolves_revisits(recrawl: Recrawl) -> None:
    query = ("--site", "127.0.0.1", "--limit", "1000", "--json")
    before = run_cli("search", *query, home=recrawl.home).json()
    assert run_cli("index", "rebuild", "--json", home=recrawl.home).returncode == 0
    after = run_cli("search", *query, home=recrawl.home).json()
    assert after["total"] == before["total"]
    by_url = {h["url"]: h for h in after["hits"]}
    unchanged = by_url[recrawl.url("/jobs/1002/")]
    assert unchanged["title"] and unchanged["captured_at"] >= recrawl.day2["started_at"]
    assert unchanged == {h["url"]: h for h in before["hits"]}[recrawl.url("/jobs/1002/")]


def test_a_404_recapture_is_a_removal_and_keeps_the_indexed_page(recrawl: Recrawl) -> None:
    # Runs last in this module: it adds a third capture of one removed ad.
    gone = recrawl.url(load_changes()["paths"]["removed"][0])
    result = run_cli("crawl", gone, "--max-pages", "1", "--json", *TEST_CRAWL_SETTINGS, home=recrawl.home)
    assert result.returncode == 3  # the only seed failed: HTTP 404
    captures = run_cli("evidence", "list", gone, "--json", home=recrawl.home).json()
    assert [c["status"] for c in captures] == [200, 404]
    removal = [c for c in _changes(recrawl) if c["url"] == gone]
    assert removal == [{"url": gone, "change": "removed", "before": captures[0]["captured_at"], "after": captures[1]["captured_at"]}]
    hits = run_cli("search", "--site", "127.0.0.1", "--limit", "1000", "--json", home=recrawl.home).json()["hits"]
    assert gone in {h["url"] for h in hits}
    jobs = run_cli("jobs", "--json", home=recrawl.home).json()
    assert jobs[0]["status"] == "failed" and "no seed could be fetched" in jobs[0]["reason"]
