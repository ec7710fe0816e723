"""A released hocvuso, installed from its wheel with no checkout beside it, checks and builds a
course exactly as the editable install of the repository does: what lets a province pin a
version of the tool instead of forking the code."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build

# What a course repository holds: its lessons, banks, data files, config and hook; no hocvuso/.
COURSE = ("content", "quizzes", "overrides", "hooks", "mkdocs.yml", "facts.yml", "glossary.yml", "style.yml",
          "synonyms.yml")


def _run(command, cwd, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def wheel_env(tmp_path_factory) -> dict:
    """A clean virtual environment with hocvuso installed from a wheel built from this tree: first
    alone (what a course without video needs: checked and built then), then with the extra `video`."""
    folder = tmp_path_factory.mktemp("wheel")
    source = folder / "source"
    # Build from a copy of what git tracks, as a release does from a clean tree.
    files = _run(["git", "ls-files", "-z"], ROOT).stdout.split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(folder / "dist"), str(source)], folder)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (folder / "dist").glob("hocvuso-*.whl")
    env_dir = folder / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    done = _run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)], folder)
    assert done.returncode == 0, done.stdout + done.stderr
    # The optional stays optional: a course with no video checks and builds without PyAV.
    plain = _course(folder / "plain")
    (plain / "content" / "huong-dan-video.md").unlink()
    shutil.rmtree(plain / "content" / "huong-dan-video", ignore_errors=True)
    without = {"av": _run([str(python), "-c", "import av"], plain, _env()),
               "check": _run([str(python.with_name("hocvuso")), "check"], plain, _env()),
               "build": _run([str(python), "-m", "mkdocs", "build", "--strict", "-d", str(folder / "plain-site")], plain, _env())}
    # With the extra `video`, as the Makefile installs it: the course's writers' guide has a video.
    done = _run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"{wheel}[video]"], folder)
    assert done.returncode == 0, done.stdout + done.stderr
    return {"python": python, "without_video": without}


@pytest.fixture(scope="module")
def installed(wheel_env) -> Path:
    return wheel_env["python"]


def test_without_the_extra_a_course_with_no_video_checks_and_builds(wheel_env):
    without = wheel_env["without_video"]
    assert without["av"].returncode != 0  # PyAV really is absent
    assert without["check"].returncode == 0, without["check"].stdout + without["check"].stderr
    assert without["build"].returncode == 0, without["build"].stderr


def _course(into: Path) -> Path:
    for name in COURSE:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, into / name)
        elif (ROOT / name).is_file():
            shutil.copy2(ROOT / name, into / name)
    return into


def _env() -> dict:
    # Nothing of the checkout on the path: only the installed wheel can answer `import hocvuso`.
    return {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")} | {
        "NO_MKDOCS_2_WARNING": "1"}


def test_the_installed_package_comes_from_the_wheel(installed, tmp_path):
    found = _run([str(installed), "-c", "import hocvuso, sys; sys.stdout.write(hocvuso.__file__)"], tmp_path, _env())
    assert found.returncode == 0, found.stderr
    assert Path(found.stdout).is_relative_to(installed.parent.parent)
    assert not Path(found.stdout).is_relative_to(ROOT)


def test_the_wheel_checks_the_course_as_the_repository_does(installed, tmp_path):
    course = _course(tmp_path / "course")
    ours = _run([str(installed.with_name("hocvuso")), "check"], course, _env())
    theirs = _run([sys.executable, "-m", "hocvuso.cli", "check"], _course(tmp_path / "editable"))
    assert ours.returncode == theirs.returncode == 0, ours.stdout + ours.stderr
    assert ours.stdout == theirs.stdout and ours.stderr.replace(str(course), "") == theirs.stderr.replace(
        str(tmp_path / "editable"), "")


def test_the_wheel_builds_the_same_site(installed, tmp_path):
    course = _course(tmp_path / "course")
    built = _run([str(installed), "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")], course, _env())
    assert built.returncode == 0, built.stderr
    editable = mkdocs_build(_course(tmp_path / "editable") / "mkdocs.yml", tmp_path / "site-editable")
    assert editable.returncode == 0, editable.stderr
    comparison = filecmp.dircmp(tmp_path / "site", tmp_path / "site-editable")

    def differences(compared, prefix=""):
        found = [prefix + name for name in compared.left_only + compared.right_only + compared.diff_files]
        for name, sub in compared.subdirs.items():
            found += differences(sub, f"{prefix}{name}/")
        return found

    assert differences(comparison) == []
    assert (tmp_path / "site" / "assets" / "hocvuso" / "bundle.js").is_file()
