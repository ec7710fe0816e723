"""The course-list page ("Tất cả các chương"): every module with its progress bar, its lessons as an
ordered list of links and its test. Every page's menu links to it (hocvuso/site/menu.py), so any
lesson is one tap away from it however large the course is, while each page carries only its
own module's menu.

Plain links (no script needed; progress.js adds the bars and the ticks: `data-hvs-progress`
boxes, `.md-typeset ol a[href]`), kept out of the search as listings are.
"""

from __future__ import annotations

import json

from hocvuso.catalogue import messages
from hocvuso.catalogue.site_paths import COURSE_LIST_PAGE
from hocvuso.course.structure import Course
from hocvuso.text.escaping import html_text, markdown_text


def course_list_page(course: Course, test_pages: dict[str, str]) -> str:
    """The page's Markdown; `test_pages` are the module tests' pages (module_test.module_tests)."""
    tests = {path.split("/", 1)[0]: path for path in test_pages}
    # No table of contents: a heading per module, on a page that is itself the list of modules
    # (at 10,000 lessons the two copies of it were 20 KB gzip).
    # JSON strings are YAML: the description holds ": ", which plain YAML would read as a mapping.
    lines = ["---", f"title: {json.dumps(messages.COURSE_LIST_TITLE, ensure_ascii=False)}",
             f"description: {json.dumps(messages.COURSE_LIST_DESCRIPTION, ensure_ascii=False)}",
             "hide:", "  - toc", "---", "",
             f"# {messages.COURSE_LIST_TITLE}", "", messages.COURSE_LIST_INTRO, "",
             '<div class="hvs-listing hvs-course-list" markdown data-search-exclude>', ""]
    for module in course.modules:
        title = markdown_text(module.title)
        lines += [f"## [{title}]({module.folder}/index.md)" if module.has_index else f"## {title}", "",
                  f'<div class="hvs-progress" data-hvs-progress="{html_text(module.folder)}"></div>', ""]
        lines += [f"{number}. [{markdown_text(lesson.title)}]({lesson.path})"
                  for number, lesson in enumerate(module.lessons, start=1)]
        if module.folder in tests:
            lines += ["", f"[{messages.MODULE_TEST_LINK}]({tests[module.folder]})"]
        lines.append("")
    return "\n".join(lines + ["</div>", ""])


__all__ = ["COURSE_LIST_PAGE", "course_list_page"]
