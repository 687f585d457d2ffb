"""Shared fixtures: the bundled demo site on 127.0.0.1 and the lurewatch CLI as a subprocess
(Scrapy's reactor runs once per process, so every crawl gets its own)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# Never let tldextract reach for the internet from tests (Scrapy and surt use it).
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

REPO = Path(__file__).resolve().parents[1]


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def run_cli(*args: str, home: Path | None = None, env: dict[str, str] | None = None, timeout: float = 600) -> CliResult:
    """Run ``lurewatch ARGS`` in a child process and capture its output."""
    command = [sys.executable, "-c", "from lurewatch.cli.main import run; run()"]
    if home is not None:
        command += ["--home", str(home)]
    full_env = {**os.environ, "LUREWATCH_INDEX": "sqlite", **(env or {})}
    done = subprocess.run([*command, *args], capture_output=True, text=True, timeout=timeout, env=full_env, cwd=REPO)
    return CliResult(done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="session")
def demo_site() -> Iterator[Any]:
    from lurewatch.demo import DemoSite

    # The slow page outlasts the crawl's download timeout set by crawl fixtures (3 s), briefly.
    with DemoSite(day=1, slow_seconds=6, huge_bytes=3 * 1024 * 1024) as site:
        yield site


# Settings every test crawl uses: fast (no politeness delay against our own server), a short
# download timeout for the slow page, and a 1 MB cap so the huge page is truncated.
TEST_CRAWL_SETTINGS = (
    "--set", "AUTOTHROTTLE_ENABLED=False",
    "--set", "DOWNLOAD_TIMEOUT=3",
    "--set", "RETRY_TIMES=1",
    "--set", "LUREWATCH_MAX_RESPONSE_BYTES=1000000",
)


@pytest.fixture(scope="session")
def demo_crawl(demo_site: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One full crawl of the demo site through the CLI, shared by the end-to-end tests."""
    home = tmp_path_factory.mktemp("demo-home")
    result = run_cli("crawl", demo_site.url, "--json", *TEST_CRAWL_SETTINGS, home=home)
    assert result.returncode == 0, result.stderr[-3000:]
    return {"home": home, "summary": result.json(), "stderr": result.stderr, "site": demo_site}
