"""QR codes back to the page online (hocvuso/pages/qr.py): a printed lesson carries one (on paper only),
a module page shows one; a site without `site_url` has none. The browser tests read the codes
off screenshots with zxing-cpp, as a phone's camera would."""

from __future__ import annotations

import gzip
import io
import json
import re
import shutil

import pytest
from playwright.sync_api import expect

from conftest import ROOT, SUB_PATH, axe_report, mkdocs_build, serve, wait_until_still, write_child_config
from hocvuso.pages import qr
from hocvuso.search.shards import read_docs
from page_weight import FURTHER_PAGE_GZIP_BUDGET, gzipped, page_loads

# The public address of a province's copy, under a sub-path (not the local test server's).
PUBLIC = "https://hoc.example.vn/khoa-hoc/tinh-mau/"
MODULE = "phong-chong-lua-dao/"
LESSON = MODULE + "03-bao-ve-ma-otp-va-tai-khoan.html"
QR_GZIP_BUDGET = 200  # bytes added to a lesson page (gzip): every learner pays them


# ---- The address and the code ---------------------------------------------------------------

@pytest.mark.parametrize("site_url, page_url, address", [
    # Plain .html links (use_directory_urls: false, the course's setting), under a sub-path.
    (PUBLIC, LESSON, PUBLIC + LESSON),
    (PUBLIC, MODULE + "index.html", PUBLIC + MODULE + "index.html"),
    # Folder links (use_directory_urls: true), as the engine gives them.
    (PUBLIC, MODULE + "03-bao-ve-ma-otp-va-tai-khoan/", PUBLIC + MODULE + "03-bao-ve-ma-otp-va-tai-khoan/"),
    (PUBLIC, MODULE, PUBLIC + MODULE),
    (PUBLIC, "./", PUBLIC),
    (PUBLIC, "", PUBLIC),
    ("https://hoc.example.vn", "index.html", "https://hoc.example.vn/index.html"),  # no trailing "/"
    ("https://hoc.example.vn/khoa-hoc", LESSON, "https://hoc.example.vn/khoa-hoc/" + LESSON),
    ("https://hoc.example.vn/khoá học/", "a%20b.html", "https://hoc.example.vn/kho%C3%A1%20h%E1%BB%8Dc/a%20b.html"),
])
def test_page_address_joins_the_site_address_and_the_page_url(site_url, page_url, address):
    assert qr.page_address(site_url, page_url) == address


@pytest.mark.parametrize("site_url", [None, "", "  "])
def test_no_address_without_a_site_url(site_url):
    assert qr.page_address(site_url, LESSON) is None


def test_the_code_is_a_small_inline_svg_of_dark_modules_only():
    svg = qr.qr_svg(PUBLIC + LESSON)
    assert svg.startswith('<svg role="img" aria-label="Mã QR của trang này" viewBox="0 0 45 45">'), svg[:100]
    assert svg.endswith("</svg>") and "<?xml" not in svg and "xmlns" not in svg
    assert svg.count("<path") == 1 and "<rect" not in svg and "fill=" not in svg  # no background, no light modules
    assert not re.search(r"<svg[^>]* (width|height)=", svg)  # sized by CSS
    assert len(gzip.compress(svg.encode(), 9)) < 700


def test_a_lesson_code_file_is_an_svg_image_of_its_own():
    svg = qr.qr_svg(PUBLIC + LESSON, standalone=True)
    assert svg.startswith('<svg shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg" width="45" height="45"'), svg[:120]
    assert "<?xml" not in svg and svg.count("<path") == 1 and "<rect" not in svg


@pytest.mark.parametrize("page_url, image", [
    (LESSON, MODULE + "03-bao-ve-ma-otp-va-tai-khoan.qr.svg"),
    (MODULE + "03-bao-ve-ma-otp-va-tai-khoan/", MODULE + "03-bao-ve-ma-otp-va-tai-khoan/qr.svg"),
])
def test_a_lesson_code_file_sits_beside_its_page(page_url, image):
    assert qr.lesson_image(page_url) == image
    assert '<img src="' + image.rsplit("/", 1)[1] + '" alt="Mã QR của trang này" loading="lazy">' in qr.lesson_block(PUBLIC, image)


def test_the_address_is_the_only_outside_text_and_it_is_escaped():
    block = qr.module_block("https://hoc.example.vn/?a=1&b=<i>")
    assert "&amp;b=&lt;i&gt;" in block and "<i>" not in block
    assert qr.page_address('https://hoc.example.vn/"><script>/', "x.html") == "https://hoc.example.vn/%22%3E%3Cscript%3E/x.html"


