"""How search sees Vietnamese: syllables, tone keys and folded keys.

This is the specification. hocvuso/theme/assets/hocvuso/search.js implements the same steps, and
tests/search_vectors.json holds the cases both must agree on (run by the Python tests and by
a browser test), so the index built here and the queries typed on a phone meet.

1. A text is NFC-normalised and lower-cased.
2. A syllable is a run of the characters in SYLLABLE_CHARS (Latin letters with Vietnamese
   marks, digits). Everything else separates syllables.
3. Tone key: NFD, take the tone mark out, NFC again, append the tone's digit. "hòa" and "hoà"
   both give "hoa2"; "cộng" gives "công5"; vowel marks (ô, ơ, ư, ă, â, ê) and đ stay.
   The index holds tone keys, so either tone placement and NFD input find the same word.
4. Folded key: NFD, drop every combining mark, đ -> d (Đ -> D): "cộng" -> "cong". A query typed
   without accents matches every word with the same folded key.
5. The index also holds hyphenated Latin words joined ("Wi-Fi" -> "wifi"), as people type them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Explicit ranges, not \w: JavaScript's \w is ASCII-only and older WebViews lack \p{L}.
SYLLABLE_CHARS = "0-9a-z\u00df-\u00f6\u00f8-\u024f\u0300-\u036f\u1e00-\u1eff"
_SYLLABLE = re.compile(f"[{SYLLABLE_CHARS}]+")
# Combining marks U+0300–U+036F cover every Vietnamese tone and vowel mark after NFD.
_COMBINING = re.compile("[\u0300-\u036f]")
TONE_DIGITS = {"\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
_TONE = re.compile("[\u0301\u0300\u0309\u0303\u0323]")


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


def syllable_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, syllable) in the normalised text; NFC keeps Vietnamese letters one code point each."""
    return [(m.start(), m.end(), m.group()) for m in _SYLLABLE.finditer(normalise(text))]


def syllables(text: str) -> list[str]:
    return _SYLLABLE.findall(normalise(text))


@lru_cache(maxsize=65536)  # a course uses a few thousand distinct syllables
def tone_key(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = _TONE.findall(decomposed)
    base = unicodedata.normalize("NFC", _TONE.sub("", decomposed))
    return base + (TONE_DIGITS[tones[0]] if tones else "")


@lru_cache(maxsize=65536)
def folded_key(text: str) -> str:
    """Accents and tone marks stripped: "Định nghĩa" -> "Dinh nghia" (search keys, slugs, the
    glossary's order). 'đ' does not decompose under NFD, so it is mapped explicitly."""
    return _COMBINING.sub("", unicodedata.normalize("NFD", text)).replace("đ", "d").replace("Đ", "D")


def tone_keys(text: str) -> list[str]:
    return [tone_key(s) for s in syllables(text)]


_HYPHENATED = re.compile(r"[0-9a-z]+(?:-[0-9a-z]+)+")


def joined_words(text: str) -> list[str]:
    """Hyphenated Latin words also as one word, so "wifi" finds "Wi-Fi" (index side only)."""
    return [m.group().replace("-", "") for m in _HYPHENATED.finditer(normalise(text))]
