"""The volunteer's class page as the build generates it (hocvuso/pages/class_page.py), and where its
scripts load: the QR encoder on the progress page only, class.js on the class page only."""

from __future__ import annotations

import re

from conftest import ROOT
from hocvuso.pages import class_page
from hocvuso.pages import progress
from hocvuso.course.project import Project
from hocvuso.site.build import site_nav
from hocvuso.site.reading import read_course, source_pages


def test_the_class_page_is_generated_out_of_the_menu_and_of_search_and_links_the_guide():
    site = read_course(Project.at(ROOT), source_pages(ROOT / "content"))
    page = site.generated[class_page.CLASS_PAGE]
    assert page.nav_title is None and page.searchable is False and page.module is None
    assert f"]({class_page.GUIDE_PAGE})" in page.markdown
    assert class_page.CLASS_PAGE not in str(site_nav(site))
    # The guide is a page of the course, and links to the class page (the check accepts it).
    assert f"]({class_page.CLASS_PAGE})" in site.reports[class_page.GUIDE_PAGE].text
    assert not [problem for problem in site.diagnostics if class_page.GUIDE_PAGE in problem.path]


def test_without_the_guide_the_class_page_has_no_link_to_it():
    markdown = class_page.class_page(None)
    assert class_page.GUIDE_PAGE not in markdown and "](" not in markdown


def test_a_writers_own_page_of_the_same_name_wins(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / class_page.CLASS_PAGE).write_text("---\ntitle: Lớp riêng\n---\n\n# Lớp riêng\n\nTrang của xã.\n", encoding="utf-8")
    site = read_course(Project.at(tmp_path), source_pages(content))
    assert class_page.CLASS_PAGE not in site.generated


def test_each_page_loads_only_its_own_extra_script(site):
    def scripts(page: str) -> list[str]:
        return re.findall(r'<script src="([^"]+)"', (site / page).read_text(encoding="utf-8"))

    assert progress.QR_SCRIPT in scripts("tien-do.html")
    assert class_page.CLASS_SCRIPT in scripts(class_page.CLASS_PAGE.replace(".md", ".html"))
    for page in ["index.html", "lam-quen-dien-thoai/index.html", "tien-do.html", "chung-nhan.html"]:
        assert class_page.CLASS_SCRIPT not in scripts(page), page
    for page in ["index.html", "lam-quen-dien-thoai/index.html", "chung-nhan.html", "lop-hoc-cua-toi.html"]:
        assert progress.QR_SCRIPT not in scripts(page), page
    # The vendored encoder ships with its licence; our class script and style are minified.
    assert (site / "assets/vendor/qrcodegen/LICENSE").read_text(encoding="utf-8").startswith("QR Code generator library")
    assert "\n  " not in (site / class_page.CLASS_SCRIPT).read_text(encoding="utf-8")
    assert (site / class_page.CLASS_STYLE).is_file()


def test_the_name_limit_is_the_same_in_python_and_javascript(monkeypatch):
    # The scripts read it from the course map the build writes (hvs.shared): no copy of their own.
    monkeypatch.setattr(progress, "NAME_LENGTH", 12)
    assert '"nameLength":12' in progress.course_script({"modules": []})
    assert 'maxlength="12"' in progress.progress_page()
    scripts = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "hocvuso/theme/assets/hocvuso").glob("*.js"))
    assert "hvs.shared.nameLength" in scripts and not re.search(r"NAME_LENGTH\s*=\s*\d", scripts)
