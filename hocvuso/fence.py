"""The pymdownx.superfences custom fence for ```quiz blocks.

Superfences swallows exceptions from a fence and shows the block as code, so this never
raises: a broken quiz becomes a visible error box, and its problems go to the log (the
`mkdocs.plugins.hocvuso` logger name makes `mkdocs build --strict` fail; the logging module
is standard, no MkDocs import). When the build adapter has checked the page first
(`remember_page`), the fence reuses that result, with the file's real line numbers.
"""

from __future__ import annotations

import logging

from .blocks import normalised_body
from .checking import CheckedQuiz, PageReport, check_quiz_source
from .render import render_error, render_quiz

log = logging.getLogger("mkdocs.plugins.hocvuso")

_checked: dict[str, CheckedQuiz] = {}


def remember_page(report: PageReport) -> None:
    for checked in report.quizzes:
        _checked[normalised_body(checked.body)] = checked


def forget_pages() -> None:
    _checked.clear()


def format_quiz(source, language, class_name, options, md, **kwargs) -> str:
    checked = _checked.get(normalised_body(source))
    if checked is None:
        # Not seen by the page check (another engine, or an unusual nesting): check it here.
        checked = check_quiz_source(source, "(khối quiz)")
        for problem in checked.diagnostics:
            log.error(problem.format())
    if checked.quiz is None:
        return render_error([problem.format() for problem in checked.diagnostics])
    return render_quiz(checked.quiz)
