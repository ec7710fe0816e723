"""The learner's side of video blocks and recorded narration (issue #28), in a real Chromium: the
big play button with the size and length before anything loads, nothing fetched before it is
pressed, playing with the Vietnamese captions showing, the data saver's line first, "Nghe bài"
playing the recording where there is one and the phone's voice where there is not (the video's
transcript read too); over http under a sub-path and from file://.

A small fixture course (tests/fixtures/khoa-video: one module, a lesson with a narration and a
video, one with a video only); its media are made at test time (tests/media_samples.py).
Headless Chromium has no voices: speechSynthesis is replaced by a fake that records what it is
asked to say. Every test fails on a console error, a policy violation or a request to another
host (conftest.Guard)."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from playwright.sync_api import expect

import media_samples
from conftest import ROOT, SUB_PATH, Guard, mkdocs_build, phone_options, serve, write_child_config

pytestmark = pytest.mark.browser
FIXTURE = ROOT / "tests" / "fixtures" / "khoa-video"
NARRATED = "xem-video/01-co-loi-doc.html"
PLAIN = "xem-video/02-khong-loi-doc.html"
CUES = ("Bấm vào ô Thanh toán.", "Chọn hoá đơn tiền điện.")
MEDIA = ("content/xem-video/video/mau.webm video seconds=6",
         "content/xem-video/video/mau.mp4 video seconds=6 video_codec=libx264 audio_codec=aac",
         "content/xem-video/video/mau.vtt captions seconds=6 texts=" + "|".join(CUES).replace(" ", "_"),
         "content/xem-video/video/bai.loi-doc.webm audio seconds=6")
SIZE = re.compile(r"^Video 6 giây · 0,\d MB$")
NARRATION_SIZE = re.compile(r"^Lời đọc 6 giây · 0,\d MB$")
SAVE_DATA = "Điện thoại đang bật chế độ tiết kiệm dữ liệu."

# navigator.connection as Chromium gives it when the learner turned on the data saver.
SAVE_DATA_SCRIPT = """Object.defineProperty(navigator, "connection", {configurable: true,
  value: {saveData: true, effectiveType: "3g", addEventListener() {}, removeEventListener() {}}});"""
# A Vietnamese voice that records what it is asked to say (headless Chromium has none).
FAKE_VOICE = """(() => {
  const voices = %s;
  const synth = {spoken: [], pending: null, getVoices: () => voices.slice(),
    speak(u) { this.spoken.push(u.text); this.pending = u; },
    pause() {}, resume() {}, cancel() { this.pending = null; },
    addEventListener() {}, removeEventListener() {}};
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ""; this.voice = null; };
})();"""
VI_VOICE = {"name": "Linh", "lang": "vi-VN", "localService": True, "default": False, "voiceURI": "Linh"}


@pytest.fixture(scope="module")
def video_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("khoa-video")
    shutil.copytree(FIXTURE, folder, dirs_exist_ok=True)
    for line in MEDIA:
        media_samples.make(line, folder)
    result = mkdocs_build(write_child_config(folder), folder / "site")
    assert result.returncode == 0, result.stderr
    return folder / "site"


@pytest.fixture(scope="module")
def video_url(video_site, tmp_path_factory):
    """The fixture course over http under a sub-path."""
    root = tmp_path_factory.mktemp("www-video")
    shutil.copytree(video_site, root / SUB_PATH.strip("/"))
    return f"http://127.0.0.1:{serve(root).server_port}{SUB_PATH}"


def requests_of(page) -> list[str]:
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    return asked


def media_asked(asked: list[str]) -> list[str]:
    return [url for url in asked if url.endswith(".webm")]


def play_button(page):
    return page.locator(".hvs-video-play")


def wait_playing(page, selector: str, past: float = 0.5) -> None:
    """Until the element plays: its time has passed `past` seconds and it is not paused."""
    page.wait_for_function("([s, t]) => { const m = document.querySelector(s); return m && !m.paused && m.currentTime > t; }",
                           arg=[selector, past])


def test_the_button_shows_size_and_length_and_nothing_loads_before_it_is_pressed(page, video_url):
    asked = requests_of(page)
    page.goto(video_url + PLAIN)
    button = play_button(page)
    expect(button).to_be_visible()
    expect(button.locator(".hvs-video-play__text")).to_have_text(re.compile(r"Video 6 giây · 0,\d MB$"))
    # Its name says what it does, the visible words inside it (WCAG 2.5.3).
    expect(page.get_by_role("button", name=re.compile(r"^Xem Video 6 giây · 0,\d MB$"))).to_be_visible()
    # The same words the build wrote for the page without script, now said once, in the button.
    shown = button.locator(".hvs-video-play__text").inner_text().replace("Xem ", "", 1)
    written = page.locator(".hvs-video-size").evaluate("e => e.textContent")
    assert SIZE.match(written) and shown.endswith(written)
    expect(page.locator(".hvs-video-size")).to_be_hidden()
    # The button covers the poster: pressing anywhere on the picture plays.
    box, frame = button.bounding_box(), page.locator(".hvs-video-frame video").bounding_box()
    assert box == pytest.approx(frame, abs=1) and box["height"] > 100
    assert page.locator("video").evaluate("v => [v.preload, v.autoplay, v.paused, v.networkState]") == ["none", False, True, 1]
    page.wait_for_load_state("networkidle")
    assert media_asked(asked) == []
    # The transcript is there, folded, below the video.
    expect(page.locator("details.hvs-transcript summary")).to_have_text("Lời trong video")
    expect(page.locator("details.hvs-transcript")).not_to_have_attribute("open", re.compile(".*"))

    button.click()
    wait_playing(page, "video")
    assert [url.rsplit("/", 1)[-1] for url in media_asked(asked)][:1] == ["mau.webm"]
    expect(button).to_have_count(0)
    assert page.locator("video").evaluate("v => v.controls")
    # Captions showing, the cue of the moment on screen.
    page.wait_for_function("""() => { const t = document.querySelector('video').textTracks[0];
        return t.mode === 'showing' && t.activeCues && t.activeCues.length > 0; }""")
    assert page.locator("video").evaluate("v => v.textTracks[0].activeCues[0].text") in CUES


def test_with_the_data_saver_on_the_button_says_so_before_playing(context, video_url):
    context.add_init_script(SAVE_DATA_SCRIPT)
    page = context.new_page()
    asked = requests_of(page)
    page.goto(video_url + PLAIN)
    button = play_button(page)
    button.click()
    line = page.locator(".hvs-video-save-data")
    expect(line).to_be_visible()
    expect(line).to_have_role("status")
    expect(line).to_have_text(re.compile("^" + SAVE_DATA + r" Xem video này sẽ tốn khoảng 0,\d MB dữ liệu\. Nếu được, bạn hãy xem khi có Wi-Fi\.$"))
    expect(button).to_have_text(re.compile(r"^Vẫn xem video · 0,\d MB$"))
    page.wait_for_load_state("networkidle")
    assert media_asked(asked) == [] and page.locator("video").evaluate("v => v.paused")
    button.click()
    wait_playing(page, "video")
    expect(line).to_have_count(0)


def test_without_the_data_saver_no_line_is_shown(page, video_url):
    page.goto(video_url + PLAIN)
    play_button(page).click()
    wait_playing(page, "video")
    expect(page.locator(".hvs-video-save-data")).to_have_count(0)


def test_the_video_plays_from_file(browser, video_site):
    guard = Guard()
    context = browser.new_context(**phone_options(390))
    guard.attach(context)
    page = context.new_page()
    page.goto((video_site / PLAIN).as_uri())
    expect(play_button(page)).to_have_text(re.compile(r"Video 6 giây · 0,\d MB$"))
    play_button(page).click()
    wait_playing(page, "video")
    page.wait_for_function(SHOWING + ".length === 1")
    context.close()
    assert guard.problems == []  # the refused track is never asked for: no console error


# The captions tracks showing: one, the markup's or (where it cannot load) the one video.js makes.
SHOWING = "Array.from(document.querySelector('video').textTracks).filter(t => t.mode === 'showing')"


def test_captions_show_from_file(browser, video_site):
    """From file:// the markup's track is refused: video.js makes the captions from the times on the
    transcript's paragraphs, in a track with the same label and language, showing by default."""
    guard = Guard()
    context = browser.new_context(**phone_options(390))
    guard.attach(context)
    page = context.new_page()
    page.goto((video_site / PLAIN).as_uri())
    expect(play_button(page)).to_be_visible()
    # Before play: the page's own track is there and showing, the refused one off.
    page.wait_for_function(SHOWING + ".length === 1 && " + SHOWING + "[0].cues.length === 2")
    assert page.evaluate(SHOWING + ".map(t => [t.kind, t.label, t.language])") == [["captions", "Tiếng Việt", "vi"]]
    assert page.evaluate("document.querySelector('video track').track.mode") == "disabled"
    play_button(page).click()
    wait_playing(page, "video")
    page.wait_for_function(SHOWING + "[0].activeCues.length > 0")
    assert page.evaluate(SHOWING + "[0].activeCues[0].text") in CUES
    context.close()
    assert guard.problems == []  # the refused track is never asked for: no console error