def test_the_block_goes_right_under_the_title():
    assert qr.insert_after_heading('<h1 id="t">Bài</h1><p>Chữ</p>', "[QR]") == '<h1 id="t">Bài</h1>[QR]<p>Chữ</p>'
    assert qr.insert_after_heading("<p>Chữ</p>", "[QR]") == "[QR]<p>Chữ</p>"


# ---- The built site -------------------------------------------------------------------------

def _build(folder, extra: str = ""):
    """The real course (content, facts, glossary, banks, style) in a child config."""
    for name in ("content", "quizzes"):
        shutil.copytree(ROOT / name, folder / name)
    for name in ("facts.yml", "glossary.yml", "style.yml"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, folder / name)
    result = mkdocs_build(write_child_config(folder, extra), folder / "site")
    assert result.returncode == 0, result.stderr
    return folder / "site"


@pytest.fixture(scope="module")
def public_site(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("qr"), f"site_url: {PUBLIC}\n")


@pytest.fixture(scope="module")
def public_site_url(public_site, tmp_path_factory):
    """Served locally under a sub-path; the codes still hold the public address."""
    root = tmp_path_factory.mktemp("qr-www")
    shutil.copytree(public_site, root / SUB_PATH.strip("/"))
    server = serve(root)
    return f"http://127.0.0.1:{server.server_port}{SUB_PATH}"


def _pages(site):
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in site.rglob("*.html")}


def test_every_lesson_and_module_page_has_its_code_and_no_other_page_has_one(public_site):
    site = public_site
    pages = _pages(site)
    lessons = [path for path in pages if re.fullmatch(r"[^/]+/\d\d-[^/]+\.html", path)]
    modules = [path for path in pages if re.fullmatch(r"[^/]+/index\.html", path)]
    assert len(lessons) >= 28 and len(modules) >= 7
    for path in lessons:
        assert pages[path].count('<div class="hvs-qr') == 1, path
        image = path.removesuffix(".html") + ".qr.svg"
        assert (f'<div class="hvs-qr hvs-print-only" data-search-exclude><img src="{image.split("/")[1]}" '
                'alt="Mã QR của trang này" loading="lazy">') in pages[path], path
        assert (site / image).read_text(encoding="utf-8").startswith('<svg shape-rendering="crispEdges" xmlns='), image
        assert f"{qr.LESSON_LINE} <span class=\"hvs-qr-address\">{PUBLIC}{path}</span>" in pages[path], path
        # The code sits under the title, where the printed sheet starts.
        assert pages[path].index("</h1>") < pages[path].index('class="hvs-qr') < pages[path].index("hvs-quiz"), path
    for path in modules:
        assert pages[path].count('<div class="hvs-qr') == 1, path
        assert '<div class="hvs-qr" data-search-exclude><svg role="img" aria-label="Mã QR của trang này"' in pages[path], path
        assert f"{qr.MODULE_LINE} <span class=\"hvs-qr-address\">{PUBLIC}{path}</span>" in pages[path], path
    others = [path for path in pages if path not in lessons and path not in modules]
    assert any(path.endswith("/dap-an.html") for path in others) and any(path.endswith("/kiem-tra.html") for path in others)
    assert "index.html" in others and "tu-dien.html" in others
    assert [path for path in others if f"class=\"{qr.QR_CLASS}" in pages[path]] == []
    assert len(list(site.rglob("*.qr.svg"))) == len(lessons) and not list(site.rglob("qr.svg"))


def test_the_search_index_holds_no_code_text(public_site):
    index = json.dumps(read_docs(public_site), ensure_ascii=False)  # every section the search holds
    assert "mở lại bài này" not in index and "mở chương này" not in index and "hoc.example.vn" not in index


