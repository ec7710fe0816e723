"""The site's menu: MkDocs' `nav` list, made from the course's structure (never written by hand)."""

from __future__ import annotations

from hocvuso.course.structure import Course
from hocvuso.text.escaping import html_text

HOME_TITLE = "Trang chủ"


def nav(course: Course, has_home: bool, module_extras: dict[str, list[dict]], course_extras: list[dict],
        first_pages: list[dict] = ()) -> list:
    """A MkDocs `nav`: home, `first_pages` (the course list), the modules in order (index first,
    then lessons, then the module's generated pages such as its test), the generated pages about
    the whole course, the rest."""
    # The theme writes nav titles as HTML (as MkDocs' own titles from headings are): escaped here.
    items: list = [{HOME_TITLE: "index.md"}] if has_home else []
    items += first_pages
    for module in course.modules:
        children: list = [f"{module.folder}/index.md"] if module.has_index else []
        children += [{html_text(lesson.title): lesson.path} for lesson in module.lessons]
        children += module_extras.get(module.folder, [])
        items.append({html_text(module.title): children})
    items += course_extras
    items += [{html_text(title): path} for path, title in course.pages]
    return items
