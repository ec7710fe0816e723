"""The menu a page carries (issue #27): its own module, not the course (hocvuso/site/menu.py,
hocvuso/theme/partials/nav.html), the course-list page, and the frame's budget on a generated course."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field

import pytest

import bench
from conftest import ROOT, mkdocs_build, write_child_config
from hocvuso.catalogue.site_paths import COURSE_LIST_PAGE
from hocvuso.site.menu import SiteMenu
from page_weight import FRAME_GZIP_BUDGET, GENERATED_LESSON_GZIP_BUDGET, frame, gzipped6


# ---- The rule, on duck-typed nav items (MkDocs' Page, Section) ----

@dataclass(eq=False)
class File:
    src_uri: str


@dataclass(eq=False)
class Page:
    title: str
    src_uri: str
    is_homepage: bool = False
    parent: object = None
    is_page: bool = True

    @property
    def file(self):
        return File(self.src_uri)

    @property
    def url(self):
        return self.src_uri.replace(".md", ".html")

    @property
    def is_index(self):
        return self.src_uri.endswith("index.md")


@dataclass(eq=False)
class Section:
    title: str
    children: list = field(default_factory=list)
    parent: object = None
    is_page: bool = False


def course_nav(modules: int = 3, lessons: int = 4):
    home, course_list = Page("Trang chủ", "index.md", is_homepage=True), Page("Tất cả các chương", COURSE_LIST_PAGE)
    sections = []
    for m in range(1, modules + 1):
        section = Section(f"Chương {m}")
        section.children = [Page(f"Chương {m}", f"c{m}/index.md", parent=section)]
        section.children += [Page(f"Bài {m}.{n}", f"c{m}/bai-{n}.md", parent=section) for n in range(1, lessons + 1)]
        section.children.append(Page("Bài kiểm tra cuối chương", f"c{m}/kiem-tra.md", parent=section))
        sections.append(section)
    pages = [Page("Tiến độ học", "tien-do.md"), Page("Từ điển", "tu-dien.md")]
    return [home, course_list, *sections, *pages], sections


def test_a_lesson_carries_home_the_course_list_and_its_module_only():
    items, sections = course_nav()
    lesson = sections[1].children[2]
    menu = SiteMenu.from_nav(items, COURSE_LIST_PAGE).for_page(lesson)
    assert menu.home.url == "index.html" and menu.course_list.url == "cac-chuong.html"
    assert menu.modules == ()  # no other module
    assert menu.module.title == "Chương 2" and menu.module.index.url == "c2/index.html" and not menu.module.index.current
    assert [link.title for link in menu.module.links] == ["Bài 2.1", "Bài 2.2", "Bài 2.3", "Bài 2.4", "Bài kiểm tra cuối chương"]
    assert [link.current for link in menu.module.links] == [False, True, False, False, False]
    assert menu.pages == ()  # the top-level pages: on the home page and the course list


def test_a_module_page_is_its_module_link_marked():
    items, sections = course_nav()
    menu = SiteMenu.from_nav(items, COURSE_LIST_PAGE).for_page(sections[0].children[0])
    assert menu.module.index.current and not any(link.current for link in menu.module.links)


def test_the_home_page_and_pages_outside_modules_list_every_module_as_one_link():
    items, sections = course_nav()
    site_menu = SiteMenu.from_nav(items, COURSE_LIST_PAGE)
    for page in (items[0], items[1], items[-1], None):  # home, the course list, a top-level page, 404.html
        menu = site_menu.for_page(page)
        assert menu.module is None
        assert [link.title for link in menu.pages] == ["Tiến độ học", "Từ điển"]
        if page is items[1]:  # the course list lists the modules itself: its menu does not repeat them
            assert menu.modules == ()
            continue
        assert [(link.title, link.url, link.section) for link in menu.modules] == [
            (f"Chương {m}", f"c{m}/index.html", True) for m in (1, 2, 3)]
    assert site_menu.for_page(items[1]).course_list.current and site_menu.for_page(items[0]).home.current


def test_a_page_kept_out_of_the_nav_inside_a_module_gets_that_module():
    items, sections = course_nav()
    answers = Page("Đáp án", "c3/dap-an.md")  # NOT_IN_NAV: no parent
    menu = SiteMenu.from_nav(items, COURSE_LIST_PAGE).for_page(answers)
    assert menu.module.title == "Chương 3" and not any(link.current for link in menu.module.links)


def test_a_page_menu_does_not_grow_with_the_course():
    small, _ = course_nav(modules=3)
    large, sections = course_nav(modules=300)
    lesson = sections[1].children[2]
    sizes = [len(SiteMenu.from_nav(items, COURSE_LIST_PAGE).for_page(page).module.links)
             for items, page in ((small, course_nav(modules=3)[1][1].children[2]), (large, lesson))]
    assert sizes == [5, 5]


# ---- Built: a generated course of 300 lessons, 10 a module, with the course's config ----

LESSONS = 300
FIXTURE = ROOT / "tests" / "fixtures" / "khoa-nho"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    (folder / "content").mkdir()
    paths, _, _ = bench.make_course(folder / "content", LESSONS, per_module=10)
    result = mkdocs_build(write_child_config(folder), folder / "site")
    assert result.returncode == 0, result.stderr
    return folder / "site", [path.replace(".md", ".html") for path in paths]


def test_the_frame_around_a_lesson_fits_the_budget_on_a_large_course(generated):
    site, lessons = generated
    pages = {path: (site / path).read_text(encoding="utf-8") for path in lessons}
    frames = {path: gzipped6(frame(html).encode()) for path, html in pages.items()}
    heaviest = max(frames, key=frames.get)
    assert frames[heaviest] <= FRAME_GZIP_BUDGET, (heaviest, frames[heaviest])
    weights = {path: gzipped6(html.encode()) for path, html in pages.items()}
    assert max(weights.values()) <= GENERATED_LESSON_GZIP_BUDGET, max(weights.items(), key=lambda kv: kv[1])


def test_a_lesson_menu_lists_its_module_only_and_marks_the_lesson(generated):
    site, lessons = generated
    html = (site / lessons[42]).read_text(encoding="utf-8")
    menu = html[html.index('<nav class="md-nav md-nav--primary"'):html.index('<div class="md-sidebar md-sidebar--secondary"')]
    module = lessons[42].split("/")[0]
    links = re.findall(r'<a href="([^"]+)" class="md-nav__link', menu)
    assert '../cac-chuong.html' in links and '../index.html' in links
    assert not [link for link in links if link.startswith("../module-")]  # no other module's page or lesson
    lesson_links = [link for link in links if link.startswith("bai-")]
    assert len(lesson_links) == 10
    name = lessons[42].split("/")[1]
    assert f'<a href="{name}" class="md-nav__link md-nav__link--active" aria-current="page">' in menu
    assert not re.search(r">\s{2,}<", menu)  # compact


def test_the_home_page_lists_every_module_in_its_menu(generated):
    site, lessons = generated
    html = (site / "index.html").read_text(encoding="utf-8")
    menu = html[html.index('<nav class="md-nav md-nav--primary"'):html.index("</nav></div>") if "</nav></div>" in html else None]
    modules = sorted({path.split("/")[0] for path in lessons})
    assert all(f'href="{module}/index.html" class="md-nav__link"' in menu for module in modules)


def test_the_course_list_links_every_lesson_with_each_module_progress_and_is_not_searched(generated):
    site, lessons = generated
    html = (site / "cac-chuong.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    assert "<h1" in article and "Tất cả các chương" in article
    for path in lessons:
        assert f'href="{path}"' in article
    modules = sorted({path.split("/")[0] for path in lessons})
    assert all(f'data-hvs-progress="{module}"' in article for module in modules)
    assert article.count("<ol>") == len(modules)  # lessons in ordered lists: progress.js ticks them
    assert "data-search-exclude" in article
    searched = [path for path in (site / "search").rglob("*") if path.is_file() and "cac-chuong.html" in path.read_text(encoding="utf-8")]
    assert not searched
    assert any("bai-001.html" in path.read_text(encoding="utf-8") for path in (site / "search").rglob("*.js"))
    # Its frame does not grow with the course: no table of contents of the modules (twice: the side
    # one, and under the page in the menu) and no menu of the modules it lists itself.
    frame_links = frame(html).count("md-nav__link")
    assert 'data-md-component="toc"' not in html
    assert frame_links < 20, frame_links


# ---- A fork that switches Material's menu features on ----

@pytest.mark.parametrize("features, classes", [
    (["navigation.tabs", "navigation.indexes"], ["md-nav--lifted", "md-nav__item--section"]),
    (["toc.integrate", "navigation.indexes"], ["md-nav--integrated"]),
    (["navigation.tabs", "navigation.sections", "toc.integrate", "navigation.expand"],
     ["md-nav--lifted", "md-nav--integrated", "md-nav__item--section"]),
])
def test_a_fork_with_material_menu_features_builds_and_gets_a_working_menu(tmp_path, features, classes):
    shutil.copytree(FIXTURE, tmp_path / "khoa", dirs_exist_ok=True)
    folder = tmp_path / "khoa"
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: content\nhooks:\n  - {ROOT / 'hooks' / 'hocvuso_hooks.py'}\n"
        f"theme:\n  custom_dir: {ROOT / 'overrides'}\n  features:\n" + "".join(f"    - {name}\n" for name in features),
        encoding="utf-8")
    result = mkdocs_build(config, folder / "site")
    assert result.returncode == 0, result.stderr
    html = (folder / "site" / "mo-dau" / "01-bai-1.html").read_text(encoding="utf-8")
    menu = html[html.index('<nav class="md-nav md-nav--primary'):]
    assert all(name in menu[:menu.index(">")] or name in menu for name in classes), classes
    assert 'class="md-nav__link md-nav__link--active" aria-current="page"' in menu
    assert 'href="../cac-chuong.html"' in menu and 'href="02-bai-2.html"' in menu
    if "toc.integrate" in features:  # no side table of contents: it is in the menu, under the lesson
        assert "md-sidebar--secondary" not in html and 'data-md-component="toc"' in menu
    if "navigation.tabs" in features:
        assert 'class="md-tabs"' in html
