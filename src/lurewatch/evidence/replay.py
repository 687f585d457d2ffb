"""Replay one capture for a person in a private pywb instance.

The capture's records (collected and checked exactly as for an export) go into a temporary pywb
collection, served on a free port of 127.0.0.1: an origin of its own, apart from anything else
lurewatch serves, so archived scripts cannot reach other local pages' storage or cookies.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from lurewatch.config import Config, LurewatchError
from lurewatch.evidence.captures import CaptureInfo, capture_at
from lurewatch.evidence.collect import collect
from lurewatch.evidence.wacz import pack_warc

log = logging.getLogger(__name__)

COLLECTION = "evidence"
_STARTUP_SECONDS = 60.0


@dataclass
class ReplayServer:
    process: subprocess.Popen[bytes]
    root: Path
    port: int
    capture: CaptureInfo

    @property
    def url(self) -> str:
        stamp = "".join(ch for ch in self.capture.captured_at if ch.isdigit())[:14]
        return f"http://127.0.0.1:{self.port}/{COLLECTION}/{stamp}/{self.capture.url}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_listening(process: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    deadline = time.monotonic() + _STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log_path.read_text(errors="replace")[-500:].strip().splitlines()
            raise LurewatchError(f"pywb exited at start: {tail[-1] if tail else process.returncode}", exit_code=1)
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise LurewatchError(f"pywb did not listen on 127.0.0.1:{port} within {_STARTUP_SECONDS:.0f}s", exit_code=1)


def start(config: Config, url: str, at: str | None, port: int = 0) -> ReplayServer:
    try:
        import pywb  # noqa: F401  (only to say clearly when it is missing)
    except ImportError as exc:
        raise LurewatchError("replay needs pywb: pip install 'lurewatch[test]' (or pywb)", exit_code=2) from exc
    capture = capture_at(config.warc_dir, url, at)
    records = collect(config.warc_dir, capture)
    warc, lines = pack_warc(records)
    root = Path(tempfile.mkdtemp(prefix="lurewatch-replay-"))
    coll = root / "collections" / COLLECTION
    (coll / "archive").mkdir(parents=True)
    (coll / "indexes").mkdir()
    (coll / "archive" / "data.warc.gz").write_bytes(warc)
    (coll / "indexes" / "index.cdxj").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    port = port or free_port()
    log_path = root / "pywb.log"
    command = [
        sys.executable,
        "-c",
        "from pywb.apps.cli import wayback; wayback()",
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "--directory",
        str(root),
    ]
    with open(log_path, "wb") as log_fh:
        process = subprocess.Popen(command, cwd=root, stdout=log_fh, stderr=subprocess.STDOUT, env={**os.environ})
    server = ReplayServer(process, root, port, capture)
    try:
        _wait_listening(process, port, log_path)
    except LurewatchError:
        server.stop()
        raise
    log.info("pywb (pid %d) replays %s at %s", process.pid, capture.url, server.url)
    return server
