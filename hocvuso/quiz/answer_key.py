"""Keeps answers, feedback and explanations out of a page's visible text and out of search.

A static site cannot keep a secret; this only stops Ctrl+F, search engines and the site
search from showing the answers. The key travels in an attribute as ROT47 of its JSON: every
printable ASCII character is rotated, so words are unreadable in the source, while repeated
words stay repeated and gzip still compresses the key like text (an XOR or base64 encoding
measured 40–50% larger per quiz after gzip). quiz.js reverses it (answerKey).
"""

from __future__ import annotations

import json


_ROT47 = str.maketrans({code: 33 + (code + 14) % 94 for code in range(33, 127)})


def _rot47(text: str) -> str:
    return text.translate(_ROT47)


def encode(payload: object) -> str:
    return _rot47(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))


def decode(encoded: str) -> object:
    return json.loads(_rot47(encoded))
