"""Our scripts as pages load them: one minified file at build, readable files under `mkdocs serve`.

mkdocs.yml's `extra_javascript` lists our classic scripts in the order they must run (core.js
first). A built site joins them, in that order, into one minified classic script, BUNDLE, so a
learner's first visit makes one request for all of them (no ES modules: file:// must keep
working). Some scripts stay files of their own: the course map the build writes
(assets/hocvuso/course.js), and anything that is not a deferred classic script of ours. They
keep their order and come before the bundle, so the code in it finds them already run.
reading-early.js (in <head>, hocvuso/theme/main.html) and the search index are not in the list
at all: they stay separate files too.

Pure Python: the hook hands this module paths and MkDocs' script entries (anything with a
`path`, or a plain string), nothing else of MkDocs.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Iterable

import rjsmin

from hocvuso.catalogue.site_paths import ASSET_DIR, BUNDLE, COURSE_SCRIPT, WORKER_TEMPLATE
from hocvuso.publish.paths import ASSET_SOURCE_DIR as SOURCE_DIR

# Written by the build, with the course in it: not a file of the theme to join.
SEPARATE = (COURSE_SCRIPT,)
# Templates the build fills in and writes elsewhere (hocvuso/publish/offline.py writes the
# worker from this one): never published as they are.
TEMPLATES = (WORKER_TEMPLATE,)


def _path(entry: Any) -> str:
    return entry if isinstance(entry, str) else entry.path


def _joinable(entry: Any) -> bool:
    """One of our deferred classic scripts (a plain string entry runs at once: not joinable)."""
    path = _path(entry)
    if isinstance(entry, str) or not path.startswith(ASSET_DIR + "/") or path in SEPARATE or path == BUNDLE:
        return False
    return bool(entry.defer) and not entry.async_ and entry.type in ("", "text/javascript")


def bundle_parts(extra_javascript: Iterable[Any]) -> list[str]:
    """Site paths of the scripts the bundle joins, in the order they run."""
    return [_path(entry) for entry in extra_javascript if _joinable(entry)]


def page_scripts(extra_javascript: Iterable[Any], serving: bool) -> list[Any]:
    """What pages load. `serving` (`mkdocs serve`): every file as listed, readable. A build: the
    scripts that stay separate, in their order, then the bundle (deferred, as its parts were)."""
    entries = list(extra_javascript)
    joined = [entry for entry in entries if _joinable(entry)]
    if serving or not joined:
        return entries
    bundle = copy.copy(joined[0])  # same kind of entry, same attributes (defer)
    bundle.path = BUNDLE
    return [entry for entry in entries if not _joinable(entry)] + [bundle]


def minified_js(text: str) -> str:
    return rjsmin.jsmin(text)


def bundle_script(parts: Iterable[tuple[str, str]]) -> str:
    """(site path, source) pairs joined into one minified script. Each part is a complete script
    (an IIFE): a `;` ends it, so no part can run on into the next."""
    return "\n".join(minified_js(source).rstrip().rstrip(";") + ";" for _, source in parts) + "\n"


def write_bundle(site_dir: Path, parts: Iterable[str]) -> int:
    """Joins the built site's copies of `parts` into BUNDLE and removes them (no page loads
    them: a site on a USB stick carries no dead files). Returns the bundle's size in bytes."""
    parts = list(parts)
    if not parts:
        return 0
    sources = [(path, (site_dir / path).read_text(encoding="utf-8")) for path in parts]
    script = bundle_script(sources)
    target = site_dir / BUNDLE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(script, encoding="utf-8")
    for path in parts:
        (site_dir / path).unlink()
    return len(script.encode())


def is_template(src_uri: str) -> bool:
    """A theme file that is a template for the build, not a file to publish (on_files drops it)."""
    return src_uri in TEMPLATES


def source(name: str) -> str:
    """The readable text of one of our asset files, e.g. "sw.js"."""
    return (SOURCE_DIR / name).read_text(encoding="utf-8")
