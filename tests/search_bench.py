"""The search benchmark (issue 15 item 2): our search, today's whole index, and Pagefind, side by side.

Run alone: `.venv/bin/python tests/bench.py --search-only --sizes 300,3000` (add `--large`, or
HOCVUSO_BENCH_LARGE=1, for 10,000 lessons too: long, once in a while). `make bench` runs it
after the build-time table.

For each size, one synthetic course with varied Vietnamese words (bench_prose.py) is built:
- by this tree ("this tree"),
- by the revision given with --baseline-rev ("whole index", today's main with search/index.js):
  its own hooks, theme and `hocvuso` package from a temporary `git worktree`, imported through
  PYTHONPATH, in this tree's venv. Why so: the baseline must be the old code on the very same
  course and the very same machine in the same run, or the comparison is not fair; a worktree
  costs a second or two and no install, and a venv of its own would only matter if the old
  revision needed other dependencies (it does not: same pyproject pins). The worktree is removed
  at the end.
- Pagefind (pagefind[bin], pinned in the `bench` extra) indexes this tree's built site (the
  lessons' <article>, not the menus), and a small page at the site's root drives its JS API
  as its default UI would: search on each input, the top 5 results' data loaded.
Each engine is then opened in Chromium with 4x CPU throttling, served over http with gzip
(level 6), in a new browser context (cold cache):
- bytes: every response body the server sends after the search box is opened, for a session
  of "open the box, type 3 queries" (whatever the files: search/*, lunr, pagefind/*);
- open → ready: from the tap in the box (its pointerdown, as the page gets it) to the box no
  longer saying it is preparing;
- last key → first results: from the last keystroke (keydown or input event) to the first change
  of the result list after it; median and max of the 3 queries;
- pages found for queries with and without accents, and the time to first results for queries
  with synonyms (neither counted in the session's bytes).
Timings on a shared machine vary by tens of per cent from run to run: read them as orders.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import bench
from bench_prose import SyntheticProse, build_vocabulary, course_texts

ROOT = bench.ROOT
KB = bench.KB
CPU_THROTTLE = 4
DEFAULT_BASELINE = "8792c16"  # main on 2026-12-01: the whole index (search/index.js) and lunr
SESSION_QUERIES = ["lừa đảo", "mã OTP", "dịch vụ công"]
COUNT_QUERIES = ["lua dao", "lừa đảo", "dich vu cong", "hoa", "hòa", "hoà"]
# Queries that synonyms.yml gives other meanings (each searched too): their time, apart.
SYNONYM_QUERIES = ["bi hack zalo", "mat nick zalo", "tai app ngan hang"]
PAGEFIND_RESULTS_SHOWN = 5
PAGEFIND_DEBOUNCE_MS = 300  # Pagefind's default UI
# Pages our search leaves out (hocvuso/site/reading.py: searchable=False): Pagefind leaves them out too.
NOT_SEARCHED = ("404.html", "kiem-tra.html", "dap-an.html", "lop-hoc-cua-toi.html")
PAGEFIND_PAGE = "hvs-pagefind-bench.html"
PREPARING = re.compile(r"chuẩn bị|Initializing", re.IGNORECASE)

# Records, in the page's clock, every keystroke (keydown, and input: Playwright types accented
# letters as text, without a keydown) and every change to the result list and its count line.
TIMING_PROBE = """() => {
  window.__keys = []; window.__renders = []; window.__meta = []; window.__lastChange = 0; window.__tapped = 0;
  // The learner's tap, as the page gets it: Playwright's own checks before it clicks are not the page's time.
  document.addEventListener('pointerdown', () => { window.__tapped = window.__tapped || performance.now(); }, true);
  const key = () => window.__keys.push(performance.now());
  document.addEventListener('keydown', key, true);
  document.addEventListener('input', key, true);
  const list = document.querySelector('.md-search-result__list');
  const meta = document.querySelector('.md-search-result__meta');
  new MutationObserver(() => { window.__lastChange = performance.now();
      if (list.children.length) window.__renders.push(performance.now()); })
    .observe(list, {childList: true, subtree: true});
  new MutationObserver(() => { window.__lastChange = performance.now();
      window.__meta.push([performance.now(), meta.textContent.trim()]); })
    .observe(meta, {childList: true, subtree: true, characterData: true});
}"""

# Pagefind's JS API, used as its default UI uses it; the same class names as our box, so the
# same probe and the same reading of the count line apply.
PAGEFIND_HTML = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Pagefind</title></head><body>
<div class="md-search"><input class="md-search__input" type="text" aria-label="Tìm kiếm">
<div class="md-search-result__meta">Gõ từ cần tìm</div><ol class="md-search-result__list"></ol></div>
<script type="module">
const input = document.querySelector(".md-search__input");
const meta = document.querySelector(".md-search-result__meta");
const list = document.querySelector(".md-search-result__list");
const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})[c]);
let pagefind = null, loading = null;
function open() {
  if (loading) return;
  meta.textContent = "Đang chuẩn bị tìm kiếm…";
  loading = import("./pagefind/pagefind.js").then(async (module) => {
    await module.init();
    pagefind = module;
    meta.textContent = "Gõ từ cần tìm";
    run();
  });
}
async function run() {
  if (!pagefind) return;
  const query = input.value;
  if (!query.trim()) { list.innerHTML = ""; meta.textContent = "Gõ từ cần tìm"; return; }
  // As its default UI: one search once typing pauses for 300 ms (null when a later keystroke
  // replaced it). Searching on every keystroke instead fetches the top results of each one.
  const found = await pagefind.debouncedSearch(query, {}, DEBOUNCE);
  if (found === null) return;
  const shown = await Promise.all(found.results.slice(0, SHOWN).map((result) => result.data()));
  if (input.value !== query) return;  // a later keystroke's search will show its own
  meta.textContent = found.results.length ? "Tìm thấy " + found.results.length + " bài" : "Không tìm thấy bài nào";
  list.innerHTML = shown.map((data) => '<li><a href="' + escape(data.url) + '">' + escape(data.meta.title) +
    "</a><p>" + data.excerpt + "</p></li>").join("");
}
input.addEventListener("focus", open);
input.addEventListener("input", run);
</script></body></html>
""".replace("SHOWN", str(PAGEFIND_RESULTS_SHOWN)).replace("DEBOUNCE", str(PAGEFIND_DEBOUNCE_MS))


