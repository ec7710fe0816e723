"""hocvuso/publish/offline.py: what a module's download list holds, and when the worker's cache changes."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import urllib.parse

import pytest

from hocvuso.catalogue import site_paths
from hocvuso.publish import offline
from hocvuso.publish.urls import site_relative
from hocvuso.search import offline as search_offline
from hocvuso.search.shards import read_docs

MODULE = "thanh-toan-so"  # has an image


def manifest(site, module=MODULE) -> list[str]:
    return json.loads((site / offline.MANIFEST_FOLDER / f"{module}.json").read_text(encoding="utf-8"))["urls"]


def test_page_resources_are_the_files_a_browser_fetches_resolved_from_the_site_root():
    html = """
    <link rel="stylesheet" href="../assets/a.css"><link rel="icon" href="../assets/i.png">
    <link rel="next" href="02.html"><link rel="canonical" href="https://other.example/x.html">
    <script src="../assets/a.js"></script><script>inline()</script>
    <img src="img/pic.svg#part" srcset="img/pic.png 1x, img/pic@2x.png 2x">
    <img src="data:image/png;base64,AAAA"><img src="https://other.example/track.gif"><img src="//cdn.example/x.png">
    <a href="03.html">next lesson</a><img src="img/pic.svg">
    """
    assert offline.page_resources("module/01.html", html) == [
        "assets/a.css", "assets/i.png", "assets/a.js", "module/img/pic.svg", "module/img/pic.png", "module/img/pic@2x.png",
    ]
    assert offline.page_resources("index.html", '<script src="assets/a.js?v=2"></script>') == ["assets/a.js?v=2"]
    # A site served from a folder: the root page's own URL.
    assert site_relative("module/01.html", "../", keep_query=True) == "./"
    assert site_relative("module/01.html", "#top", keep_query=True) is None


def test_css_resources_skip_data_urls():
    css = 'a{background:url("../img/a.png")} @font-face{src:url(../fonts/f.woff2) format("woff2"),url(data:font/woff2;base64,AA)}'
    assert offline.css_resources("assets/stylesheets/x.css", css) == ["assets/img/a.png", "assets/fonts/f.woff2"]


def test_module_list_holds_its_pages_images_assets_search_and_glossary(site):
    urls = manifest(site)
    pages = [url for url in urls if url.endswith(".html")]
    lessons = sorted(path.relative_to(site).as_posix() for path in (site / MODULE).glob("0*.html"))
    assert len(lessons) >= 4
    assert pages[:len(lessons) + 1] == [f"{MODULE}/index.html", *lessons]
    assert pages[-2:] == ["tu-dien.html", "index.html"]
    assert all(page.startswith(MODULE + "/") for page in pages[:-2])  # the module's other pages, if any
    assert f"{MODULE}/img/doc-ten-nguoi-nhan.svg" in urls
    assert {"search/index.js", search_offline.SEARCH_BUNDLE, "assets/hocvuso/bundle.js", "assets/hocvuso/course.js"} <= set(urls)
    # The index's hundreds of shards and chunks are saved as the one file that joins them.
    assert not [url for url in urls if url.startswith(("search/terms/", "search/docs/"))]
    # Every stylesheet and script a lesson loads is there; nothing is listed twice or missing.
    lesson_html = (site / lessons[0]).read_text(encoding="utf-8")
    assert set(offline.page_resources(lessons[0], lesson_html)) <= set(urls)
    # And the scripts core.js loads only where a page needs them, named by no page's HTML.
    assert set(site_paths.LAZY_SCRIPTS) <= set(urls)
    assert len(urls) == len(set(urls))
    assert all((site / url).is_file() for url in urls), [url for url in urls if not (site / url).is_file()]
    assert not [url for url in urls if url.startswith(("phong-chong-lua-dao/", "sw.js", "sitemap"))]


def test_one_list_per_module_and_one_button_per_module_page(site):
    modules = {path.parent.name for path in site.glob("*/0*.html")}
    assert {path.stem for path in (site / offline.MANIFEST_FOLDER).glob("*.json")} == modules
    for module in modules:
        page = (site / module / "index.html").read_text(encoding="utf-8")
        assert page.count(offline.BUTTON) == 1, module
        assert f'data-module="{module}" data-search-exclude hidden>' in page
    assert offline.BUTTON not in (site / MODULE / "01-ung-dung-ngan-hang-tren-dien-thoai.html").read_text(encoding="utf-8")
    assert offline.BUTTON not in " ".join(title + " " + text for _, title, text in read_docs(site))


def test_button_is_a_real_button_hidden_until_a_service_worker_can_save():
    html = offline.module_button('a"b')
    assert 'data-module="a&quot;b"' in html and " hidden>" in html
    assert f'<button type="button" class="hvs-offline-save">{offline.BUTTON}</button>' in html
    assert 'role="status" aria-live="polite"' in html


def test_worker_sits_at_the_root_with_the_version_of_the_files_built(site):
    worker = (site / offline.WORKER).read_text(encoding="utf-8")
    # Minified: what learners download has no comments or indentation.
    assert f'var CACHE=PREFIX+"{offline.cache_version(offline.site_files(site))}";' in worker
    assert "var ASSETS_FIRST=true;" in worker
    assert "__VERSION__" not in worker and "__ASSETS_FIRST__" not in worker
    assert "/*" not in worker and "\n  " not in worker
    # `mkdocs serve`: the network first for every file, so authors see their edits (readable).
    assert "var ASSETS_FIRST = false;" in offline.worker_script("abc", assets_first=False)
    # The template is a file of the repository, not published a second time.
    assert not (site / "assets" / "hocvuso" / "sw.js").exists()


def test_cache_version_changes_with_content_and_only_with_content(tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "01.html").write_text("<h1>Bài một</h1>", encoding="utf-8")
    (tmp_path / "a.css").write_text("a{}", encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text("<lastmod>2025-01-01</lastmod>", encoding="utf-8")
    first = offline.cache_version(offline.site_files(tmp_path))
    assert first == offline.cache_version(offline.site_files(tmp_path))
    assert len(first) == 12
    # The sitemap's date and the worker itself change with each build, not with the course.
    (tmp_path / "sitemap.xml").write_text("<lastmod>2025-02-02</lastmod>", encoding="utf-8")
    (tmp_path / offline.WORKER).write_text("old worker", encoding="utf-8")
    assert offline.cache_version(offline.site_files(tmp_path)) == first
    (tmp_path / "m" / "01.html").write_text("<h1>Bài một, sửa lại</h1>", encoding="utf-8")
    edited = offline.cache_version(offline.site_files(tmp_path))
    assert edited != first
    (tmp_path / "m" / "01.html").rename(tmp_path / "m" / "02.html")  # same content, another page
    assert offline.cache_version(offline.site_files(tmp_path)) not in (first, edited)


def test_two_builds_of_the_same_course_share_a_version(tmp_path):
    """Rebuilding unchanged content must not make every learner download the course again."""
    from conftest import ROOT, mkdocs_build

    workers = []
    for name in ("one", "two"):
        result = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / name)
        assert result.returncode == 0, result.stderr
        workers.append((tmp_path / name / offline.WORKER).read_text(encoding="utf-8"))
    assert workers[0] == workers[1]


def test_the_search_bundle_joins_every_shard_and_chunk_and_is_left_out_above_the_limit(site, tmp_path, monkeypatch):
    parts = [path for folder in ("terms", "docs") for path in sorted((site / "search" / folder).glob("*.js"))]
    assert len(parts) > 200
    assert (site / search_offline.SEARCH_BUNDLE).read_bytes() == b"".join(path.read_bytes() for path in parts)
    copy = tmp_path / "site"
    for path in parts + [site / search_offline.SEARCH_BUNDLE]:
        (copy / path.relative_to(site)).parent.mkdir(parents=True, exist_ok=True)
        (copy / path.relative_to(site)).write_bytes(path.read_bytes())
    monkeypatch.setattr(search_offline, "OFFLINE_SEARCH_LIMIT", sum(path.stat().st_size for path in parts) - 1)
    # A course too big to keep whole: the manifest only, and no stale bundle left behind.
    assert search_offline.write_search_bundle(copy) == list(search_offline.SEARCH_FILES)
    assert not (copy / search_offline.SEARCH_BUNDLE).exists()


def test_module_lists_made_together_match_lists_made_one_by_one_and_follow_new_pages(tmp_path):
    # The build makes every module's list with one look-up of the site's files and pages
    # grouped once: the same lists as asking module by module, and a page added later counts.
    (tmp_path / "a").mkdir()
    (tmp_path / "ab").mkdir()
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "site.css").write_text("body{background:url(bg.png)}", encoding="utf-8")
    (tmp_path / "assets" / "bg.png").write_bytes(b"png")
    for path in ("index.html", "a/index.html", "a/one.html", "a/two.html", "ab/index.html"):
        (tmp_path / path).write_text("page", encoding="utf-8")
    pages = offline.OfflineSite()
    head = '<link rel="stylesheet" href="{}assets/site.css">'
    pages.add_page("index.md", "", head.format(""))
    pages.add_page("a/one.md", "a/one.html", head.format("../"))
    pages.add_page("ab/index.md", "ab/", head.format("../"))
    pages.add_page("a/index.md", "a/", head.format("../"))
    pages.write(tmp_path, ["a", "ab"], ["index.md"])
    lists = {module: json.loads((tmp_path / "offline" / f"{module}.json").read_text(encoding="utf-8"))["urls"]
             for module in ("a", "ab")}
    assert lists["a"] == ["a/", "a/one.html", "./", "assets/site.css", "assets/bg.png"]
    assert lists["ab"] == ["ab/", "./", "assets/site.css", "assets/bg.png"]
    assert lists == {module: pages.module_urls(module, ["index.md"], tmp_path) for module in ("a", "ab")}
    pages.add_page("a/two.md", "a/two.html", head.format("../"))
    assert pages.module_urls("a", ["index.md"], tmp_path)[:3] == ["a/", "a/one.html", "a/two.html"]


# ---- Videos and narrations (issue #28): listed apart, with their sizes ----------------------


PLAYERS = """<figure class="hvs-video" data-hvs-video><video controls preload="none" poster="video/a.jpg" aria-label="A">
  <source src="video/a.webm" type='video/webm; codecs="vp8, vorbis"'><source src="video/a.mp4" type="video/mp4">
  <track kind="captions" srclang="vi" src="video/a.vtt" default><a href="video/a.webm">Tải video về máy</a></video></figure>
