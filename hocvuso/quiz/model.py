"""The quiz model: what a learner is asked, independent of how it was written or shown."""

from __future__ import annotations

from dataclasses import dataclass, field

# The types are declared in question_types.py; re-exported here, where the rest of the code looks.
from hocvuso.catalogue.question_types import (  # noqa: F401
    CHOICE_TYPES, FILL_IN, MATCHING, MULTIPLE, ORDERING, QUESTION_TYPES, SINGLE, TRUE_FALSE,
)

# True/false questions are shown as two options with these labels.
TRUE_LABEL = "Đúng"
FALSE_LABEL = "Sai"


# slots: a big course's reading holds every quiz (100,000 positions and options at 1,000 lessons):
# without a __dict__ each, its memory is a third smaller.
@dataclass(slots=True)
class Position:
    line: int  # 1-based line in the source file
    column: int  # 1-based


@dataclass(slots=True)
class Option:
    text: str
    correct: bool
    feedback: str | None
    at: Position


@dataclass(slots=True)
class Pair:
    left: str
    right: str
    at: Position


@dataclass(slots=True)
class Question:
    id: str
    type: str
    prompt: str
    options: list[Option]
    explanation: str | None
    hints: list[str]  # revealed one at a time; empty when there is none
    at: Position
    id_at: Position
    options_at: Position  # where `options:` (or `answer:`, `answers:`, `steps:`, `pairs:`) is written
    # type: fillin
    answers: list[str] = field(default_factory=list)
    accept_without_accents: bool = False
    match: str = "text"
    # type: ordering (in the right order) and type: matching
    steps: list[str] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    item_at: list[Position] = field(default_factory=list)  # where each answer, step or pair is written

    @property
    def hint(self) -> str | None:
        return self.hints[0] if self.hints else None


@dataclass(slots=True)
class Quiz:
    id: str
    questions: list[Question]
    at: Position
    id_at: Position
    # Every question's id is the quiz id when the block holds a single question.
    single_question: bool = field(default=False)
