"""Issue 4's rules: lesson front matter, the facts registry, generated navigation and pages."""


import pytest

from conftest import mkdocs_build, write_child_config
from course_samples import FACTS, fact_registry
from hocvuso.catalogue import messages
from hocvuso.check.page_checks import PageContext, check_page
from hocvuso.course.facts import FactRegistry, resolve_quiz_facts
from hocvuso.course.structure import HOME, LESSON, MODULE, PAGE, page_kind

LESSON_TEXT = """\
---
title: Báo tin nhắn rác
description: Cách báo tin nhắn rác.
order: 2
minutes: 8
level: 1
objectives:
  - Báo tin nhắn rác miễn phí.
competences:
  digcomp: ["4.2"]
  tt02: ["4.2"]
sources: [bao-tin-rac-156]
---

# Báo tin nhắn rác

Bạn nhắn tin đến {{ fact:bao-tin-rac-156 }}.

## Câu hỏi ôn tập

```quiz
id: bao-tin-rac
question: Nhắn tin báo tin rác đến số nào?
options:
  - text: "{{ fact:bao-tin-rac-156 }}"
    correct: true
  - text: Số lạ vừa gọi
```
"""


@pytest.fixture
def registry(tmp_path):
    return fact_registry(tmp_path)


def lesson_problems(text: str, registry, unread_notice: bool = False) -> list[str]:
    """The messages on a lesson; LESSON_TEXT has no `second_reading:` (its lines stay where these
    tests expect them), so its notice is left out unless asked for (test_fields.py tests it)."""
    report = check_page("content/mo-dun/02-bai.md", text, PageContext(LESSON, registry))
    unread = messages.no_second_reading()
    return [problem.format() for problem in report.diagnostics if unread_notice or problem.message != unread]


@pytest.mark.parametrize(
    "path, kind",
    [("index.md", HOME), ("huong-dan.md", PAGE), ("mo-dun/index.md", MODULE), ("mo-dun/01-bai.md", LESSON)],
)
def test_page_kind_comes_from_the_folder(path, kind):
    assert page_kind(path) == kind


def test_good_lesson_passes(registry):
    assert lesson_problems(LESSON_TEXT, registry, unread_notice=True) == [
        f"content/mo-dun/02-bai.md:1:1: gợi ý: {messages.no_second_reading()}"]
    read = LESSON_TEXT.replace("---\n\n#", 'second_reading: {by: Trần Thị Lan, date: "2026-12-07"}\n---\n\n#', 1)
    assert lesson_problems(read, registry, unread_notice=True) == []


