"""Where a writer's prose is, as a reader sees it: a Markdown line with what is not prose blanked
(code spans, placeholders, link targets, tags, comments, attribute lists), keeping every column;
the blocks of prose of a page (paragraphs, list items, headings, table cells, box titles) with
where each character was written; and their sentences and syllables. Read by the style check.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .placeholders import INLINE_CODE, PLACEHOLDER

# A Markdown link or image, as the link check reads it (check/links.py).
LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_ATTRIBUTES = re.compile(r"\{[:.#][^}]*\}")
_YAML_COMMENT = re.compile(r"(?:^|\s)#.*$")


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def masked_markdown_line(line: str) -> str:
    """The line with what is not prose blanked out (same length, so columns stay right):
    code spans, placeholders, link targets, tags, comments and attribute lists."""
    line = _HTML_COMMENT.sub(lambda m: _blank(m.group()), line)
    line = INLINE_CODE.sub(lambda m: _blank(m.group()), line)
    line = PLACEHOLDER.sub(lambda m: _blank(m.group()), line)
    line = LINK.sub(lambda m: " " * (len(m.group(1)) + 1) + m.group(2) + " " * (len(m.group()) - len(m.group(2)) - len(m.group(1)) - 1), line)
    line = _TAG.sub(lambda m: _blank(m.group()), line)
    return _ATTRIBUTES.sub(lambda m: _blank(m.group()), line)


def masked_yaml_line(line: str) -> str:
    return PLACEHOLDER.sub(lambda m: _blank(m.group()), _YAML_COMMENT.sub(lambda m: _blank(m.group()), line))


def comment_lines(text: str) -> set[int]:
    """1-based lines inside an HTML comment that spans lines."""
    inside = set()
    for match in _HTML_COMMENT.finditer(text):
        first = text.count("\n", 0, match.start()) + 1
        last = text.count("\n", 0, match.end()) + 1
        if last > first:
            inside.update(range(first, last + 1))
    return inside


# ---- Prose units (paragraphs, list items, headings) ---------------------------------------------

@dataclass
class Unit:
    """A block of prose as a reader sees it, and where each of its characters was written."""

    text: str
    pieces: list[tuple[int, int, int]]  # (offset in text, line, column), 1-based, where each line's part starts
    heading: bool
    links: list[tuple[int, int, str]]  # (start, end, target) of each link's text in `text`

    def place(self, offset: int) -> tuple[int, int]:
        start, line, column = self.pieces[bisect.bisect_right(self.pieces, (offset, 1 << 30, 0)) - 1]
        return line, column + offset - start


_BLOCK_START = re.compile(r"^(?P<indent>\s*)(?P<marker>#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*|(?:!!!|\?\?\?\+?)\s*\S+\s*)?")
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*\S+(?:\s+\"(?P<title>[^\"]*)\")?\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")


def prose_units(text: str, skipped: set[int]) -> list[Unit]:
    """The prose of a Markdown page, outside `skipped` lines (front matter, fenced blocks)."""
    units: list[Unit] = []
    current: Unit | None = None

    def close() -> None:
        nonlocal current
        if current is not None and current.text.strip():
            units.append(current)
        current = None

    def add(number: int, column: int, raw: str, masked: str, heading: bool, new: bool) -> None:
        nonlocal current
        if new:
            close()
        if current is None:
            current = Unit("", [], heading, [])
        elif current.text:
            current.text += " "
        start = len(current.text)
        current.pieces.append((start, number, column))
        for match in LINK.finditer(raw):
            if not match.group(1):  # links, not images
                text_start = start + match.start() + 1
                current.links.append((text_start, text_start + len(match.group(2)), match.group(3)))
        current.text += masked

    comments = comment_lines(text)
    for number, line in enumerate(text.split("\n"), 1):
        if number in skipped or number in comments or not line.strip():
            close()
            continue
        admonition = _ADMONITION.match(line)
        if admonition:
            title = admonition.group("title")
            if title:
                column = line.index('"') + 2
                add(number, column, title, masked_markdown_line(title), True, True)
                close()
            else:
                close()
            continue
        if line.lstrip().startswith("|"):
            if _TABLE_RULE.match(line):
                continue
            for cell in re.finditer(r"[^|]+", line):
                add(number, cell.start() + 1, cell.group(), masked_markdown_line(cell.group()), False, True)
            close()
            continue
        if re.match(r"^\s*!\[[^\]]*\]\([^)]*\)\s*(\{[^}]*\})?\s*$", line):  # an image alone: its alt text is no sentence
            close()
            continue
        start = _BLOCK_START.match(line)
        marker = start.group("marker") or ""
        body_start = start.end()
        body = line[body_start:]
        heading = marker.startswith("#")
        add(number, body_start + 1, body, masked_markdown_line(body), heading, bool(marker) or heading)
        if heading:
            close()
    close()
    return units


# ---- Sentences ---------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…]+[\"”»)']*(?=\s|$)")


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of each sentence of a block of prose."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        found.append((start, text[start : match.end()]))
        start = match.end()
    found.append((start, text[start:]))
    result = []
    for offset, sentence in found:
        stripped = sentence.lstrip()
        if stripped.strip():
            result.append((offset + len(sentence) - len(stripped), stripped.rstrip()))
    return result


def syllables(sentence: str) -> int:
    return len(re.findall(r"\S*[^\W_]\S*", sentence))