def test_print_shows_the_poster_not_the_button(page, video_url):
    page.goto(video_url + PLAIN)
    expect(play_button(page)).to_be_visible()
    page.emulate_media(media="print")
    expect(play_button(page)).to_be_hidden()


# ---- "Nghe bài": the recording where there is one, else the phone's voice ----

def listen(page):
    return page.locator(".hvs-lesson-header .hvs-listen__main")


@pytest.mark.parametrize("voice", [True, False], ids=["with-a-voice", "without-any-voice"])
def test_listen_plays_the_recorded_narration(context, video_url, voice):
    context.add_init_script(FAKE_VOICE % json.dumps([VI_VOICE]) if voice else
                            'Object.defineProperty(window, "speechSynthesis", {value: undefined, configurable: true});')
    page = context.new_page()
    asked = requests_of(page)
    page.goto(video_url + NARRATED)
    button = listen(page)
    expect(button).to_have_text("Nghe bài")
    # Its size, shown before anything loads, describes the button too.
    size = page.locator(".hvs-narration-size")
    expect(size).to_have_text(NARRATION_SIZE)
    expect(size).to_be_visible()
    expect(button).to_have_accessible_description(NARRATION_SIZE)
    page.wait_for_load_state("networkidle")
    assert media_asked(asked) == []

    button.click()
    wait_playing(page, ".hvs-narration audio")
    assert [url.rsplit("/", 1)[-1] for url in media_asked(asked)] == ["bai.loi-doc.webm"]
    expect(button).to_have_text("Tạm dừng")
    if voice:
        assert page.evaluate("speechSynthesis.spoken") == []  # the recording, not the voice
    button.click()
    page.wait_for_function("() => document.querySelector('.hvs-narration audio').paused")
    expect(button).to_have_text("Đọc tiếp")
    stop = page.locator(".hvs-lesson-header .hvs-listen__stop")
    stop.click()
    expect(button).to_have_text("Nghe bài")
    expect(stop).to_be_hidden()
    assert page.locator(".hvs-narration audio").evaluate("a => a.paused && a.currentTime === 0")