@pytest.mark.parametrize(
    "change, expected",
    [
        (("  digcomp: [\"4.2\"]", "  digcomp: [\"4.9\"]"),
         "content/mo-dun/02-bai.md:10:1: lỗi: Mã năng lực `4.9` không có trong DigComp 2.2. "
         "Hãy dùng mã dạng `4.2` như trong danh sách ở trang Bản đồ năng lực số."),
        (("  tt02: [\"4.2\"]", "  tt02: [\"6.4\"]"),
         "content/mo-dun/02-bai.md:11:1: lỗi: Mã năng lực `6.4` không có trong Thông tư 02/2025/TT-BGDĐT. "
         "Hãy dùng mã dạng `4.2` như trong danh sách ở trang Bản đồ năng lực số."),
        (("objectives:\n  - Báo tin nhắn rác miễn phí.\n", ""),
         "content/mo-dun/02-bai.md:1:1: lỗi: Bài học chưa có mục tiêu. Hãy thêm `objectives:` với 2–4 dòng, "
         "mỗi dòng bắt đầu bằng `- ` và một động từ."),
        (("minutes: 8", "minutes: mười"),
         "content/mo-dun/02-bai.md:5:1: lỗi: `minutes` phải là số phút từ 1 đến 120, ví dụ `minutes: 10`."),
        (("order: 2", "oder: 2"),
         "content/mo-dun/02-bai.md:4:1: lỗi: Không có trường `oder`. Có phải bạn muốn viết `order`?"),
        (("Bạn nhắn tin đến {{ fact:bao-tin-rac-156 }}.", "Bạn nhắn tin đến 156."),
         "content/mo-dun/02-bai.md:17:18: lỗi: `156` đã có trong sổ thông tin đã kiểm chứng. Hãy viết "
         "`{{ fact:bao-tin-rac-156 }}` thay cho gõ tay, để khi thông tin thay đổi chỉ cần sửa một chỗ."),
        (("Bạn nhắn tin đến {{ fact:bao-tin-rac-156 }}.", "Bạn nhắn tin đến {{ fact:bao-tin-rac-156 }}. Hoặc gọi tổng đài 1900 6789."),
         "content/mo-dun/02-bai.md:17:64: lỗi: Số `1900 6789` được gõ tay và không có trong sổ thông tin đã kiểm chứng "
         "(facts.yml). Số sai có thể gây hại cho người học: hãy thêm số vào facts.yml kèm nguồn, rồi viết "
         "`{{ fact:ma-muc }}` thay cho số. Nếu đây không phải số điện thoại (một số tiền, một số tuổi), hãy viết số "
         "bằng chữ (“năm trăm nghìn đồng”), hoặc đặt số xa các chữ “gọi”, “số”, “nhắn”."),
        (("Bạn nhắn tin đến {{ fact:bao-tin-rac-156 }}.", "{{ fact:bao-tin-rac-156 }}. Xem thêm ở abc.gov.vn."),
         "content/mo-dun/02-bai.md:17:40: lỗi: Địa chỉ `abc.gov.vn` được gõ tay và không có trong sổ thông tin đã kiểm "
         "chứng (facts.yml). Hãy thêm địa chỉ vào facts.yml kèm nguồn, rồi viết `{{ fact:ma-muc }}`."),
        (("Bạn nhắn tin đến {{ fact:bao-tin-rac-156 }}.", "Bạn nhắn tin đến {{ fact:bao-tin-rac-165 }}."),
         "content/mo-dun/02-bai.md:17:18: lỗi: Không có mục `bao-tin-rac-165` trong sổ thông tin đã kiểm chứng "
         "(facts.yml). Có phải bạn muốn viết `{{ fact:bao-tin-rac-156 }}`?"),
        (("sources: [bao-tin-rac-156]", "sources: []"),
         "content/mo-dun/02-bai.md:17:18: lỗi: Bài dùng `{{ fact:bao-tin-rac-156 }}` nhưng chưa ghi nguồn. "
         "Hãy thêm `bao-tin-rac-156` vào danh sách `sources:` ở đầu bài."),
    ],
    ids=["unknown-digcomp", "unknown-tt02", "no-objectives", "minutes-not-number", "typo-key", "typed-known-number",
         "typed-unknown-number", "typed-gov-address", "unknown-fact", "fact-not-in-sources"],
)
def test_lesson_problem_message(registry, change, expected):
    old, new = change
    assert old in LESSON_TEXT
    assert lesson_problems(LESSON_TEXT.replace(old, new), registry) == [expected]


def test_facts_in_quiz_options_are_never_links(registry):
    text = LESSON_TEXT.replace("  - text: Số lạ vừa gọi", "  - text: Số lạ vừa gọi\n    feedback: Xem {{ fact:tinnhiemmang }}")
    text = text.replace("sources: [bao-tin-rac-156]", "sources: [bao-tin-rac-156, tinnhiemmang]")
    text = text.replace("question: Nhắn tin báo tin rác đến số nào?", "question: Nhắn tin đến số nào? Xem {{ fact:tinnhiemmang }}.")
    report = check_page("content/mo-dun/02-bai.md", text, PageContext(LESSON, registry))
    assert [problem.message for problem in report.diagnostics] == [messages.no_second_reading()]  # a notice only
    question = resolve_quiz_facts(report.quizzes[0].quiz, registry).questions[0]
    assert question.options[0].text == "**156**"  # a tap on this answer picks it, and calls no one
    # A fact's value is plain text: Markdown that shows exactly its characters ("\." is a dot).
    assert question.options[1].feedback == "Xem tinnhiemmang\\.vn"
    assert question.prompt == "Nhắn tin đến số nào? Xem [tinnhiemmang\\.vn](https://tinnhiemmang.vn)."


def test_a_quiz_without_facts_is_kept_not_copied(registry):
    # A big course's reading holds every quiz: one without a placeholder stays the same object.
    text = LESSON_TEXT.replace("{{ fact:bao-tin-rac-156 }}", "156").replace("sources: [bao-tin-rac-156]", "sources: []")
    report = check_page("content/mo-dun/02-bai.md", text, PageContext(LESSON, registry))
    quizzes = [checked.quiz for checked in report.quizzes if checked.quiz]
    assert quizzes and all("{{" not in repr(quiz) for quiz in quizzes)
    assert all(resolve_quiz_facts(quiz, registry) is quiz for quiz in quizzes)
    with_fact = check_page("content/mo-dun/02-bai.md", LESSON_TEXT, PageContext(LESSON, registry)).quizzes[0].quiz
    resolved = resolve_quiz_facts(with_fact, registry)
    assert resolved is not with_fact and "{{" not in repr(resolved) and "{{" in repr(with_fact)


