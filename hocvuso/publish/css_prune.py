"""Material's stylesheet cut down, at build, to the rules the built site's pages can use.

Material ships one stylesheet for every feature it has (137 KB, 22.8 KB gzip), and a learner's
first visit downloads all of it. Most of it styles things the course never shows: tabs, blog,
code annotations, right-to-left pages, palettes nobody chose. After the build has written every
page, this module reads them all and keeps a style rule only if one of its selectors could
match something there:

- every class, id, element name and attribute in the selector (outside :not(), which can only
  widen a match) must be "present": in some page's HTML, or in a script that pages load (a word
  of its source: scripts build search results, set states like md-nav__link--passed), or in the
  SAFELIST below. A class a script builds from a prefix ("hvs-" + tone) counts as present too.
- an attribute selector with a value ([data-md-toggle=drawer]) needs that value on that
  attribute in the HTML, or as a word in a script.
- :is()/:where()/:has() match if any selector in them can; pseudo-classes and pseudo-elements
  (:hover, :checked, ::before) never decide: a state the learner causes is always possible.
- a rule that declares custom properties (--md-...) stays, whatever its selector: they are the
  theme's colours and icons, and a script may switch the element they sit on.
- @media, @supports, @layer and @container are walked into and dropped when nothing is left;
  @keyframes stay if a kept rule, one of our stylesheets or a script names them; @font-face
  stays if a kept rule names its family. Anything else (@charset, @page, ...) is kept.

When in doubt, a rule stays: a few bytes too many cost less than a button without its style.
tests/test_css_prune*.py compare every element's computed style with and without pruning.

Pure Python (tinycss2), no MkDocs: the build hands it the written site folder.
"""

from __future__ import annotations

import gzip
import os
import posixpath
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import tinycss2
from tinycss2.ast import FunctionBlock, HashToken, IdentToken, LiteralToken, SquareBracketsBlock, StringToken, WhitespaceToken

from hocvuso.catalogue.site_paths import ASSET_DIR

# Material's own stylesheets (main.<hash>.min.css, palette.<hash>.min.css): the ones pruned.
# Ours (assets/hocvuso/) and a fork's extra CSS are small and written for the site: untouched.
THEME_CSS_DIR = "assets/stylesheets/"
# HOCVUSO_PRUNE_CSS=0 builds with Material's stylesheet as it is (tests compare both builds).
ENV_SWITCH = "HOCVUSO_PRUNE_CSS"

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
_WORD = re.compile(r"[A-Za-z_][\w-]*")
# A string literal that ends in "-" or "_" (or a template literal's text before ${...}): the
# script appends something to it, so every class starting with it is possible.
_PREFIX = re.compile(r"""["'`]\s*(?:[\w-]+\s+)*([A-Za-z_][\w-]*[-_])(?:["'`]|\$\{)""")
_TAG = re.compile(r"""<[A-Za-z](?:[^>"']+|"[^"]*"|'[^']*')*>""")
_TAG_NAME = re.compile(r"<([A-Za-z][^\s/>]*)")
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_SCRIPT_BODY = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S | re.I)
_STYLE_BODY = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S | re.I)
_SELECTOR_FUNCTIONS = {"is", "where", "matches", "-webkit-any", "-moz-any", "has"}
_GROUPING_RULES = {"media", "supports", "layer", "container", "document", "-moz-document", "scope", "starting-style"}


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
        self.words.update(_WORD.findall(source))
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


def rule_can_match(selectors: str, present: Presence) -> bool:
    tokens = tinycss2.parse_component_value_list(selectors, skip_comments=True)
    return any(selector_can_match(part, present) for part in _split_commas(tokens))


def _prune_rules(rules: list[_Rule], present: Presence, used_words: set[str]) -> list[_Rule]:
    kept = []
    for rule in rules:
        keyword = rule.at_keyword
        if not rule.prelude.startswith("@"):
            if _CUSTOM_PROPERTY.search("{" + (rule.body or "")) or rule_can_match(rule.prelude, present):
                kept.append(rule)
                used_words.update(_WORD.findall(rule.body or ""))
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
    used_words.update(_WORD.findall(extra_text))
    kept = _drop_unused(kept, used_words)
    kept = _drop_unused_custom_properties(kept, extra_text)
    return "".join(rule.text() for rule in kept)


# ---- The built site ------------------------------------------------------------------------

_LINK = re.compile(r"<link\b[^>]*>", re.I)
_HREF = re.compile(r"""\bhref\s*=\s*["']?([^"'\s>]+)""", re.I)
_SCRIPT_SRC = re.compile(r"""<script\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)""", re.I)


