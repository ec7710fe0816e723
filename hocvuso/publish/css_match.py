"""Whether a CSS selector could match something the built site can put on a page.

What the site can put on a page (`Presence`) is read from its HTML, the scripts pages load and
SAFELIST. A selector could match when every class, id, element name and attribute in it (outside
:not(), which can only widen a match) is present; a class a script builds from a prefix ("hvs-"
+ tone) counts as present; an attribute selector with a value ([data-md-toggle=drawer]) needs
that value on that attribute in the HTML, or as a word in a script; :is()/:where()/:has()
match if any selector in them can; pseudo-classes and pseudo-elements (:hover, :checked,
::before) never decide: a state the learner causes is always possible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import tinycss2
from tinycss2.ast import FunctionBlock, HashToken, IdentToken, LiteralToken, SquareBracketsBlock, StringToken, WhitespaceToken

# States that scripts or the browser set without their name standing in any script's text.
# Listed so that a script replaced or rewritten later keeps them styled; a name here that no
# page ever uses only costs its few rules.
SAFELIST = frozenset({
    # Material's scripts (or a replacement, themejs): header, navigation and search states.
    "md-header--shadow",  # the header's shadow once the page scrolls
    "md-header__title--active",  # the page title shown in the header after scrolling
    "md-nav__link--active",  # the current page / section in the menu
    "md-nav__link--passed",  # sections above the scroll position (table of contents)
    "md-nav--lifted", "md-nav__item--active", "md-nav__item--section",
    "md-search-result__item", "md-search-result__link", "md-search-result__article",
    "md-search-result__article--document", "md-search-result__icon", "md-search-result__more",
    "md-search-result__teaser", "md-search-result__terms",
    "md-top", "md-top--hidden",  # navigation.top: the "back to top" button and its hidden state
    "md-tooltip", "md-tooltip--active", "md-tooltip__inner",
    "md-dialog", "md-dialog--active", "md-dialog__inner",
    "md-clipboard", "md-clipboard--inline",
    # Attributes Material's scripts set on <body>, the header and scroll containers.
    "data-md-state", "data-md-scrollfix", "data-md-color-scheme", "data-md-color-primary",
    "data-md-color-accent", "data-md-color-switching", "data-md-component", "lock", "hidden",
    "no-js", "js", "focus-visible",
    # Set by the browser itself: <details open> once the learner opens it.
    "open",
})

# Words of a script: names it can write into a class, id, tag or attribute.
WORD = re.compile(r"[A-Za-z_][\w-]*")
# A string literal that ends in "-" or "_" (or a template literal's text before ${...}): the
# script appends something to it, so every class starting with it is possible.
_PREFIX = re.compile(r"""["'`]\s*(?:[\w-]+\s+)*([A-Za-z_][\w-]*[-_])(?:["'`]|\$\{)""")
_TAG = re.compile(r"""<[A-Za-z](?:[^>"']+|"[^"]*"|'[^']*')*>""")
_TAG_NAME = re.compile(r"<([A-Za-z][^\s/>]*)")
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_SCRIPT_BODY = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S | re.I)
_STYLE_BODY = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S | re.I)
_SELECTOR_FUNCTIONS = {"is", "where", "matches", "-webkit-any", "-moz-any", "has"}


