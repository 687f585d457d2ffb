"""Which pages changed or disappeared between their last two captures, from the archive alone.

* **changed**: the last two captures of a URL are both 2xx HTML with different payloads, and the
  page *says* something different: ``content_fingerprint`` over title, main text and visible text,
  blind to dates, clock times and counters. An unchanged re-capture (a revisit, or the same payload
  digest) never counts. Navigation pages (listings, section and pagination URLs, hub pages whose
  only change is which ads they link to) are left out unless asked for: their churn is the
  consequence of the ad-level changes this report lists.
* **removed**: the newest capture is 404/410 after a 2xx one; or the page was *dropped from its
  listing*: a page P whose last two captures come from two different crawl jobs linked to U in the
  older capture and not in the newer one; U's newest capture is 2xx and was made by the crawl of
  P's older capture; and no page captured by P's newer crawl links to U any more. The last
  condition keeps a crawl that merely stopped early (page limit, depth) from reporting removals.

Crawl jobs are read from the WARC files' warcinfo records, so this works on any archive, with or
without the job database.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree
from w3lib.encoding import html_to_unicode

from lurewatch.crawl.traps import canonical_url
from lurewatch.fingerprint import content_fingerprint
from lurewatch.parse import ParsedPage, parse_html
from lurewatch.parse.kind import LISTING, OTHER, classify, is_detail_link
from lurewatch.warc import cdxj
from lurewatch.warc.cdxj import CdxEntry
from lurewatch.warc.dedup import cdx_date
from lurewatch.warc.membership import job_of
from lurewatch.warc.payload import PayloadResolver

log = logging.getLogger(__name__)

CHANGED, REMOVED = "changed", "removed"
_GONE = (404, 410)


@dataclass(frozen=True)
class Change:
    url: str
    change: str  # "changed" | "removed"
    before: str  # ISO time of the last capture showing the old state
    after: str  # ISO time of the capture showing the change

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "change": self.change, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class _Capture:
    entry: CdxEntry
    job: str

    @property
    def when(self) -> str:
        return cdx_date(self.entry.timestamp)

    @property
    def ok(self) -> bool:
        return 200 <= self.entry.status < 300

    @property
    def digest(self) -> str:
        return self.entry.fields.get("digest", "")


def _absolute_links(base: str, hrefs: Iterable[str]) -> set[str]:
    out = set()
    for href in hrefs:
        url = urljoin(base, href.strip())
        if url.startswith(("http://", "https://")):
            out.add(canonical_url(url))
    return out


class _Archive:
    """Reads captures' HTML once each, on demand."""

    def __init__(self, warc_dir: Path) -> None:
        self.warc_dir = warc_dir
        self.payloads = PayloadResolver(warc_dir)
        self._parsed: dict[tuple[str, int], ParsedPage] = {}
        self._links: dict[tuple[str, int], set[str]] = {}
        self.truncated: set[tuple[str, int]] = set()  # captures cut short: not the page's full content

    def is_truncated(self, capture: _Capture) -> bool:
        return (capture.entry.filename, capture.entry.offset) in self.truncated

    def html(self, capture: _Capture) -> str:
        stored = self.payloads.read(capture.entry)
        content_type = stored.record.http_headers.get_header("Content-Type") or ""
        _, text = html_to_unicode(content_type, self.payloads.content(stored))
        if stored.record.rec_headers.get_header("WARC-Truncated"):
            self.truncated.add((capture.entry.filename, capture.entry.offset))
        return str(text)

    def parsed(self, capture: _Capture) -> ParsedPage:
        key = (capture.entry.filename, capture.entry.offset)
        if key not in self._parsed:
            self._parsed[key] = parse_html(capture.entry.url, self.html(capture))
        return self._parsed[key]

    def links(self, capture: _Capture) -> set[str]:
        """Where a capture links to (absolute, canonical): lxml only, no text extraction."""
        key = (capture.entry.filename, capture.entry.offset)
        if key not in self._links:
            if key in self._parsed:
                hrefs = self._parsed[key].links
            else:
                html = self.html(capture)
                try:
                    tree = lxml.html.document_fromstring(html) if html.strip() else None
                except (etree.ParserError, ValueError):
                    tree = None
                hrefs = [a.get("href") or "" for a in tree.iter("a")] if tree is not None else []
            self._links[key] = _absolute_links(capture.entry.url, hrefs)
        return self._links[key]


