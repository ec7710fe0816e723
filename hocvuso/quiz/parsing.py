"""Reads a quiz written in YAML into the model, keeping each value's line for error messages.

Shape errors (YAML syntax, unknown or repeated keys, wrong kinds of value) are reported here;
rules about content (how many correct options, ids) live in validation.py.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import yaml

from hocvuso.catalogue import messages
from hocvuso.catalogue import question_types
from hocvuso.catalogue.diagnostics import Diagnostic
from .answer_text import MATCHES, TEXT
from .model import (
    FALSE_LABEL, FILL_IN, MULTIPLE, ORDERING, QUESTION_TYPES, SINGLE, TRUE_FALSE, TRUE_LABEL,
    Option, Pair, Position, Question, Quiz,
)

from hocvuso.source.yaml_reader import YamlProblem, comment_cut, compose
from hocvuso.text.normalise import is_blank

QUESTION_KEYS = [
    "id", "type", "question", "options", "answer", "feedback_true", "feedback_false", "explanation", "hint",
    "answers", "accept_without_accents", "match", "steps", "pairs",
]
QUIZ_KEYS = ["id", "questions"]
OPTION_KEYS = ["text", "correct", "feedback"]
PAIR_KEYS = ["left", "right"]
# Fields that only one type of question uses, and where each type writes its answers (question_types.py).
TYPE_KEYS = question_types.TYPE_KEYS
_ANSWERS_KEY = question_types.ANSWERS_KEY
assert set(TYPE_KEYS) <= set(QUESTION_KEYS)

_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


@dataclass
class ParseResult:
    quiz: Quiz | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


class _Reader:
    """Walks YAML nodes; positions are mapped from the block to the file."""

    def __init__(self, path: str, first_line: int, indent: int, source: str = ""):
        self.lines = source.split("\n")
        self.path = path
        self.first_line = first_line
        self.indent = indent
        self.diagnostics: list[Diagnostic] = []

    def at(self, node: yaml.Node) -> Position:
        mark = node.start_mark
        return Position(self.first_line + mark.line, self.indent + mark.column + 1)

    def error(self, where: Position, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, where.line, where.column, message))

    def mapping(self, node: yaml.Node, allowed: list[str], what: str) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        if not isinstance(node, yaml.MappingNode):
            self.error(self.at(node), messages.not_a_mapping(what))
            return None
        fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):  # `? [a, b]`, or `{{ fact:x }}: ...` unquoted
                self.error(self.at(key_node), messages.complex_key())
                continue
            key = str(key_node.value)
            if key in fields:
                self.error(self.at(key_node), messages.duplicate_key(key, self.at(fields[key][0]).line))
                continue
            if key not in allowed:
                close = difflib.get_close_matches(key.lower()[:40], allowed, n=1, cutoff=0.6)
                self.error(self.at(key_node), messages.unknown_key(key, close[0] if close else None, allowed))
                continue
            fields[key] = (key_node, value_node)
        return fields

    def text(self, fields: dict, key: str, allow_empty: bool = False) -> str | None:
        if key not in fields:
            return None
        key_node, node = fields[key]
        if isinstance(node, yaml.ScalarNode):
            if self._comment_cuts(node, key):
                return None
            # Numbers and words like "yes" are still text here: keep exactly what was written.
            value = "" if node.tag == _NULL else str(node.value).strip()
            if not is_blank(value) or allow_empty:
                return value
            self.error(self.at(key_node), messages.empty_text(key))
            return None
        self.error(self.at(node), messages.not_text(key))
        return None

    def _comment_cuts(self, node: yaml.ScalarNode, key: str) -> bool:
        # A " #" in unquoted text starts a YAML comment and silently drops the rest of the sentence.
        where = comment_cut(node, self.lines, texts_only=False)  # every value of a text key is text
        if where:
            self.error(Position(self.first_line + where[0], self.indent + where[1] + 1), messages.comment_cuts_text(key))
        return where is not None

    def texts(self, fields: dict, key: str, item_example: str) -> tuple[list[str], list[Position]] | None:
        """A list of short texts (answers, steps, hints) and the line of each."""
        items = self.sequence(fields, key, item_example)
        if items is None:
            return None
        values, lines = [], []
        for number, item in enumerate(items, start=1):
            if not isinstance(item, yaml.ScalarNode):
                self.error(self.at(item), messages.item_not_text(key, number))
                continue
            if self._comment_cuts(item, key):
                continue
            value = "" if item.tag == _NULL else str(item.value).strip()
            if is_blank(value):
                self.error(self.at(item), messages.empty_item(key, number))
                continue
            values.append(value)
            lines.append(self.at(item))
        return values, lines

    def boolean(self, fields: dict, key: str) -> bool | None:
        if key not in fields:
            return None
        _, node = fields[key]
        # Only true/false: YAML 1.1 would also read yes/no/on/off, which the guide tells writers not to use.
        if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL and node.value.lower() in ("true", "false"):
            return node.value.lower() == "true"
        shown = node.value if isinstance(node, yaml.ScalarNode) else "một danh sách"
        self.error(self.at(node), messages.not_boolean(key, str(shown)))
        return None

    def sequence(self, fields: dict, key: str, item_example: str) -> list[yaml.Node] | None:
        if key not in fields:
            return None
        key_node, node = fields[key]
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return []
        self.error(self.at(node), messages.not_a_list(key, item_example))
        return None

    def question(self, fields: dict, node: yaml.Node, quiz_id: str | None) -> Question | None:
        ok_before = len(self.diagnostics)
        id_value = self.text(fields, "id") if quiz_id is None else quiz_id
        id_at = self.at(fields["id"][1]) if "id" in fields else self.at(node)
        if quiz_id is None and "id" not in fields:
            self.error(self.at(node), messages.missing_key("id", "id: cau-1"))

        question_type = SINGLE
        if "type" in fields:
            raw_type = self.text(fields, "type")
            if raw_type is not None and raw_type not in QUESTION_TYPES:
                # Every other message would follow from the wrong type ("add options:" to a fill-in):
                # name the type alone, the rest is checked once it is right.
                self.error(self.at(fields["type"][1]), messages.bad_type(raw_type, _closest_type(raw_type, fields)))
                return None
            if raw_type is not None:
                question_type = raw_type

        prompt = self.text(fields, "question")
        if "question" not in fields:
            self.error(self.at(node), messages.missing_key("question", "question: Nội dung câu hỏi?"))

        for key, owner in TYPE_KEYS.items():
            if key in fields and owner != question_type:
                self.error(self.at(fields[key][0]), messages.only_for_type(key, owner))
        extra: dict = {}
        if question_type == TRUE_FALSE:
            options = self._true_false_options(fields, node)
        elif question_type in (SINGLE, MULTIPLE):
            options = self._options(fields, node)
        else:
            if "options" in fields:
                self.error(self.at(fields["options"][0]), messages.options_not_for(question_type))
            options = []
            extra = self._own_answers(question_type, fields, node)

        explanation = self.text(fields, "explanation")
        hints = self._hints(fields)
        if len(self.diagnostics) > ok_before or prompt is None or options is None or extra is None:
            return None
        answers_key = _ANSWERS_KEY.get(question_type, "options")
        options_at = self.at(fields[answers_key][0]) if answers_key in fields else self.at(node)
        return Question(id_value or "", question_type, prompt, options, explanation, hints or [], self.at(node), id_at, options_at, **extra)

    def _hints(self, fields: dict) -> list[str] | None:
        """`hint:` is one text, or a list of texts revealed one at a time."""
        if "hint" in fields and isinstance(fields["hint"][1], yaml.SequenceNode):
            found = self.texts(fields, "hint", "Gợi ý thứ nhất")
            if found is not None and not found[0] and not fields["hint"][1].value:
                self.error(self.at(fields["hint"][0]), messages.empty_text("hint"))
            return found[0] if found else None
        hint = self.text(fields, "hint")
        return [hint] if hint else []

    def _own_answers(self, question_type: str, fields: dict, node: yaml.Node) -> dict | None:
        """The answers of a fill-in, ordering or matching question, as Question's keyword arguments."""
        if question_type == FILL_IN:
            found = self.texts(fields, "answers", "Câu trả lời")
            if "answers" not in fields or (found is not None and not found[0] and not fields["answers"][1].value):
                where = self.at(fields["answers"][0]) if "answers" in fields else self.at(node)
                self.error(where, messages.no_answers())
                return None
            match = self.text(fields, "match") or TEXT
            if match not in MATCHES:
                self.error(self.at(fields["match"][1]), messages.bad_match(match))
            accept = self.boolean(fields, "accept_without_accents")
            if accept and match != TEXT and match in MATCHES:
                self.error(self.at(fields["accept_without_accents"][0]), messages.accents_only_for_text(match))
            if found is None:
                return None
            return {"answers": found[0], "item_at": found[1], "match": match, "accept_without_accents": bool(accept)}
        if question_type == ORDERING:
            if "steps" not in fields:
                self.error(self.at(node), messages.no_steps())
                return None
            found = self.texts(fields, "steps", "Bước đầu tiên")
            return {"steps": found[0], "item_at": found[1]} if found else None
        if "pairs" not in fields:
            self.error(self.at(node), messages.no_pairs())
            return None
        items = self.sequence(fields, "pairs", "left: ...")
        if items is None:
            return None
        pairs = []
        for number, item in enumerate(items, start=1):
            if not isinstance(item, yaml.MappingNode):
                self.error(self.at(item), messages.pair_shape(number))
                continue
            before = len(self.diagnostics)
            pair_fields = self.mapping(item, PAIR_KEYS, f"Cặp thứ {number}")
            if pair_fields is None:
                continue
            sides = {}
            for side in PAIR_KEYS:
                # A misspelt key was reported: "missing `right`" would be its consequence, not a second mistake.
                if side not in pair_fields and len(self.diagnostics) == before:
                    self.error(self.at(item), messages.pair_missing(number, side))
                else:
                    sides[side] = self.text(pair_fields, side)
            if all(sides.get(side) for side in PAIR_KEYS):
                pairs.append(Pair(sides["left"], sides["right"], self.at(item)))
        return {"pairs": pairs, "item_at": [pair.at for pair in pairs]}

    def _options(self, fields: dict, node: yaml.Node) -> list[Option] | None:
        if "options" not in fields:
            self.error(self.at(node), messages.no_options())
            return None
        items = self.sequence(fields, "options", "text: Nội dung lựa chọn")
        if items is None:
            return None
        options = []
        for number, item in enumerate(items, start=1):
            if isinstance(item, yaml.ScalarNode):
                # "- Nội dung" without `text:` is a natural slip; take it as the option's text.
                text = str(item.value).strip() if item.tag != _NULL else ""
                options.append(Option(text, False, None, self.at(item)))
                continue
            option_fields = self.mapping(item, OPTION_KEYS, f"Lựa chọn thứ {number}")
            if option_fields is None:
                continue
            text = self.text(option_fields, "text", allow_empty=True)  # validation names the empty option
            correct = self.boolean(option_fields, "correct")
            feedback = self.text(option_fields, "feedback")
            options.append(Option(text or "", bool(correct), feedback, self.at(item)))
        return options

    def _true_false_options(self, fields: dict, node: yaml.Node) -> list[Option] | None:
        if "options" in fields:
            self.error(self.at(fields["options"][0]), messages.options_not_for(TRUE_FALSE))
        if "answer" not in fields:
            self.error(self.at(node), messages.missing_true_false_answer())
            return None
        answer = self.boolean(fields, "answer")
        if answer is None:
            return None
        where = self.at(fields["answer"][1])
        return [
            Option(TRUE_LABEL, answer, self.text(fields, "feedback_true"), where),
            Option(FALSE_LABEL, not answer, self.text(fields, "feedback_false"), where),
        ]


