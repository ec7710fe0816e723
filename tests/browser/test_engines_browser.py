"""The learner's core walk in Safari's engine (WebKit) and Firefox (issue #26), over http under a
sub-path and from file:// (a USB stick): a lesson's quiz answered wrong then right, the review quiz
passed and the done box, a reload that keeps every answer, the progress page's count, search for
"lua dao" and a result opened, the class page adding the learner's code, and (over http) a module
saved for learning offline; then progress kept across a restart of the browser with the same
profile. No script error and no request to another host on any page (tests/engines.py's catcher).

Chromium walks the same features under Playwright in the other browser tests. The drivers are
installed by `make test` (tools/find-engines.sh); a missing one skips here and says why."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

import engines
from engines import display, launch  # noqa: F401  (fixtures, shared with test_security_policy_browser.py)
from conftest import SUB_PATH, Guard, phone_options, serve
from site_reading import answer_keys, course_map, lesson_of_choice_questions

pytestmark = pytest.mark.browser
RIGHT = "Đúng rồi! Bạn làm rất tốt."
DONE = "Bạn đã học xong bài này. Giỏi lắm!"
WAIT_S = 30
ENGINES = ["webkit", "firefox"]


@pytest.fixture(scope="module")
def walked_site(site, tmp_path_factory) -> dict:
    """The built course with the error catcher in every page: its file:// root and its http root."""
    root = tmp_path_factory.mktemp("engines")
    caught = engines.caught_site(site, root / "www" / SUB_PATH.strip("/"))
    server = serve(root / "www")
    return {"file": caught.as_uri() + "/", "http": f"http://127.0.0.1:{server.server_port}{SUB_PATH}", "dir": caught}


def lesson_count(site: Path) -> int:
    return sum(len(module["lessons"]) for module in course_map(site)["modules"])


# ---- Waiting for what the learner would see (never a fixed time) ----

def until(driver, condition, what: str, timeout: float = WAIT_S):
    """Polls condition(driver) until it returns something truthy; fails saying what never came."""
    deadline, last = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        try:
            result = condition(driver)
        except Exception as error:  # the page is between two documents
            result, last = None, error
        if result:
            return result
        time.sleep(0.05)
    pytest.fail(f"{what}: never came within {timeout} s ({last or 'no error'}) at {driver.current_url}")


def text_of(driver, selector: str) -> str:
    return driver.execute_script("var el = document.querySelector(arguments[0]); return el ? el.textContent.trim() : null;", selector)


def shows(driver, selector: str, text: str, timeout: float = WAIT_S) -> None:
    until(driver, lambda d: text in (text_of(d, selector) or ""), f"{selector} showing “{text}”", timeout)


def ready(driver, url: str) -> None:
    """Opens url and waits until our scripts have run (the page's quizzes and bars are drawn)."""
    driver.get(url)
    until(driver, lambda d: d.execute_script("return document.readyState === 'complete' && !!window.hvs"), "the page's scripts")


def clean(driver) -> None:
    problems = driver.execute_script("return window.__hvsTestErrors ? window.__hvsTestErrors() : ['the catcher is missing'];")
    assert problems == [], "\n".join(problems)


def click(driver, selector: str) -> None:
    element = driver.find_element("css selector", selector)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def answer(driver, quiz: str, question: str, picks: list[int]) -> None:
    form = f'.hvs-quiz[data-quiz="{quiz}"] .hvs-q[data-q="{question}"]'
    for index in picks:
        click(driver, f"{form} .hvs-opt:nth-of-type({index + 1})")
    click(driver, f"{form} .hvs-check")


# ---- The walk ----

def pass_a_lesson(driver, base: str, site: Path) -> tuple[dict, dict]:
    """A lesson's review quiz: the first question wrong then right, every other right; the done box."""
    module, lesson, _ = lesson_of_choice_questions(site)
    ready(driver, base + lesson["url"])
    quiz = lesson["quiz"]
    key = answer_keys(site / lesson["url"])[quiz]
    for number, (question, (correct, feedback, *_)) in enumerate(key.items()):
        form = f'.hvs-quiz[data-quiz="{quiz}"] .hvs-q[data-q="{question}"]'
        options = driver.execute_script("return document.querySelectorAll(arguments[0]).length", form + " .hvs-opt")
        wrong = [index for index in range(options) if index not in correct]
        if number == 0 and wrong:
            kind = driver.find_element("css selector", form + " .hvs-opt input").get_attribute("type")
            answer(driver, quiz, question, wrong[:1])
            until(driver, lambda d: (text_of(d, form + " .hvs-result") or "") != "", "the verdict on a wrong answer")
            assert RIGHT not in text_of(driver, form + " .hvs-result")
            click(driver, form + " .hvs-retry")
            until(driver, lambda d: not d.execute_script("return document.querySelector(arguments[0]).checked", form + " .hvs-opt input"),
                  "a fresh try") if kind == "radio" else None
        answer(driver, quiz, question, correct)
        shows(driver, form + " .hvs-result", RIGHT)
    shows(driver, "[data-hvs-lesson-done]", DONE)
    clean(driver)
    return module, lesson


