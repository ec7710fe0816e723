"""A Markdown page's title heading (its first `# ` line): read, and a block put under it."""

from __future__ import annotations


def title_heading(markdown: str) -> str | None:
    """The text of the page's first `# ` heading, or None when it has none."""
    for line in markdown.split("\n"):
        if line.startswith("# "):
            return line[2:].strip()
    return None


def insert_after_title(markdown: str, block: str) -> str:
    """`block` under the title heading (after a blank line), or at the top without one."""
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: index + 1] + ["", block] + lines[index + 1 :])
    return block + "\n" + markdown
