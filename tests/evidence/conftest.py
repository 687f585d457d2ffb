"""A small site served on 127.0.0.1, crawled once by the real ``lurewatch crawl``; each test gets
its own copy of the resulting home, so tests may damage it freely."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.evidence.pki import Issued, make_ca, make_tsa

OPERATOR = "analyst-7"
PAGES = {
    "index.html": "<html><head><title>Overseas jobs board</title></head><body><h1>Jobs</h1>"
    "<a href='job1.html'>Customer service</a> <a href='job2.html'>Data entry</a></body></html>",
    "job1.html": "<html><head><title>Customer service, high salary</title></head><body><h1>Customer service</h1>"
    "<p>Salary 3000 USD, free flight to Sihanoukville. Contact Telegram @hr_global_jobs or "
    "e-mail Recruit.Team@example.org.</p></body></html>",
    "job2.html": "<html><head><title>Data entry</title></head><body><h1>Data entry</h1>"
    "<p>No experience needed. WhatsApp +855 12 345 678.</p></body></html>",
}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("site")
    for name, html in PAGES.items():
        (root / name).write_text(html, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def lurewatch(
    home: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 240
) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a child process."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("LUREWATCH_")}
    full_env.update({"LUREWATCH_OPERATOR": OPERATOR, **(env or {})})
    return subprocess.run(
        [sys.executable, "-c", "from lurewatch.cli.main import run; run()", "--home", str(home), *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="session")
def crawled(site: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("crawled") / "home"
    done = lurewatch(home, "crawl", site, "--json")
    assert done.returncode == 0, done.stderr
    return home


@pytest.fixture
def home(crawled: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "home"
    shutil.copytree(crawled, copy)
    return copy


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Issued]:
    directory = tmp_path_factory.mktemp("pki")
    ca = make_ca(directory, "Test TSA Root")
    other = make_ca(directory, "Foreign Root")
    return {
        "ca": ca,
        "other_ca": other,
        "tsa": make_tsa(directory, ca, "Test TSA"),
        "tsa2": make_tsa(directory, ca, "Second TSA"),
        "expired": make_tsa(directory, ca, "Expired TSA", expired=True),
        "foreign": make_tsa(directory, other, "Foreign TSA"),
    }
