"""The plain-language rules (style.yml): what each rule finds, where, and what it says.

tests/golden/messages/style-rules and style-files hold the exact output of `hocvuso check` for
every rule and every mistake in style.yml; here are the rules' edges, the build, and the course.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, mkdocs_build, write_child_config
from hocvuso import cli
from hocvuso.catalogue import messages
from hocvuso.catalogue.diagnostics import NOTICE
from hocvuso.check.glossary_links import unlinked_glossary_terms
from hocvuso.check.style import StyleFile, check_file, other_tone_style
from hocvuso.course import style_rules
from hocvuso.course.style_rules import NEW_TONES, OLD_TONES, StyleRules
from hocvuso.source.prose import prose_units, sentences

GOLDEN = ROOT / "tests" / "golden" / "messages" / "style-rules"


@pytest.mark.parametrize("old, new", [
    ("hòa", "hoà"), ("Hòa", "Hoà"), ("HÒA", "HOÀ"), ("khỏe", "khoẻ"), ("thủy", "thuỷ"), ("xóa", "xoá"),
    ("tùy", "tuỳ"), ("họa", "hoạ"), ("góa", "goá"), ("khóa", "khoá"), ("nhòe", "nhoè"),
])
def test_the_two_tone_styles_turn_into_each_other(old, new):
    assert other_tone_style(old, NEW_TONES) == new
    assert other_tone_style(new, OLD_TONES) == old
    assert other_tone_style(new, NEW_TONES) is None
    assert other_tone_style(old, OLD_TONES) is None


@pytest.mark.parametrize("word", ["quý", "quỷ", "hoàng", "thuyền", "khuỷu", "hoặc", "khoẻo", "toán", "người", "hoa", "quá"])
def test_words_written_the_same_in_both_styles_are_left_alone(word):
    assert other_tone_style(word, NEW_TONES) is None
    assert other_tone_style(word, OLD_TONES) is None


def _problems(text: str, rules: StyleRules, markdown: bool = True, terms=(), glossary_from="../tu-dien.md", **kwargs):
    file = StyleFile("bai.md", text, markdown, glossary_from=glossary_from, **kwargs)
    return [(p.line, p.column, p.severity, p.message) for p in check_file(file, rules, list(terms))]


SPELLING = StyleRules(tones=NEW_TONES)


def test_spelling_is_found_where_it_is_written_and_not_in_code_links_or_facts():
    text = "Bấm `khóa` rồi [khóa máy](khóa.md) {{ fact:khóa }}.\n<!-- khóa -->\nMở khóa."
    assert [(line, column) for line, column, *_ in _problems(text, SPELLING)] == [(1, 17), (3, 4)]


def test_a_marker_allows_its_own_line_or_the_next_one_and_names_a_rule():
    text = "Một khóa. <!-- cho-phep: chinh-ta -->\n<!-- cho-phep: chinh-ta -->\n\nHai khóa.\nBa khóa.\n<!-- cho-phep: chinh-taa -->"
    found = _problems(text, SPELLING)
    assert [(line, column) for line, column, *_ in found] == [(5, 4), (6, 16)]
    assert found[1][3] == messages.unknown_style_rule("chinh-taa", SPELLING.rule_ids)


def test_yaml_comments_are_not_text_but_markers_there_work_on_the_line_before():
    text = "# khóa trong chú thích\nquestion: Mở khóa\n# cho-phep: chinh-ta\nexplanation: Mở khóa\n"
    assert [(line, column) for line, column, *_ in _problems(text, SPELLING, markdown=False)] == [(2, 14)]


LONG = StyleRules(max_syllables=6, long_sentence_severity=NOTICE)


def test_long_sentences_are_counted_by_syllable_and_located_at_their_start():
    text = ("---\ntitle: Một hai ba bốn năm sáu bảy\n---\n\n# Một hai ba bốn năm sáu bảy tám\n\n"
            "Câu ngắn. Câu này có đúng bảy tiếng thôi.\n"
            "- Mục [một hai](../a.md) {{ fact:x }} ba bốn năm sáu\n\n"
            '!!! note "Một hai ba bốn năm sáu bảy"\n    Trong hộp, một hai ba bốn năm sáu bảy.\n\n'
            "| Một hai ba bốn năm sáu bảy | ngắn |\n|---|---|\n\n```text\nmột hai ba bốn năm sáu bảy tám\n```\n")
    found = _problems(text, LONG, skipped=frozenset({1, 2, 3, 16, 17, 18}))
    # Front matter and code are no prose; the heading, the box's title and the table cell are.
    assert [(line, column) for line, column, *_ in found] == [(5, 3), (7, 11), (8, 3), (10, 11), (11, 5), (13, 3)]
    assert found[1][3] == messages.long_sentence(7, 6)


def test_a_sentence_ends_at_its_stop_not_at_a_dot_inside_an_address_or_number():
    assert [s for _, s in sentences("Vào abc.vn để xem 1.000 tin. Xong!  Rồi")] == [
        "Vào abc.vn để xem 1.000 tin.", "Xong!", "Rồi"]


TERMS = [("mã OTP", "ma-otp"), ("ứng dụng", "ung-dung"), ("kho ứng dụng", "kho-ung-dung")]
GLOSSARY = StyleRules(glossary_link_severity=NOTICE)


def _unlinked(text: str):
    return [(line, column, term) for line, column, term, _ in unlinked_glossary_terms(prose_units(text, set()), TERMS)]


def test_a_glossary_term_is_linked_on_its_first_use_only():
    assert _unlinked("Đọc [mã OTP](../tu-dien.md#ma-otp). Không đọc mã OTP cho ai.") == []
    assert _unlinked("Không đọc mã OTP. Đọc [mã OTP](../tu-dien.md#ma-otp).") == [(1, 11, "mã OTP")]
    # A link to another page is a title, not a use; a use inside another entry's link is no use either.
    assert _unlinked("Xem bài [Giữ mã OTP](../a.md). Đọc mã OTP.") == [(1, 36, "mã OTP")]
    assert _unlinked("Xem bài [Giữ mã OTP](../a.md).") == []


def test_a_term_inside_a_longer_term_belongs_to_the_longer_one_and_headings_do_not_count():
    text = "## Mã OTP và ứng dụng\n\nMở [kho ứng dụng](../tu-dien.md#kho-ung-dung), cài ứng dụng."
    assert _unlinked(text) == [(3, 52, "ứng dụng")]


def test_a_phrase_listed_to_ignore_is_not_a_use_of_the_term_inside_it():
    terms = [("tin giả", "tin-gia")]
    text = "Kẻ gian nhắn tin giả làm người thân. Đừng chia sẻ tin giả."

    def unlinked(ignore):
        return [(line, column) for line, column, *_ in unlinked_glossary_terms(prose_units(text, set()), terms, ignore)]

    assert unlinked(()) == [(1, 14)]  # "tin giả" read across "nhắn tin" and "giả làm"
    assert unlinked(("tin giả làm",)) == [(1, 51)]
    rules, problems = style_rules.read_style([("style.yml", "glossary_link:\n  ignore: [Tin giả  làm]\n"),
                                        ("style.local.yml", "glossary_link:\n  ignore: [tin giả danh]\n")])
    assert problems == [] and rules.glossary_ignore == ("Tin giả làm", "tin giả danh")
    assert [(line, column) for line, column, *_ in unlinked_glossary_terms(
        prose_units(text, set()), terms, rules.glossary_ignore)] == [(1, 51)]
    _, problems = style_rules.read_style([("style.yml", "glossary_link:\n  ignore: tin giả làm\n")])
    assert [problem.line for problem in problems] == [1]


def test_glossary_links_are_asked_of_lessons_only():
    assert _problems("Cài ứng dụng.", GLOSSARY, terms=TERMS, glossary_from=None) == []
    assert _problems("Cài ứng dụng.", GLOSSARY, terms=TERMS) == [
        (1, 5, NOTICE, messages.glossary_not_linked("ứng dụng", "../tu-dien.md#ung-dung"))]


def test_an_avoided_word_only_in_multiple_questions_is_looked_for_there():
    rules = StyleRules(avoid=(style_rules.AvoidRule("chon-tat-ca", ("chọn tất cả",), "Trang đã ghi", "bỏ", only_in="multiple"),))
    text = "question: Bạn chọn tất cả nhé\nquestion: Bạn chọn tất cả nhé\n"
    found = _problems(text, rules, markdown=False, questions=(("single", "Bạn chọn tất cả nhé", 1), ("multiple", "Bạn chọn tất cả nhé", 2)))
    assert [(line, column) for line, column, *_ in found] == [(2, 15)]


def _check(folder, *args):
    out, err = io.StringIO(), io.StringIO()
    previous = os.getcwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["check", *args])
    finally:
        os.chdir(previous)
    return code, out.getvalue(), err.getvalue()


def _notices_only(tmp_path):
    folder = tmp_path / "khoa"
    shutil.copytree(GOLDEN, folder, ignore=shutil.ignore_patterns("expected.txt", "style.local.yml", "quizzes"))
    (folder / "style.yml").write_text(
        "long_sentence:\n  max_syllables: 12\nglossary_link:\n  severity: notice\navoid:\n  - id: quan-huyen\n"
        "    words: [huyện]\n    reason: Không còn cấp huyện\n    severity: notice\n", encoding="utf-8")
    lesson = folder / "content" / "chuong" / "01-bai.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(", cau-daii", ""), encoding="utf-8")
    return folder


def test_notices_alone_pass_the_check_and_are_counted_apart(tmp_path):
    code, out, err = _check(_notices_only(tmp_path))
    assert code == 0, out + err
    assert out.count(": gợi ý: ") == 6  # five on style, one for the lesson's missing second reading
    assert err.strip().endswith("Không có lỗi: đã kiểm tra 2 tệp, 1 khối câu hỏi. Có thêm 6 gợi ý (nên sửa, không bắt buộc).")


def test_notices_are_github_notices(tmp_path):
    code, out, _ = _check(_notices_only(tmp_path), "--format", "github")
    assert code == 0
    first, second = out.splitlines()[:2]
    assert first.startswith("::notice file=content/chuong/01-bai.md,line=1,col=1::Bài này chưa được đọc lần hai.")
    assert second.startswith("::notice file=content/chuong/01-bai.md,line=17,col=58::“ứng dụng” có trong Từ điển")


def test_the_strict_build_shows_notices_and_fails_on_style_errors(tmp_path):
    folder = _notices_only(tmp_path)
    build = mkdocs_build(write_child_config(folder), tmp_path / "site")
    assert build.returncode == 0, build.stderr
    assert "INFO    -  content/chuong/01-bai.md:26:24: gợi ý: Câu dài 14 tiếng (quá 12)" in build.stderr
    (folder / "style.yml").write_text("spelling:\n  tones: moi\n", encoding="utf-8")
    build = mkdocs_build(write_child_config(folder), tmp_path / "site")
    assert build.returncode != 0
    assert "ERROR   -  content/chuong/01-bai.md:2:16: lỗi: Viết “khoá” thay cho “khóa”" in build.stderr


def test_the_national_course_has_no_style_error():
    result = subprocess.run([sys.executable, "-m", "hocvuso.cli", "check"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout
    assert ": lỗi: " not in result.stdout
