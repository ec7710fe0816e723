"""What a learner meets of Material's theme without Material's JavaScript (assets/hocvuso/theme.js).

In Chromium, at phone widths (320, 390) and on a desktop (1280), over http under a sub-path and
from file://. Every test fails on a console error or a request to another host (conftest.Guard).
"""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from conftest import ROOT, copy_course, mkdocs_build, serve, write_child_config

pytestmark = pytest.mark.browser
LESSON = "phong-chong-lua-dao/01-cuoc-goi-lua-dao.html"
TITLE = "Nhận biết cuộc gọi lừa đảo"
NEXT = "Nhận biết tin nhắn và đường link giả"
PHONES = [320, 390]
WIDTHS = [320, 390, 1280]


def sized(page, width: int):
    page.set_viewport_size({"width": width, "height": 844 if width < 1000 else 800})
    return page


def drawer_open(page) -> bool:
    return page.evaluate("document.getElementById('__drawer').checked")


def open_drawer(page):
    page.locator(".md-header label[for=__drawer]").click()
    expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()
    # The open module's lessons slide in as the menu's panel.
    return page.locator(".md-sidebar--primary")


def expect_drawer_closed(page):
    page.wait_for_function("() => !document.getElementById('__drawer').checked")
    expect(page.locator(".md-sidebar--primary")).not_to_be_in_viewport()


def back_to_top(page):
    return page.locator(".md-top")


def scroll_down_then_up(page):
    page.mouse.move(page.viewport_size["width"] / 2, 400)
    page.mouse.wheel(0, 2500)
    page.wait_for_function("() => scrollY > 1500")
    expect(back_to_top(page)).to_have_js_property("hidden", True)  # going down: not shown
    page.mouse.wheel(0, -300)
    page.wait_for_function("() => scrollY < 2300")


# ---- The menu (drawer) on a phone ----

@pytest.mark.parametrize("width", PHONES)
def test_the_menu_opens_and_a_lesson_link_leaves_it_closed(page, site_url, width):
    sized(page, width).goto(site_url + LESSON)
    menu = open_drawer(page)
    menu.get_by_role("link", name=NEXT).click()
    expect(page).to_have_url(re.compile(r"/02-tin-nhan-va-duong-link-gia\.html$"))
    expect(page.locator(".md-content h1")).to_have_text(NEXT)
    expect_drawer_closed(page)
    # Back to the first lesson (from the browser's cache or not): the menu is closed there too.
    page.go_back()
    expect(page.locator(".md-content h1")).to_have_text(TITLE)
    expect_drawer_closed(page)


@pytest.mark.parametrize("width", PHONES)
def test_a_heading_of_this_lesson_in_the_menu_closes_it_and_shows_the_heading(page, site_url, width):
    sized(page, width).goto(site_url + LESSON)
    menu = open_drawer(page)
    menu.locator("label.md-nav__link[for=__toc]").click()  # the lesson's own headings, as a panel
    heading = menu.get_by_role("link", name="Bạn nên làm gì")
    expect(heading).to_be_in_viewport()
    heading.click()
    expect(page).to_have_url(re.compile(r"#ban-nen-lam-gi$"))
    expect_drawer_closed(page)
    expect(page.locator("#ban-nen-lam-gi")).to_be_in_viewport()


@pytest.mark.parametrize("width", PHONES)
def test_escape_closes_the_menu(page, site_url, width):
    sized(page, width).goto(site_url + LESSON)
    open_drawer(page)
    page.keyboard.press("Escape")
    expect_drawer_closed(page)


@pytest.mark.parametrize("width", PHONES)
def test_the_page_under_an_open_menu_does_not_scroll(page, site_url, width):
    sized(page, width).goto(site_url + LESSON)
    page.evaluate("scrollTo(0, 600)")
    page.wait_for_function("() => scrollY === 600")
    open_drawer(page)
    page.mouse.move(width - 20, 500)  # over the dimmed page beside the menu
    page.mouse.wheel(0, 800)
    page.mouse.wheel(0, 800)
    page.wait_for_function("() => !document.getAnimations().some(a => a.playState === 'running')")
    assert page.evaluate("scrollY") == 600
    page.keyboard.press("Escape")
    expect_drawer_closed(page)
    assert page.evaluate("scrollY") == 600  # where the learner was reading


# ---- Menu sections ----

