"""The ordered path, a fork's choice (issue #28, item 6), in Chromium at 360 px with real mobile
emulation, over http under a sub-path and from file://. The fixture course (tests/fixtures/
khoa-nho: one module, two lessons, a test; every first option right) gets a second module of one
lesson here, so the path runs across modules. Every test fails on a script error, a policy
violation or a request to another host (conftest.Guard)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import (BUILD_ENV, ROOT, SUB_PATH, Guard, mkdocs_build, phone_options, serve, stop_at_session_end,
                      write_child_config)

pytestmark = pytest.mark.browser
FIXTURE = ROOT / "tests" / "fixtures" / "khoa-nho"
ON = "extra:\n  hoc_theo_thu_tu: true\n"
PROGRESS_KEY = "hocvuso:progress"
LESSON_1, LESSON_2, LESSON_3 = "mo-dau/01-bai-1.html", "mo-dau/02-bai-2.html", "phan-hai/01-bai-3.html"
TEST = "mo-dau/kiem-tra.html"


def course_source(folder: Path) -> Path:
    """khoa-nho plus a second module ("Phần hai") with one lesson ("Bài thứ 3")."""
    shutil.copytree(FIXTURE, folder)
    second = folder / "content" / "phan-hai"
    second.mkdir()
    (second / "index.md").write_text("---\ntitle: Phần hai\ndescription: Chương thử thứ hai.\norder: 2\n---\n\n"
                                     "# Phần hai\n\nChương thử thứ hai.\n", encoding="utf-8")
    lesson = (folder / "content" / "mo-dau" / "01-bai-1.md").read_text(encoding="utf-8")
    (second / "01-bai-3.md").write_text(lesson.replace("bài 1", "bài 3").replace("Bài thứ 1", "Bài thứ 3")
                                        .replace("số 1", "số 3").replace("khoa-nho-bai-1", "khoa-nho-bai-3"), encoding="utf-8")
    return folder


def build(folder: Path, site: Path, extra: str = "") -> None:
    result = mkdocs_build(write_child_config(folder, extra), site)
    assert result.returncode == 0, result.stderr


def addresses(tmp_path: Path, over: str, extra: str = ON) -> tuple[str, Path, Path]:
    """The course built with `extra`: (its address over `over`, its source, its site folder)."""
    folder = course_source(tmp_path / "khoa")
    if over == "http":
        site = tmp_path / "www" / SUB_PATH.strip("/")
        build(folder, site, extra)
        return f"http://127.0.0.1:{serve(tmp_path / 'www').server_port}{SUB_PATH}", folder, site
    site = tmp_path / "site"
    build(folder, site, extra)
    return site.as_uri() + "/", folder, site


@pytest.fixture
def phone(browser):
    """A guarded phone, 360 px wide, with no service worker (a worker still saving files when a
    test ends would log the aborted requests)."""
    guard = Guard()
    context = browser.new_context(**phone_options(360), service_workers="block")
    guard.attach(context)
    yield context.new_page()
    context.close()
    assert guard.problems == [], "\n".join(guard.problems)


def answer_all(page) -> None:
    page.wait_for_load_state()  # our deferred scripts have run: the quiz answers taps
    for form in page.locator(".hvs-quiz .hvs-q").all():
        form.locator(".hvs-opt").first.tap()
        form.get_by_role("button", name="Kiểm tra").tap()
        expect(form.locator(".hvs-result")).not_to_be_empty()
    expect(page.locator("[data-hvs-lesson-done]")).to_be_visible()


def menu_link(page, title: str):
    """A lesson's link in the side menu, the menu opened as a learner opens it on a phone."""
    drawer = page.locator(".md-sidebar--primary")
    if not drawer.locator(".md-nav__link").first.is_visible():
        page.locator(".md-header label[for=__drawer]").tap()
        expect(drawer).to_be_in_viewport()
    return drawer.locator("a.md-nav__link", has_text=title)


