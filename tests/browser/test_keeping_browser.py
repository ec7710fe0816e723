"""Progress that is kept (issue #26): the browser is asked once to keep the site's storage after a
first lesson; the progress page says plainly whether this phone keeps progress for sure; on iPhones
and in in-app browsers the learner is offered the home screen and the code; a kind reminder after
every third lesson until a code was saved once; the web app manifest a home screen reads."""

from __future__ import annotations

import json
import struct

import pytest
from playwright.sync_api import expect

from site_reading import answer_keys, course_map

pytestmark = pytest.mark.browser
IPHONE_SAFARI = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                 "Version/17.6 Mobile/15E148 Safari/604.1")
ZALO = ("Mozilla/5.0 (Linux; Android 12; K) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 "
                         "Chrome/130.0.0.0 Mobile Safari/537.36 Zalo android/12345")
KEPT_LINE = "Máy này giữ tiến độ học của bạn lâu dài. Bạn vẫn nên lưu mã dưới đây, phòng khi đổi máy."
NOT_KEPT_LINE = "Máy này chưa chắc giữ được tiến độ học lâu dài"
HOME_SCREEN = "thêm vào màn hình chính"
REMINDER = "Để không bao giờ mất tiến độ, bạn lưu mã tiến độ một lần: Lưu mã tiến độ"

# The browser's answer to "will you keep this site's storage", chosen by the test; every request
# to keep it is counted (window.__persistAsked, kept across pages in sessionStorage).
STORAGE_ANSWER = """(() => {
  const kept = %s;
  const count = () => +(sessionStorage.getItem("persist-asked") || 0);
  Object.defineProperty(window, "__persistAsked", { get: count });
  const storage = navigator.storage || {};
  storage.persisted = () => Promise.resolve(kept);
  storage.persist = () => { sessionStorage.setItem("persist-asked", count() + 1); return Promise.resolve(kept); };
  if (!navigator.storage) Object.defineProperty(navigator, "storage", { value: storage });
})();"""


@pytest.fixture
def phone(phone_page, site_url):
    """phone(kept=False, user_agent=None, passed=[]) -> a page on a phone whose browser answers
    `kept`, with those lessons' review quizzes already passed (saved from a loaded page: an init
    script touching localStorage can be refused its storage, see test_learner_phone_browser.py)."""

    def open_phone(kept: bool = False, user_agent: str | None = None, passed: list[str] = ()):
        page = phone_page(390, service_workers="block", **({"user_agent": user_agent} if user_agent else {}))
        page.context.add_init_script(STORAGE_ANSWER % ("true" if kept else "false"))
        if passed:
            page.goto(site_url + "index.html")
            page.evaluate("state => localStorage.setItem('hocvuso:progress', JSON.stringify(state))",
                          {"passed": {quiz: "2026-12-01" for quiz in passed}, "tests": {}})
        return page

    return open_phone


def lessons(site) -> list[dict]:
    return [lesson for module in course_map(site)["modules"] for lesson in module["lessons"]]


def pass_lesson(page, site, site_url, lesson: dict) -> None:
    page.goto(site_url + lesson["url"])
    quiz = page.locator(f'.hvs-quiz[data-quiz="{lesson["quiz"]}"]')
    for question, (correct, *_rest) in answer_keys(site / lesson["url"])[lesson["quiz"]].items():
        form = quiz.locator(f'.hvs-q[data-q="{question}"]')
        kind = form.get_attribute("data-type")
        if kind not in (None, "truefalse"):
            pytest.skip(f"{lesson['url']}: a question of type {kind}")
        for index in correct:
            form.locator(".hvs-opt").nth(index).tap()
        form.get_by_role("button", name="Kiểm tra").tap()
        expect(form.locator(".hvs-result")).to_contain_text("Đúng rồi!")
    expect(page.locator("[data-hvs-lesson-done]")).to_contain_text("Bạn đã học xong bài này.")


def choice_lessons(site) -> list[dict]:
    """Lessons whose review quiz has only choice questions (tapped by index)."""
    found = []
    for lesson in lessons(site):
        text = (site / lesson["url"]).read_text(encoding="utf-8")
        start = text.index(f'data-quiz="{lesson["quiz"]}"')
        if 'data-type="' not in text[start:]:
            found.append(lesson)
    assert len(found) >= 4, found
    return found


def test_the_browser_is_asked_once_after_a_first_lesson(phone, site, site_url):
    first, second = choice_lessons(site)[:2]
    page = phone(kept=False)
    page.goto(site_url + first["url"])
    assert page.evaluate("window.__persistAsked") == 0  # not before a lesson is done
    pass_lesson(page, site, site_url, first)
    page.wait_for_function("() => window.__persistAsked === 1")
    pass_lesson(page, site, site_url, second)
    page.goto(site_url + "tien-do.html")
    expect(page.locator("[data-hvs-keep]")).to_contain_text(NOT_KEPT_LINE)
    assert page.evaluate("window.__persistAsked") == 1  # never again, even when refused


