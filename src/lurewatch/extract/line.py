"""LINE ids: from line.me add-friend links and after a LINE label, lower case without ``@``/``~``.

"line" is an everyday English word, so a Latin "Line" label needs a colon, "ID" or an ``@`` before
the id, and must not be part of a longer phrase ("production line: assembly"). Thai labels
(``ไลน์``, ``ไอดีไลน์``) are unambiguous. All-digit ids are phone numbers, left to the phone
extractor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import unquote

from lurewatch.extract.base import ExtractionInput
from lurewatch.extract.labels import starts_word
from lurewatch.extract.normalize import lowered_text
from lurewatch.models import Entity

__all__ = ["LineExtractor", "normalize_line"]

_ID = re.compile(r"[a-z0-9][a-z0-9._\-]{3,19}")
# All patterns run on the lower-cased text (ids are reported in lower case anyway).
_LINK = re.compile(r"line\.me/(?:r/)?ti/p/(?:~|@|%40)(?P<id>[a-z0-9._\-]{4,20})(?![a-z0-9._\-])")
_LABELLED = re.compile(
    r"(?:(?P<latin>(?:id[ \t]?line|line[ \t]?id|line@|line)(?![a-z]))"
    r"|(?P<thai>ไอดีไลน์|ไลน์ไอดี|แอดไลน์|ไลน์|ไอดี[ \t]?line))"
    r"(?:[ \t]+(?:official[ \t]+account|official|oa))?"  # "LINE Official @shop", "LINE OA: @shop"
    r"[ \t]*(?P<sep>[:：=]|)[ \t]*(?P<at>[@~]?)(?P<id>[a-z0-9][a-z0-9._\-]{2,18}[a-z0-9_\-])"  # a full stop ends the sentence
    r"(?![a-z0-9_\-@/]|\.[a-z0-9])"  # not the host of a link ("Line: line.me/ti/p/~id")
)
# Words that may stand right before a "LINE:" label; any other word makes "line" part of a phrase.
_LEADS = frozenset({"add", "via", "on", "or", "and", "my", "our", "contact", "official", "us",
                    "by", "id", "the", "your", "please", "and/or", "use", "uses", "using", "at",
                    "also", "message", "msg", "chat", "text", "dm", "ping"})
_STOPWORDS = frozenset({"official", "account", "contact", "only", "please", "group", "chat",
                        "available", "number", "phone", "telegram", "whatsapp", "wechat"})
_WORD_BEFORE = re.compile(r"([a-z]+)[ \t]*$")


def normalize_line(raw: str) -> str | None:
    """Lower-case id without ``@``/``~``; ``None`` for ids LINE would not issue or phone numbers."""
    value = raw.lstrip("@~").lower()
    if not _ID.fullmatch(value) or value in _STOPWORDS:
        return None
    if not any(ch.isalpha() for ch in value):
        return None  # a phone number typed as a LINE id: the phone extractor reports it
    return value


class LineExtractor:
    """``line`` entities."""

    name = "line"

    def extract(self, doc: ExtractionInput) -> Iterable[Entity]:
        low = lowered_text(doc.text)
        found: set[Entity] = set()
        for source in (low, *(link.lower() for link in doc.links)):
            if "line.me" in source:
                found.update(_from_links(source))
        if "line" in low or "ไลน์" in low:
            found.update(_from_labels(low))
        return found


def _from_links(text: str) -> Iterator[Entity]:
    for match in _LINK.finditer(text):
        value = normalize_line(unquote(match.group("id")))
        if value:
            yield Entity("line", value)


def _from_labels(low: str) -> Iterator[Entity]:
    for match in _LABELLED.finditer(low):
        latin = match.group("latin")
        if latin is not None:
            if not starts_word(low, match):
                continue  # "online: ...", "deadline: ..."
            explicit = bool(match.group("sep") or match.group("at")) or "id" in latin
            if not explicit or latin.endswith("line") and _in_phrase(low, match.start()):
                continue
        value = normalize_line(match.group("id"))
        if value:
            yield Entity("line", value)


def _in_phrase(text: str, start: int) -> bool:
    """"production line: x": the word before "line" is not one that may introduce a label."""
    line_start = text.rfind("\n", 0, start) + 1
    before = _WORD_BEFORE.search(text, line_start, start)
    return before is not None and before.group(1).lower() not in _LEADS
