"""Before/after figures of Material's stylesheet pruning (hocvuso/publish/css_prune.py), for
measuring by hand or from a bench; the package itself needs none of this.

    .venv/bin/python tests/bench_css_prune.py site/     # a site built as it ships: Material's as shipped vs as built
    from bench_css_prune import prune_figures; prune_figures(Path("x"))   # x built with HOCVUSO_PRUNE_CSS=0: pruned in place
"""

from __future__ import annotations

import gzip
import importlib.util
import sys
import time
from pathlib import Path

from hocvuso.publish.css_prune import THEME_CSS_DIR, PruneResult, prune_site, scan_site


def figures(result: PruneResult) -> tuple[str, int, int, int, int]:
    """(file, raw bytes before, raw after, gzip-6 before, gzip-6 after)."""
    before, after = result.before.encode(), result.after.encode()
    return (result.file, len(before), len(after), len(gzip.compress(before, 6)), len(gzip.compress(after, 6)))


def prune_figures(site_dir: Path) -> list[tuple[str, int, int, int, int, float]]:
    """Prunes a built site that was built WITHOUT pruning (HOCVUSO_PRUNE_CSS=0) and returns, per
    stylesheet, (file, raw before, raw after, gzip-6 before, gzip-6 after, seconds the whole
    pruning took)."""
    start = time.perf_counter()
    results = prune_site(site_dir)
    seconds = time.perf_counter() - start
    return [(*figures(result), seconds) for result in results]


def shipped_stylesheet(name: str) -> Path | None:
    """Material's own copy of a stylesheet (as the theme package ships it), found without
    importing the theme."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "templates" / THEME_CSS_DIR / name
    return path if path.is_file() else None


def stylesheet_figures(site_dir: Path) -> list[tuple[str, int, int, int, int]]:
    """On an ordinary (pruned) build: per Material stylesheet the site's pages link to, (file,
    raw bytes as Material ships it, raw as built, gzip-6 shipped, gzip-6 built). One Material
    does not ship under that name is left out."""
    rows = []
    for path in scan_site(site_dir).theme_css:
        file = site_dir / path
        shipped = shipped_stylesheet(file.name)
        if shipped is not None:
            before = shipped.read_text(encoding="utf-8")
            rows.append(figures(PruneResult(file.relative_to(site_dir).as_posix(), before, file.read_text(encoding="utf-8"))))
    return rows


if __name__ == "__main__":
    for file, raw_before, raw_after, gzip_before, gzip_after in stylesheet_figures(Path(sys.argv[1] if len(sys.argv) > 1 else "site")):
        print(f"{file}: {raw_before:,} -> {raw_after:,} B raw, {gzip_before:,} -> {gzip_after:,} B gzip-6")
