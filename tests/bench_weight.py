"""What a learner downloads for a lesson, file by file: before and after Material's JavaScript.

"Before" is the course built with Material's bundle back on (a fork turning on a feature only
it drives, `content.tooltips`, gets exactly that: the bundle and its inline helpers); "after"
is the course as it ships (assets/hocvuso/theme.js instead, hocvuso/publish/material.py). Sizes are gzip
level 6, what a web server sends. 1 KB = 1000 bytes, as in the budgets.

    .venv/bin/python tests/bench_weight.py            # builds both, prints the table
    from bench_weight import weight_report; weight_report()   # the same, from tests/bench.py
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin

from page_weight import lazy_scripts

ROOT = Path(__file__).resolve().parent.parent
LESSON = "phong-chong-lua-dao/01-cuoc-goi-lua-dao.html"
KB = 1000
# What a fork adds to get Material's bundle back (hocvuso/publish/material.py, NEEDS_BUNDLE).
WITH_MATERIAL_BUNDLE = "theme:\n  features:\n    - navigation.indexes\n    - navigation.footer\n    - navigation.top\n" \
                       "    - navigation.prune\n    - content.tooltips\n"


def gz6(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_loads(site: Path, page: str) -> tuple[bytes, list[str], list[str]]:
    """A page's HTML, the stylesheets and scripts it loads, and its images (site paths, in order)."""
    html = (site / page).read_bytes()
    text = html.decode("utf-8")
    assets, images = [], []
    for pattern, found in ((r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', assets),
                           (r'<script[^>]+src="([^"]+)"', assets), (r'<img[^>]+src="([^"]+)"', images)):
        for url in re.findall(pattern, text):
            if "://" not in url:
                path = urljoin(page, url.split("#")[0].split("?")[0])
                if path not in found:
                    found.append(path)
    # And the feature scripts core.js loads on this page once it is ready (video, ordered path,
    # the module's download): the first visit pays for them too (page_weight.lazy_scripts, the budget's).
    assets += sorted(set(lazy_scripts(site, text)) - set(assets))
    return html, assets, images


def first_visit(site: Path, page: str = LESSON) -> dict[str, int]:
    """gzip-6 bytes of each file the first visit to `page` downloads: "HTML", then each asset."""
    html, assets, images = page_loads(site, page)
    sizes = {"HTML": gz6(html)}
    for path in assets + images:
        sizes[path] = gz6((site / path).read_bytes())
    return sizes


def further_lessons(site: Path) -> dict[str, int]:
    """Each lesson's own weight once the assets are cached: its HTML and images, gzip 6."""
    weights = {}
    for lesson in sorted(site.glob("*/0*.html")):
        page = lesson.relative_to(site).as_posix()
        html, _, images = page_loads(site, page)
        weights[page] = gz6(html) + sum(gz6((site / path).read_bytes()) for path in images)
    return weights


def build(work: Path, name: str, extra_config: str = "", environ: dict | None = None) -> Path:
    """The real course built into work/<name>/site, with extra_config added to a child config."""
    folder = work / name
    shutil.copytree(ROOT / "content", folder / "content")
    for file in ("facts.yml", "glossary.yml", "style.yml", "synonyms.yml"):
        if (ROOT / file).exists():
            shutil.copy(ROOT / file, folder / file)
    config = folder / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: content\n"
                      f"hooks:\n  - {ROOT / 'hooks' / 'hocvuso_hooks.py'}\n"
                      + extra_config.replace("theme:\n", f"theme:\n  custom_dir: {ROOT / 'overrides'}\n", 1)
                      + ("" if "theme:" in extra_config else f"theme:\n  custom_dir: {ROOT / 'overrides'}\n"),
                      encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(folder / "site")],
                            capture_output=True, text=True, cwd=folder, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(environ or {})})
    if result.returncode:
        raise RuntimeError(f"build {name} failed:\n{result.stderr}")
    return folder / "site"


def table(before: dict[str, int], after: dict[str, int]) -> str:
    """Rows: each file of either visit (in loading order), then the total, in KB."""
    names = list(before) + [name for name in after if name not in before]
    show = lambda sizes, name: f"{sizes[name] / KB:.1f}" if name in sizes else "-"
    lines = [f"{'file (gzip 6)':<48}{'before KB':>10}{'after KB':>10}"]
    for name in names:
        lines.append(f"{name:<48}{show(before, name):>10}{show(after, name):>10}")
    lines.append(f"{'total':<48}{sum(before.values()) / KB:>10.1f}{sum(after.values()) / KB:>10.1f}")
    return "\n".join(lines)


def weight_report(lesson: str = LESSON, work: Path | None = None) -> dict:
    """Builds the course before and after, prints the table, returns the figures (bytes)."""
    own = work is None
    work = Path(tempfile.mkdtemp(prefix="hocvuso-weight-")) if own else work
    try:
        # Before issue 16: Material's bundle loaded and its stylesheet whole (hocvuso/publish/css_prune.py off).
        sites = {"before": build(work, "before", WITH_MATERIAL_BUNDLE, {"HOCVUSO_PRUNE_CSS": "0"}), "after": build(work, "after")}
        visits = {label: first_visit(site, lesson) for label, site in sites.items()}
        further = {label: further_lessons(site) for label, site in sites.items()}
    finally:
        if own:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nFirst visit to {lesson}: before = Material's JavaScript bundle and whole stylesheet, after = theme.js and the stylesheet cut (target <= 60 KB)")
    print(table(visits["before"], visits["after"]))
    for label in ("before", "after"):
        heaviest = max(further[label].items(), key=lambda item: item[1])
        print(f"each further lesson, {label}: at most {heaviest[1] / KB:.1f} KB ({heaviest[0]}) (target <= 8 KB)")
    return {"first_visit": visits, "further_max": {label: max(w.values()) for label, w in further.items()}}


if __name__ == "__main__":
    weight_report(*sys.argv[1:2])
