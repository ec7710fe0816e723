"""Fill-in, ordering and matching questions and step-by-step hints, in a real Chromium.

Each type is answered right and wrong with the mouse and with the keyboard only; answers
survive a reload. Every test fails on a console error or a request to another host.
"""

from __future__ import annotations

import json
import shutil
import unicodedata

import pytest
from playwright.sync_api import expect

from conftest import ROOT, SUB_PATH, copy_course, mkdocs_build, serve, write_child_config

pytestmark = pytest.mark.browser
LESSON = "bai-cau-hoi-moi.html"
RIGHT = "Đúng rồi! Bạn làm rất tốt."
WRONG = "Chưa đúng. Không sao cả: bạn đọc phần giải thích, rồi bấm “Làm lại” để thử lần nữa."
ALMOST = "Gần đúng rồi: bạn kiểm tra lại dấu nhé."
ACCENTS = "Chưa đúng: câu trả lời còn thiếu dấu hoặc sai dấu. Bạn kiểm tra lại dấu, rồi bấm “Làm lại” để sửa."
VECTORS = json.loads((ROOT / "tests" / "answer_vectors.json").read_text(encoding="utf-8"))

FIXTURE = """---
title: Câu hỏi kiểu mới
sources: [tingia-duong-day-nong, cong-dich-vu-cong]
---

# Câu hỏi kiểu mới

Trang này chỉ dùng cho kiểm thử tự động.

```quiz
id: moi-dien
questions:
  - id: tinh
    type: fillin
    question: Bạn gõ tên tỉnh có thủy điện lớn ở miền Bắc.
    answers: [Hòa Bình]
    explanation: Đó là tỉnh Hòa Bình.
  - id: tinh-de
    type: fillin
    question: Bạn gõ lại tên tỉnh đó, không cần dấu.
    answers: [Hòa Bình]
    accept_without_accents: true
  - id: so
    type: fillin
    question: Bạn gõ số đường dây nóng.
    answers: ["{{ fact:tingia-duong-day-nong }}"]
    match: number
  - id: web
    type: fillin
    question: Bạn gõ địa chỉ Cổng Dịch vụ công.
    answers: ["{{ fact:cong-dich-vu-cong }}"]
    match: web
```

## Sắp xếp

```quiz
id: moi-sap-xep
type: ordering
question: Bạn xếp các bước gọi điện cho đúng thứ tự.
steps:
  - Mở ứng dụng Điện thoại
  - Bấm số
  - Bấm nút gọi màu xanh
  - Nói chuyện
explanation: Bấm số trước, rồi mới bấm gọi.
```

## Ghép cặp

```quiz
id: moi-ghep
type: matching
question: Bạn ghép mỗi nút với việc nó làm.
hint:
  - Nghĩ xem nút nào có hình ngôi nhà.
  - Nút hình mũi tên chỉ sang trái.
  - Nút hình vuông mở các ứng dụng đang chạy.
pairs:
  - left: Nút hình ngôi nhà
    right: Về màn hình chính
  - left: Nút mũi tên
    right: Quay lại bước trước
  - left: Nút hình vuông
    right: Xem các ứng dụng đang mở
```
"""

# A module test drawing all three (a bank smaller than the default draw).
BANK = """id: kiem-tra-kieu-moi
questions:
  - id: dien
    type: fillin
    question: Bạn gõ chữ "xin chào".
    answers: [xin chào]
  - id: xep
    type: ordering
    question: Bạn xếp các số từ nhỏ đến lớn.
    steps: [Một, Hai, Ba]
  - id: ghep
    type: matching
    question: Bạn ghép số với chữ.
    pairs:
      - {left: "1", right: Một}
      - {left: "2", right: Hai}
"""

STEPS = ["Mở ứng dụng Điện thoại", "Bấm số", "Bấm nút gọi màu xanh", "Nói chuyện"]
PAIRS = {"Nút hình ngôi nhà": "Về màn hình chính", "Nút mũi tên": "Quay lại bước trước",
         "Nút hình vuông": "Xem các ứng dụng đang mở"}


