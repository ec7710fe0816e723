"""Issue 6, print: the answer key each module gets for volunteers (hocvuso/pages/answer_sheet.py), and
outside links marked for print (hocvuso/pages/printing.py)."""

from __future__ import annotations

import json

import pytest

from conftest import mkdocs_build, write_child_config
from course_samples import FACTS, fact_registry
from hocvuso.pages import answer_sheet
from hocvuso.pages.answer_sheet import LINK_TEXT
from hocvuso.check.page_checks import PageContext, check_page
from hocvuso.course.project import Project
from hocvuso.site.reading import read_course, resolve_facts, source_pages
from hocvuso.pages.printing import mark_address_links
from hocvuso.search.shards import read_docs

FRONT = """\
---
title: {title}
description: Một bài để thử.
order: {order}
minutes: 8
level: 1
objectives:
  - Biết báo tin nhắn rác.
competences:
  digcomp: ["4.2"]
  tt02: ["4.2"]
sources: [bao-tin-rac-156, tinnhiemmang]
---

# {title}
"""

FIRST_LESSON = FRONT.format(title="Báo tin nhắn rác", order=1) + """
Bạn nhắn tin đến {{ fact:bao-tin-rac-156 }}.

!!! question "Thử nhanh"
    ```quiz
    id: thu-nhanh-rac
    question: Tin nhắn rác thì bạn làm gì?
    options:
      - text: Trả lời người gửi
        feedback: Đừng trả lời.
      - text: "Báo về {{ fact:bao-tin-rac-156 }}"
        correct: true
    explanation: Báo tin rác là miễn phí.
    ```

## Câu hỏi ôn tập

```quiz
id: on-tap-rac
questions:
  - id: tra-phi
    type: truefalse
    question: Báo tin nhắn rác phải trả phí.
    answer: false
    explanation: Báo về {{ fact:bao-tin-rac-156 }} là miễn phí.
  - id: kiem-tra-web
    question: Bạn kiểm tra một trang web lạ ở đâu?
    options:
      - text: Hỏi người lạ
      - text: "{{ fact:tinnhiemmang }}"
        correct: true
    explanation: Xem ở {{ fact:tinnhiemmang }}.
  - id: dau-hieu
    type: multiple
    question: Đâu là dấu hiệu tin nhắn rác?
    options:
      - text: Giục bạn bấm link ngay
        correct: true
      - text: Tin của người nhà
      - text: Báo bạn trúng thưởng
        correct: true
    explanation: Tin rác hay giục giã và hứa thưởng.
  - id: dung-sai
    type: truefalse
    question: Bạn có thể chặn số gửi tin rác.
    answer: true
```
"""

SECOND_LESSON = FRONT.format(title="Bài sau", order=2) + """
## Câu hỏi ôn tập

```quiz
id: bai-sau
question: Ai được biết mã OTP của bạn?
options:
  - text: Không ai cả
    correct: true
  - text: Nhân viên ngân hàng
```
"""


def write_course(root):
    (root / "facts.yml").write_text(FACTS, encoding="utf-8")
    content = root / "content"
    (content / "mo-dun").mkdir(parents=True)
    (content / "index.md").write_text("---\ntitle: Trang chủ\n---\n\n# Khoá học\n", encoding="utf-8")
    (content / "mo-dun" / "index.md").write_text(
        "---\ntitle: Tin nhắn rác\ndescription: Chương thử.\norder: 1\n---\n\n# Tin nhắn rác\n", encoding="utf-8")
    # Written in the reverse order of `order`: the key follows the lessons' order, not file names.
    (content / "mo-dun" / "01-sau.md").write_text(SECOND_LESSON, encoding="utf-8")
    (content / "mo-dun" / "02-rac.md").write_text(FIRST_LESSON, encoding="utf-8")
    (content / "trong").mkdir()
    (content / "trong" / "index.md").write_text(
        "---\ntitle: Chương trống\ndescription: Chưa có bài.\norder: 2\n---\n\n# Chương trống\n", encoding="utf-8")
    return content


def lesson_quizzes(text, path, registry=None):
    """The answer key's quizzes of one lesson, from the page as the check read it."""
    report = check_page(path, text, PageContext(registry=registry))
    return answer_sheet.lesson_quizzes(resolve_facts({path: report}, registry)[path] if registry else report)


@pytest.fixture
def registry(tmp_path):
    return fact_registry(tmp_path)