def test_lesson_without_quiz(registry):
    text = LESSON_TEXT[: LESSON_TEXT.index("## Câu hỏi ôn tập")]
    assert lesson_problems(text, registry) == [
        "content/mo-dun/02-bai.md:15:1: lỗi: Bài học chưa có câu hỏi ôn tập. Hãy thêm mục `## Câu hỏi ôn tập` với "
        "một khối ```quiz gồm 3–5 câu hỏi (xem trang Hướng dẫn viết câu hỏi)."
    ]


def test_lesson_without_front_matter(registry):
    problem = lesson_problems("# Bài\n", registry)[0]
    assert problem.startswith("content/mo-dun/02-bai.md:1:1: lỗi: Bài học thiếu phần thông tin đầu bài. Hãy thêm vào đầu tệp:\n---\ntitle: Tên bài")


def test_numbers_in_code_examples_and_ordinary_counts_are_fine(registry):
    text = LESSON_TEXT.replace("## Câu hỏi ôn tập", "Năm 2025 có 34 tỉnh. Bấm số 1 rồi số 2.\n\n```text\nGọi 1900 6789\n```\n\n## Câu hỏi ôn tập")
    assert lesson_problems(text, registry) == []


def test_registry_entry_problems_name_the_line(tmp_path):
    (tmp_path / "facts.yml").write_text(FACTS + "so-moi:\n  value: \"111\"\n  kind: fax\n  label: x\n  checked: 2026-11\n", encoding="utf-8")
    _, problems = FactRegistry.load([tmp_path / "facts.yml"], ["facts.yml"])
    assert [problem.format() for problem in problems] == [
        "facts.yml:13:1: lỗi: Mục `so-moi`: Thiếu trường `source`. Hãy thêm dòng `source: ...`.",
        "facts.yml:13:1: lỗi: Mục `so-moi`: Loại `fax` không có. Hãy dùng một trong: phone (số gọi), sms (số nhắn tin), "
        "web (địa chỉ web), date (ngày), text (chữ).",
    ]


def test_a_local_registry_overrides_a_national_entry(tmp_path):
    (tmp_path / "facts.yml").write_text(FACTS, encoding="utf-8")
    (tmp_path / "facts.local.yml").write_text(FACTS.split("tinnhiemmang:")[0].replace('"156"', '"999"'), encoding="utf-8")
    facts, _ = FactRegistry.load([tmp_path / "facts.yml", tmp_path / "facts.local.yml"], ["facts.yml", "facts.local.yml"])
    assert facts.get("bao-tin-rac-156").value == "999" and facts.get("tinnhiemmang").value == "tinnhiemmang.vn"


def write_course(root):
    (root / "facts.yml").write_text(FACTS, encoding="utf-8")
    (root / "glossary.yml").write_text("- term: mã OTP\n  definition: Mã dùng một lần để xác nhận đúng là bạn.\n", encoding="utf-8")
    content = root / "content"
    for folder, title, order in [("chuong-b", "Chương hai", 2), ("chuong-a", "Chương một", 1)]:
        (content / folder).mkdir(parents=True)
        (content / folder / "index.md").write_text(f"---\ntitle: {title}\ndescription: Mô tả {title}.\norder: {order}\n---\n\n# {title}\n", encoding="utf-8")
    (content / "index.md").write_text("---\ntitle: Trang chủ\n---\n\n# Khoá học\n", encoding="utf-8")
    lesson = LESSON_TEXT.replace("Bạn nhắn tin", "Giữ [mã OTP](../tu-dien.md#ma-otp) bí mật. Bạn nhắn tin")
    (content / "chuong-a" / "02-sau.md").write_text(lesson.replace("id: bao-tin-rac", "id: bai-sau"), encoding="utf-8")
    (content / "chuong-a" / "01-truoc.md").write_text(
        lesson.replace("order: 2", "order: 1").replace("title: Báo tin nhắn rác", "title: Bài đầu")
        .replace("# Báo tin nhắn rác", "# Bài đầu").replace("id: bao-tin-rac", "id: bai-dau").replace('digcomp: ["4.2"]', 'digcomp: ["1.1"]'),
        encoding="utf-8")
    (content / "chuong-b" / "01-mot.md").write_text(lesson.replace("id: bao-tin-rac", "id: chuong-b-mot"), encoding="utf-8")


