"""JSON Schemas for editors: quiz banks, video blocks, the facts registry, the glossary, style.yml, synonyms.yml and lesson front matter.

Built from the same constants the checker uses, so the two cannot drift apart; `hocvuso schema`
writes them to schemas/, where editors with the YAML language server (VS Code's YAML
extension) read them to autocomplete fields and underline mistakes as the writer types.
"""

from __future__ import annotations

import json
from pathlib import Path

from hocvuso.course import fields
from hocvuso.course import style_rules
from hocvuso.course.competences import FRAMEWORKS
from hocvuso.course.facts import ENTRY_KEYS, KINDS
from hocvuso.course.fields import LESSON_FIELDS, VIDEO_FIELDS, Field
from hocvuso.quiz.answer_text import MATCHES
from hocvuso.catalogue.question_types import (
    BY_NAME, FILL_IN, MATCHING, MULTIPLE, OPTIONS_KEY, ORDERING, QUESTION_TYPES, SINGLE, TYPES, QuestionType, min_items,
)
from hocvuso.quiz.parsing import OPTION_KEYS, PAIR_KEYS, QUESTION_KEYS, QUIZ_KEYS, TYPE_KEYS

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_ID = {"type": "string", "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
       "description": "Mã ổn định: chữ thường không dấu a-z, số 0-9 và dấu -. Không đổi sau khi đã đăng."}


def _text(description: str) -> dict:
    return {"type": ["string", "number"], "minLength": 1, "description": description}


_QUESTION_FIELDS = {
    "id": _ID,
    "type": {"enum": list(QUESTION_TYPES), "default": SINGLE,
             "description": "; ".join(f"{kind.name} ({kind.name_vi}): {kind.description_vi}" for kind in TYPES)
                            + f". Không có dòng `type:` thì là câu {SINGLE}."},
    "question": _text("Nội dung câu hỏi (có thể dùng Markdown)."),
    "options": {
        "type": "array", "minItems": min_items(SINGLE), "description": "Các lựa chọn, mỗi lựa chọn một dòng `- text: ...`.",
        "items": {"anyOf": [
            {"type": "object", "additionalProperties": False, "required": ["text"], "properties": {
                "text": _text("Nội dung lựa chọn."),
                "correct": {"type": "boolean", "description": "true nếu đây là đáp án đúng."},
                "feedback": _text("Lời nhắn hiện ra khi người học chọn lựa chọn này."),
            }},
            {"type": "string", "minLength": 1},
        ]},
    },
    "answer": {"type": "boolean", "description": "Câu đúng/sai: true nếu câu nói đúng, false nếu câu nói sai."},
    "feedback_true": _text("Câu đúng/sai: lời nhắn khi người học chọn «Đúng»."),
    "feedback_false": _text("Câu đúng/sai: lời nhắn khi người học chọn «Sai»."),
    "explanation": _text("Lời giải thích hiện ra sau khi người học bấm Kiểm tra."),
    "hint": {"anyOf": [_text("Gợi ý, người học bấm «Xem gợi ý» mới hiện."),
                       {"type": "array", "minItems": 1, "items": _text("Một gợi ý."),
                        "description": "Nhiều gợi ý, hiện từng cái một mỗi lần người học bấm «Xem gợi ý»."}]},
    "answers": {"type": "array", "minItems": min_items(FILL_IN), "items": _text("Một câu trả lời được chấp nhận."),
                "description": "Câu điền: các câu trả lời được chấp nhận, mỗi câu một dòng `- ...`."},
    "accept_without_accents": {"type": "boolean", "default": False,
                               "description": "Câu điền: true để chấp nhận câu trả lời gõ thiếu dấu (vẫn nhắc kiểm tra dấu)."},
    "match": {"enum": list(MATCHES), "default": "text",
              "description": "Câu điền: text (chữ); number (số, bỏ qua dấu cách, dấu chấm, gạch ngang); web (địa chỉ web)."},
    "steps": {"type": "array", "minItems": min_items(ORDERING), "items": _text("Một bước."),
              "description": "Câu sắp xếp thứ tự: các bước, viết theo đúng thứ tự."},
    "pairs": {"type": "array", "minItems": min_items(MATCHING), "description": "Câu ghép cặp: mỗi cặp `- left: ...` và `  right: ...`.",
              "items": {"type": "object", "additionalProperties": False, "required": list(PAIR_KEYS), "properties": {
                  "left": _text("Vế trái (hiện cố định)."), "right": _text("Vế phải (người học chọn trong danh sách).")}}},
}
assert set(_QUESTION_FIELDS) == set(QUESTION_KEYS) and set(_QUESTION_FIELDS["options"]["items"]["anyOf"][0]["properties"]) == set(OPTION_KEYS)