def every_answer_kept(driver, site: Path, lesson: dict) -> None:
    driver.refresh()
    until(driver, lambda d: d.execute_script("return !!window.hvs"), "the page again")
    for question in answer_keys(site / lesson["url"])[lesson["quiz"]]:
        shows(driver, f'.hvs-quiz[data-quiz="{lesson["quiz"]}"] .hvs-q[data-q="{question}"] .hvs-result', RIGHT)
    shows(driver, "[data-hvs-lesson-done]", DONE)
    clean(driver)


def progress_counts(driver, base: str, total: int, done: int = 1) -> str:
    ready(driver, base + "tien-do.html")
    shows(driver, "[data-hvs-progress='']", f"Cả khoá học: {done}/{total} bài")
    # Neither engine here has promised to keep the site's data (WebKitGTK has no navigator.storage;
    # Firefox granted nothing: its persist() asks the person, and no one answers): the page says so.
    shows(driver, "[data-hvs-keep]", "Máy này chưa chắc giữ được tiến độ học lâu dài")
    until(driver, lambda d: d.execute_script("return /^HVS2\\./.test(document.querySelector('[data-hvs-code]').value)"), "the progress code")
    clean(driver)
    return driver.execute_script("return document.querySelector('[data-hvs-code]').value")


def search_and_open(driver, base: str) -> None:
    ready(driver, base + "index.html")
    click(driver, "label.md-header__button[for=__search]")
    box = driver.find_element("css selector", ".md-search__input")
    until(driver, lambda d: box.is_displayed(), "the search box")
    box.send_keys("lua dao")
    # Every result it will show (the first three at once, the rest once typing pauses: the list is
    # drawn again then), as tests/searching.py's all_results_shown waits for.
    until(driver, lambda d: d.execute_script("""
        var meta = document.querySelector(".md-search-result__meta"), found = /^Tìm thấy (ít nhất )?(\\d+) bài$/.exec(meta.textContent.trim());
        return found && document.querySelectorAll(".md-search-result__item").length === Math.min(+found[2], 10);"""),
          "every result of “lua dao”")
    first = driver.find_element("css selector", ".md-search-result__item a")
    title = first.find_element("css selector", "h1, h2").text.strip()
    target = first.get_attribute("href")
    first.click()
    until(driver, lambda d: d.current_url.split("#")[0] == target.split("#")[0] and d.execute_script("return !!window.hvs"),
          f"the result “{title}” opened")
    clean(driver)


def class_adds(driver, base: str, code: str) -> None:
    ready(driver, base + "lop-hoc-cua-toi.html")
    _code_box(driver).send_keys(code)
    driver.execute_script("""for (const b of document.querySelectorAll('button')) if (b.textContent.trim() === 'Thêm vào lớp') b.click();""")
    shows(driver, "[data-hvs-class-message]", "Đã thêm “Bà Lan” vào lớp: 1 bài đã học")
    clean(driver)


def _code_box(driver):
    box = driver.execute_script("""for (const l of document.querySelectorAll('label'))
        if (l.textContent.indexOf('Gõ hoặc dán mã tiến độ của người học') === 0) return l.control; return null;""")
    assert box, "the code box of the class page"
    return box


def module_saved_offline(driver, base: str, module: dict) -> None:
    ready(driver, base + module["url"])
    driver.execute_script("""for (const b of document.querySelectorAll('button')) if (b.textContent.trim() === 'Tải về để học không cần mạng') b.click();""")
    shows(driver, ".hvs-offline-status", "Đã tải xong. Bạn có thể học chương này khi không có mạng.", timeout=60)
    clean(driver)


