"""Vietnamese text: Unicode normalisation and URL slugs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from hocvuso.text.keys import folded_key

_NON_SLUG = re.compile(r"[^a-z0-9]+")


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
