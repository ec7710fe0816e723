"""Shared fixtures: the built site, a local web server under a sub-path, and a guarded Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from engines import chromium_launch_options

ROOT = Path(__file__).resolve().parent.parent
SUB_PATH = "/khoa-hoc/tinh-mau/"  # sites often live under a sub-path (GitHub Pages, a province's host)
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(config: Path, site_dir: Path, strict: bool = True) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    return subprocess.run(command, capture_output=True, text=True, env=BUILD_ENV, cwd=config.parent)


def copy_course(folder: Path) -> Path:
    """The real course's lessons and the data files every build reads (facts, glossary) in `folder`,
    for a test to change before building; the guide's sample media come along (pytest_configure)."""
    shutil.copytree(ROOT / "content", folder / "content")
    for name in ("facts.yml", "glossary.yml"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, folder / name)
    return folder


def write_child_config(folder: Path, extra: str = "") -> Path:
    """A config beside a content/ folder of its own, inheriting the project's settings.

    INHERIT keeps paths relative to the child, so hooks and overrides are given absolutely.
    """
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        "docs_dir: content\n"
        f"hooks:\n  - {ROOT / 'hooks' / 'hocvuso_hooks.py'}\n"
        f"theme:\n  custom_dir: {ROOT / 'overrides'}\n" + extra,
        encoding="utf-8",
    )
    return config


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real course, built once with --strict."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT / "mkdocs.yml", site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def zim_edition(tmp_path_factory) -> tuple[Path, Path]:
    """The course as one ZIM file, made once by `hocvuso zim`: (the .zim, the site it packed)."""
    folder = tmp_path_factory.mktemp("zim")
    zim_file, site_dir = folder / "khoa-hoc.zim", folder / "site"
    result = subprocess.run([sys.executable, "-m", "hocvuso.cli", "zim", "--output", str(zim_file), "--site-dir", str(site_dir)],
                            capture_output=True, text=True, env=BUILD_ENV, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    return zim_file, site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # The browser closing a connection mid-response (a page left before a file finished) is
        # not a failure of the site; anything else is still printed.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


# Every server a test starts serves until the session ends. A page outlives its test's server
# when its fixture was set up first (pytest tears down in reverse), and a file it asks for late
# (a script on idle, a prefetch) was then answered by a closed socket: net::ERR_CONNECTION_RESET
# in a page that did nothing wrong. Their folders stay until the session ends too. The same holds
# for a server a test runs as a process (kiwix-serve): `stop_at_session_end`.
_STOPPING: list = []


def stop_at_session_end(stop) -> None:
    """Calls stop() when the test session ends, after every page is closed."""
    _STOPPING.append(stop)


def serve(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stop_at_session_end(lambda: (server.shutdown(), server.server_close()))
    return server


def pytest_configure(config):
    """The writers' guide's sample media (content/huong-dan-video.md), as `make` makes them before a
    build: a fresh clone has none (never committed), and the real course's builds need them."""
    import media_samples

    media_samples.guide_samples(ROOT)


def pytest_sessionfinish(session, exitstatus):
    for stop in _STOPPING:
        stop()


@pytest.fixture(scope="session")
def site_url(site, tmp_path_factory) -> str:
    """The site served over http under a sub-path."""
    root = tmp_path_factory.mktemp("www")
    mount = root / SUB_PATH.strip("/")
    mount.parent.mkdir(parents=True)
    shutil.copytree(site, mount)
    server = serve(root)
    return f"http://127.0.0.1:{server.server_port}{SUB_PATH}"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**chromium_launch_options())
        yield browser
        browser.close()


# Installed in every page and frame before any of its scripts: each security policy violation
# (issue #30) is handed to the guard at once, through a binding the guard exposes. It touches no
# storage (an init script that did once lost answers).
VIOLATION_LISTENER = """document.addEventListener("securitypolicyviolation", function (event) {
  window.__hvsPolicyViolation(event.violatedDirective + " blocked " + (event.blockedURI || "?") +
    " at " + event.documentURI + " (" + event.sourceFile + ":" + event.lineNumber + ")");
});"""


class Guard:
    """Fails a test on any console error, page error, security policy violation, or request to another host."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def attach(self, context) -> None:
        context.route("**/*", self._route)
        self.watch_policy(context)
        context.on("page", self._watch)

    def watch_policy(self, context) -> None:
        """Only the security policy: for a context that watches its console and requests itself."""
        context.expose_binding("__hvsPolicyViolation", lambda source, text: self.problems.append(f"policy violation: {text}"))
        context.add_init_script(VIOLATION_LISTENER)

    def _watch(self, page) -> None:
        page.on("console", lambda message: message.type == "error" and self.problems.append(f"console: {message.text}"))
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def _route(self, route) -> None:
        url = urlparse(route.request.url)
        if url.scheme in ("file", "data", "blob") or url.hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.problems.append(f"request to another host: {route.request.url}")
            route.abort()


# Resolves once the page has been still for three animation frames in a row: no CSS transition or
# animation running or about to start (one in its delay counts as running), and the fonts loaded.
# Resolves to null, or to a description of what still moves after the timeout, or of an endless
# animation, which never settles. document.getAnimations() brings styles up to date first, so a
# transition that a click has just set off is seen.
_STILL = """async timeout => {
    const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
    const describe = animation => {
        const target = animation.effect && animation.effect.target;
        const what = animation.transitionProperty || animation.animationName || animation.id || "animation";
        return what + " on " + (target ? target.tagName.toLowerCase() + (target.id ? "#" + target.id : "") +
            (typeof target.className === "string" && target.className ? "." + target.className.trim().split(/\\s+/).join(".") : "") : "?");
    };
    await document.fonts.ready;
    const deadline = performance.now() + timeout;
    for (let still = 0; still < 3;) {
        await frame();
        const moving = document.getAnimations().filter(a => a.pending || a.playState === "running");
        const endless = moving.filter(a => a.effect && a.effect.getComputedTiming().endTime === Infinity);
        if (endless.length) return "never still: " + endless.map(describe).join(", ");
        if (moving.length && performance.now() > deadline) return "still moving: " + moving.map(describe).join(", ");
        still = moving.length ? 0 : still + 1;
    }
    return null;
}"""


def wait_until_still(page, timeout_ms: float = 10_000) -> None:
    """Waits for the page a learner sees once everything has settled: transitions finished (colours,
    opacity, positions are the final ones) and fonts loaded. Every axe check and every screenshot
    or computed colour that a test compares goes through here, never through a fixed sleep."""
    moving = page.evaluate(_STILL, timeout_ms)
    assert moving is None, moving


WCAG_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
             "resultTypes": ["violations"]}


def axe_report(page, options: dict | None = None) -> str:
    """axe-core's report on the page once it is still ("" when there is no violation): colours
    measured mid-transition are neither the learner's nor stable from one run to the next."""
    from axe_playwright_python.sync_playwright import Axe

    wait_until_still(page)
    result = Axe().run(page, options=options or WCAG_A_AA)
    return "" if result.violations_count == 0 else result.generate_report()


# Phones as learners hold them, under Chromium's mobile emulation: the meta viewport honoured as
# on Android, touch, the device pixel ratio, a mobile user agent. A narrow desktop window honours
# none of these, and hid a search box three times wider than the screen (issue #26).
ANDROID_CHROME = ("Mozilla/5.0 (Linux; Android 12; K) AppleWebKit/537.36 (KHTML, like Gecko) "
                  "Chrome/130.0.0.0 Mobile Safari/537.36")
PHONES = {
    320: {"viewport": {"width": 320, "height": 640}, "screen": {"width": 320, "height": 712},
          "device_scale_factor": 1.5},  # an Android Go phone, 480 x 1068 pixels
    360: {"viewport": {"width": 360, "height": 740}, "screen": {"width": 360, "height": 800},
          "device_scale_factor": 2},  # the commonest Android width, 720 x 1600 pixels
    390: {"viewport": {"width": 390, "height": 844}, "screen": {"width": 390, "height": 844},
          "device_scale_factor": 3},  # a 1170 x 2532 phone
}


def phone_options(width: int = 390, **options) -> dict:
    """new_context() options for a phone `width` CSS pixels wide; `options` add or override."""
    return {**PHONES[width], "is_mobile": True, "has_touch": True, "user_agent": ANDROID_CHROME,
            "locale": "vi-VN", **options}


@pytest.fixture
def guarded_page(browser):
    """guarded_page(**context_options) -> a new page in a guarded context of its own; every context
    is closed at the end of the test, which fails on script errors or outside requests."""
    opened = []

    def open_page(**options):
        guard = Guard()
        context = browser.new_context(**options)
        guard.attach(context)
        opened.append((context, guard))
        return context.new_page()

    yield open_page
    for context, guard in opened:
        context.close()
    assert [problem for _, guard in opened for problem in guard.problems] == []


@pytest.fixture
def phone_page(guarded_page):
    """phone_page(width=390, **options) -> a new page in a guarded phone context of its own."""
    return lambda width=390, **options: guarded_page(**phone_options(width, **options))


@pytest.fixture
def context(browser, request):
    """A guarded phone context; a test module that provokes a console line on purpose names its
    pattern in EXPECTED_PROBLEMS (every other problem still fails the test)."""
    expected = getattr(request.module, "EXPECTED_PROBLEMS", ())
    guard = Guard()
    context = browser.new_context(**phone_options(390))
    guard.attach(context)
    yield context
    context.close()
    problems = [problem for problem in guard.problems if not any(pattern.match(problem) for pattern in expected)]
    assert problems == [], "\n".join(problems)


@pytest.fixture
def page(context):
    return context.new_page()
