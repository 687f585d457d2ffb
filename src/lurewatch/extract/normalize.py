"""Shared text normalisation run once per page before any extractor looks at it.

Recruiters write contacts the way their keyboard or their fear of filters makes them: full-width
digits and letters from CJK input methods, digits in Thai/Khmer/Lao/Burmese script, zero-width
characters slipped into handles, and e-mail addresses spelt ``name [at] domain [dot] com``. This
module folds all of that into plain ASCII forms so the extractors can use simple, fast patterns.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache

__all__ = ["normalize_text", "lowered_text", "deobfuscate_emails", "fold_unicode", "local_before"]

# Invisible characters used to split handles and numbers so that naive filters miss them.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2063]")
# Decimal digits of other scripts (Thai ๐-๙, Khmer ០-៩, Burmese ၀-၉...), which NFKC leaves alone.
_NATIVE_DIGIT = re.compile(r"(?![0-9])\d")


def _ascii_digit(match: re.Match[str]) -> str:
    return str(unicodedata.decimal(match.group(0)))


def fold_unicode(text: str) -> str:
    """NFKC (full-width ``＋８５５`` becomes ``+855``), native digits to ASCII, invisibles removed."""
    if text.isascii():
        return text
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    return _NATIVE_DIGIT.sub(_ascii_digit, text)


# --- e-mail de-obfuscation ----------------------------------------------------------------------
# Only rewritten where the pieces form a whole address (local part, "at", labels joined by "dot",
# final label alphabetic), so prose such as "apply at our office" is left alone. The scan starts
# from each "at" token and reads the local part backwards and the domain forwards: a pattern that
# started at every word of the page would cost ~1 ms per KB.

_OPEN = r"[\[\(\{<]"
_CLOSE = r"[\]\)\}>]"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_DOT_BRACKET = rf"[ \t]*{_OPEN}[ \t]*(?:dot|DOT|Dot|\.|点)[ \t]*{_CLOSE}[ \t]*"
_DOT_WORD = r"[ \t]+(?:dot|DOT)[ \t]+"
_DOT_CJK = r"[ \t]*点[ \t]*"  # not "。": it ends a sentence before Latin text too often
_DOT_PLAIN = r"\."
_DOT = rf"(?:{_DOT_BRACKET}|{_DOT_WORD}|{_DOT_CJK}|{_DOT_PLAIN})"

_AT_TOKEN = re.compile(rf"{_OPEN}[ \t]*(?:at|AT|At|@)[ \t]*{_CLOSE}|[ \t](?:at|AT)[ \t]|@")
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
_DOMAIN_AFTER = re.compile(
    rf"{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}[A-Za-z]{{2,63}}(?![A-Za-z0-9\-@])"
)
_DOT_SPLIT = re.compile(_DOT)
_OBFUSCATED_DOT = re.compile(rf"{_OPEN}[ \t]*(?:dot|DOT|Dot|\.|点)[ \t]*{_CLOSE}|dot|DOT|Dot|点")
_OBFUSCATED_REACH = 80
_OBFUSCATED_DOT_MARKERS = ("dot", "DOT", "Dot", "点", ".]", ".)", ".}", ".>")  # fast pre-check
_SPACES = " \t"
_MAX_LOCAL = 64

# Webmail hosts for which "name at gmail.com" (bare word, literal dots) is unambiguous.
_WEBMAIL = frozenset(
    {"gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "icloud", "proton", "protonmail",
     "qq", "163", "126", "yeah", "sina", "foxmail", "aol", "mail", "yandex", "gmx", "zoho"}
)
_WEBMAIL_HEAD = re.compile(r"[ \t]*(?:" + "|".join(sorted(_WEBMAIL)) + r")\.", re.IGNORECASE)


def _address_at(text: str, at: re.Match[str], dots: list[int]) -> tuple[int, int, str] | None:
    """(start, end, address) for the address around one "at" token, if the pieces form one.

    ``dots`` are the offsets of the obfuscated dots in the text: without one soon after it, a
    plain "@" needs no rewriting and a bare "at" is prose unless a webmail host follows.
    """
    token = at.group(0).strip()
    if token in ("at", "AT", "@"):
        i = bisect_left(dots, at.end())
        dot_follows = i < len(dots) and dots[i] < at.end() + _OBFUSCATED_REACH
        spaced = token == "at" or token == "AT" or _is_spaced(text, at.start(), at.end())
        if not dot_follows and (not spaced or not _WEBMAIL_HEAD.match(text, at.end())):
            return None  # the common cases: a plain address, or the word "at" in prose
    left = at.start()
    while left > 0 and text[left - 1] in _SPACES:
        left -= 1
    right = at.end()
    while right < len(text) and text[right] in _SPACES:
        right += 1
    local_start = local_before(text, left)
    domain = _DOMAIN_AFTER.match(text, right) if local_start is not None else None
    if local_start is None or domain is None:
        return None
    labels = _DOT_SPLIT.split(domain.group(0))
    literal_dots = all(sep == "." for sep in _DOT_SPLIT.findall(domain.group(0)))
    spaced = left != at.start() or right != at.end()
    if token == "@" and literal_dots and not spaced:
        return None  # a plain address: nothing to rewrite
    if (token in ("at", "AT") or token == "@" and spaced) and literal_dots:
        # "work at jobs.example.com" or "follow us @ facebook.com" is prose; a bare "at" or a
        # spaced "@" counts only with an obfuscated dot or a webmail host.
        if labels[0].lower() not in _WEBMAIL:
            return None
    return local_start, domain.end(), f"{text[local_start:left]}@{'.'.join(labels)}"


def local_before(text: str, end: int) -> int | None:
    """Start of the e-mail local part ending at ``end``, read backwards (a regex would retry
    from every position before the "@"); ``None`` if there is none."""
    start = end
    while start > 0 and end - start < _MAX_LOCAL and text[start - 1] in _LOCAL_CHARS:
        start -= 1
    while start < end and not text[start].isalnum():
        start += 1  # the local part starts with a letter or digit
    if start == end or (start > 0 and text[start - 1] in _LOCAL_CHARS | {"@"}):
        return None  # empty, or longer than any real local part
    return start


def _is_spaced(text: str, start: int, end: int) -> bool:
    return (start > 0 and text[start - 1] in _SPACES) or (end < len(text) and text[end] in _SPACES)


def deobfuscate_emails(text: str) -> str:
    """Rewrite ``name [at] domain [dot] com`` style addresses to ``name@domain.com``."""
    pieces: list[str] = []
    done = 0
    dots = (
        [match.start() for match in _OBFUSCATED_DOT.finditer(text)]
        if any(marker in text for marker in _OBFUSCATED_DOT_MARKERS)
        else []
    )
    for at in _AT_TOKEN.finditer(text):
        if at.start() < done:
            continue
        found = _address_at(text, at, dots)
        if found is None:
            continue
        start, end, address = found
        if start < done:
            continue
        pieces += (text[done:start], address)
        done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


@lru_cache(maxsize=32)
def normalize_text(text: str) -> str:
    """The page text every extractor reads. Cached: the registry's extractors share one result."""
    return deobfuscate_emails(fold_unicode(text))



_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@lru_cache(maxsize=32)
def lowered_text(text: str) -> str:
    """``normalize_text(text)`` in lower case, offset for offset.

    Extractors whose normal form is lower case match on this with case-sensitive patterns, which
    the regex engine runs several times faster than ``re.IGNORECASE``.
    """
    normal = normalize_text(text)
    lowered = normal.lower()
    # A few characters ("İ") lower to two; then only ASCII is folded, to keep offsets aligned.
    return lowered if len(lowered) == len(normal) else normal.translate(_ASCII_LOWER)