def expect_lock(link) -> None:
    """A lock drawn with Material's icon (no emoji, which older phones may lack), hidden from screen
    readers, who hear "(chưa mở)" instead."""
    icon = link.locator(".hvs-lock svg[aria-hidden=true]")
    expect(icon).to_have_count(1)
    expect(icon).to_be_visible()
    box = icon.bounding_box()
    assert box["width"] >= 10 and box["height"] >= 10, box  # drawn at the text's size
    assert not re.search("[\U0001F000-\U0001FAFF\u2600-\u27BF]", link.inner_text())


def expect_closed(page, title: str, before: str) -> None:
    box = page.locator("[data-hvs-closed]")
    expect(box).to_be_visible()
    expect(box).to_contain_text(title)
    expect(box.locator("a.md-button")).to_have_text(f"Học bài: {before}")
    expect(box.locator(".hvs-closed-title svg[aria-hidden=true]")).to_be_visible()  # the lock, no emoji
    expect(page.locator(".md-content h1")).to_be_visible()  # the page's title stays
    expect(page.locator(".hvs-quiz").first).to_be_hidden()  # the content does not show (a test is a quiz too)
    # ... nor is it read aloud by "Nghe bài", which skips what is hidden.
    expect(page.locator("article > [data-hvs-closed-hid]")).not_to_have_count(0)
    assert page.locator("article > [data-hvs-closed-hid]").evaluate_all("parts => parts.every(p => p.hidden)")


@pytest.mark.parametrize("over", ["http", "file"])
def test_the_path_off_closes_nothing(phone, tmp_path, over):
    base, _, _ = addresses(tmp_path, over, extra="")
    for address in (LESSON_2, LESSON_3, TEST):
        phone.goto(base + address)
        phone.wait_for_load_state()
        expect(phone.locator(".hvs-quiz").first).to_be_visible()
        expect(phone.locator("[data-hvs-closed]")).to_have_count(0)
    phone.goto(base + "cac-chuong.html")
    expect(phone.locator("article ol a", has_text="Bài thứ 3")).to_be_visible()
    expect(phone.locator(".hvs-lock")).to_have_count(0)


@pytest.mark.parametrize("over", ["http", "file"])
def test_lessons_open_in_order_with_a_lock_and_a_button_to_the_one_before(phone, tmp_path, over):
    base, _, _ = addresses(tmp_path, over)
    phone.goto(base + LESSON_2)
    expect_closed(phone, "Bài này chưa mở", "Bài thứ 1")
    expect(phone.locator("[data-hvs-closed]")).to_contain_text("Bạn cần học xong trước: “Bài thứ 1”.")
    phone.locator("[data-hvs-closed] a.md-button").tap()
    expect(phone).to_have_url(re.compile(re.escape(LESSON_1) + "$"))
    expect(phone.locator("[data-hvs-closed]")).to_have_count(0)  # the first lesson is always open
    expect(phone.locator(".hvs-quiz")).to_be_visible()
    # The menu: a lock on the closed lesson, said to screen readers too.
    expect(menu_link(phone, "Bài thứ 2")).to_have_accessible_name(re.compile(r"^Bài thứ 2.*\(chưa mở\)$"))
    expect_lock(menu_link(phone, "Bài thứ 2"))
    expect(menu_link(phone, "Bài kiểm tra").locator(".hvs-lock")).to_have_count(1)
    phone.locator(".md-overlay").tap() if phone.locator(".md-overlay").is_visible() else None

    # The course list: lessons after an unfinished one are locked, across modules.
    phone.goto(base + "cac-chuong.html")
    article = phone.locator("article")
    expect(article.locator("ol a", has_text="Bài thứ 1").locator(".hvs-lock")).to_have_count(0)
    expect(article.locator("ol a", has_text="Bài thứ 2")).to_have_accessible_name(re.compile(r"\(chưa mở\)"))
    expect(article.locator("ol a", has_text="Bài thứ 3").locator(".hvs-lock")).to_have_count(1)
    expect_lock(article.get_by_role("link", name=re.compile("Bài kiểm tra cuối chương")).first)

    # The first lesson finished: the second opens, the third stays closed behind it.
    phone.goto(base + LESSON_1)
    answer_all(phone)
    expect(menu_link(phone, "Bài thứ 2").locator(".hvs-lock")).to_have_count(0)  # opened on this page at once
    phone.goto(base + LESSON_3)
    expect_closed(phone, "Bài này chưa mở", "Bài thứ 2")
    expect(phone.get_by_text("Nội dung bài 3.")).to_be_hidden()
    phone.goto(base + LESSON_2)
    expect(phone.locator("[data-hvs-closed]")).to_have_count(0)
    expect(phone.locator(".hvs-quiz")).to_be_visible()
    # A closed page opens where it is when the lesson before is finished elsewhere (another tab).
    phone.goto(base + LESSON_3)
    expect(phone.locator("[data-hvs-closed]")).to_be_visible()
    phone.evaluate("document.dispatchEvent(new CustomEvent('hvs:quiz-passed', {detail: {quiz: 'khoa-nho-bai-2'}}))")
    expect(phone.locator("[data-hvs-closed]")).to_have_count(0)
    expect(phone.get_by_text("Nội dung bài 3.")).to_be_visible()
    expect(phone.locator(".hvs-quiz")).to_be_visible()


