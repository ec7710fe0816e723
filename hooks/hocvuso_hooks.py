"""MkDocs adapter: hands MkDocs events to the hocvuso package. No rules live here."""

from __future__ import annotations

import logging
from html import unescape
from pathlib import Path

from mkdocs.structure.files import File, InclusionLevel

from hocvuso import course as course_pages
from hocvuso import answer_sheet, fence, module_test, offline, printing, progress
from hocvuso.checking import PageContext, QuizIds, check_bank, check_page, read_text
from hocvuso.diagnostics import WARNING
from hocvuso.escaping import escape_theme_meta
from hocvuso.facts import FactRegistry, expand_outside_quizzes
from hocvuso.glossary import PAGE as GLOSSARY_PAGE, glossary_markdown, read_glossary
from hocvuso.lesson_rules import HOME, LESSON, MODULE, page_kind
from hocvuso.minify import minify_assets
from hocvuso.project import Project
from hocvuso.search_index import INDEX_SCRIPT, SearchIndex

# A warning on a mkdocs.* logger fails `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.hocvuso")


class _Build:
    """What one build knows about the course; made anew by on_config (also on each `mkdocs serve` rebuild)."""

    project: Project
    registry = FactRegistry()
    course: course_pages.Course
    glossary: str = ""
    quiz_ids = QuizIds()
    search = SearchIndex()
    lesson_quizzes: dict = {}  # lesson path -> its quiz ids, for the progress map
    tests: dict = {}  # module folder -> progress.ModuleTest
    test_pages: dict = {}  # generated test page path -> Markdown
    bank_reports: list = []  # the module tests' banks, checked against the pages' quiz ids
    offline_site = offline.OfflineSite()
    serving = False  # `mkdocs serve`: the worker asks the network first for every file


_build = _Build()


def _report(problems) -> None:
    for problem in problems:
        (log.warning if problem.severity == WARNING else log.error)(problem.format())


def on_startup(command, dirty):
    _Build.serving = command == "serve"


def on_config(config):
    _build.project = Project.at(Path(config.config_file_path).parent, Path(config.docs_dir))
    _build.registry, problems = _build.project.load_facts()
    _report(problems)
    terms, problems = [], []
    if _build.project.glossary_path.exists():
        text = _build.project.glossary_path.read_text(encoding="utf-8")
        terms, problems = read_glossary(text, _build.project.shown(_build.project.glossary_path))
    _report(problems)
    _build.glossary = glossary_markdown(terms)
    _build.course = course_pages.load_course(Path(config.docs_dir))
    _build.bank_reports = []
    _build.tests, _build.test_pages = module_test.module_tests(_build.course, _build.project.root / "quizzes", _checked_bank)
    if not config.nav:
        after_lessons, after_modules = progress.nav_additions(_build.tests)
        config.nav = course_pages.nav(
            _build.course, (Path(config.docs_dir) / "index.md").exists(), after_lessons, after_modules)
    return config


def _checked_bank(path: Path):
    text, problems = read_text(path, _build.project.shown(path))
    if text is None:
        _report(problems)
        return None
    report = check_bank(_build.project.shown(path), text, _build.registry)
    _report(report.diagnostics)
    _build.bank_reports.append(report)
    checked = report.quizzes[0] if report.quizzes else None
    return checked.quiz if checked and not [p for p in report.diagnostics if p.severity != WARNING] else None


def on_pre_build(config):
    _build.quiz_ids.clear()
    _build.search.clear()
    _build.offline_site.clear()
    fence.forget_pages()


# Theme files the site never uses: Material's search worker and lunr language files (our
# search replaces them) and source maps. Learners copy the site to USB sticks: keep it small.
_UNUSED_THEME_FILES = ("assets/javascripts/workers/", "assets/javascripts/lunr/")


