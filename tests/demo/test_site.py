"""End-to-end checks of the demo site: real HTTP, the answer key, day 2, wallet checksums."""

from __future__ import annotations

import gzip
import hashlib
import http.client
import json
import re
import signal
import subprocess
import sys
import time
import unicodedata
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import base58
import bech32
import phonenumbers
import pytest
from Crypto.Hash import keccak

from lurewatch.demo import DemoSite, load_changes, load_labels
from lurewatch.demo.answers import build_changes, build_labels, trap_patterns

SLOW_SECONDS = 3.0

@pytest.fixture(scope="module")
def site() -> Iterator[DemoSite]:
    with DemoSite(day=1, slow_seconds=SLOW_SECONDS) as running:
        yield running


# Pages whose delivery is the point (never answers, resets, sleeps): fetched by dedicated tests.
SPECIAL = {"/lab/slow", "/lab/reset", "/api/poll"}


def request(site: DemoSite, path: str, method: str = "GET") -> tuple[int, http.client.HTTPMessage, bytes]:
    """One request without following redirects or decoding anything."""
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
    try:
        conn.request(method, path)
        resp = conn.getresponse()
        return resp.status, resp.headers, resp.read()
    finally:
        conn.close()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)


def links_of(body: bytes) -> list[str]:
    parser = _Links()
    parser.feed(body.decode("utf-8", "replace"))
    return parser.links


# --- the answer key ------------------------------------------------------------------------------


def test_shipped_answer_key_is_current() -> None:
    from importlib import resources

    folder = resources.files("lurewatch.demo").joinpath("site")
    assert json.loads(folder.joinpath("labels.json").read_text("utf-8")) == build_labels()
    assert json.loads(folder.joinpath("changes.json").read_text("utf-8")) == build_changes()


def test_site_size_and_mix() -> None:
    labels = load_labels(1)
    kinds = [label.kind for label in labels.values()]
    assert kinds.count("job_ad") >= 40
    assert kinds.count("forum_thread") >= 15
    ads = [label for label in labels.values() if label.kind == "job_ad"]
    assert {a.lang for a in ads} >= {"en", "zh", "th", "vi", "id", "km", "my"}
    assert 10 <= sum(bool(a.scam) for a in ads) <= len(ads) - 10
    types = {t for label in labels.values() for t, _ in label.entities}
    assert types == {"phone", "whatsapp", "email", "telegram", "wechat", "line",
                     "btc_address", "eth_address", "tron_address"}


def test_every_labelled_page_is_served_as_labelled(site: DemoSite) -> None:
    for path, label in load_labels(1).items():
        if path in SPECIAL:
            continue
        status, headers, body = request(site, path)
        assert status == label.status, path
        assert headers["Content-Type"] == label.content_type, path
        if label.kind in ("job_ad", "forum_thread", "listing") and not label.needs_render:
            assert b"</html>" in body, path


def test_labels_cover_every_linked_page(site: DemoSite) -> None:
    labels = load_labels(1)
    traps = trap_patterns()
    seen_traps: set[str] = set()
    queue, seen = deque(["/"]), {"/"}
    while queue:
        path = queue.popleft()
        status, headers, body = request(site, path)
        if not headers.get("Content-Type", "").startswith("text/html"):
            continue
        for href in links_of(body):
            url = urlsplit(urljoin(f"http://127.0.0.1:{site.port}{path}", href))
            if url.netloc != f"127.0.0.1:{site.port}":
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            trap = next((name for name, rx in traps.items() if rx.match(target)), None)
            if trap:
                seen_traps.add(trap)
                continue
            if target == "/sitemap.xml":
                continue
            assert target in labels, f"{target} (linked from {path}) has no label"
            if target not in seen and target not in SPECIAL:
                seen.add(target)
                queue.append(target)
    assert seen_traps == set(traps)
    reachable = {p for p, label in labels.items() if label.status == 200 and not label.needs_render}
    assert len(seen & reachable) >= 90


def test_sitemap_and_robots(site: DemoSite) -> None:
    labels = load_labels(1)
    _, _, robots = request(site, "/robots.txt")
    assert b"Disallow: /private/" in robots
    private = [p for p, label in labels.items() if label.robots_disallowed]
    assert private == ["/private/staff-notes.html"]
    status, headers, body = request(site, "/sitemap.xml")
    assert status == 200 and headers["Content-Type"] == "application/xml"
    locs = re.findall(r"<loc>([^<]+)</loc>", body.decode())
    base = f"http://127.0.0.1:{site.port}"
    assert len(locs) > 75
    for loc in locs:
        path = loc.replace("&amp;", "&").removeprefix(base)
        assert path in labels and not labels[path].robots_disallowed


