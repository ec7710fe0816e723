"""One reading of the course: read, checked, then resolved, once; what every command shares.

`read_course` reads the facts and the glossary, checks every page and bank once, resolves the
facts inside their quizzes (a named step after the checks: the checks read quizzes as
written), and derives from those reports the course structure, quiz ids, module tests, the
progress map's quizzes and the generated pages. The result, a `CourseReading`, is frozen:
`hocvuso check`, `hocvuso export`, `hocvuso new` and the site build (build.py) are handed the
same one, so they accept and refuse exactly the same pages, links and quizzes. Nothing here
imports MkDocs.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Mapping

from hocvuso.catalogue import messages
from hocvuso.catalogue.diagnostics import ERROR, Diagnostic
from hocvuso.catalogue.site_paths import COURSE_LIST_PAGE
from hocvuso.check import style
from hocvuso.course import style_rules
from hocvuso.check.links import check_links, heading_anchors
from hocvuso.check.page_checks import PageContext, PageReport, QuizIds, check_bank, check_page
from hocvuso.source.files import read_text, read_texts
from hocvuso.check.rendered_fences import PageQuizzes
from hocvuso.course.facts import FactRegistry, expand_outside_quizzes, resolve_quiz_facts
from hocvuso.course.glossary import PAGE as GLOSSARY_PAGE, Term, glossary_markdown, read_glossary
from hocvuso.course.project import CourseSettings, Project
from hocvuso.course.structure import LESSON, Course, course_from_pages, page_kind
from hocvuso.pages.course_list import course_list_page
from hocvuso.pages.competence_map import COMPETENCE_PAGE, competence_map
from hocvuso.pages import answer_sheet, class_page, module_test, progress
from hocvuso.quiz.model import Quiz
from hocvuso.search import synonyms
from hocvuso.check.video import check_page_media, media_diagnostics, unused_media
from hocvuso.course.fields import NARRATION
from hocvuso.pages import video as video_markup
from hocvuso.source.blocks import QUIZ_LANGUAGE, VIDEO_LANGUAGE
from hocvuso.source.markdown_setup import new_markdown

QUIZ_BANK_SUFFIXES = (".yml", ".yaml")


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


@dataclass(frozen=True)
class CourseReading:
    """The course read once; frozen, its mappings read-only. Reports hold quizzes with facts resolved."""

    project: Project
    registry: FactRegistry
    diagnostics: tuple[Diagnostic, ...]  # every problem of the reading, in reading order
    reports: Mapping[str, PageReport]  # source pages (path inside content/) as checked, facts resolved in quizzes
    unreadable: frozenset[str]  # source pages that could not be read (reported)
    course: Course
    banks: Mapping[str, PageReport]  # quizzes/*.yml by shown path, facts resolved
    tests: Mapping[str, progress.ModuleTest]  # module folder -> its test
    glossary_terms: tuple[Term, ...]
    synonyms: tuple[tuple[str, ...], ...]  # groups of phrases the search treats alike
    generated: Mapping[str, GeneratedPage]
    lesson_quizzes: Mapping[str, tuple[str, ...]]  # page -> its quiz ids, in page order (the progress map)
    settings: CourseSettings = CourseSettings()  # what the course's configuration asks for (project.settings)

    def page_source(self, src_uri: str) -> str:
        """A source page's Markdown as it is built: checked, NFC, facts expanded outside quizzes."""
        report = self.reports.get(src_uri)
        return expand_outside_quizzes(report.text, self.registry, report.blocks) if report else ""

    def quiz_ids(self) -> set[str]:
        return {checked.quiz.id for report in [*self.reports.values(), *self.banks.values()]
                for checked in report.quizzes if checked.quiz}


