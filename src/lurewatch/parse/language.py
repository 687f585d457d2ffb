"""The language of a page: what it declares, else its script, else a statistical guess.

Chinese, Thai, Khmer, Burmese, Lao, Japanese and Korean are told apart by their scripts, which is
exact and nearly free; py3langid (whose cost grows with the bytes it reads, and CJK text is three
bytes a character) is asked only about text in Latin and other scripts.
"""

from __future__ import annotations

from collections import Counter

import py3langid

_SCRIPT_LANGS: tuple[tuple[int, int, str], ...] = (
    (0x0E00, 0x0E7F, "th"),
    (0x0E80, 0x0EFF, "lo"),
    (0x1000, 0x109F, "my"),
    (0x1780, 0x17FF, "km"),
    (0x3040, 0x30FF, "ja"),  # kana: Japanese even when mixed with Han
    (0xAC00, 0xD7AF, "ko"),
    (0x3400, 0x4DBF, "zh"),
    (0x4E00, 0x9FFF, "zh"),
)
_SAMPLE = 600  # characters: plenty for a guess, bounded cost


def _script_language(sample: str) -> str | None:
    counts: Counter[str] = Counter()
    letters = 0
    for ch in sample:
        if not ch.isalpha():
            continue
        letters += 1
        cp = ord(ch)
        for lo, hi, lang in _SCRIPT_LANGS:
            if lo <= cp <= hi:
                counts[lang] += 1
                break
    if not counts or letters == 0:
        return None
    if counts["ja"]:
        return "ja"
    lang, n = counts.most_common(1)[0]
    return lang if n * 3 >= letters else None  # a third of the letters: that script dominates


def detect_language(declared: str, text: str) -> str:
    """ISO 639-1 code, or "" when there is no text to judge."""
    declared = declared.strip().lower()
    if declared:
        return declared.split("-")[0].split("_")[0]
    sample = text[:_SAMPLE]
    if not sample.strip():
        return ""
    by_script = _script_language(sample)
    if by_script:
        return by_script
    lang, _ = py3langid.classify(sample)
    return str(lang)
