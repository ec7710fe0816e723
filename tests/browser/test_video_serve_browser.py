"""Videos everywhere the course goes (issue #28), in a real Chromium: a small course with a
lesson that carries a video block and a recorded narration, with media made at test time by PyAV.

- Over `hocvuso lop-hoc`'s server (byte ranges) under a sub-path: the video plays and seeks.
- Saved with its module ("Tải về để học không cần mạng", asked separately with the size),
  then with the network cut: the video plays and seeking to the middle works, the worker
  answering the player's Range requests from its cache; saying no leaves the videos out.
- From file:// (the zip): the video plays from its relative address.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import socket
import threading
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ROOT, SUB_PATH, Guard, mkdocs_build, phone_options, stop_at_session_end, write_child_config
from hocvuso.classroom import static_server
import media_samples

pytestmark = pytest.mark.browser


def make_webm(path: Path, seconds: int, width: int = 160) -> Path:
    """A key frame each second (seeking lands on one), every frame different."""
    return media_samples.tool().write_video(path, seconds=seconds, width=width, height=96, key_every=10)

MODULE = "mo-dau"
LESSON = f"{MODULE}/01-bai-1.html"
VIDEO = f"{MODULE}/video/clip.webm"
NARRATION = f"{MODULE}/01-bai-1.loi-doc.webm"
BUTTON = "Tải về để học không cần mạng"
DONE = "Đã tải xong. Bạn có thể học chương này khi không có mạng."
DONE_WITHOUT_MEDIA = "Đã tải xong. Bạn có thể học chương này khi không có mạng (video và lời đọc cần có mạng)."
FAILED = "Chưa tải được. Bạn kiểm tra lại mạng, rồi bấm nút để thử lại."
SAVE_TIMEOUT_MS = 30_000
SECONDS = 6

# The video block and the narration field as a writer writes them (branch video-block renders them).
BLOCK = """```video
file: video/clip.webm
also: [video/clip.mp4]
captions: video/clip.vtt
poster: video/clip.jpg
title: Trả tiền điện
```
"""
CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:03.000\nXin chào\n\n00:03.000 --> 00:06.000\nBấm vào nút\n"


@pytest.fixture(scope="module")
def video_site(tmp_path_factory) -> Path:
    """The small test course (tests/fixtures/khoa-nho) with a video and a narration in its first lesson, built --strict."""
    from PIL import Image

    folder = tmp_path_factory.mktemp("khoa-video")
    shutil.copytree(ROOT / "tests" / "fixtures" / "khoa-nho", folder, dirs_exist_ok=True)
    content = folder / "content" / MODULE
    make_webm(content / "video" / "clip.webm", seconds=SECONDS)
    media_samples.tool().write_video(content / "video" / "clip.mp4", seconds=SECONDS, video_codec="libx264", audio_codec="aac")
    voice = media_samples.tool().write_audio(content / "01-bai-1.loi-doc.webm", seconds=3)
    Image.new("RGB", (160, 96), (20, 80, 160)).save(content / "video" / "clip.jpg")
    (content / "video" / "clip.vtt").write_text(CAPTIONS, encoding="utf-8")
    lesson = content / "01-bai-1.md"
    text = lesson.read_text(encoding="utf-8").replace("Nội dung bài 1.\n", "Nội dung bài 1.\n\n" + BLOCK)
    lesson.write_text(text.replace("sources: []\n", f"sources: []\nnarration: {voice.name}\n", 1), encoding="utf-8")
    result = mkdocs_build(write_child_config(folder), folder / "site")
    assert result.returncode == 0, result.stderr
    return folder / "site"


@pytest.fixture(scope="module")
def classroom_url(video_site, tmp_path_factory) -> str:
    """The course through `hocvuso lop-hoc`'s server, under a sub-path."""
    root = tmp_path_factory.mktemp("lop-hoc")
    mount = root / SUB_PATH.strip("/")
    mount.parent.mkdir(parents=True)
    shutil.copytree(video_site, mount)
    server = static_server.make_server(root, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stop_at_session_end(lambda: (server.shutdown(), server.server_close()))
    return f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"


# check_ranges asks for bytes past the end on purpose: Chromium logs the 416 it gets (conftest's
# `context` lets a module name the console lines it expects).
ASKED_416 = re.compile(r"^console: Failed to load resource: the server responded with a status of 416 \(")
EXPECTED_PROBLEMS = (ASKED_416,)


def megabytes(size: int) -> str:
    """As the page says it: 1 MB = 1,000,000 bytes, a decimal comma, at least 0,1 MB."""
    return f"{max(size, 100_000) / 1e6:.1f}".replace(".", ",") + " MB"


# Plays the lesson's video from the start (muted: a page may start a muted video without a tap),
# then jumps to the middle; resolves to what the learner would see happen, or to the error.
PLAY_AND_SEEK = """async () => {
    const video = document.querySelector('figure.hvs-video video');
    const until = (check, what) => new Promise((resolve, reject) => {
        const deadline = performance.now() + 20000;
        (function poll() {
            if (video.error) return reject(new Error('media error ' + video.error.code + ' ' + video.error.message));
            try { if (check()) return resolve(); } catch (error) { return reject(error); }
            if (performance.now() > deadline) return reject(new Error('timed out: ' + what + ' at ' + video.currentTime));
            setTimeout(poll, 50);
        })();
    });
    try {
        video.muted = true;
        let refused = null;
        // Not awaited: a player waiting for bytes that never come would never settle.
        video.play().catch(error => { refused = error; });
        await until(() => { if (refused) throw refused; return !video.paused || video.currentTime > 0; }, 'started');
        await until(() => video.currentTime > 0.5, 'playing');
        const middle = video.duration / 2;
        video.currentTime = middle;
        await until(() => !video.seeking && video.currentTime >= middle, 'seeked');
        const landed = video.currentTime;
        await until(() => video.currentTime > landed + 0.5, 'playing after the seek');
        return {duration: video.duration, middle, landed, after: video.currentTime};
    } catch (error) {
        return {error: String(error)};
    }
}"""


def play_and_seek(page) -> None:
    result = page.evaluate(PLAY_AND_SEEK)
    assert "error" not in result, result
    assert abs(result["duration"] - SECONDS) < 0.5, result
    assert result["middle"] <= result["landed"] < result["middle"] + 1, result
    assert result["after"] > result["landed"], result


# Parts of a file fetched with a Range header, as a player asks for them: status, Content-Range, bytes.
RANGES = """async ({url, ranges}) => Promise.all(ranges.map(async range => {
    const response = await fetch(url, {headers: {Range: range}});
    const body = new Uint8Array(await response.arrayBuffer());
    return [response.status, response.headers.get('Content-Range'), Array.from(body)];
}))"""


def check_ranges(page, url: str, content: bytes) -> None:
    size = len(content)
    asked = {"bytes=0-1": (206, f"bytes 0-1/{size}", content[:2]),
             "bytes=100-199": (206, f"bytes 100-199/{size}", content[100:200]),
             f"bytes={size // 2}-": (206, f"bytes {size // 2}-{size - 1}/{size}", content[size // 2:]),
             "bytes=-300": (206, f"bytes {size - 300}-{size - 1}/{size}", content[-300:]),
             f"bytes=0-{size * 2}": (206, f"bytes 0-{size - 1}/{size}", content),
             f"bytes={size}-": (416, f"bytes */{size}", b"")}
    answers = page.evaluate(RANGES, {"url": url, "ranges": list(asked)})
    for (range_, (status, content_range, body)), (got_status, got_range, got_body) in zip(asked.items(), answers):
        assert (got_status, got_range) == (status, content_range), range_
        assert bytes(got_body) == body, f"{range_}: not the bytes asked for"


def test_over_the_classroom_wifi_the_video_plays_and_seeks(context, classroom_url, video_site):
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append((request.url, request.headers.get("range"))))
    page.goto(classroom_url + LESSON)
    expect(page.locator("figure.hvs-video video")).to_be_visible()
    play_and_seek(page)
    page.evaluate("document.querySelector('figure.hvs-video video').textTracks[0].mode = 'showing'")
    page.wait_for_function("document.querySelector('figure.hvs-video video').textTracks[0].cues.length === 2")
    # The player asked for parts, and the server gave them.
    assert [range_ for url, range_ in requests if url.endswith(VIDEO)][:1] == ["bytes=0-"]
    check_ranges(page, classroom_url + VIDEO, (video_site / VIDEO).read_bytes())


def test_a_module_saved_with_its_videos_plays_and_seeks_with_no_network(context, classroom_url, video_site):
    page = context.new_page()
    page.goto(classroom_url + f"{MODULE}/index.html")
    box = page.locator(".hvs-offline")
    box.get_by_role("button", name=BUTTON).click()
    total = (video_site / VIDEO).stat().st_size + (video_site / NARRATION).stat().st_size
    size = megabytes(total)
    # Asked before anything heavy is fetched, with the size the learner pays for.
    expect(box.get_by_role("status")).to_have_text(
        f"Chương này có 1 video và 1 bài lời đọc, tổng cộng {size}. Bạn có muốn lưu cả video và lời đọc trên máy không?")
    yes = box.get_by_role("button", name=f"Lưu cả video và lời đọc ({size})")
    expect(yes).to_be_focused()
    yes.click()
    expect(box.get_by_role("status")).to_have_text(DONE, timeout=SAVE_TIMEOUT_MS)
    expect(box.get_by_role("button", name=BUTTON)).to_be_focused()

    context.set_offline(True)
    page.goto(classroom_url + LESSON)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bài thứ 1")
    play_and_seek(page)
    check_ranges(page, classroom_url + VIDEO, (video_site / VIDEO).read_bytes())
    # The narration and the captions came too.
    assert page.evaluate("""async (urls) => (await Promise.all(urls.map(u => caches.match(u)))).every(Boolean)""",
                         [classroom_url + NARRATION, classroom_url + f"{MODULE}/video/clip.vtt"])


def test_saying_no_saves_the_lessons_without_the_videos(context, classroom_url, video_site):
    page = context.new_page()
    page.goto(classroom_url + f"{MODULE}/index.html")
    box = page.locator(".hvs-offline")
    box.get_by_role("button", name=BUTTON).click()
    box.get_by_role("button", name="Không, chỉ lưu bài").click()
    expect(box.get_by_role("status")).to_have_text(DONE_WITHOUT_MEDIA, timeout=SAVE_TIMEOUT_MS)
    cached = page.evaluate("""async (urls) => Promise.all(urls.map(async u => !!(await caches.match(u))))""",
                           [classroom_url + LESSON, classroom_url + f"{MODULE}/video/clip.jpg",
                            classroom_url + VIDEO, classroom_url + NARRATION])
    assert cached == [True, True, False, False]
    context.set_offline(True)
    page.goto(classroom_url + LESSON)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bài thứ 1")


def test_from_a_usb_stick_the_video_plays_from_its_relative_address(page, video_site):
    page.goto((video_site / LESSON).as_uri())
    expect(page.locator("figure.hvs-video video")).to_be_visible()
    play_and_seek(page)
    assert page.evaluate("document.querySelector('figure.hvs-video video').currentSrc") == (video_site / VIDEO).as_uri()


def test_from_a_usb_stick_the_captions_show(browser, video_site):
    """Chromium loads no <track> from file:// (each file is an origin of its own): video.js shows
    the captions from the transcript's cue times instead, and never asks for the track (no console
    error)."""
    guard = Guard()
    context = browser.new_context(**phone_options(390))
    guard.attach(context)
    page = context.new_page()
    page.goto((video_site / LESSON).as_uri())
    showing = "Array.from(document.querySelector('figure.hvs-video video').textTracks).filter(t => t.mode === 'showing')"
    page.wait_for_function(showing + ".length === 1 && " + showing + "[0].cues.length === 2")
    context.close()
    assert guard.problems == []


# ---- The ZIM, through kiwix-serve ----------------------------------------------------------


@pytest.fixture(scope="module")
def video_zim(video_site, tmp_path_factory) -> Path:
    """The same course as a ZIM (`hocvuso zim`, as a province makes it)."""
    pytest.importorskip("libzim")
    import subprocess
    import sys

    from conftest import BUILD_ENV

    course = video_site.parent
    target = tmp_path_factory.mktemp("zim") / "khoa-video.zim"
    result = subprocess.run([sys.executable, "-m", "hocvuso.cli", "zim", "--output", str(target), "--site-dir",
                             str(course / "site-zim")], capture_output=True, text=True, env=BUILD_ENV, cwd=course)
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def test_the_zim_carries_the_videos_captions_posters_and_narrations_with_their_types(video_zim, video_site):
    from libzim.reader import Archive

    archive = Archive(video_zim)
    for path, kind in [(VIDEO, "video/webm"), (f"{MODULE}/video/clip.vtt", "text/vtt"),
                       (f"{MODULE}/video/clip.jpg", "image/jpeg"), (NARRATION, "video/webm")]:
        item = archive.get_entry_by_path(path).get_item()
        assert (item.mimetype, bytes(item.content)) == (kind, (video_site / path).read_bytes()), path


def test_kiwix_serve_answers_ranges_and_the_video_plays_and_seeks(context, video_zim, video_site):
    from test_zim_browser import MISSING, KiwixServe, free_port

    binary = os.environ.get("HOCVUSO_KIWIX_SERVE") or shutil.which("kiwix-serve")
    if not binary:
        pytest.skip(MISSING)
    server = KiwixServe(binary, video_zim, free_port())
    server.start()
    stop_at_session_end(server.stop)
    book = server.book_url()
    content = (video_site / VIDEO).read_bytes()
    request = urllib.request.Request(book + VIDEO, headers={"Range": "bytes=100-199"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert (response.status, response.headers["Content-Range"]) == (206, f"bytes 100-199/{len(content)}")
        assert response.read() == content[100:200]
    page = context.new_page()
    page.goto(book + LESSON)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bài thứ 1")
    play_and_seek(page)
    check_ranges(page, book + VIDEO, content)


# ---- A new build: saved videos carried over, not downloaded again ---------------------------


class _LoggedHandler(static_server.ClassroomHandler):
    """The classroom server, writing down each path asked for (what crossed the network); while
    `held` is an unset Event, the video is not sent (a stalled 2G line), and `most` counts how
    many downloads of it were under way at once."""

    asked: list = []
    held: threading.Event | None = None
    under_way = most = 0

    def send_head(self):
        path = self.path.split("?")[0]
        self.asked.append(path)
        if self.held is not None and path.endswith(VIDEO):
            cls = type(self)
            cls.under_way += 1
            cls.most = max(cls.most, cls.under_way)
            try:
                while not self.held.wait(0.1):
                    readable, _, _ = select.select([self.connection], [], [], 0)
                    if readable and not self.connection.recv(1, socket.MSG_PEEK):
                        raise ConnectionAbortedError  # the browser gave this download up
            finally:
                cls.under_way -= 1
        return super().send_head()


@pytest.fixture
def updated_course(video_site, tmp_path):
    """Serves the built course under a sub-path, logging requests; `swap(site)` puts another build
    in its place (a course update), `rebuild(edit)` builds a copy of the course after edit(content)."""
    course = video_site.parent
    mount = tmp_path / "served" / SUB_PATH.strip("/")
    shutil.copytree(video_site, mount)
    handler = type("Logged", (_LoggedHandler,), {"asked": [], "gzip_cache": static_server._GzipCache()})
    server = static_server.ClassroomServer(("127.0.0.1", 0), lambda *args: handler(*args, directory=str(tmp_path / "served")))
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def rebuild(name, edit):
        copy = tmp_path / name
        shutil.copytree(course, copy, ignore=shutil.ignore_patterns("site", "site-*"))
        edit(copy / "content")
        result = mkdocs_build(write_child_config(copy), copy / "site")
        assert result.returncode == 0, result.stderr
        return copy / "site"

    def swap(site):
        shutil.rmtree(mount)
        shutil.copytree(site, mount)
        handler.asked.clear()

    yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}", handler.asked, rebuild, swap, handler
    if handler.held is not None:
        handler.held.set()
    server.shutdown()
    server.server_close()


def cache_version(site: Path) -> str:
    return re.search(r'var CACHE=PREFIX\+"(\w+)"', (site / "sw.js").read_text(encoding="utf-8")).group(1)


def wait_for_cache(page, version: str) -> None:
    """Until the worker of the build with `version` has installed and deleted the older caches
    (the browser looks for a new worker as the learner opens a page)."""
    names = []
    for _ in range(SAVE_TIMEOUT_MS // 200):
        names = page.evaluate("async () => (await caches.keys()).filter(name => name.startsWith('hocvuso:'))")
        if len(names) == 1 and names[0].endswith(":" + version):
            return
        page.wait_for_timeout(200)  # polling the caches, which no page event announces
    raise AssertionError(f"no cache {version} alone: {names}")


CACHED_BYTES = """async (url) => {
    const hit = await caches.match(url);
    return hit ? Array.from(new Uint8Array(await hit.arrayBuffer())) : null;
}"""


def test_a_course_update_carries_saved_videos_over_and_drops_changed_ones(context, video_site, updated_course):
    url, asked, rebuild, swap, _ = updated_course
    page = context.new_page()
    page.goto(url + f"{MODULE}/index.html")
    box = page.locator(".hvs-offline")
    box.get_by_role("button", name=BUTTON).click()
    box.get_by_role("button", name=re.compile("^Lưu cả video")).click()
    expect(box.get_by_role("status")).to_have_text(DONE, timeout=SAVE_TIMEOUT_MS)
    wait_for_cache(page, cache_version(video_site))

    def edit_text(content):
        lesson = content / MODULE / "01-bai-1.md"
        lesson.write_text(lesson.read_text(encoding="utf-8").replace("Nội dung bài 1.", "Nội dung bài 1, sửa lại."), encoding="utf-8")

    # The lesson's text changed, its video and narration did not: a new worker, not a byte of them fetched.
    text_only = rebuild("sua-chu", edit_text)
    assert cache_version(text_only) != cache_version(video_site)
    swap(text_only)
    page.goto(url + f"{MODULE}/index.html")
    wait_for_cache(page, cache_version(text_only))
    assert f"{SUB_PATH}{LESSON}" in asked  # the changed page was fetched again
    assert f"{SUB_PATH}{VIDEO}" not in asked and f"{SUB_PATH}{NARRATION}" not in asked, asked
    context.set_offline(True)
    page.goto(url + LESSON)
    expect(page.get_by_text("Nội dung bài 1, sửa lại.")).to_be_visible()
    play_and_seek(page)
    context.set_offline(False)

    # The video itself changed: never kept stale, and not fetched unasked (megabytes, in an install
    # that must end within minutes): dropped; the narration still carried over. The module's button
    # saves the new one, asking first.
    def edit_video(content):
        edit_text(content)
        make_webm(content / MODULE / "video" / "clip.webm", seconds=SECONDS, width=176)

    new_video = rebuild("sua-video", edit_video)
    assert (new_video / VIDEO).read_bytes() != (video_site / VIDEO).read_bytes()
    swap(new_video)
    page.goto(url + f"{MODULE}/index.html")
    wait_for_cache(page, cache_version(new_video))
    assert f"{SUB_PATH}{VIDEO}" not in asked and f"{SUB_PATH}{NARRATION}" not in asked, asked
    assert page.evaluate(CACHED_BYTES, url + VIDEO) is None
    assert page.evaluate(CACHED_BYTES, url + NARRATION) is not None
    box.get_by_role("button", name=BUTTON).click()
    box.get_by_role("button", name=re.compile("^Lưu cả video")).click()
    expect(box.get_by_role("status")).to_have_text(DONE, timeout=SAVE_TIMEOUT_MS)
    assert asked.count(f"{SUB_PATH}{VIDEO}") == 1, asked
    assert bytes(page.evaluate(CACHED_BYTES, url + VIDEO)) == (new_video / VIDEO).read_bytes()
    context.set_offline(True)
    page.goto(url + LESSON)
    play_and_seek(page)


def test_a_big_video_on_a_slow_line_is_not_given_up_after_a_minute_nor_downloaded_twice(context, updated_course):
    """Saving a 1,5 MB video on a line that brings nothing for minutes: the page waits as long as
    the video's size needs at 8 kB/s (not a fixed minute), then says it could not; pressing again
    never starts a second download of the video while the first is under way (the page waits for
    the one still coming; AbortController is newer than the browser floor)."""
    from media_samples import pad

    url, asked, rebuild, swap, handler = updated_course
    size = 1_500_000  # a minute of video at 1,5 MB a minute, under the course's budget

    def longer(content):
        pad(make_webm(content / MODULE / "video" / "clip.webm", seconds=60), size)
        (content / MODULE / "video" / "clip.vtt").write_text(CAPTIONS + "\n00:06.000 --> 01:00.000\nXong\n", encoding="utf-8")

    big = rebuild("video-lon", longer)
    swap(big)
    handler.held = threading.Event()
    page = context.new_page()
    page.clock.install()
    page.goto(url + f"{MODULE}/index.html")
    box = page.locator(".hvs-offline")
    status = box.get_by_role("status")

    def save():
        box.get_by_role("button", name=BUTTON).click()
        box.get_by_role("button", name=re.compile("^Lưu cả video")).click()

    save()
    for _ in range(SAVE_TIMEOUT_MS // 100):
        if f"{SUB_PATH}{VIDEO}" in asked:
            break
        page.wait_for_timeout(100)  # until the worker asks the server for the video
    assert f"{SUB_PATH}{VIDEO}" in asked, asked
    page.clock.run_for(61_000)
    expect(status).to_have_text(re.compile("^Đang tải "))  # a minute is not the end on 2G
    page.clock.run_for(size // 8 - 61_000 + 1_000)
    expect(status).to_have_text(FAILED)
    save()  # again, while the first download may still be under way
    page.clock.run_for(1_000)
    handler.held.set()
    expect(status).to_have_text(DONE, timeout=SAVE_TIMEOUT_MS)
    assert handler.most == 1, asked
    assert bytes(page.evaluate(CACHED_BYTES, url + VIDEO)) == (big / VIDEO).read_bytes()
