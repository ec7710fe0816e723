"""The course's plain-language rules (style.yml), checked the way Vale checks docs.

Four kinds of rule, declared in style.yml (a province extends them in style.local.yml):
- `spelling`: one tone-mark style course-wide ("hoà, khoẻ, thuỷ" or "hòa, khỏe, thủy");
- `avoid`: words or phrases not to use, each with its reason and what to write instead,
  optionally only in the question of a multiple-answer question;
- `long_sentence`: sentences of lesson prose and of the glossary over N syllables;
- `glossary_link`: a glossary term a lesson uses without linking it on its first use.
Each has a severity: "error" fails the check and the strict build, "notice" is shown and
fails nothing, "off" turns it off. A writer marks a deliberate exception on the line itself
(or alone on the line before): `<!-- cho-phep: cau-dai -->` in Markdown, `# cho-phep: cau-dai`
in YAML. A project without style.yml has no style rules.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field, replace

import yaml

from hocvuso.catalogue import messages
from hocvuso.catalogue.diagnostics import ERROR, NOTICE, Diagnostic
# Code spans and placeholders as facts.py reads them, links as links.py does.
from hocvuso.course.facts import INLINE_CODE, PLACEHOLDER
from .links import LINK
from hocvuso.catalogue.question_types import MULTIPLE
from hocvuso.text.normalise import nfc
from hocvuso.source.files import read_yaml_values

SPELLING, LONG_SENTENCE, GLOSSARY_LINK = "chinh-ta", "cau-dai", "tu-dien"
OFF = "off"
SEVERITIES = {"error": ERROR, "notice": NOTICE, OFF: OFF}
NEW_TONES, OLD_TONES = "moi", "cu"  # tone mark on the main vowel (hoà) or on the first (hòa)


@dataclass(frozen=True)
class AvoidRule:
    id: str
    words: tuple[str, ...]
    reason: str
    instead: str
    severity: str = ERROR
    only_in: str | None = None  # "multiple": only in a multiple-answer question's question


@dataclass(frozen=True)
class StyleRules:
    tones: str | None = None  # NEW_TONES, OLD_TONES, or None: no spelling rule
    spelling_severity: str = ERROR
    avoid: tuple[AvoidRule, ...] = ()
    max_syllables: int = 25
    long_sentence_severity: str = OFF
    glossary_link_severity: str = OFF
    # Phrases holding a glossary term that are not its use: "tin giả" in "nhắn tin giả làm người thân".
    glossary_ignore: tuple[str, ...] = ()

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return (SPELLING, LONG_SENTENCE, GLOSSARY_LINK, *(rule.id for rule in self.avoid))


# ---- Reading style.yml ------------------------------------------------------------------------

def read_style(files: list[tuple[str, str]]) -> tuple[StyleRules, list[Diagnostic]]:
    """The rules of style.yml, then of style.local.yml over them: (shown path, text) in that order.
    A later file's scalars replace earlier ones; an `avoid` rule replaces the earlier one of its id."""
    rules, problems = StyleRules(), []
    for path, text in files:
        root, values, wrong = read_yaml_values(text, path, messages.style_syntax)
        if wrong:
            problems += wrong
            continue
        if values is None:
            continue
        if not isinstance(values, dict):
            problems.append(Diagnostic(path, 1, 1, messages.style_shape("tệp", _EXAMPLE)))
            continue
        rules = _merge(rules, values, path, text, problems, _avoid_lines(root))
    return rules, problems


_EXAMPLE = "spelling:\n  tones: moi\navoid:\n  - id: quan-huyen\n    words: [quận, huyện]\n    reason: ...\n    instead: ..."
_SECTIONS = ("spelling", "avoid", "long_sentence", "glossary_link")


