"""A lesson with a video block and a recorded narration, as the learner meets it (issue #28).

Built in a copy of the course with small media made at test time (tests/media_samples.py): over
http under a sub-path and from file://, the size and length show before anything loads, only the
poster is fetched before play, the video plays with its Vietnamese captions showing, the
transcript is in the page and the search finds it, and paper shows the poster and the transcript.
WebKit and Firefox play the same lesson's video and narration (tests/engines.py)."""

from __future__ import annotations

import re
import shutil
import time

import pytest
from playwright.sync_api import expect

import engines
import media_samples
from conftest import SUB_PATH, copy_course, mkdocs_build, serve, write_child_config
from engines import display, launch  # noqa: F401  (fixtures)
from searching import open_search

pytestmark = pytest.mark.browser
LESSON = "lam-quen-dien-thoai/01-bat-tat-va-sac-pin.html"  # a real lesson, given a video and a narration
WORD = "bậc thang"  # only in the captions: the search must find the transcript
BLOCK = """
```video
file: video/mau.webm
also: [video/mau.mp4]
captions: video/mau.vtt
title: Video mẫu <thử>
```
"""
CAPTIONS = ("Đây là video mẫu: ruộng bậc thang trên núi.", "Số đếm ở giữa chạy từng giây.", "Hết video mẫu.")


@pytest.fixture(scope="module")
def video_site(tmp_path_factory) -> dict:
    """The course with a video and a narration in its first lesson: its built folder, file:// and http roots."""
    folder = tmp_path_factory.mktemp("video")
    copy_course(folder)
    content = folder / "content" / "lam-quen-dien-thoai"
    lesson = content / "01-bat-tat-va-sac-pin.md"
    front, body = lesson.read_text(encoding="utf-8").split("\n---\n", 1)
    body = body.lstrip("\n")
    title, rest = body.split("\n\n", 1) if body.startswith("#") else ("", body)
    lesson.write_text(f"{front}\nnarration: bai.loi-doc.webm\n---\n{title}\n{BLOCK}\n{rest}", encoding="utf-8")
    tool = media_samples.tool()
    tool.write_video(content / "video" / "mau.webm", seconds=6)
    tool.write_video(content / "video" / "mau.mp4", seconds=6, video_codec="libx264", audio_codec="aac", bit_rate=80_000)
    media_samples.pad(content / "video" / "mau.mp4", 180_000)  # "0,2 MB": told apart from the WebM's "0,1 MB"
    tool.write_captions(content / "video" / "mau.vtt", 6, CAPTIONS)
    tool.write_audio(content / "bai.loi-doc.webm", seconds=6)
    result = mkdocs_build(write_child_config(folder), folder / "site")
    assert result.returncode == 0, result.stderr
    root = tmp_path_factory.mktemp("www")
    shutil.copytree(folder / "site", root / SUB_PATH.strip("/"))
    server = serve(root)
    caught = engines.caught_site(folder / "site", tmp_path_factory.mktemp("engines") / "site")
    return {"dir": folder / "site", "http": f"http://127.0.0.1:{server.server_port}{SUB_PATH}",
            "file": (folder / "site").as_uri() + "/", "caught": caught.as_uri() + "/"}


