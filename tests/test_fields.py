"""The tables that declare front-matter fields (fields.py) and question types (question_types.py)
once, and what is derived from them."""

import jsonschema
import pytest
import yaml

from conftest import ROOT
from hocvuso import fields, messages, question_types
from hocvuso.checking import PageContext, check_page
from hocvuso.lesson_rules import LESSON, MODULE
from hocvuso.module_test import settings
from hocvuso.parsing import QUESTION_KEYS, TYPE_KEYS
from hocvuso.schema import front_matter_schema
from hocvuso.template_text import TEMPLATE_TEXTS

QUIZ = "\n# Bài\n\n## Câu hỏi ôn tập\n\n```quiz\nid: a\nquestion: Hỏi?\noptions:\n  - text: Có\n    correct: true\n  - text: Không\n```\n"


def diagnostics(front_matter: str, kind: str) -> list[str]:
    report = check_page("content/chuong/bai.md", f"---\n{front_matter}\n---\n{QUIZ}", PageContext(kind))
    return [problem.format() for problem in report.diagnostics]


def test_contributing_guide_lists_the_fields_of_the_table():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert fields.with_guide_tables(text) == text, "run: .venv/bin/python -m hocvuso.fields"


@pytest.mark.parametrize("kind, table", [(LESSON, fields.LESSON_FIELDS), (MODULE, fields.MODULE_FIELDS)])
def test_the_examples_pass_the_check_and_the_schema(kind, table):
    example = fields.example_front_matter(table)
    assert diagnostics(example, kind) == []
    every = "\n".join(spec.example_block() for spec in table)  # the optional fields too
    assert diagnostics(every, kind) == []
    if kind == LESSON:
        jsonschema.validate(yaml.safe_load(example), front_matter_schema())


@pytest.mark.parametrize("kind, table", [(LESSON, fields.LESSON_FIELDS), (MODULE, fields.MODULE_FIELDS)])
def test_new_lesson_skeleton_is_valid_yaml_and_only_its_prompts_are_refused(kind, table):
    skeleton = fields.skeleton_front_matter(table, title="Tên có dấu hai chấm: vẫn đúng", order=3)
    assert yaml.safe_load(skeleton)["title"] == "Tên có dấu hai chấm: vẫn đúng"
    # Every prompt ("Viết ...") is the template's text, reported once; nothing else is wrong.
    [problem] = diagnostics(skeleton, kind)
    assert "chữ mẫu của lệnh `hocvuso new`" in problem
    filled = skeleton.replace(fields.COMPETENCE_PROMPT, "4.2")
    for prompt in TEMPLATE_TEXTS:
        filled = filled.replace(prompt, "Nội dung.")
    assert diagnostics(filled, kind) == []


def test_a_field_written_twice_agrees_with_itself():
    """A module's title, description and order are the lesson's rows reworded, never another rule."""
    lesson = {spec.name: spec for spec in fields.LESSON_FIELDS}
    for spec in fields.MODULE_FIELDS:
        if spec.name in lesson:
            same = lesson[spec.name]
            assert (spec.kind, spec.low, spec.high, spec.default, spec.required) == (
                same.kind, same.low, same.high, same.default, same.required)


def test_wrong_values_are_reported_with_the_table_range():
    bad = fields.example_front_matter(fields.LESSON_FIELDS).replace("minutes: 10", "minutes: 121")
    assert diagnostics(bad, LESSON) == [
        "content/chuong/bai.md:5:1: lỗi: `minutes` phải là số phút từ 1 đến 120, ví dụ `minutes: 10`."]


def test_value_gives_the_written_value_or_the_default():
    meta = {"title": "  Bài ", "minutes": 500, "order": 2, "objectives": ["Làm A.", 3, ""], "test": {"draw": 5, "pass": 0}}
    assert fields.value(meta, "title") == "Bài"
    assert fields.value(meta, "minutes") == 0  # out of range: not shown (the check reports it)
    assert fields.value(meta, "order") == 2
    assert fields.value({}, "order") == 999  # without order: after the others
    assert fields.value(meta, "objectives") == ["Làm A."]
    assert fields.value(meta, "test") == {"draw": 5, "pass": 80}
    assert fields.value({"test": "80"}, "test") == {"draw": 8, "pass": 80}
    assert fields.value({}, "description") == ""
    assert fields.value({"competences": {"digcomp": ["4.2"], "tt02": "x"}}, "competences") == {"digcomp": ["4.2"]}
    assert settings({}) == (8, 80) and settings({"draw": 3}) == (3, 80)


def test_question_type_table_drives_parsing_and_messages():
    assert set(TYPE_KEYS) <= set(QUESTION_KEYS)
    for kind in question_types.TYPES:
        assert kind.answers_key in QUESTION_KEYS
        assert f"{kind.name} ({kind.name_vi})" in messages.bad_type("x")
        for key in kind.own_keys:
            assert TYPE_KEYS[key] == kind.name
            assert messages.only_for_type(key, kind.name).startswith(f"`{key}` chỉ dùng cho {kind.name_vi}.")
        if kind.answers_key != question_types.OPTIONS_KEY:
            assert kind.how_vi in messages.options_not_for(kind.name)
