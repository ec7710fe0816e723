"""Checks one content file (a page or a quiz bank): the rules shared by `hocvuso check` and the site build.

The whole course is read once by hocvuso.site.reading.read_course, which calls these; facts inside
quizzes are resolved after the checks (facts.resolve_quiz_facts), so a report holds quizzes as written."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hocvuso.catalogue import messages
from hocvuso.source.blocks import QUIZ_LANGUAGE, VIDEO_LANGUAGE, FencedBlock, fenced_blocks
from hocvuso.catalogue.diagnostics import WARNING, Diagnostic
from hocvuso.course.facts import FactRegistry, prose_lines
from hocvuso.course.fields import COMPETENCE_PROMPT
from hocvuso.source.front_matter import FrontMatter, front_matter_lines, read_front_matter
from hocvuso.source.placeholders import broken_placeholders, placeholders
from hocvuso.course.lesson_rules import check_front_matter
from hocvuso.course.structure import LESSON, MODULE
from .markup_safety import unsafe_markup, unsafe_quiz_markup
from .video import PageMedia
from hocvuso.quiz.model import Quiz
from hocvuso.quiz.parsing import parse_quiz
from hocvuso.course.template_text import template_lines
from hocvuso.text.normalise import nfc, non_nfc_spots
from hocvuso.quiz.validation import validate_quiz


@dataclass
class CheckedQuiz:
    body: str  # the fence body, as the fence renderer will receive it
    quiz: Quiz | None
    diagnostics: list[Diagnostic]
    opener_line: int = 0  # the ```quiz line in the file (0 for a bank)
    indent: int = 0  # columns before the fence (inside admonitions, tabs, lists)
    closed: bool = True  # an unclosed fence is reported as such, not again as shown as code


@dataclass
class PageReport:
    path: str
    text: str  # the content normalised to NFC, ready to build
    diagnostics: list[Diagnostic] = field(default_factory=list)
    quizzes: list[CheckedQuiz] = field(default_factory=list)
    meta: FrontMatter = field(default_factory=FrontMatter)
    facts_used: list[str] = field(default_factory=list)
    blocks: tuple[FencedBlock, ...] = ()  # every fenced block of `text`, read once for all the rules
    # From this line on, what the rendering finds (quizzes shown as code, unchecked) follows from a
    # quiz not indented into its box, already reported: held until that is fixed (0: nothing held).
    held_from: int = 0
    # The page's ```video blocks and narration checked against their files (check/video.py; the
    # reading adds them: they need the course's folder and settings).
    media: PageMedia = field(default_factory=PageMedia)


@dataclass
class PageContext:
    """What the course knows about a page: its kind (lesson_rules.page_kind) and the facts registry."""

    kind: str | None = None
    registry: FactRegistry | None = None


def check_quiz_source(source: str, path: str, first_line: int = 1, indent: int = 0) -> CheckedQuiz:
    result = parse_quiz(source, path, first_line, indent)
    problems = list(result.diagnostics)
    if result.quiz is not None:
        problems += validate_quiz(result.quiz, path)
    problems.sort(key=Diagnostic.sort_key)
    return CheckedQuiz(source, None if problems else result.quiz, problems)


def _nfc_warnings(path: str, text: str) -> list[Diagnostic]:
    return [Diagnostic(path, spot.line, spot.column, messages.not_nfc(spot.snippet), WARNING) for spot in non_nfc_spots(text)]


def check_page(path: str, source: str, context: PageContext | None = None) -> PageReport:
    """Check one Markdown page; `path` is how messages name the file."""
    context = context or PageContext()
    report = PageReport(path, nfc(source), _nfc_warnings(path, source))
    report.meta, problems = read_front_matter(report.text, path)
    report.diagnostics += problems
    if context.kind and not problems:
        report.diagnostics += check_front_matter(report.meta, context.kind, path)
    report.blocks = fenced_blocks(report.text)
    lines = report.text.split("\n")
    for block in report.blocks:
        if block.language == VIDEO_LANGUAGE:
            if not block.closed:
                report.diagnostics.append(Diagnostic(path, block.opener_line, block.indent + 1, messages.unclosed_code_block()))
            continue
        if block.language != QUIZ_LANGUAGE:
            if QUIZ_LANGUAGE in block.language.lower():  # ```Quiz, ~~~```quiz: meant as a quiz, shown as code
                report.diagnostics.append(Diagnostic(path, block.opener_line, block.indent + 1, messages.fence_language_case(block.language)))
            elif not block.language:
                report.diagnostics += _quizzes_swallowed(path, block)
            if not block.closed:  # the rest of the page would be shown as code
                report.diagnostics.append(Diagnostic(path, block.opener_line, block.indent + 1, messages.unclosed_code_block()))
            continue
        boxed = _quiz_outside_its_box(path, lines, block)
        if boxed:
            # The reading of the block and of the page below it would be wrong: say only this.
            report.quizzes.append(CheckedQuiz(block.body, None, [boxed], block.opener_line, block.indent, block.closed))
            report.diagnostics.append(boxed)
            report.held_from = report.held_from or block.opener_line
            continue
        if not block.closed:
            report.diagnostics.append(Diagnostic(path, block.opener_line, block.indent + 1, messages.unclosed_fence()))
        checked = check_quiz_source(block.body, path, block.body_first_line, block.indent)
        checked.opener_line, checked.indent, checked.closed = block.opener_line, block.indent, block.closed
        report.quizzes.append(checked)
        report.diagnostics += checked.diagnostics
    report.diagnostics += _quiz_text_outside_blocks(path, report)
    if context.kind == LESSON:
        report.diagnostics += _quick_quiz_after_review(path, report.quizzes)
    if context.kind in (LESSON, MODULE):
        left = template_lines(report.text)
        if left:
            codes = COMPETENCE_PROMPT in report.text
            report.diagnostics.append(Diagnostic(path, left[0], 1, messages.template_text_left(left, codes)))
    if context.kind == LESSON and not report.quizzes:
        lines = report.text.split("\n")
        title_line = next((index + 1 for index, line in enumerate(lines) if line.startswith("# ")), report.meta.end_line + 1)
        report.diagnostics.append(Diagnostic(path, title_line, 1, messages.no_quiz()))
    if context.registry is not None:
        _check_facts(report, context)
    report.diagnostics += unsafe_markup(path, report.text, blocks=report.blocks)
    return report


def _quick_quiz_after_review(path: str, quizzes: list[CheckedQuiz]) -> list[Diagnostic]:
    """A lesson is done when its last quiz block is passed (progress.py). A quiz in a box (a "Thử
    nhanh" question) after a quiz on its own would silently become the lesson's review quiz."""
    if len(quizzes) < 2 or quizzes[-1].indent == 0:
        return []
    review = next((checked for checked in reversed(quizzes[:-1]) if checked.indent == 0), None)
    if review is None:
        return []
    last = quizzes[-1]
    return [Diagnostic(path, last.opener_line, last.indent + 1, messages.quick_quiz_after_review(review.opener_line))]


_QUIZ_OPENER = re.compile(r"^[ \t]*(?:`{3,}|~{3,})[ \t]*quiz[ \t]*$")
# A "Thử nhanh" box and the like: `!!! question "Thử nhanh"`, `??? note`, `???+ tip`.
_BOX = re.compile(r"^(?P<indent> *)(?:!!!|\?\?\?\+?)[ \t]+\S")
BOX_INDENT = 4  # a box's content is indented this much past its !!! line


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _quiz_outside_its_box(path: str, lines: list[str], block: FencedBlock) -> Diagnostic | None:
    """A quiz right under an empty box (`!!! question "Thử nhanh"`) is meant to be inside it;
    every line of it must then be indented 4 spaces past the !!! line. Otherwise the box is shown
    empty and the quiz below it, or the fence runs on and shows quizzes as code (answers included)."""
    above = block.opener_line - 2
    while above >= 0 and not lines[above].strip():
        above -= 1
    box = _BOX.match(lines[above]) if above >= 0 else None
    if not box:
        return None
    wanted = len(box.group("indent")) + BOX_INDENT
    opener = _indent(lines[block.opener_line - 1])
    last = block.body_last_line  # 1-based; the closing line follows
    body = [number for number in range(block.opener_line + 1, last + 1) if lines[number - 1].strip()]
    inside = max(wanted, opener)  # where the body must start once the opener is in the box
    opener_short = wanted - opener
    body_short = inside - min((_indent(lines[number - 1]) for number in body), default=inside)
    closer_short = inside - _indent(lines[last]) if block.closed else 0
    if max(opener_short, body_short, closer_short) <= 0:
        return None
    if opener_short > 0 and (body_short == opener_short or not body) and (closer_short == opener_short or not block.closed):
        fix = messages.indent_whole_block(opener_short)
    elif opener_short > 0 and body_short <= 0 and closer_short <= 0:
        fix = messages.indent_opener(block.opener_line, opener_short)
    elif opener_short <= 0 and body_short > 0 and body:
        fix = messages.indent_lines(body[0], body[-1], body_short)
    elif opener_short <= 0 and body_short <= 0:
        fix = messages.indent_closer(last + 1, closer_short)
    else:
        fix = None
    return Diagnostic(path, block.opener_line, 1,
                      messages.quiz_outside_its_box(above + 1, lines[above].strip(), BOX_INDENT, fix))


def _quizzes_swallowed(path: str, block) -> list[Diagnostic]:
    """A ``` line with no language (often a stray closing line) opens a code block: a quiz
    inside it would be shown as code, answers included. Examples of quizzes in the guide are
    written inside ````markdown, which names its language."""
    for offset, line in enumerate(block.body.split("\n"), start=1):
        if _QUIZ_OPENER.match(line):
            return [Diagnostic(path, block.opener_line, block.indent + 1, messages.stray_fence(block.opener_line + offset))]
    return []


# A quiz's answer lines, which must never reach the page as text.
_QUIZ_ANSWER_LINE = re.compile(r"^[ \t]*(?:-[ \t]+)?(?:correct[ \t]*:[ \t]*(?:true|false)|(?:options|questions)[ \t]*:)[ \t]*$")


def _quiz_text_outside_blocks(path: str, report: PageReport) -> list[Diagnostic]:
    """Quiz YAML outside any fenced block (its ```quiz line mistyped or lost) is shown as
    prose, answers included."""
    start = front_matter_lines(report.text)
    inside = set()
    for block in report.blocks:
        inside.update(block.line_indexes)
    for index, line in enumerate(report.text.split("\n")):
        if index >= start and index not in inside and _QUIZ_ANSWER_LINE.match(line):
            return [Diagnostic(path, index + 1, 1, messages.quiz_text_outside_block())]
    return []


def _check_facts(report: PageReport, context: PageContext) -> None:
    registry, path = context.registry, report.path
    sources = report.meta.values.get("sources") if context.kind == LESSON else None
    declared = {item for item in sources if isinstance(item, str)} if isinstance(sources, list) else set()
    for index, line in prose_lines(report.text, report.blocks):
        problems, known = _line_facts(path, index, line, registry)
        report.diagnostics += problems
        for column, fact_id in known:
            if fact_id not in report.facts_used:
                report.facts_used.append(fact_id)
                if isinstance(sources, list) and fact_id not in declared:
                    report.diagnostics.append(Diagnostic(path, index + 1, column + 1, messages.fact_not_in_sources(fact_id)))
    for fact_id in sorted(item for item in declared if isinstance(item, str)):
        if registry.get(fact_id) is None:
            line = report.meta.lines.get("sources", 1)
            report.diagnostics.append(Diagnostic(path, line, 1, messages.unknown_fact(fact_id, registry.suggestion(fact_id))))


def _line_facts(path: str, index: int, line: str, registry: FactRegistry) -> tuple[list[Diagnostic], list[tuple[int, str]]]:
    """One line's problems with facts (a number typed by hand, a broken or unknown placeholder)
    and the (column, id) of the known facts it names; pages and banks alike."""
    problems = [Diagnostic(path, index + 1, column + 1, message) for column, message in registry.typed_facts(line)]
    problems += [Diagnostic(path, index + 1, column + 1, messages.broken_placeholder(written, hidden))
                 for column, written, hidden in broken_placeholders(line)]
    known = []
    for column, fact_id in placeholders(line):
        if registry.get(fact_id) is None:
            problems.append(Diagnostic(path, index + 1, column + 1, messages.unknown_fact(fact_id, registry.suggestion(fact_id))))
        else:
            known.append((column, fact_id))
    return problems, known


def check_bank(path: str, source: str, registry: FactRegistry | None = None) -> PageReport:
    """A quiz bank in quizzes/*.yml holds one quiz in the same schema as a quiz block."""
    report = PageReport(path, nfc(source), _nfc_warnings(path, source))
    checked = check_quiz_source(report.text, path)
    report.quizzes.append(checked)
    report.diagnostics += checked.diagnostics
    report.diagnostics += unsafe_quiz_markup(path, report.text)
    if registry is not None:
        for index, line in enumerate(report.text.split("\n")):
            if line.lstrip().startswith("#"):
                continue  # YAML comments are for writers
            report.diagnostics += _line_facts(path, index, line, registry)[0]
    return report


class QuizIds:
    """Quiz ids must be unique across the site: learners' saved answers are keyed by them."""

    def __init__(self) -> None:
        self._first: dict[str, tuple[str, int]] = {}

    def register(self, report: PageReport) -> list[Diagnostic]:
        problems = []
        for checked in report.quizzes:
            quiz = checked.quiz
            if quiz is None:
                continue
            if quiz.id in self._first:
                first_path, first_line = self._first[quiz.id]
                problems.append(
                    Diagnostic(report.path, quiz.id_at.line, quiz.id_at.column, messages.duplicate_quiz_id(quiz.id, first_path, first_line))
                )
            else:
                self._first[quiz.id] = (report.path, quiz.id_at.line)
        return problems