# --- entities ------------------------------------------------------------------------------------


def _b58_ok(address: str, version: bytes) -> bool:
    try:
        raw = base58.b58decode(address)
    except ValueError:
        return False
    payload, check = raw[:-4], raw[-4:]
    digest = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    return len(payload) == 21 and payload[:1] == version and check == digest


def _bech32_ok(address: str) -> bool:
    hrp, data = bech32.bech32_decode(address)
    if hrp != "bc" or data is None:
        # bech32_decode only accepts the BIP-173 constant; try BIP-350 (bech32m) by hand.
        if not address.startswith("bc1p"):
            return False
        values = [bech32.CHARSET.find(c) for c in address[3:]]
        if -1 in values:
            return False
        return bech32.bech32_polymod(bech32.bech32_hrp_expand("bc") + values) == 0x2BC830A3
    program = bech32.convertbits(data[1:], 5, 8, False)
    return data[0] == 0 and program is not None and len(program) == 20


def _eth_ok(address: str) -> bool:
    body = address[2:]
    if not re.fullmatch(r"[0-9a-fA-F]{40}", body):
        return False
    if body == body.lower() or body == body.upper():
        return True
    digest = keccak.new(digest_bits=256, data=body.lower().encode()).hexdigest()
    return all(c == (c.upper() if int(digest[i], 16) >= 8 else c.lower()) for i, c in enumerate(body))


def wallet_ok(kind: str, value: str) -> bool:
    if kind == "tron_address":
        return value.startswith("T") and _b58_ok(value, b"\x41")
    if kind == "btc_address":
        if value.startswith("bc1"):
            return _bech32_ok(value)
        return _b58_ok(value, b"\x00") or _b58_ok(value, b"\x05")
    if kind == "eth_address":
        return _eth_ok(value)
    raise AssertionError(kind)


WALLET_TYPES = ("tron_address", "btc_address", "eth_address")


@pytest.mark.parametrize("day", [1, 2])
def test_every_labelled_wallet_verifies(day: int) -> None:
    wallets = {(t, v) for label in load_labels(day).values() for t, v in label.entities
               if t in WALLET_TYPES}
    assert {t for t, _ in wallets} == set(WALLET_TYPES)
    assert any(v.startswith("bc1p") for _, v in wallets) and any(v.startswith("bc1q") for _, v in wallets)
    for kind, value in wallets:
        assert wallet_ok(kind, value), (kind, value)
        if kind == "eth_address":
            assert value == value.lower()


_CANDIDATES = {
    "tron_address": re.compile(r"(?<![0-9A-Za-z])T[1-9A-HJ-NP-Za-km-z]{33}(?![0-9A-Za-z])"),
    "btc_address": re.compile(
        r"(?<![0-9A-Za-z])(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{11,71})(?![0-9A-Za-z])"),
    "eth_address": re.compile(r"(?<![0-9A-Za-z])0x[0-9a-fA-F]{40}(?![0-9A-Za-z])"),
}


def test_wallet_lookalikes_fail_and_real_ones_are_labelled(site: DemoSite) -> None:
    """Scan every page: an address-shaped string is labelled if and only if it verifies."""
    invalid = 0
    for path, label in load_labels(1).items():
        if path in SPECIAL or not label.content_type.startswith("text/html") or label.trap:
            continue
        _, _, body = request(site, path)
        text = body.decode("utf-8")
        valid, bad = set(), set()
        for kind, rx in _CANDIDATES.items():
            for found in rx.findall(text):
                value = found.lower() if kind == "eth_address" else found
                (valid if wallet_ok(kind, found) else bad).add((kind, value))
        labelled = {e for e in label.entities if e[0] in WALLET_TYPES}
        assert valid == labelled, path
        # A look-alike is only an entity when the same page also shows the real address.
        assert not (bad - valid) & labelled, path
        invalid += len(bad)
        assert len(re.findall(r"0x[0-9a-f]{64}", text)) == 0 or path.startswith("/forum/")
    assert invalid >= 4  # the deliberate look-alikes


def _visible_forms(kind: str, value: str) -> list[str]:
    if kind in ("phone", "whatsapp"):
        number = phonenumbers.parse(value)
        return [str(number.national_number)]
    if kind == "email":
        local, domain = value.split("@")
        return [local, domain.split(".")[0]]
    return [value]


def _digits_and_text(body: bytes) -> tuple[str, str]:
    text = unicodedata.normalize("NFKC", body.decode("utf-8")).lower()
    return re.sub(r"\D", "", text), text


