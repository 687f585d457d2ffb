"""Rendered pages per minute on this machine, beside plain lurewatch crawling of the same pages.

    .venv/bin/python bench/render_bench.py [--pages 60] [--seed-path /]

Both crawls run the ``lurewatch crawl`` CLI in a child process against the local demo site
(127.0.0.1), so the figures include process start, browser launch, WARC writing and indexing.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lurewatch.demo import DemoSite

log = logging.getLogger("render_bench")


def crawl(seed: str, pages: int, render: bool) -> tuple[int, float]:
    with tempfile.TemporaryDirectory() as home:
        cmd = [sys.executable, "-c", "from lurewatch.cli.main import run; run()", "--home", home,
               "crawl", "--json", "--max-pages", str(pages), seed]
        if render:
            cmd.insert(-1, "--render")
        started = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        elapsed = time.perf_counter() - started
        return int(json.loads(done.stdout)["pages"]), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--seed-path", default="/jobs/")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
    with DemoSite(slow_seconds=5, hang_seconds=5) as site:
        seed = site.url + args.seed_path.lstrip("/")
        results = {mode: crawl(seed, args.pages, mode == "rendered") for mode in ("plain", "rendered")}
    log.info("%-10s %7s %9s %10s", "mode", "pages", "seconds", "pages/min")
    for mode, (pages, seconds) in results.items():
        log.info("%-10s %7d %9.1f %10.1f", mode, pages, seconds, pages / seconds * 60)
    ratio = (results["plain"][0] / results["plain"][1]) / (results["rendered"][0] / results["rendered"][1])
    log.info("rendering is %.1fx slower per page (Chromium %s, %s cores)", ratio, _chromium(), _cores())


def _chromium() -> str:
    try:
        out = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=30).stdout
        return out.split()[1] if out else "?"
    except (OSError, IndexError, subprocess.SubprocessError):
        return "?"


def _cores() -> int:
    import os

    return os.cpu_count() or 0


if __name__ == "__main__":
    main()
