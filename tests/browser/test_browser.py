"""The learner's side in a real Chromium: over http under a sub-path, from file://, by keyboard.

Every test fails on a console error or a request to another host (see conftest.Guard).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import SUB_PATH, Guard, serve, wait_until_still
from course_samples import FIXTURE_LESSON, build_course, instant_navigation_course
from site_reading import answer_keys

pytestmark = pytest.mark.browser
LESSON = FIXTURE_LESSON
RIGHT = "Đúng rồi! Bạn làm rất tốt."
WRONG = "Chưa đúng. Không sao cả"


@pytest.fixture(scope="session")
def course(tmp_path_factory) -> Path:
    return build_course(tmp_path_factory.mktemp("course"))


@pytest.fixture(scope="session")
def base_url(course, tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("www")
    shutil.copytree(course, root / SUB_PATH.strip("/"))
    server = serve(root)
    return f"http://127.0.0.1:{server.server_port}{SUB_PATH}"


def question(page, text: str):
    return page.locator(".hvs-q", has_text=text)


def option(page, text: str):
    return page.locator(".hvs-opt", has_text=text)


def test_wrong_answer_gets_kind_feedback_then_right_answer_after_retry(page, base_url):
    page.goto(base_url + LESSON)
    otp = question(page, "Ai được hỏi mã OTP")
    option(otp, "Nhân viên ngân hàng").click()
    otp.get_by_role("button", name="Kiểm tra").click()
    result = otp.get_by_role("status")
    expect(result).to_contain_text(WRONG)
    expect(result).to_contain_text("Giải thích: Mã OTP chỉ dành cho bạn.")
    # The option's own feedback follows the mark alone: no second verdict saying the same thing.
    expect(option(otp, "Nhân viên ngân hàng").locator(".hvs-fb")).to_have_text(
        "✗ Ngân hàng không bao giờ hỏi mã OTP qua điện thoại."
    )
    expect(option(otp, "Nhân viên ngân hàng")).to_have_class(re.compile("hvs-wrong"))
    # The right answer is not revealed: the learner tries again.
    expect(option(otp, "Không ai cả")).not_to_have_class(re.compile("hvs-right"))

    otp.get_by_role("button", name="Làm lại").click()
    expect(result).to_have_text("")
    expect(otp.locator("input:checked")).to_have_count(0)
    option(otp, "Không ai cả").click()
    otp.get_by_role("button", name="Kiểm tra").click()
    expect(result).to_contain_text(RIGHT)
    expect(option(otp, "Không ai cả")).to_contain_text("✓ Bạn chọn đúng.")


def test_multiple_choice_and_true_false(page, base_url):
    page.goto(base_url + LESSON)
    signs = question(page, "Đâu là dấu hiệu lừa đảo?")
    expect(signs).to_contain_text("Chọn tất cả các đáp án đúng.")
    signs.get_by_role("button", name="Kiểm tra").click()
    expect(signs.get_by_role("status")).to_have_text("Bạn hãy chọn ít nhất một đáp án, rồi bấm “Kiểm tra”.")
    option(signs, "Giục bạn").click()
    signs.get_by_role("button", name="Kiểm tra").click()
    expect(signs.get_by_role("status")).to_contain_text("Bạn chọn đúng, nhưng còn thiếu đáp án đúng khác.")
    signs.get_by_role("button", name="Làm lại").click()
    option(signs, "Giục bạn").click()
    option(signs, "giữ bí mật").click()
    signs.get_by_role("button", name="Kiểm tra").click()
    expect(signs.get_by_role("status")).to_contain_text(RIGHT)

    police = question(page, "Công an có thể gọi điện")
    option(police, "Đúng").click()
    police.get_by_role("button", name="Kiểm tra").click()
    expect(police.get_by_role("status")).to_contain_text(WRONG)
    expect(option(police, "Đúng")).to_contain_text("Kẻ gian hay giả làm công an.")


def test_hint_is_revealed_on_request(page, base_url):
    page.goto(base_url + LESSON)
    otp = question(page, "Ai được hỏi mã OTP")
    expect(otp).not_to_contain_text("Mã OTP dùng để xác nhận chính bạn.")
    hint = otp.get_by_role("button", name="Xem gợi ý")
    expect(hint).to_have_attribute("aria-expanded", "false")
    hint.click()
    expect(otp).to_contain_text("Gợi ý: Mã OTP dùng để xác nhận chính bạn.")
    expect(otp.get_by_role("button", name="Ẩn gợi ý")).to_have_attribute("aria-expanded", "true")


def test_answers_come_back_after_reload(page, base_url):
    page.goto(base_url + LESSON)
    otp = question(page, "Ai được hỏi mã OTP")
    option(otp, "Không ai cả").click()
    otp.get_by_role("button", name="Kiểm tra").click()
    signs = question(page, "Đâu là dấu hiệu lừa đảo?")
    option(signs, "Giục bạn").click()  # chosen, not yet checked
    page.reload()
    otp = question(page, "Ai được hỏi mã OTP")
    expect(otp.get_by_role("status")).to_contain_text(RIGHT)
    expect(option(otp, "Không ai cả").locator("input")).to_be_checked()
    expect(otp.get_by_role("button", name="Làm lại")).to_be_visible()
    signs = question(page, "Đâu là dấu hiệu lừa đảo?")
    expect(option(signs, "Giục bạn").locator("input")).to_be_checked()
    expect(signs.get_by_role("status")).to_have_text("")


def test_everything_by_keyboard_only(page, base_url):
    page.goto(base_url + LESSON)
    first_option = question(page, "Ai được hỏi mã OTP").locator("input").first
    for _ in range(80):  # Tab through the page as a keyboard user does, from the top
        page.keyboard.press("Tab")
        if first_option.evaluate("input => input === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first option")
    page.keyboard.press("Space")  # picks "Nhân viên ngân hàng" (wrong)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Kiểm tra
    otp = question(page, "Ai được hỏi mã OTP")
    expect(otp.get_by_role("status")).to_contain_text(WRONG)
    expect(otp.get_by_role("button", name="Làm lại")).to_be_focused()
    page.keyboard.press("Enter")  # Làm lại: focus returns to the first option
    expect(first_option).to_be_focused()
    page.keyboard.press("ArrowDown")  # moves to and picks "Không ai cả"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(otp.get_by_role("status")).to_contain_text(RIGHT)


@pytest.mark.parametrize("opened", ["http", "file"])
def test_works_when_local_storage_throws(context, base_url, course, opened):
    # Some browsers block storage for file:// pages outright: a USB stick's learner too.
    context.add_init_script(
        "for (const name of ['getItem', 'setItem']) Storage.prototype[name] = () => { throw new DOMException('blocked', 'SecurityError'); };"
    )
    page = context.new_page()
    page.goto(base_url + LESSON if opened == "http" else (course / LESSON).as_uri())
    otp = question(page, "Ai được hỏi mã OTP")
    option(otp, "Không ai cả").click()
    otp.get_by_role("button", name="Kiểm tra").click()
    expect(otp.get_by_role("status")).to_contain_text(RIGHT)


def test_tap_targets_are_at_least_44_px(page, base_url):
    page.goto(base_url + LESSON)
    wait_until_still(page)  # sizes measured on the settled page
    targets = page.locator(".hvs-opt, .hvs-actions button:visible")
    assert targets.count() >= 8
    for index in range(targets.count()):
        box = targets.nth(index).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, (targets.nth(index).inner_text(), box)


def test_no_motion_when_reduced_motion_is_asked(browser, base_url):
    context, guard = browser.new_context(reduced_motion="reduce"), Guard()
    guard.watch_policy(context)
    page = context.new_page()
    page.goto(base_url + LESSON)
    durations = page.locator(".hvs-opt").first.evaluate("el => getComputedStyle(el).transitionDuration")
    context.close()
    assert set(durations.replace(" ", "").split(",")) == {"0s"}
    assert guard.problems == []


def test_from_file_url_like_a_usb_stick(page, course):
    page.goto((course / LESSON).as_uri())
    otp = question(page, "Ai được hỏi mã OTP")
    option(otp, "Không ai cả").click()
    otp.get_by_role("button", name="Kiểm tra").click()
    expect(otp.get_by_role("status")).to_contain_text(RIGHT)
    page.reload()
    expect(question(page, "Ai được hỏi mã OTP").get_by_role("status")).to_contain_text(RIGHT)
    page.get_by_role("link", name="Về trang chủ").click()
    expect(page).to_have_url(re.compile(r"file://.*/index\.html$"))


def test_with_material_instant_navigation(context, tmp_path):
    url = instant_navigation_course(tmp_path)
    page = context.new_page()
    page.goto(url + LESSON)
    page.evaluate("window.samePage = true")
    otp = question(page, "Ai được hỏi mã OTP")
    option(otp, "Không ai cả").click()
    otp.get_by_role("button", name="Kiểm tra").click()
    page.get_by_role("link", name="Về trang chủ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Học kỹ năng số, không ai bị bỏ lại phía sau")
    assert page.evaluate("window.samePage === true"), "the click reloaded the page: instant navigation is off"
    page.go_back()
    otp = question(page, "Ai được hỏi mã OTP")
    expect(otp.get_by_role("status")).to_contain_text(RIGHT)  # restored on the new page Material swapped in
    otp.get_by_role("button", name="Làm lại").click()
    option(otp, "Nhân viên ngân hàng").click()
    otp.get_by_role("button", name="Kiểm tra").click()
    expect(otp.get_by_role("status")).to_contain_text(WRONG)
    assert page.evaluate("window.samePage === true")
    # Search still works on a page Material swapped in, and its links resolve from there.
    page.locator("label.md-header__button[for=__search]").click()
    page.locator(".md-search__input").fill("goi video")
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    expect(page).to_have_url(re.compile(r"/zalo-va-mang-xa-hoi/02-goi-thoai-va-goi-video\.html"))


def test_one_lesson_of_every_module_can_be_answered_right(page, base_url, course):
    modules = sorted(folder for folder in course.iterdir() if (folder / "index.html").exists() and folder.name not in ("search", "assets"))
    assert len(modules) >= 2
    for module in modules:
        lesson = sorted(path for path in module.glob("*.html") if path.name != "index.html")[0]
        keys = answer_keys(lesson)
        assert keys, lesson
        page.goto(base_url + f"{module.name}/{lesson.name}")
        for quiz_id, key in keys.items():
            quiz = page.locator(f'.hvs-quiz[data-quiz="{quiz_id}"]')
            for question_id, (correct, *_rest) in key.items():
                form = quiz.locator(f'.hvs-q[data-q="{question_id}"]')
                _answer_right(form, correct)
                form.get_by_role("button", name="Kiểm tra").click()
                expect(form.get_by_role("status")).to_contain_text(RIGHT)


def _answer_right(form, correct) -> None:
    """As a learner who knows the answer would, for each question type (the key says what is right)."""
    if form.locator(".hvs-text").count():  # fill-in: the first accepted answer
        form.locator(".hvs-text").fill(correct[0])
    elif form.locator(".hvs-step").count():  # ordering: where each step of the right order is shown
        wanted = [form.locator(f'.hvs-step[data-s="{shown}"] .hvs-step-text').inner_text() for shown in correct]
        for target, text in enumerate(wanted):
            while form.locator(".hvs-step-text").all_inner_texts().index(text) > target:
                form.locator(".hvs-step", has_text=text).get_by_role("button", name="Lên").click()
    elif form.locator(".hvs-pair").count():  # matching: which shown choice each left side takes
        for row, shown in enumerate(correct):
            form.locator(".hvs-pair").nth(row).locator(f'input[value="{shown}"]').check()
    else:
        for index in correct:
            form.locator(".hvs-opt").nth(index).click()
