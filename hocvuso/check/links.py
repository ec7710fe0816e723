"""Links, images and headings of a page: what a reviewer would otherwise catch by clicking."""

from __future__ import annotations

import html
import re
import urllib.parse
from pathlib import PurePosixPath
from typing import Callable

from hocvuso.catalogue import messages
from hocvuso.catalogue.diagnostics import Diagnostic
from hocvuso.course.facts import prose_lines
from hocvuso.source.prose import LINK  # a link as the style check reads it too
from hocvuso.text.normalise import slugify

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_CUSTOM_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
_TAG = re.compile(r"<[^>]*>")
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)  # http:, https:, mailto:, tel:


def heading_anchors(text: str, blocks=None) -> set[str]:
    """The ids Python-Markdown's toc gives the page's headings (with our slugify)."""
    anchors = set()
    for _, line in prose_lines(text, blocks):
        match = _HEADING.match(line)
        if match:
            custom = _CUSTOM_ID.search(match.group(2))
            anchors.add(custom.group(1) if custom else slugify(_heading_text(_CUSTOM_ID.sub("", match.group(2)))))
    return anchors


def _heading_text(markdown: str) -> str:
    """A heading's text as toc slugifies it: rendered, so without tags, entities or backslash escapes."""
    return html.unescape(_TAG.sub("", _BACKSLASH_ESCAPE.sub(r"\1", markdown)))


def check_links(
    shown_path: str,
    text: str,
    page: str,
    anchors_of: Callable[[str], set[str] | None],
    file_exists: Callable[[str], bool],
    blocks=None,
) -> list[Diagnostic]:
    """`page` is the page's path inside content/; `anchors_of(path)` gives a page's anchors, or
    None when no such page exists; `file_exists(path)` tells whether an image or file exists."""
    problems = []
    folder = PurePosixPath(page).parent
    previous_level = 0
    for index, line in prose_lines(text, blocks):
        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            if previous_level and level > previous_level + 1:
                problems.append(Diagnostic(shown_path, index + 1, 1, messages.heading_skips(level, previous_level)))
            previous_level = level
        for match in LINK.finditer(line):
            is_image, label, target = match.group(1) == "!", match.group(2), match.group(3)
            column = match.start() + 1
            if is_image and not label.strip():
                problems.append(Diagnostic(shown_path, index + 1, column, messages.image_without_alt()))
            if not target or _EXTERNAL.match(target) or target.startswith("{{"):
                continue
            path_part, _, anchor = target.partition("#")
            # Unquoted, as the engine and the browser read it: `bai%20hat.mp3` is `bai hat.mp3`.
            resolved = _resolve(folder, urllib.parse.unquote(path_part)) if path_part else page
            if resolved is None:
                problems.append(Diagnostic(shown_path, index + 1, column, messages.link_outside(target)))
                continue
            if is_image:
                if not file_exists(resolved):
                    problems.append(Diagnostic(shown_path, index + 1, column, messages.missing_image(target)))
                continue
            if not resolved.endswith(".md"):
                if not file_exists(resolved):
                    problems.append(Diagnostic(shown_path, index + 1, column, messages.broken_link(target)))
                continue
            anchors = anchors_of(resolved)
            if anchors is None:
                problems.append(Diagnostic(shown_path, index + 1, column, messages.broken_link(target)))
            elif anchor and anchor not in anchors:
                problems.append(Diagnostic(shown_path, index + 1, column, messages.broken_anchor(target, anchor)))
    return problems


def _resolve(folder: PurePosixPath, target: str) -> str | None:
    parts: list[str] = []
    for part in (folder / target).parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)