def _avoid_lines(root) -> list[int]:
    """The 1-based line of each rule under `avoid:`."""
    for key, value in root.value if isinstance(root, yaml.MappingNode) else []:
        if key.value == "avoid" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _merge(rules: StyleRules, values: dict, path: str, text: str, problems: list[Diagnostic], avoid_lines: list[int]) -> StyleRules:
    lines = text.split("\n")

    def line_of(key: str) -> int:
        pattern = re.compile(rf"^\s*-?\s*{re.escape(key)}\s*:")
        return next((number for number, line in enumerate(lines, 1) if pattern.match(line)), 1)

    def problem(key: str, what: str, example: str) -> None:
        problems.append(Diagnostic(path, line_of(key), 1, messages.style_shape(what, example)))

    def severity(section: dict, key: str, default: str) -> str:
        written = section.get("severity", None)
        if written is None:
            return default
        if written not in SEVERITIES:
            problem(key, f"`{key}.severity`", "severity: error   # hoặc notice, off")
            return default
        return SEVERITIES[written]

    for key in values:
        if key not in _SECTIONS:
            problems.append(Diagnostic(path, line_of(str(key)), 1, messages.unknown_key(str(key), None, list(_SECTIONS))))
    spelling = values.get("spelling")
    if spelling is not None:
        if not isinstance(spelling, dict) or spelling.get("tones", rules.tones) not in (NEW_TONES, OLD_TONES, None):
            problem("spelling", "`spelling`", "spelling:\n  tones: moi   # moi: hoà, khoẻ, thuỷ; cu: hòa, khỏe, thủy")
        else:
            rules = replace(rules, tones=spelling.get("tones", rules.tones),
                            spelling_severity=severity(spelling, "spelling", rules.spelling_severity))
    long_sentence = values.get("long_sentence")
    if long_sentence is not None:
        limit = long_sentence.get("max_syllables", rules.max_syllables) if isinstance(long_sentence, dict) else None
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 5:
            problem("long_sentence", "`long_sentence`", "long_sentence:\n  max_syllables: 25\n  severity: notice")
        else:
            rules = replace(rules, max_syllables=limit,
                            long_sentence_severity=severity(long_sentence, "long_sentence", NOTICE))
    glossary_link = values.get("glossary_link")
    if glossary_link is not None:
        ignore = glossary_link.get("ignore", []) if isinstance(glossary_link, dict) else None
        if not isinstance(ignore, list) or not all(isinstance(phrase, str) and phrase.strip() for phrase in ignore):
            problem("glossary_link", "`glossary_link`", _GLOSSARY_LINK_EXAMPLE)
        else:
            # A fork's style.local.yml adds phrases to the course's.
            phrases = tuple(dict.fromkeys([*rules.glossary_ignore, *(" ".join(phrase.split()) for phrase in ignore)]))
            rules = replace(rules, glossary_link_severity=severity(glossary_link, "glossary_link", NOTICE),
                            glossary_ignore=phrases)
    avoid = values.get("avoid")
    if avoid is not None:
        by_id = {rule.id: rule for rule in rules.avoid}
        for number, entry in enumerate(avoid if isinstance(avoid, list) else [avoid]):
            rule = _avoid_rule(entry)
            if rule is None:
                line = avoid_lines[number] if number < len(avoid_lines) else line_of("avoid")
                problems.append(Diagnostic(path, line, 1, messages.style_shape("quy tắc trong `avoid`", _AVOID_EXAMPLE)))
                continue
            by_id[rule.id] = rule
        rules = replace(rules, avoid=tuple(by_id.values()))
    return rules


_GLOSSARY_LINK_EXAMPLE = "glossary_link:\n  severity: notice\n  ignore: [tin giả làm, tin giả danh]"
_AVOID_EXAMPLE = ("- id: quan-huyen\n  words: [quận, huyện]\n  reason: Từ 1/7/2025 không còn cấp huyện.\n"
                  "  instead: xã, phường\n  severity: error   # hoặc notice, off")
_RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _avoid_rule(entry) -> AvoidRule | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not _RULE_ID.match(entry["id"]):
        return None
    words = entry.get("words")
    words = [words] if isinstance(words, str) else words
    texts = [entry.get("reason"), entry.get("instead", "")]
    if (not isinstance(words, list) or not words or not all(isinstance(word, str) and word.strip() for word in words)
            or not all(isinstance(text, str) for text in texts) or not texts[0].strip()
            or entry.get("severity", "error") not in SEVERITIES or entry.get("only_in") not in (None, MULTIPLE)
            or set(entry) - {"id", "words", "reason", "instead", "severity", "only_in"}):
        return None
    return AvoidRule(entry["id"], tuple(nfc(word.strip()) for word in words), nfc(texts[0].strip()), nfc(texts[1].strip()),
                     SEVERITIES[entry.get("severity", "error")], entry.get("only_in"))