# What each type requires, and the fields of the other types it must not have (question_types.py).
def _type_rule(kind: QuestionType) -> dict:
    foreign = [key for key, owner in TYPE_KEYS.items() if owner != kind.name]
    if kind.answers_key != OPTIONS_KEY:
        foreign.append(OPTIONS_KEY)
    return {"required": [kind.answers_key], "not": {"anyOf": [{"required": [key]} for key in foreign]}}


_WITH_OPTIONS = [kind.name for kind in TYPES if kind.answers_key == OPTIONS_KEY]
_QUESTION_RULES = [
    {"if": {"properties": {"type": {"const": kind.name}}, "required": ["type"]}, "then": _type_rule(kind)}
    for kind in TYPES if kind.answers_key != OPTIONS_KEY
] + [
    # Without `type:` a question is single; single and multiple share every rule.
    {"if": {"anyOf": [{"not": {"required": ["type"]}}, {"properties": {"type": {"enum": _WITH_OPTIONS}}}]},
     "then": _type_rule(BY_NAME[SINGLE])},
]
assert all(_type_rule(BY_NAME[name]) == _type_rule(BY_NAME[SINGLE]) for name in _WITH_OPTIONS)


def quiz_schema() -> dict:
    question = {"type": "object", "additionalProperties": False, "required": ["id", "question"],
                "properties": _QUESTION_FIELDS, "allOf": _QUESTION_RULES}
    single = {"type": "object", "additionalProperties": False, "required": ["id", "question"],
              "properties": _QUESTION_FIELDS, "allOf": _QUESTION_RULES}
    several = {"type": "object", "additionalProperties": False, "required": ["id", "questions"], "properties": {
        "id": _ID,
        "questions": {"type": "array", "minItems": 1, "items": question, "description": "Các câu hỏi của quiz."},
    }}
    assert set(several["properties"]) == set(QUIZ_KEYS)
    return {"$schema": _DRAFT, "title": "Câu hỏi hocvuso (khối ```quiz hoặc tệp trong quizzes/)", "oneOf": [single, several]}


def facts_schema() -> dict:
    descriptions = {
        "value": "Giá trị in ra trong bài: số điện thoại, địa chỉ web (không có https://), ngày, chữ.",
        "kind": "phone: số gọi; sms: số nhắn tin; web: địa chỉ web; date: ngày; text: chữ.",
        "label": "Mô tả ngắn: đây là số gì, của ai.",
        "source": "Nguồn đã kiểm chứng.",
        "checked": "Ngày kiểm tra, ví dụ 2026-11.",
    }
    entry = {"type": "object", "additionalProperties": False, "required": list(ENTRY_KEYS),
             "properties": {key: {"type": ["string", "number"], "minLength": 1, "description": descriptions[key]} for key in ENTRY_KEYS}}
    entry["properties"]["kind"] = {"enum": list(KINDS), "description": descriptions["kind"]}
    return {"$schema": _DRAFT, "title": "Sổ thông tin đã kiểm chứng (facts.yml)", "type": "object",
            "propertyNames": {"pattern": _ID["pattern"]}, "additionalProperties": entry}


def glossary_schema() -> dict:
    return {"$schema": _DRAFT, "title": "Từ điển (glossary.yml)", "type": "array", "items": {
        "type": "object", "additionalProperties": False, "required": ["term", "definition"], "properties": {
            "term": {"type": "string", "minLength": 1, "description": "Từ cần giải thích, viết như trong bài."},
            "definition": {"type": "string", "minLength": 1, "description": "Lời giải thích ngắn, dễ hiểu."},
        }}}


