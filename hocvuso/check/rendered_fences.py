"""Ties the ```quiz fences pymdownx.superfences renders to the blocks the check read.

The check reads quiz blocks line by line (blocks.py), so its messages carry the file's lines;
the page is rendered by Python-Markdown and superfences, which find fences by their own rules.
`PageQuizzes` matches the two, in order: a rendered fence shows the quiz exactly as the check
read it (facts expanded), and any difference between the two readings is an error with the
file and line, never a quiz silently shown as code (answers included) or shown unchecked.
Both `hocvuso check` and the build go through it.
"""

from __future__ import annotations

import re

from hocvuso.catalogue import messages
from .page_checks import PageReport
from hocvuso.catalogue.diagnostics import Diagnostic
from hocvuso.quiz.render import render_error, render_quiz

_SPACES = re.compile(r"\s+")
# Superfences shows a fence it could not format as code, with the fence's language as class.
_QUIZ_AS_CODE = re.compile(r'<code[^>]*class="[^"]*\blanguage-quiz\b', re.IGNORECASE)
# A quiz fence's opening line however it is nested (indented, in a quote, in a list).
_QUIZ_OPENER = re.compile(r"^(?P<lead>[ \t>*+\-\d.]*)(?:`{3,}|~{3,})\s*\{?\s*\.?quiz\b", re.MULTILINE)


def block_key(source: str) -> str:
    """What identifies a block's text whoever extracted it: Python-Markdown expands tabs and
    superfences removes indentation differently from a line reader, so spacing is ignored."""
    return _SPACES.sub(" ", source).strip()


class PageQuizzes:
    """One page's checked quiz blocks, handed out to the renderer in page order."""

    def __init__(self, report: PageReport) -> None:
        self.report = report
        self._rendered = [False] * len(report.quizzes)
        self._next = 0
        self.diagnostics: list[Diagnostic] = []

    def render(self, source: str) -> str:
        """The HTML for one ```quiz fence the renderer found in this page."""
        key = block_key(source)
        for index in range(self._next, len(self.report.quizzes)):
            checked = self.report.quizzes[index]
            if block_key(checked.body) == key:
                self._rendered[index], self._next = True, index + 1
                if checked.quiz is None:
                    return render_error([problem.format() for problem in checked.diagnostics])
                return render_quiz(checked.quiz)
        # A fence the line reader did not take for a quiz (inside a blockquote, after a stray ```):
        # never shown unchecked.
        problem = Diagnostic(self.report.path, self._line_of(source), 0, messages.quiz_not_checked())
        self.diagnostics.append(problem)
        return render_error([problem.format()])

    def _line_of(self, source: str) -> int:
        """Where an unexpected fence's text starts in the file (its first line of YAML)."""
        first = next((line.strip() for line in source.split("\n") if line.strip()), None)
        if first is None:
            return 0
        after = self.report.quizzes[self._next - 1].opener_line if self._next else 0
        lines = self.report.text.split("\n")
        found = [number for number, line in enumerate(lines, start=1) if first in line]
        return next((number for number in found if number > after), found[0] if found else 0)

    def finish(self, html: str) -> list[Diagnostic]:
        """After the page is rendered: every checked block that did not become a quiz is an error."""
        problems = list(self.diagnostics)
        for checked, rendered in zip(self.report.quizzes, self._rendered):
            if not rendered and checked.closed:
                problems.append(Diagnostic(self.report.path, checked.opener_line, checked.indent + 1, messages.quiz_shown_as_code()))
        if not problems and _QUIZ_AS_CODE.search(html):
            line, column = self._first_opener()
            problems.append(Diagnostic(self.report.path, line, column, messages.quiz_shown_as_code()))
        held = self.report.held_from
        return [problem for problem in problems if problem.line < held] if held else problems

    def _first_opener(self) -> tuple[int, int]:
        """Where the writer should look when a quiz was shown as code but no checked block says
        which: the first line that opens a quiz fence, else the page's first line."""
        found = _QUIZ_OPENER.search(self.report.text)
        if not found:
            return 1, 1
        return self.report.text.count("\n", 0, found.start()) + 1, len(found.group("lead")) + 1
