"""Bad input never slips through: whatever a writer types, every YAML reader (front matter, quiz
blocks and banks, facts.yml, glossary.yml) answers with an exact Vietnamese message at file:line:col,
never a traceback, a hang, or a text silently changed."""

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import mkdocs_build, write_child_config
from hocvuso.catalogue import messages
from hocvuso.check.page_checks import PageContext, check_bank, check_page
from hocvuso.source.files import read_text
from hocvuso.course.facts import FactRegistry
from hocvuso.course.glossary import read_glossary

CONTROL = (
    "Có ký tự điều khiển U+0007 ở đây: không nhìn thấy trên màn hình, thường lẫn vào khi sao chép chữ "
    "từ nơi khác. Hãy xoá chữ ngay tại vị trí được báo và gõ lại bằng tay."
)
ANCHOR = (
    "`&l0`: dấu & hoặc * ở đầu nội dung là ký hiệu YAML để đặt tên và lặp lại một phần nội dung (anchor, alias). "
    "Bài học không bao giờ cần đến, nên không được dùng. Nếu nội dung bắt đầu bằng & hoặc *, hãy đặt cả câu "
    'trong dấu ngoặc kép "..."; muốn lặp lại một đoạn thì hãy chép lại đoạn đó.'
)
TAG_END = (
    ": dấu ! ở đầu nội dung là ký hiệu YAML (thẻ kiểu dữ liệu), làm nội dung bị đọc sai hoặc mất chữ. "
    'Nếu nội dung bắt đầu bằng dấu !, hãy đặt cả câu trong dấu ngoặc kép, ví dụ `text: "!Chú ý ..."`.'
)
COMPLEX_KEY = (
    "Tên trường phải là một từ như `question` hay `title`, không được là danh sách hay nhóm trường "
    "(dấu ? ở đầu dòng, hoặc dấu [ hay { đứng trước dấu hai chấm). "
    'Nếu đây là nội dung, hãy đặt cả câu trong dấu ngoặc kép "...".'
)
COMMENT_CUTS = 'dấu # đứng sau dấu cách làm mất phần chữ phía sau nó. Hãy đặt cả câu trong dấu ngoặc kép "...".'
NOT_UTF8 = "Tệp không lưu ở dạng UTF-8. Hãy mở tệp và lưu lại với bảng mã UTF-8."


def alias_bomb(levels: int = 5) -> str:
    """Nine copies of the level below on each level: 9**6 items once expanded, from a few hundred bytes.
    Five levels used as a complex key took 54 s and gave a message megabytes long before."""
    lines = ["l0: &l0 [a, a, a, a, a, a, a, a, a]"]
    lines += [f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]" for level in range(1, levels + 1)]
    return "\n".join(lines) + f"\n? *l{levels}\n: x\n"


def quiz_page(quiz_yaml: str) -> str:
    return f"# Bài\n\n```quiz\n{quiz_yaml}```\n"  # the YAML starts at line 4


GOOD_QUIZ = "id: cau-hoi\nquestion: Hỏi gì?\noptions:\n  - text: Có\n    correct: true\n  - text: Không\n"
FACTS = "tong-dai:\n  value: \"156\"\n  kind: phone\n  label: Tổng đài\n  source: https://x.vn\n  checked: 2026-01-15\n"


def page_problems(source: str) -> list[str]:
    return [problem.format() for problem in check_page("content/bai.md", source).diagnostics]


def facts_problems(text: str) -> list[str]:
    return [problem.format() for problem in FactRegistry()._read(text, "facts.yml")]


def glossary_problems(text: str) -> list[str]:
    return [problem.format() for problem in read_glossary(text, "glossary.yml")[1]]


# 2. No traceback, no hang.

