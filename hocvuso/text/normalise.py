"""Vietnamese text: Unicode normalisation and URL slugs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from hocvuso.text.keys import folded_key

_NON_SLUG = re.compile(r"[^a-z0-9]+")


# What shows nothing on a screen: spaces (Zs, and the line and paragraph separators), control
# characters (Cc) and format characters (Cf: U+200B..U+200F, U+2060, U+FEFF, U+00AD...), by their
# Unicode category; and the few letters and marks that are drawn as nothing (Hangul fillers, the
# combining grapheme joiner, Khmer inherent vowels, variation selectors, the blank Braille cell).
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Zs", "Zl", "Zp"})
_DRAWN_AS_NOTHING = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0" + "".join(map(chr, range(0xFE00, 0xFE10))))


def invisible(char: str) -> bool:
    """Whether one character shows nothing on a screen."""
    return char in _DRAWN_AS_NOTHING or unicodedata.category(char) in _INVISIBLE_CATEGORIES


def is_blank(text: str) -> bool:
    """Whether a text shows nothing: empty, or only spaces and invisible characters. The one
    definition of an empty text, for every reader (a feedback of only U+FEFF is empty)."""
    first = text.lstrip()[:1]
    if first.isalnum() and first not in _DRAWN_AS_NOTHING:  # most texts: one look at their first letter
        return False
    return all(map(invisible, text))


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def slugify(value: str, separator: str = "-") -> str:
    """Heading anchors that keep Vietnamese readable: "Định nghĩa" -> "dinh-nghia".

    Signature matches Python-Markdown's toc `slugify(value, separator)`.
    """
    return _NON_SLUG.sub(separator, folded_key(value).lower()).strip(separator)


@dataclass(frozen=True)
class NonNfcSpot:
    line: int  # 1-based
    column: int  # 1-based, counted in characters of the original line
    snippet: str  # the NFC form of the word that is not NFC


def non_nfc_spots(text: str) -> list[NonNfcSpot]:
    """Every line that is not NFC, with its first offending word, for an author to fix."""
    if unicodedata.is_normalized("NFC", text):
        return []
    spots = []
    for number, line in enumerate(text.split("\n"), start=1):
        if unicodedata.is_normalized("NFC", line):
            continue
        column = next(
            index for index, char in enumerate(line) if not unicodedata.is_normalized("NFC", line[index : index + 2])
        )
        start = max(line.rfind(" ", 0, column) + 1, 0)
        end = line.find(" ", column)
        word = line[start : end if end != -1 else len(line)]
        spots.append(NonNfcSpot(number, column + 1, nfc(word)))
    return spots
