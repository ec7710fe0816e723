"""Printing in a real Chromium (print media emulated, then real PDFs): a lesson prints without the
site's controls, its quizzes as a blank worksheet; each module's answer key prints apart.
Every test fails on a console error or a request to another host (conftest.Guard)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import axe_report, wait_until_still

pytestmark = pytest.mark.browser
MODULE = "phong-chong-lua-dao/"
LESSON = MODULE + "03-bao-ve-ma-otp-va-tai-khoan.html"
KEY = MODULE + "dap-an.html"
KEY_LINK = "In đáp án cho người hướng dẫn"


def review_question(page, text: str):
    return page.locator(".hvs-q", has_text=text)


def answer_on_screen(page):
    """A learner answers on screen before printing: one question checked (wrong), one ticked only."""
    staff = review_question(page, "Nhân viên ngân hàng được phép hỏi mã OTP")
    staff.locator(".hvs-opt", has_text="Đúng").click()
    staff.get_by_role("button", name="Kiểm tra").click()
    expect(staff.get_by_role("status")).to_contain_text("Chưa đúng.")
    expect(staff.get_by_text("Giải thích:")).to_be_visible()
    expect(staff.locator(".hvs-fb")).to_be_visible()  # the chosen option's own feedback, after its mark
    several = review_question(page, "Cách nào giúp giữ mật khẩu an toàn")
    several.locator(".hvs-opt").first.click()
    expect(several.locator(".hvs-opt input").first).to_be_checked()
    return staff, several


def pdf_pages(pdf: bytes) -> int:
    assert pdf.startswith(b"%PDF-")
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_lesson_prints_without_site_controls(page, site_url):
    page.goto(site_url + LESSON)
    expect(page.locator(".md-header")).to_be_visible()
    page.emulate_media(media="print")
    wait_until_still(page)  # styles read below are the print ones, not a frame of a transition to them
    for chrome in (".md-header", ".md-search", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-top"):
        expect(page.locator(chrome)).to_be_hidden()
    assert page.locator("button:visible").count() == 0  # no "Kiểm tra", no "Nghe bài", no menu button
    assert page.locator('[class^="hvs-read"]:visible, [class^="hvs-listen"]:visible').count() == 0
    expect(page.get_by_role("heading", name="Bảo vệ mã OTP và tài khoản ngân hàng")).to_be_visible()
    font_size = page.locator(".md-typeset").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert 16 <= font_size <= 19, font_size  # about 12-14 pt
    warning = page.locator(".admonition.warning").first
    expect(warning).to_be_visible()
    border = warning.evaluate("el => getComputedStyle(el).borderTopStyle + ' ' + getComputedStyle(el).borderTopColor")
    assert border == "solid rgb(0, 0, 0)"
    for image in page.locator(".md-typeset img").all():
        assert image.bounding_box()["width"] <= page.locator(".md-content").bounding_box()["width"] + 1


def test_quiz_prints_as_a_blank_worksheet(page, site_url):
    page.goto(site_url + LESSON)
    staff, several = answer_on_screen(page)
    page.emulate_media(media="print")
    wait_until_still(page)
    expect(page.get_by_text("Chưa đúng. Không sao cả")).to_be_hidden()
    expect(staff.locator(".hvs-fb")).to_be_hidden()
    expect(page.get_by_text("Giải thích:")).to_be_hidden()
    assert page.locator(".hvs-fb:visible, .hvs-actions:visible, .hvs-result:visible").count() == 0
    expect(staff.locator(".hvs-num")).to_have_text("Câu 1/5.")
    expect(several.get_by_text("Chọn tất cả các đáp án đúng.")).to_be_visible()

    boxes = page.locator(".hvs-opt input")
    assert boxes.count() >= 10
    for index in range(boxes.count()):
        box = boxes.nth(index)
        expect(box).to_be_visible()
        style = box.evaluate("el => { const s = getComputedStyle(el); return [s.appearance, s.borderTopWidth, s.borderRadius, el.type]; }")
        assert style[0] == "none" and float(style[1][:-2]) >= 1, style  # an empty frame to tick with a pen
        assert (style[2] == "50%") == (style[3] == "radio"), style  # circles for one answer, squares for several
    letters = page.locator(".hvs-opt > span").first.evaluate("el => getComputedStyle(el, '::before').content")
    assert letters == 'counter(hvs-option, upper-alpha) ". "'
    assert staff.evaluate("el => getComputedStyle(el, '::after').content") == '"Ghi chú:"'

    # What the learner picked on screen looks exactly like what they did not: the same
    # pixels with the box checked and unchecked (after "Kiểm tra", and ticked only).
    for question in (staff, several):
        picked = question.locator(".hvs-opt input").first
        expect(picked).to_be_checked()
        wait_until_still(page)
        checked_pixels = picked.screenshot()
        picked.evaluate("el => { el.checked = false; }")
        expect(picked).not_to_be_checked()
        wait_until_still(page)  # a transition set off by unchecking would show in the second picture
        assert picked.screenshot() == checked_pixels


def test_outside_links_print_their_address_once(page, site_url):
    page.goto(site_url + "dich-vu-cong-truc-tuyen/01-dich-vu-cong-truc-tuyen-la-gi.html")
    page.emulate_media(media="print")
    wait_until_still(page)
    address = page.locator(".md-typeset a.hvs-address").first
    expect(address).to_have_text("dichvucong.gov.vn")
    assert address.evaluate("el => getComputedStyle(el, '::after').content") == "none"
    page.locator(".md-typeset p").first.evaluate(
        "p => p.insertAdjacentHTML('beforeend', ' <a id=\"ngoai\" href=\"https://vi.wikipedia.org/wiki/OTP\">Wikipedia</a>')")
    assert page.locator("#ngoai").evaluate("el => getComputedStyle(el, '::after').content") == '" (https://vi.wikipedia.org/wiki/OTP)"'
    inside = page.locator(".md-typeset a[href*='.html']").first
    assert inside.evaluate("el => getComputedStyle(el, '::after').content") == "none"


def test_lesson_pdf(page, site_url):
    page.goto(site_url + LESSON)
    answer_on_screen(page)
    pages = pdf_pages(page.pdf(format="A4"))
    assert 2 <= pages <= 8, pages


def test_module_page_leads_volunteers_to_the_answer_key_which_prints(page, site_url):
    page.goto(site_url + MODULE + "index.html")
    page.get_by_role("link", name=KEY_LINK).click()
    expect(page).to_have_url(re.compile(r"/phong-chong-lua-dao/dap-an\.html$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Đáp án chương: Phòng chống lừa đảo trực tuyến")
    expect(page.get_by_text("Dành cho người hướng dẫn")).to_be_visible()
    first = page.locator(".hvs-key-q", has_text="Nhân viên ngân hàng được phép hỏi mã OTP")
    expect(first).to_contain_text("Câu 1.")
    expect(first).to_contain_text("Đáp án đúng: Sai")
    expect(first).to_contain_text("Giải thích:")
    # Not in the menu: no menu entry names it.
    assert page.locator(".md-nav a[href$='dap-an.html']").count() == 0
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(first).to_be_visible()
    assert pdf_pages(page.pdf(format="A4")) >= 2
    page.goto(site_url + MODULE + "index.html")
    expect(page.get_by_role("link", name=KEY_LINK)).to_be_hidden()  # a printed module page does not offer it


def test_answer_key_has_no_axe_violation(page, site_url):
    page.goto(site_url + KEY)
    report = axe_report(page)
    assert not report, report


def test_the_class_pages_print_button_prints_the_page(page, site_url):
    # The "In" buttons (the class page's list, the certificate) are one handler in core.js.
    page.add_init_script("window.__printed = 0; window.print = function () { window.__printed += 1; };")
    page.goto(site_url + "lop-hoc-cua-toi.html")
    # Shown once a learner is in the list (tests/browser/test_class_browser.py); the handler is the page's.
    page.locator("[data-hvs-print]").dispatch_event("click")
    page.wait_for_function("() => window.__printed === 1")
