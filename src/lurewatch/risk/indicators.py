"""Named recruitment-scam indicators, each a pure function ``RiskInput -> Finding | None``.

Each looks for one red flag from the recruitment patterns described by UNODC, IJM and Interpol
notices on "forced criminality" and names the evidence it saw in its reason. Weights live in
``weights.WEIGHTS``; the order of ``INDICATORS`` does not matter.
"""

from __future__ import annotations

import re
from typing import Final

from lurewatch.risk import lexicon as lx
from lurewatch.risk import vocabulary as v
from lurewatch.risk.base import Finding, Indicator, RiskInput
from lurewatch.risk.matching import distinct_quotes, first_affirmed, normalize, quoted
from lurewatch.risk.salary import excessive_salary
from lurewatch.risk.weights import WEIGHTS

_PLACE_OF: Final = {
    "".join(normalize(spelling).split()): place
    for place, spellings in lx.COMPOUND_LOCATIONS.items()
    for spelling in spellings
}

_AGE_WORD = (
    r"(?<![a-z])(?:age|aged|ages)(?![a-z])|年龄|年齡|อายุ|độ tuổi|tuổi từ|tuoi|usia|umur|အသက်|អាយុ"
)
_AGE_TO = r"-|–|—|~|to|đến|den|sampai|hingga|ถึง|至|到"
_AGE_RANGE = re.compile(
    rf"(?:(?:{_AGE_WORD})\D{{0,12}}?(?P<a>\d{{2}})\s*(?:{_AGE_TO})\s*(?P<b>\d{{2}})"
    rf"|(?<!\d)(?P<c>\d{{2}})\s*(?:{_AGE_TO})\s*(?P<d>\d{{2}})\s*"
    rf"(?:岁|歲|years old|yrs old|y/o|tuổi|tahun|ปี))"
)
_YOUNG_MIN, _YOUNG_MAX = 15, 35

_LOWSKILL_CONTEXT: Final = (v.LOWSKILL, v.NO_EXPERIENCE, v.NO_QUALIFICATION, v.EASY_HIGH_PAY)
_JOB_KINDS: Final = frozenset({"job_ad", "listing", "other"})
_CONTACT_TYPES: Final = ("telegram", "whatsapp", "wechat", "line", "phone", "email") + tuple(
    sorted(lx.WALLET_TYPES)
)


def _finding(code: str, reason: str) -> Finding:
    return Finding(code, WEIGHTS[code], reason)


def _is_company_email(address: str) -> bool:
    domain = address.rpartition("@")[2].lower()
    if not domain or domain in lx.FREEMAIL_DOMAINS:
        return False
    return domain.split(".")[0] not in lx.FREEMAIL_PROVIDERS


def messenger_only(inp: RiskInput) -> Finding | None:
    """Messenger handles are the only way to apply: no company e-mail, domain or office line."""
    if inp.kind not in _JOB_KINDS or inp.has_company_contact:
        return None
    types = inp.entity_types()
    messengers = [lx.MESSENGER_NAMES[t] for t in lx.MESSENGER_TYPES if t in types]
    if not messengers:
        return None
    if inp.has_company_contact is None and any(
        e.type == "email" and _is_company_email(e.value) for e in inp.entities
    ):
        return None
    via = "/".join(messengers)
    return _finding("messenger_only", f"Contact only via {via}, no company e-mail or phone")


def no_experience(inp: RiskInput) -> Finding | None:
    found = distinct_quotes(inp.hits.get(v.NO_EXPERIENCE, ()))
    if not found:
        return None
    return _finding("no_experience", f"Says no experience is needed ({quoted(found)})")

def high_salary(inp: RiskInput) -> Finding | None:
    """Pay far above local norms, on an ad for low-skill or no-experience work."""
    if not any(inp.hits.get(c) for c in _LOWSKILL_CONTEXT):
        return None
    salary = excessive_salary(inp.haystack)
    if salary is None:
        return None
    return _finding(
        "high_salary",
        f"Salary far above local norms for low-skill work ({salary.describe()})",
    )

def easy_high_pay(inp: RiskInput) -> Finding | None:
    found = distinct_quotes(inp.hits.get(v.EASY_HIGH_PAY, ()))
    if not found:
        return None
    return _finding("easy_high_pay", f"Promises easy work for high pay ({quoted(found)})")