@pytest.fixture(scope="session")
def base_url(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("types")
    copy_course(folder)
    (folder / "content" / LESSON.replace(".html", ".md")).write_text(FIXTURE, encoding="utf-8")
    (folder / "quizzes").mkdir()
    (folder / "quizzes" / "lam-quen-dien-thoai.yml").write_text(BANK, encoding="utf-8")
    result = mkdocs_build(write_child_config(folder), folder / "site")
    assert result.returncode == 0, result.stderr
    root = tmp_path_factory.mktemp("www")
    shutil.copytree(folder / "site", root / SUB_PATH.strip("/"))
    server = serve(root)
    return f"http://127.0.0.1:{server.server_port}{SUB_PATH}"


def form(page, question_id: str):
    return page.locator(f'.hvs-q[data-q="{question_id}"]')


def result(q):
    return q.locator(".hvs-result")


def fill_in(q, text: str, keyboard_page=None):
    box = q.get_by_role("textbox", name="Câu trả lời của bạn:")
    if keyboard_page is None:
        box.fill(text)
        q.get_by_role("button", name="Kiểm tra").click()
    else:
        box.focus()
        keyboard_page.keyboard.insert_text(text)
        keyboard_page.keyboard.press("Enter")  # submits the question's form


# ---- Fill-in ----

def test_python_and_browser_compare_typed_answers_the_same_way(page, base_url):
    page.goto(base_url + LESSON)
    got = page.evaluate(
        """v => ({normalise: v.normalise.map(c => hvs.answer.normalise(c.text)),
                  compare: v.compare.map(c => hvs.answer.compare(c.given, c.accepted, c.match))})""",
        VECTORS,
    )
    assert got == {"normalise": [c["expected"] for c in VECTORS["normalise"]],
                   "compare": [c["expected"] for c in VECTORS["compare"]]}


def test_fill_in_accepts_either_tone_placement_and_nfd_input(page, base_url):
    page.goto(base_url + LESSON)
    q = form(page, "tinh")
    for typed in ("hoà bình", unicodedata.normalize("NFD", "  HÒA   BÌNH. ")):
        fill_in(q, typed)
        expect(result(q)).to_contain_text(RIGHT)
        expect(result(q)).to_contain_text("Giải thích: Đó là tỉnh Hòa Bình.")
        q.get_by_role("button", name="Làm lại").click()
        expect(result(q)).to_have_text("")


def test_fill_in_without_accents_is_wrong_unless_the_question_allows_it(page, base_url):
    page.goto(base_url + LESSON)
    strict = form(page, "tinh")
    fill_in(strict, "hoa binh")
    expect(result(strict)).to_have_text(ACCENTS + "Giải thích: Đó là tỉnh Hòa Bình.")
    expect(result(strict)).to_have_class("hvs-result hvs-ko")
    # "Làm lại" keeps the typed text, to fix only the accents.
    strict.get_by_role("button", name="Làm lại").click()
    expect(strict.locator(".hvs-text")).to_have_value("hoa binh")
    expect(strict.locator(".hvs-text")).to_be_focused()

    lenient = form(page, "tinh-de")
    fill_in(lenient, "hoa binh")
    expect(result(lenient)).to_have_text(ALMOST + "Viết đúng là: Hòa Bình")
    expect(result(lenient)).to_have_class("hvs-result hvs-ok")

    fill_in(form(page, "tinh"), "Hà Nội")
    expect(result(form(page, "tinh"))).to_contain_text(WRONG)
    # Nothing typed: asked to type, not marked wrong.
    form(page, "so").get_by_role("button", name="Kiểm tra").click()
    expect(result(form(page, "so"))).to_have_text("Bạn hãy gõ câu trả lời, rồi bấm “Kiểm tra”.")


def test_fill_in_numbers_and_web_addresses(page, base_url):
    page.goto(base_url + LESSON)
    number, web = form(page, "so"), form(page, "web")
    fill_in(number, "1800 8108")
    expect(result(number)).to_contain_text(RIGHT)
    number.get_by_role("button", name="Làm lại").click()
    number.locator(".hvs-text").fill("")
    fill_in(number, "1800 8109")
    expect(result(number)).to_contain_text(WRONG)
    fill_in(web, "https://www.DichVuCong.gov.vn/")
    expect(result(web)).to_contain_text(RIGHT)
    web.get_by_role("button", name="Làm lại").click()
    web.locator(".hvs-text").fill("")
    fill_in(web, "dichvucong.com.vn")
    expect(result(web)).to_contain_text(WRONG)


def test_fill_in_by_keyboard_and_restored_after_reload(page, base_url):
    page.goto(base_url + LESSON)
    q = form(page, "tinh")
    fill_in(q, "Hòa Bình", keyboard_page=page)
    expect(result(q)).to_contain_text(RIGHT)
    expect(q.get_by_role("button", name="Làm lại")).to_be_focused()
    wrong = form(page, "so")
    fill_in(wrong, "113", keyboard_page=page)
    expect(result(wrong)).to_contain_text(WRONG)
    # Typed but not yet checked: kept too.
    form(page, "web").locator(".hvs-text").fill("dichvucong")
    page.reload()
    expect(result(form(page, "tinh"))).to_contain_text(RIGHT)
    expect(form(page, "tinh").locator(".hvs-text")).to_have_value("Hòa Bình")
    expect(form(page, "tinh").locator(".hvs-text")).to_be_disabled()
    expect(result(form(page, "so"))).to_contain_text(WRONG)
    expect(form(page, "web").locator(".hvs-text")).to_have_value("dichvucong")
    expect(result(form(page, "web"))).to_have_text("")


def test_real_lesson_fill_in_expands_the_fact_in_its_answer(page, base_url):
    page.goto(base_url + "lam-quen-dien-thoai/03-goi-dien-va-luu-danh-ba.html")
    q = form(page, "go-so-cuu-hoa")
    expect(q.locator(".hvs-text")).to_have_attribute("inputmode", "numeric")
    fill_in(q, "1 1 4")
    expect(result(q)).to_contain_text(RIGHT)
    assert "114" not in q.locator(".hvs-result").evaluate("e => e.closest('.hvs-quiz').getAttribute('data-key')")


# ---- Ordering ----

def shown_steps(q) -> list[str]:
    return q.locator(".hvs-step-text").all_inner_texts()


def arrange(page, q, wanted: list[str], keyboard: bool = False):
    """Moves steps up one place at a time (as a learner would) until they read as `wanted`."""
    for target, text in enumerate(wanted):
        while shown_steps(q).index(text) > target:
            up = q.locator(".hvs-step", has_text=text).get_by_role("button", name="Lên")
            if keyboard:
                up.focus()
                page.keyboard.press("Enter")
            else:
                up.click()


def steps_set_up(q) -> None:
    """Waits until quiz.js has put the steps in their shown order: it then disables the first
    step's "Lên" and the last step's "Xuống" (the built page has none disabled)."""
    expect(q.locator(".hvs-step").first.get_by_role("button", name="Lên")).to_be_disabled()
    expect(q.locator(".hvs-step").last.get_by_role("button", name="Xuống")).to_be_disabled()


def test_ordering_is_shuffled_and_never_shown_in_order(page, base_url):
    page.goto(base_url + LESSON)
    q = form(page, "moi-sap-xep")
    steps_set_up(q)
    shown = shown_steps(q)
    assert sorted(shown) == sorted(STEPS) and shown != STEPS
    page.reload()
    steps_set_up(q)
    assert shown_steps(form(page, "moi-sap-xep")) == shown  # the same order on every visit


def test_ordering_with_the_mouse_wrong_then_right_and_restored(page, base_url):
    page.goto(base_url + LESSON)
    q = form(page, "moi-sap-xep")
    steps_set_up(q)
    arrange(page, q, [STEPS[1], STEPS[0], STEPS[2], STEPS[3]])
    q.get_by_role("button", name="Kiểm tra").click()
    expect(result(q)).to_contain_text(WRONG)
    expect(result(q)).to_contain_text("Giải thích: Bấm số trước, rồi mới bấm gọi.")
    expect(q.locator(".hvs-step", has_text=STEPS[1])).to_contain_text("✗ Chưa đúng vị trí.")
    expect(q.locator(".hvs-step", has_text=STEPS[3])).to_contain_text("✓ Đúng vị trí.")
    expect(q.get_by_role("button", name="Lên").first).to_be_disabled()
    q.get_by_role("button", name="Làm lại").click()
    arrange(page, q, STEPS)
    q.get_by_role("button", name="Kiểm tra").click()
    expect(result(q)).to_contain_text(RIGHT)
    page.reload()
    q = form(page, "moi-sap-xep")
    expect(result(q)).to_contain_text(RIGHT)  # restored from the saved answer
    assert shown_steps(q) == STEPS
    expect(result(q)).to_contain_text(RIGHT)


def test_ordering_by_keyboard_announces_each_move(page, base_url):
    page.goto(base_url + LESSON)
    q = form(page, "moi-sap-xep")
    steps_set_up(q)
    first_shown = shown_steps(q)[0]
    down = q.locator(".hvs-step", has_text=first_shown).get_by_role("button", name="Xuống")
    down.focus()
    page.keyboard.press("Enter")
    expect(q.locator(".hvs-live")).to_have_text(f"Đã chuyển “{first_shown}” tới vị trí 2/4.")
    expect(q.locator(".hvs-live")).to_have_attribute("aria-live", "polite")
    # Focus stays on the moved step's button, so Enter again moves it further.
    expect(down).to_be_focused()
    assert down.get_attribute("aria-describedby") == q.locator(".hvs-step", has_text=first_shown).locator(".hvs-step-text").get_attribute("id")
    arrange(page, q, STEPS, keyboard=True)
    q.get_by_role("button", name="Kiểm tra").focus()
    page.keyboard.press("Enter")
    expect(result(q)).to_contain_text(RIGHT)
    expect(q.get_by_role("button", name="Làm lại")).to_be_focused()


# ---- Matching ----

def pair(q, left: str):
    """A left item's group of choices, found as a screen reader names it (its legend)."""
    return q.get_by_role("group", name=left, exact=True)


def pick(q, left: str, right: str):
    pair(q, left).get_by_role("radio", name=right, exact=True).click()


def test_matching_with_the_mouse_wrong_then_right_and_restored(page, base_url):
    page.goto(base_url + LESSON)
    q = form(page, "moi-ghep")
    choices = q.locator(".hvs-pair").first.locator(".hvs-opt").all_inner_texts()
    assert sorted(choices) == sorted(PAIRS.values())
    assert choices != list(PAIRS.values())  # shuffled
    for left in PAIRS:  # every left item offers every choice, in the same order
        assert pair(q, left).locator(".hvs-opt").all_inner_texts() == choices
    pick(q, "Nút hình ngôi nhà", "Về màn hình chính")
    q.get_by_role("button", name="Kiểm tra").click()
    expect(result(q)).to_have_text("Bạn hãy chọn cho đủ các dòng, rồi bấm “Kiểm tra”.")
    pick(q, "Nút mũi tên", "Xem các ứng dụng đang mở")
    pick(q, "Nút hình vuông", "Quay lại bước trước")
    q.get_by_role("button", name="Kiểm tra").click()
    expect(result(q)).to_contain_text(WRONG)
    expect(pair(q, "Nút hình ngôi nhà").locator(".hvs-fb")).to_have_text("✓ Ghép đúng.")
    expect(pair(q, "Nút mũi tên").locator(".hvs-fb")).to_have_text("✗ Ghép chưa đúng.")
    expect(pair(q, "Nút mũi tên").locator(".hvs-opt.hvs-wrong")).to_have_text("Xem các ứng dụng đang mở")
    expect(pair(q, "Nút hình ngôi nhà").locator(".hvs-opt.hvs-right")).to_have_text("Về màn hình chính")
    q.get_by_role("button", name="Làm lại").click()
    expect(q.locator("input:checked")).to_have_count(0)
    expect(q.locator(".hvs-opt.hvs-wrong, .hvs-opt.hvs-right, .hvs-fb")).to_have_count(0)
    for left, right in PAIRS.items():
        pick(q, left, right)
    q.get_by_role("button", name="Kiểm tra").click()
    expect(result(q)).to_contain_text(RIGHT)
    page.reload()
    q = form(page, "moi-ghep")
    expect(result(q)).to_contain_text(RIGHT)
    expect(pair(q, "Nút mũi tên").get_by_role("radio", name="Quay lại bước trước")).to_be_checked()


def test_matching_by_keyboard_only(page, base_url):
    page.goto(base_url + LESSON)
    q = form(page, "moi-ghep")
    q.locator(".hvs-how").click()  # from just before the first group, Tab goes on like a learner's
    for left, right in PAIRS.items():
        group = pair(q, left)
        steps = group.locator(".hvs-opt").all_inner_texts().index(right)
        page.keyboard.press("Tab")  # into the group: its first choice, not chosen yet
        expect(group.get_by_role("radio").first).to_be_focused()
        page.keyboard.press("Space")
        for _ in range(steps):
            page.keyboard.press("ArrowDown")  # moves and chooses
        expect(group.get_by_role("radio", name=right, exact=True)).to_be_focused()
        expect(group.get_by_role("radio", name=right, exact=True)).to_be_checked()
    q.get_by_role("button", name="Kiểm tra").focus()
    page.keyboard.press("Enter")
    expect(result(q)).to_contain_text(RIGHT)
    page.keyboard.press("Enter")  # Làm lại
    first = q.locator(".hvs-pair input").first
    expect(first).to_be_focused()
    page.keyboard.press("Space")
    for group in q.locator(".hvs-pair").all()[1:]:
        page.keyboard.press("Tab")
        expect(group.locator("input").first).to_be_focused()
        page.keyboard.press("Space")
    q.get_by_role("button", name="Kiểm tra").focus()
    page.keyboard.press("Enter")
    expect(result(q)).not_to_contain_text(RIGHT)  # the first choice of each list cannot match every row


# ---- Hints one at a time ----

def test_hints_are_revealed_one_at_a_time(page, base_url):
    page.goto(base_url + LESSON)
    q = form(page, "moi-ghep")
    box = q.locator(".hvs-hint-text")
    expect(box).to_be_hidden()
    expect(box).to_have_attribute("aria-live", "polite")
    q.get_by_role("button", name="Xem gợi ý").click()
    expect(box).to_have_text("Gợi ý 1/3: Nghĩ xem nút nào có hình ngôi nhà.")
    button = q.get_by_role("button", name="Xem gợi ý tiếp")
    expect(button).to_have_attribute("aria-expanded", "true")
    button.focus()
    page.keyboard.press("Enter")
    expect(box.locator("p")).to_have_count(2)
    expect(box.locator("p").nth(1)).to_have_text("Gợi ý 2/3: Nút hình mũi tên chỉ sang trái.")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(box.locator("p").nth(2)).to_have_text("Gợi ý 3/3: Nút hình vuông mở các ứng dụng đang chạy.")
    hide = q.get_by_role("button", name="Ẩn gợi ý")
    expect(hide).to_be_focused()
    page.keyboard.press("Enter")
    expect(box).to_be_hidden()
    expect(q.get_by_role("button", name="Xem gợi ý")).to_have_attribute("aria-expanded", "false")
    q.get_by_role("button", name="Xem gợi ý").click()
    expect(box.locator("p")).to_have_count(1)


def test_answers_of_new_types_are_not_in_the_page_text(page, base_url):
    page.goto(base_url + LESSON)
    quizzes = "".join(page.locator(".hvs-quiz").evaluate_all("all => all.map(q => q.outerHTML)"))
    assert "1800" not in quizzes and "dichvucong" not in quizzes and "Hòa Bình" not in quizzes


def test_printed_fill_in_is_a_writing_line_and_steps_get_boxes(page, base_url):
    page.goto(base_url + LESSON)
    fill_in(form(page, "tinh"), "Hòa Bình")
    page.emulate_media(media="print")
    box = form(page, "tinh").locator(".hvs-text")
    expect(box).to_be_visible()
    style = box.evaluate("el => { const s = getComputedStyle(el); return [s.borderTopWidth, s.borderBottomStyle, s.color]; }")
    assert style == ["0px", "solid", "rgba(0, 0, 0, 0)"], style  # a line to write on; the typed answer stays off paper
    assert page.locator(".hvs-result:visible, .hvs-moves button:visible").count() == 0
    step = form(page, "moi-sap-xep").locator(".hvs-step-text").first
    assert step.evaluate("el => getComputedStyle(el, '::before').content") == 'counter(hvs-step, upper-alpha) ". "'


def test_module_test_checks_new_types_once_scores_and_starts_again_blank(page, base_url):
    page.goto(base_url + "lam-quen-dien-thoai/kiem-tra.html")
    fill, order, pairs = form(page, "dien"), form(page, "xep"), form(page, "ghep")
    fill_in(fill, "Xin chao")  # no accents, not allowed here: wrong, and no "Làm lại" in a test
    expect(result(fill).locator("strong")).to_have_text("Chưa đúng: câu trả lời còn thiếu dấu hoặc sai dấu.")
    arrange(page, order, ["Một", "Hai", "Ba"])
    order.get_by_role("button", name="Kiểm tra").click()
    expect(result(order)).to_contain_text(RIGHT)
    pick(pairs, "1", "Một")
    pick(pairs, "2", "Hai")
    pairs.get_by_role("button", name="Kiểm tra").click()
    expect(result(pairs)).to_contain_text(RIGHT)
    for q in (fill, order, pairs):
        expect(q.get_by_role("button", name="Làm lại")).to_be_hidden()  # one try per question in a test
    expect(order.get_by_role("button", name="Lên").first).to_be_disabled()
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.locator(".hvs-test-result")).to_contain_text("Bạn đúng 2/3 câu (67%).")
    # The missed fill-in shows its answer after handing in; the two right ones show none.
    expect(fill.locator(".hvs-answer-note")).to_have_text("Đáp án đúng: xin chào")
    expect(page.locator(".hvs-answer-note")).to_have_count(1)
    page.get_by_role("button", name="Làm bài kiểm tra mới").click()
    expect(fill.locator(".hvs-text")).to_have_value("")
    expect(fill.locator(".hvs-text")).to_be_enabled()
    expect(pairs.locator("input:checked")).to_have_count(0)
    expect(pairs.locator("input").first).to_be_enabled()
    expect(result(order)).to_have_text("")
    assert shown_steps(order) != ["Một", "Hai", "Ba"]  # back to the shuffled order