@pytest.mark.parametrize("where", ["http", "file"])
@pytest.mark.parametrize("engine", ENGINES)
def test_the_learner_walk(launch, walked_site, site, engine, where):
    driver = launch(engine)
    base = walked_site[where]
    module, lesson = pass_a_lesson(driver, base, site)
    every_answer_kept(driver, site, lesson)
    total = lesson_count(site)
    ready(driver, base + "tien-do.html")
    driver.find_element("css selector", "[data-hvs-learner-name]").send_keys("Bà Lan")
    until(driver, lambda d: d.execute_script("return /^HVS2\\.[0-9A-Z]+\\.[0-9A-Z]+\\./.test(document.querySelector('[data-hvs-code]').value)"),
          "the code with the name")
    code = progress_counts(driver, base, total)
    search_and_open(driver, base)
    class_adds(driver, base, code)
    if where == "http":  # from file:// browsers keep no service worker: nothing to save
        module_saved_offline(driver, base, module)


# MiniBrowser in automation mode always keeps its data in memory: WebKit's restart is driven
# through WebKitGTK itself below (tests/webkit_profile.py); Chromium's through Playwright.
@pytest.mark.parametrize("where", ["http", "file"])
def test_progress_survives_a_restart_of_firefox(launch, walked_site, site, tmp_path, where):
    engine, profile = "firefox", tmp_path / "profile"
    driver = launch(engine, profile)
    base = walked_site[where]
    _, lesson = pass_a_lesson(driver, base, site)
    driver.quit()
    driver = launch(engine, profile)
    total = lesson_count(site)
    progress_counts(driver, base, total)
    ready(driver, base + lesson["url"])
    shows(driver, "[data-hvs-lesson-done]", DONE)


@pytest.mark.parametrize("where", ["http", "file"])
def test_progress_survives_a_restart_of_chromium(browser, walked_site, site, tmp_path, where):
    """The same in Chromium, started twice on one profile folder (as a phone's browser is)."""
    from playwright.sync_api import expect

    base, profile = walked_site[where], tmp_path / "profile"
    module, lesson, _ = lesson_of_choice_questions(site)
    total = lesson_count(site)
    for run in ("before", "after"):
        guard = Guard()
        context = browser.browser_type.launch_persistent_context(
            profile, **engines.chromium_launch_options(), **phone_options(390, service_workers="block"))
        guard.attach(context)
        page = context.pages[0] if context.pages else context.new_page()
        try:
            if run == "before":
                page.goto(base + lesson["url"])
                quiz = page.locator(f'.hvs-quiz[data-quiz="{lesson["quiz"]}"]')
                for question, (correct, *_rest) in answer_keys(site / lesson["url"])[lesson["quiz"]].items():
                    form = quiz.locator(f'.hvs-q[data-q="{question}"]')
                    for index in correct:
                        form.locator(".hvs-opt").nth(index).tap()
                    form.get_by_role("button", name="Kiểm tra").tap()
                    expect(form.locator(".hvs-result")).to_contain_text(RIGHT)
                expect(page.locator("[data-hvs-lesson-done]")).to_contain_text(DONE)
                # Another page of the same browser counts it before the browser is closed: if the
                # count is ever lost, this tells a page refused its storage (0 here) from a browser
                # that did not keep it on disk (1 here, 0 after the restart). Seen once in ~40 runs.
                other = context.new_page()
                other.goto(base + "tien-do.html")
                expect(other.locator("[data-hvs-progress='']")).to_contain_text(f"Cả khoá học: 1/{total} bài")
            else:
                page.goto(base + "tien-do.html")
                expect(page.locator("[data-hvs-progress='']")).to_contain_text(f"Cả khoá học: 1/{total} bài")
        finally:
            context.close()
        assert guard.problems == [], "\n".join(guard.problems)


# ---- Vietnamese letters in one font ----
# WebKitGTK picks fonts through fontconfig: the first family of the list that fontconfig has, by
# that name or as a metric-compatible stand-in (Helvetica is drawn with Nimbus Sans here); letters
# that font lacks come from another font, in the middle of a word. system-ui is the desktop's font.
GENERIC = {"system-ui": "sans-serif", "sans-serif": "sans-serif", "serif": "serif", "monospace": "monospace"}
METRIC_STAND_INS = {"helvetica", "arial", "times", "times new roman", "courier", "courier new"}


def fc(command: str, *args: str) -> str:
    """fontconfig's own answer: `fc("fc-match", ...)` or `fc("fc-list", ...)`."""
    import subprocess
    return subprocess.run([command, *args], capture_output=True, text=True).stdout


def font_drawn(families: str) -> str:
    """The font fontconfig gives WebKit for a CSS font-family list."""
    for family in (name.strip().strip('"\'') for name in families.split(",")):
        if family.lower() in GENERIC:
            return fc("fc-match", "-f", "%{family[0]}", GENERIC[family.lower()])
        found = fc("fc-match", "-f", "%{family}", family)
        if family.lower() in [name.lower() for name in found.split(",")] or family.lower() in METRIC_STAND_INS:
            return found.split(",")[0]
    return fc("fc-match", "-f", "%{family[0]}", "sans-serif")


