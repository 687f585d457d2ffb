"""Rough salary figures in the currencies of the region, and what counts as too high.

Only figures that carry a currency (a symbol, a code, or a unit word that implies one such as
Vietnamese "triệu", Indonesian "juta", Chinese "万") are read; bare numbers are dates, phones or
ages far more often than pay. Input is text already passed through ``matching.normalize``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

# Monthly pay above which low-skill work is "far above local norms" (2020s, order of magnitude:
# several times the pay of a call-centre or data-entry job in the country using the currency).
MONTHLY_THRESHOLDS: Final = {
    "USD": 1_200,
    "THB": 40_000,
    "VND": 25_000_000,
    "IDR": 15_000_000,
    "RMB": 10_000,
    "MYR": 5_000,
    "PHP": 50_000,
}
# Above this many times the threshold a figure is a company's capital or a price, not a salary.
_IMPLAUSIBLE: Final = 30

_CURRENCY_WORDS: Final = {
    "USD": ("us$", "usdt", "usd", "$", "u", "dollars", "dollar", "美金", "美元", "刀"),
    "THB": ("฿", "thb", "baht", "บาท", "泰铢", "泰銖"),
    "VND": ("₫", "vnd", "vnđ", "đồng", "đ", "dong"),
    "IDR": ("rp.", "rp", "idr", "rupiah"),
    "RMB": ("¥", "rmb", "cny", "元", "人民币", "块"),
    "MYR": ("rm", "myr", "ringgit"),
    "PHP": ("₱", "php", "pesos", "peso"),
}
_CURRENCY_OF: Final = {w: cur for cur, words in _CURRENCY_WORDS.items() for w in words}
# Words only ever written after the figure ("3000U", "5万元", "50,000 บาท").
_SUFFIX_ONLY: Final = frozenset(
    {"u", "dollars", "dollar", "美金", "美元", "刀", "baht", "บาท", "泰铢", "泰銖", "đồng", "đ",
     "dong", "rupiah", "元", "人民币", "块", "ringgit", "pesos", "peso"}
)
_PREFIXES: Final = sorted((w for w in _CURRENCY_OF if w not in _SUFFIX_ONLY), key=len, reverse=True)
_SUFFIXES: Final = sorted(_CURRENCY_OF, key=len, reverse=True)

_MULTIPLIERS: Final = {
    "k": 1_000, "千": 1_000, "万": 10_000, "萬": 10_000,
    "triệu": 1_000_000, "trieu": 1_000_000, "tr": 1_000_000,
    "juta": 1_000_000, "jt": 1_000_000, "ล้าน": 1_000_000,
}
# A unit word with no currency still tells the currency.
_IMPLIED: Final = {
    "triệu": "VND", "trieu": "VND", "tr": "VND", "juta": "IDR", "jt": "IDR",
    "万": "RMB", "萬": "RMB", "ล้าน": "THB",
}


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in words)


_L = "a-zà-ỹ"
_NUM = r"\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d{1,2})?"
_MULT = _alt(sorted(_MULTIPLIERS, key=len, reverse=True))
_RANGE_WORD = r"-|–|—|~|to|đến|den|sampai|hingga|ถึง|至|到"
_NUM_AFTER_FIRST = r"(?:\d{0,2}(?:[.,]\d{3})+|\d*(?:[.,]\d{1,2})?)"
# Anchored on the figure's first digit (a literal start lets the engine skip ahead); a currency
# written before it is read by ``_PREFIX_BEFORE``.
_FIGURE = re.compile(
    rf"(?P<num>\d(?<![\d.,]\d){_NUM_AFTER_FIRST})\s*(?P<mult>(?:{_MULT})(?![{_L}]))?"
    rf"(?:\s*(?:{_RANGE_WORD})\s*(?:(?:{_alt(_PREFIXES)})\s*)?"
    rf"(?P<num2>{_NUM})\s*(?P<mult2>(?:{_MULT})(?![{_L}]))?)?"
    rf"(?:\s*(?P<suf>{_alt(_SUFFIXES)})(?![{_L}]))?"
)
_PREFIX_BEFORE = re.compile(rf"(?<![{_L}])(?P<pre>{_alt(_PREFIXES)})\s*$")
_PER_DAY = re.compile(r"\s*(?:/|per|a|each|每|mỗi|một|ต่อ|sehari|per)?\s*(?:day|ngày|hari|วัน|天|日)")
_PER_YEAR = re.compile(r"\s*(?:/|per|a|每|mỗi|một|ต่อ)?\s*(?:year|annum|năm|tahun|ปี|年)")
_PER_HOUR = re.compile(r"\s*(?:/|per|an|a|每|mỗi|một|ต่อ)?\s*(?:hour|hr|giờ|jam|ชั่วโมง|小时|小時)")
_DAILY_BEFORE = re.compile(r"(?:日薪|daily|日结|一天|mỗi ngày|per hari|ค่าแรงวันละ)\s*\S{0,4}$")
_YEARLY_BEFORE = re.compile(r"(?:年薪|annual|yearly|per annum|lương năm)\s*\S{0,4}$")


@dataclass(frozen=True)
class Salary:
    currency: str
    monthly: float  # upper end of the figure, per month

    def describe(self) -> str:
        return f"{self.currency} {self.monthly:,.0f}/month"

    @property
    def threshold(self) -> int:
        return MONTHLY_THRESHOLDS[self.currency]

    def far_above_norms(self) -> bool:
        return self.threshold <= self.monthly <= self.threshold * _IMPLAUSIBLE


def _number(raw: str) -> float:
    # "3,000" / "3.000" are thousands (VN/ID write "."), "1.5" / "1,5" are decimals.
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", raw):
        return float(re.sub(r"[.,]", "", raw))
    return float(raw.replace(",", "."))


def _per_month(text: str, m: re.Match[str]) -> float | None:
    """Factor to a monthly figure; None for hourly pay (too unlike a monthly lure to compare)."""
    after = text[m.end() : m.end() + 16]
    before = text[max(0, m.start() - 16) : m.start()]
    if _PER_HOUR.match(after):
        return None
    if _PER_DAY.match(after) or _DAILY_BEFORE.search(before):
        return 26.0
    if _PER_YEAR.match(after) or _YEARLY_BEFORE.search(before):
        return 1 / 12
    return 1.0


def salaries(text: str) -> list[Salary]:
    """Every currency-bearing figure in ``text`` as monthly pay in its own currency."""
    found: list[Salary] = []
    for m in _FIGURE.finditer(text):
        before = _PREFIX_BEFORE.search(text, max(0, m.start() - 8), m.start())
        pre = before["pre"] if before else None
        suf, mult, mult2 = m["suf"], m["mult"], m["mult2"]
        unit = mult2 or mult
        currency = (
            _CURRENCY_OF.get(pre or "")
            or _CURRENCY_OF.get(suf or "")
            or _IMPLIED.get(unit or "")
        )
        if currency is None:
            continue
        if pre == "rm" and unit in ("juta", "jt"):
            currency = "MYR"  # Malay also says "juta"
        factor = _per_month(text, m)
        if factor is None:
            continue
        low = _number(m["num"]) * _MULTIPLIERS.get(mult or unit or "", 1)
        high = _number(m["num2"]) * _MULTIPLIERS.get(unit or "", 1) if m["num2"] else low
        found.append(Salary(currency, max(low, high) * factor))
    return found


def excessive_salary(text: str) -> Salary | None:
    """The highest figure (relative to its threshold) that is far above norms, if any."""
    over = [s for s in salaries(text) if s.far_above_norms()]
    return max(over, key=lambda s: s.monthly / s.threshold, default=None)