@pytest.fixture
def sheet(tmp_path, registry) -> str:
    content = write_course(tmp_path)
    site = read_course(Project.at(tmp_path, content), source_pages(content))
    pages = [path for path in site.generated if path.endswith(answer_sheet.PAGE_NAME)]
    assert pages == ["mo-dun/dap-an.md"]  # a module without lessons has no key
    return site.generated["mo-dun/dap-an.md"].markdown


def test_title_note_and_lessons_in_course_order(sheet):
    assert sheet.startswith('---\ntitle: "Đáp án chương: Tin nhắn rác"\n')
    assert "\n# Đáp án chương: Tin nhắn rác\n" in sheet
    assert '!!! info "Dành cho người hướng dẫn"' in sheet
    assert "Đừng phát trang này cho học viên trước khi làm bài." in sheet
    assert sheet.index("## Bài 1: Báo tin nhắn rác") < sheet.index("## Bài 2: Bài sau")


def test_each_quiz_is_named_by_its_box_or_heading(sheet):
    first_lesson = sheet[sheet.index("## Bài 1:") : sheet.index("## Bài 2:")]
    assert first_lesson.index("### Thử nhanh") < first_lesson.index("### Câu hỏi ôn tập")


def test_questions_numbered_as_in_the_lesson_with_right_answers_and_explanations(sheet):
    review = sheet[sheet.index("### Câu hỏi ôn tập") : sheet.index("## Bài 2:")]
    assert (
        "**Câu 1.** Báo tin nhắn rác phải trả phí.\n\n"
        "Đáp án đúng: **Sai**\n\n"
        "**Giải thích:** Báo về **156** là miễn phí.\n"
    ) in review
    assert (
        "**Câu 2.** Bạn kiểm tra một trang web lạ ở đâu?\n\n"
        "Đáp án đúng: **B.** tinnhiemmang\\.vn\n\n"
        "**Giải thích:** Xem ở [tinnhiemmang\\.vn](https://tinnhiemmang.vn).\n"
    ) in review
    assert (
        "**Câu 3.** Đâu là dấu hiệu tin nhắn rác?\n\n"
        "Đáp án đúng (2 đáp án):\n\n"
        "- **A.** Giục bạn bấm link ngay\n"
        "- **C.** Báo bạn trúng thưởng\n"
    ) in review
    assert "**Câu 4.** Bạn có thể chặn số gửi tin rác.\n\nĐáp án đúng: **Đúng**\n\n</div>" in review
    assert "Tin của người nhà" not in review and "Hỏi người lạ" not in review  # wrong options are not listed


def test_a_single_question_has_no_number_as_in_the_lesson(sheet):
    quick = sheet[sheet.index("### Thử nhanh") : sheet.index("### Câu hỏi ôn tập")]
    assert "\nTin nhắn rác thì bạn làm gì?\n\nĐáp án đúng: **B.** Báo về **156**\n\n**Giải thích:** Báo tin rác là miễn phí.\n" in quick
    assert "Câu 1" not in quick
    second = sheet[sheet.index("## Bài 2:") :]
    assert "\nAi được biết mã OTP của bạn?\n\nĐáp án đúng: **A.** Không ai cả\n" in second


def test_facts_are_expanded_and_feedback_left_out(sheet):
    assert "{{" not in sheet and "fact:" not in sheet
    assert "Đừng trả lời." not in sheet  # feedback on wrong options is for the screen


def test_whole_content_is_marked_for_search_to_skip(sheet):
    body = sheet.split("---\n", 2)[2]
    assert body.lstrip().startswith('<div class="hvs-answer-sheet" data-search-exclude markdown>')
    assert body.rstrip().endswith("</div>")


def test_labels_from_tabs_and_default():
    text = (
        '# Bài\n\n=== "Luyện tập"\n\n    ```quiz\n    id: a\n    question: Hỏi?\n    options:\n'
        "      - text: Có\n        correct: true\n      - text: Không\n    ```\n\n"
        "```quiz\nid: b\nquestion: Hỏi nữa?\noptions:\n  - text: Có\n    correct: true\n  - text: Không\n```\n"
    )
    assert [(item.label, item.quiz.id) for item in lesson_quizzes(text, "bai.md")] == [("Luyện tập", "a"), ("Câu hỏi", "b")]


def test_broken_quizzes_are_left_out(registry):
    text = "# Bài\n\n## Ôn tập\n\n```quiz\nid: hong\nquestion: Thiếu lựa chọn\n```\n"
    assert lesson_quizzes(text, "bai.md", registry) == []


