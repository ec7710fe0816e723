"""Splits a page's YAML front matter from its Markdown, keeping line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .diagnostics import Diagnostic
from . import messages

from .yaml_loader import Loader as _Loader

_FENCE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


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


def read_front_matter(text: str, path: str) -> tuple[FrontMatter, list[Diagnostic]]:
    match = _FENCE.match(text)
    if not match:
        return FrontMatter(), []
    body = match.group(1) or ""
    end_line = text[: match.end()].count("\n") + (0 if text[: match.end()].endswith("\n") else 1)
    try:
        # One parse gives both the nodes (for line numbers) and the values.
        loader = _Loader(body)
        try:
            node = loader.get_single_node()
            values = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = 2 + (mark.line if mark else 0)
        lines = body.split("\n")
        source_line = lines[mark.line] if mark and mark.line < len(lines) else ""
        reason = messages.yaml_problem(error.problem or str(error), source_line)
        return FrontMatter(present=True, end_line=end_line), [
            Diagnostic(path, line, (mark.column + 1) if mark else 0, messages.front_matter_syntax(reason))
        ]
    if not isinstance(values, dict):
        return FrontMatter(present=True, end_line=end_line), [Diagnostic(path, 2, 1, messages.front_matter_not_mapping())]
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            key_lines[str(key.value)] = 2 + key.start_mark.line
            if isinstance(value, yaml.MappingNode):  # e.g. competences.digcomp
                for sub_key, _ in value.value:
                    key_lines[f"{key.value}.{sub_key.value}"] = 2 + sub_key.start_mark.line
    return FrontMatter(values, key_lines, True, end_line), []
