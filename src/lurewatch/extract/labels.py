"""The words recruiters put in front of a contact to say which messenger it belongs to.

One vocabulary per messenger, in the languages of the region, as written in real ads (slang and
euphemisms included: Chinese-speaking recruiters say "plane" for Telegram and "V" for WeChat to
dodge keyword filters). All patterns run on lower-cased text (``normalize.lowered_text``), which is
much faster than case-insensitive matching. Latin-script words are matched as whole words; other
scripts have no spaces between words, so they are matched anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

__all__ = ["LABELS", "ANY_LABEL", "label_pattern", "labels_in", "nearest_label", "starts_word"]


def _latin(words: Iterable[str]) -> str:
    # No leading look-behind: it would stop the regex engine from skipping ahead to the first
    # letters of the words, which makes the scan several times slower. The left word boundary
    # is checked in code instead (``starts_word``).
    alternation = "|".join(sorted(words, key=len, reverse=True))
    return rf"(?:{alternation})(?![a-z])"


def _other(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w.lower()) for w in words), key=len, reverse=True))


# Latin entries are regex fragments (case-insensitive); the others are literal strings.
LABELS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "telegram": (
        (r"tele\s?gram", "telegarm", "telgram", "tele", "tg", r"t\.me", "telegramm", "teleg"),
        ("电报", "纸飞机", "小飞机", "飞机", "飛機", "電報", "เทเลแกรม", "เทเล", "តេឡេក្រាម",
         "តេលេក្រាម", "တယ်လီဂရမ်", "ເທເລແກຣມ", "телеграм", "телеграмм", "تلگرام", "تيليجرام"),
    ),
    "whatsapp": (
        (r"whats\s?app", "whatapp", "watsapp", "watsap", "whatsap", "wasap", "wassap", "wa", r"w/a",
         r"w\.a\.?", "wsap", "ws"),
        ("واتساب", "واتس اب", "วอทส์แอป", "วอทสแอป", "วอทแอป", "วอทส์แอพ", "วอทแอพ", "ว็อทส์แอพ",
         "瓦次普", "ワッツアップ", "វ៉ាត់សាប", "ဝက်ဆပ်"),
    ),
    "wechat": (
        (r"we\s?chat", "weixin", "vx", "wx", r"v\s?信"),
        ("微信号", "微信", "威信", "薇信", "徽信", "v信", "加v", "加微", "วีแชท", "វីឆាត"),
    ),
    "line": (
        ("line", r"line\s?id", r"id\s?line", r"line@"),
        ("ไลน์", "ไอดีไลน์", "ไลน์ไอดี", "แอดไลน์"),
    ),
    # Not extracted here, but they end a preceding label's reach ("Telegram: @a, Zalo: @b").
    "other": (
        ("zalo", "viber", "signal", "skype", "facebook", "fb", "instagram", "ig", "twitter",
         "tiktok", "email", "e-mail", "mail", "potato", "qq", "kakao", "imo", "tel", "phone",
         "mobile", "hotline", "call", "sdt", "sđt", "hp", "no hp", "nomor"),
        ("土豆", "蝙蝠", "邮箱", "电话", "手机", "โทร", "เบอร์", "อีเมล", "ទូរស័ព្ទ"),
    ),
}


def label_pattern(kind: str) -> str:
    """A regex fragment matching one label of ``kind`` in lower-cased text (see ``starts_word``)."""
    latin, other = LABELS[kind]
    return f"{_latin(latin)}|{_other(other)}"


ANY_LABEL = re.compile("|".join(f"(?P<{kind}>{label_pattern(kind)})" for kind in LABELS))


def starts_word(text: str, match: re.Match[str]) -> bool:
    """False when a Latin label is the tail of a longer word ("stg", "online")."""
    start = match.start()
    if start == 0 or not match.group(0)[:1].isascii():
        return True
    before = text[start - 1]
    return not (before.isascii() and before.isalnum())


def labels_in(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Labels (any kind, ``match.lastgroup``) in ``text[start:end]``, text lower-cased."""
    for match in ANY_LABEL.finditer(text, start, end):
        if starts_word(text, match):
            yield match


def nearest_label(text: str, pos: int, reach: int = 60) -> tuple[str, int] | None:
    """The messenger named closest before ``pos`` (within ``reach`` chars): (kind, end offset)."""
    found: tuple[str, int] | None = None
    for match in labels_in(text, max(0, pos - reach), pos):
        if match.lastgroup is not None:
            found = (match.lastgroup, match.end())
    return found
