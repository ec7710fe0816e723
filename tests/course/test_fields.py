"""The tables that declare front-matter fields (fields.py) and question types (question_types.py)
once, and what is derived from them."""

import jsonschema
import pytest
import yaml

from conftest import ROOT
from hocvuso.course import fields
from hocvuso.catalogue import messages
from hocvuso.catalogue import question_types
from hocvuso.check.page_checks import PageContext, check_page
from hocvuso.course.structure import LESSON, MODULE
from hocvuso.pages.module_test import settings
from hocvuso.quiz.parsing import QUESTION_KEYS, TYPE_KEYS
from hocvuso.check.schema import front_matter_schema
from hocvuso.course.template_text import TEMPLATE_TEXTS

QUIZ = "\n# Bài\n\n## Câu hỏi ôn tập\n\n```quiz\nid: a\nquestion: Hỏi?\noptions:\n  - text: Có\n    correct: true\n  - text: Không\n```\n"


UNREAD = f"content/chuong/bai.md:1:1: gợi ý: {messages.no_second_reading()}"


def diagnostics(front_matter: str, kind: str) -> list[str]:
    report = check_page("content/chuong/bai.md", f"---\n{front_matter}\n---\n{QUIZ}", PageContext(kind))
    return [problem.format() for problem in report.diagnostics]


def unread(kind: str) -> list[str]:
    """What a lesson without `second_reading:` gets: one notice, not an error (the check passes)."""
    return [UNREAD] if kind == LESSON else []


def test_contributing_guide_lists_the_fields_of_the_table():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert fields.with_guide_tables(text) == text, "run: .venv/bin/python -m hocvuso.course.fields"


@pytest.mark.parametrize("kind, table", [(LESSON, fields.LESSON_FIELDS), (MODULE, fields.MODULE_FIELDS)])
def test_the_examples_pass_the_check_and_the_schema(kind, table):
    example = fields.example_front_matter(table)
    assert diagnostics(example, kind) == unread(kind)  # the example holds no made-up second reading
    every = "\n".join(spec.example_block() for spec in table)  # the optional fields too
    assert diagnostics(every, kind) == []
    if kind == LESSON:
        jsonschema.validate(yaml.safe_load(example), front_matter_schema())


@pytest.mark.parametrize("kind, table", [(LESSON, fields.LESSON_FIELDS), (MODULE, fields.MODULE_FIELDS)])
def test_new_lesson_skeleton_is_valid_yaml_and_only_its_prompts_are_refused(kind, table):
    skeleton = fields.skeleton_front_matter(table, title="Tên có dấu hai chấm: vẫn đúng", order=3)
    assert yaml.safe_load(skeleton)["title"] == "Tên có dấu hai chấm: vẫn đúng"
    # A new lesson has not been read a second time: the skeleton must not say it has.
    assert "second_reading" not in skeleton
    # Every prompt ("Viết ...") is the template's text, reported once; nothing else is wrong.
    problems = diagnostics(skeleton, kind)
    template = [problem for problem in problems if "chữ mẫu của lệnh `hocvuso new`" in problem]
    assert len(template) == 1, problems
    assert [problem for problem in problems if problem not in template] == unread(kind)
    filled = skeleton.replace(fields.COMPETENCE_PROMPT, "4.2")
    for prompt in TEMPLATE_TEXTS:
        filled = filled.replace(prompt, "Nội dung.")
    assert diagnostics(filled, kind) == unread(kind)


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
        "content/chuong/bai.md:5:1: lỗi: `minutes` phải là số phút từ 1 đến 120, ví dụ `minutes: 10`.", UNREAD]


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


LESSON_EXAMPLE = fields.example_front_matter(fields.LESSON_FIELDS)


@pytest.mark.parametrize("written", [
    'second_reading:\n  by: Trần Thị Lan\n  date: "2026-12-07"',
    "second_reading:\n  by: Trần Thị Lan\n  date: 2026-12-07",  # unquoted: YAML reads a date, accepted
    "second_reading: {by: Trần Thị Lan, date: '2026-02-28'}",
])
def test_a_recorded_second_reading_gives_no_message(written):
    assert diagnostics(f"{LESSON_EXAMPLE}\n{written}", LESSON) == []
    meta = yaml.safe_load(written)
    assert fields.value(meta, "second_reading") == {"by": "Trần Thị Lan", "date": meta["second_reading"]["date"].__str__()}
    jsonschema.validate({**yaml.safe_load(LESSON_EXAMPLE), "second_reading": {"by": "Lan", "date": "2026-12-07"}},
                        front_matter_schema())