def letters_missing(font: str, text: str) -> str:
    return "".join(letter for letter in sorted(set(text)) if ord(letter) > 127 and not
                   fc("fc-list", f":family={font}:charset={ord(letter):x}", "family").strip())


def test_every_heading_is_drawn_in_one_font_in_webkit(launch, walked_site, site):
    if not shutil.which("fc-match"):
        pytest.skip("fontconfig's fc-match is missing")
    driver = launch("webkit")
    seen, problems = 0, []
    for module in course_map(site)["modules"]:
        ready(driver, walked_site["http"] + module["lessons"][0]["url"])
        for family, text in driver.execute_script("""return Array.from(document.querySelectorAll(
                '.md-typeset h1, .md-typeset h2, .md-typeset h3, .md-header__topic .md-ellipsis'))
                .map(h => [getComputedStyle(h).fontFamily, h.textContent.trim()]);"""):
            seen += 1
            font = font_drawn(family)
            missing = letters_missing(font, text)
            if missing:
                problems.append(f"“{text}”: {font} (from {family}) lacks {missing}")
    assert seen > 30
    assert problems == [], "\n".join(problems[:10])


# ---- WebKit restarted on one data folder (WebKitGTK through the system's Python) ----
SYSTEM_PYTHON = "/usr/bin/python3"
PASS_BY_SCRIPT = """(function (key) {
  if (!window.hvs || document.readyState !== "complete") return null;
  var quiz = document.querySelector('.hvs-quiz[data-quiz="' + key.quiz + '"]');
  if (!window.__hvsAnswered) {
    window.__hvsAnswered = true;
    Object.keys(key.answers).forEach(function (question) {
      var form = quiz.querySelector('.hvs-q[data-q="' + question + '"]');
      key.answers[question].forEach(function (index) { form.querySelectorAll(".hvs-opt input")[index].click(); });
      form.querySelector(".hvs-check").click();
    });
  }
  var done = document.querySelector("[data-hvs-lesson-done]");
  return done ? done.textContent : null;
})(%s)"""
COURSE_BAR = """(function () {
  var bar = document.querySelector("[data-hvs-progress='']");
  return bar && bar.textContent.indexOf("Cả khoá học") >= 0 ? bar.textContent : null;
})()"""


def webkit_gi_missing() -> str | None:
    import subprocess
    probe = "import gi; gi.require_version('WebKit2', '4.1'); from gi.repository import WebKit2"
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run([SYSTEM_PYTHON, "-c", probe], capture_output=True).returncode:
        return "WebKitGTK for Python is missing: sudo apt install python3-gi gir1.2-webkit2-4.1"
    return engines.missing("webkit")


def webkit_run(display, profile: Path, url: str, script: str) -> str:
    import subprocess
    source = profile.parent / "script.js"
    source.write_text(script, encoding="utf-8")
    result = subprocess.run([SYSTEM_PYTHON, str(Path(__file__).parent.parent / "webkit_profile.py"), str(profile), url, str(source), "45"],
                            capture_output=True, text=True, timeout=120, env={**os.environ, "DISPLAY": display.name})
    assert result.returncode == 0, f"{url}: {result.stderr[-2000:]}"
    return result.stdout.strip()


@pytest.mark.parametrize("where", ["http", "file"])
def test_progress_survives_a_restart_of_webkit(display, walked_site, site, tmp_path, where):
    why = webkit_gi_missing()
    if why:
        pytest.skip(f"webkit: {why}")
    import json
    base = walked_site[where]
    _, lesson, _ = lesson_of_choice_questions(site)
    key = {"quiz": lesson["quiz"], "answers": {question: entry[0] for question, entry in answer_keys(site / lesson["url"])[lesson["quiz"]].items()}}
    total = lesson_count(site)
    profile = tmp_path / "profile"
    assert DONE in webkit_run(display, profile, base + lesson["url"], PASS_BY_SCRIPT % json.dumps(key))
    assert f"Cả khoá học: 1/{total} bài" in webkit_run(display, profile, base + "tien-do.html", COURSE_BAR)
    # The count came from the data folder: a browser started on another one has nothing.
    assert f"Cả khoá học: 0/{total} bài" in webkit_run(display, tmp_path / "other", base + "tien-do.html", COURSE_BAR)
