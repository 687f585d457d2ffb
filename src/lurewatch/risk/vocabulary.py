"""The lexicon compiled once, at first use, into the single scanner every indicator reads from."""

from __future__ import annotations

from functools import cache

from lurewatch.risk import lexicon as lx
from lurewatch.risk.matching import Vocabulary

NO_EXPERIENCE = "no_experience"
NO_QUALIFICATION = "no_qualification"
EASY_HIGH_PAY = "easy_high_pay"
FREE_TRAVEL = "free_travel"
LOCATION = "location"
LOWSKILL = "lowskill"
ABROAD = "abroad"
URGENCY = "urgency"
CRYPTO = "crypto"
PASSPORT = "passport"
FORUM_WARNING = "forum_warning"


@cache
def vocabulary() -> Vocabulary:
    # Built lazily (a few ms) rather than at import, so importing the package has no cost.
    places = [s for spellings in lx.COMPOUND_LOCATIONS.values() for s in spellings]
    return Vocabulary(
        {
            NO_EXPERIENCE: lx.NO_EXPERIENCE,
            NO_QUALIFICATION: lx.NO_QUALIFICATION,
            EASY_HIGH_PAY: lx.EASY_HIGH_PAY,
            FREE_TRAVEL: lx.FREE_TRAVEL,
            LOCATION: places,
            LOWSKILL: lx.LOWSKILL_JOBS,
            ABROAD: [*lx.ABROAD, *places],
            URGENCY: lx.URGENCY,
            CRYPTO: lx.CRYPTO_PAYMENT,
            PASSPORT: lx.PASSPORT,
            FORUM_WARNING: lx.FORUM_WARNING,
        }
    )
