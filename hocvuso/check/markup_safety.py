"""Markup that content may not carry: code that runs, embedded or replaced pages, forms, and
files loaded from other hosts.

Markdown fields (lesson prose, quiz texts) keep ordinary Markdown, links to any page, and the
small HTML writers use (<br>, <kbd>, <sub>, <sup>, <abbr>, <mark>, <small>, <span class>,
<div markdown>...). Refused, with file:line:column: the elements in _REFUSED_ELEMENTS, event
attributes (on...=, also through attr_list `{: onclick=... }`), javascript:, vbscript: and
data: addresses, and images, sound, video or other resources from another host: the site
makes no request elsewhere (learners on 3G, or reading from a USB stick with no network).

Raw HTML is read with the standard library's HTMLParser over the whole text at once, as a
browser reads the built page (a tag may span lines; comments are read as if they were not
there, since parsers disagree on where odd comments end). Plain-text fields (titles, fill-in
answers, matching right sides...) are not checked: they are escaped on output (escaping.py).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import yaml
from markdown.extensions.attr_list import get_attrs_and_remainder

from hocvuso.source.blocks import QUIZ_LANGUAGE, fenced_blocks
from hocvuso.catalogue.diagnostics import Diagnostic
from hocvuso.source.front_matter import front_matter_lines
from hocvuso.catalogue import messages
from hocvuso.source.yaml_reader import YamlProblem, compose

# ---- Rules ----

_REFUSED_ELEMENTS = {
    "script", "style", "link", "form", "meta", "base", "svg", "math",
    "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe",
}
# Followed when the learner taps them: only addresses that run code are refused.
_NAVIGATION_ATTRIBUTES = {"href", "xlink:href", "action", "formaction"}
# Fetched by the browser on its own: must be files of the site (relative addresses).
_RESOURCE_ATTRIBUTES = {"src", "srcset", "imagesrcset", "poster", "background", "lowsrc", "dynsrc", "ping", "manifest", "icon"}
_SCRIPT_SCHEMES = ("javascript", "vbscript")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_UNSAFE_STYLE = re.compile(r"url\s*\(|image-set|expression|@import|\\|javascript:|src\s*\(", re.IGNORECASE)
# Markdown's backslash escapes; browsers drop tabs and line breaks anywhere in an address,
# and leading spaces and control characters.
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_URL_IGNORED = re.compile(r"[\t\n\r]")
_LEADING_IGNORED = "".join(map(chr, range(33)))  # spaces and control characters


def _address(value: str, markdown: bool) -> str:
    if markdown:
        value = html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", value))
    value = _URL_IGNORED.sub("", value).lstrip(_LEADING_IGNORED)
    return value.replace("\\", "/").lower()  # browsers read "\\host" as "//host"


def _navigation_problem(url: str, markdown: bool = False) -> str | None:
    scheme = _SCHEME.match(_address(url, markdown))
    if scheme and scheme.group(1) in _SCRIPT_SCHEMES:
        return messages.script_address(url.strip())
    if scheme and scheme.group(1) == "data":
        return messages.data_address(url.strip())
    return None


def _resource_problem(url: str, markdown: bool = False) -> str | None:
    problem = _navigation_problem(url, markdown)
    if problem:
        return problem
    address = _address(url, markdown)
    if _SCHEME.match(address) or address.startswith("//"):
        return messages.remote_resource(url.strip())
    return None


def _attribute_problems(name: str, value: str | None, markdown: bool = False) -> list[str]:
    value = value or ""
    if name.startswith("on"):
        return [messages.event_attribute(name)] if value.strip() else []  # no value, no code
    if name == "style":
        return [messages.unsafe_style()] if _UNSAFE_STYLE.search(value) else []
    if name in _NAVIGATION_ATTRIBUTES:
        problem = _navigation_problem(value, markdown)
        return [problem] if problem else []
    if name in _RESOURCE_ATTRIBUTES:
        # srcset: "a.png 1x, b.png 2x"; a data: address's own comma only splits it harmlessly.
        candidates = value.split(",") if name.endswith("srcset") else [value]
        problems = [_resource_problem(candidate.split()[0], markdown) for candidate in candidates if candidate.strip()]
        return [problem for problem in dict.fromkeys(problems) if problem]
    return []


# A finding: (offset in the scanned text, text to look for in the source, message).
_Finding = tuple[int, str, str]


class _TagScanner(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
        self.findings: list[_Finding] = []

    def tag_offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        start = self.tag_offset()
        if tag in _REFUSED_ELEMENTS:
            self.findings.append((start, f"<{tag}", messages.refused_element(tag)))
            return  # one message for the element: its attributes go with it
        written = self.get_starttag_text() or ""
        for name, value in attrs:
            at = re.search(rf"(?<=[\s/\"']){re.escape(name)}(?=[\s=/>]|$)", written, re.IGNORECASE)
            offset = start + (at.start() if at else 0)
            for message in _attribute_problems(name, value):
                self.findings.append((offset, name, message))
            if value and "<" in value:
                # Markdown reads `<b title="<img ...>">` as two tags: look inside the value too.
                self.findings += [(offset, name, message) for _, _, message in _html_findings(value, report_unfinished=False)]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def _html_findings(text: str, report_unfinished: bool = True) -> list[_Finding]:
    scanner = _TagScanner(text)
    scanner.feed(text)
    leftover = scanner.rawdata  # what the parser keeps back: an unfinished tag at the end
    unfinished = report_unfinished and re.match(r"<([a-zA-Z][^\s/>]*)", leftover)
    if unfinished:
        scanner.findings.append((len(text) - len(leftover), unfinished.group(0), messages.unclosed_tag(unfinished.group(1).lower())))
    scanner.close()
    return scanner.findings


_LINK_TARGET = re.compile(r"\]\s*\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)")
_REFERENCE = re.compile(r"^[ \t]*\[([^\]\n]+)\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)
_IMAGE_REFERENCE = re.compile(r"!\[([^\]\n]*)\](?:[ \n]?\[([^\]\n]*)\])?")
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^}\n]+?)[ \t]*\}")


def _opening_bracket(text: str, closing: int) -> int:
    """Where the `[` matching the `]` at `closing` is, or -1."""
    depth = 0
    for index in range(closing, -1, -1):
        char = text[index]
        if index > 0 and text[index - 1] == "\\":
            continue
        if char == "]":
            depth += 1
        elif char == "[":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _label(text: str) -> str:
    return " ".join(text.lower().split())


def _link_findings(text: str) -> list[_Finding]:
    findings = []
    for match in _LINK_TARGET.finditer(text):
        url = match.group(1).strip("<>")
        if not url or text[match.start() - 1 : match.start()] == "\\":
            continue
        opening = _opening_bracket(text, match.start())
        is_image = opening > 0 and text[opening - 1] == "!"
        problem = _resource_problem(url, True) if is_image else _navigation_problem(url, True)
        if problem:
            findings.append((match.start(1), url, problem))
    if "]:" in text:
        images = {_label(found.group(2) or found.group(1)) for found in _IMAGE_REFERENCE.finditer(text)}
        for match in _REFERENCE.finditer(text):
            url = match.group(2).strip("<>")
            check = _resource_problem if _label(match.group(1)) in images else _navigation_problem
            problem = check(url, True)
            if problem:
                findings.append((match.start(2), url, problem))
    return findings


def _attr_list_findings(text: str) -> list[_Finding]:
    findings = []
    for match in _ATTR_LIST.finditer(text):
        attributes, _ = get_attrs_and_remainder(match.group(1))
        for name, value in attributes:
            for message in _attribute_problems(name.lower(), value, markdown=True):
                findings.append((match.start(), name, message))
    return findings


# As Python-Markdown reads them, within one paragraph (no blank line inside).
_CODE_SPAN = re.compile(r"(?<!\\)(`+)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.DOTALL)


def _neutralised(text: str) -> str:
    """The text with what cannot make markup blanked, keeping every offset: `<` and `>` inside
    code spans (shown as written), and `<!`, `<?` (comments and the like are read through)."""
    text = text.replace("<!", "  ").replace("<?", "  ")
    if "`" not in text:
        return text
    return _CODE_SPAN.sub(lambda span: span.group(0).replace("<", " ").replace(">", " "), text)


def _scan(text: str) -> list[_Finding]:
    """Every refused construct of one Markdown text, by offset."""
    text = _neutralised(text)
    findings = []
    if "<" in text:
        findings += _html_findings(text)
    if "]" in text:
        findings += _link_findings(text)
    if "{" in text:
        findings += _attr_list_findings(text)
    return sorted(set(findings))


def _position(text: str, offset: int) -> tuple[int, int]:
    """(0-based line, 0-based column) of an offset."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset), offset - line_start


