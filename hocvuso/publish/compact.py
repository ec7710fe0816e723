"""The page frame written compact: every whitespace run that holds a line break becomes one line
break, outside the lesson itself (<article>) and outside elements whose whitespace counts or is
code (<pre>, <textarea>, <script>, <style>).

Material's templates indent every tag: about 300 bytes gzip of blank runs around a lesson on
every page (issue #27), which learners pay for on prepaid data. A run with a line break renders
as one space wherever whitespace collapses, as one line break does: what the page shows is unchanged.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"<(pre|textarea|script|style|article)\b.*?</\1\s*>", re.S | re.I)
_RUN = re.compile(r"[ \t\r\f]*\n\s*")


def compact_frame(html: str) -> str:
    """`html` with the whitespace runs of its frame shortened (module docstring)."""
    parts, at = [], 0
    for kept in _KEPT.finditer(html):
        parts += [_RUN.sub("\n", html[at:kept.start()]), kept.group()]
        at = kept.end()
    parts.append(_RUN.sub("\n", html[at:]))
    return "".join(parts)
