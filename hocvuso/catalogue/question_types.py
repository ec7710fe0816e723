"""The question types, each declared once.

parsing.py (which keys belong to which type, where the answers are written), validation.py
(how many items), schema.py (editors' rules and descriptions) and messages.py (how messages
name a type and list the types) are derived from TYPES. How each type is shown stays in its
own code (render.py, answer_sheet.py, gift.py, quiz.js).
"""

from __future__ import annotations

from dataclasses import dataclass

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "truefalse"
FILL_IN = "fillin"
ORDERING = "ordering"
MATCHING = "matching"

OPTIONS_KEY = "options"


@dataclass(frozen=True)
class QuestionType:
    name: str  # the value of `type:`
    name_vi: str  # how messages and the guide name it: "câu điền"
    description_vi: str  # what the learner does, for editors' hovers
    answers_key: str  # the key holding its answers
    own_keys: tuple[str, ...] = ()  # keys no other type may use (answers_key included when it is its own)
    min_items: int | None = None  # fewest items under answers_key (None: not a list)
    how_vi: str = ""  # how to write its answers, ending "Hãy xoá `options` và ..." for the types without options

    @property
    def picks_options(self) -> bool:
        """Answered by picking options (single, multiple, truefalse): render.py's shared choice code."""
        return self.answers_key in (OPTIONS_KEY, "answer")


TYPES = (
    QuestionType(SINGLE, "một đáp án đúng", "người học chọn một lựa chọn", OPTIONS_KEY, min_items=2),
    QuestionType(MULTIPLE, "nhiều đáp án đúng", "người học chọn mọi lựa chọn đúng", OPTIONS_KEY, min_items=2),
    QuestionType(TRUE_FALSE, "câu đúng/sai", "người học xét một câu nói là Đúng hay Sai", "answer",
                 ("answer", "feedback_true", "feedback_false"), how_vi="viết `answer: true` hoặc `answer: false`"),
    QuestionType(FILL_IN, "câu điền", "người học tự gõ câu trả lời", "answers",
                 ("answers", "accept_without_accents", "match"), min_items=1,
                 how_vi="viết các câu trả lời được chấp nhận trong `answers:`, mỗi câu một dòng `- ...`"),
    QuestionType(ORDERING, "câu sắp xếp thứ tự", "người học xếp các bước theo đúng thứ tự", "steps", ("steps",),
                 min_items=3, how_vi="viết các bước theo đúng thứ tự trong `steps:`, mỗi bước một dòng `- ...`"),
    QuestionType(MATCHING, "câu ghép cặp", "người học ghép mỗi vế trái với một vế phải", "pairs", ("pairs",),
                 min_items=2, how_vi="viết các cặp trong `pairs:`, mỗi cặp hai dòng `- left: ...` và `  right: ...`"),
)
BY_NAME = {kind.name: kind for kind in TYPES}

QUESTION_TYPES = tuple(kind.name for kind in TYPES)
CHOICE_TYPES = tuple(kind.name for kind in TYPES if kind.picks_options)
# Keys only one type uses: {key: type}.
TYPE_KEYS = {key: kind.name for kind in TYPES for key in kind.own_keys}
# Where each type writes its answers, for messages about them: {type: key}.
ANSWERS_KEY = {kind.name: kind.answers_key for kind in TYPES}


def min_items(name: str) -> int:
    return BY_NAME[name].min_items
