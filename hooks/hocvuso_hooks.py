"""MkDocs adapter: hands MkDocs events to the hocvuso package. No rules live here."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.structure.files import File

from hocvuso import course as course_pages
from hocvuso import fence
from hocvuso.checking import PageContext, QuizIds, check_page, read_text
from hocvuso.diagnostics import WARNING
from hocvuso.facts import FactRegistry, expand_outside_quizzes
from hocvuso.glossary import PAGE as GLOSSARY_PAGE, glossary_markdown, read_glossary
from hocvuso.lesson_rules import HOME, LESSON, MODULE, page_kind
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


_build = _Build()


def _report(problems) -> None:
    for problem in problems:
        (log.warning if problem.severity == WARNING else log.error)(problem.format())


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
    if not config.nav:
        config.nav = course_pages.nav(_build.course, (Path(config.docs_dir) / "index.md").exists())
    return config


def on_pre_build(config):
    _build.quiz_ids.clear()
    _build.search.clear()
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
    }
    for src_uri, content in generated.items():
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, content=content))
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
    return expand_outside_quizzes(report.text, _build.registry)


def on_page_markdown(markdown, page, config, files):
    kind = page_kind(page.file.src_uri)
    if kind == HOME:
        return markdown + course_pages.home_listing(_build.course)
    if kind == MODULE:
        module = _build.course.module(page.file.src_uri.split("/")[0])
        return markdown + course_pages.module_listing(module) if module else markdown
    if kind == LESSON:
        lesson = _build.course.lesson(page.file.src_uri)
        if lesson and lesson.objectives:
            header = course_pages.lesson_header(lesson, _build.registry.expand)
            return course_pages.insert_after_title(markdown, header)
    return markdown


def on_page_content(html, page, config, files):
    description = page.meta.get("description") if page.meta else None
    _build.search.add_page(page.url, page.title or "", html, description if isinstance(description, str) else "")
    return html


def on_post_build(config):
    target = Path(config.site_dir) / INDEX_SCRIPT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_build.search.script(), encoding="utf-8")