def free_travel(inp: RiskInput) -> Finding | None:
    found = distinct_quotes(inp.hits.get(v.FREE_TRAVEL, ()))
    if not found:
        return None
    return _finding(
        "free_travel", f"Offers free flights, visa or accommodation ({quoted(found)})"
    )

def compound_location(inp: RiskInput) -> Finding | None:
    places: list[str] = []
    for hit in inp.hits.get(v.LOCATION, ()):
        place = _PLACE_OF.get(hit.quote.replace(" ", ""))
        if place and place not in places:
            places.append(place)
    if not places:
        return None
    return _finding(
        "compound_location", f"Names a known scam-compound location: {', '.join(places[:3])}"
    )

def lowskill_abroad(inp: RiskInput) -> Finding | None:
    """Typing/customer-service/promoter work that requires moving abroad."""
    job, abroad = inp.hits.get(v.LOWSKILL), inp.hits.get(v.ABROAD)
    if not job or not abroad:
        return None
    return _finding(
        "lowskill_abroad",
        f"Low-skill online work ('{job[0].quote}') that requires moving abroad "
        f"('{abroad[0].quote}')",
    )

def urgency(inp: RiskInput) -> Finding | None:
    found = distinct_quotes(inp.hits.get(v.URGENCY, ()))
    if not found:
        return None
    return _finding("urgency", f"Pressures applicants to decide fast ({quoted(found)})")

def crypto_payment(inp: RiskInput) -> Finding | None:
    """Crypto pay or a wallet on a job ad (forum threads discuss crypto fraud, so not there)."""
    if inp.kind not in _JOB_KINDS:
        return None
    hit = first_affirmed(inp.haystack, inp.hits.get(v.CRYPTO, ()))
    if hit is not None:
        return _finding("crypto_payment", f"Mentions pay in crypto on a job ad ('{hit.quote}')")
    wallets = sorted(inp.entity_types() & lx.WALLET_TYPES)
    if wallets:
        kinds = ", ".join(w.removesuffix("_address").upper() for w in wallets)
        return _finding("crypto_payment", f"Lists a crypto wallet on a job ad ({kinds})")
    return None

def passport_collected(inp: RiskInput) -> Finding | None:
    hit = first_affirmed(inp.haystack, inp.hits.get(v.PASSPORT, ()))
    if hit is None:
        return None
    return _finding(
        "passport_collected",
        f"Asks applicants to bring or hand over their passport ('{hit.quote}')",
    )

def young_no_qualification(inp: RiskInput) -> Finding | None:
    """A young age bracket together with no experience or education asked for."""
    if not (inp.hits.get(v.NO_EXPERIENCE) or inp.hits.get(v.NO_QUALIFICATION)):
        return None
    for m in _AGE_RANGE.finditer(inp.haystack):
        low, high = int(m["a"] or m["c"]), int(m["b"] or m["d"])
        if _YOUNG_MIN <= low < high <= _YOUNG_MAX:
            return _finding(
                "young_no_qualification",
                f"Targets young applicants (age {low}-{high}) with no qualification required",
            )
    return None


def forum_warning(inp: RiskInput) -> Finding | None:
    """A forum thread warning of scams or trafficking.

    When the thread also names contact points, the warning is evidence about those handles, so it
    gets its own, heavier code that the index can attribute to them.
    """
    if inp.kind != "forum_thread":
        return None
    found = distinct_quotes(inp.hits.get(v.FORUM_WARNING, ()))
    if not found:
        return None
    contacts = sorted(
        {e for e in inp.entities if e.type.lower() in _CONTACT_TYPES},
        key=lambda e: (_CONTACT_TYPES.index(e.type.lower()), e.value),
    )
    if contacts:
        named = ", ".join(f"{e.type} {e.value}" for e in contacts[:3])
        more = f" and {len(contacts) - 3} more" if len(contacts) > 3 else ""
        return _finding(
            "forum_warning_contact",
            f"Forum thread warns of scam or trafficking ({quoted(found)}) naming {named}{more}",
        )
    return _finding(
        "forum_warning", f"Forum thread warns of scam or trafficking ({quoted(found)})"
    )


INDICATORS: Final[tuple[Indicator, ...]] = (
    messenger_only,
    no_experience,
    high_salary,
    easy_high_pay,
    free_travel,
    compound_location,
    lowskill_abroad,
    urgency,
    crypto_payment,
    passport_collected,
    young_no_qualification,
    forum_warning,
)
