"""Checks content files: the rules shared by `hocvuso check` and the site build."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import messages
from .blocks import QUIZ_LANGUAGE, fenced_blocks
from .diagnostics import WARNING, Diagnostic
from .model import Quiz
from .parsing import parse_quiz
from .text import nfc, non_nfc_spots
from .validation import validate_quiz


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


def check_quiz_source(source: str, path: str, first_line: int = 1, indent: int = 0) -> CheckedQuiz:
    result = parse_quiz(source, path, first_line, indent)
    problems = list(result.diagnostics)
    if result.quiz is not None:
        problems += validate_quiz(result.quiz, path)
    problems.sort(key=Diagnostic.sort_key)
    return CheckedQuiz(source, None if problems else result.quiz, problems)


def _nfc_warnings(path: str, text: str) -> list[Diagnostic]:
    return [Diagnostic(path, spot.line, spot.column, messages.not_nfc(spot.snippet), WARNING) for spot in non_nfc_spots(text)]


def check_page(path: str, source: str) -> PageReport:
    """Check one Markdown page; `path` is how messages name the file."""
    report = PageReport(path, nfc(source), _nfc_warnings(path, source))
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
    return report


def check_bank(path: str, source: str) -> PageReport:
    """A quiz bank in quizzes/*.yml holds one quiz in the same schema as a quiz block."""
    report = PageReport(path, nfc(source), _nfc_warnings(path, source))
    checked = check_quiz_source(report.text, path)
    report.quizzes.append(checked)
    report.diagnostics += checked.diagnostics
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


def check_tree(roots: list[Path], relative_to: Path) -> TreeReport:
    ids = QuizIds()
    diagnostics: list[Diagnostic] = []
    quizzes = 0
    files = content_files(roots)
    for path in files:
        shown_as = os.path.relpath(path, relative_to)
        text, problems = read_text(path, shown_as)
        diagnostics += problems
        if text is None:
            continue
        report = check_page(shown_as, text) if path.suffix == ".md" else check_bank(shown_as, text)
        diagnostics += report.diagnostics + ids.register(report)
        quizzes += len(report.quizzes)
    return TreeReport(len(files), quizzes, diagnostics)