# ---- Tone-mark style ---------------------------------------------------------------------------

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_WORD = re.compile(r"[^\W\d_]+")
# A syllable ending in oa, oe or uy (no final consonant): where the two styles differ.
_OLD_FORM = re.compile(rf"([oO])([{_TONE_MARKS}])([aAeE])$|([uU])([{_TONE_MARKS}])([yY])$")
_NEW_FORM = re.compile(rf"([oO])([aAeE])([{_TONE_MARKS}])$|([uU])([yY])([{_TONE_MARKS}])$")


def other_tone_style(word: str, tones: str) -> str | None:
    """The word in the course's tone style, when it is written in the other one: "hòa" -> "hoà"
    for NEW_TONES. "qu" + y is a consonant and a vowel ("quý"), not the pair, so it is left alone."""
    decomposed = unicodedata.normalize("NFD", word)
    pattern = _OLD_FORM if tones == NEW_TONES else _NEW_FORM
    match = pattern.search(decomposed)
    if not match:
        return None
    groups = match.groups()
    first, second, third = (groups[0:3] if groups[0] else groups[3:6])
    if first in "uU" and decomposed[: match.start()].lower().endswith("q"):
        return None
    # Swap the last two: "o" + tone + "a" <-> "o" + "a" + tone.
    return unicodedata.normalize("NFC", decomposed[: match.start()] + first + third + second)


# ---- Where the writer's text is ----------------------------------------------------------------

_MARKER = re.compile(r"(?:<!--\s*|#\s*)cho-phep\s*:\s*([a-z0-9 ,-]+?)\s*(?:-->|$)")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_ATTRIBUTES = re.compile(r"\{[:.#][^}]*\}")
_YAML_COMMENT = re.compile(r"(?:^|\s)#.*$")


@dataclass
class Exceptions:
    """The rule ids a writer allowed on each line (1-based), and markers naming no rule."""

    allowed: dict[int, set[str]] = field(default_factory=dict)
    unknown: list[tuple[int, int, str]] = field(default_factory=list)

    def allows(self, line: int, rule_id: str) -> bool:
        return rule_id in self.allowed.get(line, ())


def read_exceptions(lines: list[str], known: tuple[str, ...]) -> Exceptions:
    """A marker applies to its own line; alone on a line, to the next line that is not blank."""
    exceptions = Exceptions()
    pending: set[str] = set()
    for number, line in enumerate(lines, 1):
        match = _MARKER.search(line)
        ids: set[str] = set()
        if match:
            for rule_id in (part.strip() for part in match.group(1).split(",")):
                if rule_id in known:
                    ids.add(rule_id)
                elif rule_id:
                    exceptions.unknown.append((number, match.start(1) + 1, rule_id))
        alone = bool(match) and not line[: match.start()].strip(" \t-#<!") and line[match.end():].strip() in ("", "-->")
        if alone:
            pending |= ids
            continue
        if line.strip():
            exceptions.allowed[number] = ids | pending
            pending = set()
    return exceptions


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _masked_markdown_line(line: str) -> str:
    """The line with what is not prose blanked out (same length, so columns stay right):
    code spans, placeholders, link targets, tags, comments and attribute lists."""
    line = _HTML_COMMENT.sub(lambda m: _blank(m.group()), line)
    line = INLINE_CODE.sub(lambda m: _blank(m.group()), line)
    line = PLACEHOLDER.sub(lambda m: _blank(m.group()), line)
    line = LINK.sub(lambda m: " " * (len(m.group(1)) + 1) + m.group(2) + " " * (len(m.group()) - len(m.group(2)) - len(m.group(1)) - 1), line)
    line = _TAG.sub(lambda m: _blank(m.group()), line)
    return _ATTRIBUTES.sub(lambda m: _blank(m.group()), line)


def _masked_yaml_line(line: str) -> str:
    return PLACEHOLDER.sub(lambda m: _blank(m.group()), _YAML_COMMENT.sub(lambda m: _blank(m.group()), line))