def _closest_type(written: str, fields: dict) -> str | None:
    """The type a writer most likely meant: the nearest spelling, else the type whose own keys are used."""
    close = difflib.get_close_matches(written.lower().replace(" ", "")[:40], QUESTION_TYPES, n=1, cutoff=0.6)
    if close:
        return close[0]
    owners = {TYPE_KEYS[key] for key in fields if key in TYPE_KEYS}
    return owners.pop() if len(owners) == 1 else None


def parse_quiz(source: str, path: str, first_line: int = 1, indent: int = 0) -> ParseResult:
    """Parse one quiz. `first_line` is the file line of the YAML's first line; `indent` its column offset."""
    reader = _Reader(path, first_line, indent, source)
    try:
        root = compose(source)
    except YamlProblem as problem:
        where = Position(first_line + problem.line, indent + problem.column + 1)
        reader.error(where, problem.text(messages.yaml_syntax, first_line))
        return ParseResult(None, reader.diagnostics)

    if root is None:
        reader.error(Position(first_line, 0), messages.empty_block())
        return ParseResult(None, reader.diagnostics)

    single = not (isinstance(root, yaml.MappingNode) and any(k.value == "questions" for k, _ in root.value))
    allowed = QUESTION_KEYS if single else QUIZ_KEYS
    if isinstance(root, yaml.MappingNode) and single is False and any(k.value == "question" for k, _ in root.value):
        reader.error(reader.at(root), messages.both_question_and_questions())
        allowed = QUIZ_KEYS + ["question"]
    fields = reader.mapping(root, allowed, "Khối quiz")
    if fields is None:
        return ParseResult(None, reader.diagnostics)

    quiz_id = reader.text(fields, "id")
    if "id" not in fields:
        reader.error(reader.at(root), messages.missing_key("id", "id: ten-bai-cau-hoi"))
    id_at = reader.at(fields["id"][1]) if "id" in fields else reader.at(root)

    questions: list[Question] = []
    if single:
        question = reader.question(fields, root, quiz_id or "")
        if question:
            questions.append(question)
    else:
        items = reader.sequence(fields, "questions", "id: cau-1") or []
        if "questions" in fields and not items:
            reader.error(reader.at(fields["questions"][0]), messages.empty_text("questions"))
        for item in items:
            item_fields = reader.mapping(item, QUESTION_KEYS, "Mỗi câu hỏi trong `questions`")
            if item_fields is not None:
                question = reader.question(item_fields, item, None)
                if question:
                    questions.append(question)

    # Questions with shape errors are left out, so validation can still report the others' problems.
    quiz = Quiz(quiz_id or "", questions, reader.at(root), id_at, single_question=single)
    return ParseResult(quiz, reader.diagnostics)