def short_rev(rev: str) -> str:
    done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", rev], capture_output=True, text=True)
    return done.stdout.strip() or rev


def baseline_worktree(rev: str, where: Path) -> Path | None:
    done = subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(where), rev],
                          capture_output=True, text=True)
    if done.returncode != 0:
        print(f"baseline: skipped (git worktree add {rev} failed: {done.stderr.strip()[:300]})")
        return None
    # The hooks import `hocvuso`: PYTHONPATH puts the old package before this tree's editable install.
    check = subprocess.run([sys.executable, "-c", "import hocvuso; print(hocvuso.__file__)"], capture_output=True, text=True,
                           env=dict(os.environ, PYTHONPATH=str(where)), cwd=str(where.parent))
    if not check.stdout.strip().startswith(str(where)):
        remove_worktree(where)
        sys.exit(f"baseline: `import hocvuso` does not reach the worktree ({check.stdout.strip()} {check.stderr[-300:]})")
    return where


def same_code(rev: str) -> bool:
    """Whether this tree builds as `rev` does (the same package, hooks, theme and config)."""
    done = subprocess.run(["git", "-C", str(ROOT), "diff", "--quiet", rev, "--", "hocvuso", "hooks", "overrides", "mkdocs.yml"])
    return done.returncode == 0


def remove_worktree(where: Path) -> None:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(where)], capture_output=True)


