"""Splits a page's YAML front matter from its Markdown, keeping line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from hocvuso.catalogue.diagnostics import Diagnostic
from hocvuso.catalogue import messages

from .files import read_yaml_values
from .yaml_reader import duplicate_keys, plain_text_cuts

# A UTF-8 byte order mark before the first --- (some Windows editors write one) is not text.
_FENCE = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FIRST_LINE = 2  # the front matter's YAML starts on the file's second line


@dataclass
class FrontMatter:
    values: dict = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # key -> 1-based line in the file
    present: bool = False
    end_line: int = 0  # last line of the front matter block (0 when absent)


def front_matter_lines(text: str) -> int:
    """How many lines the front matter block takes at the top of `text` (0 when there is none)."""
    match = _FENCE.match(text)
    return text[: match.end()].rstrip("\n").count("\n") + 1 if match else 0


# An opening --- followed by a `key:` line: front matter, even when its closing --- is missing.
_OPENED = re.compile(r"\A\ufeff?---[ \t]*\n[A-Za-z_][\w-]*[ \t]*:")


def unclosed_end(text: str) -> int:
    """When the front matter is opened but never closed, its likely last line (1-based): the line
    before the first blank line or heading; 0 when the front matter is closed or absent."""
    if _FENCE.match(text) or not _OPENED.match(text):
        return 0
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if not lines[index].strip() or lines[index].startswith("#"):
            return index
    return len(lines)


def read_front_matter(text: str, path: str) -> tuple[FrontMatter, list[Diagnostic]]:
    match = _FENCE.match(text)
    if not match:
        last = unclosed_end(text)
        if last:
            # Without its closing line the engine shows the fields as the page's first paragraph.
            return FrontMatter(present=True, end_line=last), [Diagnostic(path, 1, 1, messages.unclosed_front_matter(last))]
        return FrontMatter(), []
    body = match.group(1) or ""
    end_line = text[: match.end()].count("\n") + (0 if text[: match.end()].endswith("\n") else 1)
    # One parse gives both the nodes (for line numbers and checks) and the values.
    node, values, problems = read_yaml_values(body, path, messages.front_matter_syntax, _FIRST_LINE)
    if problems:
        return FrontMatter(present=True, end_line=end_line), problems
    values = values if node is not None else {}
    if not isinstance(values, dict):
        return FrontMatter(present=True, end_line=end_line), [Diagnostic(path, 2, 1, messages.front_matter_not_mapping())]
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            key_lines.setdefault(str(key.value), _FIRST_LINE + key.start_mark.line)
            if isinstance(value, yaml.MappingNode):  # e.g. competences.digcomp
                for sub_key, _ in value.value:
                    key_lines.setdefault(f"{key.value}.{sub_key.value}", _FIRST_LINE + sub_key.start_mark.line)
    problems = [
        Diagnostic(path, _FIRST_LINE + key.start_mark.line, key.start_mark.column + 1,
                   messages.duplicate_key(str(key.value), _FIRST_LINE + first.start_mark.line))
        for key, first in duplicate_keys(node)
    ] if node is not None else []
    if node is not None and "#" in body:
        problems += [
            Diagnostic(path, _FIRST_LINE + line, column + 1, messages.comment_cuts_text(key))
            for key, line, column in plain_text_cuts(node, body.split("\n"))
        ]
    return FrontMatter(values, key_lines, True, end_line), problems
