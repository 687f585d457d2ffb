"""Turn text into the token stream both index backends store and search.

Full-text engines split words on spaces, which fails for scripts written without them: a search for a
two-character Chinese word, or a Thai word, would find nothing. So before indexing (and for every
query) text is reduced here to space-separated tokens:

* letters and digits of space-delimited scripts form words, lower-cased, diacritics removed
  (so ``việc`` and ``viec`` match; ``đ`` becomes ``d``);
* every character of a script without spaces (Han, kana, Hangul syllables are spaced already but
  kept per character too for simplicity, Thai, Lao, Khmer, Myanmar) is a token of its own, so a
  phrase of consecutive characters matches any substring of that run;
* everything else (punctuation, symbols, combining marks) separates tokens.

Doing this once, on the client side, gives both backends byte-identical tokens and therefore the
same result sets.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Scripts written without spaces between words: each character becomes its own token.
_UNSPACED_RANGES: tuple[tuple[int, int], ...] = (
    (0x0E00, 0x0E7F),  # Thai
    (0x0E80, 0x0EFF),  # Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x19E0, 0x19FF),  # Khmer symbols
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3100, 0x312F),  # Bopomofo
    (0x3190, 0x31FF),  # Kanbun, CJK strokes, Katakana ext
    (0x3400, 0x4DBF),  # CJK ext A
    (0x4E00, 0x9FFF),  # CJK unified
    (0xA9E0, 0xA9FF),  # Myanmar ext B
    (0xAA60, 0xAA7F),  # Myanmar ext A
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility
    (0x20000, 0x3134F),  # CJK ext B..G
)

_SPECIAL_FOLDS = str.maketrans({"đ": "d", "Đ": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe"})


@lru_cache(maxsize=4096)
def _is_unspaced(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _UNSPACED_RANGES)


@lru_cache(maxsize=8192)
def _char_class(ch: str) -> str:
    """'w' word char, 'u' unspaced-script char, 'm' mark (dropped, joins), 's' separator."""
    cat = unicodedata.category(ch)
    if cat[0] == "M":
        return "m"
    if cat[0] in "LN":
        return "u" if _is_unspaced(ch) else "w"
    return "s"


_ASCII_WORDS = re.compile(r"[a-z0-9]+")


def segment(text: str) -> str:
    """Return ``text`` as lower-case, diacritic-free tokens separated by single spaces."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text.translate(_SPECIAL_FOLDS).lower())
    if folded.isascii():
        return " ".join(_ASCII_WORDS.findall(folded))
    tokens: list[str] = []
    word: list[str] = []
    for ch in folded:
        kind = _char_class(ch)
        if kind == "w":
            word.append(ch)
        elif kind == "m":
            continue  # combining marks vanish without splitting the word they sit on
        else:
            if word:
                tokens.append("".join(word))
                word = []
            if kind == "u":
                tokens.append(ch)
    if word:
        tokens.append("".join(word))
    return " ".join(tokens)


_QUERY_PARTS = re.compile(r'"([^"]*)"|(\S+)')


def query_phrases(query: str) -> list[list[str]]:
    """Split a user query into phrases of tokens: each bare word and each ``"quoted phrase"`` is one
    phrase; all phrases must match. A bare word in an unspaced script becomes a phrase of characters.
    """
    phrases: list[list[str]] = []
    for quoted, bare in _QUERY_PARTS.findall(query):
        tokens = segment(quoted if quoted else bare).split()
        if tokens:
            phrases.append(tokens)
    return phrases
