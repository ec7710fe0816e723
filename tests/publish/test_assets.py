"""hocvuso/publish/assets.py and our browser scripts: one core, one bundle, one copy of each helper."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

import pytest

from hocvuso.publish import assets
from hocvuso.publish import offline

COURSE_MAP = "assets/hocvuso/course.js"


@dataclass
class Script:
    """Stands for MkDocs' ExtraScriptValue: assets.py only reads these attributes."""

    path: str
    defer: bool = True
    async_: bool = False
    type: str = ""


LISTED = [Script("assets/hocvuso/core.js"), Script("assets/hocvuso/hocvuso.js"), Script(COURSE_MAP),
          Script("assets/hocvuso/progress.js"), Script("assets/local/province.js"), "assets/hocvuso/plain.js",
          Script("assets/hocvuso/module.js", type="module")]


def test_a_build_joins_our_deferred_scripts_in_order_after_the_separate_ones():
    assert assets.bundle_parts(LISTED) == ["assets/hocvuso/core.js", "assets/hocvuso/hocvuso.js", "assets/hocvuso/progress.js"]
    scripts = assets.page_scripts(LISTED, serving=False)
    # The course map, a fork's own script, a plain (not deferred) one and a module stay files,
    # in their order, before the bundle: the bundle's code finds the course map already run.
    assert [getattr(s, "path", s) for s in scripts] == [COURSE_MAP, "assets/local/province.js", "assets/hocvuso/plain.js",
                                                         "assets/hocvuso/module.js", assets.BUNDLE]
    assert scripts[-1].defer and scripts[-1] is not LISTED[0] and LISTED[0].path == "assets/hocvuso/core.js"


def test_mkdocs_serve_loads_every_readable_file_as_listed():
    assert assets.page_scripts(LISTED, serving=True) == LISTED


def test_the_bundle_runs_each_part_once_in_order_and_the_parts_are_removed(tmp_path):
    folder = tmp_path / "assets" / "hocvuso"
    folder.mkdir(parents=True)
    (folder / "a.js").write_text("/* first */\n(function () {\n  window.order = ['a'];\n})()\n", encoding="utf-8")
    (folder / "b.js").write_text("(function () { window.order.push('b'); })();;\n", encoding="utf-8")
    size = assets.write_bundle(tmp_path, ["assets/hocvuso/a.js", "assets/hocvuso/b.js"])
    bundle = (tmp_path / assets.BUNDLE).read_text(encoding="utf-8")
    assert size == len(bundle.encode())
    assert bundle == "(function(){window.order=['a'];})();\n(function(){window.order.push('b');})();\n"
    assert sorted(p.name for p in folder.iterdir()) == ["bundle.js"]


def test_built_pages_load_one_bundle_holding_every_script_of_ours(site):
    page = (site / "phong-chong-lua-dao" / "01-cuoc-goi-lua-dao.html").read_text(encoding="utf-8")
    ours = re.findall(r'<script src="\.\./(assets/hocvuso/[^"]+)"', page)
    assert ours == ["assets/hocvuso/reading-early.js", COURSE_MAP, assets.BUNDLE]
    bundle = (site / assets.BUNDLE).read_text(encoding="utf-8")
    for name in BUNDLED:
        assert assets.minified_js(assets.source(name)).rstrip(";") in bundle, name
        assert not (site / "assets" / "hocvuso" / name).exists(), name
    # The scripts only some pages need are files of their own, loaded by core.js's hvs.load.
    for path in site_paths.LAZY_SCRIPTS:
        name = path.rsplit("/", 1)[1]
        assert (site / path).is_file() and assets.minified_js(assets.source(name)).rstrip(";") not in bundle, name
    assert bundle.index("window.hvs=window.hvs||{}") < bundle.index("hvs.quiz=")  # the core first
    assert not (site / "assets" / "hocvuso" / "sw.js").exists()  # the worker's template
    assert (site / offline.WORKER).is_file()


# Each helper is written once, in core.js; the other scripts use window.hvs.
BUNDLED = ("core.js", "theme.js", "text-keys.js", "typed-answers.js", "quiz.js", "module-test.js", "search.js", "reading.js",
           "progress.js", "codes.js", "certificate.js", "keep.js", "offline.js")
SOURCES = BUNDLED + ("ordered-path.js", "video.js", "offline-module.js")  # and those loaded where needed (site_paths.LAZY_SCRIPTS)
ONCE = {
    "escapeHtml": r"function escapeHtml|escapeHtml\s*=\s*function",
    "localStorage write": r"localStorage\.setItem",
    "memory fallback": r"memory\s*=\s*(?:\{\}|null|Object\.create)",
    "page ready": r"document\$\.subscribe\(",
    "DOMContentLoaded": r"DOMContentLoaded",
    "site root from #__config": r'getElementById\("__config"\)',
}


