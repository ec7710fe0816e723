"""The site build: passes on the real course, fails on each kind of bad quiz with file and line."""

import re
import unicodedata

import pytest

from conftest import ROOT, mkdocs_build, write_child_config
from hocvuso.search.shards import read_docs

QUIZ = """```quiz
id: cau-hoi
question: Ai được hỏi mã OTP?
options:
  - text: Nhân viên ngân hàng
  - text: Không ai cả
    correct: true
explanation: Mã OTP chỉ dành cho bạn.
```
"""


def build_page(tmp_path, markdown: str, strict: bool = True, other: str | None = None):
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (content / "bai.md").write_text(markdown, encoding="utf-8")
    if other is not None:
        (content / "bai-khac.md").write_text(other, encoding="utf-8")
    return mkdocs_build(write_child_config(tmp_path), tmp_path / "site", strict=strict)


def test_real_course_builds_strict_without_warnings(site):
    assert (site / "phong-chong-lua-dao" / "01-cuoc-goi-lua-dao.html").exists()
    result = mkdocs_build(ROOT / "mkdocs.yml", site.parent / "again")
    assert result.returncode == 0
    assert not re.search(r"^(WARNING|ERROR)", result.stderr, re.MULTILINE), result.stderr


@pytest.mark.parametrize(
    "markdown, line_and_message",
    [
        (QUIZ.replace("    correct: true", "    corect: true"), "content/bai.md:9:5: lỗi: Không có trường `corect`."),
        (QUIZ.replace("    correct: true\n", ""), "content/bai.md:6:1: lỗi: Câu hỏi chưa có đáp án đúng."),
        (QUIZ.replace("  - text: Nhân viên ngân hàng", "  - text: Nhân viên ngân hàng\n    correct: true"),
         "content/bai.md:9:5: lỗi: Câu hỏi một đáp án (single) nhưng có 2 lựa chọn"),
        (QUIZ.replace("Nhân viên ngân hàng", "''"), "content/bai.md:7:5: lỗi: Lựa chọn thứ 1 để trống."),
        (QUIZ.replace("question: Ai", "question: Hỏi: ai"), "content/bai.md:5:14: lỗi: Khối quiz sai cú pháp YAML"),
        ("!!! note\n\n    " + QUIZ.replace("\n", "\n    ").replace("correct", "dung"),
         "content/bai.md:11:9: lỗi: Không có trường `dung`."),
    ],
    ids=["unknown-key", "no-correct", "two-correct", "empty-option", "yaml-syntax", "inside-admonition"],
)
def test_bad_quiz_fails_strict_build_with_file_and_line(tmp_path, markdown, line_and_message):
    result = build_page(tmp_path, "# Bài\n\n" + markdown)
    assert result.returncode != 0
    assert line_and_message in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_quiz_is_an_error_box_never_a_code_block(tmp_path):
    result = build_page(tmp_path, "# Bài\n\n" + QUIZ.replace("correct", "corect"), strict=False)
    html = (tmp_path / "site" / "bai.html").read_text(encoding="utf-8")
    assert 'class="hvs-quiz-error" role="alert"' in html
    assert "content/bai.md:9:5: lỗi: Không có trường `corect`." in html
    assert "corect: true" not in html and "<code" not in html
    assert "ERROR" in result.stderr


def test_duplicate_quiz_id_on_two_pages_fails(tmp_path):
    result = build_page(tmp_path, "# Bài\n\n" + QUIZ, other="# Bài khác\n\n" + QUIZ)
    assert result.returncode != 0
    assert "content/bai.md:4:5: lỗi: Mã quiz `cau-hoi` đã dùng ở content/bai-khac.md:4." in result.stderr


def test_a_module_test_bank_with_a_lesson_quiz_id_fails(tmp_path):
    """A bank and a lesson's quiz with one id would share learners' saved answers."""
    import shutil

    folder = tmp_path / "khoa-nho"
    shutil.copytree(ROOT / "tests" / "fixtures" / "khoa-nho", folder)
    bank = folder / "quizzes" / "mo-dau.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("id: ngan-hang-mo-dau", "id: khoa-nho-bai-1"), encoding="utf-8")
    result = mkdocs_build(write_child_config(folder), tmp_path / "site")
    assert result.returncode != 0
    assert "quizzes/mo-dau.yml:1:5: lỗi: Mã quiz `khoa-nho-bai-1` đã dùng ở content/mo-dau/01-bai-1.md:" in result.stderr


def test_decomposed_text_fails_strict_and_is_normalised_by_a_normal_build(tmp_path):
    markdown = "# Bài\n\n" + QUIZ.replace("Không ai cả", unicodedata.normalize("NFD", "Không ai cả"))
    strict = build_page(tmp_path, markdown)
    assert strict.returncode != 0
    assert 'content/bai.md:8:13: cảnh báo: Chữ "Không" được gõ ở dạng Unicode tổ hợp' in strict.stderr
    normal = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site", strict=False)
    assert normal.returncode == 0 and "WARNING" in normal.stderr
    html = (tmp_path / "site" / "bai.html").read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", html) and "Không ai cả" in html


def test_quiz_renders_inside_tabs_and_headings_get_vietnamese_slugs(tmp_path):
    tabbed = '## Định nghĩa\n\n=== "Thẻ một"\n\n    ' + QUIZ.replace("\n", "\n    ") + "\n"
    result = build_page(tmp_path, "# Bài\n\n" + tabbed)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "bai.html").read_text(encoding="utf-8")
    assert 'id="dinh-nghia"' in html
    assert re.search(r'class="tabbed-block">\s*<div class="hvs-quiz" data-quiz="cau-hoi"', html)


def test_answers_feedback_and_explanations_are_not_in_the_page_or_search_index(tmp_path):
    quiz = (
        QUIZ.replace("Mã OTP chỉ dành cho bạn.", "GIAITHICH-BIMAT")
        .replace("  - text: Nhân viên ngân hàng", "  - text: Nhân viên ngân hàng\n    feedback: PHANHOI-BIMAT")
        .replace("explanation:", "hint: GOIY-BIMAT\nexplanation:")
    )
    assert build_page(tmp_path, "# Bài\n\n" + quiz).returncode == 0
    html = (tmp_path / "site" / "bai.html").read_text(encoding="utf-8")
    docs = read_docs(tmp_path / "site")  # every section the search holds (hocvuso/search/shards.py)
    index = " ".join(title + " " + text for _, title, text in docs)
    assert "Không ai cả" in html and "Không ai cả" not in index  # the options are shown, not indexed...
    for secret in ["GIAITHICH-BIMAT", "PHANHOI-BIMAT", "GOIY-BIMAT", "correct:", "data-correct"]:
        assert secret not in html and secret not in index  # ...but not which is right, nor the explanations
    for interface_word in ["Kiểm tra", "Làm lại", "Xem gợi ý", "Câu 1/"]:
        assert interface_word not in index  # buttons are not search results
    assert "Ai được hỏi mã OTP?" in index  # the question itself is


def test_interface_is_vietnamese(site):
    html = (site / "phong-chong-lua-dao" / "01-cuoc-goi-lua-dao.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in html
    for english in ["Skip to content", "Back to top", "Initializing search", "Search", "Table of contents", "Next", "Previous"]:
        assert f">{english}<" not in html and f'"{english}"' not in html, english
    assert "Bỏ qua, đến nội dung chính" in html


def test_no_resource_is_loaded_from_another_host(site):
    outside = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""", re.I)
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not outside.search(html), (path, outside.search(html).group(0))
    for path in site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", path.read_text(encoding="utf-8")), path
