"""E-mail addresses, lower case, from the text (de-obfuscated by ``normalize``) and mailto: links.

Retina asset names (``logo@2x.png``) have the shape of an address; they are told apart by their
file extension and ``@2x`` part, and every address must end in a real public suffix (checked
against tldextract's bundled snapshot, never fetched).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from urllib.parse import unquote

import tldextract

from lurewatch.extract.base import ExtractionInput
from lurewatch.extract.normalize import local_before, lowered_text
from lurewatch.models import Entity

__all__ = ["EmailExtractor", "normalize_email"]

# Matched on the lower-cased text, one "@" at a time: the local part is read backwards from the
# "@" (a pattern starting at every word would cost a scan per letter of the page).
_DOMAIN_AFTER_AT = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?![a-z0-9\-]|\.[a-z0-9])"
)
_MAILTO_ADDRESS = re.compile(r"[a-z0-9][a-z0-9._%+\-]{0,63}@[a-z0-9.\-]+")
_ASSET_EXTENSIONS = frozenset(
    {"png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "ico", "tif", "tiff", "avif", "heic",
     "mp4", "mov", "webm", "css", "js", "json", "map", "woff", "woff2", "ttf", "zip", "pdf"}
)
_SCALE = re.compile(r"\d+(?:\.\d+)?x")  # the "2x" of "logo@2x.png"

# Special-use names reserved for documentation and testing (RFC 2606, RFC 6761): not in the public
# suffix list, but fictional and training material (and our demo site) write addresses with them.
_RESERVED_SUFFIXES = ("example", "test", "invalid")

_extractor: tldextract.TLDExtract | None = None
_extractor_lock = threading.Lock()


def _suffixes() -> tldextract.TLDExtract:
    # Built on first use (it loads the public suffix list) and shared; no network, no disk cache.
    global _extractor
    if _extractor is None:
        with _extractor_lock:
            if _extractor is None:
                _extractor = tldextract.TLDExtract(
                    suffix_list_urls=(), cache_dir=None, extra_suffixes=_RESERVED_SUFFIXES
                )
    return _extractor


@lru_cache(maxsize=4096)
def normalize_email(raw: str) -> str | None:
    """The address in normal form, or ``None`` when it is not a plausible address."""
    address = raw.strip().lower()
    local, _, domain = address.rpartition("@")
    if not local or not domain or ".." in address or local.startswith(".") or local.endswith("."):
        return None
    labels = domain.split(".")
    if labels[-1] in _ASSET_EXTENSIONS or _SCALE.fullmatch(labels[0]):
        return None
    parts = _suffixes()(domain)
    if not parts.suffix or not parts.domain:
        return None
    return address


class EmailExtractor:
    """``email`` entities."""

    name = "email"

    def extract(self, doc: ExtractionInput) -> Iterable[Entity]:
        found: set[Entity] = set()
        low = lowered_text(doc.text)
        if "@" in low:
            found.update(_from_text(low))
        for link in doc.links:
            if link[:7].lower() == "mailto:":
                found.update(_from_mailto(link))
        return found


def _from_text(low: str) -> Iterator[Entity]:
    at = low.find("@")
    while at != -1:
        start = local_before(low, at)
        domain = _DOMAIN_AFTER_AT.match(low, at + 1) if start is not None else None
        if start is not None and domain:
            value = normalize_email(f"{low[start:at]}@{domain.group(0)}")
            if value:
                yield Entity("email", value)
        at = low.find("@", at + 1)


def _from_mailto(link: str) -> Iterator[Entity]:
    recipients = unquote(link[7:].split("?", 1)[0]).lower()
    for raw in recipients.split(","):
        if _MAILTO_ADDRESS.fullmatch(raw.strip()):
            value = normalize_email(raw.strip())
            if value:
                yield Entity("email", value)
