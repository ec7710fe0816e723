"""One reading of the course, shared by `hocvuso check` and the site build.

A `CourseSite` is made once per build (and once per `hocvuso check`) from the list of source
pages: it reads the facts and the glossary, checks every page and bank once, and derives from
those reports everything else the site needs: the course structure, quiz ids, module tests,
answer keys, the progress map and the list of generated pages. The check and the build ask
the same object, so they accept and refuse exactly the same pages, links and quizzes. It
imports nothing from MkDocs; hooks/hocvuso_hooks.py hands it the engine's events.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

from hocvuso.pages import answer_sheet
from hocvuso.publish import assets
from hocvuso.pages import class_page
from hocvuso.publish import css_prune
from hocvuso.pages import module_test
from hocvuso.publish import offline
from hocvuso.pages import printing
from hocvuso.pages import progress
from hocvuso.pages import qr
from hocvuso.check import style
from hocvuso.search import synonyms
from hocvuso.pages import web_app
from hocvuso.source.blocks import QUIZ_LANGUAGE
from hocvuso.check.page_checks import PageContext, PageReport, QuizIds, check_bank, check_page, read_text
from hocvuso.course.structure import COMPETENCE_PAGE, Course, competence_map, course_from_pages, home_listing, insert_after_title
from hocvuso.course.structure import lesson_header, module_listing, nav as course_nav
from hocvuso.catalogue.diagnostics import ERROR, Diagnostic
from hocvuso.text.escaping import escape_theme_meta
from hocvuso.course.facts import expand_outside_quizzes
from hocvuso.check.rendered_fences import PageQuizzes
from hocvuso.course.glossary import PAGE as GLOSSARY_PAGE, Term, glossary_markdown, read_glossary
from hocvuso.course.lesson_rules import HOME, LESSON, MODULE, page_kind
from hocvuso.check.links import check_links, heading_anchors
from hocvuso.source.markdown_setup import new_markdown
from hocvuso.publish.minify import minify_assets
from hocvuso.course.project import Project
from hocvuso.search.index import SearchIndex

QUIZ_BANK_SUFFIXES = (".yml", ".yaml")
# Theme files the site never uses: Material's search worker and lunr language files (our
# search replaces them). Learners copy the site to USB sticks: keep it small.
UNUSED_THEME_FILES = ("assets/javascripts/workers/", "assets/javascripts/lunr/")


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build writes from the course: its Markdown and where learners reach it."""

    path: str  # inside content/
    markdown: str
    nav_title: str | None = None  # None: reached through links only, not in the menu
    module: str | None = None  # shown in this module's part of the menu (its test)
    searchable: bool = True


def source_pages(docs_dir: Path) -> dict[str, Path]:
    """The Markdown pages of content/ as the engine picks them: hidden files and folders
    (".git", ".obsidian") and MkDocs' `templates/` folder are left out."""
    pages = {}
    for folder, subfolders, files in os.walk(docs_dir):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            relative = path.relative_to(docs_dir).as_posix()
            if name.endswith(".md") and not name.startswith(".") and not relative.startswith("templates/"):
                pages[relative] = path
    return pages