def test_a_lesson_without_second_reading_gets_a_notice_and_a_module_page_none():
    assert diagnostics(LESSON_EXAMPLE, LESSON) == [UNREAD]
    assert diagnostics(f"{LESSON_EXAMPLE}\nsecond_reading:", LESSON) == [UNREAD]  # written but empty: not read
    assert ": gợi ý: " in UNREAD  # a notice: shown, never failing the check or the build
    module = fields.example_front_matter(fields.MODULE_FIELDS)
    assert diagnostics(module, MODULE) == []
    assert "second_reading" not in [spec.name for spec in fields.MODULE_FIELDS]


SECOND_BY = ("`second_reading.by` phải là tên người đã đọc lần hai (một người khác, không phải người viết bài), "
             "ví dụ `by: Tên người đọc lần hai`.")
SECOND_DATE = ('`second_reading.date` phải là ngày đọc lần hai có thật, dạng năm-tháng-ngày trong dấu ngoặc kép, '
               'ví dụ `date: "2026-12-07"`.')


@pytest.mark.parametrize("written, expected", [
    ('  by: ""\n  date: "2026-12-07"', [f"14:1: lỗi: {SECOND_BY}"]),
    ('  by:\n  date: "2026-12-07"', [f"14:1: lỗi: {SECOND_BY}"]),
    ('  by: Lan\n  date: "2026-02-30"', [f"15:1: lỗi: {SECOND_DATE}"]),  # quoted, but no such day
    ('  by: Lan\n  date: "7/12/2026"', [f"15:1: lỗi: {SECOND_DATE}"]),
    ('  by: Lan\n  date: "2026-12-7"', [f"15:1: lỗi: {SECOND_DATE}"]),
    ("  by: Lan\n  date: 2026-12-07 10:30", [f"15:1: lỗi: {SECOND_DATE}"]),  # a time too: not a day
    ("  by: Lan\n  date: 2026-02-30", ["15:9: lỗi: " + messages.impossible_value("2026-02-30")]),  # the YAML reader's
    ("  by: Lan", ['13:1: lỗi: Thiếu trường `second_reading.date`. Hãy thêm dòng `date: "2026-12-07"`.']),
    ('  by: Lan\n  ngay: "2026-12-07"',
     ["15:1: lỗi: Không có trường `second_reading.ngay`. Các trường dùng được ở đây: `by`, `date`.",
      '13:1: lỗi: Thiếu trường `second_reading.date`. Hãy thêm dòng `date: "2026-12-07"`.']),
    ('  by: Lan\n  dat: "2026-12-07"', ["15:1: lỗi: Không có trường `second_reading.dat`. Có phải bạn muốn viết `date`?"]),
])
def test_a_malformed_second_reading_is_an_error_with_the_fix(written, expected):
    assert LESSON_EXAMPLE.count("\n") == 10  # second_reading: is on line 13 of the file
    assert diagnostics(f"{LESSON_EXAMPLE}\nsecond_reading:\n{written}", LESSON) == [f"content/chuong/bai.md:{e}" for e in expected]


def test_a_second_reading_that_is_not_a_mapping_shows_the_whole_example():
    assert diagnostics(f"{LESSON_EXAMPLE}\nsecond_reading: Lan, 7/12/2026", LESSON) == [
        "content/chuong/bai.md:13:1: lỗi: `second_reading` phải là tên người đọc lần hai và ngày đọc, ví dụ:\n"
        'second_reading:\n  by: Tên người đọc lần hai\n  date: "2026-12-07".']


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


def test_a_new_lesson_shows_a_video_block_to_copy_hidden_in_a_comment(tmp_path):
    """`hocvuso new` (#28): every key of the video block with its example, in a comment the page hides
    and the check does not read as a block; uncommented, the lines are the block's YAML."""
    import yaml

    from hocvuso.course.fields import VIDEO_FIELDS
    from hocvuso.course.new_lesson import plan_lesson

    text = plan_lesson(tmp_path / "content", "chuong", "Bài mới", set(), "Chương").text
    note = text[text.index("<!-- Muốn thêm video"):]
    note = note[:note.index("-->")]
    assert not any(line.startswith("```") for line in note.splitlines())
    example = yaml.safe_load("\n".join(note.splitlines()[2:]))
    assert list(example) == [spec.name for spec in VIDEO_FIELDS]
    assert example["also"] == ["video/tra-tien-dien.mp4"] and example["file"].endswith(".webm")
