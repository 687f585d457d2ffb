"""Phone and WhatsApp numbers, in E.164.

libphonenumber (``PhoneNumberMatcher``, leniency VALID) does the reading. Around it:

- international numbers (``+855 ...``, ``00855 ...``) are always read; national ones only when the
  page's region is known, because a bare ``012345678`` is valid somewhere in the world and a guess
  would invent phones out of reference numbers;
- the matcher only runs on short windows around digit runs that could hold a phone number (7+
  digits), which keeps a 20 KB page in the low milliseconds;
- dates, salaries, references, hashes... are masked (see ``noise``) in a candidate before it is
  read, and around every number found, so their context ("Ref:", "USD") is seen;
- a number named as WhatsApp (label before it, ``(WhatsApp)`` after it, or a ``wa.me`` link) is
  reported as both ``whatsapp`` and ``phone``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

import phonenumbers
from phonenumbers import Leniency, NumberParseException, PhoneNumber, PhoneNumberFormat

from lurewatch.extract.base import ExtractionInput
from lurewatch.extract.labels import ANY_LABEL, label_pattern, labels_in, starts_word
from lurewatch.extract.noise import mask_noise
from lurewatch.extract.normalize import lowered_text, normalize_text
from lurewatch.extract.region import infer_region, language_region
from lurewatch.models import Entity

__all__ = ["PhoneExtractor", "e164", "national_regions", "parse_phone"]

# A digit run that may hold a phone number: 7+ digits with at most 3 separators between digits.
# It starts with a digit so the engine can jump from digit to digit; a "+" or "(" before it is
# taken into the window afterwards.
_CANDIDATE = re.compile(r"\d(?:[ \t\u00a0().\-/–]{0,3}\d){6,}")
# "00855 12 ..." is the international prefix used in most of Asia; rewritten to "+" (same length)
# so that it is read even when the page's region is unknown.
_IDD_00 = re.compile(r"(?<![\w+.,/:\-])00(?=[ \-]?[1-9]\d)")
# Labels are matched on the lower-cased text (same offsets).
_WA_LABEL = re.compile(label_pattern("whatsapp"))
# "(WhatsApp)" or "- WA" right after a number, but not "WhatsApp:" which opens the next entry.
_WA_AFTER = re.compile(
    rf"[ \t]*[(\[（/|\-–,]?[ \t]*(?:{label_pattern('whatsapp')})(?![ \t]*[:：+\d])"
)
# Separators that continue a list of numbers under one label: "WhatsApp: +855 1... / +855 2...".
_LIST_SEP = re.compile(r"[ \t]*(?:[/,;|&、]|or|hoặc|atau|或|หรือ)?[ \t]*")
_MASKED = ";"
_MIN_DIGITS = 7
_WA_URL = re.compile(
    r"(?:wa\.me/|(?:api|web)\.whatsapp\.com/send/?\?(?:[^\s\"'<>#]*?&)?phone=|"
    r"whatsapp://send/?\?(?:[^\s\"'<>#]*?&)?phone=)(?:%2b|\+)?(\d{6,15})(?!\d)"
)
_TEL_LINK = re.compile(r"^(?:tel|sms|callto):(?://)?([^?;]+)", re.IGNORECASE)
_LABEL_REACH = 40
_WINDOW_PAD = 2
_LEAD_PAD = 4
_CONTEXT_BEFORE = 40  # room for "Reference number:", "Salary from ฿"
_CONTEXT_AFTER = 16  # room for " USD", " baht/month"


@lru_cache(maxsize=4096)
def parse_phone(raw: str, region: str | None) -> PhoneNumber | None:
    """A valid number from one string (international, or national when ``region`` is known)."""
    try:
        number = phonenumbers.parse(raw, region)
    except NumberParseException:
        return None  # not a phone number: the normal case for most inputs
    return number if phonenumbers.is_valid_number(number) else None


def e164(number: PhoneNumber) -> str:
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    value: str


@lru_cache(maxsize=4096)
def _read_window(window: str, region: str | None) -> tuple[tuple[int, int, str], ...]:
    # Cached: the same footer numbers appear on every page of a site.
    return tuple(
        (match.start, match.end, e164(match.number))
        for match in phonenumbers.PhoneNumberMatcher(window, region, leniency=Leniency.VALID)
    )


_LOCAL_BEFORE, _LOCAL_AFTER = 40, 30
# Country words that are too common to weigh a whole page but are telling right beside a number:
# "138 1234 5678（中国）".
_LOCAL_ONLY = re.compile(r"中国|中國|\bChina\b|\bPRC\b")


def _local_region(text: str, start: int, end: int) -> str | None:
    """The country named right beside a number ("0857 1234 5678 (nomor Indonesia)", "Laos office:
    020 55 512 345"): it outranks the page's own region for that number."""
    # What follows first: a parenthetical after the number names its own country, while the words
    # before it often name the place of the job.
    for snippet in (text[end : end + _LOCAL_AFTER], text[max(0, start - _LOCAL_BEFORE) : start]):
        region = infer_region(snippet)
        if region is None and _LOCAL_ONLY.search(snippet):
            region = "CN"
        if region:
            return region
    return None


def _matches(text: str, regions: tuple[str | None, ...]) -> Iterator[_Found]:
    """Every valid number in ``text``, with its offsets, read with the first region that can."""
    for candidate in _CANDIDATE.finditer(text):
        lo = max(0, candidate.start() - _LEAD_PAD)  # room for "(+", "+ "
        hi = candidate.end() + _WINDOW_PAD
        window = _masked_window(text[lo:hi])
        if window is None:
            continue  # only a date, a time, a price...: nothing left to read
        local = _local_region(text, candidate.start(), candidate.end())
        candidate_regions = (local, *(r for r in regions if r != local)) if local else regions
        taken: list[tuple[int, int]] = []
        for region in candidate_regions:
            for start, end, value in _read_window(window, region):
                if any(start < t_end and t_start < end for t_start, t_end in taken):
                    continue  # already read with a more likely region
                taken.append((start, end))
                if not _in_noise(text, lo + start, lo + end):
                    yield _Found(lo + start, lo + end, value)


@lru_cache(maxsize=4096)
def _masked_window(window: str) -> str | None:
    masked = _IDD_00.sub(" +", mask_noise(window))
    return masked if sum(ch.isdigit() for ch in masked) >= _MIN_DIGITS else None


def _in_noise(text: str, start: int, end: int) -> bool:
    """The number is part of a reference, a salary... once its surroundings are taken in."""
    ctx_lo = max(0, start - _CONTEXT_BEFORE)
    return _masked_in_context(text[ctx_lo : end + _CONTEXT_AFTER], start - ctx_lo, end - ctx_lo)


@lru_cache(maxsize=4096)
def _masked_in_context(context: str, start: int, end: int) -> bool:
    # Cached: footers and repeated blocks put the same number in the same words on every page.
    return _MASKED in mask_noise(context)[start:end]


def _labelled_whatsapp(low: str, found: _Found, floor: int) -> bool:
    """A WhatsApp label sits between the previous number (``floor``) and this one, and no phone
    label ("Tel", "call"...) comes after it: "WhatsApp or visit us. Tel: ..." is a plain phone."""
    start = max(floor, found.start - _LABEL_REACH)
    last_wa = None
    for match in _WA_LABEL.finditer(low, start, found.start):
        if starts_word(low, match):
            last_wa = match
    if last_wa is None:
        return False
    return not any(m.lastgroup == "other" for m in labels_in(low, last_wa.end(), found.start))


def _continues_list(low: str, previous: _Found, found: _Found) -> bool:
    gap = low[previous.end : found.start]
    return _LIST_SEP.fullmatch(gap) is not None and not ANY_LABEL.search(gap)


class PhoneExtractor:
    """``phone`` and ``whatsapp`` entities from the page text and its links."""

    name = "phone"

    def extract(self, doc: ExtractionInput) -> Iterable[Entity]:
        text = normalize_text(doc.text)
        regions = national_regions(doc, text)
        entities: set[Entity] = set()
        entities.update(self._from_text(text, lowered_text(doc.text), regions))
        entities.update(self._from_wa_urls(lowered_text(doc.text)))
        for link in doc.links:
            entities.update(self._from_link(link, regions))
        return entities

    def _from_text(
        self, text: str, low: str, regions: tuple[str | None, ...]
    ) -> Iterator[Entity]:
        previous: _Found | None = None
        previous_wa = False
        for found in _matches(text, regions):
            floor = previous.end if previous else 0
            is_wa = (
                _labelled_whatsapp(low, found, floor)
                or _WA_AFTER.match(low, found.end) is not None
                or (previous is not None and previous_wa and _continues_list(low, previous, found))
            )
            yield Entity("phone", found.value)
            if is_wa:
                yield Entity("whatsapp", found.value)
            previous, previous_wa = found, is_wa

    def _from_wa_urls(self, low: str) -> Iterator[Entity]:
        if "wa.me" not in low and "whatsapp" not in low:
            return
        for match in _WA_URL.finditer(low):
            yield from _whatsapp(match.group(1))

    def _from_link(self, link: str, regions: tuple[str | None, ...]) -> Iterator[Entity]:
        tel = _TEL_LINK.match(link)
        if tel:
            raw = unquote(tel.group(1)).strip()
            for region in (None,) if raw.startswith("+") else regions:
                number = parse_phone(raw, region)
                if number is not None:
                    yield Entity("phone", e164(number))
                    break
            return
        match = _WA_URL.search(link.lower())
        if match:
            yield from _whatsapp(match.group(1))


def national_regions(doc: ExtractionInput, text: str) -> tuple[str | None, ...]:
    """Regions to read national numbers with, most likely first; ``(None,)`` reads only "+"."""
    primary = doc.region or infer_region(text, doc.url, doc.lang)
    spoken = language_region(text, doc.lang)
    regions = tuple(dict.fromkeys(r for r in (primary, spoken) if r))
    return regions or (None,)


def _whatsapp(digits: str) -> Iterator[Entity]:
    # WhatsApp links always carry the full international number, without "+".
    number = parse_phone("+" + digits, None)
    if number is not None:
        value = e164(number)
        yield Entity("whatsapp", value)
        yield Entity("phone", value)
