"""The package's rooms and floors (pyproject.toml's [tool.importlinter]) hold: a room imports
only rooms below it, and nothing in the package imports MkDocs or Material."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

LINT = Path(sys.executable).with_name("lint-imports")


def _lint(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--no-cache", "--config", str(folder / "pyproject.toml")], cwd=folder,
                          env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)


def test_every_room_imports_only_the_floors_below_it():
    done = _lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "hocvuso", tmp_path / "hocvuso", ignore=shutil.ignore_patterns("theme", "__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_an_import_that_points_up_breaks_the_contract(tmp_path):
    folder = _copy(tmp_path)
    low = folder / "hocvuso" / "text" / "escaping.py"
    low.write_text(low.read_text(encoding="utf-8") + "\nfrom hocvuso.quiz import render  # noqa\n", encoding="utf-8")
    done = _lint(folder)
    assert done.returncode == 1
    assert "hocvuso.text is not allowed to import hocvuso.quiz" in done.stdout


def test_an_mkdocs_import_in_the_rules_breaks_the_contract(tmp_path):
    folder = _copy(tmp_path)
    rule = folder / "hocvuso" / "course" / "facts.py"
    rule.write_text(rule.read_text(encoding="utf-8") + "\nimport mkdocs  # noqa\n", encoding="utf-8")
    done = _lint(folder)
    assert done.returncode == 1
    assert "hocvuso.course.facts -> mkdocs" in done.stdout
