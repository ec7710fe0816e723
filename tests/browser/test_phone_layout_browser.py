"""Every page a learner meets, on real phones (issue #26): Chromium's mobile emulation at 320, 360
and 390 px (touch, device pixel ratio, a mobile user agent, the meta viewport honoured as on
Android), over http under a sub-path. In each state the layout viewport stays the phone's width,
nothing scrolls sideways, and no visible text is cut at the screen's edge.

A narrow desktop window (what the other phone tests used before) ignores the meta viewport: there,
an element outside the page cannot widen the layout, and search three times wider than the screen
went unseen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import PHONES, wait_until_still

pytestmark = pytest.mark.browser

# What a learner on this phone cannot read or reach: a layout wider than the screen (the page
# zooms out or scrolls sideways), and text whose line runs over the screen's left or right edge.
# Text inside a box that scrolls sideways on purpose (a wide table, a code block) is reachable;
# text wholly off the screen (a closed menu, slid away) is not shown, so it is not "cut".
_OVERFLOW = """() => {
  const width = window.screen.width, root = document.documentElement, problems = [];
  if (window.innerWidth !== width) problems.push("the layout viewport is " + window.innerWidth + " px wide on a " + width + " px phone");
  if (root.scrollWidth > root.clientWidth) problems.push("the page scrolls sideways: " + root.scrollWidth + " px of " + root.clientWidth);
  const scrolls = el => {
    for (let box = el; box && box !== root; box = box.parentElement) {
      const x = getComputedStyle(box).overflowX;
      if ((x === "auto" || x === "scroll") && box.scrollWidth > box.clientWidth) return true;
    }
    return false;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: node => node.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT });
  // The part of a line left once every clipping box around it has cut it (a closed menu's panels
  // slide inside a box that hides them): [left, right], or null when nothing of it shows.
  const shown = (el, line) => {
    let left = line.left, right = line.right;
    for (let box = el; box && box !== root; box = box.parentElement) {
      if (getComputedStyle(box).overflowX === "visible") continue;
      const edge = box.getBoundingClientRect();
      left = Math.max(left, edge.left);
      right = Math.min(right, edge.right);
    }
    return right - left >= 1 ? [left, right] : null;
  };
  const range = document.createRange();
  for (let node; (node = walker.nextNode());) {
    const el = node.parentElement, style = getComputedStyle(el);
    if (style.visibility !== "visible" || !el.checkVisibility({ opacityProperty: true })) continue;
    range.selectNodeContents(node);
    for (const box of range.getClientRects()) {
      if (box.width < 1 || box.bottom < 0 || box.top > window.innerHeight) continue;
      const part = shown(el, box);
      if (!part) continue;
      const line = { left: part[0], right: part[1] };
      const crosses = (line.left < -1 && line.right > 1) || (line.left < width - 1 && line.right > width + 1);
      if (crosses && !scrolls(el)) {
        problems.push("“" + node.textContent.trim().slice(0, 40) + "” runs over the screen's edge: " +
                      Math.round(line.left) + "–" + Math.round(line.right) + " of " + width);
        break;
      }
    }
  }
  return problems;
}"""


def fits(page, state: str) -> None:
    wait_until_still(page)
    problems = page.evaluate(_OVERFLOW)
    assert problems == [], f"{state} at {page.viewport_size['width']} px:\n" + "\n".join(problems)


def course_map(page) -> dict:
    return page.evaluate("() => window.__hvsCourse")


def test_every_page_state_fits_the_phone(phone_page, site_url, width):
    page = phone_page(width, service_workers="block")
    page.goto(site_url)
    fits(page, "home")
    course = course_map(page)
    module = course["modules"][0]
    lesson = module["lessons"][0]

    page.goto(site_url + lesson["url"])
    fits(page, "lesson")
    quiz = page.locator(f'.hvs-quiz[data-quiz="{lesson["quiz"]}"]')
    for form in quiz.locator(".hvs-q").all():
        form.locator(".hvs-opt").last.tap()
        form.get_by_role("button", name="Kiểm tra").tap()
        expect(form.locator(".hvs-result")).not_to_be_empty()
    quiz.scroll_into_view_if_needed()
    fits(page, "lesson, quiz answered")

    page.locator("label.md-header__button[for=__drawer]").tap()
    expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()
    fits(page, "menu open")
    page.keyboard.press("Escape")

    page.locator("label.md-header__button[for=__search]").tap()
    page.locator(".md-search__input").fill("lua dao")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    fits(page, "search open with results")

    page.goto(site_url + course["progress"])
    page.get_by_label("Tên hoặc tên gọi của bạn (không bắt buộc)").fill("Bà Nguyễn Thị Thanh Hường")
    expect(page.locator("[data-hvs-code]")).to_have_value(re.compile(r"^HVS2\."))
    fits(page, "progress")
    code = page.locator("[data-hvs-code]").input_value()

    page.goto(site_url + "lop-hoc-cua-toi.html")
    page.get_by_label("Gõ hoặc dán mã tiến độ của người học").fill(code)
    page.get_by_role("button", name="Thêm vào lớp").tap()
    expect(page.locator("[data-hvs-class-message]")).to_contain_text("Đã thêm")
    fits(page, "class page with a learner")

    page.goto(site_url + module["url"])
    fits(page, "module page")
    page.goto(site_url + "tu-dien.html")
    fits(page, "glossary")
    page.goto(site_url + module["test"]["url"])
    fits(page, "module test")


@pytest.fixture(params=sorted(PHONES))
def width(request) -> int:
    return request.param


def test_the_check_sees_search_wider_than_the_phone(phone_page, site_url):
    """The check itself can fail: Material's own phone overlay, put back, widens the layout."""
    # The overlay's rules are put in inline, which the page's security policy refuses (issue #30).
    page = phone_page(360, service_workers="block", bypass_csp=True)
    page.goto(site_url + "index.html")
    page.add_style_tag(content=(
        "html body .md-search__overlay { position: absolute !important; top: -1rem !important; left: -2.2rem !important;"
        " width: 2rem !important; height: 2rem !important; border-radius: 1rem !important; }"
        " html body [data-md-toggle=search]:checked ~ .md-header .md-search__overlay { transform: scale(45) !important; }"))
    page.locator("label.md-header__button[for=__search]").tap()
    page.locator(".md-search__input").fill("lua dao")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    wait_until_still(page)
    problems = page.evaluate(_OVERFLOW)
    assert any("layout viewport" in problem for problem in problems), problems