class CourseSite:
    """The course read once, for one build or one check; nothing here outlives it."""

    def __init__(self, project: Project, pages: dict[str, Path], site_name: str = "", site_url: str | None = None,
                 edition: str = "web", site_description: str = "") -> None:
        self.project = project
        self.site_name, self.site_description = site_name, site_description  # the home-screen app's (web_app.py)
        self.site_url = site_url  # the site's public address: QR codes on lessons and modules (qr.py)
        # The ZIM edition (hocvuso/zim/edition.py) is read in Kiwix, offline already: no service worker,
        # no "download this module" button.
        self.zim_edition = edition == "zim"
        self.diagnostics: list[Diagnostic] = []
        self.registry, problems = project.load_facts()
        self.diagnostics += problems
        self.reports: dict[str, PageReport] = {}
        self.unreadable: set[str] = set()  # source pages that could not be read (reported)
        for src_uri, path in sorted(pages.items()):
            text, problems = read_text(path, project.shown(path))
            self.diagnostics += problems
            if text is None:
                self.unreadable.add(src_uri)
                continue
            self.reports[src_uri] = check_page(project.shown(path), text, PageContext(page_kind(src_uri), self.registry))
        self.course: Course = course_from_pages((src_uri, report.meta.values, report.text) for src_uri, report in self.reports.items())
        self.banks = self._read_banks()
        ids = QuizIds()
        # Pages first, then banks: a bank shares saved answers with any quiz of the same id.
        for report in [*self.reports.values(), *self.banks.values()]:
            self.diagnostics += report.diagnostics + ids.register(report)
        valid_banks = {
            Path(report.path).stem: report.quizzes[0].quiz
            for report in self.banks.values()
            if report.quizzes and report.quizzes[0].quiz and not any(p.severity == ERROR for p in report.diagnostics)
        }
        self.tests, test_pages = module_test.module_tests(self.course, valid_banks)
        self.glossary_terms, glossary_text = self._read_glossary()
        self.diagnostics += self._check_style(glossary_text)
        self.synonyms = self._read_synonyms()  # groups of phrases the search treats alike
        self.generated: dict[str, GeneratedPage] = {page.path: page for page in self._generated_pages(test_pages, site_name)}
        self._anchors: dict[str, set[str] | None] = {}
        for src_uri, report in self.reports.items():
            self.diagnostics += check_links(report.path, report.text, src_uri, self._anchors_of, self._file_exists, report.blocks)
        self.lesson_quizzes = {
            src_uri: [checked.quiz.id for checked in report.quizzes if checked.quiz] for src_uri, report in self.reports.items()
        }
        self._quizzes = {src_uri: PageQuizzes(report) for src_uri, report in self.reports.items()}
        self._rendering: str | None = None
        self.rendered_html: dict[str, str] = {}  # the check's own rendering (render_pages)
        # What the build collects from rendered pages.
        self.search = SearchIndex()
        self.offline = offline.OfflineSite()
        self._script_parts: list[str] = []  # our scripts, joined into one at build (assets.py)
        self._qr_images: dict[str, str] = {}  # lessons' QR code files: site path -> SVG (qr.py)

    # ---- Reading -------------------------------------------------------------------------

    def _read_banks(self) -> dict[str, PageReport]:
        banks = {}
        folder = self.project.quizzes_dir
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.suffix not in QUIZ_BANK_SUFFIXES:
                continue
            shown = self.project.shown(path)
            text, problems = read_text(path, shown)
            self.diagnostics += problems
            if text is not None:
                banks[shown] = check_bank(shown, text, self.registry)
        return banks

    def _read_glossary(self) -> tuple[list[Term], str]:
        path = self.project.glossary_path
        if not path.exists():
            return [], ""
        text, problems = read_text(path, self.project.shown(path))
        self.diagnostics += problems
        terms, problems = read_glossary(text or "", self.project.shown(path))
        self.diagnostics += problems
        return terms, text or ""

    def _check_style(self, glossary_text: str) -> list[Diagnostic]:
        """The plain-language rules of style.yml over every page, bank and the glossary."""
        paths = self.project.style_paths
        texts, problems = [], []
        for path in paths:
            text, unreadable = read_text(path, self.project.shown(path))
            problems += unreadable
            if text is not None:
                texts.append((self.project.shown(path), text))
        rules, wrong = style.read_style(texts)
        problems += wrong
        if not texts:
            return problems
        checker = style.StyleChecker(rules, [(term.term, term.anchor) for term in self.glossary_terms])
        for src_uri, report in self.reports.items():
            skipped = set(range(1, report.meta.end_line + 1))
            quiz_lines = set()
            for block in report.blocks:
                lines = range(block.opener_line, block.opener_line + block.body.count("\n") + 3)
                skipped.update(lines)
                if block.language == QUIZ_LANGUAGE:
                    quiz_lines.update(lines)
            depth = src_uri.count("/")
            problems += checker.check(style.StyleFile(
                report.path, report.text, True, frozenset(skipped), frozenset(quiz_lines),
                "../" * depth + GLOSSARY_PAGE if page_kind(src_uri) == LESSON else None, _questions(report)))
        for report in self.banks.values():
            problems += checker.check(style.StyleFile(report.path, report.text, False, questions=_questions(report)))
        if glossary_text:
            shown = self.project.shown(self.project.glossary_path)
            problems += checker.check(style.StyleFile(shown, glossary_text, False))
            problems += style.check_definitions(shown, glossary_text, [(term.definition, term.line) for term in self.glossary_terms], rules)
        return problems

    def _read_synonyms(self) -> list[list[str]]:
        """synonyms.yml, then a fork's synonyms.local.yml (synonyms.py)."""
        texts = []
        for path in self.project.synonym_paths:
            text, problems = read_text(path, self.project.shown(path))
            self.diagnostics += problems
            if text is not None:
                texts.append((self.project.shown(path), text))
        groups, problems = synonyms.read_synonyms(texts)
        self.diagnostics += problems
        return groups

    def _generated_pages(self, test_pages: dict[str, str], site_name: str) -> list[GeneratedPage]:
        pages = [
            GeneratedPage(progress.PROGRESS_PAGE, progress.progress_page(), "Tiến độ học"),
            # Earned by passing every module test: in the menu only when there are tests.
            GeneratedPage(progress.CERTIFICATE_PAGE, progress.certificate_page(site_name),
                          "Giấy chứng nhận" if self.tests else None),
            GeneratedPage(COMPETENCE_PAGE, competence_map(self.course), "Bản đồ năng lực số"),
            GeneratedPage(GLOSSARY_PAGE, glossary_markdown(self.glossary_terms), "Từ điển"),
        ]
        # For volunteers, reached from their guide: out of the learners' menu and of search.
        pages.append(GeneratedPage(class_page.CLASS_PAGE, class_page.class_page(
            class_page.GUIDE_PAGE if class_page.GUIDE_PAGE in self.reports else None), searchable=False))
        # Module tests are reached from their module, answers are for volunteers: neither is searched.
        pages += [GeneratedPage(path, markdown, "Bài kiểm tra cuối chương", path.split("/")[0], searchable=False)
                  for path, markdown in test_pages.items()]
        pages += [GeneratedPage(path, markdown, searchable=False)
                  for path, markdown in answer_sheet.answer_sheets(self.course, self.reports).items()]
        # A writer's own page of the same name wins over a generated one.
        return [page for page in pages if page.path not in self.reports and page.path not in self.unreadable]

    def _anchors_of(self, page: str) -> set[str] | None:
        """A page's heading anchors, or None when no page of that name exists or is generated."""
        if page not in self._anchors:
            if page in self.reports:
                self._anchors[page] = heading_anchors(self.reports[page].text, self.reports[page].blocks)
            elif page in self.generated:
                self._anchors[page] = heading_anchors(self.generated[page].markdown)
            else:
                self._anchors[page] = set() if page in self.unreadable else None
        return self._anchors[page]

    def _file_exists(self, path: str) -> bool:
        return (self.project.docs_dir / path).is_file()

    # ---- What the engine asks --------------------------------------------------------------

    def nav(self) -> list:
        """The site menu: modules and lessons in order, then the generated pages in the menu."""
        module_extras: dict[str, list[dict]] = {}
        course_extras = []
        for page in self.generated.values():
            if page.nav_title and page.module:
                module_extras.setdefault(page.module, []).append({page.nav_title: page.path})
            elif page.nav_title:
                course_extras.append({page.nav_title: page.path})
        return course_nav(self.course, "index.md" in self.reports, module_extras, course_extras)

    @staticmethod
    def publishes(src_uri: str) -> bool:
        """Whether a file of the theme or of content/ goes into the built site."""
        return not (src_uri.startswith(UNUSED_THEME_FILES) or src_uri.endswith(".map") or assets.is_template(src_uri))

    def page_scripts(self, extra_javascript: list, serving: bool) -> list:
        """What pages load: our scripts as one bundle in a build, as they are under `mkdocs serve`."""
        if self.zim_edition:
            extra_javascript = [entry for entry in extra_javascript if offline.SCRIPT not in (entry, getattr(entry, "path", None))]
        self._script_parts = [] if serving else assets.bundle_parts(extra_javascript)
        return assets.page_scripts(extra_javascript, serving)

    def page_source(self, src_uri: str) -> str:
        """A source page's Markdown as it is built: checked, NFC, facts expanded outside quizzes."""
        report = self.reports.get(src_uri)
        return expand_outside_quizzes(report.text, self.registry, report.blocks) if report else ""

    def page_markdown(self, src_uri: str, markdown: str) -> str:
        """The page's Markdown with what the course adds to it; the page is rendered next."""
        self._rendering = src_uri
        kind = page_kind(src_uri)
        if kind == HOME:
            # "Bắt đầu học" / "Tiếp tục học" right under the title, where a learner looks first.
            start = progress.course_progress_markup(self.course)
            return insert_after_title(markdown, start) + home_listing(self.course)
        if kind == MODULE:
            folder = src_uri.split("/")[0]
            module = self.course.module(folder)
            if module:
                return markdown + module_listing(module) + answer_sheet.module_link(module) + progress.module_progress_markup(folder)
        if kind == LESSON:
            lesson = self.course.lesson(src_uri)
            if lesson and lesson.objectives:
                return insert_after_title(markdown, lesson_header(lesson, self.registry.expand))
        return markdown

    def format_quiz(self, source, language, class_name, options, md, **kwargs) -> str:
        """The ```quiz fence of pymdownx.superfences: the block as the check read it."""
        quizzes = self._quizzes.get(self._rendering or "")
        if quizzes is None:  # a page the course did not read (none is generated with fences)
            quizzes = self._quizzes[self._rendering or ""] = PageQuizzes(PageReport(self._rendering or "", ""))
        return quizzes.render(source)

    def page_html(self, src_uri: str, url: str, title: str, description, html: str) -> tuple[str, list[Diagnostic]]:
        """After a page is rendered: what did not render as checked, its search sections, the module button."""
        quizzes = self._quizzes.get(src_uri)
        problems = quizzes.finish(html) if quizzes else []
        html = printing.mark_address_links(html)
        address = qr.page_address(self.site_url, url)
        if address and self.course.lesson(src_uri):
            image = qr.lesson_image(url)
            self._qr_images[image] = qr.qr_svg(address, standalone=True)
            html = qr.insert_after_heading(html, qr.lesson_block(address, image))
        generated = self.generated.get(src_uri)
        if generated is None or generated.searchable:
            # The engine's titles are HTML text (a title from a heading is rendered): the index holds plain text.
            self.search.add_page(url, unescape(title or ""), html, description if isinstance(description, str) else "")
        if page_kind(src_uri) == MODULE:
            if not self.zim_edition:
                html += offline.module_button(src_uri.split("/")[0])
            if address and self.course.module(src_uri.split("/")[0]):
                html += qr.module_block(address)
        return html, problems

    @staticmethod
    def escape_for_theme(metas) -> None:
        """Once every page is read and indexed: the theme writes front-matter titles and
        descriptions as HTML, so from here on they are escaped (once per page)."""
        for meta in metas:
            escape_theme_meta(meta)

    def page_written(self, src_uri: str, url: str, output: str) -> None:
        self.offline.add_page(src_uri, url, output)

    def write_outputs(self, site_dir: Path, serving: bool) -> None:
        """After every page is written: the search index, the course map, then the service worker."""
        self.search.write(site_dir)  # search/index.js and its shards
        (site_dir / synonyms.SCRIPT).write_text(synonyms.script(self.synonyms), encoding="utf-8")
        qr.write_images(site_dir, self._qr_images)
        course_map = progress.course_map(self.course, self.lesson_quizzes, self.tests)
        (site_dir / progress.SCRIPT).write_text(progress.course_script(course_map, offline=not self.zim_edition), encoding="utf-8")
        (site_dir / web_app.MANIFEST).write_text(web_app.manifest(self.site_name, self.site_description), encoding="utf-8")
        if not serving:  # authors debugging under `mkdocs serve` get the readable files
            assets.write_bundle(site_dir, self._script_parts)
            minify_assets(site_dir, minified=(assets.BUNDLE,))
            if css_prune.enabled():  # Material's stylesheet, cut to the rules our pages can use
                css_prune.prune_site(site_dir)
        if self.zim_edition:  # no worker, and its script (copied with the theme) is loaded by no page
            (site_dir / offline.SCRIPT).unlink(missing_ok=True)
            return
        # Last: the worker's cache version hashes every file written before it.
        modules = [module.folder for module in self.course.modules]
        self.offline.write(site_dir, modules, (GLOSSARY_PAGE, "index.md"), assets_first=not serving)

    # ---- `hocvuso check` -------------------------------------------------------------------

    def render_pages(self) -> list[Diagnostic]:
        """Renders every source page as the build does, for the check: the quizzes the renderer
        finds must be exactly the ones checked."""
        markdown = new_markdown(self.format_quiz)
        problems = []
        for src_uri, report in self.reports.items():
            body = self.page_source(src_uri).split("\n")[report.meta.end_line :]  # the engine strips front matter
            markdown.reset()
            self._rendering = src_uri
            html = self.rendered_html[src_uri] = markdown.convert("\n".join(body))
            problems += self._quizzes[src_uri].finish(html)
        self._rendering = None
        return problems

    def quiz_ids(self) -> set[str]:
        return {checked.quiz.id for report in [*self.reports.values(), *self.banks.values()]
                for checked in report.quizzes if checked.quiz}