@pytest.mark.parametrize("over", ["http", "file"])
def test_the_module_test_opens_when_every_lesson_of_its_module_is_done(phone, tmp_path, over):
    base, _, _ = addresses(tmp_path, over)
    phone.goto(base + LESSON_1)
    answer_all(phone)
    phone.goto(base + TEST)
    expect_closed(phone, "Bài kiểm tra chưa mở", "Bài thứ 2")
    expect(phone.locator("[data-hvs-closed]")).to_contain_text("Chương này còn 1 bài chưa học xong.")
    phone.locator("[data-hvs-closed] a.md-button").tap()
    expect(phone).to_have_url(re.compile(re.escape(LESSON_2) + "$"))
    answer_all(phone)
    phone.goto(base + TEST)
    expect(phone.locator("[data-hvs-closed]")).to_have_count(0)
    expect(phone.locator(".hvs-test .hvs-q:not([hidden])")).to_have_count(3)
    expect(phone.locator(".hvs-test .hvs-q:not([hidden])").first).to_be_visible()
    expect(phone.locator(".hvs-lock")).to_have_count(0)  # nothing in this module is closed now


@pytest.mark.parametrize("over", ["http", "file"])
def test_turning_the_path_on_changes_no_saved_progress(phone, tmp_path, over):
    """A learner of the course without the path skipped to the third lesson and tried the test; the
    province then turns the path on and rebuilds at the same address."""
    base, folder, site = addresses(tmp_path, over, extra="")
    phone.goto(base + LESSON_3)
    answer_all(phone)
    phone.evaluate("document.dispatchEvent(new CustomEvent('hvs:test-result', "
                   "{detail: {bank: 'ngan-hang-mo-dau', percent: 33, passed: false}}))")
    saved = phone.evaluate(f"localStorage.getItem('{PROGRESS_KEY}')")
    assert set(json.loads(saved)["passed"]) == {"khoa-nho-bai-3"}

    shutil.rmtree(site)
    build(folder, site, ON)
    phone.goto(base + LESSON_3)  # finished: open, though the lesson before it is not
    expect(phone.locator(".hvs-quiz")).to_be_visible()
    expect(phone.locator("[data-hvs-closed]")).to_have_count(0)
    phone.goto(base + TEST)  # a test already taken stays open
    expect(phone.locator(".hvs-test .hvs-q:not([hidden])").first).to_be_visible()
    expect(phone.locator("[data-hvs-closed]")).to_have_count(0)
    phone.goto(base + LESSON_2)  # never finished, nor the one before it: closed
    expect_closed(phone, "Bài này chưa mở", "Bài thứ 1")
    phone.goto(base + "cac-chuong.html")
    expect(phone.locator("article ol a", has_text="Bài thứ 3").locator(".hvs-lock")).to_have_count(0)
    expect(phone.locator("article ol a", has_text="Bài thứ 3")).to_contain_text("✓")
    assert phone.evaluate(f"localStorage.getItem('{PROGRESS_KEY}')") == saved  # read, never rewritten


