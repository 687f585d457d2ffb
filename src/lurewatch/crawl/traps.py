"""Keep the crawler out of spider traps: session ids, endless calendars, looping relative links.

``canonical_url`` removes what makes one page look like many (session ids, tracking parameters,
fragments); ``TrapFilter.reject_reason`` names why a URL is not worth fetching, or returns None.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_SESSION_PARAMS = re.compile(
    r"^(jsessionid|phpsessid|aspsessionid\w*|sid|sessionid|session_id|sess|s|cfid|cftoken|zenid|osCsid|utm_\w+|fbclid|gclid|mc_eid|_ga)$",
    re.IGNORECASE,
)
_PATH_SESSION = re.compile(r";(jsessionid|phpsessid|sid|sessionid)=[^/?#]*", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(19\d\d|2\d\d\d)(?:[-/_.]?(0[1-9]|1[0-2]))?(?!\d)")
_DIGITS = re.compile(r"\d+")
_CALENDAR_WORDS = re.compile(r"calendar|events?|archive|date|month|year|day|week|cal\b", re.IGNORECASE)


def canonical_url(url: str) -> str:
    parts = urlsplit(url)
    path = _PATH_SESSION.sub("", parts.path) or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _SESSION_PARAMS.match(k)]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def url_pattern(url: str) -> str:
    """The URL with numbers and query values blanked: ``/jobs/12?page=3`` → ``/jobs/#?page=``."""
    parts = urlsplit(url)
    keys = sorted(k for k, _ in parse_qsl(parts.query, keep_blank_values=True))
    return _DIGITS.sub("#", parts.path) + ("?" + "&".join(f"{k}=" for k in keys) if keys else "")


@dataclass
class TrapFilter:
    max_path_depth: int = 12
    max_url_length: int = 1024
    max_per_pattern: int = 1000
    max_per_calendar_pattern: int = 24  # two years of monthly pages
    years_back: int = 1
    years_ahead: int = 1
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    _patterns: Counter[str] = field(default_factory=Counter)

    def reject_reason(self, url: str) -> str | None:
        if len(url) > self.max_url_length:
            return "url-too-long"
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s]
        if len(segments) > self.max_path_depth:
            return "path-too-deep"
        if segments and max(Counter(segments).values()) >= 3:
            return "repeated-path-segment"
        if _CALENDAR_WORDS.search(url) and self._date_out_of_window(parts.path + "?" + parts.query):
            return "calendar-out-of-window"
        return None

    def _date_out_of_window(self, text: str) -> bool:
        for match in _YEAR.finditer(text):
            year = int(match.group(1))
            if year < self.now.year - self.years_back or year > self.now.year + self.years_ahead:
                return True
        return False

    def admit(self, url: str) -> str | None:
        """Like ``reject_reason``, and also counts the URL against its pattern's budget."""
        reason = self.reject_reason(url)
        if reason:
            return reason
        pattern = url_pattern(url)
        self._patterns[pattern] += 1
        budget = self.max_per_calendar_pattern if _CALENDAR_WORDS.search(pattern) else self.max_per_pattern
        if self._patterns[pattern] > budget:
            return "pattern-budget-exhausted"
        return None
