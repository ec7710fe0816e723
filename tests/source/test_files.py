"""One reader for every writer's file (source/files.py): the same message for a file in the same
bad state whichever file it is, and no tree that contains itself reaches any code that walks it."""

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, mkdocs_build, write_child_config
from hocvuso.catalogue import messages
from hocvuso.check.page_checks import check_bank, check_page
from hocvuso.course.facts import FactRegistry
from hocvuso.course.glossary import read_glossary
from hocvuso.source.files import read_text, read_yaml
from hocvuso.source.front_matter import read_front_matter

NOT_UTF8 = messages.not_utf8()
ANCHOR = messages.yaml_anchor("&id001")


def test_read_text_drops_the_byte_order_mark_and_reports_bytes_that_are_not_utf8(tmp_path):
    path = tmp_path / "facts.yml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert read_text(path, "facts.yml") == ("a: 1\n", [])
    path.write_bytes(b"a:\n  value: \"H\xe9\"\n")
    text, problems = read_text(path, "facts.yml")
    assert text is None and [problem.format() for problem in problems] == [f"facts.yml:2:12: lỗi: {NOT_UTF8}"]


def test_read_yaml_places_problems_from_the_line_the_text_starts_on():
    root, problems = read_yaml("a: [1\n", "x.yml", messages.glossary_syntax, first_line=2)
    assert root is None and [problem.line for problem in problems] == [3]
    assert read_yaml("\ufeff- a\n", "x.yml", messages.glossary_syntax)[1] == []


def _course_copy(tmp_path):
    for name in ("content", "quizzes"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for name in ("facts.yml", "glossary.yml", "style.yml", "synonyms.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def _latin1_facts(folder):
    """facts.yml saved in another encoding: an é written as one byte on its third line."""
    data = (folder / "facts.yml").read_bytes().split(b"\n")
    data[2] = data[2] + b" # caf\xe9"
    (folder / "facts.yml").write_bytes(b"\n".join(data))
    column = len(data[2][:-1].decode("utf-8")) + 1
    return f"facts.yml:3:{column}: lỗi: {NOT_UTF8}"


def test_facts_yml_not_in_utf8_is_a_message_from_hocvuso_check(tmp_path):
    """It was a UnicodeDecodeError traceback, where the glossary in the same state had this message."""
    folder = _course_copy(tmp_path)
    expected = _latin1_facts(folder)
    result = subprocess.run([sys.executable, "-m", "hocvuso.cli", "check"], capture_output=True, text=True, cwd=folder)
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 1
    assert expected in result.stdout.splitlines()


def test_facts_yml_not_in_utf8_is_a_message_from_the_build(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (tmp_path / "facts.yml").write_bytes(b"a:\n  value: \"H\xe9\"\n")
    result = mkdocs_build(write_child_config(tmp_path), tmp_path / "site")
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 1
    assert f"ERROR   -  facts.yml:2:12: lỗi: {NOT_UTF8}" in result.stderr


def test_every_data_file_reports_the_same_undecodable_bytes(tmp_path):
    for name in ("facts.yml", "glossary.yml"):
        (tmp_path / name).write_bytes(b"- \xe9\n")
    registry, problems = FactRegistry.load([tmp_path / "facts.yml"], ["facts.yml"])
    assert [problem.format() for problem in problems] == [f"facts.yml:1:3: lỗi: {NOT_UTF8}"]
    assert [problem.format() for problem in read_text(tmp_path / "glossary.yml", "glossary.yml")[1]] == [
        f"glossary.yml:1:3: lỗi: {NOT_UTF8}"]


# A block whose YAML refers to itself, and a list that contains itself: each made the check and the
# strict build die with a RecursionError in markup_safety.py (walk, _scan), naming no file.
SELF_REFERRING = {
    "block": "&id001\nid: a\nquestion: Hỏi <b>gì</b>?\noptions:\n  - text: Có\n    correct: true\n    feedback: *id001\n  - text: Không\n",
    "list": "id: a\nquestion: Hỏi <b>gì</b>?\noptions: &id001\n  - text: Có\n    correct: true\n  - *id001\n",
}


@pytest.mark.parametrize("shape", SELF_REFERRING)
def test_a_quiz_block_that_contains_itself_is_refused_at_its_anchor(shape):
    source = SELF_REFERRING[shape]
    line = 4 + next(number for number, text in enumerate(source.split("\n")) if "&id001" in text)
    column = 1 + source.split("\n")[line - 4].index("&id001")
    report = check_page("content/bai.md", f"# Bài\n\n```quiz\n{source}```\n")
    assert [problem.format() for problem in report.diagnostics] == [f"content/bai.md:{line}:{column}: lỗi: {ANCHOR}"]


@pytest.mark.parametrize("shape", SELF_REFERRING)
def test_a_bank_that_contains_itself_is_refused_at_its_anchor(shape):
    report = check_bank("quizzes/chuong.yml", SELF_REFERRING[shape])
    assert [problem.message for problem in report.diagnostics] == [ANCHOR]


def test_front_matter_and_data_files_that_contain_themselves_are_refused():
    meta, problems = read_front_matter("---\ntitle: &id001 [*id001]\n---\n# Bài\n", "bai.md")
    assert [problem.format() for problem in problems] == [f"bai.md:2:8: lỗi: {ANCHOR}"]
    assert [p.format() for p in read_glossary("- &id001 [*id001]\n", "glossary.yml")[1]] == [f"glossary.yml:1:3: lỗi: {ANCHOR}"]
    assert [p.format() for p in FactRegistry()._read("a: &id001\n  value: *id001\n", "facts.yml")] == [
        f"facts.yml:1:4: lỗi: {ANCHOR}"]


def test_the_strict_build_reports_a_quiz_block_and_front_matter_that_contain_themselves(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (tmp_path / "content" / "bai.md").write_text(f"# Bài\n\n```quiz\n{SELF_REFERRING['block']}```\n", encoding="utf-8")
    (tmp_path / "content" / "trang.md").write_text("---\ntitle: &id001 [*id001]\n---\n# Trang\n", encoding="utf-8")
    result = mkdocs_build(write_child_config(tmp_path), tmp_path / "site")
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 1
    assert f"ERROR   -  content/bai.md:4:1: lỗi: {ANCHOR}" in result.stderr
    assert f"ERROR   -  content/trang.md:2:8: lỗi: {ANCHOR}" in result.stderr