def read_course(project: Project, pages: dict[str, Path], site_name: str = "") -> CourseReading:
    """The course read and checked once; `pages` maps a path inside content/ to its file and
    `site_name` goes on the certificate."""
    diagnostics: list[Diagnostic] = []
    registry, problems = project.load_facts()
    diagnostics += problems
    reports: dict[str, PageReport] = {}
    unreadable: set[str] = set()
    # The course's settings, read here once for the check and the build alike.
    settings, problems = project.settings()
    diagnostics += problems
    for src_uri, path in sorted(pages.items()):
        text, problems = read_text(path, project.shown(path))
        diagnostics += problems
        if text is None:
            unreadable.add(src_uri)
            continue
        reports[src_uri] = check_page(project.shown(path), text, PageContext(page_kind(src_uri), registry))
        reports[src_uri] = _with_media(reports[src_uri], src_uri, project, settings.media)
    diagnostics += unused_media(project.docs_dir, project.shown, {name for report in reports.values() for name in report.media.named},
                                [report.text for report in reports.values()])
    course = course_from_pages((src_uri, report.meta.values, report.text) for src_uri, report in reports.items())
    banks = _read_banks(project, registry, diagnostics)
    # After the checks, which read quizzes as written: the site shows and exports them resolved.
    reports, banks = resolve_facts(reports, registry), resolve_facts(banks, registry)
    ids = QuizIds()
    # Pages first, then banks: a bank shares saved answers with any quiz of the same id.
    for report in [*reports.values(), *banks.values()]:
        diagnostics += report.diagnostics + ids.register(report)
    valid_banks = {
        Path(report.path).stem: report.quizzes[0].quiz
        for report in banks.values()
        if report.quizzes and report.quizzes[0].quiz and not any(p.severity == ERROR for p in report.diagnostics)
    }
    tests, test_pages = module_test.module_tests(course, valid_banks)
    glossary_terms, glossary_text = _read_glossary(project, diagnostics)
    diagnostics += _check_style(project, reports, banks, glossary_terms, glossary_text)
    synonym_groups = _read_synonyms(project, diagnostics)
    generated = {page.path: page for page in _generated_pages(course, reports, unreadable, tests, glossary_terms,
                                                             test_pages, site_name)}
    anchors = _Anchors(project, reports, generated, unreadable)
    for src_uri, report in reports.items():
        diagnostics += check_links(report.path, report.text, src_uri, anchors.of, anchors.file_exists, report.blocks)
    lesson_quizzes = {src_uri: tuple(checked.quiz.id for checked in report.quizzes if checked.quiz)
                      for src_uri, report in reports.items()}
    return CourseReading(
        project, registry, tuple(diagnostics), MappingProxyType(reports), frozenset(unreadable), course,
        MappingProxyType(banks), MappingProxyType(tests), tuple(glossary_terms),
        tuple(tuple(group) for group in synonym_groups), MappingProxyType(generated), MappingProxyType(lesson_quizzes),
        settings)


def _with_media(report: PageReport, src_uri: str, project: Project, budget) -> PageReport:
    """The report with its videos and narration checked against their files (check/video.py)."""
    if not any(block.language == VIDEO_LANGUAGE for block in report.blocks) and NARRATION.name not in (report.meta.values or {}):
        return report
    media = check_page_media(report.path, src_uri, report.text, report.blocks, report.meta, project.docs_dir, budget)
    return dataclasses.replace(report, media=media, diagnostics=[*report.diagnostics, *media_diagnostics(media)])


def resolve_facts(reports: Mapping[str, PageReport], registry: FactRegistry) -> dict[str, PageReport]:
    """New reports whose checked quizzes have their {{ fact:id }} resolved (facts.resolve_quiz_facts);
    the reports given are left as the checks made them."""
    return {
        key: dataclasses.replace(report, quizzes=[
            dataclasses.replace(checked, quiz=resolve_quiz_facts(checked.quiz, registry)) if checked.quiz else checked
            for checked in report.quizzes])
        for key, report in reports.items()
    }


def _read_banks(project: Project, registry: FactRegistry, diagnostics: list[Diagnostic]) -> dict[str, PageReport]:
    banks = {}
    folder = project.quizzes_dir
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        if path.suffix not in QUIZ_BANK_SUFFIXES:
            continue
        shown = project.shown(path)
        text, problems = read_text(path, shown)
        diagnostics += problems
        if text is not None:
            banks[shown] = check_bank(shown, text, registry)
    return banks