def _questions(report: PageReport) -> tuple:
    """(type, question, line) of a page's or a bank's checked questions, for the style rules."""
    return tuple((question.type, question.prompt, question.at.line)
                 for checked in report.quizzes if checked.quiz for question in checked.quiz.questions)


@dataclass
class CheckResult:
    files: int
    quizzes: int
    diagnostics: list[Diagnostic] = field(default_factory=list)


def check_course(project: Project, roots: list[Path]) -> CheckResult:
    """`hocvuso check`: the course read and rendered as the build does; messages for the files
    under `roots` (and for the facts registry and the glossary, which every page uses)."""
    site = CourseSite(project, source_pages(project.docs_dir))
    problems = site.diagnostics + site.render_pages()
    course_files = {report.path for report in [*site.reports.values(), *site.banks.values()]}
    course_files |= {project.shown(project.docs_dir / src_uri) for src_uri in site.unreadable}
    wanted = [root.resolve() for root in roots]

    def under_roots(shown: str) -> bool:
        path = (project.root / shown).resolve()
        return any(path == root or path.is_relative_to(root) for root in wanted)

    selected = {path for path in course_files if under_roots(path)}
    result = CheckResult(len(selected), 0)
    result.quizzes = sum(len(report.quizzes) for report in [*site.reports.values(), *site.banks.values()] if report.path in selected)
    result.diagnostics = [problem for problem in problems if problem.path in selected or problem.path not in course_files]
    # Files outside the course (examples, drafts): checked alone, without the course's rules.
    for path in _files_outside(project, roots):
        shown = project.shown(path)
        text, problems = read_text(path, shown)
        result.files += 1
        result.diagnostics += problems
        if text is None:
            continue
        report = check_page(shown, text, PageContext(None, site.registry)) if path.suffix == ".md" else check_bank(shown, text, site.registry)
        result.quizzes += len(report.quizzes)
        result.diagnostics += report.diagnostics
    return result


def _files_outside(project: Project, roots: list[Path]) -> list[Path]:
    course = [project.docs_dir.resolve(), project.quizzes_dir.resolve()]
    found = []
    for root in roots:
        candidates = [root] if root.is_file() else sorted(path for path in root.rglob("*") if path.is_file())
        for path in candidates:
            hidden = root.is_dir() and any(part.startswith(".") for part in path.relative_to(root).parts)
            if path.suffix not in (".md", *QUIZ_BANK_SUFFIXES) or hidden:
                continue
            resolved = path.resolve()
            if not any(resolved.is_relative_to(folder) for folder in course):
                found.append(path)
    return found
