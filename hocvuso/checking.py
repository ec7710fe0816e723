"""Checks content files: the rules shared by `hocvuso check` and the site build."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import messages
from .blocks import QUIZ_LANGUAGE, fenced_blocks
from .diagnostics import WARNING, Diagnostic
from .facts import PLACEHOLDER, FactRegistry, placeholders, prose_lines
from .frontmatter import FrontMatter, read_front_matter
from .lesson_rules import LESSON, check_front_matter, page_kind
from .links import check_links, heading_anchors
from .markup_safety import unsafe_markup, unsafe_quiz_markup
from .model import Quiz
from .parsing import parse_quiz
from .text import nfc, non_nfc_spots
from .validation import validate_quiz

if TYPE_CHECKING:
    from .project import Project


@dataclass
class CheckedQuiz:
    body: str  # the fence body, as the fence renderer will receive it
    quiz: Quiz | None
    diagnostics: list[Diagnostic]


@dataclass
class PageReport:
    path: str
    text: str  # the content normalised to NFC, ready to build
    diagnostics: list[Diagnostic] = field(default_factory=list)
    quizzes: list[CheckedQuiz] = field(default_factory=list)
    meta: FrontMatter = field(default_factory=FrontMatter)
    facts_used: list[str] = field(default_factory=list)


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
    for block in fenced_blocks(report.text):
        if block.language != QUIZ_LANGUAGE:
            if block.language.lower() == QUIZ_LANGUAGE:
                report.diagnostics.append(Diagnostic(path, block.opener_line, block.indent + 1, messages.fence_language_case(block.language)))
            continue
        if not block.closed:
            report.diagnostics.append(Diagnostic(path, block.opener_line, block.indent + 1, messages.unclosed_fence()))
        checked = check_quiz_source(block.body, path, block.body_first_line, block.indent)
        report.quizzes.append(checked)
        report.diagnostics += checked.diagnostics
    if context.kind == LESSON and not report.quizzes:
        lines = report.text.split("\n")
        title_line = next((index + 1 for index, line in enumerate(lines) if line.startswith("# ")), report.meta.end_line + 1)
        report.diagnostics.append(Diagnostic(path, title_line, 1, messages.no_quiz()))
    if context.registry is not None:
        _check_facts(report, context)
    report.diagnostics += unsafe_markup(path, report.text)
    return report


def _check_facts(report: PageReport, context: PageContext) -> None:
    registry, path = context.registry, report.path
    sources = report.meta.values.get("sources") if context.kind == LESSON else None
    declared = set(sources) if isinstance(sources, list) else set()
    for index, line in prose_lines(report.text):
        for column, message in registry.typed_facts(line):
            report.diagnostics.append(Diagnostic(path, index + 1, column + 1, message))
        for column, fact_id in placeholders(line):
            if registry.get(fact_id) is None:
                report.diagnostics.append(Diagnostic(path, index + 1, column + 1, messages.unknown_fact(fact_id, registry.suggestion(fact_id))))
                continue
            if fact_id not in report.facts_used:
                report.facts_used.append(fact_id)
                if isinstance(sources, list) and fact_id not in declared:
                    report.diagnostics.append(Diagnostic(path, index + 1, column + 1, messages.fact_not_in_sources(fact_id)))
    for fact_id in sorted(item for item in declared if isinstance(item, str)):
        if registry.get(fact_id) is None:
            line = report.meta.lines.get("sources", 1)
            report.diagnostics.append(Diagnostic(path, line, 1, messages.unknown_fact(fact_id, registry.suggestion(fact_id))))
    for checked in report.quizzes:
        if checked.quiz is not None:
            _expand_quiz(checked.quiz, registry)


def _expand_quiz(quiz: Quiz, registry: FactRegistry) -> None:
    expand = registry.expand

    def plain(text: str) -> str:
        # A typed answer is compared with the fact's value itself, not its Markdown.
        def value(match):
            fact = registry.get(match.group(1))
            return fact.value if fact else match.group(0)
        return PLACEHOLDER.sub(value, text) if "{{" in text else text

    for question in quiz.questions:
        question.prompt = expand(question.prompt)
        question.explanation = expand(question.explanation) if question.explanation else question.explanation
        question.hints = [expand(hint) for hint in question.hints]
        question.answers = [plain(answer) for answer in question.answers]
        # Steps and pair sides are controls' labels (buttons, <option>s): facts without links.
        question.steps = [expand(step, links=False) for step in question.steps]
        for pair in question.pairs:
            pair.left = expand(pair.left, links=False)
            pair.right = plain(pair.right)
        for option in question.options:
            # Options and their feedback sit inside the option's tap target: facts without links.
            option.text = expand(option.text, links=False)
            option.feedback = expand(option.feedback, links=False) if option.feedback else option.feedback


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
            for column, message in registry.typed_facts(line):
                report.diagnostics.append(Diagnostic(path, index + 1, column + 1, message))
            for column, fact_id in placeholders(line):
                if registry.get(fact_id) is None:
                    report.diagnostics.append(Diagnostic(path, index + 1, column + 1, messages.unknown_fact(fact_id, registry.suggestion(fact_id))))
        if checked.quiz is not None:
            _expand_quiz(checked.quiz, registry)
    return report


class QuizIds:
    """Quiz ids must be unique across the site: learners' saved answers are keyed by them."""

    def __init__(self) -> None:
        self._first: dict[str, tuple[str, int]] = {}

    def clear(self) -> None:
        self._first.clear()

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