def test_labelled_entities_are_on_their_pages(site: DemoSite) -> None:
    for path, label in load_labels(1).items():
        if path in SPECIAL or not label.entities:
            continue
        _, headers, body = request(site, path)
        if label.needs_render:
            api = "/api/jobs/" + path.rsplit("/", 1)[1] if path.startswith("/js/jobs/") \
                else "/api/snippets/" + path.rsplit("/", 1)[1]
            _, _, shell = request(site, path)
            for _, value in label.entities:  # the shell alone shows nothing
                assert value.lstrip("+").lower() not in shell.decode().lower()
            _, _, body = request(site, api)
        if headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        if path == "/lab/charset/none":
            body = body.decode("gbk").encode()
        digits, text = _digits_and_text(body)
        for kind, value in label.entities:
            for form in _visible_forms(kind, value):
                haystack = digits if kind in ("phone", "whatsapp") else text
                assert form.lower() in haystack, (path, kind, value)


def test_phones_are_valid_numbers() -> None:
    phones = {v for day in (1, 2) for label in load_labels(day).values()
              for t, v in label.entities if t in ("phone", "whatsapp")}
    regions = {phonenumbers.region_code_for_number(phonenumbers.parse(p)) for p in phones}
    assert regions >= {"KH", "TH", "VN", "ID", "MM", "LA", "PH", "MY", "CN"}
    for phone in phones:
        number = phonenumbers.parse(phone)
        assert phonenumbers.is_valid_number(number), phone
        assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == phone
    for label in load_labels(1).values():  # a WhatsApp number is also a phone
        for t, v in label.entities:
            if t == "whatsapp":
                assert ("phone", v) in label.entities


def test_no_unlabelled_emails_or_telegram_links(site: DemoSite) -> None:
    for path, label in load_labels(1).items():
        if path in SPECIAL or label.content_type != "text/html; charset=utf-8" or label.needs_render:
            continue
        _, headers, body = request(site, path)
        if headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        text = body.decode()
        for email in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text):
            if email.endswith(".png"):  # logo@2x.png is a distractor
                continue
            assert ("email", email.lower()) in label.entities, (path, email)
        for handle in re.findall(r"t\.me/(\w+)", text):
            assert ("telegram", handle.lower()) in label.entities, (path, handle)


def test_job_postings_have_jsonld(site: DemoSite) -> None:
    with_ld = 0
    for path, label in load_labels(1).items():
        if label.kind != "job_ad" or label.needs_render:
            continue
        _, _, body = request(site, path)
        blocks = re.findall(rb'<script type="application/ld\+json">(.*?)</script>', body, re.S)
        for block in blocks:
            data = json.loads(block)
            assert data["@type"] == "JobPosting"
            assert {"title", "datePosted", "hiringOrganization", "jobLocation", "baseSalary"} <= set(data)
            with_ld += 1
    assert 15 <= with_ld <= 35
    _, _, thread = request(site, "/forum/t/501/")
    assert b'"DiscussionForumPosting"' in thread


# --- lab pages -----------------------------------------------------------------------------------


def test_chunked_gzip_and_cookies(site: DemoSite) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
    conn.request("GET", "/lab/chunked")
    resp = conn.getresponse()
    assert resp.getheader("Transfer-Encoding") == "chunked" and resp.getheader("Content-Length") is None
    assert b"mailto:jobs@siamstaffing.example" in resp.read()
    conn.request("GET", "/lab/gzip")  # same connection: keep-alive works after a chunked body
    resp = conn.getresponse()
    assert resp.getheader("Content-Encoding") == "gzip"
    assert b"https://t.me/fastjob_mekong" in gzip.decompress(resp.read())
    conn.request("GET", "/lab/cookies")
    resp = conn.getresponse()
    resp.read()
    assert len(resp.headers.get_all("Set-Cookie")) == 3
    conn.close()


def test_redirect_chain_and_error_statuses(site: DemoSite) -> None:
    status, headers, _ = request(site, "/lab/redirect/start")
    assert (status, headers["Location"]) == (301, "/lab/redirect/hop")
    status, headers, _ = request(site, "/lab/redirect/hop")
    assert (status, headers["Location"]) == (302, "/lab/redirect/final")
    with urllib.request.urlopen(site.page_url("/lab/redirect/start")) as final:
        assert final.status == 200 and final.url.endswith("/lab/redirect/final")
    for code in (404, 410, 500):
        assert request(site, f"/lab/status/{code}")[0] == code
    assert request(site, "/no/such/page")[0] == 404
    status, headers, body = request(site, "/lab/empty")
    assert (status, headers["Content-Length"], body) == (200, "0", b"")


def test_reset_and_slow(site: DemoSite) -> None:
    with pytest.raises((ConnectionError, http.client.HTTPException)):
        request(site, "/lab/reset")
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=SLOW_SECONDS / 3)
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        conn.request("GET", "/lab/slow")
        conn.getresponse()
    conn.close()
    assert time.monotonic() - started < SLOW_SECONDS