@pytest.mark.parametrize("width", PHONES)
def test_on_a_phone_the_menu_goes_back_to_the_top_level_and_into_the_module(page, site_url, width):
    sized(page, width).goto(site_url + LESSON)
    menu = open_drawer(page)
    lessons = menu.get_by_role("link", name=NEXT)
    expect(lessons).to_be_in_viewport()
    menu.locator("nav[aria-labelledby] > label.md-nav__title").first.click()  # "‹ Phòng chống lừa đảo…"
    expect(lessons).not_to_be_in_viewport()
    # Issue #27: a lesson's menu carries its own module; every other is one tap away on the course list.
    expect(menu.get_by_role("link", name="Tất cả các chương")).to_be_in_viewport()
    expect(menu.locator("nav[aria-labelledby='__nav_module_label']")).to_have_attribute("aria-expanded", "false")
    menu.locator("label#__nav_module_label").click()  # the open module's arrow: its lessons again
    expect(lessons).to_be_in_viewport()
    expect(menu.locator("nav[aria-labelledby='__nav_module_label']")).to_have_attribute("aria-expanded", "true")


def test_on_a_desktop_a_module_folds_and_unfolds_by_mouse_and_by_keyboard(page, site_url):
    sized(page, 1280).goto(site_url + LESSON)
    sidebar = page.locator(".md-sidebar--primary")
    lessons = sidebar.get_by_role("link", name=NEXT)
    section = sidebar.locator("nav[aria-labelledby='__nav_module_label']")
    arrow = sidebar.locator("label#__nav_module_label")
    expect(lessons).to_be_visible()
    arrow.click()
    expect(lessons).to_be_hidden()
    expect(section).to_have_attribute("aria-expanded", "false")
    arrow.focus()
    page.keyboard.press("Enter")
    expect(lessons).to_be_visible()
    expect(section).to_have_attribute("aria-expanded", "true")
    page.keyboard.press(" ")
    expect(lessons).to_be_hidden()
    assert page.evaluate("scrollY") == 0  # Space folded the module, it did not scroll the page


def test_on_a_desktop_the_side_menu_scrolls_on_its_own_and_shows_the_page_shown(page, site_url):
    sized(page, 1280).goto(site_url + LESSON)
    sidebar = page.locator(".md-sidebar--primary .md-sidebar__scrollwrap")
    expect(sidebar.locator(".md-nav__link--active[href]")).to_be_in_viewport()
    box = sidebar.bounding_box()
    assert box["y"] + box["height"] <= 800  # no part of the menu below the window
    page.mouse.move(640, 400)
    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => scrollY > 1000")
    expect(sidebar.get_by_role("link", name=NEXT)).to_be_in_viewport()  # the menu stayed in view
    box = sidebar.bounding_box()
    assert box["y"] >= 48 and box["y"] + box["height"] <= 800  # under the header, within the window
    sidebar.hover()
    page.mouse.wheel(0, 2000)  # the menu's own end: its last link shows
    expect(sidebar.locator(".md-nav__link").last).to_be_in_viewport()


# ---- Back to top, and the lesson's title in the header ----

@pytest.mark.parametrize("width", WIDTHS)
def test_back_to_top_appears_when_scrolling_up_and_goes_to_the_top(page, site_url, width):
    sized(page, width).goto(site_url + LESSON)
    button = back_to_top(page)
    expect(button).to_have_js_property("hidden", True)
    expect(button).to_have_attribute("tabindex", "-1")  # a hidden button is not in the Tab order
    scroll_down_then_up(page)
    expect(button).to_have_js_property("hidden", False)
    expect(button).to_have_text(re.compile("Lên đầu trang"))
    expect(button).not_to_have_attribute("tabindex", "-1")
    expect(button).to_be_in_viewport()
    button.click()
    page.wait_for_function("() => scrollY === 0")
    expect(button).to_have_js_property("hidden", True)
    expect(page.locator(".md-content h1")).to_be_in_viewport()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_header_shows_the_lesson_title_once_its_heading_is_scrolled_past(page, site_url, width):
    sized(page, width).goto(site_url + LESSON)
    title = page.locator("[data-md-component=header-title]")
    expect(title).not_to_have_class(re.compile("md-header__title--active"))
    page.mouse.move(width / 2, 400)
    page.mouse.wheel(0, 1200)
    expect(title).to_have_class(re.compile("md-header__title--active"))
    expect(page.locator("[data-md-component=header-topic]")).to_have_css("opacity", "1")
    expect(page.locator("[data-md-component=header-topic]")).to_have_text(TITLE)
    page.evaluate("scrollTo(0, 0)")
    expect(title).not_to_have_class(re.compile("md-header__title--active"))


# ---- Search (search.js) opens without Material's script ----

@pytest.mark.parametrize("width", WIDTHS)
def test_search_opens_by_tap_and_by_keyboard(page, site_url, width):
    sized(page, width).goto(site_url + LESSON)
    box = page.locator(".md-search__input")
    if width < 1000:
        page.locator("label.md-header__button[for=__search]").click()
    else:
        box.click()  # on a desktop the box is in the header already
    expect(box).to_be_focused()
    box.fill("lua dao")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked")
    page.locator(".md-content h1").click()
    page.keyboard.press("/")
    expect(box).to_be_focused()
    page.wait_for_function("() => document.getElementById('__search').checked")


