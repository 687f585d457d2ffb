"""Real crawls with Debian's Chromium against local sites; shared helpers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.render.site import RenderSite

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.browser


@dataclass
class Crawl:
    home: Path
    summary: dict
    stderr: str
    tag: str

    def records(self) -> list:
        out = []
        for path in sorted((self.home / "warcs").glob("*.warc.gz")):
            with open(path, "rb") as fh:
                for record in ArchiveIterator(fh):
                    record.payload = record.content_stream().read()
                    out.append(record)
        return out

    def search(self, *args: str) -> dict:
        done = cli(self.home, "search", "--json", *args)
        return json.loads(done.stdout)


def cli(home: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-c", "from lurewatch.cli.main import run; run()", "--home", str(home), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, cwd=REPO)


def crawl(home: Path, *args: str) -> Crawl:
    tag = uuid.uuid4().hex
    env = {**os.environ, "LUREWATCH_TEST_TAG": tag}  # inherited by Chromium: finds stray processes
    done = cli(home, "crawl", "--json", *args, env=env)
    assert done.returncode == 0, done.stderr
    return Crawl(home, json.loads(done.stdout), done.stderr, tag)


def processes_tagged(tag: str) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if f"LUREWATCH_TEST_TAG={tag}".encode() in (entry / "environ").read_bytes():
                pids.append(int(entry.name))
        except OSError:
            continue
    return pids


@pytest.fixture(scope="session")
def render_site() -> Iterator[RenderSite]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    with RenderSite() as site:
        yield site


@pytest.fixture(scope="session")
def rendered_crawl(render_site: RenderSite, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    """One rendered crawl of the whole test site, shared by the assertions."""
    return crawl(tmp_path_factory.mktemp("render-home"), "--render", render_site.url)
