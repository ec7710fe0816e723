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

Here: the checker. The rules are read in course/style_rules.py, the prose found in source/prose.py,
glossary terms matched in check/glossary_links.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from hocvuso.catalogue import messages
from hocvuso.catalogue.diagnostics import Diagnostic
# The rules as style.yml declares them, read in course/style_rules.py.
from hocvuso.course.style_rules import GLOSSARY_LINK, LONG_SENTENCE, NEW_TONES, OFF, OLD_TONES, SPELLING, StyleRules
from hocvuso.source.prose import comment_lines, masked_markdown_line, masked_yaml_line, prose_units, sentences, syllables

from .glossary_links import glossary_patterns, unlinked

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


# ---- Exceptions a writer marks ----------------------------------------------------------------

_MARKER = re.compile(r"(?:<!--\s*|#\s*)cho-phep\s*:\s*([a-z0-9 ,-]+?)\s*(?:-->|$)")


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
        self.glossary = glossary_patterns(glossary_terms, rules.glossary_ignore)

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
        comments = comment_lines(file.text) if file.markdown else set()
        for number, line in enumerate(lines, 1):
            if number in comments or not line.strip():
                continue
            yaml_line = not file.markdown or number in file.yaml_lines
            masked = masked_yaml_line(line) if yaml_line else masked_markdown_line(line)
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
                for line, column, term, anchor in unlinked(units, self.glossary):
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