def style_schema() -> dict:
    """style.yml and style.local.yml (course/style_rules.py reads them)."""
    severity = {"enum": list(style_rules.SEVERITIES), "description": "error: lỗi, phải sửa; notice: gợi ý, không chặn; off: tắt."}
    return {"$schema": _DRAFT, "title": "Quy tắc văn phong (style.yml)", "type": "object", "additionalProperties": False,
            "properties": {
                "spelling": {"type": "object", "additionalProperties": False, "properties": {
                    "tones": {"enum": [style_rules.NEW_TONES, style_rules.OLD_TONES],
                              "description": "Một kiểu bỏ dấu cho cả khoá học. moi: hoà, khoẻ, thuỷ; cu: hòa, khỏe, thủy."},
                    "severity": severity}},
                "long_sentence": {"type": "object", "additionalProperties": False, "properties": {
                    "max_syllables": {"type": "integer", "minimum": 5, "description": "Số tiếng nhiều nhất của một câu."},
                    "severity": severity}},
                "glossary_link": {"type": "object", "additionalProperties": False, "properties": {
                    "severity": severity,
                    "ignore": {"type": "array", "items": {"type": "string", "minLength": 1},
                               "description": "Cụm từ có chứa một từ của Từ điển nhưng không mang nghĩa đó, "
                                              "ví dụ “tin giả làm” trong “nhắn tin giả làm người thân”: không tính là dùng từ đó."}}},
                "avoid": {"type": "array", "items": {
                    "type": "object", "additionalProperties": False, "required": ["id", "words", "reason"], "properties": {
                        "id": {**_ID, "description": "Mã quy tắc, dùng trong <!-- cho-phep: mã -->."},
                        "words": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1},
                                  "description": "Các từ, cụm từ nên tránh."},
                        "reason": {"type": "string", "minLength": 1, "description": "Vì sao nên tránh."},
                        "instead": {"type": "string", "description": "Nên viết gì thay vào."},
                        "severity": severity,
                        "only_in": {"enum": [MULTIPLE], "description": "multiple: chỉ trong câu hỏi của câu nhiều đáp án."},
                    }}},
            }}


def synonyms_schema() -> dict:
    """synonyms.yml and synonyms.local.yml (synonyms.py reads them)."""
    return {"$schema": _DRAFT, "title": "Từ đồng nghĩa cho ô tìm kiếm (synonyms.yml)", "type": "array", "items": {
        "type": "array", "minItems": 2, "uniqueItems": True,
        "description": "Một nhóm: các cụm từ cùng nghĩa, ví dụ [app, ứng dụng].",
        "items": {"type": "string", "minLength": 1, "description": "Một cụm từ người học có thể gõ."}}}


def _field_schema(spec: Field) -> dict:
    kinds = {
        fields.TEXT: {"type": "string", "minLength": 1},
        fields.WHOLE: {"type": "integer", "minimum": spec.low, "maximum": spec.high},
        fields.TEXTS: {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
        fields.CODES: {"type": "array", "items": {"type": "string"}},
        fields.COMPETENCES: {"type": "object", "minProperties": 1, "additionalProperties": False, "properties": {
            name: {"type": "array", "minItems": 1, "items": {"enum": sorted(codes)}} for name, (_, codes) in FRAMEWORKS.items()}},
        fields.SETTINGS: {"type": "object", "additionalProperties": False,
                          "properties": {part.name: _field_schema(part) for part in spec.parts}},
        # Quoted, as the guide asks; editors read YAML 1.2, where an unquoted 2026-12-07 is text too.
        fields.DATE: {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"},
    }
    required = [part.name for part in spec.parts if part.required]
    if required:
        kinds[fields.SETTINGS]["required"] = required
    result = {**kinds[spec.kind], "description": spec.description_vi}
    if not spec.required and spec.default is not None:
        result["default"] = spec.default
    return result


def front_matter_schema() -> dict:
    """A lesson's front matter (fields.LESSON_FIELDS)."""
    return {"$schema": _DRAFT, "title": "Thông tin đầu bài học hocvuso", "type": "object",
            "required": [spec.name for spec in LESSON_FIELDS if spec.required],
            "properties": {spec.name: _field_schema(spec) for spec in LESSON_FIELDS}}


def video_schema() -> dict:
    """A ```video block (fields.VIDEO_FIELDS): a file path under content/, never a web address."""
    local = {"not": {"pattern": "^[A-Za-z][A-Za-z0-9+.-]*:"}}
    properties = {}
    for spec in VIDEO_FIELDS:
        rule = _field_schema(spec)
        if spec.name != "title":
            rule = {**rule, "items": {**rule["items"], **local}} if "items" in rule else {**rule, **local}
        properties[spec.name] = rule
    return {"$schema": _DRAFT, "title": "Khối ```video của hocvuso", "type": "object", "additionalProperties": False,
            "required": [spec.name for spec in VIDEO_FIELDS if spec.required], "properties": properties}


SCHEMAS = {
    "quiz.schema.json": quiz_schema,
    "facts.schema.json": facts_schema,
    "glossary.schema.json": glossary_schema,
    "style.schema.json": style_schema,
    "synonyms.schema.json": synonyms_schema,
    "lesson-front-matter.schema.json": front_matter_schema,
    "video.schema.json": video_schema,
}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in SCHEMAS.items():
        path = folder / name
        path.write_text(json.dumps(build(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
