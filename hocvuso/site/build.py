"""One build of the site from one reading of the course (reading.py).

A `BuildSession` is made per build (`mkdocs serve` makes one per rebuild) from a frozen
`CourseReading` and the build's settings. It answers the engine's page events (source,
Markdown, HTML, written page) and writes what the build adds to the site. Each page's ```quiz
fences are rendered by a formatter given that page's quizzes (`quiz_formatter`): no event
leaves a "current page" for another to read. It imports nothing from MkDocs;
hooks/hocvuso_hooks.py hands it the engine's events.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Callable, Mapping

from hocvuso.catalogue import messages, site_paths
from hocvuso.catalogue.diagnostics import Diagnostic
from hocvuso.check.rendered_fences import PageQuizzes
from hocvuso.course.glossary import PAGE as GLOSSARY_PAGE
from hocvuso.course.structure import HOME, LESSON, MODULE, PAGE, page_kind
from hocvuso.pages.listings import home_listing, lesson_header, module_listing
from hocvuso.site.menu import PageMenu, SiteMenu
from hocvuso.site.nav import nav as course_nav
from hocvuso.text.headings import insert_after_title
from hocvuso.pages import answer_sheet, printing, progress, qr, video, web_app
from hocvuso.publish import assets, css_prune, offline, security_policy, video_media
from hocvuso.publish.compact import compact_frame
from hocvuso.publish.minify import minify_assets
from hocvuso.search import synonyms
from hocvuso.search.index import SearchIndex
from hocvuso.text.escaping import escape_theme_meta

from .reading import CourseReading, fence_formatter, page_quizzes

# How a build knows it makes the ZIM edition (read by the hook, set by `hocvuso zim`).
EDITION_VARIABLE = "HOCVUSO_EDITION"
ZIM_EDITION = "zim"
WEB_EDITION = "web"
# Theme files the site never uses: Material's search worker and lunr language files (our
# search replaces them). Learners copy the site to USB sticks: keep it small.
UNUSED_THEME_FILES = ("assets/javascripts/workers/", "assets/javascripts/lunr/")


def requested_edition(environ: Mapping[str, str] | None = None) -> str:
    """The edition this build makes: "zim" when HOCVUSO_EDITION says so, else the web site."""
    value = (os.environ if environ is None else environ).get(EDITION_VARIABLE, "").strip().lower()
    return ZIM_EDITION if value == ZIM_EDITION else WEB_EDITION


@dataclass(frozen=True)
class BuildSettings:
    """What one build is asked for, beside the course."""

    site_name: str = ""
    site_description: str = ""  # with site_name: the home-screen app's (web_app.py)
    site_url: str | None = None  # the site's public address: QR codes on lessons and modules (qr.py)
    # The ZIM edition (hocvuso/zim/edition.py) is read in Kiwix, offline already: no service worker,
    # no "download this module" button.
    edition: str = WEB_EDITION
    serving: bool = False  # `mkdocs serve`: readable assets, and the worker asks the network first
    ordered_path: bool = False  # lessons open in order, a fork's choice (project.ordered_path)

    @property
    def zim_edition(self) -> bool:
        return self.edition == ZIM_EDITION


def publishes(src_uri: str) -> bool:
    """Whether a file of the theme or of content/ goes into the built site."""
    return not (src_uri.startswith(UNUSED_THEME_FILES) or src_uri.endswith(".map") or assets.is_template(src_uri))


def site_nav(reading: CourseReading) -> list:
    """The site menu: modules and lessons in order, then the generated pages in the menu."""
    module_extras: dict[str, list[dict]] = {}
    leading, course_extras = [], []
    for page in reading.generated.values():
        if page.nav_title and page.module:
            module_extras.setdefault(page.module, []).append({page.nav_title: page.path})
        elif page.nav_title:
            # The course list right after home: every page's menu leads with both (menu.py).
            (leading if page.path == site_paths.COURSE_LIST_PAGE else course_extras).append({page.nav_title: page.path})
    return course_nav(reading.course, "index.md" in reading.reports, module_extras, course_extras, first_pages=leading)


def _path_pages(reading: CourseReading) -> frozenset[str]:
    """The pages the ordered path can close: every lesson the course map counts (one with a review
    quiz) but the first, and every module test."""
    lessons = [lesson.path for module in reading.course.modules for lesson in module.lessons if reading.lesson_quizzes.get(lesson.path)]
    return frozenset(lessons[1:]) | {test.page for test in reading.tests.values()}


def site_menu(nav_items) -> SiteMenu:
    """The nav as every page's menu needs it (menu.py), read once per build from the engine's nav."""
    return SiteMenu.from_nav(nav_items, site_paths.COURSE_LIST_PAGE)


class BuildSession:
    """One build: the reading it shows, and what it collects from the rendered pages."""

    def __init__(self, reading: CourseReading, settings: BuildSettings, extra_javascript: list) -> None:
        self.reading, self.settings = reading, settings
        if settings.zim_edition:
            extra_javascript = [entry for entry in extra_javascript if offline.SCRIPT not in (entry, getattr(entry, "path", None))]
        # What pages load: our scripts as one bundle in a build, as they are under `mkdocs serve`.
        self.scripts = assets.page_scripts(extra_javascript, settings.serving)
        self._script_parts = [] if settings.serving else assets.bundle_parts(extra_javascript)  # joined at the end (assets.py)
        self._quizzes: dict[str, PageQuizzes] = {}  # each page's, from its rendering to its HTML event
        self.search = SearchIndex()
        self.offline = offline.OfflineSite()
        self._qr_images: dict[str, str] = {}  # lessons' QR code files: site path -> SVG (qr.py)
        self._menu = site_menu(())  # until the engine's nav is read
        self._path_pages = _path_pages(reading) if settings.ordered_path else frozenset()

    def path_may_close(self, src_uri: str) -> bool:
        """Whether the ordered path may close this page (hocvuso/theme/main.html marks it, so that
        its content waits hidden until ordered-path.js has decided: no closed content flashes)."""
        return src_uri in self._path_pages

    def nav_read(self, nav_items) -> None:
        """The engine's nav, once per build: what every page's menu is cut from (menu.py)."""
        self._menu = site_menu(nav_items)

    def page_menu(self, page) -> PageMenu:
        """The menu one page carries (hocvuso/theme/partials/nav.html): its module, not the course."""
        return self._menu.for_page(page)

    def page_source(self, src_uri: str) -> str:
        """A source page's Markdown as it is built: checked, NFC, facts expanded outside quizzes."""
        return self.reading.page_source(src_uri)

    def page_markdown(self, src_uri: str, markdown: str) -> str:
        """The page's Markdown with what the course adds to it."""
        course, kind = self.reading.course, page_kind(src_uri)
        if kind == HOME:
            # "Bắt đầu học" / "Tiếp tục học" right under the title, where a learner looks first.
            return insert_after_title(markdown, progress.course_progress_markup(course)) + home_listing(course)
        if kind == MODULE:
            folder = src_uri.split("/")[0]
            module = course.module(folder)
            if module:
                return markdown + module_listing(module) + answer_sheet.module_link(module) + progress.module_progress_markup(folder)
        if kind == LESSON:
            lesson = course.lesson(src_uri)
            report = self.reading.reports.get(src_uri)
            narration = report.media.narration if report else None
            # The recorded narration goes under the header box, where "Nghe bài" is.
            added = (lesson_header(lesson, self.reading.registry.expand) if lesson and lesson.objectives else "")
            added += f"\n{video.narration_html(narration)}\n" if narration else ""
            if added:
                return insert_after_title(markdown, added)
        if kind == PAGE:
            # A guide page may carry a narration too (the writers' guide shows one), under its title.
            report = self.reading.reports.get(src_uri)
            if report and report.media.narration:
                return insert_after_title(markdown, f"\n{video.narration_html(report.media.narration)}\n")
        return markdown

    def quiz_formatter(self, src_uri: str) -> Callable[..., str]:
        """The ```quiz fence formatter for one rendering of `src_uri`, given that page's checked
        quizzes; what it did not render as checked is reported by `page_html` of the same page."""
        quizzes = self._quizzes[src_uri] = page_quizzes(self.reading, src_uri)
        return fence_formatter(quizzes)

    def page_html(self, src_uri: str, url: str, title: str, description, html: str) -> tuple[str, list[Diagnostic]]:
        """After a page is rendered: what did not render as checked, its search sections, the module button."""
        quizzes = self._quizzes.pop(src_uri, None)
        problems = quizzes.finish(html) if quizzes else []
        html = printing.mark_address_links(html)
        course = self.reading.course
        address = qr.page_address(self.settings.site_url, url)
        if address and course.lesson(src_uri):
            image = qr.lesson_image(url)
            self._qr_images[image] = qr.qr_svg(address, standalone=True)
            html = qr.insert_after_heading(html, qr.lesson_block(address, image))
        generated = self.reading.generated.get(src_uri)
        if generated is None or generated.searchable:
            # The engine's titles are HTML text (a title from a heading is rendered): the index holds plain text.
            self.search.add_page(url, unescape(title or ""), html, description if isinstance(description, str) else "")
        if page_kind(src_uri) == MODULE:
            if not self.settings.zim_edition:
                html += offline.module_button(src_uri.split("/")[0])
            if address and course.module(src_uri.split("/")[0]):
                html += qr.module_block(address)
        return html, problems

    @staticmethod
    def escape_for_theme(metas) -> None:
        """Once every page is read and indexed: the theme writes front-matter titles and
        descriptions as HTML, so from here on they are escaped (once per page)."""
        for meta in metas:
            escape_theme_meta(meta)

    def page_written(self, src_uri: str, url: str, output: str, content: str = "") -> tuple[str, list[Diagnostic]]:
        """The page as it is written: its security policy first in <head> (security_policy.py),
        allowing the theme's inline scripts and never one inside the page's own `content` (one
        there slipped past the check: an error, and it does not run). Not under `mkdocs serve`,
        whose live reload adds an inline script to every page after this event, one no hash of
        ours could allow."""
        problems = []
        if security_policy.content_scripts(content):
            shown = self.reading.reports[src_uri].path if src_uri in self.reading.reports else src_uri
            problems.append(Diagnostic(shown, 0, 0, messages.script_in_page()))
        output = compact_frame(output)  # the frame is what learners pay for on every page
        if not self.settings.serving:
            output = security_policy.with_policy(output, kiwix=self.settings.zim_edition, content=content)
        self.offline.add_page(src_uri, url, output)
        return output, problems

    def template_written(self, name: str, output: str) -> str:
        """A page of the theme that is no page of the course (404.html): its policy too."""
        if name.endswith(".html") and not self.settings.serving:
            return security_policy.with_policy(output, kiwix=self.settings.zim_edition)
        return output

    def write_outputs(self, site_dir: Path) -> None:
        """After every page is written: the search index, the course map, then the service worker."""
        reading, settings = self.reading, self.settings
        self.search.write(site_dir)  # search/index.js and its shards
        groups = [list(group) for group in reading.synonyms]
        (site_dir / synonyms.SCRIPT).write_text(synonyms.script(groups), encoding="utf-8")
        qr.write_images(site_dir, self._qr_images)
        video_media.write_posters(reading.project.docs_dir, site_dir, [
            item.poster_made for report in reading.reports.values() for item in report.media.videos if item.ok and item.poster_made])
        lesson_quizzes = {page: list(ids) for page, ids in reading.lesson_quizzes.items()}
        course_map = progress.course_map(reading.course, lesson_quizzes, dict(reading.tests))
        (site_dir / site_paths.COURSE_SCRIPT).write_text(progress.course_script(
            course_map, offline=not settings.zim_edition, ordered=settings.ordered_path), encoding="utf-8")
        (site_dir / web_app.MANIFEST).write_text(web_app.manifest(settings.site_name, settings.site_description), encoding="utf-8")
        if not settings.serving:  # authors debugging under `mkdocs serve` get the readable files
            assets.write_bundle(site_dir, self._script_parts)
            minify_assets(site_dir, minified=(assets.BUNDLE,))
            if css_prune.enabled():  # Material's stylesheet, cut to the rules our pages can use
                css_prune.prune_site(site_dir)
        if settings.zim_edition:  # no worker, and its scripts (copied with the theme) are loaded by no page
            for script in (offline.SCRIPT, site_paths.OFFLINE_MODULE_SCRIPT):
                (site_dir / script).unlink(missing_ok=True)
            return
        # Last: the worker's cache version hashes every file written before it.
        modules = [module.folder for module in reading.course.modules]
        self.offline.write(site_dir, modules, (GLOSSARY_PAGE, "index.md"), assets_first=not settings.serving)