def _read_glossary(project: Project, diagnostics: list[Diagnostic]) -> tuple[list[Term], str]:
    path = project.glossary_path
    if not path.exists():
        return [], ""
    text, problems = read_text(path, project.shown(path))
    diagnostics += problems
    terms, problems = read_glossary(text or "", project.shown(path))
    diagnostics += problems
    return terms, text or ""


def _check_style(project: Project, reports: Mapping[str, PageReport], banks: Mapping[str, PageReport],
                 glossary_terms: list[Term], glossary_text: str) -> list[Diagnostic]:
    """The plain-language rules of style.yml over every page, bank and the glossary."""
    texts, problems = read_texts(project.style_paths, project.shown)
    rules, wrong = style_rules.read_style(texts)
    problems += wrong
    if not texts:
        return problems
    checker = style.StyleChecker(rules, [(term.term, term.anchor) for term in glossary_terms])
    for src_uri, report in reports.items():
        skipped = set(range(1, report.meta.end_line + 1))
        quiz_lines = set()
        for block in report.blocks:
            lines = range(block.opener_line, block.end_line + 1)
            skipped.update(lines)
            if block.language == QUIZ_LANGUAGE:
                quiz_lines.update(lines)
        depth = src_uri.count("/")
        problems += checker.check(style.StyleFile(
            report.path, report.text, True, frozenset(skipped), frozenset(quiz_lines),
            "../" * depth + GLOSSARY_PAGE if page_kind(src_uri) == LESSON else None, _questions(report)))
    for report in banks.values():
        problems += checker.check(style.StyleFile(report.path, report.text, False, questions=_questions(report)))
    if glossary_text:
        shown = project.shown(project.glossary_path)
        problems += checker.check(style.StyleFile(shown, glossary_text, False))
        problems += style.check_definitions(shown, glossary_text, [(term.definition, term.line) for term in glossary_terms], rules)
    return problems


def _questions(report: PageReport) -> tuple:
    """(type, question, line) of a page's or a bank's checked questions, for the style rules."""
    return tuple((question.type, question.prompt, question.at.line)
                 for checked in report.quizzes if checked.quiz for question in checked.quiz.questions)


def _read_synonyms(project: Project, diagnostics: list[Diagnostic]) -> list[list[str]]:
    """synonyms.yml, then a fork's synonyms.local.yml (synonyms.py)."""
    texts, problems = read_texts(project.synonym_paths, project.shown)
    diagnostics += problems
    groups, problems = synonyms.read_synonyms(texts)
    diagnostics += problems
    return groups


def _generated_pages(course: Course, reports: Mapping[str, PageReport], unreadable: set[str], tests: Mapping,
                     glossary_terms: list[Term], test_pages: dict[str, str], site_name: str) -> list[GeneratedPage]:
    pages = [
        # Every module and lesson, linked from every page's menu (which carries only the page's module).
        GeneratedPage(COURSE_LIST_PAGE, course_list_page(course, test_pages), messages.COURSE_LIST_TITLE, searchable=False),
        GeneratedPage(progress.PROGRESS_PAGE, progress.progress_page(), "Tiến độ học"),
        # Earned by passing every module test: in the menu only when there are tests.
        GeneratedPage(progress.CERTIFICATE_PAGE, progress.certificate_page(site_name), "Giấy chứng nhận" if tests else None),
        GeneratedPage(COMPETENCE_PAGE, competence_map(course), "Bản đồ năng lực số"),
        GeneratedPage(GLOSSARY_PAGE, glossary_markdown(glossary_terms), "Từ điển"),
    ]
    # For volunteers, reached from their guide: out of the learners' menu and of search.
    pages.append(GeneratedPage(class_page.CLASS_PAGE, class_page.class_page(
        class_page.GUIDE_PAGE if class_page.GUIDE_PAGE in reports else None), searchable=False))
    # Module tests are reached from their module, answers are for volunteers: neither is searched.
    pages += [GeneratedPage(path, markdown, "Bài kiểm tra cuối chương", path.split("/")[0], searchable=False)
              for path, markdown in test_pages.items()]
    pages += [GeneratedPage(path, markdown, searchable=False)
              for path, markdown in answer_sheet.answer_sheets(course, reports).items()]
    # A writer's own page of the same name wins over a generated one.
    return [page for page in pages if page.path not in reports and page.path not in unreadable]