# ---- No flash: a closed page never shows its content, from its first paint ----
# Logs, at every animation frame (just before each paint) from the very start of the page, which
# parts of the article a learner sees: anything but the title and the closed box counts as content.
FRAME_LOG = """
(() => {
  const log = window.__hvsFrames = {frames: 0, seen: []};
  const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility === "visible";
  const frame = () => {
    log.frames++;
    const article = document.querySelector("article");
    if (article) for (const part of article.children) {
      if (part.tagName !== "H1" && !part.hasAttribute("data-hvs-closed") && visible(part)) {
        log.seen.push(log.frames + ": " + part.tagName + " " + part.textContent.trim().slice(0, 40));
        break;
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();
"""
CPU_SLOWDOWN = 6  # a cheap phone: scripts and layout six times slower than this machine


@pytest.fixture
def slow_phone(browser):
    """The guarded phone, its CPU throttled, logging what each frame shows (FRAME_LOG)."""
    guard = Guard()
    context = browser.new_context(**phone_options(360), service_workers="block")
    guard.attach(context)
    context.add_init_script(FRAME_LOG)
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    yield page
    context.close()
    assert guard.problems == [], "\n".join(guard.problems)


@pytest.mark.parametrize("over", ["http", "file"])
def test_a_closed_lesson_never_shows_its_content_not_even_for_a_frame(slow_phone, tmp_path, over):
    base, _, _ = addresses(tmp_path, over)
    for address in (LESSON_2, LESSON_3, TEST):  # closed: nothing is finished yet
        slow_phone.goto(base + address)
        expect(slow_phone.locator("[data-hvs-closed]")).to_be_visible()
        log = slow_phone.evaluate("window.__hvsFrames")
        assert log["frames"] > 0 and log["seen"] == [], (address, log)
        expect(slow_phone.locator(".md-content h1")).to_be_visible()
    # An open lesson on the path shows its content once the script has decided (the log sees it).
    slow_phone.goto(base + LESSON_1)
    answer_all(slow_phone)
    slow_phone.goto(base + LESSON_2)
    expect(slow_phone.get_by_text("Nội dung bài 2.")).to_be_visible()
    slow_phone.wait_for_function("() => window.__hvsFrames.seen.length > 0")
    expect(slow_phone.locator("html.hvs-path-wait")).to_have_count(0)


@pytest.mark.parametrize("over", ["http", "file"])
def test_without_scripts_a_lesson_on_the_path_shows_whole(browser, tmp_path, over):
    base, _, _ = addresses(tmp_path, over)
    context = browser.new_context(**phone_options(360), java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base + LESSON_2)
        expect(page.get_by_text("Nội dung bài 2.")).to_be_visible()
        expect(page.locator(".hvs-quiz")).to_be_visible()
    finally:
        context.close()


def test_the_page_shows_whole_when_the_path_script_cannot_load(browser, tmp_path):
    base, _, site = addresses(tmp_path, "file")
    (site / "assets" / "hocvuso" / "ordered-path.js").unlink()
    # Not guarded: the missing file's console error is the point here.
    context = browser.new_context(**phone_options(360))
    page = context.new_page()
    try:
        page.goto(base + LESSON_2)
        expect(page.get_by_text("Nội dung bài 2.")).to_be_visible()
        expect(page.locator("html.hvs-path-wait")).to_have_count(0)
        expect(page.locator("[data-hvs-closed]")).to_have_count(0)
    finally:
        context.close()


