"""User-typed entity values in the normal form of CONTRACT.md, so ``--value @HR_Asia`` finds
``telegram:hr_asia`` and ``--value "+855 12 345 678"`` finds ``+85512345678``."""

from __future__ import annotations

import phonenumbers

_CASE_KEPT = {"btc_address", "tron_address"}


def normalize_value(entity_type: str, value: str) -> str:
    value = value.strip()
    if entity_type in ("phone", "whatsapp"):
        try:
            number = phonenumbers.parse(value if value.startswith("+") else "+" + value.lstrip("0"), None)
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            return value
    if entity_type == "telegram":
        lowered = value.lower()
        for prefix in ("https://", "http://", "t.me/", "telegram.me/", "@"):
            lowered = lowered.removeprefix(prefix)
        return lowered
    if entity_type == "line":
        return value.lower().lstrip("@~")
    if entity_type == "btc_address":
        return value.lower() if value.lower().startswith("bc1") else value
    if entity_type in _CASE_KEPT:
        return value
    return value.lower()
