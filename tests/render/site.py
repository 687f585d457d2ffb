"""A small site on 127.0.0.1 whose content arrives by ``fetch()`` after load, plus pages that
misbehave in a browser (busy loop, dialog, a request that never ends, a download)."""

from __future__ import annotations

import gzip
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ADS = {
    1: ("Packers wanted in Sihanoukville", "hr_sihanouk_jobs", "+85512345678", 2),
    2: ("Customer service, visa paid", "visa_paid_team", "+85598765432", 1),
}

SHELL = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Job</title>
<link rel="stylesheet" href="/style.css"></head><body><h1>Loading ad</h1>
<img src="/logo.gif" alt="logo"><div id="app"><p>Loading&hellip;</p></div>
<script>
fetch("/api/ad/%d").then(function (r) { return r.json(); }).then(function (ad) {
  document.title = ad.title;
  document.getElementById("app").innerHTML = ad.html;
});
</script></body></html>"""

INDEX = """<!doctype html><html><head><title>Jobs</title></head><body><h1>Jobs</h1><ul>
<li><a href="/ad/1">Ad one</a></li>
<li><a href="/busy">Busy page</a></li>
<li><a href="/dialog">Urgent</a></li>
<li><a href="/never">Live chat</a></li>
<li><a href="/files/brochure">Brochure</a></li>
<li><a href="/plain/1">Plain page</a></li>
</ul></body></html>"""

PLAIN = """<!doctype html><html><head><title>Plain</title></head><body><h1>Plain ad</h1>
<p>Write to plainjobs@example.org for a job in Bavet.</p><p><a href="/">home</a></p></body></html>"""

BUSY = """<!doctype html><html><head><title>Busy</title></head><body><p>Contact busy_recruiter on Telegram: @busy_recruiter</p>
<script>setTimeout(function () { while (true) {} }, 50);</script></body></html>"""

DIALOG = """<!doctype html><html><head><title>Urgent</title></head><body><div id="app"></div>
<script>alert("Only 3 seats left!");
fetch("/api/dialog").then(function (r) { return r.json(); }).then(function (d) {
  document.getElementById("app").textContent = d.text; });</script></body></html>"""

NEVER = """<!doctype html><html><head><title>Live chat</title></head><body><div id="app"></div>
<img src="/hang.gif" alt="" width="1" height="1">
<script>fetch("/api/never").then(function (r) { return r.json(); }).then(function (d) {
  document.getElementById("app").textContent = d.text; }).then(function () { return fetch("/hang"); });</script>
</body></html>"""

GIF = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")


def ad_json(n: int) -> dict[str, Any]:
    title, telegram, phone, other = ADS[n]
    html = (f"<h2>{title}</h2><p>Salary 1500 USD. Contact Telegram @{telegram} or WhatsApp {phone}.</p>"
            f'<p><a href="/ad/{other}">Another job</a></p>')
    return {"title": title, "html": html}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def _send(self, status: int, ctype: str, body: bytes, headers: list[tuple[str, str]] = (), gz: bool = False) -> None:  # type: ignore[assignment]
        if gz:
            body = gzip.compress(body)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if gz:
            self.send_header("Content-Encoding", "gzip")
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.server.hits.append(path)
        html = "text/html; charset=utf-8"
        if path == "/robots.txt":
            self._send(200, "text/plain", b"User-agent: *\nAllow: /\n")
        elif path == "/":
            self._send(200, html, INDEX.encode())
        elif path.startswith("/ad/") and path[4:].isdigit() and int(path[4:]) in ADS:
            cookies = [("Set-Cookie", "session=abc; Path=/"), ("Set-Cookie", "seen=1; Path=/")]
            self._send(200, html, (SHELL % int(path[4:])).encode(), cookies, gz=True)
        elif path.startswith("/api/ad/") and path[8:].isdigit() and int(path[8:]) in ADS:
            self._send(200, "application/json", json.dumps(ad_json(int(path[8:]))).encode(), gz=True)
        elif path == "/style.css":
            self._send(200, "text/css", b"body { font-family: sans-serif; }", gz=True)
        elif path == "/logo.gif":
            self._send(200, "image/gif", GIF)
        elif path == "/plain/1":
            self._send(200, html, PLAIN.encode())
        elif path == "/busy":
            self._send(200, html, BUSY.encode())
        elif path == "/dialog":
            self._send(200, html, DIALOG.encode())
        elif path == "/api/dialog":
            self._send(200, "application/json", json.dumps({"text": "Apply now via LINE id dialog_hr"}).encode())
        elif path == "/never":
            self._send(200, html, NEVER.encode())
        elif path == "/api/never":
            self._send(200, "application/json", json.dumps({"text": "Chat with @never_ending_hr on Telegram"}).encode())
        elif path in ("/hang", "/hang.gif"):
            self.server.stopping.wait(600)  # never answers while the test runs
            self.close_connection = True
        elif path == "/files/brochure":
            self._send(200, "application/octet-stream", b"\x00PK fake brochure" * 100,
                       [("Content-Disposition", 'attachment; filename="brochure.zip"')])
        else:
            self._send(404, html, b"<html><body>not found</body></html>")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        self.stopping = threading.Event()
        self.hits: list[str] = []
        super().__init__(("127.0.0.1", 0), _Handler)


class RenderSite:
    def __enter__(self) -> RenderSite:
        self.server = _Server()
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __exit__(self, *exc: object) -> None:
        self.server.stopping.set()
        self.server.shutdown()
        self.server.server_close()
