"""What a module page and a lesson must declare in their front matter."""

from __future__ import annotations

import difflib

from hocvuso.catalogue import messages
from .competences import FRAMEWORKS
from hocvuso.catalogue.diagnostics import NOTICE, Diagnostic
from .fields import COMPETENCE_PROMPT, COMPETENCES, LESSON_FIELDS, MODULE_FIELDS, OTHER_TOOLS_KEYS, SETTINGS, Field, example_front_matter
from hocvuso.source.front_matter import FrontMatter
from .structure import LESSON, MODULE  # a page's kind (structure.page_kind) decides its fields

# Derived from fields.py, which declares each field once.
MODULE_KEYS = [spec.name for spec in MODULE_FIELDS if spec.required]
LESSON_KEYS = [spec.name for spec in LESSON_FIELDS if spec.required]
LESSON_EXAMPLE = example_front_matter(LESSON_FIELDS)
MODULE_EXAMPLE = example_front_matter(MODULE_FIELDS)
_FIELDS = {LESSON: LESSON_FIELDS, MODULE: MODULE_FIELDS}


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
        elif not present and spec.absent:
            # Not an error: shown at the front matter's first line, and the check still passes.
            problems.append(Diagnostic(path, 1, 1, spec.absent(), NOTICE))
        elif spec.name in values and spec.kind == COMPETENCES and spec.is_valid(values[spec.name]):
            problems += _check_competences(values[spec.name], meta.lines, path)
        elif spec.kind == SETTINGS and any(part.required for part in spec.parts) and isinstance(values.get(spec.name), dict):
            # A record (second_reading: by, date) is checked part by part, at each part's line;
            # optional settings (a module's test) get one message with the whole example.
            problems += _check_settings(spec, values[spec.name], meta.lines, path)
        elif spec.name in values and not spec.is_valid(values[spec.name]):
            error(spec.name, spec.problem() if spec.problem else messages.wrong_value(spec.name, spec.expected()))
    return problems


def _check_settings(spec: Field, written: dict, lines: dict[str, int], path: str) -> list[Diagnostic]:
    """Each setting on its own line: `second_reading.date` with the fix for the date, not the whole block."""
    problems = []
    line = lines.get(spec.name, 1)
    parts = {part.name: part for part in spec.parts}
    suggested = set()
    for key, value in written.items():
        where = lines.get(f"{spec.name}.{key}", line)
        if key not in parts:
            close = difflib.get_close_matches(str(key), list(parts), n=1, cutoff=0.6)
            suggested.update(close)
            problems.append(Diagnostic(path, where, 1, messages.unknown_key(f"{spec.name}.{key}", close[0] if close else None, list(parts))))
        elif not parts[key].is_valid(value):
            problems.append(Diagnostic(path, where, 1, messages.wrong_value(f"{spec.name}.{key}", parts[key].expected())))
    for part in spec.parts:
        if part.required and part.name not in written and part.name not in suggested:
            problems.append(Diagnostic(path, line, 1, messages.missing_key(f"{spec.name}.{part.name}", part.example_line())))
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

