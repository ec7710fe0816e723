#!/usr/bin/env python3
"""Is a saved answer still there after a reload? A harness for issue #26, item 2.

    .venv/bin/python tools/storage-harness.py --runs 60 --scheme file [--load] [--variants set,set-noinit]

Opens the lesson of the site's longest matching question (the page of
tests/browser/test_learner_phone_browser.py::test_the_longest_matching_question_by_touch_from_a_usb_stick)
in fresh Playwright contexts set up as that test's `phone` fixture set them up when it failed (a
new, in-memory browser context, 320 px with touch, service workers blocked, the Guard's routing,
and the init script that wrote the "largest text" choice into localStorage), saves the quiz's
answers, checks they are there, reloads, and counts the runs where they are gone. Each variant
changes one thing:

  test        as the test was: the right choice of every row tapped, "Kiểm tra" tapped, reload
  test-fixed  as the test is now: no init script; the fixture saves the text size from the loaded
              page and loads it again, then the same steps
  set         hvs.storage.set (the call quiz.js makes) of the same state, then reload at once
  set-wait    as set, then wait until another page of the same context reads the value (the write
              has reached the browser's storage), then reload
  set-goto    as set, then page.goto(the same URL) instead of reload
  set-reused  as set, one context for every run (a new page each run)
  set-noinit  as set, without the init script
  idb         as set (init script on), the value also put in IndexedDB (awaiting the transaction's
              complete event) before the reload: losses of each store after it
  probe       no saving, no reload: is a page's localStorage connected at all? A page loaded with
              the init script (added to that page only) waits up to 1 s for a value another page of
              the context (no init script) writes; "lost" counts the pages that never see it
  probe-noinit  the same without the init script

For the other variants, a lost run is then told apart: "blind" when another page of the context still reads the value
(the browser has it; the reloaded page's localStorage does not see it), "never saved" when no page
does (the write never left the first page). Unless --no-idb-timing, the cost of one
write is measured for localStorage.setItem and for an IndexedDB put awaited to `complete`, in an
in-memory context (as the tests) and in an on-disk profile (as a learner's browser).

Bounded: at most 300 runs a variant, and --budget seconds (default 540) for the whole run, shared
by the variants; with --load, stress-ng --cpu 2 runs beside it with a --timeout, and is stopped.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import BUILD_ENV, SUB_PATH, Guard, phone_options, serve  # noqa: E402
from engines import chromium_launch_options  # noqa: E402
from learner import LARGEST_TEXT, RIGHT, SAVE  # noqa: E402
from site_reading import longest_matching  # noqa: E402

VARIANTS = ["test", "test-fixed", "set", "set-wait", "set-goto", "set-reused", "set-noinit", "idb", "probe", "probe-noinit"]
MAX_RUNS = 300
# The phone fixture's init script before the fix: the largest text written into localStorage as
# each document is created, if missing.
INIT_SCRIPT = """try {
  if (!localStorage.getItem("hocvuso:reading")) localStorage.setItem("hocvuso:reading", JSON.stringify({size: 2}));
} catch (e) {}"""

IDB_PUT = """async ([name, value]) => {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore("kv");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  await new Promise((resolve, reject) => {
    const tx = db.transaction("kv", "readwrite");
    tx.objectStore("kv").put(value, "state");
    tx.oncomplete = resolve;
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
  db.close();
}"""
IDB_GET = """async name => {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore("kv");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const value = await new Promise((resolve, reject) => {
    const request = db.transaction("kv").objectStore("kv").get("state");
    request.onsuccess = () => resolve(request.result === undefined ? null : request.result);
    request.onerror = () => reject(request.error);
  });
  db.close();
  return value;
}"""
# Milliseconds per write, n writes of a quiz-sized value each way: localStorage.setItem (returns
# when the page's own copy has it), and an IndexedDB readwrite transaction awaited to `complete`.
WRITE_COST = """async ([n, value]) => {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open("hvs-harness-cost", 1);
    request.onupgradeneeded = () => request.result.createObjectStore("kv");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  // performance.now() is coarse (0.1 ms) on a page that is not cross-origin isolated: n writes timed together.
  let start = performance.now();
  for (let i = 0; i < n; i++) localStorage.setItem("hvs-harness:cost", value + i);
  const local = (performance.now() - start) / n;
  const idb = [];
  for (let i = 0; i < n; i++) {
    start = performance.now();
    await new Promise((resolve, reject) => {
      const tx = db.transaction("kv", "readwrite");
      tx.objectStore("kv").put(value + i, "cost");
      tx.oncomplete = resolve;
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
    idb.push(performance.now() - start);
  }
  db.close();
  localStorage.removeItem("hvs-harness:cost");
  return {n, local, idb};
}"""


class Lesson:
    """The page, quiz and matching question of the test, and where to open it."""

    def __init__(self, site: Path, scheme: str):
        longest = longest_matching(site)
        self.path, self.quiz, self.question, self.right = longest.path, longest.quiz, longest.question, longest.right
        self.key = "hocvuso:quiz:" + self.quiz
        self.server = None
        if scheme == "file":
            self.url = (site / self.path).as_uri()
        else:  # as the site_url fixture: under a sub-path, from a copy
            self.www = Path(tempfile.mkdtemp(prefix="storage-harness-www-"))
            mount = self.www / SUB_PATH.strip("/")
            mount.parent.mkdir(parents=True)
            shutil.copytree(site, mount)
            self.server = serve(self.www)
            self.url = f"http://127.0.0.1:{self.server.server_port}{SUB_PATH}{self.path}"

    def state(self, run: int) -> str:
        """The quiz's saved state once passed, as quiz.js writes it; `n` makes each run's value its own."""
        return json.dumps({"q": {self.question: {"a": self.right, "done": True, "ok": True}}, "n": run},
                          separators=(",", ":"))

    def close(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            shutil.rmtree(self.www, ignore_errors=True)


def new_context(browser, *, init: bool, guards: list):
    """As the phone fixture's open_page(320, touch=True)."""
    context = browser.new_context(**phone_options(320, service_workers="block"))
    guard = Guard()
    guard.attach(context)
    guards.append(guard)
    if init:
        context.add_init_script(INIT_SCRIPT)
    return context


def read(page, key: str):
    return page.evaluate("key => localStorage.getItem(key)", key)


def browser_has(context, url: str, key: str, value: str, tries: int = 3, wait_ms: int = 1000) -> bool:
    """Whether the browser's storage holds value: another page of the context reads it. A page may
    itself not see storage (the cause this harness found): up to `tries` pages are asked."""
    for _ in range(tries):
        peer = context.new_page()
        try:
            peer.goto(url)
            peer.wait_for_function("([key, value]) => localStorage.getItem(key) === value", arg=[key, value],
                                   timeout=wait_ms)
            return True
        except Exception:
            pass
        finally:
            peer.close()
    return False


def save_by_touch(page, lesson: Lesson) -> None:
    """The test's steps, shortened: the right choice of every row, then "Kiểm tra"."""
    from playwright.sync_api import expect

    form = page.locator(f'.hvs-quiz[data-quiz="{lesson.quiz}"] .hvs-q[data-q="{lesson.question}"]')
    for row, group in enumerate(form.locator(".hvs-pair").all()):
        group.locator(".hvs-opt > span").nth(lesson.right[row]).tap()
    form.get_by_role("button", name="Kiểm tra").tap()
    expect(form.locator(".hvs-result")).to_contain_text(RIGHT)


def shown_as_right(page, lesson: Lesson) -> bool:
    """What the learner sees after the reload (restored on the page's load, which reload() waits for)."""
    text = page.locator(f'.hvs-quiz[data-quiz="{lesson.quiz}"] .hvs-q[data-q="{lesson.question}"] .hvs-result')
    return RIGHT in (text.text_content() or "")


def probe_run(browser, variant: str, lesson: Lesson, run: int, guards: list) -> dict:
    """Whether a freshly loaded page's localStorage sees another page's write."""
    context = new_context(browser, init=False, guards=guards)
    try:
        peer = context.new_page()
        peer.goto(lesson.url)
        page = context.new_page()
        if variant == "probe":
            page.add_init_script(INIT_SCRIPT)
        page.goto(lesson.url)
        token = f"probe {run}"
        peer.evaluate("token => localStorage.setItem('hvs-harness:probe', token)", token)
        try:
            page.wait_for_function("token => localStorage.getItem('hvs-harness:probe') === token", arg=token,
                                   timeout=1000)
            seen = True
        except Exception:
            seen = False
        return {"lost": not seen, "blind": not seen, "idb_lost": None,
                "keys": None if seen else page.evaluate("() => Object.keys(localStorage)")}
    finally:
        context.close()


def one_run(browser, variant: str, lesson: Lesson, run: int, shared: dict, guards: list) -> dict:
    """One run; returns {'lost': bool, 'blind': bool|None, 'idb_lost': bool|None}."""
    if variant.startswith("probe"):
        return probe_run(browser, variant, lesson, run, guards)
    result = {"lost": False, "blind": None, "idb_lost": None}
    init = variant not in ("set-noinit", "test-fixed")
    if variant == "set-reused":
        if "context" not in shared:
            shared["context"] = new_context(browser, init=True, guards=guards)
        context = shared["context"]
    else:
        context = new_context(browser, init=init, guards=guards)
    page = context.new_page()
    try:
        page.goto(lesson.url)
        if variant == "test-fixed":  # as the fixed phone fixture: the text size saved from the loaded page
            page.evaluate(SAVE, LARGEST_TEXT)
            page.reload()
            assert "hvs-size-2" in (page.get_attribute("html", "class") or "")
        if variant in ("test", "test-fixed"):
            save_by_touch(page, lesson)
            value = read(page, lesson.key)
            assert value and '"done":true' in value, value
        else:
            value = lesson.state(run)
            page.evaluate("([key, value]) => hvs.storage.set(key, JSON.parse(value))", [lesson.key, value])
            assert read(page, lesson.key) == value
        if variant == "idb":
            page.evaluate(IDB_PUT, ["hvs-harness", value])
        if variant == "set-wait":
            result["waited"] = browser_has(context, lesson.url, lesson.key, value)
        if variant == "set-goto":
            page.goto(lesson.url)
        else:
            page.reload()
        after = read(page, lesson.key)
        result["lost"] = after != value
        if variant in ("test", "test-fixed"):
            result["lost"] = result["lost"] or not shown_as_right(page, lesson)
        if variant == "idb":
            result["idb_lost"] = page.evaluate(IDB_GET, "hvs-harness") != value
        if result["lost"]:
            result["blind"] = browser_has(context, lesson.url, lesson.key, value)
            result["keys"] = page.evaluate("() => Object.keys(localStorage)")
    finally:
        if variant == "set-reused":
            page.close()
        else:
            context.close()
    return result


def run_variant(browser, variant: str, lesson: Lesson, runs: int, seconds: float) -> dict:
    guards: list = []
    shared: dict = {}
    done = lost = blind = never = idb_lost = errors = not_waited = 0
    examples = []
    start = time.monotonic()
    try:
        for run in range(runs):
            if time.monotonic() - start > seconds:
                break
            try:
                result = one_run(browser, variant, lesson, run, shared, guards)
            except Exception as error:  # a run that could not save at all is not a loss: counted apart
                errors += 1
                if len(examples) < 3:
                    examples.append(f"error: {str(error).splitlines()[0][:160]}")
                continue
            done += 1
            if result.get("waited") is False:
                not_waited += 1
            if result["lost"]:
                lost += 1
                blind += bool(result["blind"])
                never += not result["blind"]
                if len(examples) < 3:
                    examples.append(f"run {run}: localStorage then held {result.get('keys')}")
            if result["idb_lost"]:
                idb_lost += 1
    finally:
        if "context" in shared:
            shared["context"].close()
    problems = [problem for guard in guards for problem in guard.problems]
    return {"variant": variant, "runs": done, "lost": lost, "blind": blind, "never": never, "idb_lost": idb_lost,
            "errors": errors, "not_waited": not_waited, "seconds": time.monotonic() - start,
            "problems": problems, "examples": examples}


def write_cost(playwright, browser, url: str, writes: int = 200) -> list[tuple[str, dict]]:
    """localStorage vs IndexedDB, ms per write: in an in-memory context and in an on-disk profile."""
    value = json.dumps({"q": {f"q{i}": {"a": [1, 0, 2, 3], "done": True, "ok": True} for i in range(6)}})
    found = []
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(url)
    found.append(("in-memory context (as the tests)", page.evaluate(WRITE_COST, [writes, value])))
    context.close()
    profile = tempfile.mkdtemp(prefix="storage-harness-profile-")
    try:
        persistent = playwright.chromium.launch_persistent_context(profile, **chromium_launch_options(), service_workers="block")
        page = persistent.new_page()
        page.goto(url)
        found.append(("on-disk profile (as a learner's)", page.evaluate(WRITE_COST, [writes, value])))
        persistent.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return found


def site_dir(path: Path, rebuild: bool) -> Path:
    if rebuild or not (path / "index.html").exists():
        print(f"building the site into {path} ...", flush=True)
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(path)],
                                cwd=ROOT, env=BUILD_ENV, capture_output=True, text=True)
        if result.returncode:
            sys.exit(result.stderr)
    return path


def start_load(seconds: int):
    if not shutil.which("stress-ng"):
        sys.exit("--load needs stress-ng (apt-get install -y stress-ng)")
    return subprocess.Popen(["stress-ng", "--cpu", "2", "--timeout", f"{seconds}s", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def ms(values: list[float]) -> str:
    ordered = sorted(values)
    return f"median {statistics.median(ordered):.3f}, p95 {ordered[int(len(ordered) * 0.95) - 1]:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=60, help=f"runs a variant (at most {MAX_RUNS})")
    parser.add_argument("--scheme", choices=["file", "http"], default="file")
    parser.add_argument("--load", action="store_true", help="run stress-ng --cpu 2 beside it")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated, of: " + ", ".join(VARIANTS))
    parser.add_argument("--budget", type=float, default=540, help="seconds for every variant together")
    parser.add_argument("--site", type=Path, default=Path("/tmp/storage-site"), help="a built site (built if missing)")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--no-idb-timing", dest="idb_timing", action="store_false")
    args = parser.parse_args()
    variants = [name.strip() for name in args.variants.split(",") if name.strip()]
    unknown = set(variants) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variants: {', '.join(sorted(unknown))}")
    runs = max(1, min(args.runs, MAX_RUNS))

    from playwright.sync_api import sync_playwright

    site = site_dir(args.site, args.rebuild)
    lesson = Lesson(site, args.scheme)
    load = start_load(int(args.budget) + 60) if args.load else None
    rows, costs = [], []
    started = time.monotonic()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**chromium_launch_options())
            print(f"{browser.version}, {args.scheme}, {'under stress-ng --cpu 2' if load else 'no added load'}: "
                  f"{lesson.url}", flush=True)
            for index, variant in enumerate(variants):
                left = args.budget - (time.monotonic() - started)
                share = left / (len(variants) - index)
                row = run_variant(browser, variant, lesson, runs, share)
                rows.append(row)
                print(f"  {variant}: {row['runs']} runs, {row['lost']} lost ({row['seconds']:.0f} s)", flush=True)
            if args.idb_timing:
                costs = write_cost(playwright, browser, lesson.url)
            browser.close()
    finally:
        if load:
            load.terminate()
            load.wait(timeout=30)
        lesson.close()

    print()
    print(f"{'variant':<11} {'runs':>5} {'lost':>5} {'lost %':>7} {'blind':>6} {'never':>6} {'idb lost':>9} "
          f"{'errors':>7} {'s/run':>6}")
    for row in rows:
        share = 100 * row["lost"] / row["runs"] if row["runs"] else 0
        idb = str(row["idb_lost"]) if row["variant"] == "idb" else "-"
        print(f"{row['variant']:<11} {row['runs']:>5} {row['lost']:>5} {share:>6.1f}% {row['blind']:>6} "
              f"{row['never']:>6} {idb:>9} {row['errors']:>7} {row['seconds'] / max(row['runs'], 1):>6.2f}")
    print("  lost: the value was gone after the reload (test*: or the quiz not shown as right);"
          " probe*: the page never saw the other page's write")
    print("  blind: another page of the context still read it; never: no page did (the write never left the page)")
    for row in rows:
        notes = row["examples"][:2]
        if row["not_waited"]:
            notes.append(f"{row['not_waited']} runs where no other page read the value before the reload")
        if row["problems"]:
            notes.append(f"{len(row['problems'])} guard problems, e.g. {row['problems'][0][:120]}")
        for note in notes:
            print(f"  {row['variant']}: {note}")
    for where, cost in costs:
        print(f"write cost, {where}, ms per write over {cost['n']} writes: localStorage.setItem "
              f"mean {cost['local']:.4f}; IndexedDB put awaited to `complete` mean {statistics.mean(cost['idb']):.3f}, "
              f"{ms(cost['idb'])}")


if __name__ == "__main__":
    main()
