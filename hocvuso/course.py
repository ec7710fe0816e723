"""The course's structure: titles of modules and lessons read from their files."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .text import nfc

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)(?:---|\.\.\.)\s*\n", re.DOTALL)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def title_from_source(text: str) -> str | None:
    """The front matter `title`, else the first level-1 heading."""
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            meta = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict) and isinstance(meta.get("title"), str):
            return nfc(meta["title"].strip())
        text = text[match.end() :]
    heading = _HEADING.search(text)
    return nfc(heading.group(1)) if heading else None


def section_title(index_path: str) -> str | None:
    try:
        return title_from_source(Path(index_path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