def read_text(path: Path, shown_as: str) -> tuple[str | None, list[Diagnostic]]:
    try:
        return path.read_text(encoding="utf-8"), []
    except UnicodeDecodeError:
        return None, [Diagnostic(shown_as, 0, 0, messages.not_utf8())]


def content_files(roots: list[Path]) -> list[Path]:
    """Markdown pages and YAML quiz banks under the given folders (or the files themselves)."""
    found = []
    for root in roots:
        if root.is_file():
            found.append(root)
            continue
        for folder, subfolders, files in os.walk(root):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            found += [Path(folder) / name for name in sorted(files) if name.endswith((".md", ".yml", ".yaml"))]
    return found


@dataclass
class TreeReport:
    files: int
    quizzes: int
    diagnostics: list[Diagnostic]


def check_tree(project: "Project", roots: list[Path]) -> TreeReport:
    """Checks lessons (with the course's rules), quiz banks, the facts registry and the glossary."""
    from .glossary import read_glossary

    registry, diagnostics = project.load_facts()
    if project.glossary_path.exists():
        diagnostics += read_glossary(project.glossary_path.read_text(encoding="utf-8"), project.shown(project.glossary_path))[1]
    ids = QuizIds()
    quizzes = 0
    files = [path for path in content_files(roots) if path.suffix == ".md" or not _inside(path, project.docs_dir)]
    anchors_of = _page_anchors(project)
    for path in files:
        shown_as = project.shown(path)
        text, problems = read_text(path, shown_as)
        diagnostics += problems
        if text is None:
            continue
        if path.suffix == ".md":
            inside = _inside(path, project.docs_dir)
            page = path.resolve().relative_to(project.docs_dir.resolve()).as_posix() if inside else None
            report = check_page(shown_as, text, PageContext(page_kind(page) if page else None, registry))
            if page:
                exists = lambda target: (project.docs_dir / target).is_file()  # noqa: E731
                report.diagnostics += check_links(shown_as, report.text, page, anchors_of, exists)
        else:
            report = check_bank(shown_as, text, registry)
        diagnostics += report.diagnostics + ids.register(report)
        quizzes += len(report.quizzes)
    return TreeReport(len(files), quizzes, diagnostics)


def _page_anchors(project: "Project"):
    """anchors_of(page) for link checks: real pages' headings, and the generated pages'."""
    from .course import COMPETENCE_PAGE, competence_map, load_course
    from .glossary import PAGE as GLOSSARY_PAGE, read_glossary

    cache: dict[str, set[str] | None] = {}

    def generated(page: str) -> set[str] | None:
        if page == GLOSSARY_PAGE:
            text = project.glossary_path.read_text(encoding="utf-8") if project.glossary_path.exists() else ""
            return {term.anchor for term in read_glossary(text, "")[0]} | {"tu-dien"}
        if page == COMPETENCE_PAGE:
            return heading_anchors(competence_map(load_course(project.docs_dir)))
        return None

    def anchors_of(page: str) -> set[str] | None:
        if page not in cache:
            path = project.docs_dir / page
            if path.is_file():
                text, _ = read_text(path, page)
                cache[page] = heading_anchors(nfc(text)) if text is not None else set()
            else:
                cache[page] = generated(page)
        return cache[page]

    return anchors_of


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())