def pagefind_index(site: Path) -> float:
    """Pagefind's index of the built site's searched pages (their <article>, not menus); seconds."""
    aside = site.parent / "not-searched"
    moved = [path for path in site.rglob("*.html") if path.name in NOT_SEARCHED]
    for path in moved:
        (aside / path.relative_to(site)).parent.mkdir(parents=True, exist_ok=True)
        path.rename(aside / path.relative_to(site))
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector",
                               "article.md-content__inner", "--quiet"], capture_output=True, text=True)
    finally:
        for path in moved:
            (aside / path.relative_to(site)).rename(path)
    if done.returncode != 0:
        sys.exit(f"pagefind failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    (site / PAGEFIND_PAGE).write_text(PAGEFIND_HTML, encoding="utf-8")
    return time.perf_counter() - start


def pagefind_version() -> str | None:
    """Pagefind's version, or None when the `bench` extra is not installed."""
    done = subprocess.run([sys.executable, "-m", "pagefind", "--version"], capture_output=True, text=True)
    return done.stdout.strip().split()[-1] if done.returncode == 0 and done.stdout.strip() else None


def pages_found(meta_text: str) -> int:
    """Our count line, Material's words: "Tìm thấy 12 bài", "Tìm thấy 1 bài", "Không tìm thấy bài nào"."""
    found = re.search(r"\d[\d.,]*", meta_text)
    return int(re.sub(r"\D", "", found.group())) if found else 0


def search_session(browser, url: str, server) -> dict:
    """Opens the page, the box, types the session's queries, then the counting ones; figures in ms and bytes."""
    # No service worker: ours caches the page's own files for offline use after load, which is not search.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_THROTTLE})
    pending = [0]
    page.on("request", lambda request: pending.__setitem__(0, pending[0] + 1))
    page.on("requestfinished", lambda request: pending.__setitem__(0, pending[0] - 1))
    page.on("requestfailed", lambda request: pending.__setitem__(0, pending[0] - 1))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def settle(quiet_ms: float = 600, timeout_s: float = 600) -> None:
        # Done when nothing is in flight and neither the list nor a key changed for quiet_ms.
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            page.wait_for_timeout(100)
            if pending[0] <= 0 and page.evaluate(
                    "performance.now() - Math.max(window.__lastChange, window.__keys[window.__keys.length - 1] || 0)") > quiet_ms:
                return
        raise TimeoutError("the search never settled")

    def type_query(query: str) -> None:
        page.fill(".md-search__input", "")
        settle(300)
        page.evaluate("window.__keys = []; window.__renders = []")
        page.keyboard.type(unicodedata.normalize("NFC", query), delay=80)

    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.evaluate(TIMING_PROBE)
    sent_before = len(server.sent)
    page.click(".md-search__input")
    # The box's first words after opening say it is preparing (Material's "Đang chuẩn bị tìm kiếm…", or
    # "…" where a build lacks the string); ready is the first change to other words.
    page.wait_for_function("""() => { const m = window.__meta;
        return m.length > 1 && m.slice(1).some(([t, text]) => text !== m[0][1] && !/chuẩn bị|Initializing/i.test(text)); }""",
                           timeout=900_000)
    changes, start = page.evaluate("[window.__meta, window.__tapped]")
    ready = next(t for t, text in changes[1:] if text != changes[0][1] and not PREPARING.search(text)) - start
    def timed(queries: list[str]) -> list[float]:
        # The first results after the last key; for a query that finds nothing, its count line.
        latencies = []
        for query in queries:
            type_query(query)
            page.wait_for_function("""() => { const last = window.__keys[window.__keys.length - 1];
                return window.__renders.some(t => t > last) || window.__meta.some(([t, text]) => t > last && !/\\d/.test(text)); }""",
                                   timeout=600_000)
            last, renders, changes = page.evaluate("[window.__keys[window.__keys.length - 1], window.__renders, window.__meta]")
            answered = [t for t in renders if t > last] or [t for t, text in changes if t > last and not re.search(r"\d", text)]
            latencies.append(min(answered) - last)
            settle()
        return latencies

    latencies = timed(SESSION_QUERIES)
    # The browser's own favicon request may land in the session: it is not search.
    session = [(path, size) for path, size in server.sent[sent_before:] if "favicon" not in path]
    counts = {}
    for query in COUNT_QUERIES:
        type_query(query)
        # The count line answers this query (a search may work for seconds with no request and no
        # change on the page), then nothing moves any more.
        page.wait_for_function("""() => { const last = window.__keys[window.__keys.length - 1];
            return window.__meta.some(([t]) => t > last); }""", timeout=600_000)
        settle()
        counts[query] = pages_found(page.inner_text(".md-search-result__meta"))
    synonyms = timed(SYNONYM_QUERIES)
    context.close()
    if errors:
        print(f"  note: page errors: {errors[:3]}")
    return {"bytes": sum(size for _, size in session), "files": len(session), "sent": session,
            "ready_ms": ready, "latency_ms": statistics.median(latencies), "latency_max_ms": max(latencies),
            "synonym_latency_ms": statistics.median(synonyms), "found": counts}


def build_size(folder: Path, size: int, prose: SyntheticProse, baseline: Path | None,
               with_pagefind: bool) -> tuple[dict, dict, str]:
    """Writes and builds one course; returns {engine: (site, page to open)}, build seconds, a note."""
    docs = folder / "content"
    docs.mkdir(parents=True)
    start = time.perf_counter()
    # Material's menu lists every module on every page (its cost grows with the square of the
    # modules): 10 lessons a module up to 1,000 lessons, then 100 modules, so 10,000 lessons build.
    lessons, _, words = bench.make_course(docs, size, prose=prose, per_module=max(10, size // 100))
    written = time.perf_counter() - start
    sites, seconds = {}, {"write course": written}
    configs = bench.write_configs(folder, docs)
    seconds["this tree"], _, _ = bench.build(configs["hocvuso"], folder / "site-ours", folder)
    seconds["index"], seconds["index MB"] = index_write(folder / "site-ours", folder / "index-again")
    sites["this tree"] = (folder / "site-ours", lessons[0][:-3] + ".html")
    if baseline is not None and baseline != ROOT:  # the same code as this tree: the same figures
        (folder / "baseline").mkdir()
        old = bench.write_configs(folder / "baseline", docs, root=baseline)
        seconds["whole index"], _, _ = bench.build(old["hocvuso"], folder / "site-baseline", folder / "baseline",
                                                   env={"PYTHONPATH": str(baseline)})
        sites["whole index"] = (folder / "site-baseline", lessons[0][:-3] + ".html")
    if with_pagefind:
        seconds["Pagefind"] = pagefind_index(folder / "site-ours")
        sites["Pagefind"] = (folder / "site-ours", PAGEFIND_PAGE)
    distinct = {word.lower() for path in docs.rglob("*.md") for word in re.findall(r"[^\W\d_]+", path.read_text(encoding="utf-8"))}
    note = f"{words / size:.0f} words of prose a lesson, {len(distinct):,} distinct words in the course"
    return sites, seconds, note


# Writes the built site's index again, alone, in a process of its own: what the build spends on
# it (after reading the pages' sections), and its peak memory.
INDEX_WRITE = """
import resource, sys, time
from hocvuso.search.index import SearchIndex, Section
from hocvuso.search.shards import read_docs
index = SearchIndex()
index.sections = [Section(url, title, [text]) for url, title, text in read_docs(sys.argv[1])]
start = time.perf_counter()
index.write(sys.argv[2])
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def index_write(site: Path, scratch: Path) -> tuple[float, float]:
    """Seconds to write the index of `site` again, and the peak RSS (MB) of doing so."""
    done = subprocess.run([sys.executable, "-c", INDEX_WRITE, str(site), str(scratch)], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"index write failed:\n{done.stderr[-2000:]}")
    shutil.rmtree(scratch, ignore_errors=True)
    seconds, megabytes = done.stdout.split()
    return float(seconds), float(megabytes)


def print_row(label: str, result: dict) -> None:
    latency = f"{result['latency_ms']:.0f} ms (max {result['latency_max_ms']:.0f})"
    print(f"{label:<24}{result['bytes'] / KB:>8.1f} KB{result['files']:>7}{result['ready_ms']:>9.0f} ms"
          f"{latency:>22}{result['synonym_latency_ms']:>10.0f} ms" + "".join(f"{result['found'][q]:>{max(len(q), 4) + 2}}" for q in COUNT_QUERIES))


def run(work: Path, sizes: list[int], baseline_rev: str | None) -> dict:
    from playwright.sync_api import sync_playwright

    figures: dict = {}
    prose = SyntheticProse(build_vocabulary(course_texts(ROOT)))
    baseline = None
    if baseline_rev and same_code(baseline_rev):
        baseline = ROOT
    elif baseline_rev:
        baseline = baseline_worktree(baseline_rev, work / "baseline-worktree")
    version = pagefind_version()
    if version is None:
        print("Pagefind: skipped (not installed: pip install -e '.[bench]')")
    labels = {"this tree": f"this tree ({short_rev('HEAD')})", "whole index": f"whole index ({short_rev(baseline_rev or '')})",
              "Pagefind": f"Pagefind {version}"}
    try:
        print(f"\nsearch, Chromium with {CPU_THROTTLE}x CPU throttling, over http with gzip (level 6), cold cache; "
              f"a session = open the box, type {', '.join(repr(q) for q in SESSION_QUERIES)}"
              + ("; whole index: the same code as this tree (the same figures)" if baseline == ROOT else ""))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=bench.chromium_path(), args=["--no-sandbox", "--disable-gpu"])
            browser.new_page().close()  # warm up, so the first timed site does not pay for Chromium's start
            for size in sizes:
                size_start = time.perf_counter()
                folder = work / f"search-{size}"
                sites, seconds, note = build_size(folder, size, prose, baseline, version is not None)
                load = "load average %.1f on %d cores" % (os.getloadavg()[0], os.cpu_count() or 0)
                index_s, index_mb = seconds.pop("index"), seconds.pop("index MB")
                print(f"\n{size:,} lessons ({note}); build: " + ", ".join(f"{name} {s:.0f} s" for name, s in seconds.items())
                      + f"; this tree's search index, written again alone: {index_s:.1f} s "
                      f"({index_s / seconds['this tree']:.0%} of its build), peak {index_mb:.0f} MB; {load}")
                figures[f"index {size}"] = {"seconds": index_s, "peak_mb": index_mb, "build_s": seconds["this tree"]}
                header = (f"{'engine':<24}{'KB/session':>11}{'files':>7}{'open→ready':>12}{'last key→results':>22}{'synonyms':>13}"
                          + "".join(f"{q:>{max(len(q), 4) + 2}}" for q in COUNT_QUERIES))
                print(header)
                for name, (site, page) in sites.items():
                    server = bench.serve_gzip(site)
                    try:
                        result = search_session(browser, f"http://127.0.0.1:{server.server_port}/{page}", server)
                    finally:
                        server.shutdown()
                    figures[f"{name} {size}"] = dict(result, build_s=seconds[name], label=labels[name])
                    print_row(labels[name], result)
                    if name == "this tree" and baseline == ROOT:
                        figures[f"whole index {size}"] = dict(figures[f"this tree {size}"], label=labels["whole index"])
                        print_row(labels["whole index"] + "=", result)
                ours = figures[f"this tree {size}"]
                targets = [f"bytes {ours['bytes'] / KB:.0f} KB (target at 10,000: <= 100 KB, and never above the 300-lesson "
                           "whole index: 167 KB)", f"first results {ours['latency_ms']:.0f} ms (target <= 100 ms median)",
                           f"ready {ours['ready_ms']:.0f} ms (target <= 300 ms)"]
                print("this tree: " + "; ".join(targets))
                print(f"({size:,} lessons took {time.perf_counter() - size_start:.0f} s in all)")
                if not os.environ.get("HOCVUSO_BENCH_KEEP"):
                    shutil.rmtree(folder, ignore_errors=True)
            browser.close()
    finally:
        if baseline is not None and baseline != ROOT:
            remove_worktree(baseline)
    print("KB/session: response bodies after opening the box (1 KB = 1000 bytes); files: how many. synonyms: last key → "
          f"results, median, for {', '.join(repr(q) for q in SYNONYM_QUERIES)} (each has other meanings to search). Pages found: "
          f"the count the box shows (Pagefind: its results). Pagefind's times include its UI's {PAGEFIND_DEBOUNCE_MS} ms debounce.")
    return figures
