"""The YAML loader every reader here uses: PyYAML's safe loader, in C when PyYAML was built with it
(several times faster on a large course), keeping node positions for messages with lines.

`compose` is the one way in: whatever the text, it returns nodes or raises `YamlProblem` with a
position and a Vietnamese message; it never lets an anchor, alias or tag through. `construct` builds
values from the nodes, refusing complex keys and impossible dates. Both are linear in the text.
"""

from __future__ import annotations

import re

import yaml
from yaml.constructor import SafeConstructor

from hocvuso.catalogue import messages
from hocvuso.text.normalise import is_blank

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as Loader

__all__ = [
    "Loader", "YamlProblem", "compose", "construct", "complex_key", "complex_key_problem", "comment_cut",
    "duplicate_keys", "plain_text_cuts", "read_entry",
]

STR_TAG = "tag:yaml.org,2002:str"

# What YAML refuses to read (PyYAML's reader.NON_PRINTABLE): control characters pasted from elsewhere.
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
# A tag (!), anchor (&) or alias (*) token can only start after a space, a line start or flow punctuation.
# This cheap search is a superset of them; only then are the tokens scanned (most files have none).
_MAYBE_NODE_PROPERTY = re.compile(r"(?:^|[\s\[\]{},:?\-\"'\ufeff])[!&*]")


class YamlProblem(Exception):
    """Why a YAML text cannot be read. `line` and `column` are 0-based in the text given to compose.

    `syntax` says the message is a reason to put after the reader's "… sai cú pháp YAML: ";
    otherwise `message` is a whole sentence of its own.
    """

    def __init__(self, line: int, column: int, message: str, syntax: bool = True, misaligned: tuple | None = None):
        super().__init__(message)
        self.line, self.column, self.message, self.syntax = line, column, message, syntax
        # (what, line it must line up with (0-based), what is there, columns too far): the message
        # names that line in the file, which only the caller knows (`first_line` of the text).
        self.misaligned = misaligned

    def text(self, syntax_prefix, first_line: int = 1) -> str:
        message = self.message
        if self.misaligned:
            what, target_line, target, extra = self.misaligned
            message = messages.misaligned(what, target, first_line + target_line, extra)
        return syntax_prefix(message) if self.syntax else message


def compose(text: str) -> yaml.Node | None:
    """The node tree of one YAML document; texts made only of invisible characters become ""."""
    loader = Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise _syntax_problem(error, text) from None
    except yaml.reader.ReaderError as error:
        raise _character_problem(text, error) from None
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML raises the kinds above
        raise YamlProblem(0, 0, messages.yaml_problem(str(error))) from None
    finally:
        loader.dispose()
    if ("!" in text or "&" in text or "*" in text) and _MAYBE_NODE_PROPERTY.search(text):
        _refuse_node_properties(text)
    if root is not None:
        # Not only where the text holds an invisible character: "\uFEFF" written as an escape is one too.
        _empty_invisible_texts(root)
    return root


class _Constructor(SafeConstructor):
    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError):  # "2026-02-30", "0x_": read as a date or a number that cannot be
            mark = node.start_mark
            raise YamlProblem(mark.line, mark.column, messages.impossible_value(str(node.value)), syntax=False) from None


def construct(node: yaml.Node | None):
    """The Python values of a tree from `compose` (dicts, lists, texts, numbers, dates). Raises YamlProblem."""
    if node is None:
        return None
    key = complex_key(node)
    if key is not None:
        raise complex_key_problem(key)
    try:
        return _Constructor().construct_document(node)
    except yaml.MarkedYAMLError as error:  # pragma: no cover - tags and complex keys were refused by compose
        mark = error.problem_mark or node.start_mark
        raise YamlProblem(mark.line, mark.column, messages.yaml_problem(error.problem or str(error))) from None


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    if mark is None:  # pragma: no cover - every parser and scanner error has a mark
        return YamlProblem(0, 0, messages.yaml_problem(error.problem or str(error)))
    lines = text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    problem = error.problem or str(error)
    found = _misalignment(lines, mark.line, mark.column, problem)
    if found:
        column, misaligned = found
        return YamlProblem(mark.line, column, messages.yaml_problem(problem, line), misaligned=misaligned)
    return YamlProblem(mark.line, mark.column, messages.yaml_problem(problem, line))


_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|$)")
_DASH_LINE = re.compile(r"^(?P<indent> *)-(?:[ \t]|$)")
_OFF_BY = (1, 2)  # columns a line can be off its sibling and still be recognised as meant to line up
_LIST_PROBLEMS = ("did not find expected '-' indicator", "did not find expected key", "expected <block end>")


def _key_column(line: str) -> int | None:
    match = _KEY_LINE.match(line)
    return len(match.group("indent")) + len(match.group("dash") or "") if match else None


def _misalignment(lines: list[str], number: int, column: int, problem: str) -> tuple[int, tuple] | None:
    """When a key or a dash is off its sibling line by a column or two, (its column, what
    YamlProblem.misaligned needs): "`correct` must line up with `text` on line N", rather than a rule
    about dashes on a line that has none."""
    line = lines[number] if number < len(lines) else ""
    key = _KEY_LINE.match(line)
    if problem.startswith("mapping values are not allowed"):
        # A key indented past its sibling continues the text above it: its colon is then refused.
        if not key or key.group("dash") or column != line.index(":", key.start("key")):
            return None
        own = _key_column(line)
        for above in range(number - 1, -1, -1):
            other = _key_column(lines[above])
            if other is not None and other < own:
                if own - other in _OFF_BY:
                    return own, (f"`{key.group('key')}`", above, f"`{_KEY_LINE.match(lines[above]).group('key')}`", own - other)
                return None
        return None
    if not problem.startswith(_LIST_PROBLEMS):
        return None
    dash = _DASH_LINE.match(line)
    if dash:
        own = len(dash.group("indent"))
        for above in range(number - 1, -1, -1):
            other = _DASH_LINE.match(lines[above])
            if other and abs(own - len(other.group("indent"))) in _OFF_BY:
                return own, ("dấu -", above, "dấu -", own - len(other.group("indent")))
            if (_key_column(lines[above]) or own) < own - max(_OFF_BY):
                return None  # out of this list
        return None
    if not key:
        return None
    own = _key_column(line)
    for above in range(number - 1, -1, -1):
        other = _key_column(lines[above])
        if other is None or other == own:
            continue
        if abs(own - other) in _OFF_BY:
            return own, (f"`{key.group('key')}`", above, f"`{_KEY_LINE.match(lines[above]).group('key')}`", own - other)
        if other < own:
            return None
    return None


