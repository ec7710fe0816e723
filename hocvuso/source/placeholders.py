"""How a page or a quiz names a checked fact: `{{ fact:id }}`, replaced by the fact's value when the
site is built (course/facts.py). Written anywhere a learner reads text: prose and quiz texts.

Anything else that opens `{{` (cut short at a line's end, an invisible character between the
braces) would reach the learner as raw braces: `broken_placeholders` finds it.
"""

from __future__ import annotations

import re

from hocvuso.text.normalise import invisible

PLACEHOLDER = re.compile(r"\{\{\s*fact:([^\s}]*)\s*\}\}")
INLINE_CODE = re.compile(r"(`+)(?:.+?)\1")


def outside_inline_code(line: str):
    """(start, end) spans of a line that are not inline code."""
    position = 0
    for match in INLINE_CODE.finditer(line):
        yield position, match.start()
        position = match.end()
    yield position, len(line)


def placeholders(line: str):
    """(0-based column, fact id) of the placeholders on a line, outside inline code."""
    if "{{" not in line:
        return
    for start, end in outside_inline_code(line):
        for match in PLACEHOLDER.finditer(line, start, end):
            yield match.start(), match.group(1)


def broken_placeholders(line: str):
    """(0-based column, what is written, the first invisible character in it as "U+00AD" or None)
    of every `{{` on a line, outside inline code, that does not open a whole placeholder."""
    if "{{" not in line:
        return
    for start, end in outside_inline_code(line):
        position = start
        while (found := line.find("{{", position, end)) >= 0:
            whole = PLACEHOLDER.match(line, found, end)
            if whole:
                position = whole.end()
                continue
            written = _written(line, found, end)
            hidden = next((f"U+{ord(char):04X}" for char in written if char not in " \t" and invisible(char)), None)
            yield found, written, hidden
            position = found + 2


def _written(line: str, start: int, end: int) -> str:
    """A broken placeholder as written, to quote it: up to its first `}`, with the invisible
    characters and the second `}` after it (`}\u00AD}`); cut short, up to the line's end (a YAML
    quote that closes the text left out)."""
    closing = line.find("}", start + 2, end)
    if closing < 0:
        return line[start:end].rstrip().rstrip("\"'")
    stop = closing + 1
    while stop < end and line[stop] != " " and invisible(line[stop]):
        stop += 1
    return line[start : stop + 1] if stop < end and line[stop] == "}" else line[start : closing + 1]