def test_course_builds_with_generated_nav_listings_map_and_glossary(tmp_path):
    write_course(tmp_path)
    result = mkdocs_build(write_child_config(tmp_path), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    # Navigation follows `order`, not folder names: chương một (chuong-a) first, its lesson 01 before 02.
    nav_titles = [title for title in ("Chương một", "Chương hai") if title in home]
    assert home.index("Chương một") < home.index("Chương hai") and len(nav_titles) == 2
    assert "2 bài, khoảng 16 phút." in home and "1 bài, khoảng 8 phút." in home
    module = (site / "chuong-a" / "index.html").read_text(encoding="utf-8")
    assert module.index('href="01-truoc.html"') < module.index('href="02-sau.html"')
    assert "(khoảng 8 phút)" in module
    lesson = (site / "chuong-a" / "01-truoc.html").read_text(encoding="utf-8")
    assert "Bài này giúp bạn" in lesson and "Thời gian học: khoảng 8 phút." in lesson
    assert "Bạn nhắn tin đến <strong>156</strong>." in lesson  # the placeholder, expanded
    assert 'href="02-sau.html"' in lesson  # "Bài sau" follows the generated order
    glossary = (site / "tu-dien.html").read_text(encoding="utf-8")
    assert 'id="ma-otp"' in glossary and "Mã dùng một lần để xác nhận đúng là bạn." in glossary
    competence_map = (site / "nang-luc-so.html").read_text(encoding="utf-8")
    assert '<a href="chuong-a/01-truoc.html">Bài đầu</a>' in competence_map
    assert "Có bài học cho 2 trên 21 năng lực." in competence_map
    assert "Chưa có bài học nào</strong> cho 19 năng lực" in competence_map


def test_broken_glossary_link_and_unknown_code_fail_the_strict_build(tmp_path):
    write_course(tmp_path)
    lesson = tmp_path / "content" / "chuong-b" / "01-mot.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("#ma-otp", "#ma-otb").replace('tt02: ["4.2"]', 'tt02: ["9.9"]'), encoding="utf-8")
    result = mkdocs_build(write_child_config(tmp_path), tmp_path / "site")
    assert result.returncode != 0
    assert "content/chuong-b/01-mot.md:11:1: lỗi: Mã năng lực `9.9` không có trong Thông tư 02/2025/TT-BGDĐT." in result.stderr
    assert "anchor '#ma-otb'" in result.stderr  # MkDocs names the missing anchor


MODULE_PAGE = "---\ntitle: Chương thử\ndescription: Một câu.\norder: 1\n{test}---\n\n# Chương thử\n"


@pytest.mark.parametrize("test_line", ["test: {draw: 0, pass: 80}\n", "test: {draw: 8, dat: 80}\n", "test: 80\n"])
def test_module_test_settings_are_checked(registry, test_line):
    report = check_page("content/chuong/index.md", MODULE_PAGE.format(test=test_line), PageContext(MODULE, registry))
    assert [problem.format() for problem in report.diagnostics] == [
        "content/chuong/index.md:5:1: lỗi: `test` phải là số câu rút ra và phần trăm để đạt, ví dụ `test: {draw: 8, pass: 80}`."
    ]


def test_module_test_settings_may_be_left_out_or_given(registry):
    for test_line in ["", "test: {draw: 5, pass: 70}\n"]:
        report = check_page("content/chuong/index.md", MODULE_PAGE.format(test=test_line), PageContext(MODULE, registry))
        assert report.diagnostics == []


def test_a_placeholder_right_after_an_empty_code_block_is_expanded():
    """The line after a fence with no body line was taken for part of it: the learner read the braces."""
    from hocvuso.course.facts import Fact, FactRegistry, expand_outside_quizzes, prose_lines

    registry = FactRegistry({"tong-dai": Fact("tong-dai", "156", "sms", "Tổng đài", "x", "2026-01-01", "facts.yml", 1)})
    text = "# Bài\n\n```\n```\nNhắn {{ fact:tong-dai }}.\n"
    assert expand_outside_quizzes(text, registry).split("\n")[4] == "Nhắn **156**."
    assert (4, "Nhắn {{ fact:tong-dai }}.") in list(prose_lines(text))
