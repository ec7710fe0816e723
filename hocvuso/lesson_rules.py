"""What a module page and a lesson must declare in their front matter."""

from __future__ import annotations

import difflib

from . import messages
from .competences import FRAMEWORKS
from .diagnostics import Diagnostic
from .frontmatter import FrontMatter

HOME, MODULE, LESSON, PAGE = "home", "module", "lesson", "page"

MODULE_KEYS = ["title", "description", "order"]
LESSON_KEYS = ["title", "description", "order", "minutes", "level", "objectives", "competences", "sources"]
# Keys other tools may set on any page (Material's, MkDocs'); accepted without complaint.
_OPTIONAL_KEYS = ["hide", "search", "template", "icon", "status", "subtitle", "tags"]

LESSON_EXAMPLE = (
    "title: Tên bài\ndescription: Một câu giới thiệu bài.\norder: 1\nminutes: 10\nlevel: 1\n"
    "objectives:\n  - Làm được việc gì sau bài học.\ncompetences:\n  digcomp: [\"4.2\"]\n  tt02: [\"4.2\"]\nsources: []"
)
MODULE_EXAMPLE = "title: Tên chương\ndescription: Một câu giới thiệu chương.\norder: 1"


def page_kind(relative_path: str) -> str:
    """From the path inside content/: index.md is home, a/index.md a module page, a/b.md a lesson."""
    parts = relative_path.replace("\\", "/").split("/")
    if len(parts) == 1:
        return HOME if parts[0] == "index.md" else PAGE
    return MODULE if parts[-1] == "index.md" else LESSON


def _whole_number(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def check_front_matter(meta: FrontMatter, kind: str, path: str) -> list[Diagnostic]:
    if kind not in (MODULE, LESSON):
        return []
    required = LESSON_KEYS if kind == LESSON else MODULE_KEYS
    if not meta.present:
        example = LESSON_EXAMPLE if kind == LESSON else MODULE_EXAMPLE
        return [Diagnostic(path, 1, 1, messages.missing_front_matter(example))]

    problems: list[Diagnostic] = []

    def error(key: str, message: str) -> None:
        problems.append(Diagnostic(path, meta.lines.get(key, 1), 1, message))

    values = meta.values
    suggested = set()
    for key in values:
        if key not in required and key not in _OPTIONAL_KEYS and not (kind == MODULE and key == "test"):
            close = difflib.get_close_matches(str(key), required, n=1, cutoff=0.6)
            suggested.update(close)
            error(key, messages.unknown_key(str(key), close[0] if close else None, required))
    for key in required:
        if (key not in values or values[key] is None) and key not in suggested:
            if key == "objectives":
                error(key, messages.no_objectives())
            else:
                error(key, messages.missing_key(key, _KEY_EXAMPLES[key]))

    for key in ("title", "description"):
        if key in values and values[key] is not None and not (isinstance(values[key], str) and values[key].strip()):
            error(key, messages.wrong_value(key, "một câu chữ"))
    if values.get("order") is not None and not _whole_number(values["order"], 1, 999):
        error("order", messages.wrong_value("order", "số thứ tự 1, 2, 3..."))
    if kind == MODULE:
        test = values.get("test")
        if "test" in values and not (
            isinstance(test, dict) and set(test) <= {"draw", "pass"}
            and all(_whole_number(test[key], 1, 100) for key in test)
        ):
            error("test", messages.wrong_value(
                "test", "số câu rút ra và phần trăm để đạt, ví dụ `test: {draw: 8, pass: 80}`"))
        return problems

    if values.get("minutes") is not None and not _whole_number(values["minutes"], 1, 120):
        error("minutes", messages.wrong_value("minutes", "số phút từ 1 đến 120, ví dụ `minutes: 10`"))
    if values.get("level") is not None and not _whole_number(values["level"], 1, 8):
        error("level", messages.wrong_value("level", "mức 1 đến 8 của DigComp (bài cơ bản: 1 hoặc 2)"))
    objectives = values.get("objectives")
    if objectives is not None and not (
        isinstance(objectives, list) and objectives and all(isinstance(item, str) and item.strip() for item in objectives)
    ):
        error("objectives", messages.no_objectives())
    competences = values.get("competences")
    if competences is not None:
        problems += _check_competences(competences, meta.lines, path)
    sources = values.get("sources")
    if sources is not None and not (isinstance(sources, list) and all(isinstance(item, str) for item in sources)):
        error("sources", messages.wrong_value("sources", "danh sách mã trong facts.yml, ví dụ `sources: [bao-tin-rac-156]`, hoặc `[]`"))
    return problems


def _check_competences(competences, lines: dict[str, int], path: str) -> list[Diagnostic]:
    example = 'competences:\n  digcomp: ["4.2"]\n  tt02: ["4.2"]'
    line = lines.get("competences", 1)
    if not isinstance(competences, dict) or not competences:
        return [Diagnostic(path, line, 1, messages.wrong_value("competences", f"các mã năng lực, ví dụ:\n{example}"))]
    problems = []
    for framework, codes in competences.items():
        line = lines.get(f"competences.{framework}", lines.get("competences", 1))
        if framework not in FRAMEWORKS:
            close = difflib.get_close_matches(str(framework), list(FRAMEWORKS), n=1)
            problems.append(Diagnostic(path, line, 1, messages.unknown_key(str(framework), close[0] if close else None, list(FRAMEWORKS))))
            continue
        name, known = FRAMEWORKS[framework]
        if not isinstance(codes, list) or not codes:
            problems.append(Diagnostic(path, line, 1, messages.wrong_value(f"competences.{framework}", 'danh sách mã, ví dụ `["4.2"]`')))
            continue
        for code in codes:
            if str(code) not in known:
                problems.append(Diagnostic(path, line, 1, messages.unknown_competence(str(code), name)))
    return problems


_KEY_EXAMPLES = {
    "title": "title: Tên bài",
    "description": "description: Một câu giới thiệu.",
    "order": "order: 1",
    "minutes": "minutes: 10",
    "level": "level: 1",
    "objectives": "objectives: [...]",
    "competences": 'competences: {digcomp: ["4.2"], tt02: ["4.2"]}',
    "sources": "sources: []",
}