def test_control_character_in_every_reader():
    assert page_problems("---\ntitle: Bài\x07\n---\n\n# Bài\n") == [f"content/bai.md:2:11: lỗi: {CONTROL}"]
    assert page_problems(quiz_page(GOOD_QUIZ.replace("Hỏi gì?", "Hỏi\x07 gì?"))) == [f"content/bai.md:5:14: lỗi: {CONTROL}"]
    assert [p.format() for p in check_bank("quizzes/a.yml", GOOD_QUIZ + "\x07").diagnostics] == [f"quizzes/a.yml:7:1: lỗi: {CONTROL}"]
    assert facts_problems(FACTS.replace("Tổng đài", "Tổng\x07 đài")) == [f"facts.yml:4:14: lỗi: {CONTROL}"]
    assert glossary_problems("- term: OTP\n  definition: Mã\x07\n") == [f"glossary.yml:2:17: lỗi: {CONTROL}"]


def test_alias_bomb_is_refused_before_it_expands_in_every_reader():
    bomb = alias_bomb()
    assert page_problems(quiz_page(bomb)) == [f"content/bai.md:4:5: lỗi: {ANCHOR}"]
    assert page_problems(f"---\n{bomb}---\n\n# Bài\n") == [f"content/bai.md:2:5: lỗi: {ANCHOR}"]
    assert facts_problems(bomb) == [f"facts.yml:1:5: lỗi: {ANCHOR}"]
    assert glossary_problems("- term: OTP\n  definition: Mã\n" + "".join("  " + line + "\n" for line in bomb.split("\n")[:1])) == [
        f"glossary.yml:3:7: lỗi: {ANCHOR}"]


def test_a_single_anchor_or_alias_is_refused_too():
    assert page_problems(quiz_page(GOOD_QUIZ.replace("text: Có", "text: &dung Có"))) == [
        f"content/bai.md:7:11: lỗi: {ANCHOR.replace('&l0', '&dung')}"]


def test_complex_keys_are_an_error():
    assert page_problems(quiz_page(GOOD_QUIZ + "? [a, b]\n: c\n")) == [f"content/bai.md:10:3: lỗi: {COMPLEX_KEY}"]
    assert page_problems("---\ntitle: Bài\n[a, b]: c\n---\n\n# Bài\n") == [f"content/bai.md:3:1: lỗi: {COMPLEX_KEY}"]
    assert facts_problems("? [a]\n: b\n") == [f"facts.yml:1:3: lỗi: {COMPLEX_KEY}"]
    assert glossary_problems("- term: OTP\n  definition: Mã\n  {a: b}: c\n") == [f"glossary.yml:3:3: lỗi: {COMPLEX_KEY}"]


def test_a_writers_text_is_quoted_short_in_messages():
    key = "khong-co-" * 30
    [problem] = page_problems(quiz_page(GOOD_QUIZ + f"{key}: x\n"))
    assert problem == (f"content/bai.md:10:1: lỗi: Không có trường `{key[:79]}…`. Các trường dùng được ở đây: `id`, `type`, "
                       "`question`, `options`, `answer`, `feedback_true`, `feedback_false`, `explanation`, `hint`, `answers`, "
                       "`accept_without_accents`, `match`, `steps`, `pairs`.")
    assert messages.short("a\nb") == "a b"


def test_a_date_or_number_that_cannot_exist_is_an_error_not_a_crash():
    impossible = ("lỗi: Không đọc được `2026-02-30`: trông như một ngày hoặc một số nhưng không có thật. Nếu là ngày, "
                  "hãy viết ngày có thật dạng năm-tháng-ngày, ví dụ `2026-01-15`; nếu là chữ, hãy đặt trong dấu ngoặc kép \"...\".")
    assert page_problems("---\ntitle: Bài\nngay: 2026-02-30\n---\n\n# Bài\n") == [f"content/bai.md:3:7: {impossible}"]
    assert facts_problems(FACTS.replace("2026-01-15", "2026-02-30")) == [f"facts.yml:6:12: {impossible}"]


# 3. Nothing accepted silently.