class _Anchors:
    """Pages' heading anchors for the link check, each page's read once (during the reading only)."""

    def __init__(self, project: Project, reports: Mapping[str, PageReport], generated: Mapping[str, GeneratedPage],
                 unreadable: set[str]) -> None:
        self.project, self.reports, self.generated, self.unreadable = project, reports, generated, unreadable
        self._found: dict[str, set[str] | None] = {}

    def of(self, page: str) -> set[str] | None:
        """A page's heading anchors, or None when no page of that name exists or is generated."""
        if page not in self._found:
            if page in self.reports:
                self._found[page] = heading_anchors(self.reports[page].text, self.reports[page].blocks)
            elif page in self.generated:
                self._found[page] = heading_anchors(self.generated[page].markdown)
            else:
                self._found[page] = set() if page in self.unreadable else None
        return self._found[page]

    def file_exists(self, path: str) -> bool:
        return (self.project.docs_dir / path).is_file()


# ---- The quiz fences, as the renderer meets them ---------------------------------------------

def fence_formatter(quizzes: PageQuizzes) -> Callable[..., str]:
    """The ```quiz fence of pymdownx.superfences (its signature) for one page: it is given that
    page's checked quizzes and can show no other page's."""

    videos = video_markup.PageVideos(quizzes.report.media.videos, quizzes.report.path, quizzes.diagnostics,
                                       quizzes.report.text)

    def format_quiz(source, language, class_name, options, md, **kwargs) -> str:
        if language == VIDEO_LANGUAGE:
            return videos.render(source)
        return quizzes.render(source)

    return format_quiz


def no_page_formatter() -> Callable[..., str]:
    """For a fence rendered outside any page the course read: it has no checked quiz, so it is
    never shown unchecked."""
    return fence_formatter(PageQuizzes(PageReport("", "")))


def page_quizzes(reading: CourseReading, src_uri: str) -> PageQuizzes:
    """A page's checked quizzes, ready to be matched with the fences one rendering finds; a page
    the course did not read (none is generated with fences) has none, so a fence there is never
    shown unchecked."""
    report = reading.reports.get(src_uri)
    return PageQuizzes(report if report is not None else PageReport(src_uri, ""))


@dataclass(frozen=True)
class RenderedPages:
    html: Mapping[str, str]  # source page -> its HTML as the build renders it
    diagnostics: tuple[Diagnostic, ...]


def render_pages(reading: CourseReading) -> RenderedPages:
    """Every source page rendered as the build does, for `hocvuso check`: the quizzes the renderer
    finds must be exactly the ones checked. Each page gets its own converter and quizzes."""
    html, problems = {}, []
    for src_uri, report in reading.reports.items():
        body = reading.page_source(src_uri).split("\n")[report.meta.end_line :]  # the engine strips front matter
        quizzes = page_quizzes(reading, src_uri)
        html[src_uri] = new_markdown(fence_formatter(quizzes)).convert("\n".join(body))
        problems += quizzes.finish(html[src_uri])
    return RenderedPages(MappingProxyType(html), tuple(problems))


def quizzes_by_place(reading: CourseReading) -> list[tuple[str, Quiz]]:
    """Every valid quiz of the course, facts resolved, with where it is written: its page's
    module folder ("chung" for a page outside modules) or quizzes/<bank>; pages, then banks."""
    items: list[tuple[str, Quiz]] = []
    for page, report in reading.reports.items():
        place = page.split("/")[0] if "/" in page else "chung"
        items += [(place, checked.quiz) for checked in report.quizzes if checked.quiz]
    for report in reading.banks.values():
        items += [(f"quizzes/{Path(report.path).stem}", checked.quiz) for checked in report.quizzes if checked.quiz]
    return items


def quiz_diagnostics(reading: CourseReading) -> list[Diagnostic]:
    """What makes a quiz wrong (not the style or link problems of the pages around it)."""
    return [problem for report in [*reading.reports.values(), *reading.banks.values()]
            for checked in report.quizzes for problem in checked.diagnostics]
