"""`hocvuso check`: the course read and rendered as the build does (reading.py), no build made."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hocvuso.catalogue.diagnostics import Diagnostic
from hocvuso.check.page_checks import PageContext, check_bank, check_page
from hocvuso.source.files import read_text
from hocvuso.course.project import Project

from .reading import QUIZ_BANK_SUFFIXES, read_course, render_pages, source_pages


@dataclass
class CheckResult:
    files: int
    quizzes: int
    diagnostics: list[Diagnostic] = field(default_factory=list)


def check_course(project: Project, roots: list[Path]) -> CheckResult:
    """`hocvuso check`: the course read and rendered as the build does; messages for the files
    under `roots` (and for the facts registry and the glossary, which every page uses)."""
    reading = read_course(project, source_pages(project.docs_dir))
    problems = [*reading.diagnostics, *render_pages(reading).diagnostics]
    course_files = {report.path for report in [*reading.reports.values(), *reading.banks.values()]}
    course_files |= {project.shown(project.docs_dir / src_uri) for src_uri in reading.unreadable}
    wanted = [root.resolve() for root in roots]

    def under_roots(shown: str) -> bool:
        path = (project.root / shown).resolve()
        return any(path == root or path.is_relative_to(root) for root in wanted)

    selected = {path for path in course_files if under_roots(path)}
    result = CheckResult(len(selected), 0)
    result.quizzes = sum(len(report.quizzes) for report in [*reading.reports.values(), *reading.banks.values()]
                         if report.path in selected)
    result.diagnostics = [problem for problem in problems if problem.path in selected or problem.path not in course_files]
    # Files outside the course (examples, drafts): checked alone, without the course's rules.
    for path in _files_outside(project, roots):
        shown = project.shown(path)
        text, problems = read_text(path, shown)
        result.files += 1
        result.diagnostics += problems
        if text is None:
            continue
        report = (check_page(shown, text, PageContext(None, reading.registry)) if path.suffix == ".md"
                  else check_bank(shown, text, reading.registry))
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
