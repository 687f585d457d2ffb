"""A fingerprint of what a page says, blind to what changes on every load (dates, times, view
counters), so that re-captures are compared on content, not on boilerplate."""

from __future__ import annotations

import hashlib
import re

_VOLATILE = re.compile(
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"  # dates, date-times
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm)?"  # clock times
    r"|\d[\d,.]*\s*(?:views?|replies|reads|visits|次浏览|浏览|阅读|ครั้ง|lượt xem|dilihat)"  # counters
    r"|(?:views?|replies|浏览|阅读)\s*[:：]?\s*\d[\d,.]*",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")


def content_fingerprint(title: str, text: str) -> str:
    normalised = _SPACE.sub(" ", _VOLATILE.sub(" ", f"{title}\n{text}".lower())).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
