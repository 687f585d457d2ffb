"""A rendered page replays in pywb with its dynamic content."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.render.conftest import CHROMIUM, Crawl
from tests.render.site import RenderSite

pytestmark = pytest.mark.browser

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@pytest.fixture(scope="module")
def wayback(rendered_crawl: Crawl, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("pywb")
    subprocess.run([str(BIN / "wb-manager"), "init", "lw"], cwd=root, check=True, capture_output=True)
    warcs = sorted(str(p) for p in (rendered_crawl.home / "warcs").glob("*.warc.gz"))
    subprocess.run([str(BIN / "wb-manager"), "add", "lw", *warcs], cwd=root, check=True, capture_output=True)
    port = _free_port()
    proc = subprocess.Popen([str(BIN / "wayback"), "-p", str(port), "-b", "127.0.0.1"], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/lw/"
    try:
        for _ in range(300):  # until pywb answers
            try:
                _get(base)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_xhr_json_and_page_replay(wayback: str, render_site: RenderSite) -> None:
    status, body = _get(f"{wayback}id_/{render_site.url}api/ad/1")
    assert status == 200
    assert "hr_sihanouk_jobs" in json.loads(body)["html"]
    status, body = _get(f"{wayback}mp_/{render_site.url}ad/1")
    assert status == 200 and b'fetch("/api/ad/1")' in body


def test_replayed_page_shows_the_ad_in_a_browser(wayback: str, render_site: RenderSite) -> None:
    from playwright.sync_api import sync_playwright

    from lurewatch.crawl.render import CHROMIUM_ARGS

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page()
            live: list[str] = []
            page.on("request", lambda r: live.append(r.url) if r.url.startswith(render_site.url) else None)
            page.goto(f"{wayback}{render_site.url}ad/1")  # pywb's replay frame around the page
            page.frame_locator("iframe").first.get_by_text("hr_sihanouk_jobs").wait_for(timeout=60_000)
            assert live == []  # everything came from the archive, not the live site
        finally:
            browser.close()