def _comment_lines(text: str) -> set[int]:
    """1-based lines inside an HTML comment that spans lines."""
    inside = set()
    for match in _HTML_COMMENT.finditer(text):
        first = text.count("\n", 0, match.start()) + 1
        last = text.count("\n", 0, match.end()) + 1
        if last > first:
            inside.update(range(first, last + 1))
    return inside


# ---- Prose units (paragraphs, list items, headings) ---------------------------------------------

@dataclass
class Unit:
    """A block of prose as a reader sees it, and where each of its characters was written."""

    text: str
    pieces: list[tuple[int, int, int]]  # (offset in text, line, column), 1-based, where each line's part starts
    heading: bool
    links: list[tuple[int, int, str]]  # (start, end, target) of each link's text in `text`

    def place(self, offset: int) -> tuple[int, int]:
        start, line, column = self.pieces[bisect.bisect_right(self.pieces, (offset, 1 << 30, 0)) - 1]
        return line, column + offset - start


_BLOCK_START = re.compile(r"^(?P<indent>\s*)(?P<marker>#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*|(?:!!!|\?\?\?\+?)\s*\S+\s*)?")
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*\S+(?:\s+\"(?P<title>[^\"]*)\")?\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")


def prose_units(text: str, skipped: set[int]) -> list[Unit]:
    """The prose of a Markdown page, outside `skipped` lines (front matter, fenced blocks)."""
    units: list[Unit] = []
    current: Unit | None = None

    def close() -> None:
        nonlocal current
        if current is not None and current.text.strip():
            units.append(current)
        current = None

    def add(number: int, column: int, raw: str, masked: str, heading: bool, new: bool) -> None:
        nonlocal current
        if new:
            close()
        if current is None:
            current = Unit("", [], heading, [])
        elif current.text:
            current.text += " "
        start = len(current.text)
        current.pieces.append((start, number, column))
        for match in LINK.finditer(raw):
            if not match.group(1):  # links, not images
                text_start = start + match.start() + 1
                current.links.append((text_start, text_start + len(match.group(2)), match.group(3)))
        current.text += masked

    comments = _comment_lines(text)
    for number, line in enumerate(text.split("\n"), 1):
        if number in skipped or number in comments or not line.strip():
            close()
            continue
        admonition = _ADMONITION.match(line)
        if admonition:
            title = admonition.group("title")
            if title:
                column = line.index('"') + 2
                add(number, column, title, _masked_markdown_line(title), True, True)
                close()
            else:
                close()
            continue
        if line.lstrip().startswith("|"):
            if _TABLE_RULE.match(line):
                continue
            for cell in re.finditer(r"[^|]+", line):
                add(number, cell.start() + 1, cell.group(), _masked_markdown_line(cell.group()), False, True)
            close()
            continue
        if re.match(r"^\s*!\[[^\]]*\]\([^)]*\)\s*(\{[^}]*\})?\s*$", line):  # an image alone: its alt text is no sentence
            close()
            continue
        start = _BLOCK_START.match(line)
        marker = start.group("marker") or ""
        body_start = start.end()
        body = line[body_start:]
        heading = marker.startswith("#")
        add(number, body_start + 1, body, _masked_markdown_line(body), heading, bool(marker) or heading)
        if heading:
            close()
    close()
    return units


# ---- Sentences ---------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…]+[\"”»)']*(?=\s|$)")


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of each sentence of a block of prose."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        found.append((start, text[start : match.end()]))
        start = match.end()
    found.append((start, text[start:]))
    result = []
    for offset, sentence in found:
        stripped = sentence.lstrip()
        if stripped.strip():
            result.append((offset + len(sentence) - len(stripped), stripped.rstrip()))
    return result


def syllables(sentence: str) -> int:
    return len(re.findall(r"\S*[^\W_]\S*", sentence))


# ---- The checks --------------------------------------------------------------------------------

@dataclass(frozen=True)
class StyleFile:
    """One file a writer wrote, as the style check reads it."""

    path: str  # as messages name it
    text: str  # NFC
    markdown: bool  # a page (True) or a YAML file: a quiz bank, the glossary
    skipped: frozenset[int] = frozenset()  # 1-based lines that are not prose (front matter, code, quizzes)
    yaml_lines: frozenset[int] = frozenset()  # 1-based lines of a page that are YAML (its quiz blocks)
    glossary_from: str | None = None  # a lesson: the link to the glossary page from it ("../tu-dien.md")
    questions: tuple = ()  # (type, prompt, first line) of its quiz questions


