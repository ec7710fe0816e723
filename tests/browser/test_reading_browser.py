"""Easy reading and listening in a real Chromium: the "Aa" panel (text size, high contrast),
remembered across pages, and "Nghe bài" / "Nghe câu hỏi" with a Vietnamese voice.

Headless Chromium has no voices, so speechSynthesis is replaced by a fake that records calls
and lets a test finish utterances. Every test fails on a console error or a request to another
host (conftest.Guard)."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from playwright.sync_api import expect

from conftest import axe_report, wait_until_still
from hocvuso.publish import assets as hocvuso_assets

pytestmark = pytest.mark.browser
LESSON = "phong-chong-lua-dao/03-bao-ve-ma-otp-va-tai-khoan.html"
NEXT_LESSON = "phong-chong-lua-dao/04-khi-bi-lua-thi-lam-gi.html"
PANEL = "Cỡ chữ và độ tương phản"
SIZES = ["Chữ vừa", "Chữ lớn", "Chữ rất lớn"]
CONTRAST = "Tương phản cao"
QUIZ_SKIPPED = ["Phần này có câu hỏi.", "Bạn bấm nút Nghe câu hỏi để nghe từng câu."]
VI_VOICE = {"name": "Linh", "lang": "vi-VN", "localService": True, "default": False, "voiceURI": "Linh"}
EN_VOICE = {"name": "Samantha", "lang": "en-US", "localService": True, "default": True, "voiceURI": "Samantha"}

# A stand-in for the Web Speech API: records speak/pause/resume/cancel, keeps the utterance being
# spoken, and, like Chromium, reports a cancelled utterance as an "interrupted" error later.
FAKE_SPEECH = """
(config => {
  let voices = config.late ? [] : config.voices;
  const listeners = [];
  const synth = {
    calls: [],
    pending: null,
    interrupted: 0,
    getVoices: () => voices.slice(),
    speak(u) {
      this.calls.push({call: "speak", text: u.text, lang: u.lang, voice: u.voice && u.voice.lang});
      this.pending = u;
    },
    pause() { this.calls.push({call: "pause"}); },
    resume() { this.calls.push({call: "resume"}); },
    cancel() {
      this.calls.push({call: "cancel"});
      const u = this.pending;
      this.pending = null;
      if (u && u.onerror) setTimeout(() => { u.onerror({error: "interrupted"}); this.interrupted++; }, 0);
    },
    listeners,
    addEventListener(type, listener) { if (type === "voiceschanged") listeners.push(listener); },
    removeEventListener() {},
    finishOne() {
      const u = this.pending;
      this.pending = null;
      if (u && u.onend) u.onend({});
      return Boolean(u);
    },
    finishAll() { let n = 0; while (n < 1000 && this.finishOne()) n++; return n; },
    deliverVoices() { voices = config.voices; listeners.forEach(listener => listener({})); },
  };
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ""; this.voice = null; };
  if (config.late) setTimeout(() => synth.deliverVoices(), 300);
})(%s);
"""
NO_SPEECH = """
Object.defineProperty(window, "speechSynthesis", {value: undefined, configurable: true});
Object.defineProperty(window, "SpeechSynthesisUtterance", {value: undefined, configurable: true});
"""
THROWING_STORAGE = """
Object.defineProperty(window, "localStorage", {configurable: true, get() { throw new DOMException("blocked", "SecurityError"); }});
"""


def fake_speech(context, voices=(VI_VOICE,), late=False) -> None:
    context.add_init_script(FAKE_SPEECH % json.dumps({"voices": list(voices), "late": late}))


def calls(page) -> list[dict]:
    return page.evaluate("speechSynthesis.calls")


def spoken(page) -> list[str]:
    return [c["text"] for c in calls(page) if c["call"] == "speak"]


def finish_all(page) -> list[str]:
    """Lets the fake voice finish every utterance in turn; returns everything that was spoken."""
    page.evaluate("speechSynthesis.finishAll()")
    return spoken(page)


def lesson_text_size(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.querySelector('article.md-typeset > p')).fontSize)")


def wait_for_interrupted(page, count: int) -> None:
    """Waits until the fake voice has reported `count` cancelled utterances as "interrupted"."""
    page.wait_for_function("n => speechSynthesis.interrupted >= n", arg=count)


def reading_set_up(page) -> None:
    """Waits until reading.js has set up the page: it adds its (hidden) panel first, then any
    listen buttons, in the same step."""
    expect(page.locator("#hvs-reading")).to_have_count(1)


def open_panel(page):
    toggle = page.get_by_role("button", name=PANEL)
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    return page.get_by_role("group", name=PANEL)


# ---- Text size ----

def test_text_size_grows_the_lesson_and_is_remembered_on_reload_and_other_pages(context, site_url):
    # Records the classes on <html> as soon as <body> exists: the size must be set before first paint.
    context.add_init_script("""new MutationObserver((records, observer) => {
        if (document.body) { window.classesAtBody = document.documentElement.className; observer.disconnect(); }
    }).observe(document, {childList: true, subtree: true});""")
    page = context.new_page()
    page.goto(site_url + LESSON)
    normal = lesson_text_size(page)
    assert normal >= 17
    panel = open_panel(page)
    expect(panel.get_by_role("button", name=SIZES[0])).to_have_attribute("aria-pressed", "true")
    panel.get_by_role("button", name=SIZES[1]).click()
    expect(panel.get_by_role("button", name=SIZES[1])).to_have_attribute("aria-pressed", "true")
    expect(panel.get_by_role("button", name=SIZES[0])).to_have_attribute("aria-pressed", "false")
    assert lesson_text_size(page) == pytest.approx(normal * 1.25)
    panel.get_by_role("button", name=SIZES[2]).click()
    expect(panel.get_by_role("button", name=SIZES[2])).to_have_attribute("aria-pressed", "true")
    assert lesson_text_size(page) == pytest.approx(normal * 1.5)
    # Everything grows with it, not only the lesson text: the header too.
    wait_until_still(page)
    assert page.locator(".md-header").bounding_box()["height"] == pytest.approx(48 * 1.5, abs=1)

    page.reload()
    assert lesson_text_size(page) == pytest.approx(normal * 1.5)
    assert "hvs-size-2" in page.evaluate("window.classesAtBody")
    expect(open_panel(page).get_by_role("button", name=SIZES[2])).to_have_attribute("aria-pressed", "true")

    page.goto(site_url + NEXT_LESSON)
    assert "hvs-size-2" in page.evaluate("window.classesAtBody")
    assert lesson_text_size(page) == pytest.approx(normal * 1.5)
    panel = open_panel(page)
    panel.get_by_role("button", name=SIZES[0]).click()
    expect(panel.get_by_role("button", name=SIZES[0])).to_have_attribute("aria-pressed", "true")
    assert lesson_text_size(page) == pytest.approx(normal)


def test_text_size_and_contrast_work_when_local_storage_throws(context, site_url):
    context.add_init_script(THROWING_STORAGE)
    page = context.new_page()
    page.goto(site_url + LESSON)
    normal = lesson_text_size(page)
    panel = open_panel(page)
    panel.get_by_role("button", name=SIZES[2]).click()
    panel.get_by_role("button", name=CONTRAST).click()
    expect(panel.get_by_role("button", name=SIZES[2])).to_have_attribute("aria-pressed", "true")
    expect(panel.get_by_role("button", name=CONTRAST)).to_have_attribute("aria-pressed", "true")
    assert lesson_text_size(page) == pytest.approx(normal * 1.5)
    # Kept in memory for this page: closing and reopening the panel still shows the choice.
    panel.get_by_role("button", name="Đóng").click()
    expect(open_panel(page).get_by_role("button", name=SIZES[2])).to_have_attribute("aria-pressed", "true")
    # Told once, in the panel where the choice was made (core.js), that nothing is saved.
    expect(panel.locator(".hvs-storage-note")).to_have_text(re.compile("^Máy này đang không lưu được tiến độ học"))
    # The quizzes still work too (the panel, taller with the note, is closed first).
    page.keyboard.press("Escape")
    quiz = page.locator(".hvs-q").first
    quiz.locator(".hvs-opt").nth(1).click()
    quiz.get_by_role("button", name="Kiểm tra").click()
    expect(quiz.get_by_role("status")).to_contain_text("Đúng rồi! Bạn làm rất tốt.")


def test_reading_script_is_a_file_in_head_not_inline(site):
    html = (site / LESSON).read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    assert head.count('<script src="../assets/hocvuso/reading-early.js"></script>') == 1  # blocking, before paint
    assert "hvsReading" not in html
    assert html.count('src="../assets/hocvuso/bundle.js" defer') == 1  # reading.js is joined in it


# ---- High contrast ----

def colours(page) -> dict:
    wait_until_still(page)  # Material's colour transitions have ended: the colours a learner sees
    return page.evaluate("""() => {
        const style = selector => getComputedStyle(document.querySelector(selector));
        return {text: style('article.md-typeset > p').color, page: style('body').backgroundColor,
                header: style('.md-header').backgroundColor, link: style('article.md-typeset > p a').color,
                underline: style('article.md-typeset > p a').textDecorationLine,
                box: style('.md-typeset .admonition').borderTopColor};
    }""")


def test_high_contrast_toggles_and_is_remembered(page, site_url):
    page.goto(site_url + LESSON)
    before = colours(page)
    assert before["header"] == "rgb(64, 81, 181)"  # Material's indigo
    panel = open_panel(page)
    contrast = panel.get_by_role("button", name=CONTRAST)
    expect(contrast).to_have_attribute("aria-pressed", "false")
    contrast.click()
    expect(contrast).to_have_attribute("aria-pressed", "true")
    on = colours(page)
    assert on == {"text": "rgb(0, 0, 0)", "page": "rgb(255, 255, 255)", "header": "rgb(0, 0, 0)",
                  "link": "rgb(0, 0, 200)", "underline": "underline", "box": "rgb(0, 0, 0)"}
    page.goto(site_url + "index.html")
    wait_until_still(page)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == "rgb(0, 0, 0)"
    page.goto(site_url + LESSON)
    assert colours(page) == on
    contrast = open_panel(page).get_by_role("button", name=CONTRAST)
    contrast.click()
    expect(contrast).to_have_attribute("aria-pressed", "false")
    assert colours(page) == before


def test_high_contrast_meets_wcag_aaa_contrast(page, site_url):
    page.goto(site_url + LESSON)
    contrast = open_panel(page).get_by_role("button", name=CONTRAST)
    contrast.click()
    expect(contrast).to_have_attribute("aria-pressed", "true")
    quiz = page.locator(".hvs-q").first
    quiz.locator(".hvs-opt").first.click()
    quiz.get_by_role("button", name="Kiểm tra").click()
    expect(quiz.get_by_role("status")).not_to_have_text("")
    # axe_report waits until the switch to high contrast has finished fading (Material's colour transitions).
    report = axe_report(page, {"runOnly": {"type": "rule", "values": ["color-contrast-enhanced", "color-contrast"]}})
    assert not report, report


# ---- Keyboard and tap targets ----

def test_panel_works_by_keyboard_only(page, site_url):
    page.goto(site_url + LESSON)
    normal = lesson_text_size(page)
    toggle = page.get_by_role("button", name=PANEL)
    for _ in range(10):
        page.keyboard.press("Tab")
        if toggle.evaluate("element => element === document.activeElement"):
            break
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    panel = page.get_by_role("group", name=PANEL)
    expect(panel).to_be_visible()
    page.keyboard.press("Tab")
    expect(panel.get_by_role("button", name=SIZES[0])).to_be_focused()
    page.keyboard.press("Tab")
    large = panel.get_by_role("button", name=SIZES[1])
    expect(large).to_be_focused()
    assert large.evaluate("element => parseFloat(getComputedStyle(element).outlineWidth)") >= 2  # focus is visible
    page.keyboard.press("Space")
    expect(large).to_have_attribute("aria-pressed", "true")
    assert lesson_text_size(page) == pytest.approx(normal * 1.25)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(panel.get_by_role("button", name=CONTRAST)).to_be_focused()
    page.keyboard.press("Enter")
    expect(panel.get_by_role("button", name=CONTRAST)).to_have_attribute("aria-pressed", "true")
    assert colours(page)["text"] == "rgb(0, 0, 0)"
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(toggle).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(panel).to_be_visible()
    page.keyboard.press("Shift+Tab")  # the close button is last; going back leaves the panel open
    for _ in range(6):
        page.keyboard.press("Tab")
    expect(panel.get_by_role("button", name="Đóng")).to_be_focused()
    page.keyboard.press("Enter")
    expect(panel).to_be_hidden()
    expect(toggle).to_be_focused()


def test_panel_closes_when_tapping_elsewhere(page, site_url):
    page.goto(site_url + LESSON)
    panel = open_panel(page)
    page.mouse.click(200, 780)  # on the lesson text, below the panel
    expect(panel).to_be_hidden()


SMALL_TARGETS = """() => [...document.querySelectorAll('a, button, label, [tabindex]')].filter(element => {
    const box = element.getBoundingClientRect(), style = getComputedStyle(element);
    // Links inside a sentence are exempt (WCAG 2.5.5); invisible or off-screen parts are not targets.
    return box.width && box.height && style.visibility !== 'hidden' && style.opacity !== '0' && box.bottom > 0
        && box.right > 0 && box.left < innerWidth && !element.closest('.md-typeset p, .md-typeset li, .md-typeset td')
        && (box.width < 44 || box.height < 44);
}).map(element => element.outerHTML.slice(0, 120))"""


def test_tap_targets_are_at_least_44_px_on_a_phone(context, site_url):
    fake_speech(context)
    page = context.new_page()
    page.goto(site_url + LESSON)
    open_panel(page)
    expect(page.get_by_role("button", name="Nghe bài")).to_be_visible()
    wait_until_still(page)
    assert page.evaluate(SMALL_TARGETS) == []
    page.keyboard.press("Escape")
    page.locator(".md-header label[for=__drawer]").click()
    expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()
    wait_until_still(page)  # the drawer has slid in all the way
    assert page.evaluate(SMALL_TARGETS) == []


# ---- Listening ----

def test_no_listen_button_without_a_vietnamese_voice(context, site_url):
    fake_speech(context, voices=[EN_VOICE])
    page = context.new_page()
    page.goto(site_url + LESSON)
    reading_set_up(page)
    # Voices also arrive late on real phones: reading.js listens, and an English voice still gives no button.
    page.wait_for_function("() => speechSynthesis.listeners.length > 0")
    page.evaluate("speechSynthesis.deliverVoices()")
    expect(page.locator(".hvs-lesson-header")).to_be_visible()
    expect(page.get_by_role("button", name="Nghe bài")).to_have_count(0)
    expect(page.get_by_role("button", name="Nghe câu hỏi")).to_have_count(0)


def test_no_listen_button_without_speech_support(context, site_url):
    context.add_init_script(NO_SPEECH)
    page = context.new_page()
    page.goto(site_url + LESSON)
    reading_set_up(page)
    expect(page.get_by_role("button", name="Nghe bài")).to_have_count(0)
    expect(page.get_by_role("button", name="Nghe câu hỏi")).to_have_count(0)
    expect(page.get_by_role("button", name=PANEL)).to_be_visible()


def test_listen_buttons_appear_when_the_vietnamese_voice_loads_late(context, site_url):
    fake_speech(context, voices=[EN_VOICE, VI_VOICE], late=True)
    page = context.new_page()
    page.goto(site_url + LESSON)
    listen = page.locator(".hvs-lesson-header").get_by_role("button", name="Nghe bài")
    expect(listen).to_be_visible()
    expect(page.get_by_role("button", name="Nghe câu hỏi")).to_have_count(page.locator(".hvs-q").count())
    listen.click()
    assert calls(page)[-1]["voice"] == "vi-VN"


def test_listen_to_the_lesson_with_pause_resume_and_stop(context, site_url):
    fake_speech(context, voices=[EN_VOICE, VI_VOICE])
    page = context.new_page()
    page.goto(site_url + LESSON)
    title = page.locator("article h1").inner_text()
    # A long sentence and a code block, to see the text cut into short utterances and code skipped.
    long_sentence = ", ".join(["bạn đọc kỹ tên người nhận trước khi bấm nút xác nhận"] * 8) + "."
    page.evaluate("""sentence => document.querySelector('article.md-typeset > p')
        .insertAdjacentHTML('afterend', '<p>' + sentence + '</p><pre><code>print("mã bí mật")</code></pre>')""",
                  long_sentence)
    box = page.locator(".hvs-lesson-header")
    listen = box.get_by_role("button", name="Nghe bài")
    stop = box.get_by_role("button", name="Dừng", exact=True)
    expect(stop).to_be_hidden()
    listen.click()
    first = calls(page)[-1]
    assert first == {"call": "speak", "text": title + ".", "lang": "vi-VN", "voice": "vi-VN"}
    pause = box.get_by_role("button", name="Tạm dừng")
    expect(pause).to_be_visible()
    expect(stop).to_be_visible()

    pause.click()
    assert calls(page)[-1] == {"call": "pause"}
    resume = box.get_by_role("button", name="Đọc tiếp")
    expect(resume).to_be_visible()
    resume.click()
    assert calls(page)[-1] == {"call": "resume"}
    expect(pause).to_be_visible()

    texts = finish_all(page)
    assert texts[1] == "Bài này giúp bạn."
    assert "Lưu ý." in texts
    where = texts.index(QUIZ_SKIPPED[0])
    assert texts[where:where + 2] == QUIZ_SKIPPED
    assert all(len(text) <= 181 for text in texts), [t for t in texts if len(t) > 181]
    assert "".join(texts).replace(" ", "").count(long_sentence.replace(" ", "")) == 1
    whole = " ".join(texts)
    # Not read: buttons, quiz questions and answers, code.
    for button in ("Nghe bài", "Dừng", "Kiểm tra", "Xem gợi ý", "Làm lại", "Nghe câu hỏi", "Aa"):
        assert not [text for text in texts if text.startswith(button + ".")]
    for unread in ("Câu 1/4", "Chụp màn hình tin nhắn", "Đọc mã cho cháu", "print(", "mã bí mật"):
        assert unread not in whole
    assert all(call["lang"] == "vi-VN" for call in calls(page) if call["call"] == "speak")
    # At the end the button offers to listen again.
    expect(listen).to_be_visible()
    expect(stop).to_be_hidden()

    listen.click()
    page.evaluate("speechSynthesis.finishOne()")
    count = len(spoken(page))
    box.get_by_role("button", name="Tạm dừng").click()
    stop.click()
    assert calls(page)[-2:] == [{"call": "cancel"}, {"call": "resume"}]  # a paused voice is freed for next time
    expect(listen).to_be_focused()
    expect(stop).to_be_hidden()
    wait_for_interrupted(page, 1)  # the "interrupted" error of the cancelled utterance has arrived
    page.evaluate("speechSynthesis.finishOne()")
    assert len(spoken(page)) == count


def test_listen_to_a_question_and_its_options_then_answer_it(context, site_url):
    fake_speech(context)
    page = context.new_page()
    page.goto(site_url + LESSON)
    question = page.locator(".hvs-q", has_text="Cách nào giúp giữ mật khẩu an toàn")
    listen = question.get_by_role("button", name="Nghe câu hỏi")
    listen.click()
    expect(question.get_by_role("button", name="Dừng đọc")).to_be_visible()
    assert finish_all(page) == [
        "Cách nào giúp giữ mật khẩu an toàn?",
        "Chọn tất cả các đáp án đúng.",
        "Không đưa mật khẩu cho ai.",
        "Không dùng ngày sinh làm mật khẩu.",
        "Viết mật khẩu ra giấy, để cạnh điện thoại cho dễ nhớ.",
    ]
    expect(listen).to_be_visible()
    # Answering still works, and the feedback shown is not read as an option.
    question.locator(".hvs-opt", has_text="Không đưa mật khẩu").click()
    question.locator(".hvs-opt", has_text="Không dùng ngày sinh").click()
    question.get_by_role("button", name="Kiểm tra").click()
    expect(question.get_by_role("status")).to_contain_text("Đúng rồi! Bạn làm rất tốt.")
    listen.click()
    whole = " ".join(finish_all(page))
    assert "Bạn chọn đúng" not in whole and "Giải thích" not in whole and "Đúng rồi" not in whole
    # A second press while reading stops it.
    listen.click()
    question.get_by_role("button", name="Dừng đọc").click()
    assert calls(page)[-1] == {"call": "cancel"}
    expect(listen).to_be_visible()


def test_one_reading_at_a_time(context, site_url):
    fake_speech(context)
    page = context.new_page()
    page.goto(site_url + LESSON)
    page.get_by_role("button", name="Nghe bài").click()
    page.get_by_role("button", name="Nghe câu hỏi").first.click()
    assert [c["call"] for c in calls(page)][-2:] == ["cancel", "speak"]
    expect(page.get_by_role("button", name="Nghe bài")).to_be_visible()  # the lesson reading was stopped
    expect(page.get_by_role("button", name="Dừng đọc")).to_have_count(1)
    wait_for_interrupted(page, 1)  # the lesson's cancelled utterance reported "interrupted": the question goes on
    expect(page.get_by_role("button", name="Dừng đọc")).to_have_count(1)
    assert calls(page)[-1]["call"] == "speak"  # and nothing was cancelled by it


def test_with_material_instant_navigation(context, tmp_path):
    from course_samples import instant_navigation_course

    url = instant_navigation_course(tmp_path, "navigation.footer")
    fake_speech(context)
    page = context.new_page()
    page.goto(url + LESSON)
    page.evaluate("window.samePage = true")
    title = page.locator("article h1").inner_text()
    normal = lesson_text_size(page)
    size = open_panel(page).get_by_role("button", name=SIZES[1])
    size.click()
    expect(size).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Nghe bài").click()
    page.locator("a.md-footer__link--next").click()
    expect(page).to_have_url(re.compile(re.escape(NEXT_LESSON) + "$"))
    expect(page.locator("article h1")).not_to_have_text(title)  # Material swapped the new page in
    assert page.evaluate("window.samePage === true"), "the click reloaded the page: instant navigation is off"
    # reading.js set up the new page (it stops the old reading first, then adds the buttons).
    listen = page.locator(".hvs-lesson-header").get_by_role("button", name="Nghe bài")
    expect(listen).to_have_count(1)
    expect(page.get_by_role("button", name="Nghe câu hỏi")).to_have_count(page.locator(".hvs-q").count())
    assert calls(page)[-1] == {"call": "cancel"}  # the old lesson is no longer read
    expect(page.get_by_role("group", name=PANEL)).to_be_hidden()
    assert lesson_text_size(page) == pytest.approx(normal * 1.25)
    listen.click()
    assert calls(page)[-1]["text"] == page.locator("article h1").inner_text() + "."
    size = open_panel(page).get_by_role("button", name=SIZES[0])
    size.click()
    expect(size).to_have_attribute("aria-pressed", "true")
    assert lesson_text_size(page) == pytest.approx(normal)


def test_reading_files_stay_small(site):
    assets = site / "assets" / "hocvuso"
    # reading.js as minified into the bundle (hocvuso/publish/assets.py), reading-early.js as loaded.
    reading = hocvuso_assets.minified_js(hocvuso_assets.source("reading.js")).encode()
    scripts = len(gzip.compress(reading, 9)) + len(gzip.compress((assets / "reading-early.js").read_bytes(), 9))
    style = len(gzip.compress((assets / "reading.css").read_bytes(), 9))
    assert scripts <= 4200, scripts
    assert style <= 2500, style
