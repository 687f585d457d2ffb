"""``evidence replay`` serves the capture from a private pywb on 127.0.0.1; fetched here as a
person's browser would."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.evidence.conftest import OPERATOR, PAGES


def test_replay_serves_the_page(home: Path, site: str) -> None:
    url = site + "job1.html"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("LUREWATCH_")}, "LUREWATCH_OPERATOR": OPERATOR}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from lurewatch.cli.main import run; run()",
            "--home",
            str(home),
            "evidence",
            "replay",
            url,
            "--no-browser",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        replay_url = ""
        for line in proc.stdout:
            if line.startswith("http://127.0.0.1:"):
                replay_url = line.strip()
                break
        assert replay_url, proc.stderr.read() if proc.stderr else ""
        assert replay_url.endswith("/" + url)
        port = int(replay_url.split(":")[2].split("/")[0])
        assert f"127.0.0.1:{port}" not in site  # an origin of its own
        frame = urllib.request.urlopen(replay_url, timeout=60).read().decode()
        assert "wb_frame" in frame or "<iframe" in frame
        stamp = replay_url.split("/")[4]
        page = urllib.request.urlopen(replay_url.replace(f"/{stamp}/", f"/{stamp}mp_/"), timeout=60).read().decode()
        assert "Sihanoukville" in page and "hr_global_jobs" in page
        raw = urllib.request.urlopen(replay_url.replace(f"/{stamp}/", f"/{stamp}id_/"), timeout=60).read().decode()
        assert raw == PAGES["job1.html"]  # the archived bytes, unrewritten
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    with socket.socket() as sock:  # pywb went with it
        assert sock.connect_ex(("127.0.0.1", port)) != 0