@pytest.mark.parametrize("kept, user_agent, expected, home", [
    (True, None, KEPT_LINE, False),
    (False, None, NOT_KEPT_LINE, False),
    (True, IPHONE_SAFARI, NOT_KEPT_LINE, True),  # Safari's 7-day rule holds whatever it promised
    (False, ZALO, NOT_KEPT_LINE, True),
], ids=["kept", "not-kept", "iphone", "zalo"])
def test_the_progress_page_says_whether_this_phone_keeps_progress(phone, site_url, kept, user_agent, expected, home):
    page = phone(kept=kept, user_agent=user_agent)
    page.goto(site_url + "tien-do.html")
    line = page.locator("[data-hvs-keep]")
    expect(line).to_contain_text(expected)
    if home:
        expect(line).to_contain_text(HOME_SCREEN)
    else:
        expect(line).not_to_contain_text(HOME_SCREEN)


def test_a_reminder_every_third_lesson_until_the_code_is_saved(phone, site, site_url):
    chosen = choice_lessons(site)
    page = phone(kept=False, passed=[lesson["quiz"] for lesson in chosen[:1]])
    pass_lesson(page, site, site_url, chosen[1])  # the 2nd lesson: no reminder
    expect(page.locator(".hvs-keep-reminder")).to_have_count(0)
    pass_lesson(page, site, site_url, chosen[2])  # the 3rd
    reminder = page.locator(".hvs-keep-reminder")
    expect(reminder).to_have_text("Bạn đã học xong 3 bài. " + REMINDER)
    reminder.get_by_role("link", name="Lưu mã tiến độ").tap()
    expect(page.locator("[data-hvs-code]")).not_to_be_empty()
    with page.expect_download():
        page.get_by_role("button", name="Lưu thành tệp").tap()
    # Saved once: the 6th lesson says nothing more.
    more = chosen[3:6]
    page.evaluate("""quizzes => { const state = JSON.parse(localStorage.getItem("hocvuso:progress"));
        quizzes.forEach(q => state.passed[q] = "2026-12-02"); localStorage.setItem("hocvuso:progress", JSON.stringify(state)); }""",
                  [lesson["quiz"] for lesson in more[:2]])
    pass_lesson(page, site, site_url, more[2])
    expect(page.locator("[data-hvs-lesson-done]")).to_contain_text("Bạn đã học xong bài này.")
    expect(page.locator(".hvs-keep-reminder")).to_have_count(0)


def test_no_reminder_where_the_browser_keeps_progress_for_sure(phone, site, site_url):
    chosen = choice_lessons(site)
    page = phone(kept=True, passed=[lesson["quiz"] for lesson in chosen[:2]])
    pass_lesson(page, site, site_url, chosen[2])
    expect(page.locator(".hvs-keep-reminder")).to_have_count(0)
    iphone = phone(kept=True, user_agent=IPHONE_SAFARI, passed=[lesson["quiz"] for lesson in chosen[:2]])
    pass_lesson(iphone, site, site_url, chosen[2])
    expect(iphone.locator(".hvs-keep-reminder")).to_contain_text(REMINDER)


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_the_home_screen_reads_a_vietnamese_manifest_with_icons(site):
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "Bình dân học vụ số"
    assert manifest["short_name"] == "Học vụ số" and len(manifest["short_name"]) <= 12
    assert manifest["lang"] == "vi" and manifest["display"] == "standalone"
    assert manifest["start_url"] == "./index.html" and manifest["scope"] == "./"  # any sub-path, relative to the manifest
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        width, height = png_size(site / icon["src"])
        assert f"{width}x{height}" == icon["sizes"]
    page = (site / "phong-chong-lua-dao" / "01-cuoc-goi-lua-dao.html").read_text(encoding="utf-8")
    assert '<link data-hvs-manifest href="../manifest.webmanifest">' in page  # rel="manifest" over http(s) only
    assert '<link rel="apple-touch-icon" href="../assets/hocvuso/icons/icon-180.png">' in page
    assert png_size(site / "assets/hocvuso/icons/icon-180.png") == (180, 180)


def test_the_manifest_is_linked_over_http_and_not_from_a_usb_stick(phone_page, site, site_url):
    """From file:// a browser's fetch of the manifest is refused, with a CORS error in the console
    of every page: there the link has no rel, and no request is made."""
    page = phone_page(390, service_workers="block")
    page.goto(site_url + "index.html")
    expect(page.locator('link[rel="manifest"]')).to_have_count(1)
    page.goto((site / "index.html").as_uri())
    expect(page.locator("[data-hvs-progress='']")).to_contain_text("Cả khoá học")  # progress.js has run
    expect(page.locator("link[data-hvs-manifest]")).to_have_count(1)
    expect(page.locator('link[rel="manifest"]')).to_have_count(0)


def test_the_progress_page_from_a_usb_stick_says_it_is_not_sure(phone_page, site):
    """From file:// (a USB stick) too: the line is there and honest, and no manifest is fetched."""
    page = phone_page(390, service_workers="block")
    page.context.add_init_script(STORAGE_ANSWER % "false")
    page.goto((site / "tien-do.html").as_uri())
    expect(page.locator("[data-hvs-keep]")).to_contain_text(NOT_KEPT_LINE)
    expect(page.locator("[data-hvs-keep]")).not_to_contain_text(HOME_SCREEN)