<div class="hvs-narration"><audio controls preload="none" src="01.loi-doc.webm"></audio></div>
<VIDEO src="https://other.example/x.mp4"></VIDEO>"""


def test_a_pages_players_are_its_videos_in_the_browsers_order_and_narrations_are_sound():
    assert offline.page_players("m/01.html", PLAYERS) == [
        [("m/video/a.webm", 'video/webm; codecs="vp8, vorbis"'), ("m/video/a.mp4", "video/mp4")],
        [("m/01.loi-doc.webm", "audio/webm")],
    ]
    assert offline.page_players("m/01.html", "<p>no player</p>") == []


def test_a_modules_videos_are_listed_apart_with_their_sizes_and_the_rest_as_before(tmp_path):
    files = {"index.html": 10, "m/index.html": 10, "m/01.html": 10, "m/video/a.webm": 4200, "m/video/a.mp4": 5100,
             "m/video/a.jpg": 30, "m/video/a.vtt": 20, "m/01.loi-doc.webm": 700, "n/index.html": 10,
             # Left beside the lessons, played by no page: a raw phone recording, an old take.
             "m/video/quay-tho.mp4": 90_000, "m/extra/b.mp3": 90, "home.webm": 500}
    for path, size in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(b"x" * size)
    pages = offline.OfflineSite()
    pages.add_page("index.md", "", '<video src="home.webm"></video>')  # a shared page's video: not the module's
    pages.add_page("m/index.md", "m/", "")
    pages.add_page("m/01.md", "m/01.html", PLAYERS)
    pages.add_page("n/index.md", "n/", "")
    pages.write(tmp_path, ["m", "n"], ["index.md"])
    listed = json.loads((tmp_path / "offline" / "m.json").read_text(encoding="utf-8"))
    assert listed["urls"] == ["m/", "m/01.html", "./", "m/video/a.jpg", "m/video/a.vtt"]  # poster and captions: small, always
    assert listed["media"] == [
        [{"url": "m/video/a.webm", "bytes": 4200, "type": 'video/webm; codecs="vp8, vorbis"'},
         {"url": "m/video/a.mp4", "bytes": 5100, "type": "video/mp4"}],
        [{"url": "m/01.loi-doc.webm", "bytes": 700, "type": "audio/webm"}],
    ]  # only the players of the module's pages: no file of its folder that no page plays
    assert listed["ask"]["question"].startswith("Chương này có 1 video và 1 bài lời đọc,")
    # A module without videos keeps the list it had.
    assert json.loads((tmp_path / "offline" / "n.json").read_text(encoding="utf-8")) == {"module": "n", "urls": ["n/", "./"]}


def test_the_course_without_videos_has_lists_without_media(site):
    for path in (site / offline.MANIFEST_FOLDER).glob("*.json"):
        assert set(json.loads(path.read_text(encoding="utf-8"))) == {"module", "urls"}, path.name


def test_the_question_names_what_the_module_has():
    assert offline.media_words(2, 0)["question"] == (
        "Chương này có 2 video, tổng cộng {size}. Bạn có muốn lưu cả video trên máy không?")
    words = offline.media_words(0, 1)
    assert (words["question"], words["yes"], words["done"]) == (
        "Chương này có 1 bài lời đọc, tổng cộng {size}. Bạn có muốn lưu cả lời đọc trên máy không?",
        "Lưu cả lời đọc ({size})",
        "Đã tải xong. Bạn có thể học chương này khi không có mạng (lời đọc cần có mạng).")


def test_the_worker_knows_the_hash_of_every_video_and_sound_a_page_plays(tmp_path):
    """A new build's worker carries a saved video over when its bytes did not change: it knows
    them by a hash of the bytes, written into it (not a conditional request the host may not honour)."""
    for path, content in {"m/01.html": b"p", "m/video/a.webm": b"one", "m/video/a.mp4": b"two",
                          "m/video/a.vtt": b"t", "m/01.loi-doc.webm": b"voice", "m/raw.mp4": b"raw"}.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(content)
    pages = offline.OfflineSite()
    pages.add_page("m/01.md", "m/01.html", PLAYERS)
    pages.add_page("m/index.md", "m/", "")
    pages.write(tmp_path, ["m"], [])
    versions = pages.media_versions(tmp_path)
    assert set(versions) == {"m/video/a.webm", "m/video/a.mp4", "m/01.loi-doc.webm"}  # not the captions, nor the raw file
    assert versions["m/video/a.webm"] == hashlib.sha256(b"one").hexdigest()[:offline.MEDIA_HASH_CHARS]
    worker = (tmp_path / offline.WORKER).read_text(encoding="utf-8")
    assert "var MEDIA=" + json.dumps(versions, sort_keys=True, separators=(",", ":")) + ";" in worker
    (tmp_path / "m/video/a.webm").write_bytes(b"one, edited")
    assert pages.media_versions(tmp_path)["m/video/a.webm"] != versions["m/video/a.webm"]
    assert "var MEDIA = {};" in offline.worker_script("abc", assets_first=False)


@pytest.mark.skipif(not shutil.which("node"), reason="node runs the worker's lookup")
def test_the_worker_finds_the_hash_of_a_video_whose_name_has_reserved_characters(tmp_path):
    """The build keys the map by the path decoded whole (unquote); the worker decoded the URL with
    decodeURI, which leaves "%23" ("#"), "%2C" (",") and "%26" ("&") encoded: the saved copy of
    `bai #1.webm` had no label and was lost at the next course update."""
    names = ["bai #1.webm", "bai 1, phan 2.webm", "a&b+c=d;e.webm", "bài học.mp4"]
    versions = {f"m/video/{name}": f"h{index}" for index, name in enumerate(names)}
    worker = offline.worker_script("abc", media=versions)
    urls = [f"https://hoc.example/khoa/m/video/{urllib.parse.quote(name)}" for name in names]
    script = ("const self = {registration: {scope: 'https://hoc.example/khoa/'}, addEventListener() {}};\n" + worker
              + f"\nconsole.log(JSON.stringify({json.dumps(urls)}.map(mediaVersion)));")
    (tmp_path / "worker.js").write_text(script, encoding="utf-8")
    result = subprocess.run(["node", str(tmp_path / "worker.js")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["h0", "h1", "h2", "h3"]
