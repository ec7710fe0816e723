"""Sample course material the tests share: a facts registry (its text, and read), and the real
course built with the fixture lesson (plainly, or with Material's instant navigation)."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, copy_course, mkdocs_build, serve, write_child_config
from hocvuso.course.facts import FactRegistry

# Two facts as a writer keeps them in facts.yml: an SMS number and a web address.
FACTS = """\
bao-tin-rac-156:
  value: "156"
  kind: sms
  label: Số nhắn tin báo tin rác
  source: facts.md
  checked: 2026-11
tinnhiemmang:
  value: tinnhiemmang.vn
  kind: web
  label: Trang kiểm tra trang web lừa đảo
  source: facts.md
  checked: 2026-11
"""


def fact_registry(folder: Path) -> FactRegistry:
    """FACTS written to folder/facts.yml and read as the build reads it."""
    (folder / "facts.yml").write_text(FACTS, encoding="utf-8")
    facts, problems = FactRegistry.load([folder / "facts.yml"], ["facts.yml"])
    assert problems == []
    return facts


FIXTURE_LESSON = "bai-kiem-thu.html"  # tests/fixtures/bai-kiem-thu.md, built


def build_course(folder: Path, extra_config: str = "") -> Path:
    """The real course plus the fixture lesson, built into folder/site."""
    copy_course(folder)
    shutil.copy(ROOT / "tests" / "fixtures" / FIXTURE_LESSON.replace(".html", ".md"), folder / "content")
    result = mkdocs_build(write_child_config(folder, extra_config), folder / "site")
    assert result.returncode == 0, result.stderr
    return folder / "site"


def instant_navigation_course(folder: Path, *features: str) -> str:
    """The course built with Material's instant navigation (and `features`), served from folder:
    its address. Instant navigation only runs when served at site_url, so the port is chosen first."""
    server = serve(folder)
    url = f"http://127.0.0.1:{server.server_port}/"
    build_course(folder / "build", f"site_url: {url}\ntheme:\n  custom_dir: {ROOT / 'overrides'}\n  features:\n"
                 + "".join(f"    - {feature}\n" for feature in ("navigation.instant", "navigation.indexes", *features)))
    shutil.copytree(folder / "build" / "site", folder, dirs_exist_ok=True)
    return url
