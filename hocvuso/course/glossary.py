"""The glossary (glossary.yml): plain definitions of the terms lessons use, one generated page."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from hocvuso.catalogue import messages
from hocvuso.catalogue.diagnostics import Diagnostic
from hocvuso.text.escaping import markdown_text
from hocvuso.text.keys import folded_key
from hocvuso.text.normalise import slugify
from hocvuso.source.files import BYTE_ORDER_MARK, read_yaml
from hocvuso.source.yaml_reader import read_entry

PAGE = "tu-dien.md"


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    line: int

    @property
    def anchor(self) -> str:
        return slugify(self.term)


def read_glossary(text: str, path: str) -> tuple[list[Term], list[Diagnostic]]:
    root, problems = read_yaml(text, path, messages.glossary_syntax)
    if root is None:
        return [], problems
    text = text.removeprefix(BYTE_ORDER_MARK)  # lines as the YAML reader counted them
    if not isinstance(root, yaml.SequenceNode):
        return [], [Diagnostic(path, 1, 1, messages.glossary_shape())]
    terms, problems, seen = [], [], {}
    lines = text.split("\n")
    for node in root.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            problems.append(Diagnostic(path, line, 1, messages.glossary_shape()))
            continue
        entry, shape_problems = read_entry(node, lines, messages.glossary_syntax)
        if shape_problems:
            problems += [Diagnostic(path, at + 1, column + 1, message) for at, column, message in shape_problems]
            continue
        if not (isinstance(entry, dict) and set(entry) == {"term", "definition"}
                and all(isinstance(entry[key], str) and entry[key].strip() for key in entry)):
            problems.append(Diagnostic(path, line, 1, messages.glossary_shape()))
            continue
        term = Term(entry["term"].strip(), entry["definition"].strip(), line)
        if term.anchor in seen:
            problems.append(Diagnostic(path, line, 1, messages.duplicate_term(term.term, seen[term.anchor])))
            continue
        seen[term.anchor] = line
        terms.append(term)
    return terms, problems


def glossary_markdown(terms: list[Term]) -> str:
    """Terms in Vietnamese alphabetical order (accents folded, so "đ" sorts with "d")."""
    lines = [
        "---", "title: Từ điển", "description: Giải thích bằng lời dễ hiểu các từ dùng trong bài học.", "---", "",
        "# Từ điển", "", "Giải thích ngắn, dễ hiểu các từ mới trong bài học.", "",
    ]
    for term in sorted(terms, key=lambda t: (folded_key(t.term).lower(), t.term)):
        lines += [f"## {markdown_text(term.term)}", "", markdown_text(term.definition), ""]
    return "\n".join(lines)
