"""Rules about a quiz's content: ids, options and correct answers."""

from __future__ import annotations

import re

from . import messages
from .diagnostics import Diagnostic
from .model import MULTIPLE, SINGLE, Position, Quiz
from .text import slugify

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _error(path: str, at: Position, message: str) -> Diagnostic:
    return Diagnostic(path, at.line, at.column, message)


def check_id(value: str, at: Position, path: str) -> list[Diagnostic]:
    if not value or _ID.match(value):
        return []
    return [_error(path, at, messages.bad_id(value, slugify(value)))]


def validate_quiz(quiz: Quiz, path: str) -> list[Diagnostic]:
    problems = check_id(quiz.id, quiz.id_at, path)
    seen_ids: dict[str, int] = {}
    for question in quiz.questions:
        if not quiz.single_question:
            problems += check_id(question.id, question.id_at, path)
            if question.id in seen_ids:
                problems.append(_error(path, question.id_at, messages.duplicate_question_id(question.id, seen_ids[question.id])))
            else:
                seen_ids[question.id] = question.id_at.line

        if question.type in (SINGLE, MULTIPLE):
            if len(question.options) == 0:
                problems.append(_error(path, question.options_at, messages.no_options()))
                continue
            if len(question.options) == 1:
                problems.append(_error(path, question.options_at, messages.too_few_options(1)))
            for number, option in enumerate(question.options, start=1):
                if not option.text.strip():
                    problems.append(_error(path, option.at, messages.empty_option(number)))

        correct = [option for option in question.options if option.correct]
        if not correct:
            problems.append(_error(path, question.options_at, messages.no_correct_option()))
        elif question.type == SINGLE and len(correct) > 1:
            lines = [option.at.line for option in correct]
            problems.append(_error(path, correct[1].at, messages.several_correct_in_single(len(correct), lines)))
    return problems
