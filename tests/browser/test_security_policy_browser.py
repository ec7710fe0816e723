"""A script forced into a built page past the check does not run (issue #30): the page's Content
Security Policy refuses it, in Chromium, WebKit and Firefox, over http under a sub-path and from
file:// (a USB stick).

The script reaches a lesson's content three ways: an inline <script>, an on* attribute, a
javascript: link the learner taps; the page's policy is then made as the build makes it, from the
page with the payloads in it and its content (so a script that slipped into the lesson before the
build wrote the page gets no hash). A copy of the same pages with the policy taken out runs all three: the payloads are live, and only the policy stops them (so these tests
fail when the build stops writing the policy). Every page of the site starts with the error
catcher of tests/engines.py, which records policy violations too: WebDriver returns no console.
"""

from __future__ import annotations

import re
import time

import pytest

import engines
from engines import display, launch  # noqa: F401  (fixtures)
from conftest import SUB_PATH, serve
from hocvuso.publish.security_policy import with_policy

pytestmark = pytest.mark.browser
LESSON = "phong-chong-lua-dao/01-cuoc-goi-lua-dao.html"
WAIT_S = 30
# Each payload marks the page when it runs: an attribute on <html>, read by every driver.
FORCED = """<div id="hvs-forced">
<script>document.documentElement.setAttribute("data-forced-inline", "ran")</script>
<img alt="" src="data:," onerror="document.documentElement.setAttribute('data-forced-handler', 'ran')">
<a id="hvs-forced-link" href="javascript:document.documentElement.setAttribute('data-forced-link','ran')">Bấm vào đây</a>
</div>"""
POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
# What ran, and what the catcher recorded, once the page has loaded (an image's error handler
# runs before the load event).
STATE = """return (function () {
  var root = document.documentElement;
  return {ready: document.readyState === "complete", course: !!window.hvs, inline: root.getAttribute("data-forced-inline"),
          handler: root.getAttribute("data-forced-handler"), link: root.getAttribute("data-forced-link"),
          caught: window.__hvsTestErrors ? window.__hvsTestErrors() : null};
})();"""


def forced_copy(site, into, keep_policy: bool):
    """A copy of the site with the error catcher in every page and the payloads in one lesson's
    content (as if the check had missed them), its policy made again as the build makes it from
    the page and its content, or taken out."""
    caught = engines.caught_site(site, into)
    lesson = caught / LESSON
    html = POLICY_META.sub("", lesson.read_text(encoding="utf-8")).replace('<meta name="referrer" content="no-referrer">', "")
    at = html.index("</h1>") + len("</h1>")
    html = html[:at] + FORCED + html[at:]
    if keep_policy:
        html = with_policy(html, content=FORCED)
    lesson.write_text(html, encoding="utf-8")
    return caught


@pytest.fixture(scope="module")
def forced(site, tmp_path_factory) -> dict:
    """Two copies, "policy" (as built) and "none" (the policy taken out), each over http and file://."""
    root = tmp_path_factory.mktemp("forced")
    server = serve(root / "www")
    urls = {}
    for name in ("policy", "none"):
        copy = forced_copy(site, root / "www" / name / SUB_PATH.strip("/"), keep_policy=name == "policy")
        urls[name] = {"http": f"http://127.0.0.1:{server.server_port}/{name}{SUB_PATH}{LESSON}", "file": copy.as_uri() + "/" + LESSON}
    return urls


def until(read, condition, what: str):
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        state = read()
        if condition(state):
            return state
        time.sleep(0.05)
    pytest.fail(f"{what}: never came within {WAIT_S} s ({state})")


def walk(read, tap_link, policy: bool) -> dict:
    """Opens the page (done by the caller), taps the javascript: link, and returns what ran."""
    until(read, lambda s: s["ready"] and s["course"], "the page loaded and the course's own scripts run")
    tap_link()
    if policy:
        # The tap was refused: the browser says so with a violation (the third, after the inline
        # script's and the handler's), and nothing after it can run the link any more.
        state = until(read, lambda s: len([p for p in s["caught"] if "policy violation" in p]) >= 3,
                      "a policy violation for each of the three payloads")
    else:
        state = until(read, lambda s: s["link"] == "ran", "the javascript: link run without the policy")
    return state


def expect_outcome(state: dict, policy: bool) -> None:
    ran = {name: state[name] for name in ("inline", "handler", "link")}
    if policy:
        assert ran == {"inline": None, "handler": None, "link": None}, state
        # Refused: the three inline payloads, and nothing of the site's own (its files load from
        # file:// too: 'self' matches the site's sibling files in all three engines).
        assert len(state["caught"]) == 3 and all("policy violation" in p and "blocked inline" in p for p in state["caught"]), state["caught"]
    else:
        assert ran == {"inline": "ran", "handler": "ran", "link": "ran"}, state  # the payloads are live


@pytest.mark.parametrize("policy", [True, False], ids=["policy", "policy-removed"])
@pytest.mark.parametrize("where", ["http", "file"])
def test_a_forced_script_does_not_run_in_chromium(browser, forced, where, policy):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(forced["policy" if policy else "none"][where])
        state = walk(lambda: page.evaluate("() => { " + STATE + " }"),
                     lambda: page.locator("#hvs-forced-link").click(), policy)
    finally:
        context.close()
    expect_outcome(state, policy)


@pytest.mark.parametrize("policy", [True, False], ids=["policy", "policy-removed"])
@pytest.mark.parametrize("where", ["http", "file"])
@pytest.mark.parametrize("engine", ["webkit", "firefox"])
def test_a_forced_script_does_not_run_in_webkit_and_firefox(launch, forced, engine, where, policy):
    driver = launch(engine)
    driver.get(forced["policy" if policy else "none"][where])

    def tap_link():
        link = driver.find_element("css selector", "#hvs-forced-link")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
        link.click()

    state = walk(lambda: driver.execute_script(STATE), tap_link, policy)
    expect_outcome(state, policy)
