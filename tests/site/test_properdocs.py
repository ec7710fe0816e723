"""The same course builds with ProperDocs, the maintained fork of MkDocs 1.x (MkDocs 1.6.1 gets no
more releases). MkDocs stays the default; this keeps the way out open.

ProperDocs installs beside MkDocs in the same venv (the `test` extra): its package is
`properdocs`, its command `properdocs`; it reads mkdocs.yml when given with -f, finds Material
through the `mkdocs.themes` entry point, redirects the `import mkdocs...` of Material and of
hooks/hocvuso_hooks.py to its own modules, and runs the same `hooks:`. The `site` fixture
(tests/conftest.py) is MkDocs' build of the same course."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import BUILD_ENV, ROOT, write_child_config

LESSON = "phong-chong-lua-dao/03-bao-ve-ma-otp-va-tai-khoan.html"
# The one line where the two builds differ on purpose: it names the generator.
GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def properdocs_build(config: Path, site_dir: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)]
    return subprocess.run(command, capture_output=True, text=True, env=BUILD_ENV, cwd=config.parent)


class _QuizMarkup(HTMLParser):
    """The markup of every `.hvs-quiz` element of a page, exactly as written in the file."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.quizzes: list[str] = []
        self._tag = None
        self._depth = 0
        self._start = 0
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self._tag is None and "hvs-quiz" in (dict(attrs).get("class") or "").split():
            self._tag, self._depth, self._start = tag, 0, self._offset()
        if tag == self._tag:
            self._depth += 1

    def handle_endtag(self, tag):
        if tag == self._tag:
            self._depth -= 1
            if self._depth == 0:
                end = self.html.index(">", self._offset()) + 1
                self.quizzes.append(self.html[self._start:end])
                self._tag = None


def pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("properdocs-site")
    result = properdocs_build(ROOT / "mkdocs.yml", site_dir)
    assert result.returncode == 0, result.stderr
    assert not re.search(r"^(WARNING|ERROR)", result.stderr, re.MULTILINE), result.stderr
    return site_dir


def test_properdocs_builds_the_same_pages(site, properdocs_site):
    assert pages(properdocs_site) == pages(site)
    assert len(pages(site)) > 40


def test_properdocs_renders_the_quizzes_the_same(site, properdocs_site):
    ours = _QuizMarkup((site / LESSON).read_text(encoding="utf-8")).quizzes
    theirs = _QuizMarkup((properdocs_site / LESSON).read_text(encoding="utf-8")).quizzes
    assert len(ours) >= 2 and all('data-key="' in quiz and quiz.endswith("</div>") for quiz in ours), ours
    assert theirs == ours


def test_properdocs_site_differs_only_in_the_generator_line(site, properdocs_site):
    """Every page and every file our hooks write (search index, course map, offline lists) is the
    same, apart from the generator line; sw.js differs only in its cache version, a hash of the pages."""
    files = sorted(path.relative_to(site) for path in site.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(properdocs_site) for path in properdocs_site.rglob("*") if path.is_file())
    different = []
    for name in files:
        ours, theirs = (site / name).read_bytes(), (properdocs_site / name).read_bytes()
        if name.suffix == ".html":
            ours, theirs = (GENERATOR.sub("", data.decode("utf-8")) for data in (ours, theirs))
        elif name.as_posix() == "sw.js":
            ours, theirs = (re.sub(r'PREFIX ?\+ ?"\w+"', "", data.decode("utf-8")) for data in (ours, theirs))
        if ours != theirs:
            different.append(name.as_posix())
    assert different == []


def test_a_content_error_fails_a_strict_properdocs_build_with_file_and_line(tmp_path):
    """Our hook logs content errors on `mkdocs.plugins.hocvuso`: ProperDocs counts them in --strict too."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (content / "bai.md").write_text(
        "# Bài\n\n```quiz\nid: cau-hoi\nquestion: Ai được hỏi mã OTP?\noptions:\n  - text: Nhân viên ngân hàng\n"
        "  - text: Không ai cả\n    corect: true\nexplanation: Mã OTP chỉ dành cho bạn.\n```\n", encoding="utf-8")
    result = properdocs_build(write_child_config(tmp_path), tmp_path / "site")
    assert result.returncode != 0
    assert "content/bai.md:9:5: lỗi: Không có trường `corect`." in result.stderr
    assert "Traceback" not in result.stderr
