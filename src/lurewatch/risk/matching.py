"""Find every red-flag term of every category in one pass over a page.

All terms compile into one regex shaped as a character trie: the engine then skips ahead by first
character and tries one branch per character, which keeps a 20 KB page to a few milliseconds
however long the word lists grow. Latin-script terms get word boundaries; Thai, Chinese, Burmese
and Khmer are written without spaces between words, so their terms match as substrings (the lists
avoid short ambiguous ones). A space inside a term matches any whitespace, or none.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# Latin letters incl. the Vietnamese/Indonesian accented ranges, and digits.
_LATIN = "0-9a-z\u00c0-\u024f\u1e00-\u1eff"
_IS_LATIN = re.compile(f"[{_LATIN}]")
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """NFKC folds full-width digits and letters common in Chinese ads; lower() lets patterns be
    case-free."""
    return unicodedata.normalize("NFKC", text).lower()


def squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _key(text: str) -> str:
    return _SPACE.sub("", text)


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    end: bool = False


def _emit(node: _Node, last: str, root: bool) -> str:
    alts: list[str] = []
    for ch in sorted(node.children):
        piece = r"\s*" if ch == " " else re.escape(ch)
        if root and _IS_LATIN.match(ch):
            # Boundary checked after the first character, so the pattern still starts with a
            # literal and the engine can skip ahead to candidate positions.
            piece += f"(?<![{_LATIN}].)"
        alts.append(piece + _emit(node.children[ch], ch, root=False))
    if node.end:
        # Last, so the longest term wins and shorter ones are the fallback.
        alts.append(f"(?![{_LATIN}])" if _IS_LATIN.match(last) else "")
    if len(alts) == 1:
        return alts[0]
    return "(?:" + "|".join(alts) + ")"


@dataclass(frozen=True)
class Hit:
    quote: str  # the matched text, whitespace squashed
    start: int


class Vocabulary:
    """Named categories of terms, scanned together; a term may belong to several categories."""

    def __init__(self, categories: Mapping[str, Iterable[str]]) -> None:
        self._categories: dict[str, set[str]] = {}
        root = _Node()
        for name, terms in categories.items():
            for term in terms:
                t = " ".join(normalize(term).split())
                if not t:
                    continue
                self._categories.setdefault(_key(t), set()).add(name)
                node = root
                for ch in t:
                    node = node.children.setdefault(ch, _Node())
                node.end = True
        self.names = frozenset(categories)
        self._pattern = re.compile(_emit(root, "", root=True))

    def scan(self, text: str) -> dict[str, list[Hit]]:
        """Category -> hits in order of appearance (leftmost-longest, non-overlapping)."""
        hits: dict[str, list[Hit]] = {}
        for m in self._pattern.finditer(text):
            quote = squash(m.group(0))
            for name in self._categories.get(_key(quote), ()):
                hits.setdefault(name, []).append(Hit(quote, m.start()))
        return hits


def distinct_quotes(hits: Iterable[Hit], limit: int = 2) -> list[str]:
    """Up to ``limit`` distinct quotes; "urgent" adds nothing beside "urgent hiring"."""
    found: list[str] = []
    for hit in hits:
        if not any(hit.quote in f or f in hit.quote for f in found):
            found.append(hit.quote)
            if len(found) >= limit:
                break
    return found


def quoted(items: Iterable[str]) -> str:
    return ", ".join(f"'{i}'" for i in items)


_NEGATION = re.compile(
    r"(?<![a-z])(?:never|not|don't|do not|won't|will not|no need to|no one will)(?![a-z])"
    r"|不会|不要|不用|绝不|決不|ไม่|(?<![a-zà-ỹ])(?:không|tidak|jangan|bukan|tak)(?![a-zà-ỹ])"
)
_SENTENCE_END = re.compile(r"[.!?。！？\n](?=[^.!?。！？\n]*$)")


def negated(text: str, start: int, window: int = 40) -> bool:
    """True if a negation precedes ``start`` in the same sentence ("we never keep passports")."""
    before = text[max(0, start - window) : start]
    end = _SENTENCE_END.search(before)
    if end:
        before = before[end.end() :]
    return _NEGATION.search(before) is not None


def first_affirmed(text: str, hits: Iterable[Hit]) -> Hit | None:
    for hit in hits:
        if not negated(text, hit.start):
            return hit
    return None
