"""Accessibility: axe-core (WCAG 2.0/2.1 A and AA rules) finds no violation on the pages learners
use most, in a phone-sized and a desktop-sized Chromium. Each check waits until the page is still
(conftest.axe_report): the colours measured are the ones a learner reads, not a frame of a fade."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import Guard, axe_report as violations
from site_reading import course_map

pytestmark = pytest.mark.browser
PAGES = {
    "trang chủ": "index.html",
    "trang chương": "phong-chong-lua-dao/index.html",
    "bài có câu hỏi": "phong-chong-lua-dao/03-bao-ve-ma-otp-va-tai-khoan.html",
    "từ điển": "tu-dien.html",
}


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("width", [390, 1280])
def test_no_axe_violation(browser, site_url, name, width):
    context, guard = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN"), Guard()
    guard.watch_policy(context)
    try:
        page = context.new_page()
        page.goto(site_url + PAGES[name])
        report = violations(page)
    finally:
        context.close()
    assert not report, report
    assert guard.problems == []


def test_no_axe_violation_in_answered_quiz_and_search_results(page, site_url):
    page.goto(site_url + PAGES["bài có câu hỏi"])
    quiz = page.locator(".hvs-q").first
    quiz.locator(".hvs-opt").first.click()
    quiz.get_by_role("button", name="Kiểm tra").click()
    expect(quiz.get_by_role("status")).not_to_have_text("")  # the feedback is shown
    page.locator("label.md-header__button[for=__search]").click()
    page.locator(".md-search__input").fill("lua dao")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^Tìm thấy \d+ bài$"))
    # Material fades the search box in (opacity and colour transitions of up to 0.4 s): axe runs
    # on the final colours, which must pass on their own.
    report = violations(page)
    assert not report, report
    assert page.locator(".md-search__inner").evaluate("el => getComputedStyle(el).opacity") == "1"  # measured faded in


def test_no_axe_violation_on_progress_test_and_certificate_pages(page, site, site_url):
    course = course_map(site)
    banks = [module["test"]["bank"] for module in course["modules"] if "test" in module]
    # Every module of the course has its test: the certificate needs them all.
    assert len(banks) == len(course["modules"]) >= 8
    page.goto(site_url + "tien-do.html")
    assert not (report := violations(page)), report
    page.goto(site_url + course["modules"][0]["test"]["url"])
    assert not (report := violations(page)), report
    # Every module test passed: the certificate form, then the certificate itself.
    state = {"passed": {}, "tests": {bank: {"best": 100, "passed": True, "date": "2026-11-23"} for bank in banks}}
    page.evaluate("state => localStorage.setItem('hocvuso:progress', JSON.stringify(state))", state)
    page.goto(site_url + "chung-nhan.html")
    page.get_by_label("Họ và tên của bạn").fill("Trần Văn An")
    page.get_by_role("button", name="Tạo giấy chứng nhận").click()
    page.locator("[data-hvs-certificate-sheet]").wait_for()
    assert not (report := violations(page)), report
