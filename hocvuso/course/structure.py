"""The course's structure, read from folders and front matter, and the pages generated from it.

Adding a lesson never means editing a nav list: modules are the folders of content/, ordered
by their index.md's `order`; lessons are ordered by theirs (forks depend on this).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Iterable

from . import fields
from .competences import FRAMEWORKS
from hocvuso.text.escaping import html_text, markdown_text
from .facts import PLACEHOLDER
from .lesson_rules import LESSON, MODULE, page_kind
from hocvuso.text.normalise import nfc

COMPETENCE_PAGE = "nang-luc-so.md"
HOME_TITLE = "Trang chủ"


@dataclass
class LessonInfo:
    path: str  # inside content/, with "/" separators
    title: str
    description: str
    order: int
    minutes: int
    objectives: list[str]
    competences: dict[str, list[str]]


@dataclass
class ModuleInfo:
    folder: str
    title: str
    description: str
    order: int
    lessons: list[LessonInfo] = field(default_factory=list)
    has_index: bool = True
    test_settings: dict = field(default_factory=dict)  # `test:` of its index.md (module_test.py)

    @property
    def minutes(self) -> int:
        return sum(lesson.minutes for lesson in self.lessons)


@dataclass
class Course:
    modules: list[ModuleInfo]
    pages: list[tuple[str, str]]  # other top-level pages: (path, title)

    # Looked up for every page built: indexed once (a scan of the course per page made the
    # build grow with the square of its size). A course is not changed once read.
    _lessons: dict[str, LessonInfo] | None = field(default=None, init=False, repr=False, compare=False)
    _modules: dict[str, ModuleInfo] | None = field(default=None, init=False, repr=False, compare=False)

    def lesson(self, path: str) -> LessonInfo | None:
        if self._lessons is None:
            self._lessons = {}
            for module in self.modules:
                for lesson in module.lessons:
                    self._lessons.setdefault(lesson.path, lesson)  # the first, as a scan finds it
        return self._lessons.get(path)

    def module(self, folder: str) -> ModuleInfo | None:
        if self._modules is None:
            self._modules = {}
            for module in self.modules:
                self._modules.setdefault(module.folder, module)
        return self._modules.get(folder)


def _heading(text: str) -> str | None:
    for line in text.split("\n"):
        if line.startswith("# "):
            return nfc(line[2:].strip())
    return None


def course_from_pages(pages: Iterable[tuple[str, dict, str]]) -> Course:
    """The course from its pages as the check read them: (path inside content/, front matter
    values, text). Rules about front matter are checked elsewhere (lesson_rules)."""
    modules: dict[str, ModuleInfo] = {}
    lessons: list[tuple[str, LessonInfo]] = []
    pages_outside = []
    for relative, meta, text in sorted(pages, key=lambda page: page[0]):
        if any(part.startswith((".", "_")) for part in relative.split("/")):
            continue  # drafts and notes (_ghi-chu.md): built and checked, but not part of the course's menu
        title = fields.value(meta, "title") or _heading(text) or PurePosixPath(relative).stem
        kind = page_kind(relative)
        folder = relative.split("/")[0]
        if kind == MODULE and "/" not in relative[len(folder) + 1 :]:
            modules[folder] = ModuleInfo(folder, title, fields.value(meta, "description"), fields.value(meta, "order"),
                                         test_settings=fields.value(meta, "test"))
        elif kind == LESSON:
            lessons.append((folder, LessonInfo(
                relative, title, fields.value(meta, "description"), fields.value(meta, "order"),
                fields.value(meta, "minutes"), fields.value(meta, "objectives"), fields.value(meta, "competences"),
            )))
        elif relative != "index.md":
            pages_outside.append((relative, title))
    for folder, lesson in lessons:
        if folder not in modules:  # a folder of lessons without index.md still shows up
            modules[folder] = ModuleInfo(folder, folder, "", 999, has_index=False)
        modules[folder].lessons.append(lesson)
    ordered = sorted(modules.values(), key=lambda module: (module.order, module.folder))
    for module in ordered:
        module.lessons.sort(key=lambda lesson: (lesson.order, lesson.path))
    return Course(ordered, pages_outside)


def nav(course: Course, has_home: bool, module_extras: dict[str, list[dict]], course_extras: list[dict]) -> list:
    """A MkDocs `nav`: home, the modules in order (index first, then lessons, then the module's
    generated pages such as its test), the generated pages about the whole course, the rest."""
    # The theme writes nav titles as HTML (as MkDocs' own titles from headings are): escaped here.
    items: list = [{HOME_TITLE: "index.md"}] if has_home else []
    for module in course.modules:
        children: list = [f"{module.folder}/index.md"] if module.has_index else []
        children += [{html_text(lesson.title): lesson.path} for lesson in module.lessons]
        children += module_extras.get(module.folder, [])
        items.append({html_text(module.title): children})
    items += course_extras
    items += [{html_text(title): path} for path, title in course.pages]
    return items


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


def insert_after_title(markdown: str, block: str) -> str:
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: index + 1] + ["", block] + lines[index + 1 :])
    return block + "\n" + markdown


def competence_map(course: Course) -> str:
    lines = [
        "---", "title: Bản đồ năng lực số", "description: Bài học nào rèn năng lực số nào.", "---", "",
        "# Bản đồ năng lực số", "",
        "Mỗi bài học rèn một số năng lực số. Bảng dưới cho biết bài nào rèn năng lực nào, theo khung "
        "năng lực số DigComp 2.2 và Thông tư 02/2025/TT-BGDĐT.", "",
    ]
    for framework, (name, competences) in FRAMEWORKS.items():
        covered: dict[str, list[LessonInfo]] = {code: [] for code in competences}
        for module in course.modules:
            for lesson in module.lessons:
                for code in lesson.competences.get(framework, []):
                    if code in covered:
                        covered[code].append(lesson)
        lines += [f"## {name}", "", "| Mã | Năng lực | Bài học |", "|---|---|---|"]
        for code, title in competences.items():
            if covered[code]:
                links = ", ".join(f"[{markdown_text(lesson.title)}]({lesson.path})" for lesson in covered[code])
                lines.append(f"| {code} | {title} | {links} |")
        missing = [f"{code} {title}" for code, title in competences.items() if not covered[code]]
        lines += ["", f"Có bài học cho {len(competences) - len(missing)} trên {len(competences)} năng lực.", ""]
        lines += [f"**Chưa có bài học nào** cho {len(missing)} năng lực: " + "; ".join(missing) + "." if missing
                  else "Mọi năng lực đều đã có bài học.", ""]
    return "\n".join(lines)

