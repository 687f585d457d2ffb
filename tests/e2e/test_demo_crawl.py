"""End to end: crawl the bundled demo site through the CLI and check the archive, the index and
the command output, as an investigator, an analyst and a legal team would rely on them."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from lurewatch.demo import load_labels
from lurewatch.demo.answers import trap_patterns
from tests.conftest import REPO, TEST_CRAWL_SETTINGS, run_cli


def _records(home: Path) -> list[Any]:
    out = []
    for path in sorted((home / "warcs").glob("*.warc.gz")):
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                raw = record.raw_stream.read()  # the payload exactly as stored
                out.append((path.name, record, raw))
    return out


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_summary_counts_pages_files_and_errors(demo_crawl: dict[str, Any]) -> None:
    summary = demo_crawl["summary"]
    assert summary["pages"] >= 80
    assert summary["warc_files"] and summary["bytes"] > 0
    assert summary["entities"] >= 60
    # 404, 410, 500, the reset, the slow page: each counted, none fatal
    assert summary["errors"] >= 4
    assert summary["finish_reason"] == "finished"
    assert not list((demo_crawl["home"] / "warcs").glob("*.open"))


def test_every_warc_passes_warcio_check(demo_crawl: dict[str, Any]) -> None:
    files = sorted((demo_crawl["home"] / "warcs").glob("*.warc.gz"))
    warcio = Path(sys.executable).with_name("warcio")
    done = subprocess.run([str(warcio), "check", *map(str, files)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_records_are_paired_dated_and_digested(demo_crawl: dict[str, Any]) -> None:
    records = _records(demo_crawl["home"])
    by_id = {r.rec_headers.get_header("WARC-Record-ID"): r for _, r, _ in records}
    warcinfos = {r.rec_headers.get_header("WARC-Record-ID") for _, r, _ in records if r.rec_type == "warcinfo"}
    responses = [(r, raw) for _, r, raw in records if r.rec_type == "response"]
    revisits = [r for _, r, _ in records if r.rec_type == "revisit"]
    requests = [r for _, r, _ in records if r.rec_type == "request"]
    assert responses and len(requests) == len(responses) + len(revisits)
    for request in requests:
        response = by_id[request.rec_headers.get_header("WARC-Concurrent-To")]
        assert response.rec_headers.get_header("WARC-Date") == request.rec_headers.get_header("WARC-Date")
        assert request.rec_headers.get_header("WARC-Target-URI") == response.rec_headers.get_header("WARC-Target-URI")
    for response, raw in responses:
        headers = response.rec_headers
        assert headers.get_header("WARC-Warcinfo-ID") in warcinfos
        assert headers.get_header("WARC-IP-Address") == "127.0.0.1"
        assert response.http_headers.protocol == "HTTP/1.1"
        expected = "sha256:" + base64.b32encode(hashlib.sha256(raw).digest()).decode()
        assert headers.get_header("WARC-Payload-Digest") == expected, headers.get_header("WARC-Target-URI")
        assert response.http_headers.get_header("Transfer-Encoding") is None
    # the query string stays in the request line
    lines = [f"{r.http_headers.protocol} {r.http_headers.statusline}" for r in requests]
    assert "GET /jobs/?page=2 HTTP/1.1" in lines


def _response_for(records: list[Any], path: str) -> tuple[Any, bytes]:
    for _, record, raw in records:
        if record.rec_type == "response" and _path_of(record.rec_headers.get_header("WARC-Target-URI")) == path:
            return record, raw
    raise AssertionError(f"no response record for {path}")


def test_lab_pages_are_recorded_faithfully(demo_crawl: dict[str, Any]) -> None:
    records = _records(demo_crawl["home"])
    cookies, _ = _response_for(records, "/lab/cookies")
    assert len([v for k, v in cookies.http_headers.headers if k.lower() == "set-cookie"]) == 3
    chunked, raw = _response_for(records, "/lab/chunked")
    # Twisted removes the framing header and de-chunks; the record must not claim chunking
    assert chunked.http_headers.get_header("Transfer-Encoding") is None
    assert b"siamstaffing" in raw and b"\r\n0\r\n" not in raw
    gzipped, raw = _response_for(records, "/lab/gzip")
    assert gzipped.http_headers.get_header("Content-Encoding") == "gzip" and raw[:2] == b"\x1f\x8b"
    huge, raw = _response_for(records, "/lab/huge")
    assert huge.rec_headers.get_header("WARC-Truncated") == "length"
    assert 1_000_000 <= len(raw) < 3 * 1024 * 1024
    for status in (404, 410, 500):
        record, _ = _response_for(records, f"/lab/status/{status}")
        assert record.http_headers.get_statuscode() == str(status)
    hop, _ = _response_for(records, "/lab/redirect/start")
    assert hop.http_headers.get_statuscode() == "301"
    _response_for(records, "/lab/redirect/final")


def test_traps_are_bounded_and_robots_obeyed(demo_crawl: dict[str, Any]) -> None:
    fetched = [
        _path_of(r.rec_headers.get_header("WARC-Target-URI"))
        for _, r, _ in _records(demo_crawl["home"])
        if r.rec_type == "response"
    ]
    patterns = trap_patterns()
    per_trap = {name: sum(1 for p in fetched if pattern.match(p)) for name, pattern in patterns.items()}
    assert per_trap["calendar"] <= 26
    assert per_trap["path_loop"] <= 2
    assert per_trap["session_id"] <= 3
    assert "/private/staff-notes.html" not in fetched
    assert len(fetched) < 250


def _found_entities(home: Path) -> set[tuple[str, str, str]]:
    result = run_cli("entities", "--json", home=home)
    assert result.returncode == 0, result.stderr
    return {(_path_of(url), e["type"], e["value"]) for e in result.json() for url in e["pages"]}


def test_entity_precision_and_recall_per_type(demo_crawl: dict[str, Any]) -> None:
    labels = load_labels(1)
    scored = {
        path for path, label in labels.items()
        if label.status == 200 and not label.needs_render and not label.robots_disallowed
        and label.content_type.startswith("text/html") and path != "/lab/huge"
    }
    expected = {(path, t, v) for path in scored for t, v in labels[path].entities}
    found = {f for f in _found_entities(demo_crawl["home"]) if f[0] in scored}
    report = {}
    for etype in sorted({t for _, t, _ in expected | found}):
        exp = {e for e in expected if e[1] == etype}
        got = {f for f in found if f[1] == etype}
        tp = len(exp & got)
        precision = tp / len(got) if got else 1.0
        recall = tp / len(exp) if exp else 1.0
        report[etype] = (round(precision, 3), round(recall, 3), sorted(got - exp)[:5], sorted(exp - got)[:5])
    for etype, (precision, recall, false_pos, missed) in report.items():
        assert precision >= 0.97, (etype, precision, false_pos)
        assert recall >= 0.95, (etype, recall, missed)


def test_entity_pivot_finds_every_page_of_a_handle(demo_crawl: dict[str, Any]) -> None:
    result = run_cli("search", "--type", "telegram", "--value", "@GoldenBay_HR", "--json", home=demo_crawl["home"])
    assert result.returncode == 0, result.stderr
    paths = {_path_of(h["url"]) for h in result.json()["hits"]}
    assert {"/jobs/1001/", "/forum/t/501/"} <= paths


@pytest.mark.parametrize(
    ("query", "written", "lang"),
    [
        ("招聘", "招聘", "zh"),
        ("ประสบการณ์", "ประสบการณ์", "th"),
        ("kinh nghiệm", "kinh nghiệm", "vi"),
        ("kinh nghiem", "kinh nghiệm", "vi"),  # typed without diacritics
        ("pengalaman", "pengalaman", "id"),
        ("passport", "passport", "en"),
    ],
)
def test_multilingual_search_recall(demo_crawl: dict[str, Any], query: str, written: str, lang: str) -> None:
    """Every ad in that language whose page contains the words (as written there) is found."""
    site = demo_crawl["site"]
    labels = load_labels(1)
    expected = set()
    for path, label in labels.items():
        if label.kind != "job_ad" or label.needs_render or label.lang != lang:
            continue
        with urllib.request.urlopen(site.page_url(path)) as response:
            text = response.read().decode("utf-8").lower()
        if written in text:
            expected.add(path)
    assert expected, f"no demo ad contains {query!r}"
    result = run_cli("search", query, "--limit", "500", "--json", home=demo_crawl["home"])
    assert result.returncode == 0, result.stderr
    found = {_path_of(h["url"]) for h in result.json()["hits"]}
    assert len(expected & found) / len(expected) >= 0.9, sorted(expected - found)


def test_search_json_shape(demo_crawl: dict[str, Any]) -> None:
    result = run_cli("search", "telegram", "--limit", "3", "--json", home=demo_crawl["home"])
    document = result.json()
    assert set(document) == {"total", "hits"} and document["total"] >= 3
    hit = document["hits"][0]
    assert {"url", "title", "captured_at", "risk", "entities", "evidence"} <= set(hit)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", hit["captured_at"])
    assert set(hit["risk"]) == {"score", "reasons"}
    assert set(hit["evidence"]) == {"warc", "offset", "length", "record_id", "sha256"}
    # the evidence reference leads straight to the record, and the digest matches its bytes
    warc = demo_crawl["home"] / "warcs" / hit["evidence"]["warc"]
    with open(warc, "rb") as fh:
        fh.seek(hit["evidence"]["offset"])
        stored = fh.read(hit["evidence"]["length"])
    assert hashlib.sha256(stored).hexdigest() == hit["evidence"]["sha256"]


def test_filters_site_since_and_risk(demo_crawl: dict[str, Any]) -> None:
    home = demo_crawl["home"]
    everything = run_cli("search", "--limit", "1", "--json", home=home).json()["total"]
    host = urlsplit(demo_crawl["site"].url).netloc.split(":")[0]
    assert run_cli("search", "--site", host, "--limit", "1", "--json", home=home).json()["total"] == everything
    assert run_cli("search", "--site", "elsewhere.example", "--json", home=home).json()["total"] == 0
    assert run_cli("search", "--since", "2000-01-01", "--limit", "1", "--json", home=home).json()["total"] == everything
    assert run_cli("search", "--since", "2999-01-01", "--json", home=home).json()["total"] == 0
    risky = run_cli("search", "--min-risk", "0.6", "--limit", "500", "--json", home=home).json()
    assert 0 < risky["total"] < everything
    assert all(h["risk"]["score"] >= 0.6 and h["risk"]["reasons"] for h in risky["hits"])


def test_entities_and_evidence_list_json_shapes(demo_crawl: dict[str, Any]) -> None:
    home = demo_crawl["home"]
    entities = run_cli("entities", "--type", "tron_address", "--json", home=home).json()
    assert entities and all(e["type"] == "tron_address" for e in entities)
    assert {"type", "value", "count", "pages", "first_seen", "last_seen"} <= set(entities[0])
    url = demo_crawl["site"].page_url("/jobs/1001/")
    captures = run_cli("evidence", "list", url, "--json", home=home).json()
    assert len(captures) == 1
    assert {"url", "captured_at", "status", "warc", "offset", "length", "sha256"} <= set(captures[0])
    assert captures[0]["status"] == 200


def test_index_rebuild_from_warcs_gives_the_same_answers(demo_crawl: dict[str, Any], tmp_path: Path) -> None:
    home = demo_crawl["home"]
    queries = [("招聘",), ("telegram",), ("--type", "wechat"), ("--min-risk", "0.5")]

    def answers() -> list[set[str]]:
        return [{h["url"] for h in run_cli("search", *q, "--limit", "1000", "--json", home=home).json()["hits"]} for q in queries]

    before = answers()
    entities_before = run_cli("entities", "--json", home=home).json()
    rebuilt = run_cli("index", "rebuild", "--json", home=home)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rebuilt.json()["indexed"] == demo_crawl["summary"]["pages"]
    assert answers() == before
    assert run_cli("entities", "--json", home=home).json() == entities_before


def test_unreachable_seed_is_one_clear_line_and_nonzero(tmp_path: Path) -> None:
    result = run_cli("crawl", "http://127.0.0.1:9/", "--set", "RETRY_TIMES=1", home=tmp_path)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert "Gave up retrying" not in result.stderr  # the spider's own line says it once
    assert "Disabled" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: no seed could be fetched: http://127.0.0.1:9/")


def test_unknown_option_is_one_line(tmp_path: Path) -> None:
    result = run_cli("crawl", "--frobnicate", "http://127.0.0.1:9/", home=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "frobnicate" in result.stderr


def test_scrapy_crawl_from_the_root_matches_lurewatch_crawl(demo_site: Any, tmp_path: Path) -> None:
    seed = demo_site.page_url("/forum/")
    via_cli = tmp_path / "cli"
    via_scrapy = tmp_path / "scrapy"
    assert run_cli("crawl", seed, "--depth", "1", *TEST_CRAWL_SETTINGS, home=via_cli).returncode == 0
    settings = [a for a in TEST_CRAWL_SETTINGS if a != "--set"]
    command = [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"url={seed}", "-a", "depth=1"]
    for setting in settings:
        command += ["-s", setting]
    env = {**os.environ, "LUREWATCH_HOME": str(via_scrapy), "LUREWATCH_INDEX": "sqlite"}
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]

    def archived(home: Path) -> set[str]:
        return {r.rec_headers.get_header("WARC-Target-URI") for _, r, _ in _records(home) if r.rec_type == "response"}

    def indexed(home: Path) -> dict[str, list[tuple[str, str]]]:
        hits = run_cli("search", "--limit", "1000", "--json", home=home).json()["hits"]
        return {h["url"]: sorted((e["type"], e["value"]) for e in h["entities"]) for h in hits}

    assert archived(via_cli) == archived(via_scrapy)
    assert indexed(via_cli) == indexed(via_scrapy)
