"""What a module page and a lesson must declare in their front matter."""

from __future__ import annotations

import difflib

from . import messages
from .competences import FRAMEWORKS
from .diagnostics import Diagnostic
from .fields import COMPETENCE_PROMPT, COMPETENCES, LESSON_FIELDS, MODULE_FIELDS, OTHER_TOOLS_KEYS, example_front_matter
from .frontmatter import FrontMatter

HOME, MODULE, LESSON, PAGE = "home", "module", "lesson", "page"

# Derived from fields.py, which declares each field once.
MODULE_KEYS = [spec.name for spec in MODULE_FIELDS if spec.required]
LESSON_KEYS = [spec.name for spec in LESSON_FIELDS if spec.required]
LESSON_EXAMPLE = example_front_matter(LESSON_FIELDS)
MODULE_EXAMPLE = example_front_matter(MODULE_FIELDS)
_FIELDS = {LESSON: LESSON_FIELDS, MODULE: MODULE_FIELDS}


def page_kind(relative_path: str) -> str:
    """From the path inside content/: index.md is home, a/index.md a module page, a/b.md a lesson."""
    parts = relative_path.replace("\\", "/").split("/")
    if len(parts) == 1:
        return HOME if parts[0] == "index.md" else PAGE
    return MODULE if parts[-1] == "index.md" else LESSON


def check_front_matter(meta: FrontMatter, kind: str, path: str) -> list[Diagnostic]:
    if kind not in _FIELDS:
        return []
    fields = _FIELDS[kind]
    if not meta.present:
        page = "Bài học" if kind == LESSON else "Trang giới thiệu chương"
        return [Diagnostic(path, 1, 1, messages.missing_front_matter(example_front_matter(fields), page))]

    problems: list[Diagnostic] = []

    def error(key: str, message: str) -> None:
        problems.append(Diagnostic(path, meta.lines.get(key, 1), 1, message))

    values = meta.values
    names = [spec.name for spec in fields]
    suggested = set()
    for key in values:
        if key not in names and key not in OTHER_TOOLS_KEYS:
            close = difflib.get_close_matches(str(key), names, n=1, cutoff=0.6)
            suggested.update(close)
            error(key, messages.unknown_key(str(key), close[0] if close else None, names))
    for spec in fields:
        present = spec.name in values and values[spec.name] is not None
        if not present and spec.required:
            # A misspelt key was reported with its suggestion: "missing" would be the same mistake twice.
            if spec.name not in suggested:
                error(spec.name, spec.problem() if spec.problem else messages.missing_key(spec.name, spec.example_line()))
        elif spec.name in values and spec.kind == COMPETENCES and spec.is_valid(values[spec.name]):
            problems += _check_competences(values[spec.name], meta.lines, path)
        elif spec.name in values and not spec.is_valid(values[spec.name]):
            error(spec.name, spec.problem() if spec.problem else messages.wrong_value(spec.name, spec.expected()))
    return problems


def _check_competences(competences: dict, lines: dict[str, int], path: str) -> list[Diagnostic]:
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
            if code == COMPETENCE_PROMPT:
                continue  # `hocvuso new`'s prompt: reported once as the template's text (template_text.py)
            if str(code) not in known:
                problems.append(Diagnostic(path, line, 1, messages.unknown_competence(str(code), name)))
    return problems

