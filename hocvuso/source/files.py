"""Reading a writer's file: the one way every page, bank and data file of a course is read.

`read_text` turns a file's bytes into text (the byte order mark some editors write first dropped,
bytes that are not UTF-8 a message at the first bad one); `read_yaml` turns a YAML text into nodes
(yaml_reader.compose: anchors, aliases and tags refused before anything walks the nodes), its
problems diagnostics with file:line:column. No reader opens a file or calls the YAML library
any other way, so a file in a bad state gets the same message whichever file it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

import yaml

from hocvuso.catalogue import messages
from hocvuso.catalogue.diagnostics import Diagnostic

from .yaml_reader import YamlProblem, compose, construct

BYTE_ORDER_MARK = "\ufeff"
_UTF8_BOM = BYTE_ORDER_MARK.encode("utf-8")


def decode(data: bytes, shown_as: str) -> tuple[str | None, list[Diagnostic]]:
    """A file's bytes as text, or None and a message at its first byte that is not UTF-8."""
    data = data.removeprefix(_UTF8_BOM)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        before = data[: error.start]  # valid UTF-8: the first error is at error.start
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8")) + 1
        return None, [Diagnostic(shown_as, before.count(b"\n") + 1, column, messages.not_utf8())]


def read_text(path: Path, shown_as: str) -> tuple[str | None, list[Diagnostic]]:
    """A writer's file as text, without the byte order mark some editors write first (MkDocs drops it
    too); a file that is not UTF-8 is reported at its first bad byte. `shown_as` names it in messages."""
    return decode(Path(path).read_bytes(), shown_as)


def read_texts(paths: Iterable[Path], shown_as: Callable[[Path], str]) -> tuple[list[tuple[str, str]], list[Diagnostic]]:
    """Several files read in turn (the national file, then a fork's .local one): (shown name, text)
    of each one readable, and the messages of those that are not."""
    texts, problems = [], []
    for path in paths:
        text, unreadable = read_text(path, shown_as(path))
        problems += unreadable
        if text is not None:
            texts.append((shown_as(path), text))
    return texts, problems


def read_yaml(text: str, shown_as: str, syntax_prefix: Callable[[str], str],
              first_line: int = 1) -> tuple[yaml.Node | None, list[Diagnostic]]:
    """The nodes of a YAML text (None when it is empty), or None and its problem at file:line:column.

    `syntax_prefix` names the file in a syntax message ("Từ điển sai cú pháp YAML: ..."); `first_line`
    is the file's line where the text starts (2 for front matter). Aliases are refused here, so no
    caller walks a tree that contains itself."""
    try:
        return compose(text.removeprefix(BYTE_ORDER_MARK)), []
    except YamlProblem as problem:
        return None, [_diagnostic(problem, shown_as, syntax_prefix, first_line)]


def read_yaml_values(text: str, shown_as: str, syntax_prefix: Callable[[str], str],
                     first_line: int = 1) -> tuple[yaml.Node | None, object, list[Diagnostic]]:
    """`read_yaml`, then the Python values of its nodes: (nodes, values, problems)."""
    root, problems = read_yaml(text, shown_as, syntax_prefix, first_line)
    if problems or root is None:
        return root, None, problems
    try:
        return root, construct(root), []
    except YamlProblem as problem:
        return root, None, [_diagnostic(problem, shown_as, syntax_prefix, first_line)]


def _diagnostic(problem: YamlProblem, shown_as: str, syntax_prefix, first_line: int) -> Diagnostic:
    return Diagnostic(shown_as, first_line + problem.line, problem.column + 1, problem.text(syntax_prefix, first_line))
