"""The JSON Schemas editors use agree with the checker, and with the real files."""

import json

import jsonschema
import pytest
import yaml

from conftest import ROOT
from hocvuso.source.blocks import fenced_blocks
from hocvuso.source.front_matter import read_front_matter
from hocvuso.course.structure import LESSON, page_kind
from hocvuso.check.schema import SCHEMAS


def schema(name: str) -> dict:
    return json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_published_schemas_are_up_to_date(name):
    assert schema(name) == SCHEMAS[name](), "run: .venv/bin/hocvuso schema"


def real_quiz_sources():
    for path in sorted((ROOT / "content").rglob("*.md")):
        for block in fenced_blocks(path.read_text(encoding="utf-8")):
            if block.language == "quiz":
                yield f"{path.name}:{block.opener_line}", block.body
    for path in sorted((ROOT / "quizzes").glob("*.yml")):
        yield path.name, path.read_text(encoding="utf-8")


def test_every_real_quiz_matches_the_schema():
    validator = jsonschema.Draft202012Validator(schema("quiz.schema.json"))
    sources = list(real_quiz_sources())
    assert len(sources) >= 10
    for where, source in sources:
        errors = [error.message for error in validator.iter_errors(yaml.safe_load(source))]
        assert errors == [], where


def test_facts_glossary_and_lesson_front_matter_match_their_schemas():
    jsonschema.validate(yaml.safe_load((ROOT / "facts.yml").read_text(encoding="utf-8")), schema("facts.schema.json"))
    jsonschema.validate(yaml.safe_load((ROOT / "glossary.yml").read_text(encoding="utf-8")), schema("glossary.schema.json"))
    validator = jsonschema.Draft202012Validator(schema("lesson-front-matter.schema.json"))
    lessons = [path for path in (ROOT / "content").rglob("*.md") if page_kind(path.relative_to(ROOT / "content").as_posix()) == LESSON]
    assert len(lessons) >= 4
    for path in lessons:
        meta = read_front_matter(path.read_text(encoding="utf-8"), path.name)[0].values
        assert [error.message for error in validator.iter_errors(meta)] == [], path


@pytest.mark.parametrize(
    "quiz",
    [
        "id: a\nquestion: Hỏi?\noptions:\n  - text: A\n    corect: true\n  - text: B\n",
        "id: a\ntype: truefalse\nquestion: Câu.\noptions: [{text: A}, {text: B}]\n",
        "id: a\ntype: truefalse\nquestion: Câu.\n",
        "id: Câu 1\nquestion: Hỏi?\noptions: [{text: A, correct: true}, {text: B}]\n",
        "id: a\ntype: nhieu\nquestion: Hỏi?\noptions: [{text: A, correct: true}, {text: B}]\n",
        "id: a\nquestion: Hỏi?\noptions: [{text: A, correct: có}, {text: B}]\n",
        "id: a\ntype: fillin\nquestion: Gõ.\n",
        "id: a\ntype: fillin\nquestion: Gõ.\nanswers: [x]\noptions: [{text: A}, {text: B}]\n",
        "id: a\ntype: fillin\nquestion: Gõ.\nanswers: [x]\nmatch: so\n",
        "id: a\ntype: ordering\nquestion: Xếp.\nsteps: [A, B]\n",
        "id: a\ntype: matching\nquestion: Ghép.\npairs: [{left: A, right: B}, {left: C}]\n",
        "id: a\nquestion: Hỏi?\nanswers: [x]\noptions: [{text: A, correct: true}, {text: B}]\n",
        "id: a\nquestion: Hỏi?\nhint: []\noptions: [{text: A, correct: true}, {text: B}]\n",
    ],
    ids=["typo", "truefalse-with-options", "truefalse-without-answer", "bad-id", "unknown-type", "correct-not-boolean",
         "fillin-without-answers", "fillin-with-options", "fillin-bad-match", "ordering-two-steps", "matching-missing-right",
         "answers-in-single", "empty-hint-list"],
)
def test_schema_underlines_the_mistakes_the_checker_reports(quiz):
    assert not jsonschema.Draft202012Validator(schema("quiz.schema.json")).is_valid(yaml.safe_load(quiz))


@pytest.mark.parametrize(
    "quiz",
    [
        "id: a\ntype: fillin\nquestion: Gõ.\nanswers: [x]\nmatch: number\nhint: [Một, Hai]\n",
        "id: a\ntype: ordering\nquestion: Xếp.\nsteps: [A, B, C]\n",
        "id: a\ntype: matching\nquestion: Ghép.\npairs: [{left: A, right: B}, {left: C, right: D}]\n",
    ],
    ids=["fillin", "ordering", "matching"],
)
def test_schema_accepts_the_new_types(quiz):
    assert jsonschema.Draft202012Validator(schema("quiz.schema.json")).is_valid(yaml.safe_load(quiz))


def test_the_style_rules_match_the_schema_and_the_schema_refuses_what_the_checker_refuses():
    validator = jsonschema.Draft202012Validator(schema("style.schema.json"))
    assert [error.message for error in validator.iter_errors(yaml.safe_load((ROOT / "style.yml").read_text(encoding="utf-8")))] == []
    wrong = yaml.safe_load((ROOT / "tests" / "golden" / "messages" / "style-files" / "style.yml").read_text(encoding="utf-8"))
    assert len(list(validator.iter_errors(wrong))) >= 4


def test_the_synonyms_match_the_schema_and_the_schema_refuses_what_the_checker_refuses():
    validator = jsonschema.Draft202012Validator(schema("synonyms.schema.json"))
    assert [error.message for error in validator.iter_errors(yaml.safe_load((ROOT / "synonyms.yml").read_text(encoding="utf-8")))] == []
    wrong = yaml.safe_load((ROOT / "tests" / "golden" / "messages" / "synonyms" / "synonyms.yml").read_text(encoding="utf-8"))
    assert len(list(validator.iter_errors(wrong))) >= 6


def test_the_video_block_schema_takes_the_contract_s_block_and_refuses_a_web_address():
    """#28: the writers' syntax validates; a URL, an unknown key or a missing caption file does not."""
    validator = jsonschema.Draft202012Validator(schema("video.schema.json"))
    good = {"file": "video/tra-tien-dien.webm", "captions": "video/tra-tien-dien.vtt", "poster": "video/tra-tien-dien.jpg",
            "title": "Trả tiền điện trên điện thoại", "also": ["video/tra-tien-dien.mp4"]}
    assert list(validator.iter_errors(good)) == []
    for bad in ({**good, "file": "https://www.youtube.com/watch?v=x"}, {**good, "also": ["http://x/y.mp4"]},
                {**good, "autoplay": True}, {key: value for key, value in good.items() if key != "captions"}):
        assert list(validator.iter_errors(bad)), bad