def test_the_page_shows_whole_when_the_path_script_fails_before_deciding(browser, tmp_path):
    """A throw before the script's own try/finally (a broken edit, an old phone's missing API) left
    the lesson hidden for good: core.js shows it once the script has run, whatever it did."""
    base, _, site = addresses(tmp_path, "file")
    (site / "assets" / "hocvuso" / "ordered-path.js").write_text('throw new Error("hỏng");\n', encoding="utf-8")
    context = browser.new_context(**phone_options(360))  # not guarded: the error is the point
    page = context.new_page()
    try:
        page.goto(base + LESSON_2)
        expect(page.get_by_text("Nội dung bài 2.")).to_be_visible()
        expect(page.locator("html.hvs-path-wait")).to_have_count(0)
    finally:
        context.close()


# ---- "Nghe bài" never reads a closed lesson ----
# Taps "Nghe bài" the moment reading.js adds it (a learner quicker than the path's script).
EAGER_LISTEN = """
new MutationObserver((changes, observer) => {
  const button = document.querySelector(".hvs-listen__main");
  if (button) { observer.disconnect(); window.__hvsTapped = true; button.click(); }
}).observe(document, {childList: true, subtree: true});
"""


@pytest.mark.parametrize("over", ["http", "file"])
def test_listening_never_reads_a_closed_lesson(slow_phone, tmp_path, over):
    from test_reading_browser import fake_speech, finish_all, spoken  # the project's stand-in for the Web Speech API

    base, _, _ = addresses(tmp_path, over)
    fake_speech(slow_phone.context)
    slow_phone.context.add_init_script(EAGER_LISTEN)
    slow_phone.goto(base + LESSON_2)
    expect(slow_phone.locator("[data-hvs-closed]")).to_be_visible()
    assert slow_phone.evaluate("window.__hvsTapped") is True
    expect(slow_phone.locator(".hvs-listen__main")).to_be_hidden()
    assert spoken(slow_phone) == []
    # The same tap on an open lesson reads it: the stand-in works.
    slow_phone.goto(base + LESSON_1)
    expect(slow_phone.locator(".hvs-quiz")).to_be_visible()
    slow_phone.wait_for_function("() => speechSynthesis.calls.some(c => c.call === 'speak')")
    assert "Nội dung bài 1." in finish_all(slow_phone)


def test_in_the_zim_a_closed_lesson_never_shows_its_content_and_opens_in_order(slow_phone, tmp_path):
    """The ZIM edition (`hocvuso zim`, the fork's config with the path on) in kiwix-serve, its
    toolbar injected into every page."""
    pytest.importorskip("libzim")
    from test_zim_browser import MISSING, KiwixServe, free_port

    binary = os.environ.get("HOCVUSO_KIWIX_SERVE") or shutil.which("kiwix-serve")
    if not binary:
        pytest.skip(MISSING)
    folder = course_source(tmp_path / "khoa")
    write_child_config(folder, ON)
    zim_file = tmp_path / "khoa-hoc.zim"
    result = subprocess.run([sys.executable, "-m", "hocvuso.cli", "zim", "--output", str(zim_file), "--site-dir",
                             str(tmp_path / "site")], capture_output=True, text=True, env=BUILD_ENV, cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    server = KiwixServe(binary, zim_file, free_port())
    server.start()
    stop_at_session_end(server.stop)  # its page may ask for a file after the test
    book = server.book_url()

    slow_phone.goto(book + LESSON_2)
    expect(slow_phone.locator("#kiwixtoolbar")).to_be_attached()  # really served by Kiwix
    expect(slow_phone.locator("[data-hvs-closed]")).to_be_visible()
    log = slow_phone.evaluate("window.__hvsFrames")
    assert log["frames"] > 0 and log["seen"] == [], log
    expect_closed(slow_phone, "Bài này chưa mở", "Bài thứ 1")
    slow_phone.locator("[data-hvs-closed] a.md-button").tap()
    expect(slow_phone).to_have_url(re.compile(re.escape(LESSON_1) + "$"))
    answer_all(slow_phone)
    slow_phone.goto(book + LESSON_2)
    expect(slow_phone.get_by_text("Nội dung bài 2.")).to_be_visible()
    expect(slow_phone.locator("[data-hvs-closed]")).to_have_count(0)