def test_a_handed_in_module_test_shows_the_right_order_and_pairs_of_missed_questions(page, base_url):
    page.goto(base_url + "lam-quen-dien-thoai/kiem-tra.html")
    fill, order, pairs = form(page, "dien"), form(page, "xep"), form(page, "ghep")
    fill_in(fill, "xin chào")
    arrange(page, order, ["Ba", "Hai", "Một"])
    order.get_by_role("button", name="Kiểm tra").click()
    pick(pairs, "1", "Hai")
    pick(pairs, "2", "Một")
    pairs.get_by_role("button", name="Kiểm tra").click()
    expect(page.locator(".hvs-answer-note")).to_have_count(0)  # only once handed in
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.locator(".hvs-test-result")).to_contain_text("Bạn đúng 1/3 câu (33%).")
    expect(order.locator(".hvs-answer-note")).to_have_text("Đáp án đúng: Một → Hai → Ba")
    expect(pairs.locator(".hvs-answer-note")).to_have_text("Đáp án đúng: 1: Một; 2: Hai")
    expect(fill.locator(".hvs-answer-note")).to_have_count(0)
    assert shown_steps(order) == ["Ba", "Hai", "Một"]  # the learner's own answer stays as given


def test_new_types_work_from_a_usb_stick(page, site):
    page.goto((site / "lam-quen-dien-thoai" / "03-goi-dien-va-luu-danh-ba.html").as_uri())
    q = form(page, "go-so-cuu-hoa")
    fill_in(q, "1 1 3")
    expect(result(q)).to_contain_text(WRONG)
    q.get_by_role("button", name="Làm lại").click()
    fill_in(q, "114")
    expect(result(q)).to_contain_text(RIGHT)
    page.reload()
    expect(result(form(page, "go-so-cuu-hoa"))).to_contain_text(RIGHT)
