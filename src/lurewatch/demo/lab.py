"""The crawler lab: traps and bad input under ``/lab/`` and ``/events/``.

Static lab pages are built once like the rest of the site; the infinite ones (calendar, session
ids, path loop) and the size-configurable huge page are built per request.
"""

from __future__ import annotations

import gzip
import re
import secrets
from functools import lru_cache

from lurewatch.demo import binaries
from lurewatch.demo.layout import document, esc
from lurewatch.demo.page import Page
from lurewatch.demo.tokens import Collector, render_text

CALENDAR_START = "2026-11"
CHUNK_SIZE = 64  # small on purpose: contacts straddle chunk boundaries

_LOOP_RE = re.compile(r"^/lab/loop/(?:a/){0,2000}$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")

_INDEX = (
    ("/lab/malformed", "Malformed HTML"),
    ("/lab/charset/wrong", "Wrong declared charset"),
    ("/lab/charset/none", "No charset (GBK)"),
    ("/lab/empty", "Empty page"),
    ("/lab/files/brochure.pdf", "Company brochure (PDF)"),
    ("/lab/files/poster.png", "Recruitment poster (image)"),
    ("/lab/status/404", "Missing page"),
    ("/lab/status/410", "Gone page"),
    ("/lab/status/500", "Server error"),
    ("/lab/redirect/start", "Old address (redirects twice)"),
    ("/lab/huge", "Huge page"),
    ("/lab/slow", "Slow page"),
    ("/lab/reset", "Connection reset"),
    ("/lab/chunked", "Chunked transfer"),
    ("/lab/gzip", "Gzip content encoding"),
    ("/lab/cookies", "Repeated Set-Cookie"),
    ("/lab/session/", "Session ids in links"),
    ("/lab/loop/", "Relative link loop"),
    ("/events/calendar?month=" + CALENDAR_START, "Events calendar"),
)


def _simple(title: str, text: str) -> bytes:
    return document(title, f"<h1>{esc(title)}</h1>\n<p>{esc(text)}</p>\n")


def _trap(path: str, body: bytes, **kw: object) -> Page:
    return Page(path, body, "other", trap=True, **kw)  # type: ignore[arg-type]


def _malformed() -> Page:
    c = Collector()
    tg = render_text("[[telegram:kk_hr_desk|@KK_HR_Desk]]", c)
    wa = render_text("[[whatsapp:+959421234567|+95 9 421 234 567]]", c)
    body = (
        "<html><head><title>Typing job - urgent<title></head>\n<body>\n"
        "<div class=job><h1>Typing job Myawaddy<h2>no experience\n"
        f"<p>Salary 2000-3000 USD <b>contact Telegram {tg}<p>WhatsApp {wa}\n"
        "<table><tr><td>age 18-35<td>free visa</tr></div></div></span>\n"
        '<a href="/lab/">back<img src="/static/img/poster@2x.png" alt=unquoted attr>\n'
        "<!-- unterminated comment\n"
    )
    return _trap("/lab/malformed", body.encode("utf-8"), entities=frozenset(c.entities))


def _charset_wrong() -> Page:
    c = Collector()
    text = (
        "<p>高薪招聘客服，西港，月薪 2000-3500 USDT。联系微信："
        + render_text("[[wechat:xg_kefu_2026]]", c)
        + "，飞机："
        + render_text("[[telegram:xg_kefu_hr|@xg_kefu_hr]]", c)
        + "</p>\n"
    )
    body = (
        '<!DOCTYPE html>\n<html lang="zh-Hans"><head><meta charset="iso-8859-1">'
        "<title>客服招聘</title></head>\n<body><h1>客服招聘（西哈努克）</h1>\n"
        f"{text}</body></html>\n"
    ).encode("utf-8")
    return _trap("/lab/charset/wrong", body, entities=frozenset(c.entities),
                 content_type="text/html; charset=iso-8859-1", lang="zh")


def _charset_none() -> Page:
    c = Collector()
    text = (
        "<p>招聘打字员，包机票包签证，工资 USDT 结算。电话："
        + render_text("[[phone:+8613812345678|138 1234 5678]]", c)
        + "（中国），VX："
        + render_text("[[wechat:dazi_hr88|Dazi_HR88]]", c)
        + "</p>\n"
    )
    body = (
        "<!DOCTYPE html>\n<html><head><title>打字员招聘</title></head>\n"
        f"<body><h1>打字员招聘</h1>\n{text}</body></html>\n"
    ).encode("gbk")
    return _trap("/lab/charset/none", body, entities=frozenset(c.entities),
                 content_type="text/html", lang="zh")


def _chunked() -> Page:
    c = Collector()
    line = render_text(
        "Apply today: call [[tel:+66812345678|081 234 5678]] (Bangkok, Thailand) or write to "
        "[[mailto:jobs@siamstaffing.example]].", c)
    body = document("Chunked page", f"<h1>Receptionist, Bangkok</h1>\n<p>{line}</p>\n")
    return _trap("/lab/chunked", body, entities=frozenset(c.entities), delivery="chunked")


