"""What generated blocks say about modules and lessons: the home page's list of modules, a
module page's list of lessons, and the box under a lesson's title."""

from __future__ import annotations

from hocvuso.source.placeholders import PLACEHOLDER
from hocvuso.course.structure import Course, LessonInfo, ModuleInfo
from hocvuso.text.escaping import markdown_text


def minutes_text(minutes: int) -> str:
    return f"khoảng {minutes} phút" if minutes else ""


# Listings repeat titles and descriptions that the pages themselves hold: kept out of search,
# so a query finds the lesson, not every page that lists it.
_LISTING_START = '<div class="hvs-listing" markdown data-search-exclude>'


def home_listing(course: Course) -> str:
    lines = ["", "## Các chương học", "", _LISTING_START, ""]
    for number, module in enumerate(course.modules, start=1):
        summary = f"{len(module.lessons)} bài, {minutes_text(module.minutes)}"
        lines.append(f"{number}. [{markdown_text(module.title)}]({module.folder}/index.md): {summary}.")
        if module.description:
            lines.append(f"   {markdown_text(module.description)}")
    return "\n".join(lines + ["", "</div>"]) + "\n"


def module_listing(module: ModuleInfo) -> str:
    lines = ["", "## Các bài trong chương", "", _LISTING_START, ""]
    for number, lesson in enumerate(module.lessons, start=1):
        lesson_file = lesson.path.split("/", 1)[1]
        time = f" ({minutes_text(lesson.minutes)})" if lesson.minutes else ""
        lines.append(f"{number}. [{markdown_text(lesson.title)}]({lesson_file}){time}")
        if lesson.description:
            lines.append(f"   {markdown_text(lesson.description)}")
    return "\n".join(lines + ["", "</div>"]) + "\n"


def lesson_header(lesson: LessonInfo, expand=lambda text: text) -> str:
    """The box under a lesson's title: what the learner will be able to do, and how long it takes."""
    # hvs-lesson-header marks a lesson for reading.js (the "Nghe bài" button goes in this box).
    lines = ['!!! abstract hvs-lesson-header "Bài này giúp bạn"', ""]
    # Objectives are plain text; only their {{ fact:id }} placeholders become Markdown.
    lines += [f"    - {expand(markdown_text(objective, keep=PLACEHOLDER))}" for objective in lesson.objectives]
    if lesson.minutes:
        lines += ["", f"    Thời gian học: {minutes_text(lesson.minutes)}."]
    return "\n".join(lines) + "\n"
