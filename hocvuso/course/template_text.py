"""The text `hocvuso new` writes for the writer to replace ("Viết ..."), found where it was left in.

A lesson or module page still holding it would show learners the prompts, and pass unnoticed:
the check names every such line once, at the first one.
"""

from __future__ import annotations

import re

from .fields import LESSON_FIELDS, MODULE_FIELDS
from .new_lesson import LESSON_BODY, MODULE_BODY

_PROMPT = re.compile(r"Viết\b.*")


def _prompts(value) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _prompts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _prompts(item)]
    return [value] if isinstance(value, str) and value.startswith("Viết") else []


def _template_texts() -> tuple[str, ...]:
    found = {match.group().strip() for body in (LESSON_BODY, MODULE_BODY) for match in _PROMPT.finditer(body)}
    found.update(text for spec in (*LESSON_FIELDS, *MODULE_FIELDS) for text in _prompts(spec.prompt))
    return tuple(sorted(found, key=len, reverse=True))


TEMPLATE_TEXTS = _template_texts()


def template_lines(text: str) -> list[int]:
    """1-based lines that still hold a prompt of the template, word for word."""
    if "Viết" not in text:  # most pages: one cheap test
        return []
    return [number for number, line in enumerate(text.split("\n"), start=1)
            if "Viết" in line and any(prompt in line for prompt in TEMPLATE_TEXTS)]