def test_build_generates_the_key_outside_menu_and_search(tmp_path):
    write_course(tmp_path)
    result = mkdocs_build(write_child_config(tmp_path), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "dap-an.md" not in result.stderr  # not reported as a page missing from the menu
    site = tmp_path / "site"
    key = (site / "mo-dun" / "dap-an.html").read_text(encoding="utf-8")
    assert "<title>Đáp án chương: Tin nhắn rác" in key
    assert "Đáp án đúng: <strong>B.</strong> Báo về <strong>156</strong>" in key
    assert '<div class="hvs-answer-sheet" data-search-exclude' in key
    module = (site / "mo-dun" / "index.html").read_text(encoding="utf-8")
    assert f'<p class="hvs-key-link" data-search-exclude=""><a href="dap-an.html">{LINK_TEXT}</a></p>' in module
    for page in ("index.html", "mo-dun/01-sau.html", "mo-dun/02-rac.html"):
        assert "dap-an.html" not in (site / page).read_text(encoding="utf-8"), page  # not in the menu nor "Bài sau"
    assert not (site / "trong" / "dap-an.html").exists()
    assert "hvs-key-link" not in (site / "trong" / "index.html").read_text(encoding="utf-8")
    docs = read_docs(site)  # every section the search holds (hocvuso/search/shards.py)
    assert not [location for location, _, _ in docs if "dap-an" in location]
    assert not [text for _, _, text in docs if "hướng dẫn" in text]  # nor the module page's line to it
    assert "Báo tin rác là miễn phí" not in json.dumps(docs, ensure_ascii=False)


@pytest.mark.parametrize(
    "html, marked",
    [
        ('<a href="https://dichvucong.gov.vn">dichvucong.gov.vn</a>', True),
        ('<a href="https://www.tinnhiemmang.vn/">tinnhiemmang.vn</a>', True),
        ('<a href="http://127.0.0.1:8000">http://127.0.0.1:8000</a>', True),
        ('<a href="https://vi.wikipedia.org/wiki/OTP">Wikipedia</a>', False),
        ('<a href="../tu-dien.html#ma-otp">tu-dien.html</a>', False),
        ('<a href="https://tinnhiemmang.vn"><strong>tinnhiemmang.vn</strong></a>', False),
    ],
)
def test_links_whose_text_is_their_address_are_marked(html, marked):
    assert ('class="hvs-address"' in mark_address_links(html)) is marked


NEW_TYPES_LESSON = """\
# Bài

## Câu hỏi ôn tập

```quiz
id: kieu-moi
questions:
  - id: dien
    type: fillin
    question: Gõ số báo tin rác.
    answers: ["{{ fact:bao-tin-rac-156 }}"]
    match: number
  - id: dien-dau
    type: fillin
    question: Gõ tên tỉnh.
    answers: [Hòa Bình, Hoà Bình]
    accept_without_accents: true
  - id: xep
    type: ordering
    question: Xếp các bước.
    steps: [Bước một, Bước hai, Bước ba]
  - id: ghep
    type: matching
    question: Ghép.
    pairs:
      - {left: Chạm, right: Mở ứng dụng}
      - {left: Vuốt, right: Đọc tiếp}
```
"""


def test_new_types_show_their_right_answers(registry):
    from hocvuso.pages.answer_sheet import _answer
    from hocvuso.quiz.render import shuffled

    [labelled] = lesson_quizzes(NEW_TYPES_LESSON, "bai.md", registry)
    fill, accents, ordering, matching = labelled.quiz.questions
    assert _answer(fill) == ["Đáp án đúng: **156**"]  # the fact's value, not its Markdown
    assert _answer(accents) == ["Các đáp án được chấp nhận: **Hòa Bình**; **Hoà Bình**", "", "Viết không dấu cũng được tính đúng."]
    order = shuffled("kieu-moi/xep", 3)
    letters = ["ABC"[order.index(step)] for step in range(3)]  # the worksheet letters the shuffled steps
    assert _answer(ordering, "kieu-moi") == ["Thứ tự đúng:", "", f"1. **{letters[0]}.** Bước một",
                                              f"2. **{letters[1]}.** Bước hai", f"3. **{letters[2]}.** Bước ba"]
    assert _answer(matching) == ["Các cặp đúng:", "", "- Chạm → **Mở ứng dụng**", "- Vuốt → **Đọc tiếp**"]