def test_without_a_site_url_no_page_has_a_code(site):
    # `site` is the national course as mkdocs.yml builds it: it has no public address.
    assert not re.search(r"^site_url:", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    pages = _pages(site)
    assert len(pages) > 40
    assert [path for path, html in pages.items() if f"class=\"{qr.QR_CLASS}" in html or "Quét mã để mở" in html] == []
    assert not list(site.rglob("*.qr.svg"))


def test_the_code_costs_each_lesson_little_and_lessons_stay_in_budget(public_site):
    """What every learner pays for a lesson's code: the gzip bytes its block adds to the page.
    Its image is fetched only when the page is printed (browser test below), so the page
    weight counts the lesson's other images."""
    added, further, files = {}, {}, {}
    for lesson in sorted(public_site.glob("*/[0-9][0-9]-*.html")):
        html, loads = page_loads(public_site, lesson)
        without = re.sub(r'<div class="hvs-qr hvs-print-only".*?</div>', "", html, count=1, flags=re.DOTALL)
        assert without != html, lesson
        image = qr.lesson_image(lesson.relative_to(public_site).as_posix())
        assert image in loads["image"], loads
        added[lesson.name] = gzipped(html.encode()) - gzipped(without.encode())
        files[lesson.name] = gzipped((public_site / image).read_bytes())
        further[lesson.name] = gzipped(html.encode()) + sum(gzipped((public_site / path).read_bytes())
                                                            for path in loads["image"] - {image})
    print(f"\nQR: bytes added to each lesson page (gzip): min {min(added.values())}, max {max(added.values())}, "
          f"mean {sum(added.values()) / len(added):.0f}; its file, fetched when printing: max {max(files.values())}; "
          f"largest lesson with it {max(further.values())}")
    assert max(added.values()) <= QR_GZIP_BUDGET, sorted(added.items(), key=lambda kv: -kv[1])[:3]
    assert max(files.values()) <= 1000, files
    assert max(further.values()) <= FURTHER_PAGE_GZIP_BUDGET, sorted(further.items(), key=lambda kv: -kv[1])[:3]


# ---- In Chromium: what a learner sees, and what a phone reads -------------------------------

def _decode(png: bytes) -> list[str]:
    import zxingcpp
    from PIL import Image, ImageOps

    # A white margin around the screenshot, as around a printed code (cameras need a quiet zone).
    image = ImageOps.expand(Image.open(io.BytesIO(png)).convert("L"), border=20, fill=255)
    return [(result.format.name, result.text) for result in zxingcpp.read_barcodes(image)]


def _come_back(page, site_url) -> None:
    """A learner who has opened the site before. On the very first page, the offline cache saves
    the page and every file it names (offline.js), its QR code included, once."""
    page.goto(site_url + "index.html")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.wait_for_load_state("networkidle")


@pytest.mark.browser
def test_a_lesson_code_is_hidden_on_screen_and_printed_with_the_lesson_address(page, public_site_url):
    _come_back(page, public_site_url)
    image_requests = []
    page.on("request", lambda request: request.url.endswith(".qr.svg") and image_requests.append(request.url))
    page.goto(public_site_url + LESSON)
    block = page.locator(".hvs-qr")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(block).to_be_hidden()
    assert block.evaluate("el => getComputedStyle(el).display") == "none"
    assert page.get_by_role("img", name="Mã QR của trang này").count() == 0  # not read out on screen either
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    assert image_requests == []  # a learner reading on screen does not download it

    # Emulated print media only restyles the screen: the code loads as it comes into view (a real
    # print loads it at once: next test).
    page.evaluate("window.scrollTo(0, 0)")
    page.emulate_media(media="print")
    code = block.locator("img")
    expect(code).to_have_js_property("complete", True)
    assert code.evaluate("el => el.naturalWidth") > 0
    wait_until_still(page)
    expect(block).to_be_visible()
    expect(block).to_have_text(f"{qr.LESSON_LINE} {PUBLIC}{LESSON}")
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert canonical == PUBLIC + LESSON  # the same address the page gives for itself
    assert _decode(code.screenshot()) == [("QRCode", PUBLIC + LESSON)]
    width_cm = code.evaluate("el => el.getBoundingClientRect().width") / 96 * 2.54
    assert 2.5 <= width_cm <= 3.5, width_cm  # small on paper, still about 0.7 mm a module


@pytest.mark.browser
def test_printing_a_lesson_fetches_its_code(page, public_site_url):
    """The real print path (not emulated media): Chromium loads the lazy image for the paper."""
    _come_back(page, public_site_url)
    image_requests = []
    page.on("requestfinished", lambda request: request.url.endswith(".qr.svg") and image_requests.append(request.url))
    page.goto(public_site_url + LESSON)
    page.wait_for_load_state("networkidle")
    assert image_requests == []
    assert page.pdf().startswith(b"%PDF-")
    assert image_requests == [public_site_url + MODULE + "03-bao-ve-ma-otp-va-tai-khoan.qr.svg"]


@pytest.mark.browser
def test_a_module_page_shows_its_code_with_the_module_address(page, public_site_url):
    page.goto(public_site_url + MODULE + "index.html")
    block = page.locator(".hvs-qr")
    expect(block).to_be_visible()
    expect(block).to_have_text(f"{qr.MODULE_LINE} {PUBLIC}{MODULE}index.html")
    expect(page.get_by_role("img", name="Mã QR của trang này")).to_be_visible()
    wait_until_still(page)
    assert _decode(block.locator("svg").screenshot()) == [("QRCode", PUBLIC + MODULE + "index.html")]
    assert axe_report(page) == ""
    # On paper (a poster) it prints too, larger.
    page.emulate_media(media="print")
    wait_until_still(page)
    expect(block).to_be_visible()
    assert _decode(block.locator("svg").screenshot()) == [("QRCode", PUBLIC + MODULE + "index.html")]