class _Words:
    """Words to find, as one compiled pattern: (column, text as written, word) of each use."""

    def __init__(self, words) -> None:
        self.words = {word.casefold(): word for word in words}
        alternatives = "|".join(re.escape(word) for word in sorted(self.words, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if self.words else None

    def spans(self, line: str):
        if self.pattern is None:
            return
        lowered = line.casefold()  # Vietnamese letters keep their length when case-folded
        for match in self.pattern.finditer(lowered):
            yield match.start(), line[match.start() : match.end()], self.words[match.group()]


# A syllable that may be in the other tone style (a cheap test before other_tone_style).
_TONE_CANDIDATE = {
    NEW_TONES: re.compile(r"(?:[òóỏõọ][ae]|(?<!q)[ùúủũụ]y)(?!\w)", re.IGNORECASE),
    OLD_TONES: re.compile(r"(?:o[àáảãạèéẻẽẹ]|(?<!q)u[ỳýỷỹỵ])(?!\w)", re.IGNORECASE),
}


class StyleChecker:
    """The rules made ready once (patterns compiled) for every file of one check or build."""

    def __init__(self, rules: StyleRules, glossary_terms=()) -> None:
        self.rules = rules
        everywhere = [rule for rule in rules.avoid if rule.only_in is None and rule.severity != OFF]
        # One pattern for all of them: each line is searched once.
        self.everywhere = _Words(word for rule in everywhere for word in rule.words)
        self.rule_of = {word.casefold(): rule for rule in everywhere for word in rule.words}
        self.in_questions = [(rule, _Words(rule.words)) for rule in rules.avoid if rule.only_in and rule.severity != OFF]
        self.glossary = _glossary_patterns(glossary_terms, rules.glossary_ignore)

    def check(self, file: StyleFile) -> list[Diagnostic]:
        rules = self.rules
        lines = file.text.split("\n")
        exceptions = read_exceptions(lines, rules.rule_ids)
        problems = [Diagnostic(file.path, line, column, messages.unknown_style_rule(rule_id, rules.rule_ids))
                    for line, column, rule_id in exceptions.unknown]

        def report(line: int, column: int, rule_id: str, severity: str, message: str) -> None:
            if severity != OFF and not exceptions.allows(line, rule_id):
                problems.append(Diagnostic(file.path, line, column, message, severity))

        tones = _TONE_CANDIDATE.get(rules.tones) if rules.spelling_severity != OFF else None
        comments = _comment_lines(file.text) if file.markdown else set()
        for number, line in enumerate(lines, 1):
            if number in comments or not line.strip():
                continue
            yaml_line = not file.markdown or number in file.yaml_lines
            masked = _masked_yaml_line(line) if yaml_line else _masked_markdown_line(line)
            if tones is not None and tones.search(masked):
                for match in _WORD.finditer(masked):
                    wanted = other_tone_style(match.group(), rules.tones)
                    if wanted:
                        report(number, match.start() + 1, SPELLING, rules.spelling_severity,
                               messages.tone_style(match.group(), wanted, rules.tones == NEW_TONES))
            for column, found, word in self.everywhere.spans(masked):
                rule = self.rule_of[word.casefold()]
                report(number, column + 1, rule.id, rule.severity, messages.avoided_word(found, rule.id, rule.reason, rule.instead))
        for question_type, prompt, first_line in file.questions:
            for rule, words in self.in_questions:
                if rule.only_in != question_type:
                    continue
                for _, found, _ in words.spans(prompt):
                    line, column = _locate(lines, first_line, found)
                    report(line, column, rule.id, rule.severity, messages.avoided_word(found, rule.id, rule.reason, rule.instead))
        wants_glossary = bool(file.glossary_from) and rules.glossary_link_severity != OFF
        if file.markdown and (rules.long_sentence_severity != OFF or wants_glossary):
            units = prose_units(file.text, set(file.skipped))
            if rules.long_sentence_severity != OFF:
                for unit in units:
                    for offset, sentence in sentences(unit.text):
                        count = syllables(sentence)
                        if count > rules.max_syllables:
                            line, column = unit.place(offset)
                            report(line, column, LONG_SENTENCE, rules.long_sentence_severity,
                                   messages.long_sentence(count, rules.max_syllables))
            if wants_glossary:
                for line, column, term, anchor in _unlinked(units, self.glossary):
                    report(line, column, GLOSSARY_LINK, rules.glossary_link_severity,
                           messages.glossary_not_linked(term, f"{file.glossary_from}#{anchor}"))
        return sorted(problems, key=Diagnostic.sort_key)


def check_file(file: StyleFile, rules: StyleRules, glossary_terms=()) -> list[Diagnostic]:
    """Every style problem of one file. `glossary_terms`: (term, anchor) of the glossary."""
    return StyleChecker(rules, glossary_terms).check(file)


def check_definitions(path: str, text: str, definitions: list[tuple[str, int]], rules: StyleRules) -> list[Diagnostic]:
    """Long sentences in the glossary's definitions: (definition, line of its entry)."""
    if rules.long_sentence_severity == OFF:
        return []
    lines = text.split("\n")
    exceptions = read_exceptions(lines, rules.rule_ids)
    problems = []
    for definition, first_line in definitions:
        for _, sentence in sentences(" ".join(definition.split())):
            count = syllables(sentence)
            if count > rules.max_syllables:
                line, column = _locate(lines, first_line, " ".join(sentence.split()[:3]))
                if not exceptions.allows(line, LONG_SENTENCE):
                    problems.append(Diagnostic(path, line, column, messages.long_sentence(count, rules.max_syllables),
                                               rules.long_sentence_severity))
    return problems


def _locate(lines: list[str], first_line: int, found: str) -> tuple[int, int]:
    """Where `found` is written, searching from `first_line` on (1-based line and column)."""
    wanted = found.casefold()
    for number in range(max(first_line, 1), min(first_line + 40, len(lines)) + 1):
        column = lines[number - 1].casefold().find(wanted)
        if column >= 0:
            return number, column + 1
    return first_line, 1


def _glossary_patterns(terms, ignore=()) -> tuple[re.Pattern | None, dict[str, tuple[str, str] | None]]:
    """One pattern for every term, longest first: at each place the longest term wins, so a
    use inside a longer term's ("ứng dụng" in "kho ứng dụng") is that term's, not its own.
    The phrases to ignore are in it too, as None: "tin giả làm" is longer than "tin giả", so it wins."""
    by_text: dict[str, tuple[str, str] | None] = {term.casefold(): (term, anchor) for term, anchor in terms}
    if not by_text:
        return None, by_text
    for phrase in ignore:
        by_text.setdefault(phrase.casefold(), None)
    alternatives = "|".join(re.escape(text) for text in sorted(by_text, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), by_text


def unlinked_glossary_terms(units: list[Unit], terms, ignore=()) -> list[tuple[int, int, str, str]]:
    """(line, column, term, anchor) of each glossary term whose first use in the page's prose
    (headings and the text of links to other pages aside) is not inside a link to a glossary entry."""
    return _unlinked(units, _glossary_patterns(terms, ignore))


def _unlinked(units: list[Unit], patterns) -> list[tuple[int, int, str, str]]:
    pattern, by_text = patterns
    if pattern is None:
        return []
    seen, found = set(), []
    for unit in units:
        if unit.heading:
            continue
        for match in pattern.finditer(unit.text.casefold()):
            if by_text[match.group()] is None:
                continue  # a phrase to ignore
            term, anchor = by_text[match.group()]
            if term in seen:
                continue
            start, end = match.span()
            targets = [target for link_start, link_end, target in unit.links if start >= link_start and end <= link_end]
            if targets and not any(_glossary_anchor(target) for target in targets):
                continue  # the title of another lesson in a link to it: not where the term is used
            seen.add(term)
            # Inside a link to a glossary entry: linked (to another entry's: a nested link is impossible).
            if not targets:
                line, column = unit.place(start)
                found.append((line, column, unit.text[start:end], anchor))
    return sorted(found)


def _glossary_anchor(target: str) -> str | None:
    path, _, anchor = target.partition("#")
    return anchor if path.rsplit("/", 1)[-1] == "tu-dien.md" and anchor else None
