"""The one table of indicator weights.

A weight is the chance, on its own, that a page showing this flag is scam recruitment; the score
combines them as independent evidence (``1 - prod(1 - w)``), so no single weak flag dominates and
several together saturate towards 1.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

WEIGHTS: Final = MappingProxyType(
    {
        # A forum thread warning about scams/trafficking that names contact points is the
        # strongest evidence about those handles, stronger than anything an ad says about itself.
        "forum_warning_contact": 0.60,
        "passport_collected": 0.40,
        "messenger_only": 0.35,
        "high_salary": 0.35,
        "compound_location": 0.35,
        "crypto_payment": 0.30,
        "forum_warning": 0.30,
        "free_travel": 0.25,
        "lowskill_abroad": 0.25,
        "easy_high_pay": 0.20,
        "no_experience": 0.15,
        "young_no_qualification": 0.15,
        "urgency": 0.10,
    }
)
