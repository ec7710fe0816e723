"""A stylesheet cut down to the rules that can apply to a site (css_match.Presence).

A rule stays if one of its selectors could match (css_match). A rule that declares custom
properties (--md-...) stays whatever its selector: they are the theme's colours and icons, and
a script may switch the element they sit on; but a custom property nothing reads is removed.
@media, @supports, @layer and @container are walked into and dropped when nothing is left;
@keyframes stay if a kept rule, one of our stylesheets or a script names them; @font-face stays
if a kept rule names its family. Anything else (@charset, @page, ...) is kept. Kept rules are
copied byte for byte: only selectors are tokenized (tinycss2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from hocvuso.publish.css_match import WORD, Presence, rule_can_match

_GROUPING_RULES = {"media", "supports", "layer", "container", "document", "-moz-document", "scope", "starting-style"}

# The stylesheet's block structure, found fast: strings, comments and unquoted url() are
# skipped whole (Material's icons are data: URLs full of braces), then braces and semicolons
# delimit rules. Only selectors are tokenized (tinycss2), so kept rules are copied byte for byte.
_STRUCTURE = re.compile(r""""(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|/\*.*?(?:\*/|$)|url\(\s*[^\s'")]*\)|[{};]""",
                        re.S | re.I)
_CUSTOM_PROPERTY = re.compile(r"(?:^|[;{\s])--[\w-]+\s*:")
_AT_KEYWORD = re.compile(r"@([\w-]+)")


@dataclass
class _Rule:
    prelude: str  # selectors, or "@media screen" (no braces)
    body: str | None  # between the braces; None for a statement like @charset "UTF-8";
    children: list["_Rule"] | None = None  # a grouping at-rule's rules, once walked

    @property
    def at_keyword(self) -> str:
        match = _AT_KEYWORD.match(self.prelude)
        return match.group(1).lower() if match else ""

    def text(self) -> str:
        if self.body is None:
            return self.prelude + ";"
        inside = self.body if self.children is None else "".join(child.text() for child in self.children)
        return self.prelude + "{" + inside + "}"


def parse_rules(css: str) -> list[_Rule]:
    """Top-level rules of `css` (comments dropped), each with its prelude and raw body."""
    rules: list[_Rule] = []
    depth = 0
    start = 0  # where the current prelude starts
    body_start = 0
    prelude = ""
    pieces: list[str] = []  # the current prelude without comments
    for match in _STRUCTURE.finditer(css):
        token = match.group()
        if depth == 0 and token.startswith("/*"):
            pieces.append(css[start:match.start()])
            start = match.end()
        elif token == "{":
            if depth == 0:
                pieces.append(css[start:match.start()])
                prelude = "".join(pieces).strip()
                pieces = []
                body_start = match.end()
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0:
                rules.append(_Rule(prelude, css[body_start:match.start()]))
                start = match.end()
            elif depth < 0:  # a stray brace: ignored, as a browser would
                depth = 0
                start = match.end()
        elif token == ";" and depth == 0:
            pieces.append(css[start:match.start()])
            statement = "".join(pieces).strip()
            pieces = []
            if statement:
                rules.append(_Rule(statement, None))
            start = match.end()
    if depth > 0:  # unclosed at the end: a browser closes it
        rules.append(_Rule(prelude, css[body_start:]))
    return rules


def _prune_rules(rules: list[_Rule], present: Presence, used_words: set[str]) -> list[_Rule]:
    kept = []
    for rule in rules:
        keyword = rule.at_keyword
        if not rule.prelude.startswith("@"):
            if _CUSTOM_PROPERTY.search("{" + (rule.body or "")) or rule_can_match(rule.prelude, present):
                kept.append(rule)
                used_words.update(WORD.findall(rule.body or ""))
        elif keyword in _GROUPING_RULES and rule.body is not None:
            rule.children = _prune_rules(parse_rules(rule.body), present, used_words)
            if rule.children:
                kept.append(rule)
        else:
            kept.append(rule)
    return kept


def _keyframes_name(prelude: str) -> str:
    name = prelude.split(None, 1)[1] if len(prelude.split(None, 1)) > 1 else ""
    return name.strip().strip("\"'")


def _font_families(body: str) -> set[str]:
    match = re.search(r"font-family\s*:([^;]*)", body, re.I)
    return {family.strip().strip("\"'") for family in match.group(1).split(",")} if match else set()


def _drop_unused(rules: list[_Rule], used: set[str]) -> list[_Rule]:
    """@keyframes nobody animates with and @font-face nobody sets, at any depth."""
    kept = []
    for rule in rules:
        keyword = rule.at_keyword
        if keyword.endswith("keyframes"):
            name = _keyframes_name(rule.prelude)
            if name and name not in used:
                continue
        elif keyword == "font-face":
            families = _font_families(rule.body or "")
            # A family of several words ("Roboto Mono") counts as used if each word is.
            if families and not any(all(word in used for word in family.split()) for family in families):
                continue
        elif rule.children is not None:
            rule.children = _drop_unused(rule.children, used)
            if not rule.children:
                continue
        kept.append(rule)
    return kept


_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_CUSTOM_NAME = re.compile(r"--[\w-]+")


def _declarations(body: str) -> list[str] | None:
    """A rule's declarations, split at the semicolons outside strings and url(); None if the
    body holds nested rules (left whole)."""
    parts, start = [], 0
    for match in _STRUCTURE.finditer(body):
        token = match.group()
        if token in ("{", "}"):
            return None
        if token == ";":
            parts.append(body[start:match.start()])
            start = match.end()
    parts.append(body[start:])
    return [part for part in parts if part.strip()]


def _custom_name(declaration: str) -> str | None:
    name = declaration.split(":", 1)[0].strip()
    return name if name.startswith("--") and ":" in declaration else None


def _style_rules(rules: list[_Rule]) -> Iterable[_Rule]:
    for rule in rules:
        if rule.children is not None:
            yield from _style_rules(rule.children)
        elif not rule.prelude.startswith("@"):
            yield rule


def _drop_unused_custom_properties(rules: list[_Rule], extra_text: str) -> list[_Rule]:
    """Custom properties (Material's colours and icons, on :root) that nothing kept reads: no
    var() in a kept rule or in another property kept, no mention in our stylesheets, scripts or
    style attributes. Most of them are icons of features the course does not use."""
    split = [(rule, _declarations(rule.body or "")) for rule in _style_rules(rules)]
    values: dict[str, list[str]] = {}
    used = set(_CUSTOM_NAME.findall(extra_text))
    for rule, declarations in split:
        if declarations is None:
            used.update(_VAR.findall(rule.body or ""))
            continue
        for declaration in declarations:
            name = _custom_name(declaration)
            if name:
                values.setdefault(name, []).append(declaration)
            else:
                used.update(_VAR.findall(declaration))
    pending = list(used)
    while pending:  # a property read by a kept one is kept too
        for declaration in values.get(pending.pop(), []):
            for name in _VAR.findall(declaration):
                if name not in used:
                    used.add(name)
                    pending.append(name)
    for rule, declarations in split:
        if declarations is not None and any(_custom_name(d) and _custom_name(d) not in used for d in declarations):
            rule.body = ";".join(d for d in declarations if not _custom_name(d) or _custom_name(d) in used)
    return _without_empty(rules)


def _without_empty(rules: list[_Rule]) -> list[_Rule]:
    kept = []
    for rule in rules:
        if rule.children is not None:
            rule.children = _without_empty(rule.children)
            if not rule.children:
                continue
        elif not rule.prelude.startswith("@") and rule.body is not None and not rule.body.strip():
            continue
        kept.append(rule)
    return kept


def prune_css(css: str, present: Presence) -> str:
    """`css` with only the rules that can apply to the site `present` describes, and only the
    custom properties something reads. Kept rules are copied as they are (Material's file is
    minified already); comments are dropped."""
    used_words: set[str] = set()
    kept = _prune_rules(parse_rules(css), present, used_words)
    extra_text = "\n".join(present.extra_text)
    used_words.update(WORD.findall(extra_text))
    kept = _drop_unused(kept, used_words)
    kept = _drop_unused_custom_properties(kept, extra_text)
    return "".join(rule.text() for rule in kept)
