"""The ZIM file as a learner uses it in Kiwix: kiwix-serve (Debian's kiwix-tools) serves the
file `hocvuso zim` wrote, on a free local port and under its own URL layout (found in its OPDS
catalog, as Kiwix apps find books), with its own toolbar injected into every page; Chromium,
guarded by conftest (no console error, no request to another host), opens the course there.

kiwix-serve comes from tools/find-kiwix.sh (make test passes its answer in HOCVUSO_KIWIX_SERVE)
or the PATH; only when neither has it is this module skipped, with the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ROOT, stop_at_session_end
from hocvuso.zim import edition as zim
from site_reading import answer_keys

pytestmark = pytest.mark.browser
pytest.importorskip("libzim")

LESSON = "phong-chong-lua-dao/01-cuoc-goi-lua-dao.html"
RIGHT = "Đúng rồi! Bạn làm rất tốt."
WRONG = "Chưa đúng. Không sao cả"
MODULE_BUTTON = "Tải về để học không cần mạng"
NEW_EDITION_MARK = "Bản mới của tệp ZIM"
MISSING = ("kiwix-serve is not installed and tools/find-kiwix.sh could not install it "
           "(install Debian's kiwix-tools: sudo apt install kiwix-tools)")


@pytest.fixture(scope="module")
def kiwix_serve() -> str:
    path = os.environ.get("HOCVUSO_KIWIX_SERVE") or shutil.which("kiwix-serve")
    if not path:
        pytest.skip(MISSING)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class KiwixServe:
    """One kiwix-serve process serving one ZIM file on a fixed port."""

    def __init__(self, binary: str, zim_file: Path, port: int) -> None:
        self.binary, self.zim_file, self.port = binary, zim_file, port
        self.origin = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen([self.binary, "--address", "127.0.0.1", "--port", str(self.port), str(self.zim_file)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while True:  # until the server answers (or has died)
            try:
                with urllib.request.urlopen(self.origin + "/catalog/v2/entries", timeout=2) as response:
                    self.catalog = response.read().decode("utf-8")
                    return
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"kiwix-serve did not start: {self.process.stderr.read().decode(errors='replace')}")
                time.sleep(0.1)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def book_url(self) -> str:
        """Where kiwix-serve serves the book: its catalog's HTML link (/<file name> in kiwix-tools
        3.3, /content/<file name> in later versions)."""
        links = re.findall(r'<link type="text/html" href="([^"]+)"', self.catalog)
        assert len(links) == 1, self.catalog
        return self.origin + links[0].rstrip("/") + "/"


@pytest.fixture
def kiwix(kiwix_serve, zim_edition, tmp_path):
    """kiwix-serve on a free port, serving a copy of the ZIM under its usual name."""
    served = tmp_path / zim_edition[0].name
    shutil.copyfile(zim_edition[0], served)
    server = KiwixServe(kiwix_serve, served, free_port())
    server.start()
    # Not stopped when the test ends: its page may outlive it (pytest tears the fixtures down in
    # reverse) and ask for a file late; a refused request is then no fault of the course.
    stop_at_session_end(server.stop)
    return server


def quiz_keys(site_dir: Path, page: str) -> dict[str, dict]:
    keys = answer_keys(site_dir / page)
    assert keys, page
    return keys


def answer(form, correct: list, right: bool) -> None:
    """Answers one question as a learner (the lesson's questions used here are choice questions)."""
    options = form.locator(".hvs-opt")
    if right:
        for index in correct:
            options.nth(index).click()
    else:
        options.nth(next(index for index in range(options.count()) if index not in correct)).click()
    form.get_by_role("button", name="Kiểm tra").click()
    expect(form.get_by_role("status")).to_contain_text(RIGHT if right else WRONG)


def pass_quiz(page, quiz_id: str, key: dict) -> None:
    quiz = page.locator(f'.hvs-quiz[data-quiz="{quiz_id}"]')
    for question_id, (correct, *_rest) in key.items():
        answer(quiz.locator(f'.hvs-q[data-q="{question_id}"]'), correct, right=True)


def course_total(page):
    return page.locator("[data-hvs-progress]").first


def test_a_learner_studies_the_course_inside_kiwix(context, kiwix, zim_edition, site_url):
    site_dir = zim_edition[1]
    book = kiwix.book_url()
    assert re.fullmatch(rf"{re.escape(kiwix.origin)}(/content)?/khoa-hoc/", book), book
    page = context.new_page()

    # The book's address opens the main page: the course's home, inside Kiwix's toolbar.
    page.goto(book)
    expect(page).to_have_url(book + "index.html")
    expect(page.locator("#kiwixtoolbar")).to_be_attached()  # kiwix-serve's own bar: really served by Kiwix
    expect(page.locator("article h1")).to_be_visible()
    expect(course_total(page)).to_contain_text(re.compile(r"Cả khoá học: 0/\d+ bài"))
    assert page.evaluate("isSecureContext")  # so a web edition would register its worker here...
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(found => found.length)") == 0  # ...this one does not

    # A module page: no "download this module" button (Kiwix is offline already).
    page.goto(book + "phong-chong-lua-dao/index.html")
    expect(page.locator("article h1")).to_be_visible()
    expect(page.get_by_role("button", name=MODULE_BUTTON)).to_have_count(0)

    # A quiz, answered wrong, then right after "Làm lại".
    page.goto(book + LESSON)
    keys = quiz_keys(site_dir, LESSON)
    first_quiz, first_key = next(iter(keys.items()))
    question_id, (correct, *_rest) = next(iter(first_key.items()))
    form = page.locator(f'.hvs-quiz[data-quiz="{first_quiz}"] .hvs-q[data-q="{question_id}"]')
    answer(form, correct, right=False)
    form.get_by_role("button", name="Làm lại").click()
    expect(form.get_by_role("status")).to_have_text("")
    answer(form, correct, right=True)

    # The lesson's review quiz (its last quiz block) passed: the lesson counts as done.
    review_quiz, review_key = list(keys.items())[-1]
    pass_quiz(page, review_quiz, review_key)

    # Our search, typed without accents, inside Kiwix; a result opens its lesson.
    page.locator("label.md-header__button[for=__search]").click()
    box = page.locator(".md-search__input")
    expect(page.locator(".md-search-result__meta")).to_have_text("Gõ từ cần tìm")
    box.fill("lua dao")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^Tìm thấy \d+ bài$"))
    result = page.locator(".md-search-result__item > a.md-search-result__link").first
    target = result.evaluate("link => link.href").split("#")[0]
    assert target.startswith(book) and target != page.url.split("#")[0]
    result.click()
    expect(page).to_have_url(re.compile(re.escape(target) + "(#.*)?$"))
    expect(page.locator("article h1")).to_be_visible()

    # The progress page counts the lesson.
    page.goto(book + "tien-do.html")
    expect(course_total(page)).to_contain_text(re.compile(r"Cả khoá học: 1/\d+ bài"))

    # The online site (another origin) keeps its own progress: nothing mixed either way.
    page.goto(site_url + "tien-do.html")
    expect(course_total(page)).to_contain_text(re.compile(r"Cả khoá học: 0/\d+ bài"))


def test_progress_survives_a_newer_edition_of_the_file(context, kiwix, zim_edition, tmp_path):
    """The school copies a newer khoa-hoc.zim over the old one and restarts kiwix-serve on the
    same port: the same origin, the same localStorage, the same quiz ids, so progress stays."""
    site_dir = zim_edition[1]
    book = kiwix.book_url()
    page = context.new_page()
    page.goto(book + "index.html")  # the old home page, now in the browser's cache
    expect(page.get_by_text(NEW_EDITION_MARK)).to_have_count(0)
    page.goto(book + LESSON)
    review_quiz, review_key = list(quiz_keys(site_dir, LESSON).items())[-1]
    pass_quiz(page, review_quiz, review_key)
    page.goto(book + "tien-do.html")
    expect(course_total(page)).to_contain_text(re.compile(r"Cả khoá học: 1/\d+ bài"))

    # The newer edition: another date, and a changed home page the learner can see.
    newer_site = tmp_path / "newer-site"
    shutil.copytree(site_dir, newer_site)
    home = newer_site / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace("</h1>", f"</h1>\n<p>{NEW_EDITION_MARK}</p>", 1), encoding="utf-8")
    metadata, problems = zim.metadata_from_config(zim.read_config(ROOT / "mkdocs.yml"), date.today() + timedelta(days=30))
    assert problems == []
    newer = zim.write_zim(newer_site, metadata, tmp_path / "newer" / kiwix.zim_file.name, ROOT)
    assert newer.problems == []
    old_catalog = kiwix.catalog
    # The learner's tab leaves the course while the school swaps the file: a phone's browser may
    # still ask an open page's server for something late (the home-screen manifest), and a server
    # being restarted refuses it, which is no fault of the course.
    page.goto("about:blank")
    kiwix.stop()
    os.replace(newer.path, kiwix.zim_file)
    kiwix.start()
    assert kiwix.catalog != old_catalog  # another book (new id, new date) under the same address
    assert kiwix.book_url() == book

    page.goto(book + "index.html")
    # kiwix-serve 3.3 lets browsers keep its pages for a month (Cache-Control: max-age=2723040),
    # so a learner's browser shows the old home page until a reload. Here the guard routes every
    # request, which turns Chromium's cache off: the reload is what a learner does, not tested.
    page.reload()
    expect(page.get_by_text(NEW_EDITION_MARK)).to_be_visible()
    expect(course_total(page)).to_contain_text(re.compile(r"Cả khoá học: 1/\d+ bài"))
    page.goto(book + "tien-do.html")
    expect(course_total(page)).to_contain_text(re.compile(r"Cả khoá học: 1/\d+ bài"))