@pytest.mark.parametrize("helper", sorted(ONCE))
def test_each_helper_is_written_once(helper):
    found = {name: len(re.findall(ONCE[helper], assets.source(name))) for name in SOURCES}
    assert found == {name: 1 if name == "core.js" else 0 for name in SOURCES}, found


def test_the_head_script_only_reads_and_never_writes():
    early = assets.source("reading-early.js")
    assert "setItem" not in early and early.count("localStorage.getItem") == 1


@pytest.mark.skipif(not shutil.which("node"), reason="node checks the syntax")
def test_every_script_and_the_worker_parse(site, tmp_path):
    worker = tmp_path / "sw.js"
    worker.write_text(offline.worker_script("abc"), encoding="utf-8")
    for path in [assets.SOURCE_DIR / name for name in (*SOURCES, "reading-early.js")] + [site / assets.BUNDLE, site / offline.WORKER, worker]:
        result = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, (path, result.stderr)


# ---- One namespace, one list of scripts, no value kept equal by hand ----
from hocvuso.catalogue import site_paths  # noqa: E402
from hocvuso.pages import progress  # noqa: E402

OURS = sorted(path.name for path in assets.SOURCE_DIR.glob("*.js"))
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')


def _strings(name: str) -> list[str]:
    """The string literals of one of our scripts (comments dropped by the minifier first)."""
    return _STRING.findall(assets.minified_js(assets.source(name)))


def test_scripts_add_to_one_namespace_and_set_no_global_of_their_own():
    # window.hvs only; the two callbacks the build's search files call (hocvuso/search/shards.py).
    allowed = {"hvs", "__hvsSearchShard", "__hvsSearchDocs"}
    found = {name: set(re.findall(r"window\.(\w+)\s*=(?!=)", assets.source(name))) - allowed for name in OURS}
    assert not any(found.values()), found
    assert not [name for name in OURS if re.search(r"window\.hvs[A-Z]", assets.source(name))]


def test_the_list_in_mkdocs_yml_names_every_script_that_is_not_loaded_another_way():
    from conftest import ROOT
    import yaml

    listed = [entry["path"] for entry in yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra_javascript"]]
    assert listed[0] == site_paths.COURSE_SCRIPT  # the values the others read, first
    elsewhere = {site_paths.READING_EARLY_SCRIPT, site_paths.CLASS_SCRIPT, site_paths.QUERY_EXPANSION_SCRIPT,
                 site_paths.WORKER_TEMPLATE, *site_paths.LAZY_SCRIPTS}
    assert sorted(f"{site_paths.ASSET_DIR}/{name}" for name in OURS) == sorted(set(listed) - {site_paths.COURSE_SCRIPT} | elsewhere)
    # And the head script is the one main.html loads.
    assert f"'{site_paths.READING_EARLY_SCRIPT}' | url" in (assets.SOURCE_DIR.parent.parent / "main.html").read_text(encoding="utf-8")


def test_no_script_keeps_a_path_or_name_the_build_writes_for_it():
    shared = progress.shared_values()
    values = [*shared["paths"].values(), shared["progressFile"], site_paths.SEARCH_ALL]
    kept = {(name, value) for name in OURS for literal in _strings(name) for value in values
            if value in (literal[1:-1], literal[1:-1].rstrip("/")) or value + "/" in literal or "/" + value in literal}
    assert not kept, kept


def test_the_course_map_carries_the_values_python_names(monkeypatch):
    monkeypatch.setattr(site_paths, "WORKER", "worker-2.js")
    monkeypatch.setattr(progress, "PROGRESS_FILE", "tep.txt")
    script = progress.course_script({"modules": []})
    assert '"worker":"worker-2.js"' in script and '"progressFile":"tep.txt"' in script


def test_the_built_course_map_and_worker_carry_them(site):
    text = (site / site_paths.COURSE_SCRIPT).read_text(encoding="utf-8")
    from hocvuso.text.escaping import script_data

    assert text.startswith(f"var {progress.GLOBAL_NAME}=") and text.rstrip().endswith(f',"shared":{script_data(progress.shared_values())}}};')
    worker = (site / site_paths.WORKER).read_text(encoding="utf-8")
    assert f'"{site_paths.SEARCH_ALL}"' in worker and f'"/{site_paths.SEARCH_TERMS_FOLDER}/"' in worker


# search.js (578 lines) is still one file: not split in this change.
NOT_YET_SPLIT = {"search.js"}


def test_each_script_stays_small_enough_to_read():
    lines = {name: assets.source(name).count("\n") for name in OURS if name not in NOT_YET_SPLIT}
    assert max(lines.values()) <= 440, lines