def on_files(files, config):
    for file in list(files):
        if file.src_uri.startswith(_UNUSED_THEME_FILES) or file.src_uri.endswith(".map"):
            files.remove(file)
    generated = {
        course_pages.COMPETENCE_PAGE: course_pages.competence_map(_build.course),
        GLOSSARY_PAGE: _build.glossary,
        progress.PROGRESS_PAGE: progress.progress_page(),
        progress.CERTIFICATE_PAGE: progress.certificate_page(config.site_name),
        **_build.test_pages,
    }
    for src_uri, content in generated.items():
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, content=content))
    # Volunteers' answer keys: linked from each module page, kept out of the menu.
    for src_uri, content in answer_sheet.answer_sheets(_build.course, Path(config.docs_dir), _build.registry).items():
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_page_read_source(page, config):
    if page.file.generated_by:
        return None
    path = _build.project.shown(Path(page.file.abs_src_path))
    text, problems = read_text(Path(page.file.abs_src_path), path)
    if text is None:
        _report(problems)
        return ""
    context = PageContext(page_kind(page.file.src_uri), _build.registry)
    report = check_page(path, text, context)
    _report(report.diagnostics + _build.quiz_ids.register(report))
    fence.remember_page(report)
    _build.lesson_quizzes[page.file.src_uri] = [checked.quiz.id for checked in report.quizzes if checked.quiz]
    return expand_outside_quizzes(report.text, _build.registry)


def on_page_markdown(markdown, page, config, files):
    kind = page_kind(page.file.src_uri)
    if kind == HOME:
        # "Bắt đầu học" / "Tiếp tục học" right under the title, where a learner looks first.
        start = progress.course_progress_markup(_build.course)
        return course_pages.insert_after_title(markdown, start) + course_pages.home_listing(_build.course)
    if kind == MODULE:
        folder = page.file.src_uri.split("/")[0]
        module = _build.course.module(folder)
        listing = course_pages.module_listing(module) + answer_sheet.module_link(module) + progress.module_progress_markup(folder) if module else ""
        return markdown + listing
    if kind == LESSON:
        lesson = _build.course.lesson(page.file.src_uri)
        if lesson and lesson.objectives:
            header = course_pages.lesson_header(lesson, _build.registry.expand)
            return course_pages.insert_after_title(markdown, header)
    return markdown


def on_page_content(html, page, config, files):
    description = page.meta.get("description") if page.meta else None
    html = printing.mark_address_links(html)
    # Answers stay out of learners' search; so do module tests (reached from their module page).
    if not answer_sheet.is_answer_sheet(page.file.src_uri) and page.file.src_uri not in _build.test_pages:
        # MkDocs titles are HTML text (see on_env); the index holds plain text.
        _build.search.add_page(page.url, unescape(page.title or ""), html, description if isinstance(description, str) else "")
    if page_kind(page.file.src_uri) == MODULE:
        html += offline.module_button(page.file.src_uri.split("/")[0])
    return html


def on_env(env, config, files):
    # Once every page is read: a bank shares learners' saved answers and results with any quiz
    # of the same id (a lesson's, or another module's bank), so its id must be unique too.
    for report in _build.bank_reports:
        _report(_build.quiz_ids.register(report))
    # Every page is read and indexed: from here on the theme writes titles and descriptions as HTML.
    for file in files.documentation_pages():
        if file.page is not None and file.page.meta:
            escape_theme_meta(file.page.meta)
    return env


def on_post_page(output, page, config):
    _build.offline_site.add_page(page.file.src_uri, page.url, output)
    return output


def on_post_build(config):
    target = Path(config.site_dir) / INDEX_SCRIPT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_build.search.script(), encoding="utf-8")
    course_map = progress.course_map(_build.course, _build.lesson_quizzes, _build.tests)
    (Path(config.site_dir) / progress.SCRIPT).write_text(progress.course_script(course_map), encoding="utf-8")
    if not _build.serving:  # authors debugging under `mkdocs serve` get the readable files
        minify_assets(Path(config.site_dir))
    # Last: the worker's cache version hashes every file written before it.
    modules = [module.folder for module in _build.course.modules]
    _build.offline_site.write(Path(config.site_dir), modules, (GLOSSARY_PAGE, "index.md"), assets_first=not _build.serving)