def _site_path(site_dir: Path, page: Path, url: str) -> str | None:
    """The site-relative path of a local address on `page`, or None for another host."""
    url = url.split("#")[0].split("?")[0]
    if not url or "://" in url or url.startswith(("//", "data:")):
        return None
    base = "" if url.startswith("/") else posixpath.dirname(page.relative_to(site_dir).as_posix())
    path = posixpath.normpath(posixpath.join(base, url.lstrip("/")))
    return None if path.startswith("..") else path


@dataclass
class SiteScan:
    presence: Presence
    theme_css: list[str]  # Material's stylesheets the pages link to (site paths)


def scan_site(site_dir: Path) -> SiteScan:
    """Reads every page of the written site, the scripts they load and our own stylesheets."""
    present = Presence()
    theme_css: set[str] = set()
    scripts: set[str] = set()
    for page in sorted(site_dir.rglob("*.html"), key=lambda path: path.parts):  # Path's own comparison is slow
        html = page.read_text(encoding="utf-8", errors="replace")
        present.add_html(html)
        for link in _LINK.findall(html):
            if "stylesheet" not in link.lower():
                continue
            match = _HREF.search(link)
            path = match and _site_path(site_dir, page, match.group(1))
            if path and path.startswith(THEME_CSS_DIR) and path.endswith(".css"):
                theme_css.add(path)
        for src in _SCRIPT_SRC.findall(html):
            path = _site_path(site_dir, page, src)
            if path:
                scripts.add(path)
    # Our scripts, all of them (a page may load one only after a click, e.g. class.js).
    scripts.update(p.relative_to(site_dir).as_posix() for p in (site_dir / ASSET_DIR).rglob("*.js"))
    for path in sorted(scripts):
        file = site_dir / path
        if file.is_file():
            present.add_script(file.read_text(encoding="utf-8", errors="replace"))
    for file in sorted(site_dir.glob("assets/**/*.css")):
        if not file.relative_to(site_dir).as_posix().startswith(THEME_CSS_DIR):
            present.extra_text.append(file.read_text(encoding="utf-8", errors="replace"))
    return SiteScan(present, sorted(theme_css))


@dataclass(frozen=True)
class PruneResult:
    file: str  # site path
    before: str
    after: str

    def figures(self) -> tuple[str, int, int, int, int]:
        """(file, raw bytes before, raw after, gzip-6 before, gzip-6 after)."""
        before, after = self.before.encode(), self.after.encode()
        return (self.file, len(before), len(after), len(gzip.compress(before, 6)), len(gzip.compress(after, 6)))


def enabled() -> bool:
    return os.environ.get(ENV_SWITCH, "1").strip().lower() not in ("0", "no", "false", "off")


def prune_site(site_dir: Path) -> list[PruneResult]:
    """Rewrites, in place (same names: pages need no change), Material's stylesheets that the
    site's pages link to, keeping only the rules they can use."""
    scan = scan_site(site_dir)
    results = []
    for path in scan.theme_css:
        file = site_dir / path
        if not file.is_file():
            continue
        before = file.read_text(encoding="utf-8")
        after = prune_css(before, scan.presence)
        file.write_text(after, encoding="utf-8")
        results.append(PruneResult(path, before, after))
    return results


def prune_figures(site_dir: Path) -> list[tuple[str, int, int, int, int, float]]:
    """For `make bench`'s before/after table: prunes a built site that was built WITHOUT pruning
    (HOCVUSO_PRUNE_CSS=0) and returns, per stylesheet, (file, raw before, raw after, gzip-6
    before, gzip-6 after, seconds the whole pruning took)."""
    start = time.perf_counter()
    results = prune_site(site_dir)
    seconds = time.perf_counter() - start
    return [(*result.figures(), seconds) for result in results]


def shipped_stylesheet(name: str) -> Path | None:
    """Material's own copy of a stylesheet (as the theme package ships it), found without
    importing the theme."""
    import importlib.util

    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "templates" / THEME_CSS_DIR / name
    return path if path.is_file() else None


def stylesheet_figures(site_dir: Path) -> list[tuple[str, int, int, int, int]]:
    """For `make bench`'s before/after table, on an ordinary (pruned) build: per Material
    stylesheet the site's pages link to, (file, raw bytes as Material ships it, raw as built,
    gzip-6 shipped, gzip-6 built). One Material does not ship under that name is left out."""
    rows = []
    for path in scan_site(site_dir).theme_css:
        file = site_dir / path
        shipped = shipped_stylesheet(file.name)
        if shipped is not None:
            before = shipped.read_text(encoding="utf-8")
            rows.append(PruneResult(file.relative_to(site_dir).as_posix(), before, file.read_text(encoding="utf-8")).figures())
    return rows
