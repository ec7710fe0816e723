"""The course's structure, read from folders and front matter: which page is what, and the
modules and lessons in order.

Adding a lesson never means editing a nav list: modules are the folders of content/, ordered
by their index.md's `order`; lessons are ordered by theirs (forks depend on this). The pages
generated from the structure are the pages room's (listings, competence map); the menu is the
site's (hocvuso/site/nav.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Iterable

from . import fields
from hocvuso.text.headings import title_heading
from hocvuso.text.normalise import nfc

HOME, MODULE, LESSON, PAGE = "home", "module", "lesson", "page"


def page_kind(relative_path: str) -> str:
    """From the path inside content/: index.md is home, a/index.md a module page, a/b.md a lesson."""
    parts = relative_path.replace("\\", "/").split("/")
    if len(parts) == 1:
        return HOME if parts[0] == "index.md" else PAGE
    return MODULE if parts[-1] == "index.md" else LESSON


@dataclass(slots=True)
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


def course_from_pages(pages: Iterable[tuple[str, dict, str]]) -> Course:
    """The course from its pages as the check read them: (path inside content/, front matter
    values, text). Rules about front matter are checked elsewhere (lesson_rules)."""
    modules: dict[str, ModuleInfo] = {}
    lessons: list[tuple[str, LessonInfo]] = []
    pages_outside = []
    for relative, meta, text in sorted(pages, key=lambda page: page[0]):
        if any(part.startswith((".", "_")) for part in relative.split("/")):
            continue  # drafts and notes (_ghi-chu.md): built and checked, but not part of the course's menu
        heading = title_heading(text)
        title = fields.value(meta, "title") or (heading and nfc(heading)) or PurePosixPath(relative).stem
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
