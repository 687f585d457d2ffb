"""A small site that answers slowly and counts requests, so a test can kill a crawl mid-way
by the number of pages served rather than by the clock."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PAGES = 60


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        return

    def do_GET(self) -> None:
        time.sleep(self.server.delay)
        with self.server.lock:
            self.server.served += 1
        if self.path == "/":
            links = "".join(f'<li><a href="/page/{i}/">Job {i}</a></li>' for i in range(PAGES))
            body = f"<html><head><title>Jobs</title></head><body><h1>All jobs</h1><ul>{links}</ul></body></html>"
        elif self.path.startswith("/page/") and self.path[6:-1].isdigit() and int(self.path[6:-1]) < PAGES:
            n = int(self.path[6:-1])
            body = (f"<html><head><title>Job {n}</title></head><body><h1>Job {n}</h1>"
                    f"<p>Opening number {n}. Contact recruiter{n}@example.org.</p></body></html>")
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, delay: float) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.delay = delay
        self.served = 0
        self.lock = threading.Lock()


class SlowSite:
    def __init__(self, delay: float) -> None:
        self.server = _Server(delay)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    @property
    def served(self) -> int:
        with self.server.lock:
            return self.server.served

    def page_urls(self) -> set[str]:
        return {self.url} | {f"{self.url}page/{i}/" for i in range(PAGES)}

    def __enter__(self) -> SlowSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