@pytest.mark.parametrize("tag", ["!Chu_y", "!!str", "!!python/object:os.system", "!"])
def test_an_explicit_tag_is_an_error(tag):
    source = quiz_page(GOOD_QUIZ.replace("text: Có", f"text: {tag} Đường link lạ"))
    assert page_problems(source) == [f"content/bai.md:7:11: lỗi: `{tag}`{TAG_END}"]


def test_an_explicit_tag_in_front_matter_facts_and_glossary():
    assert page_problems("---\ntitle: !Chu_y Bài\n---\n\n# Bài\n") == [f"content/bai.md:2:8: lỗi: `!Chu_y`{TAG_END}"]
    assert facts_problems(FACTS.replace('"156"', "!!python/object:os.system 156")) == [
        f"facts.yml:2:10: lỗi: `!!python/object:os.system`{TAG_END}"]
    assert glossary_problems("- term: OTP\n  definition: !x Mã\n") == [f"glossary.yml:2:15: lỗi: `!x`{TAG_END}"]


INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00a0", "\u3000 \u200b"]


@pytest.mark.parametrize("blank", INVISIBLE, ids=[f"U+{ord(text[0]):04X}" for text in INVISIBLE])
def test_invisible_only_texts_are_empty(blank):
    assert page_problems(quiz_page(GOOD_QUIZ.replace("Không", f'"{blank}"'))) == [
        "content/bai.md:9:5: lỗi: Lựa chọn thứ 2 để trống. Hãy viết nội dung sau `text:` hoặc xoá lựa chọn này."]
    assert page_problems(quiz_page(GOOD_QUIZ.replace("Hỏi gì?", f'"{blank}"'))) == [
        "content/bai.md:5:1: lỗi: `question` đang để trống. Hãy viết nội dung cho `question`."]
    lesson = f'---\ntitle: "{blank}"\ndescription: Mô tả.\norder: 1\n---\n\n# Chương\n'
    report = check_page("content/chuong/index.md", lesson, PageContext("module"))
    assert [p.format() for p in report.diagnostics] == ["content/chuong/index.md:2:1: lỗi: `title` phải là một câu chữ."]
    assert glossary_problems(f'- term: OTP\n  definition: "{blank}"\n') == [
        f"glossary.yml:1:1: lỗi: {messages.glossary_shape()}"]
    assert facts_problems(FACTS.replace("Tổng đài", f'"{blank}"')) == [
        "facts.yml:1:1: lỗi: Mục `tong-dai`: Thiếu trường `label`. Hãy thêm dòng `label: ...`."]


# Written as YAML escapes, the characters are not in the file's text: a feedback of only "\uFEFF"
# passed as if it had text (26 of 10,000 fuzzed blocks). Beyond the list above, by Unicode category.
ESCAPED_INVISIBLE = ["\\uFEFF", "\\u200B", "\\u200C\\u200D", "\\u2060", "\\u00AD", "\\u180E", "\\u061C", "\\u034F",
                     "\\u3164", "\\U000E0020", "\\u2800", "\\t\\u00A0"]


@pytest.mark.parametrize("blank", ESCAPED_INVISIBLE)
def test_invisible_only_texts_written_as_escapes_are_empty(blank):
    feedback = GOOD_QUIZ.replace("    correct: true\n", f'    correct: true\n    feedback: "{blank}"\n')
    assert page_problems(quiz_page(feedback)) == [
        "content/bai.md:9:5: lỗi: `feedback` đang để trống. Hãy viết nội dung cho `feedback`."]
    assert page_problems(quiz_page(GOOD_QUIZ.replace("Không", f'"{blank}"'))) == [
        "content/bai.md:9:5: lỗi: Lựa chọn thứ 2 để trống. Hãy viết nội dung sau `text:` hoặc xoá lựa chọn này."]


