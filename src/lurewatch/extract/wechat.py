"""WeChat ids after a WeChat label (``微信：``, ``VX``, ``V信``, ``加V`` ...), lower case.

WeChat ids start with a letter (6-20 chars of letters, digits, ``_`` and ``-``). What follows a
WeChat label and is a phone number ("微信同号", the account registered on the phone) is reported
as a ``phone``: in E.164 with the page's region, or as a mainland mobile (11 digits starting
1[3-9]) when no region is known, since that is what a bare 11-digit WeChat contact always is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lurewatch.extract.base import ExtractionInput
from lurewatch.extract.labels import label_pattern, starts_word
from lurewatch.extract.normalize import lowered_text, normalize_text
from lurewatch.extract.phone import e164, national_regions, parse_phone
from lurewatch.models import Entity

__all__ = ["WeChatExtractor", "normalize_wechat"]

_ID = re.compile(r"[a-z][a-z0-9_\-]{5,19}")
# Runs on the lower-cased text (ids are reported in lower case anyway).
_LABELLED = re.compile(
    rf"(?P<label>{label_pattern('wechat')})[ \t]*(?:同号|同號|号码|号|號|id|账号|帳號)?[ \t]*"
    r"(?P<sep>[:：=]|-|)[ \t]*"
    r"(?:(?P<phone>\+?\d[\d \-]{6,16}\d)(?![\d\-a-z])"
    r"|(?P<id>[a-z][a-z0-9_\-]{5,19})(?![a-z0-9_\-@.]))"
)
_CN_MOBILE = re.compile(r"1[3-9]\d{9}")
_STOPWORDS = frozenset(
    {"account", "contact", "please", "official", "number", "telegram", "whatsapp", "wechat",
     "message", "available", "scan", "qrcode", "search", "friend", "friends", "group", "groups",
     "moments", "support", "service", "directly", "anytime", "hubungi", "lienhe"}
)
_HINT = re.compile(r"we\s?chat|weixin|vx|wx|v\s?信|微|威信|薇信|徽信|加v|วีแชท|វីឆាត")


def normalize_wechat(raw: str) -> str | None:
    """Lower-case id, or ``None`` if WeChat would not accept it."""
    value = raw.lower()
    if not _ID.fullmatch(value) or value in _STOPWORDS:
        return None
    return value


class WeChatExtractor:
    """``wechat`` entities (and ``phone`` for WeChat contacts that are phone numbers)."""

    name = "wechat"

    def extract(self, doc: ExtractionInput) -> Iterable[Entity]:
        low = lowered_text(doc.text)
        if not _HINT.search(low):
            return set()
        return set(_from_labels(low, national_regions(doc, normalize_text(doc.text))))


def _from_labels(low: str, regions: tuple[str | None, ...]) -> Iterator[Entity]:
    for match in _LABELLED.finditer(low):
        if not starts_word(low, match):
            continue
        label = match.group("label")
        explicit = match.group("sep") != ""
        if label.isascii() and not explicit and not low[match.start("sep") - 1].isspace():
            continue  # "wx13812345678": an ASCII label glued to what follows is a word
        if match.group("phone"):
            entity = _phone(match.group("phone"), regions)
            if entity:
                yield entity
            continue
        raw = match.group("id")
        looks_like_id = any(not ch.isalpha() for ch in raw)
        if label.isascii() and not explicit and not looks_like_id:
            continue  # "WeChat account", "wx friends": prose, not an id
        value = normalize_wechat(raw)
        if value:
            yield Entity("wechat", value)


def _phone(raw: str, regions: tuple[str | None, ...]) -> Entity | None:
    digits = raw.replace(" ", "").replace("-", "")
    if digits.startswith("+"):
        regions = (None,)
    elif _CN_MOBILE.fullmatch(digits):
        regions = (*regions, "CN")
    for region in regions:
        number = parse_phone(digits, region)
        if number is not None:
            return Entity("phone", e164(number))
    return None
