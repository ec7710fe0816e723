"""The media type of each kind of file a built site holds: one table for both ways a site is
served whole, the classroom's HTTP server (hocvuso/classroom) and the ZIM edition (hocvuso/zim).

Python's own table (mimetypes) lacks some of these on some systems, and on Windows it is read
from the registry, where installed programs change it (.js as text/plain): a phone then refuses
the script. The site's own kinds of file are named here; anything else is asked of mimetypes.
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath

MEDIA_TYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript",
    ".json": "application/json", ".webmanifest": "application/manifest+json", ".xml": "application/xml",
    ".txt": "text/plain", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp", ".ico": "image/x-icon",
    ".woff2": "font/woff2", ".woff": "font/woff", ".mp3": "audio/mpeg", ".mp4": "video/mp4",
    # Lessons' videos, captions and recorded narrations (issue #28).
    ".webm": "video/webm", ".vtt": "text/vtt", ".ogg": "audio/ogg", ".oga": "audio/ogg", ".opus": "audio/ogg",
    ".m4a": "audio/mp4",
    ".pdf": "application/pdf", ".gz": "application/gzip", ".zip": "application/zip",
}


def media_type(path: str) -> str | None:
    """The file's media type by its suffix (any case): the table's, else the system's, else None."""
    return MEDIA_TYPES.get(PurePosixPath(path).suffix.lower()) or mimetypes.guess_type(path)[0]


def content_type(kind: str) -> str:
    """The HTTP Content-Type for a media type: text says it is UTF-8, as every built file is
    (a browser left to guess may read Vietnamese as another encoding)."""
    return f"{kind}; charset=utf-8" if kind.startswith("text/") else kind