@dataclass
class Presence:
    """What the built site can put on a page: from its HTML, its scripts and SAFELIST."""

    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    elements: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)
    values: set[tuple[str, str]] = field(default_factory=set)  # (attribute, value or one word of it)
    words: set[str] = field(default_factory=lambda: set(SAFELIST))  # script words: any kind of name
    prefixes: set[str] = field(default_factory=set)
    extra_text: list[str] = field(default_factory=list)  # our stylesheets and scripts: keyframe names
    _seen_tags: set[str] = field(default_factory=set)

    def add_html(self, html: str) -> None:
        for tag in set(_TAG.findall(html)) - self._seen_tags:  # pages repeat their header and menu
            self._seen_tags.add(tag)
            tag_name = _TAG_NAME.match(tag)
            self.elements.add(tag_name.group(1).lower())
            for name, double, single, bare in _ATTRIBUTE.findall(tag, tag_name.end(), len(tag) - 1):
                name = name.lower()
                value = double or single or bare
                self.attributes.add(name)
                self.values.add((name, value))
                for word in value.split():
                    self.values.add((name, word))
                if name == "class":
                    self.classes.update(value.split())
                elif name == "style":  # may set or read custom properties
                    self.extra_text.append(value)
                elif name == "id":
                    self.ids.add(value)
        for script in set(_SCRIPT_BODY.findall(html)) - self._seen_tags:
            self._seen_tags.add(script)
            self.add_script(script)
        for style in _STYLE_BODY.findall(html):
            self.extra_text.append(style)

    def add_script(self, source: str) -> None:
        self.words.update(WORD.findall(source))
        self.prefixes.update(_PREFIX.findall(source))
        self.extra_text.append(source)

    def _named(self, name: str, names: set[str]) -> bool:
        return name in names or name in self.words or any(name.startswith(prefix) for prefix in self.prefixes)

    def has_class(self, name: str) -> bool:
        return self._named(name, self.classes)

    def has_id(self, name: str) -> bool:
        return self._named(name, self.ids)

    def has_element(self, name: str) -> bool:
        return name in self.elements or name in self.words

    def has_attribute(self, name: str, value: str | None) -> bool:
        if not (name in self.attributes or name in self.words):
            return False
        return value is None or (name, value) in self.values or value in self.words or value == ""


def _split_commas(tokens: list) -> list[list]:
    parts: list[list] = [[]]
    for token in tokens:
        if isinstance(token, LiteralToken) and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _attribute_can_match(block: SquareBracketsBlock, present: Presence) -> bool:
    tokens = [t for t in block.content if not isinstance(t, WhitespaceToken)]
    if tokens and isinstance(tokens[0], LiteralToken) and tokens[0].value in ("*", "|"):
        return True  # a namespace prefix: rare, keep
    if not tokens or not isinstance(tokens[0], IdentToken):
        return True
    name = tokens[0].lower_value
    if len(tokens) == 1:
        return present.has_attribute(name, None)
    operator = tokens[1].value if isinstance(tokens[1], LiteralToken) else None
    value_token = tokens[2] if len(tokens) > 2 else None
    flagged = len(tokens) > 3  # [a=b i]: case-insensitive, compare the name only
    if operator in ("=", "~=") and isinstance(value_token, (IdentToken, StringToken)) and not flagged:
        return present.has_attribute(name, value_token.value)
    return present.has_attribute(name, None)


def selector_can_match(tokens: list, present: Presence) -> bool:
    """Whether one complex selector (no top-level comma) could match an element of the site."""
    previous = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if isinstance(token, LiteralToken) and token.value == ":":
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if isinstance(following, LiteralToken) and following.value == ":":
                index += 2  # a pseudo-element: its name follows
            else:
                index += 1
                if isinstance(following, FunctionBlock) and following.lower_name in _SELECTOR_FUNCTIONS:
                    inner = _split_commas(following.arguments)
                    if not any(selector_can_match(part, present) for part in inner if part):
                        return False
            previous = token
            index += 1
            continue
        if isinstance(token, IdentToken):
            if isinstance(previous, LiteralToken) and previous.value == ".":
                if not present.has_class(token.value):
                    return False
            elif not (isinstance(previous, LiteralToken) and previous.value == "|"):
                if not present.has_element(token.lower_value):
                    return False
        elif isinstance(token, HashToken):
            if not present.has_id(token.value):
                return False
        elif isinstance(token, SquareBracketsBlock):
            if not _attribute_can_match(token, present):
                return False
        previous = token
        index += 1
    return True


def rule_can_match(selectors: str, present: Presence) -> bool:
    tokens = tinycss2.parse_component_value_list(selectors, skip_comments=True)
    return any(selector_can_match(part, present) for part in _split_commas(tokens))