def _gzip() -> Page:
    c = Collector()
    line = render_text("Quick money, no experience. Telegram: [[tme:fastjob_mekong]]", c)
    raw = document("Gzip page", f"<h1>Data entry, Golden Triangle</h1>\n<p>{line}</p>\n")
    return _trap("/lab/gzip", gzip.compress(raw, mtime=0), entities=frozenset(c.entities),
                 headers=(("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")))


def static_pages() -> list[Page]:
    links = "".join(f'<li><a href="{esc(h)}">{esc(t)}</a></li>\n' for h, t in _INDEX)
    index = document("Archive", f"<h1>Archive</h1>\n<ul>\n{links}</ul>\n")
    final = _simple("Moved page", "You followed two redirects to get here.")
    return [
        Page("/lab/", index, "other"),
        _malformed(),
        _charset_wrong(),
        _charset_none(),
        _trap("/lab/empty", b""),
        _trap("/lab/files/brochure.pdf", binaries.pdf(
            ["Golden Bay Holdings - recruitment brochure", "Fictional demo document."]),
            content_type="application/pdf"),
        _trap("/lab/files/poster.png", binaries.png(48, 48, (200, 40, 40)),
              content_type="image/png"),
        _trap("/lab/status/404", _simple("Not found", "This job is no longer here."), status=404),
        _trap("/lab/status/410", _simple("Gone", "This job was removed."), status=410),
        _trap("/lab/status/500", _simple("Server error", "Something broke."), status=500),
        _trap("/lab/redirect/start", _simple("Moved", "See the new address."), status=301,
              headers=(("Location", "/lab/redirect/hop"),)),
        _trap("/lab/redirect/hop", _simple("Found", "One more hop."), status=302,
              headers=(("Location", "/lab/redirect/final"),)),
        _trap("/lab/redirect/final", final),
        _trap("/lab/slow", _simple("Slow page", "This page took a long time."), delivery="slow"),
        _trap("/lab/reset", b"", delivery="reset"),
        _chunked(),
        _gzip(),
        _trap("/lab/cookies", _simple("Cookies", "This page sets three cookies."), headers=(
            ("Set-Cookie", "visitor=demo-visitor; Path=/"),
            ("Set-Cookie", "consent=yes; Path=/; Max-Age=31536000"),
            ("Set-Cookie", "lang=en; Path=/; HttpOnly; SameSite=Lax"),
        )),
        _trap("/api/poll", b"", content_type="application/json", delivery="hang"),
    ]


@lru_cache(maxsize=4)
def huge_page(size: int) -> Page:
    """``size`` bytes of valid HTML; a contact sits at the top so a truncated copy still has it."""
    c = Collector()
    head = document("Huge page", "<h1>Every job in Asia</h1>\n<p>Hotline "
                    + render_text("[[tel:+6281234567890|0812-3456-7890]]", c)
                    + " (Jakarta, Indonesia)</p>\n<!--FILL-->")
    before, after = head.split(b"<!--FILL-->")
    filler = b"<p>Another great opportunity is waiting for you. Apply now and start soon.</p>\n"
    room = max(0, size - len(before) - len(after))
    body = before + (filler * (room // len(filler) + 1))[:room] + after
    return _trap("/lab/huge", body, entities=frozenset(c.entities))


def _month(value: str) -> tuple[int, int] | None:
    match = _MONTH_RE.match(value)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    return (year, month) if 1 <= year <= 9999 and 1 <= month <= 12 else None


def calendar_page(month: str) -> Page | None:
    """A month with no events that links the previous and next month, forever."""
    parsed = _month(month)
    if parsed is None:
        return None
    year, mon = parsed
    prev = f"{year - (mon == 1):04d}-{(mon - 2) % 12 + 1:02d}"
    nxt = f"{year + (mon == 12):04d}-{mon % 12 + 1:02d}"
    main = (
        f"<h1>Events {month}</h1>\n<p>No job fairs scheduled this month.</p>\n"
        f'<p><a rel="prev" href="/events/calendar?month={prev}">&laquo; {prev}</a> '
        f'<a rel="next" href="/events/calendar?month={nxt}">{nxt} &raquo;</a></p>\n'
    )
    return _trap(f"/events/calendar?month={month}", document(f"Events {month}", main))


def session_page(path: str) -> Page:
    """Links that carry a fresh random session id on every request (the only random bytes)."""
    sid = secrets.token_hex(16)
    main = (
        "<h1>Members area</h1>\n<ul>\n"
        f'<li><a href="/lab/session/page;jsessionid={sid.upper()}">Saved jobs</a></li>\n'
        f'<li><a href="/lab/session/page?sid={sid}">Messages</a></li>\n</ul>\n'
    )
    return _trap(path, document("Members area", main),
                 headers=(("Set-Cookie", f"JSESSIONID={sid.upper()}; Path=/lab/session"),))


def loop_page(path: str) -> Page | None:
    """``a/`` relative to ``/lab/loop/a/.../`` is one segment deeper, forever."""
    if not _LOOP_RE.match(path):
        return None
    main = '<h1>Directory</h1>\n<p><a href="a/">Open folder a</a></p>\n'
    return _trap(path, document("Directory", main))