def unsafe_markup(path: str, text: str, first_line: int = 1, blocks=None) -> list[Diagnostic]:
    """The refused markup of a Markdown page (or part of one starting at file line `first_line`).

    Its front matter holds plain text (escaped on output), fenced code blocks are shown as
    written; a quiz block's Markdown fields are read from its YAML (unsafe_quiz_markup).
    """
    lines = text.split("\n")
    skipped = set(range(front_matter_lines(text)))
    quizzes = []
    for block in fenced_blocks(text) if blocks is None else blocks:
        if not block.closed:
            continue  # not a fence for Markdown either: its lines are read as prose
        skipped.update(block.line_indexes)
        if block.language == QUIZ_LANGUAGE:
            quizzes.append(block)
    prose = "\n".join("" if index in skipped else line for index, line in enumerate(lines))
    problems = []
    for offset, _, message in _scan(prose):
        line, column = _position(prose, offset)
        problems.append(Diagnostic(path, first_line + line, column + 1, message))
    for block in quizzes:
        problems += unsafe_quiz_markup(path, block.body, first_line + block.body_first_line - 1, block.indent)
    return problems


# Quiz fields that are plain text (escaped on output) or not text at all; every other text
# of a quiz is Markdown (question, text, feedback, explanation, hint, steps, left...).
_PLAIN_QUIZ_KEYS = {"id", "type", "match", "answers", "right", "correct", "answer", "accept_without_accents"}
# A refused construct needs one of these in the YAML source (a backslash: an escape in a quoted
# text). Not `{`: the quiz renderer has no attr_list, and most quizzes hold {{ fact:id }}.
_MAYBE_UNSAFE = re.compile(r"<|\]\(|\]:|\\")


