"""The demo site's HTTP server: stdlib only, HTTP/1.1 keep-alive, bound to 127.0.0.1.

Use it as ``with DemoSite(day=1) as site: site.url``, as ``serve_forever(...)``, or as
``python -m lurewatch.demo.server --port 8765 --day 1``.
"""

from __future__ import annotations

import argparse
import logging
import signal
import socket
import struct
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import FrameType, TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from lurewatch.demo import jspages, lab, site
from lurewatch.demo.layout import document
from lurewatch.demo.page import Page

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"
DEFAULT_HUGE_BYTES = 3 * 1024 * 1024
MAX_HUGE_BYTES = 256 * 1024 * 1024


@dataclass
class DemoConfig:
    day: int = 1
    huge_bytes: int = DEFAULT_HUGE_BYTES
    slow_seconds: float = 30.0  # longer than any sane crawler timeout
    hang_seconds: float = 3600.0  # "never": the long-poll gives up only at shutdown or after this


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # hanging and slow requests must never block shutdown
    allow_reuse_address = True

    def __init__(self, port: int, config: DemoConfig) -> None:
        self.config = config
        self.stopping = threading.Event()
        for day in site.DAYS:  # render once up front so the first request is as fast as the rest
            site.build(day)
        super().__init__((HOST, port), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients hanging up mid-response are normal here (timeouts, truncation tests).
        logger.debug("request from %s failed", client_address, exc_info=True)


def _not_found(path: str, status: int = 404) -> Page:
    title, text = (("Gone", "This job ad has been removed.") if status == 410
                   else ("Not found", "There is no page at this address."))
    return Page(path, document(title, f"<h1>{title}</h1>\n<p>{text}</p>\n"), "other", status=status)


def _sitemap(base: str, day: int) -> Page:
    urls = sorted(
        p.path for p in site.build(day).values()
        if p.kind in ("job_ad", "forum_thread", "listing", "other") and p.status == 200
        and not p.trap and not p.needs_render and not p.path.startswith(site.DISALLOWED_PREFIX)
        and not p.path.startswith("/js/")
    )
    rows = "".join(f"<url><loc>{base}{u.replace('&', '&amp;')}</loc></url>\n" for u in urls)
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{rows}</urlset>\n")
    return Page("/sitemap.xml", body.encode(), "asset", content_type="application/xml")


def resolve(target: str, config: DemoConfig, base: str = "") -> Page:
    """Map a request target (path + query, maybe with ``;params``) to what the site serves."""
    parts = urlsplit(target)
    path = parts.path.split(";", 1)[0]
    query = parse_qs(parts.query)
    day = config.day
    if path == "/sitemap.xml":
        return _sitemap(base, day)
    if path == "/events/calendar":
        return lab.calendar_page(query.get("month", [lab.CALENDAR_START])[0]) or _not_found(target)
    if path in ("/lab/session/", "/lab/session/page"):
        return lab.session_page(path)
    if path.startswith("/lab/loop/"):
        return lab.loop_page(path) or _not_found(target)
    if path == "/lab/huge":
        size = _int(query.get("bytes", [""])[0], config.huge_bytes)
        return lab.huge_page(min(max(size, 0), MAX_HUGE_BYTES))
    if path == "/api/jobs":
        offset = _int(query.get("offset", [""])[0], 0)
        limit = _int(query.get("limit", [""])[0], jspages.LIST_BATCH)
        return Page(path, jspages.list_api(max(offset, 0), limit), "api", content_type=jspages.JSON)
    key = path
    page_no = _int(query.get("page", [""])[0], 1)
    if page_no != 1:
        key = f"{path}?page={page_no}"
    found = site.build(day).get(key)
    if found is not None:
        return found
    if path in site.gone_paths(day):
        return _not_found(target, 410)
    return _not_found(target)


def _int(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:
        return default


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "AsiaJobLinkDemo/1.0"
    sys_version = ""
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        logger.debug("%s - %s", self.address_string(), format % args)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def _respond(self, head: bool) -> None:
        config = self.server.config
        host = self.headers.get("Host") or f"{HOST}:{self.server.server_address[1]}"
        page = resolve(self.path, config, base=f"http://{host}")
        if page.delivery == "reset":
            self._reset()
            return
        if page.delivery == "hang":
            self.server.stopping.wait(config.hang_seconds)
            self._reset()
            return
        if page.delivery == "slow" and self.server.stopping.wait(config.slow_seconds):
            self._reset()
            return
        self.send_response(page.status)
        self.send_header("Content-Type", page.content_type)
        for name, value in page.headers:
            self.send_header(name, value)
        if page.delivery == "chunked":
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            if not head:
                self._write_chunked(page.body)
            return
        self.send_header("Content-Length", str(len(page.body)))
        self.end_headers()
        if not head:
            self.wfile.write(page.body)

    def _write_chunked(self, body: bytes) -> None:
        for start in range(0, len(body), lab.CHUNK_SIZE):
            chunk = body[start : start + lab.CHUNK_SIZE]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")

    def _reset(self) -> None:
        """Close with an RST and no response at all (SO_LINGER with zero timeout)."""
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()


class DemoSite:
    """The demo site on a free (or given) port of 127.0.0.1, served from a background thread."""

    def __init__(
        self,
        day: int = 1,
        *,
        port: int = 0,
        huge_bytes: int = DEFAULT_HUGE_BYTES,
        slow_seconds: float = 30.0,
        hang_seconds: float = 3600.0,
    ) -> None:
        _check_day(day)
        self.config = DemoConfig(day, huge_bytes, slow_seconds, hang_seconds)
        self._port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("DemoSite is not running")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """Base URL with a trailing slash, e.g. ``http://127.0.0.1:PORT/``."""
        return f"http://{HOST}:{self.port}/"

    @property
    def day(self) -> int:
        return self.config.day

    def page_url(self, path: str) -> str:
        return self.url + path.lstrip("/")

    def set_day(self, day: int) -> None:
        """Switch the live site to ``day``; requests already being answered are unaffected."""
        _check_day(day)
        self.config.day = day

    def start(self) -> DemoSite:
        if self._server is not None:
            return self
        self._server = _Server(self._port, self.config)
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="lurewatch-demo-site", daemon=True
        )
        self._thread.start()
        logger.debug("demo site serving day %d at %s", self.day, self.url)
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> DemoSite:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _check_day(day: int) -> None:
    if day not in site.DAYS:
        raise ValueError(f"day must be one of {site.DAYS}, not {day}")


def serve_forever(
    port: int = 8765,
    day: int = 1,
    *,
    huge_bytes: int = DEFAULT_HUGE_BYTES,
    slow_seconds: float = 30.0,
) -> None:
    """Serve in the calling thread until SIGTERM or Ctrl-C."""
    _check_day(day)
    server = _Server(port, DemoConfig(day, huge_bytes, slow_seconds))

    def stop(signum: int, frame: FrameType | None) -> None:
        logger.info("stopping demo site (signal %d)", signum)
        server.stopping.set()
        # shutdown() waits for serve_forever, so it must not run on the serving thread itself.
        threading.Thread(target=server.shutdown, daemon=True).start()

    previous = signal.signal(signal.SIGTERM, stop)
    logger.info("demo site (day %d) at http://%s:%d/", day, HOST, server.server_address[1])
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        logger.info("stopping demo site (interrupted)")
    finally:
        server.stopping.set()
        server.server_close()
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the lurewatch demo site on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--day", type=int, default=1, choices=site.DAYS)
    parser.add_argument("--huge-bytes", type=int, default=DEFAULT_HUGE_BYTES)
    parser.add_argument("--slow-seconds", type=float, default=30.0)
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(message)s")
    serve_forever(args.port, args.day, huge_bytes=args.huge_bytes, slow_seconds=args.slow_seconds)


if __name__ == "__main__":
    main()