@pytest.mark.parametrize("blank", ["\u00ad", "\u180e", "\u034f", "\u3164", "\U000e0020", "\u2800"])
def test_invisible_only_texts_beyond_the_old_list_are_empty(blank):
    from hocvuso.quiz.model import Option
    from hocvuso.quiz.parsing import parse_quiz
    from hocvuso.quiz.validation import validate_quiz
    from hocvuso.text.normalise import is_blank

    assert is_blank(blank) and is_blank(" \t" + blank) and not is_blank(blank + "a")
    quiz = parse_quiz(GOOD_QUIZ, "bai.yml").quiz
    quiz.questions[0].options[1] = Option(blank, False, None, quiz.questions[0].options[1].at)
    assert [problem.message for problem in validate_quiz(quiz, "bai.yml")] == [messages.empty_option(2)]


def test_a_comment_on_a_later_line_of_a_text_is_reported_at_that_line():
    source = quiz_page(GOOD_QUIZ.replace("question: Hỏi gì?", "question: Câu hỏi dài\n  viết trên hai dòng # mất chữ"))
    assert page_problems(source) == [f"content/bai.md:6:22: lỗi: Trong `question`, {COMMENT_CUTS}"]


def test_a_comment_cutting_a_text_in_front_matter_facts_and_glossary():
    assert page_problems("---\ntitle: Bài 1\n  phần hai # mất\norder: 2  # số không mất\n---\n\n# Bài\n") == [
        f"content/bai.md:3:12: lỗi: Trong `title`, {COMMENT_CUTS}"]
    assert facts_problems(FACTS.replace("label: Tổng đài", "label: Tổng đài # mất")) == [
        f"facts.yml:4:10: lỗi: Trong `label`, {COMMENT_CUTS}"]
    assert glossary_problems("- term: OTP\n  definition: Mã # mất\n") == [
        f"glossary.yml:2:15: lỗi: Trong `definition`, {COMMENT_CUTS}"]


def test_duplicate_keys_in_front_matter_facts_entries_and_glossary_entries():
    twice = "lỗi: Trường `{}` bị viết hai lần (lần đầu ở dòng {}). Hãy xoá một lần."
    assert page_problems("---\ntitle: Một\ndescription: Hai\ntitle: Ba\n---\n\n# Bài\n") == [
        "content/bai.md:4:1: " + twice.format("title", 2)]
    assert page_problems("---\ncompetences:\n  digcomp: [\"4.2\"]\n  digcomp: [\"1.1\"]\n---\n\n# Bài\n") == [
        "content/bai.md:4:3: " + twice.format("digcomp", 3)]
    assert facts_problems(FACTS + "  label: Hai\n") == ["facts.yml:7:3: " + twice.format("label", 4)]
    assert glossary_problems("- term: OTP\n  definition: Mã\n  term: Hai\n") == ["glossary.yml:3:3: " + twice.format("term", 1)]


def test_a_byte_order_mark_is_not_text(tmp_path):
    path = tmp_path / "bai.md"
    path.write_bytes("\ufeff---\ntitle: Bài\n---\n\n# Bài\n".encode("utf-8"))
    text, problems = read_text(path, "bai.md")
    assert (text, problems) == ("---\ntitle: Bài\n---\n\n# Bài\n", [])
    # Read by other means (MkDocs, the course listing), the front matter is still found.
    report = check_page("content/chuong/index.md", "\ufeff---\ntitle: Bài\ndescription: Mô tả.\norder: 1\n---\n\n# Bài\n",
                        PageContext("module"))
    assert report.diagnostics == [] and report.meta.values["title"] == "Bài"
    assert facts_problems("\ufeff" + FACTS) == [] and glossary_problems("\ufeff- term: OTP\n  definition: Mã\n") == []


def test_a_file_not_in_utf8_is_reported_at_its_first_bad_byte(tmp_path):
    path = tmp_path / "bai.md"
    path.write_bytes("# Bài\n\nHọc tốt, Caf".encode("utf-8") + b"\xe9 ngon\n")
    assert [p.format() for p in read_text(path, "bai.md")[1]] == [f"bai.md:3:13: lỗi: {NOT_UTF8}"]


