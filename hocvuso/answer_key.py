"""Keeps answers, feedback and explanations out of a page's visible text and out of search.

A static site cannot keep a secret; this only stops Ctrl+F, search engines and the site
search from showing the answers. The browser reverses it in hocvuso.js (decodeKey).
"""

from __future__ import annotations

import base64
import json


def _keystream(quiz_id: str, length: int) -> bytes:
    seed = f"hocvuso/{quiz_id}".encode()
    return (seed * (length // len(seed) + 1))[:length]


def encode(quiz_id: str, payload: object) -> str:
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    mixed = bytes(a ^ b for a, b in zip(data, _keystream(quiz_id, len(data))))
    return base64.b64encode(mixed).decode("ascii")


def decode(quiz_id: str, encoded: str) -> object:
    mixed = base64.b64decode(encoded)
    data = bytes(a ^ b for a, b in zip(mixed, _keystream(quiz_id, len(mixed))))
    return json.loads(data.decode())