@pytest.mark.parametrize("width", PHONES)
def test_the_page_under_an_open_search_does_not_scroll(page, site_url, width):
    sized(page, width).goto(site_url + LESSON)
    page.evaluate("scrollTo(0, 500)")
    page.wait_for_function("() => scrollY === 500")
    page.locator("label.md-header__button[for=__search]").click()
    page.locator(".md-search__input").fill("mã OTP")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.mouse.move(width / 2, 500)
    page.mouse.wheel(0, 5000)  # the results scroll, to their end, and no further
    page.wait_for_function("() => document.querySelector('.md-search__scrollwrap').scrollTop > 0")
    assert page.evaluate("scrollY") == 500
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked")
    assert page.evaluate("scrollY") == 500


# ---- From a USB stick (file://) ----

def test_from_file_url_the_menu_and_back_to_top_work(page, site):
    page.goto((site / LESSON).as_uri())
    menu = open_drawer(page)
    menu.get_by_role("link", name=NEXT).click()
    expect(page).to_have_url(re.compile(r"^file://.*/02-tin-nhan-va-duong-link-gia\.html$"))
    expect_drawer_closed(page)
    scroll_down_then_up(page)
    expect(back_to_top(page)).to_have_js_property("hidden", False)
    back_to_top(page).click()
    page.wait_for_function("() => scrollY === 0")


def test_from_file_url_on_a_desktop_a_module_folds_by_keyboard(page, site):
    sized(page, 1280).goto((site / LESSON).as_uri())
    lessons = page.locator(".md-sidebar--primary").get_by_role("link", name=NEXT)
    page.locator("label#__nav_module_label").focus()
    page.keyboard.press("Enter")
    expect(lessons).to_be_hidden()
    page.keyboard.press("Enter")
    expect(lessons).to_be_visible()


# ---- Content tabs (pymdownx.tabbed): the tab shown is underlined ----

def test_content_tabs_switch_and_underline_the_tab_shown(page, tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text(
        "# Thử thẻ\n\n=== \"Điện thoại Android\"\n\n    Mở ứng dụng Cài đặt.\n\n"
        "=== \"iPhone\"\n\n    Mở ứng dụng Cài đặt trên iPhone.\n", encoding="utf-8")
    result = mkdocs_build(write_child_config(tmp_path), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page.goto((tmp_path / "site" / "index.html").as_uri())
    labels = page.locator(".tabbed-labels")
    second = labels.locator("label").nth(1)
    expect(page.get_by_text("Mở ứng dụng Cài đặt.")).to_be_visible()
    first_x = labels.evaluate("el => el.style.getPropertyValue('--md-indicator-width')")
    assert first_x.endswith("px") and float(first_x[:-2]) > 0
    second.click()
    expect(page.get_by_text("Mở ứng dụng Cài đặt trên iPhone.")).to_be_visible()
    x = second.evaluate("el => el.offsetLeft + 'px'")
    expect(labels).to_have_attribute("style", re.compile(r"--md-indicator-x:\s*" + re.escape(x)))


# ---- A fork that turns on instant navigation gets Material's bundle, and theme.js stands aside ----

def test_with_material_instant_navigation_material_does_it_all(context, tmp_path):
    server = serve(tmp_path)
    url = f"http://127.0.0.1:{server.server_port}/"
    (tmp_path / "build").mkdir()
    copy_course(tmp_path / "build")
    config = write_child_config(tmp_path / "build", f"site_url: {url}\ntheme:\n  custom_dir: {ROOT / 'overrides'}\n"
                                "  features:\n    - navigation.instant\n    - navigation.top\n    - navigation.indexes\n")
    result = mkdocs_build(config, tmp_path / "build" / "site")
    assert result.returncode == 0, result.stderr
    shutil.copytree(tmp_path / "build" / "site", tmp_path, dirs_exist_ok=True)
    assert list(tmp_path.glob("assets/javascripts/bundle.*.min.js"))
    page = context.new_page()
    page.goto(url + LESSON)
    page.evaluate("window.samePage = true")
    open_drawer(page).get_by_role("link", name=NEXT).click()
    expect(page.locator(".md-content h1")).to_have_text(NEXT)
    assert page.evaluate("window.samePage === true"), "the click reloaded the page: instant navigation is off"
    expect_drawer_closed(page)  # Material closes it
    scroll_down_then_up(page)
    expect(back_to_top(page)).to_have_js_property("hidden", False)
    back_to_top(page).click()
    page.wait_for_function("() => scrollY === 0")
