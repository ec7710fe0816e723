"""Finds quiz fences in a Markdown file, with their lines, the way pymdownx.superfences sees them.

Fences may be indented (inside admonitions, tabs, lists); fences inside other fenced code
blocks are examples, not quizzes, and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# As CommonMark reads fences: a backtick fence's info has no backtick; a tilde fence's may.
_OPENER = re.compile(r"^(?P<indent>[ \t]*)(?:(?P<fence>`{3,})[ \t]*(?P<info>[^`]*)|(?P<tilde>~{3,})[ \t]*(?P<tilde_info>.*))$")
QUIZ_LANGUAGE = "quiz"
# A video in a lesson (check/video.py reads it, its markup replaces it): declared beside the quiz fence.
VIDEO_LANGUAGE = "video"


@dataclass(frozen=True)
class FencedBlock:
    language: str
    opener_line: int  # 1-based line of the opening fence
    body: str  # the fence's content with the fence's own indentation removed
    indent: int  # columns of indentation removed from each body line
    closed: bool
    # 1-based last line of the block: its closing fence, or the file's last line when it is never closed.
    # Counted while reading the fence: the body cannot say it (an empty body and one blank line are both "").
    end_line: int

    @property
    def body_first_line(self) -> int:
        return self.opener_line + 1

    @property
    def body_last_line(self) -> int:
        """1-based; the opener's line when the body has no line at all."""
        return self.end_line - 1 if self.closed else self.end_line

    @property
    def body_line_count(self) -> int:
        return self.body_last_line - self.opener_line

    @property
    def line_indexes(self) -> range:
        """0-based indexes of every line of the block, opening and closing fences included."""
        return range(self.opener_line - 1, self.end_line)


def _language(info: str) -> str:
    info = info.strip()
    if info.startswith("{"):  # ```{.quiz title="..."}
        match = re.match(r"\{\s*\.?([\w+-]+)", info)
        return match.group(1) if match else ""
    return info.split()[0] if info else ""


def _dedent(line: str, width: int) -> str:
    removed = 0
    while removed < width and line[removed : removed + 1] == " ":
        removed += 1
    return line[removed:]


def fenced_blocks(markdown: str) -> tuple[FencedBlock, ...]:
    """Every top-level fenced block (not the ones nested inside another fence), in order."""
    lines = markdown.split("\n")
    blocks = []
    index = 0
    while index < len(lines):
        match = _OPENER.match(lines[index])
        if not match:
            index += 1
            continue
        indent = len(match.group("indent").expandtabs(4))
        fence = match.group("fence") or match.group("tilde")
        info = match.group("info") if match.group("fence") else match.group("tilde_info")
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        body_lines = []
        end = index + 1
        while end < len(lines) and not closing.match(lines[end]):
            body_lines.append(_dedent(lines[end], indent))
            end += 1
        blocks.append(
            FencedBlock(_language(info), index + 1, "\n".join(body_lines), indent, end < len(lines), min(end, len(lines) - 1) + 1)
        )
        index = end + 1
    return tuple(blocks)


def normalised_body(source: str) -> str:
    """A key under which the same fence body matches, whoever extracted it."""
    return "\n".join(line.rstrip() for line in source.strip("\n").split("\n"))
