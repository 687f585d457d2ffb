"""A short excerpt of a page's text around the first searched term, for human output."""

from __future__ import annotations


def make_snippet(text: str, terms: list[str], width: int = 160) -> str:
    """The first ``width`` characters around the earliest term found (by its folded form)."""
    if not text:
        return ""
    flat = " ".join(text.split())
    if not terms:
        return flat[:width]
    lowered = flat.lower()
    positions = [lowered.find(t) for t in terms if t and lowered.find(t) >= 0]
    if not positions:  # the term matched only after folding diacritics: show the start
        return flat[:width]
    start = max(0, min(positions) - width // 3)
    excerpt = flat[start : start + width]
    return ("…" if start else "") + excerpt + ("…" if start + width < len(flat) else "")
