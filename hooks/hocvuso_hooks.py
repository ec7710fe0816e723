"""MkDocs adapter: hands MkDocs events to the hocvuso package. No rules live here."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from hocvuso import fence
from hocvuso.checking import QuizIds, check_page, read_text
from hocvuso.course import section_title
from hocvuso.diagnostics import WARNING

# A warning on a mkdocs.* logger fails `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.hocvuso")
_quiz_ids = QuizIds()


def _shown_path(config, abs_path: str) -> str:
    """Paths in messages are relative to the repository, e.g. content/bai.md."""
    return os.path.relpath(abs_path, os.path.dirname(config.config_file_path or "."))


def on_pre_build(config):
    _quiz_ids.clear()
    fence.forget_pages()


def on_page_read_source(page, config):
    path = _shown_path(config, page.file.abs_src_path)
    text, problems = read_text(Path(page.file.abs_src_path), path)
    if text is None:
        for problem in problems:
            log.error(problem.format())
        return ""
    report = check_page(path, text)
    for problem in report.diagnostics + _quiz_ids.register(report):
        (log.warning if problem.severity == WARNING else log.error)(problem.format())
    fence.remember_page(report)
    return report.text


def on_nav(nav, config, files):
    # Section titles come from the folder's index.md, so they keep their Vietnamese accents.
    def visit(items):
        for item in items:
            if item.is_section:
                index = next((child for child in item.children if child.is_page and child.file.name == "index"), None)
                if index is not None:
                    title = section_title(index.file.abs_src_path)
                    if title:
                        item.title = title
                visit(item.children)

    visit(nav.items)
    return nav