def test_the_buttons_follow_the_recordings_own_controls(context, video_url):
    page = context.new_page()
    page.goto(video_url + NARRATED)
    expect(listen(page)).to_have_text("Nghe bài")
    page.locator(".hvs-narration audio").evaluate("a => a.play()")
    expect(listen(page)).to_have_text("Tạm dừng")


def test_one_sound_at_a_time(context, video_url):
    page = context.new_page()
    page.goto(video_url + NARRATED)
    listen(page).click()
    wait_playing(page, ".hvs-narration audio")
    play_button(page).click()
    wait_playing(page, "video")
    page.wait_for_function("() => document.querySelector('.hvs-narration audio').paused")
    expect(listen(page)).to_have_text("Đọc tiếp")
    listen(page).click()
    wait_playing(page, ".hvs-narration audio", past=0)
    page.wait_for_function("() => document.querySelector('video').paused")


def test_without_a_recording_the_voice_reads_the_lesson_and_the_videos_transcript(context, video_url):
    context.add_init_script(FAKE_VOICE % json.dumps([VI_VOICE]))
    page = context.new_page()
    page.goto(video_url + PLAIN)
    expect(page.locator(".hvs-narration")).to_have_count(0)
    listen(page).click()
    page.wait_for_function("() => speechSynthesis.spoken.length > 0")
    # The fake says each sentence at once; the reading asks for the next on "end".
    spoken = page.evaluate("""() => { let n = 0;
        while (n++ < 500 && speechSynthesis.pending) { const u = speechSynthesis.pending; speechSynthesis.pending = null; u.onend({}); }
        return speechSynthesis.spoken; }""")
    assert "Đây là đoạn đầu của bài." in spoken and "Đây là đoạn cuối của bài." in spoken
    # The transcript, folded as it is, is read between them, after its title; the player's link is not.
    at = spoken.index("Lời trong video.")
    assert spoken[at + 1:at + 3] == list(CUES)
    assert spoken.index("Đây là đoạn đầu của bài.") < at < spoken.index("Đây là đoạn cuối của bài.")
    assert not any("Tải video" in text for text in spoken)


# ---- The player's script: loaded by core.js (hvs.load) on pages with a video or a narration only ----

def test_the_players_script_is_loaded_only_where_a_page_has_a_video_or_a_narration(page, video_url):
    asked = requests_of(page)
    page.goto(video_url + "index.html")  # the home page: no video, no narration
    page.wait_for_load_state("networkidle")
    scripts = [url.rsplit("/", 1)[-1] for url in asked if url.endswith(".js")]
    assert "bundle.js" in scripts and "video.js" not in scripts and "ordered-path.js" not in scripts, scripts
    page.goto(video_url + PLAIN)
    expect(play_button(page)).to_be_visible()
    assert [url for url in asked if url.endswith("/assets/hocvuso/video.js")] == [video_url + "assets/hocvuso/video.js"]
    assert "ordered-path.js" not in " ".join(asked)  # the fixture course leaves the ordered path off