def test_binary_charset_and_huge(site: DemoSite) -> None:
    assert request(site, "/lab/files/brochure.pdf")[2].startswith(b"%PDF-1.4")
    assert request(site, "/lab/files/poster.png")[2].startswith(b"\x89PNG\r\n\x1a\n")
    _, headers, body = request(site, "/lab/charset/none")
    assert headers["Content-Type"] == "text/html" and b"charset" not in body
    assert "微信" not in body.decode("utf-8", "replace") and "VX" in body.decode("gbk")
    _, headers, body = request(site, "/lab/charset/wrong")
    assert headers["Content-Type"].endswith("iso-8859-1") and "西港" in body.decode("utf-8")
    _, headers, body = request(site, "/lab/huge")
    assert len(body) == 3 * 1024 * 1024 and body.rstrip().endswith(b"</html>")
    assert len(request(site, "/lab/huge?bytes=50000")[2]) == 50000


def test_infinite_traps(site: DemoSite) -> None:
    _, _, body = request(site, "/events/calendar?month=2026-12")
    assert "/events/calendar?month=2027-01" in links_of(body)
    assert "/events/calendar?month=2026-11" in links_of(body)
    _, _, body = request(site, "/lab/loop/a/a/a/")
    assert links_of(body).count("a/") == 1
    first, second = request(site, "/lab/session/page")[2], request(site, "/lab/session/page")[2]
    assert first != second  # fresh session ids every time
    assert any(";jsessionid=" in link for link in links_of(first))


def test_js_pages(site: DemoSite) -> None:
    labels = load_labels(1)
    rendered = [p for p, label in labels.items() if label.needs_render]
    assert {"/js/jobs/", "/js/longpoll", "/js/alert"} <= set(rendered)
    assert sum(p.startswith("/js/jobs/2") for p in rendered) == 4
    listing = json.loads(request(site, "/api/jobs?offset=0&limit=2")[2])
    assert len(listing["items"]) == 2 and listing["more"]
    rest = json.loads(request(site, "/api/jobs?offset=2&limit=2")[2])
    assert not rest["more"]
    _, _, alert = request(site, "/js/alert")
    assert b"alert(" in alert
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=1)
    with pytest.raises(TimeoutError):  # the long-poll never answers
        conn.request("GET", "/api/poll")
        conn.getresponse()
    conn.close()


# --- day 2 ---------------------------------------------------------------------------------------


def test_day_two_differs_exactly_as_changes_say() -> None:
    changes = load_changes()
    paths = changes["paths"]
    day1 = {p: label for p, label in load_labels(1).items()
            if not label.trap and p not in SPECIAL and not p.startswith("/lab/")}
    with DemoSite(day=1) as site:
        before = {p: request(site, p) for p in day1}
        added = {p: request(site, p)[0] for p in paths["added"]}
        site.set_day(2)
        after = {p: request(site, p) for p in day1}
        added_after = {p: request(site, p)[0] for p in paths["added"]}
    assert set(added.values()) == {404} and set(added_after.values()) == {200}
    for path in day1:
        if path in paths["removed"]:
            assert after[path][0] == 404, path
        elif path in paths["gone"]:
            assert after[path][0] == 410, path
        elif path in paths["changed"]:
            assert after[path][2] != before[path][2], path
        else:
            assert after[path][2] == before[path][2], path
    assert set(paths["edited"]) <= set(paths["changed"])
    assert {f"/jobs/{i}/" for i in changes["edited"]} == set(paths["edited"])
    labels2 = load_labels(2)
    assert labels2["/jobs/1001/"].entities != day1["/jobs/1001/"].entities
    assert ("telegram", "goldenbay_hr2") in labels2["/jobs/1001/"].entities
    assert not set(paths["removed"] + paths["gone"]) & set(labels2)


def test_pages_are_deterministic_across_servers(site: DemoSite) -> None:
    with DemoSite(day=1) as other:
        for path in ("/", "/jobs/?page=2", "/forum/t/506/", "/lab/gzip", "/lab/chunked"):
            assert request(site, path)[2] == request(other, path)[2]


# --- command line --------------------------------------------------------------------------------


def test_command_line_serves_and_stops_on_sigterm() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "lurewatch.demo.server", "--port", "0", "--day", "2"],
        stderr=subprocess.PIPE, text=True,
    )
    try:
        line = proc.stderr.readline() if proc.stderr else ""
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line
        with urllib.request.urlopen(match.group(0) + "jobs/1041/", timeout=5) as resp:
            assert resp.status == 200
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(match.group(0) + "jobs/1013/", timeout=5)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
