"""A crawl may mix modes: URLs matching ``LUREWATCH_RENDER_PATTERNS`` are rendered, the rest are
fetched plainly (run through ``scrapy crawl`` from the repository root, which must behave as
``lurewatch crawl``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lurewatch.demo import DemoSite
from lurewatch.demo.jspages import js_pages
from tests.render.conftest import CHROMIUM, REPO, Crawl, cli

pytestmark = pytest.mark.browser


def test_only_matching_urls_are_rendered(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    home = tmp_path / "home"
    with DemoSite(hang_seconds=120) as site:
        env = {**os.environ, "LUREWATCH_HOME": str(home)}
        done = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"url={site.url}js/", "-a", "depth=1",
             "-s", "LUREWATCH_RENDER_PATTERNS=/js/jobs/"],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        crawl = Crawl(home, {}, done.stderr, "")
        records = crawl.records()
        base = site.url
    responses = [r for r in records if r.rec_type == "response"]
    rendered = {r.rec_headers.get_header("WARC-Target-URI") for r in responses if r.rec_headers.get_header("WARC-Page-ID")}
    plain = {r.rec_headers.get_header("WARC-Target-URI") for r in responses if not r.rec_headers.get_header("WARC-Page-ID")}
    shots = [r for r in records if r.rec_type == "resource"
             and r.rec_headers.get_header("WARC-Target-URI").startswith("urn:lurewatch:screenshot:")]
    shot_pages = sorted(r.rec_headers.get_header("WARC-Target-URI").split(":", 3)[3] for r in shots)
    assert shot_pages and all(u.startswith(base + "js/jobs/") for u in shot_pages)
    assert len(shot_pages) == len(set(shot_pages))  # one screenshot per rendered page
    assert base + "js/" in plain  # the seed does not match: fetched without the browser
    assert not any(u.startswith(base + "js/jobs/") for u in plain)
    assert any("/api/jobs/" in u for u in rendered)  # the ads' XHR responses
    # the XHR-loaded ads' entities are indexed for the rendered pages
    found = json.loads(cli(home, "search", "--json", "--limit", "500").stdout)["hits"]
    by_path = {h["url"][len(base) - 1:]: {(e["type"], e["value"]) for e in h["entities"]} for h in found}
    ads = [p for p in js_pages() if p.kind == "job_ad" and p.path in by_path]
    assert ads
    for page in ads:
        expected = set(page.entities)
        assert expected and expected <= by_path[page.path], page.path
