"""The menu a page carries and the course-list page (issue #27), on the real course: at 320 px with
real mobile emulation (touch, is_mobile) and at 1280 px, over http under a sub-path and from
file://. Every test fails on a script error, a policy violation or a request to another host
(conftest.Guard)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import phone_options
from site_reading import course_map

pytestmark = pytest.mark.browser
LESSON = "phong-chong-lua-dao/02-tin-nhan-va-duong-link-gia.html"
LESSON_TITLE = "Nhận biết tin nhắn và đường link giả"
SIBLING = "Nhận biết cuộc gọi lừa đảo"  # another lesson of the same module
OTHER_MODULE = "Zalo và mạng xã hội"
COURSE_LIST = "Tất cả các chương"


@pytest.fixture
def open_page(guarded_page):
    """open_page(width) -> a guarded page: a phone (320) or a desktop window (1280)."""
    def make(width: int):
        options = phone_options(width) if width < 1000 else {"viewport": {"width": width, "height": 800}, "locale": "vi-VN"}
        return guarded_page(**options, service_workers="block")

    return make


def menu_of(page, width: int):
    """The side menu, opened with the drawer button on a phone."""
    menu = page.locator(".md-sidebar--primary")
    if width < 1000:
        page.locator(".md-header label[for=__drawer]").click()
        expect(menu).to_be_in_viewport()
    return menu


def passed(page, quiz: str) -> None:
    page.evaluate("id => document.dispatchEvent(new CustomEvent('hvs:quiz-passed', {detail: {quiz: id}}))", quiz)


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("over", ["http", "file"])
def test_module_menu_then_the_course_list_then_a_lesson_of_another_module(open_page, site, site_url, width, over):
    base = site_url if over == "http" else site.as_uri() + "/"
    modules = course_map(site)["modules"]
    fraud = next(module for module in modules if module["id"] == "phong-chong-lua-dao")
    other = next(module for module in modules if module["title"] == OTHER_MODULE)
    page = open_page(width)
    page.goto(base + LESSON)
    passed(page, fraud["lessons"][0]["quiz"])  # the module's first lesson is finished

    menu = menu_of(page, width)
    # The current module's lessons, this one marked; no other module in a lesson's menu.
    expect(menu.locator("a.md-nav__link--active[aria-current=page]")).to_have_text(LESSON_TITLE)
    # (On a phone Material shows it as the opener of the lesson's headings, the link itself hidden.)
    expect(menu.locator(".md-nav__link--active:visible", has_text=LESSON_TITLE)).to_be_in_viewport()
    expect(menu.get_by_role("link", name=SIBLING)).to_be_in_viewport()
    expect(menu.get_by_role("link", name=re.compile(SIBLING))).to_contain_text("✓")  # progress.js ticks it
    expect(menu.get_by_role("link", name=OTHER_MODULE)).to_have_count(0)
    if width < 1000:  # the phone's module panel: back to the top level, where the course list is
        menu.locator("nav[aria-labelledby='__nav_module_label'] > label.md-nav__title").click()
    course_list = menu.get_by_role("link", name=COURSE_LIST)
    expect(course_list).to_be_in_viewport()
    course_list.click()

    expect(page).to_have_url(re.compile(r"/cac-chuong\.html$"))
    expect(page.locator(".md-content h1")).to_have_text(COURSE_LIST)
    article = page.locator("article")
    for module in modules:  # every module, with its progress bar
        expect(article.locator(f'[data-hvs-progress="{module["id"]}"] progress')).to_have_count(1)
    expect(article.locator('[data-hvs-progress="phong-chong-lua-dao"]')).to_contain_text("1/")
    expect(article.locator("ol a", has_text=SIBLING)).to_contain_text("✓")  # the finished lesson
    target = other["lessons"][-1]
    article.locator("ol a", has_text=target["title"]).tap() if width < 1000 else article.locator("ol a", has_text=target["title"]).click()
    expect(page).to_have_url(re.compile(re.escape(target["url"]) + "$"))
    expect(page.locator(".md-content h1")).to_have_text(target["title"])


@pytest.mark.parametrize("width", [320, 1280])
def test_the_home_page_menu_lists_every_module(open_page, site, site_url, width):
    page = open_page(width)
    page.goto(site_url)
    menu = menu_of(page, width)
    for module in course_map(site)["modules"]:
        expect(menu.get_by_role("link", name=module["title"], exact=True)).to_have_count(1)
    expect(menu.get_by_role("link", name=COURSE_LIST)).to_have_count(1)


def test_the_keyboard_reaches_the_menu_links_and_follows_one(open_page, site_url):
    page = open_page(1280)
    page.goto(site_url + LESSON)
    target = page.locator(".md-sidebar--primary").get_by_role("link", name=COURSE_LIST)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.textContent.trim()") == COURSE_LIST:
            break
    expect(target).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/cac-chuong\.html$"))
    # On the course list, Tab reaches its lesson links too.
    page.locator("article ol a").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".md-content h1")).to_have_count(1)
    expect(page).not_to_have_url(re.compile(r"/cac-chuong\.html$"))
