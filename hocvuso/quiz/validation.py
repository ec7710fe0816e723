"""Rules about a quiz's content: ids, options and correct answers."""

from __future__ import annotations

import re

from hocvuso.catalogue import messages
from hocvuso.catalogue.diagnostics import Diagnostic
from .model import CHOICE_TYPES, MATCHING, MULTIPLE, ORDERING, SINGLE, Position, Question, Quiz
from hocvuso.catalogue.question_types import min_items
from hocvuso.text.normalise import is_blank, slugify

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

        if question.type not in CHOICE_TYPES:
            problems += _own_answers(question, path)
            continue
        if question.type in (SINGLE, MULTIPLE):
            if len(question.options) == 0:
                problems.append(_error(path, question.options_at, messages.no_options()))
                continue
            if len(question.options) < min_items(question.type):
                problems.append(_error(path, question.options_at, messages.too_few_options(len(question.options))))
            for number, option in enumerate(question.options, start=1):
                if is_blank(option.text):
                    problems.append(_error(path, option.at, messages.empty_option(number)))

        correct = [option for option in question.options if option.correct]
        if not correct:
            problems.append(_error(path, question.options_at, messages.no_correct_option()))
        elif question.type == SINGLE and len(correct) > 1:
            lines = [option.at.line for option in correct]
            problems.append(_error(path, correct[1].at, messages.several_correct_in_single(len(correct), lines)))
    return problems


def _own_answers(question: Question, path: str) -> list[Diagnostic]:
    """Ordering and matching questions: enough items, none repeated (each must be told apart)."""
    problems = []
    if question.type == ORDERING:
        if len(question.steps) < min_items(ORDERING):
            return [_error(path, question.options_at, messages.no_steps() if not question.steps else messages.too_few_steps(len(question.steps)))]
        first: dict[str, int] = {}
        for step, at in zip(question.steps, question.item_at):
            if step in first:
                problems.append(_error(path, at, messages.duplicate_step(step, first[step])))
            first.setdefault(step, at.line)
    elif question.type == MATCHING:
        if len(question.pairs) < min_items(MATCHING):
            return [_error(path, question.options_at, messages.no_pairs() if not question.pairs else messages.too_few_pairs(len(question.pairs)))]
        for side in ("left", "right"):
            seen: dict[str, int] = {}
            for pair in question.pairs:
                text = getattr(pair, side)
                if text in seen:
                    problems.append(_error(path, pair.at, messages.duplicate_side(side, text, seen[text])))
                seen.setdefault(text, pair.at.line)
    return problems