def _fingerprint(page: ParsedPage) -> str:
    # Contacts often sit outside the main text (an "apply" box), so the visible text counts too.
    return content_fingerprint(page.title, f"{page.text}\n{page.visible_text}")


def _is_navigation(url: str, old: ParsedPage, new: ParsedPage) -> bool:
    if LISTING in (old.kind, new.kind):
        return True
    if classify(url, (), 3) == LISTING and not is_detail_link(url):  # a section or pagination URL
        return True
    if new.kind == OTHER:
        details_old = {link for link in old.links if is_detail_link(link)}
        details_new = {link for link in new.links if is_detail_link(link)}
        return details_old != details_new
    return False


def _http_captures(warc_dir: Path) -> dict[str, list[_Capture]]:
    by_url: dict[str, list[_Capture]] = defaultdict(list)
    jobs: dict[str, str] = {}
    for entry in cdxj.iter_entries(warc_dir / cdxj.MERGED_NAME):
        if entry.record_type not in ("response", "revisit") or entry.url.endswith("/robots.txt"):
            continue
        if entry.filename not in jobs:
            jobs[entry.filename] = job_of(warc_dir / entry.filename)
        by_url[entry.url].append(_Capture(entry, jobs[entry.filename]))
    for captures in by_url.values():
        captures.sort(key=lambda c: c.entry.timestamp)
    return by_url


def _html_urls(by_url: dict[str, list[_Capture]]) -> set[str]:
    """URLs whose full captures are HTML (a revisit's type is that of the response it repeats)."""
    return {
        url for url, caps in by_url.items()
        if any(c.entry.record_type == "response" and "html" in c.entry.fields.get("mime", "") for c in caps)
    }


def detect_changes(warc_dir: Path, include_navigation: bool = False) -> list[Change]:
    by_url = _http_captures(warc_dir)
    html_urls = _html_urls(by_url)
    archive = _Archive(warc_dir)
    found: dict[str, Change] = {}
    dropped: dict[str, list[_Capture]] = defaultdict(list)  # U → newer captures of pages that dropped it

    for url in sorted(html_urls):
        captures = by_url[url]
        if len(captures) < 2:
            continue
        prev, new = captures[-2], captures[-1]
        if new.entry.status in _GONE and prev.ok:
            found[url] = Change(url, REMOVED, prev.when, new.when)
            continue
        if not (prev.ok and new.ok) or prev.digest == new.digest:
            continue
        old_page, new_page = archive.parsed(prev), archive.parsed(new)
        if archive.is_truncated(prev) or archive.is_truncated(new):
            continue  # two cut-off copies differ by where they were cut, not by what the page says
        if prev.job != new.job:
            for target in archive.links(prev) - archive.links(new):
                dropped[target].append(new)
        if _fingerprint(old_page) == _fingerprint(new_page):
            continue
        if include_navigation or not _is_navigation(url, old_page, new_page):
            found[url] = Change(url, CHANGED, prev.when, new.when)

    still_linked: dict[str, set[str]] = {}  # job → every link of every HTML page that job captured

    def linked_by_job(job: str) -> set[str]:
        if job not in still_linked:
            links: set[str] = set()
            for url in html_urls:
                for capture in by_url[url]:
                    if capture.job == job and capture.ok:
                        links |= archive.links(capture)
            still_linked[job] = links
        return still_linked[job]

    for target, witnesses in sorted(dropped.items()):
        if target in found or target not in by_url:
            continue
        last = by_url[target][-1]
        if not last.ok:
            continue
        for witness in sorted(witnesses, key=lambda c: c.entry.timestamp):
            linked_before = by_url[witness.entry.url][-2]
            if linked_before.job != last.job or witness.entry.timestamp <= last.entry.timestamp:
                continue
            if target in linked_by_job(witness.job):
                continue  # still listed somewhere in the newer crawl: not fetched, not removed
            found[target] = Change(target, REMOVED, last.when, witness.when)
            break
    return sorted(found.values(), key=lambda c: (c.url, c.change))
