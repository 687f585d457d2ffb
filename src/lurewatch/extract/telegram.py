"""Telegram usernames: from t.me links, tg:// links, and handles the text names as Telegram.

A bare ``@name`` is only Telegram when the closest messenger named before it is Telegram (or it is
followed by "(Telegram)"): "Telegram: @a, Line: @b" yields ``a`` only. Without ``@``, a name needs
a colon after the label ("TG: name"), or a CJK/Thai label ("飞机 name"), or a digit or underscore in
it, so English prose after the label ("Telegram channel") is not a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lurewatch.extract.base import ExtractionInput
from lurewatch.extract.labels import label_pattern, nearest_label, starts_word
from lurewatch.extract.normalize import lowered_text
from lurewatch.models import Entity

__all__ = ["TelegramExtractor", "normalize_telegram"]

_USERNAME = re.compile(r"[a-z][a-z0-9_]{3,30}[a-z0-9]")
# First path segments of t.me that are features, not accounts.
_RESERVED = frozenset(
    {"joinchat", "addstickers", "addemoji", "addtheme", "addlist", "share", "s", "c", "proxy",
     "socks", "login", "setlanguage", "confirmphone", "invoice", "giftcode", "boost", "contact",
     "iv", "bg", "msg", "m", "k", "a", "z", "dl", "apps", "blog", "faq", "privacy"}
)
# All patterns run on the lower-cased text (names are reported in lower case anyway).
# Each pattern starts with a literal so the engine can skip from one candidate to the next.
_LINK = re.compile(
    r"(?:t|telegram)\.(?:me|dog)/(?P<path>[a-z0-9_+]+)"
    r"|tg://resolve\?(?:[^\s\"'<>]*?&)?domain=(?P<domain>[a-z0-9_]+)"
)
# "name.t.me": the name is read backwards from each ".t.me".
_SUBDOMAIN = re.compile(r"(?<![a-z0-9.\-/@])([a-z][a-z0-9_]{3,31})\Z")
_LINK_HINT = re.compile(r"t\.me|telegram\.(?:me|dog)|tg://")
# "@" first (the engine then jumps from one "@" to the next), the boundary before it checked after.
_MENTION = re.compile(r"@(?<![a-z0-9_.@/]@)([a-z][a-z0-9_]{3,31})(?![a-z0-9_@]|\.[a-z0-9])")
_TG_LABEL = label_pattern("telegram")
_LABELLED = re.compile(
    rf"(?P<label>{_TG_LABEL})[ \t]*(?:号|號|id|username|user|账号|帳號|ไอดี)?[ \t]*"
    rf"(?P<sep>[:：=]|-|)[ \t]*(?P<at>@?)(?P<name>[a-z][a-z0-9_]{{3,31}})(?![a-z0-9_@.]|:/)"
)
_AFTER_TG = re.compile(rf"[ \t]*[(\[（/|\-–]?[ \t]*(?:on[ \t]+|via[ \t]+)?(?:{_TG_LABEL})")
# English (and romanised) words that follow a label in prose and are not usernames.
STOPWORDS = frozenset(
    {"http", "https", "www", "channel", "group", "groups", "contact", "account", "username",
     "official", "please", "support", "number", "phone", "whatsapp", "telegram", "wechat", "message", "messages",
     "admin", "click", "below", "above", "here", "there", "only", "available", "online", "link",
     "chat", "bot", "join", "apply", "send", "inbox", "direct", "hubungi", "kontak", "lienhe",
     "nhan", "team", "recruiter", "agent", "manager", "office", "service", "hotline", "email",
     "address", "handle", "profile", "today", "now", "first", "directly", "anytime", "contacts",
     "zalo", "line", "viber", "signal", "facebook", "instagram", "twitter", "tiktok", "skype"}
)
_MENTION_REACH = 60
_SEPARATORS_ONLY = re.compile(r"[\s:：=\-–]*")


def normalize_telegram(raw: str) -> str | None:
    """Lower-case username without ``@``, or ``None`` if Telegram would not accept it."""
    name = raw.lstrip("@").lower()  # callers may pass names from links as written
    if not _USERNAME.fullmatch(name) or name in STOPWORDS:
        return None
    return name


class TelegramExtractor:
    """``telegram`` entities."""

    name = "telegram"

    def extract(self, doc: ExtractionInput) -> Iterable[Entity]:
        low = lowered_text(doc.text)
        found: set[Entity] = set()
        if _LINK_HINT.search(low):
            found.update(_from_links(low))
        for link in doc.links:
            link = link.lower()
            if _LINK_HINT.search(link):
                found.update(_from_links(link))
        found.update(_from_labels(low))
        if "@" in low:
            found.update(_from_mentions(low))
        return found


def _from_links(low: str) -> Iterator[Entity]:
    yield from _from_subdomains(low)
    for match in _LINK.finditer(low):
        if match.group("path") is not None and match.start() > 0 and _glued(low[match.start() - 1]):
            continue  # "gift.me/x" is another host
        path = match.group("path")
        if path is not None:
            if path.lower() in _RESERVED or "+" in path:
                continue  # invites, sticker packs, share and proxy links, private-channel posts
            raw = path  # t.me/name/123 (a post) and t.me/bot/app (a mini app) both belong to name
        else:
            raw = match.group("domain")
        name = normalize_telegram(raw)
        if name:
            yield Entity("telegram", name)


def _from_subdomains(low: str) -> Iterator[Entity]:
    dot = low.find(".t.me")
    while dot != -1:
        after = low[dot + 5 : dot + 6]
        match = _SUBDOMAIN.search(low, max(0, dot - 32), dot)
        if match and not (after.isascii() and after.isalnum()):
            name = normalize_telegram(match.group(1))
            if name:
                yield Entity("telegram", name)
        dot = low.find(".t.me", dot + 5)


def _glued(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in ".-")


def _from_labels(low: str) -> Iterator[Entity]:
    for match in _LABELLED.finditer(low):
        if not starts_word(low, match):
            continue
        name = match.group("name")
        label = match.group("label")
        explicit = match.group("sep") not in ("",) or match.group("at") == "@"
        cjk_label = not label.isascii()
        looks_like_handle = any(ch.isdigit() or ch == "_" for ch in name)
        if not (explicit or cjk_label or looks_like_handle):
            continue
        if label == "t.me":
            continue  # links are read by _from_links, with their own rules
        value = normalize_telegram(name)
        if value:
            yield Entity("telegram", value)


def _from_mentions(low: str) -> Iterator[Entity]:
    for match in _MENTION.finditer(low):
        nearest = nearest_label(low, match.start(), _MENTION_REACH)
        named_before = nearest is not None and nearest[0] == "telegram"
        # "Line: @name - Telegram: @other": a label right before the mention owns it, whatever
        # messenger is named after it.
        owned_by_other = (
            nearest is not None and not named_before and _SEPARATORS_ONLY.fullmatch(low, nearest[1], match.start())
        )
        named_after = not owned_by_other and _AFTER_TG.match(low, match.end()) is not None
        if named_before or named_after:
            value = normalize_telegram(match.group(1))
            if value:
                yield Entity("telegram", value)