def _character_problem(text: str, error: yaml.reader.ReaderError) -> YamlProblem:
    found = _NON_PRINTABLE.search(text)
    if found is None:  # pragma: no cover - the reader refuses only these characters
        return YamlProblem(0, 0, messages.yaml_problem(str(error)))
    line = text.count("\n", 0, found.start())
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1)
    return YamlProblem(line, column, messages.control_character(ord(found.group())), syntax=False)


def _refuse_node_properties(text: str) -> None:
    """Anchors and aliases (`&a`, `*a`) repeat a part of the text; a tag (`!x`) changes how a text is read.
    Writers never need either: refused before anything is expanded or a tagged text shown as plain."""
    lines = text.split("\n")
    try:
        for token in yaml.scan(text, Loader=Loader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken, yaml.TagToken)):
                start, end = token.start_mark, token.end_mark
                written = lines[start.line][start.column : end.column] if end.line == start.line else ""
                if isinstance(token, yaml.TagToken):
                    raise YamlProblem(start.line, start.column, messages.yaml_tag(written), syntax=False)
                raise YamlProblem(start.line, start.column, messages.yaml_anchor(written), syntax=False)
    except yaml.YAMLError:  # pragma: no cover - the text was composed without error
        return


def _empty_invisible_texts(root: yaml.Node) -> None:
    """Texts made only of invisible characters (normalise.is_blank) become empty. Each node is visited once."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if node.value and is_blank(node.value):
                node.value = ""
            continue
        if id(node) in seen:  # pragma: no cover - aliases were refused
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        else:
            stack.extend(node.value)


def complex_key(root: yaml.Node) -> yaml.Node | None:
    """The first key in the tree that is a list or a group of fields (`? [a, b]`, `{{ fact:x }}: ...`), if any.

    Readers report it in their own words where they can (`- {{ fact:x }}` is an item that is not text)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    return key
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def complex_key_problem(key: yaml.Node) -> YamlProblem:
    return YamlProblem(key.start_mark.line, key.start_mark.column, messages.complex_key(), syntax=False)


def duplicate_keys(root: yaml.Node) -> list[tuple[yaml.Node, yaml.Node]]:
    """(repeated key, first key) for every mapping in the tree: YAML keeps the last one silently.
    Call it on a tree without complex keys (after `construct`)."""
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            first: dict[str, yaml.Node] = {}
            for key, value in node.value:
                if key.value in first:
                    found.append((key, first[key.value]))
                else:
                    first[key.value] = key
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return sorted(found, key=lambda pair: (pair[0].start_mark.line, pair[0].start_mark.column))


def comment_cut(node: yaml.ScalarNode, lines: list[str], texts_only: bool = True) -> tuple[int, int] | None:
    """Where a " #" cut an unquoted text short (YAML reads the rest as a comment), 0-based; else None.

    On one line, the text's start; on a later line of a text over several lines, the #.
    `texts_only`: a number, a date or true before the # is whole (`order: 2  # chương hai`).
    """
    if node.style or (texts_only and node.tag != STR_TAG):  # quoted or block texts keep their #
        return None
    end = node.end_mark
    rest = lines[end.line][end.column :] if end.line < len(lines) else ""
    if not rest.lstrip().startswith("#"):
        return None
    if end.line == node.start_mark.line:
        return node.start_mark.line, node.start_mark.column
    return end.line, end.column + len(rest) - len(rest.lstrip())


def plain_text_cuts(root: yaml.Node, lines: list[str]) -> list[tuple[str, int, int]]:
    """(key, 0-based line, column) of every text in the tree cut short by a " #", named by its key."""
    found, stack = [], [("", root)]
    while stack:
        key, node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            where = comment_cut(node, lines)
            if where:
                found.append((key, *where))
        elif isinstance(node, yaml.MappingNode):
            stack.extend((str(key_node.value), value) for key_node, value in node.value)
        else:
            stack.extend((key, item) for item in node.value)
    return sorted(found, key=lambda cut: (cut[1], cut[2]))


def read_entry(node: yaml.MappingNode, lines: list[str], syntax_prefix) -> tuple[object, list[tuple[int, int, str]]]:
    """One entry of facts.yml or glossary.yml: its value, or the problems (0-based line, column, message)
    that YAML would pass over silently (a key written twice, a text cut by " #") or cannot build."""
    try:
        value = construct(node)
    except YamlProblem as problem:
        return None, [(problem.line, problem.column, problem.text(syntax_prefix))]
    problems = [
        (key.start_mark.line, key.start_mark.column, messages.duplicate_key(str(key.value), first.start_mark.line + 1))
        for key, first in duplicate_keys(node)
    ] + [(line, column, messages.comment_cuts_text(key)) for key, line, column in plain_text_cuts(node, lines)]
    return (None, problems) if problems else (value, [])