def unsafe_quiz_markup(path: str, source: str, first_line: int = 1, indent: int = 0) -> list[Diagnostic]:
    """The refused markup in a quiz's Markdown fields (a quiz block's YAML, or a bank in quizzes/).

    Fields are checked as YAML reads them (a quoted "\\x3cscript" is a <script> too); problems
    are placed where the construct is written, else at the start of its field.
    """
    if not _MAYBE_UNSAFE.search(source):
        return []
    try:
        # The one YAML reader: an alias (a block that contains itself) is refused before the walk below.
        root = compose(source)
    except YamlProblem:
        return []  # the quiz check reports it
    problems: list[Diagnostic] = []

    def place(node: yaml.Node, needle: str, searched_from: dict) -> tuple[int, int]:
        start, end = node.start_mark.index, node.end_mark.index
        found = source.lower().find(needle.lower(), searched_from.get(needle, start), end) if needle else -1
        if found >= 0:
            searched_from[needle] = found + 1
        line, column = _position(source, found if found >= 0 else start)
        return first_line + line, indent + column + 1

    def walk(node: yaml.Node, key: str | None) -> None:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                walk(value_node, str(key_node.value))
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item, key)
        elif isinstance(node, yaml.ScalarNode) and key not in _PLAIN_QUIZ_KEYS and node.tag.endswith(":str"):
            searched_from: dict = {}
            for _, needle, message in _scan(node.value):
                line, column = place(node, needle, searched_from)
                problems.append(Diagnostic(path, line, column, message))

    if root is not None:
        walk(root, None)
    return problems