# Through `hocvuso check` and the site build, as a writer meets them.

def write_course(root: Path) -> list[str]:
    """One file per mistake, and the exact lines `hocvuso check` prints for them."""
    content = root / "content"
    content.mkdir()
    (content / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    files = {
        "dieu-khien.md": "---\ntitle: Bài\x07\n---\n\n# Bài\n",
        "bom.md": "\ufeff---\ntitle: Bài có BOM\n---\n\n# Bài\n",
        "trung.md": "---\ntitle: Một\ndescription: Hai\ntitle: Ba\n---\n\n# Bài\n",
        "the.md": quiz_page(GOOD_QUIZ.replace("id: cau-hoi", "id: the").replace("text: Có", "text: !Chu_y Đường link lạ")),
        "an.md": quiz_page(GOOD_QUIZ.replace("id: cau-hoi", "id: an").replace("Không", '"\u200b"')),
        "hai-dong.md": quiz_page(GOOD_QUIZ.replace("id: cau-hoi", "id: hai-dong").replace(
            "question: Hỏi gì?", "question: Câu hỏi dài\n  viết trên hai dòng # mất chữ")),
        "lap.md": quiz_page(alias_bomb()),
    }
    for name, text in files.items():
        (content / name).write_bytes(text.encode("utf-8"))
    (content / "latin1.md").write_bytes("# Bài\n\nCaf".encode("utf-8") + b"\xe9\n")
    (root / "facts.yml").write_text(FACTS + "  label: Hai\n", encoding="utf-8")
    (root / "glossary.yml").write_text("- term: OTP\n  definition: Mã\n  term: Hai\n", encoding="utf-8")
    return [
        "content/an.md:9:5: lỗi: Lựa chọn thứ 2 để trống. Hãy viết nội dung sau `text:` hoặc xoá lựa chọn này.",
        f"content/dieu-khien.md:2:11: lỗi: {CONTROL}",
        f"content/hai-dong.md:6:22: lỗi: Trong `question`, {COMMENT_CUTS}",
        f"content/lap.md:4:5: lỗi: {ANCHOR}",
        f"content/latin1.md:3:4: lỗi: {NOT_UTF8}",
        f"content/the.md:7:11: lỗi: `!Chu_y`{TAG_END}",
        "content/trung.md:4:1: lỗi: Trường `title` bị viết hai lần (lần đầu ở dòng 2). Hãy xoá một lần.",
        "facts.yml:7:3: lỗi: Trường `label` bị viết hai lần (lần đầu ở dòng 4). Hãy xoá một lần.",
        "glossary.yml:3:3: lỗi: Trường `term` bị viết hai lần (lần đầu ở dòng 1). Hãy xoá một lần.",
    ]


def test_hocvuso_check_reports_each_bad_input_exactly(tmp_path):
    expected = write_course(tmp_path)
    result = subprocess.run([sys.executable, "-m", "hocvuso.cli", "check"], capture_output=True, text=True, cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert sorted(result.stdout.splitlines()) == sorted(expected)


def test_the_build_reports_them_and_a_page_with_a_byte_order_mark_builds(tmp_path):
    expected = write_course(tmp_path)
    result = mkdocs_build(write_child_config(tmp_path), tmp_path / "site", strict=False)
    assert "Traceback" not in result.stderr
    for line in expected:
        assert f"ERROR   -  {line}" in result.stderr
    html = (tmp_path / "site" / "bom.html").read_text(encoding="utf-8")
    assert "<title>Bài có BOM - " in html and "\ufeff" not in html


def test_lists_nested_too_deep_are_a_message_not_a_crash():
    assert page_problems(quiz_page("id: a\nquestion: " + "[" * 5000 + "\n")) == [
        "content/bai.md:5:1010: lỗi: Khối quiz sai cú pháp YAML: có quá nhiều danh sách hoặc dấu ngoặc lồng vào nhau. "
        "Hãy kiểm tra các dấu [ và {."]