def _requests(page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


PLAYING_ONLY = """() => document.querySelector('.hvs-video video').currentTime > 0.5"""
# The captions showing: the markup's track, or where it cannot load (file://) the one video.js
# makes from the transcript's cue times.
PLAYING = """() => { const v = document.querySelector('.hvs-video video');
  const track = Array.from(v.textTracks).find(t => t.mode === 'showing');
  return v.currentTime > 0.5 && track && track.mode === 'showing' && track.activeCues && track.activeCues.length > 0; }"""


STATE = """() => { const v = document.querySelector('.hvs-video video'), t = Array.from(v.textTracks).find(t => t.mode === 'showing');
  return 'currentTime ' + v.currentTime + ' paused ' + v.paused + ' error ' + (v.error && v.error.code) + ' readyState ' + v.readyState +
    ' track ' + (t && t.mode) + ' cues ' + (t && t.cues && t.cues.length) + ' active ' + (t && t.activeCues && t.activeCues.length) +
    ' trackState ' + v.querySelector('track').readyState; }"""


@pytest.mark.parametrize("where", ["http", "file"])
def test_the_learner_sees_the_cost_then_plays_with_captions(browser, video_site, where):
    """From file:// Chromium would refuse the <track> (file: URLs are unique origins): video.js shows
    the captions from the transcript's cue times, and never asks for the track (no console error)."""
    from conftest import Guard, phone_options

    guard = Guard()
    context = browser.new_context(**phone_options(390))
    guard.attach(context)
    page = context.new_page()
    try:
        _sees_the_cost_then_plays(page, video_site, where)
    finally:
        context.close()
    assert guard.problems == []


def _sees_the_cost_then_plays(page, video_site, where):
    seen = _requests(page)
    page.goto(video_site[where] + LESSON)
    figure = page.locator("figure.hvs-video")
    size = figure.locator(".hvs-video-size")
    # The size before anything loads: on the big play button video.js puts over the poster (the
    # figcaption's line, for the page without script, is then hidden; video-learner's tests).
    expect(figure.locator(".hvs-video-play")).to_contain_text(re.compile(r"Video \d+ giây · \d+,\d MB$"))
    expect(size).to_have_text(re.compile(r"^Video \d+ giây · \d+,\d MB$"))
    expect(figure.locator(".hvs-video-title")).to_have_text("Video mẫu <thử>")
    expect(page.locator(".hvs-narration-size")).to_have_text(re.compile(r"^Lời đọc \d+ giây · \d+,\d MB$"))
    page.wait_for_load_state("load")
    media = [url for url in seen if "/video/" in url or "loi-doc" in url]
    # The poster, and no byte of video, voice or captions (a track marked `default` would be
    # loaded with the page whatever `preload` says: the markup has none, video.js turns it on).
    assert sorted(url.rsplit("/", 1)[1] for url in media) == ["mau.poster.jpg"], media
    poster_loaded = page.evaluate("""() => new Promise(done => { const img = new Image();
        img.onload = () => done(img.naturalWidth); img.onerror = () => done(0);
        img.src = document.querySelector('.hvs-video video').poster; })""")
    assert poster_loaded > 0

    figure.locator(".hvs-video-play").tap()  # the big play button, as a finger does
    try:
        page.wait_for_function(PLAYING, timeout=20_000)
    except Exception:
        pytest.fail(page.evaluate(STATE))
    assert any(url.endswith("/video/mau.webm") for url in seen)  # the first source, the cheaper one
    assert not any(url.endswith("/video/mau.mp4") for url in seen)


# A browser that plays no WebM (an old iPhone): it will choose the MP4, and is told the MP4's size.
NO_WEBM = """const canPlay = HTMLMediaElement.prototype.canPlayType;
HTMLMediaElement.prototype.canPlayType = function (type) { return /webm/i.test(type) ? "" : canPlay.call(this, type); };"""


@pytest.mark.parametrize("where", ["http", "file"])
def test_the_size_shown_is_the_one_the_browser_will_play(page, video_site, where):
    page.goto(video_site[where] + LESSON)
    expect(page.locator(".hvs-video-play")).to_contain_text(re.compile(r"Video 6 giây · 0,1 MB$"))
    page.add_init_script(NO_WEBM)
    page.goto(video_site[where] + LESSON)
    expect(page.locator(".hvs-video-play")).to_contain_text(re.compile(r"Video 6 giây · 0,2 MB$"))
    expect(page.locator(".hvs-video-size")).to_have_text("Video 6 giây · 0,1 MB")  # without script: the first source's


def test_the_transcript_is_in_the_page_and_the_search_finds_it(page, video_site):
    page.goto(video_site["http"] + LESSON)
    transcript = page.locator("details.hvs-transcript")
    expect(transcript.locator("summary")).to_have_text("Lời trong video")
    transcript.locator("summary").click()
    expect(transcript.locator("p")).to_have_text(list(CAPTIONS))
    box = open_search(page)
    box.fill(WORD)
    link = page.locator(".md-search-result__item > a.md-search-result__link").first
    expect(link).to_have_attribute("href", re.compile(LESSON.replace(".", r"\.")))


@pytest.mark.parametrize("where", ["http"])
def test_paper_shows_the_poster_and_the_transcript(page, video_site, where):
    page.goto(video_site[where] + LESSON)
    page.wait_for_load_state("load")
    page.emulate_media(media="print")
    video = page.locator(".hvs-video video")
    box = video.bounding_box()
    assert box and box["height"] > 50 and box["width"] > 50
    for line in CAPTIONS:  # the closed transcript prints open
        expect(page.locator("details.hvs-transcript p", has_text=line)).to_be_visible()
    expect(page.locator(".hvs-video-size")).to_be_hidden()
    expect(page.locator(".hvs-narration")).to_be_hidden()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize("where", ["http", "file"])
def test_printing_opens_the_transcript_where_css_cannot(page, video_site, where):
    """Engines without ::details-content (older phones) print a closed <details> closed: video.js
    opens it before printing and closes it after."""
    page.goto(video_site[where] + LESSON)
    transcript = page.locator("details.hvs-transcript")
    expect(page.locator(".hvs-video-play")).to_be_visible()  # video.js has run
    expect(transcript).not_to_have_attribute("open", "")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(transcript).to_have_attribute("open", "")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(transcript).not_to_have_attribute("open", "")


PLAYS = """var done = arguments[arguments.length - 1], media = document.querySelector(arguments[0]), start = Date.now();
media.muted = true;
var started = media.play(); if (started && started.catch) started.catch(function (e) { done('play() refused: ' + e.name); });
(function poll() {
  if (media.error) return done('error ' + media.error.code);
  if (media.currentTime > 0.5) return done('plays');
  if (Date.now() - start > 15000) return done('no progress: ' + media.currentTime + ', readyState ' + media.readyState);
  setTimeout(poll, 100);
})();"""


@pytest.mark.parametrize("engine", ["webkit", "firefox"])
@pytest.mark.parametrize("where", ["file"])
def test_webkit_and_firefox_play_the_video_and_the_narration(launch, video_site, engine, where):
    driver = launch(engine)
    driver.get(video_site["caught"] + LESSON)
    deadline = time.monotonic() + 30
    while not driver.execute_script("return document.readyState === 'complete'") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert driver.execute_async_script(PLAYS, ".hvs-video video") == "plays"
    assert driver.execute_script("return document.querySelector('.hvs-video video').currentSrc.split('/').pop()") == "mau.webm"
    assert driver.execute_async_script(PLAYS, ".hvs-narration audio") == "plays"
    problems = driver.execute_script("return window.__hvsTestErrors ? window.__hvsTestErrors() : ['the catcher is missing'];")
    assert problems == [], "\n".join(problems)


def test_from_a_usb_stick_the_video_plays(browser, video_site):
    """From file:// the video plays: a context of its own, with no console error (the refused track
    is never asked for; its captions: the test above)."""
    from conftest import Guard, phone_options

    guard = Guard()
    context = browser.new_context(**phone_options(390))
    guard.attach(context)
    page = context.new_page()
    page.goto(video_site["file"] + LESSON)
    page.locator(".hvs-video-play").tap()
    page.wait_for_function(PLAYING_ONLY, timeout=20_000)
    context.close()
    assert guard.problems == []


def test_the_writers_guide_shows_a_working_video_and_narration(page, site_url):
    """content/huong-dan-video.md, with the samples tools/make-sample-media.py makes (conftest, Makefile):
    a guide page (not a lesson) carries its narration under its title, and both play."""
    page.goto(site_url + "huong-dan-video.html")
    expect(page.locator(".hvs-narration-size")).to_have_text(re.compile(r"^Lời đọc \d+ giây · \d+,\d MB$"))
    expect(page.locator(".hvs-video-size")).to_have_text(re.compile(r"^Video \d+ giây · \d+,\d MB$"))
    for selector in (".hvs-video video", ".hvs-narration audio"):
        page.evaluate("selector => { const media = document.querySelector(selector); media.muted = true; return media.play(); }", selector)
        page.wait_for_function("selector => document.querySelector(selector).currentTime > 0.5", arg=selector, timeout=20_000)
