"""The quiz model: what a learner is asked, independent of how it was written or shown."""

from __future__ import annotations

from dataclasses import dataclass, field

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "truefalse"
QUESTION_TYPES = (SINGLE, MULTIPLE, TRUE_FALSE)

# True/false questions are shown as two options with these labels.
TRUE_LABEL = "Đúng"
FALSE_LABEL = "Sai"


@dataclass
class Position:
    line: int  # 1-based line in the source file
    column: int  # 1-based


@dataclass
class Option:
    text: str
    correct: bool
    feedback: str | None
    at: Position


@dataclass
class Question:
    id: str
    type: str
    prompt: str
    options: list[Option]
    explanation: str | None
    hint: str | None
    at: Position
    id_at: Position
    options_at: Position  # where `options:` (or `answer:`) is written, for messages about answers


@dataclass
class Quiz:
    id: str
    questions: list[Question]
    at: Position
    id_at: Position
    # Every question's id is the quiz id when the block holds a single question.
    single_question: bool = field(default=False)
