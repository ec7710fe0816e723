"""The HTTP server that serves a built site to a class: the site's types, gzip for text (each
file compressed once, kept in a cache), byte ranges (206: iPhones play a video only from a
server that answers them; a Range request of a text file gets its own bytes, uncompressed, and a
gzipped answer offers no ranges), no directory listing, no request log; and the port: the asked one,
else a free one nearby, else any free one.
"""

from __future__ import annotations

import email.utils
import errno
import gzip
import http.server
import io
import os
import re
import socket
import sys
import threading
from pathlib import Path
from typing import Callable

from hocvuso.classroom.addresses import ALL_INTERFACES
from hocvuso.classroom.banner import HOST_UNKNOWN, PORT_BUSY_NO_FREE, PORT_FORBIDDEN
from hocvuso.publish.media_types import MEDIA_TYPES, content_type

DEFAULT_PORT = 8000
# How many ports after the asked one are tried before the system picks any free one: a port
# close to the usual one is easier to say aloud, and the next class gets the same one again.
NEARBY_PORTS = 10

# Text compresses to a fifth or less; images and zips are compressed already.
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".webmanifest", ".svg", ".txt", ".xml"}
MIN_GZIP_BYTES = 1024
GZIP_CACHE_BYTES = 64_000_000


class _GzipCache:
    """Each text file gzipped once: thirty phones ask for the same files over one small Wi-Fi."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[int, int, bytes]] = {}
        self._size = 0
        self._lock = threading.Lock()

    def get(self, path: str, stat: os.stat_result) -> bytes:
        with self._lock:
            entry = self._entries.get(path)
            if entry and entry[:2] == (stat.st_mtime_ns, stat.st_size):
                return entry[2]
        with open(path, "rb") as source:
            body = gzip.compress(source.read(), compresslevel=6, mtime=0)
        with self._lock:
            if self._size + len(body) > GZIP_CACHE_BYTES:
                self._entries.clear()
                self._size = 0
            old = self._entries.pop(path, None)
            self._size += len(body) - (len(old[2]) if old else 0)
            self._entries[path] = (stat.st_mtime_ns, stat.st_size, body)
        return body


# One range of bytes: "bytes=a-b", "bytes=a-" or "bytes=-n" (RFC 9110, 14.1.2).
_BYTE_RANGE = re.compile(r"bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*", re.IGNORECASE)
UNSATISFIABLE = "unsatisfiable"


def byte_range(header: str | None, size: int) -> tuple[int, int] | str | None:
    """The bytes a Range header asks of a file of `size` bytes: (first, last), both included;
    UNSATISFIABLE (answered 416); or None: the whole file (no header, a header this server does
    not read, several ranges: RFC 9110 lets a server answer those with the whole file).

    Written here, not taken from a library: RangeHTTPServer, the one made for http.server,
    sends the whole file for "bytes=0-0" and refuses "bytes=-n", which Safari sends."""
    match = _BYTE_RANGE.fullmatch(header or "")
    if not match or not (match.group(1) or match.group(2)):
        return None
    first, last = match.group(1), match.group(2)
    if not first:  # the last n bytes
        length = int(last)
        return (max(size - length, 0), size - 1) if length and size else UNSATISFIABLE
    if last and int(last) < int(first):
        return None  # invalid: ignored, as the RFC asks
    if int(first) >= size:
        return UNSATISFIABLE
    return int(first), min(int(last), size - 1) if last else size - 1


class _Slice:
    """Part of an open file, read as a whole file is (http.server copies it with read())."""

    def __init__(self, file, first: int, length: int) -> None:
        self._file = file
        self._left = length
        file.seek(first)

    def read(self, size: int = -1) -> bytes:
        size = self._left if size is None or size < 0 else min(size, self._left)
        data = self._file.read(size) if size else b""
        self._left -= len(data)
        return data

    def close(self) -> None:
        self._file.close()


def _accepts_gzip(header: str | None) -> bool:
    for part in (header or "").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            quality = params.strip().lower()
            try:
                return not (quality.startswith("q=") and float(quality[2:] or 0) == 0)
            except ValueError:  # a malformed header: send the file as it is
                return False
    return False


class ClassroomHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site: right types, gzip for text, no directory listing, no request log."""

    # The site's own kinds of file from the shared table (the system's may be wrong: Windows
    # reads it from the registry); anything else as http.server types it.
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      **{suffix: content_type(kind) for suffix, kind in MEDIA_TYPES.items()}}
    gzip_cache = _GzipCache()
    on_client: Callable[[str], None] = staticmethod(lambda address: None)

    def log_message(self, format, *args):  # noqa: A002 (the name http.server uses)
        pass  # one line per file would bury the address the volunteer reads

    def send_response(self, code, message=None):
        self._status = code
        self._encoded = False
        super().send_response(code, message)

    def send_header(self, keyword, value):
        if keyword.lower() == "content-encoding":
            self._encoded = True
        super().send_header(keyword, value)

    def end_headers(self):
        # Phones check again each time (a cheap 304): a site rebuilt between classes shows at once.
        self.send_header("Cache-Control", "no-cache")
        # A video player may ask for parts of any file; not of a gzipped answer, whose bytes are
        # not the file's (a Range request gets the file's own bytes, uncompressed: _send_range).
        if getattr(self, "_status", None) in (200, 206, 416) and not getattr(self, "_encoded", False):
            self.send_header("Accept-Ranges", "bytes")
        super().end_headers()

    def list_directory(self, path):
        self.send_error(404)
        return None

    def send_head(self):
        self.on_client(self.client_address[0])
        path = self.translate_path(self.path)
        folder = self.path.split("?", 1)[0].endswith("/")
        if os.path.isdir(path) and folder:
            path = os.path.join(path, "index.html")
            folder = False
        # (A file asked for as a folder, "a.html/", stays http.server's 404.)
        if self.headers.get("Range") and not folder and os.path.isfile(path):
            answer = self._send_range(path)
            if answer is not False:
                return answer
        suffix = os.path.splitext(path)[1].lower()
        if suffix not in COMPRESSIBLE or not os.path.isfile(path) or not _accepts_gzip(self.headers.get("Accept-Encoding")):
            return super().send_head()
        stat = os.stat(path)
        if stat.st_size < MIN_GZIP_BYTES:
            return super().send_head()
        if self._not_modified(stat):
            self.send_response(304)
            self.end_headers()
            return None
        body = self.gzip_cache.get(path, stat)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def _send_range(self, path: str):
        """A Range request for a file: 206 with those bytes (never gzipped: the range counts the
        file's own bytes), 416 when the file has none of them, False to answer with the whole file."""
        try:
            file = open(path, "rb")
        except OSError:
            return False
        stat = os.fstat(file.fileno())
        last_modified = self.date_time_string(int(stat.st_mtime))
        asked = byte_range(self.headers.get("Range"), stat.st_size)
        # If-Range: the part only of the same file as the player's first part (a date, we send no ETag).
        if asked is None or self.headers.get("If-Range", last_modified) != last_modified:
            file.close()
            return False
        if asked == UNSATISFIABLE:
            file.close()
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{stat.st_size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        first, last = asked
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {first}-{last}/{stat.st_size}")
        self.send_header("Content-Length", str(last - first + 1))
        self.send_header("Last-Modified", last_modified)
        self.end_headers()
        return _Slice(file, first, last - first + 1)

    def _not_modified(self, stat: os.stat_result) -> bool:
        since = self.headers.get("If-Modified-Since")
        if not since or self.headers.get("If-None-Match"):
            return False
        try:
            return int(stat.st_mtime) <= email.utils.parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False


class ClassroomServer(http.server.ThreadingHTTPServer):
    daemon_threads = True  # Ctrl+C stops the class even while a phone keeps a connection open
    # On Windows SO_REUSEADDR lets a second server take a port in use; elsewhere it only skips TIME_WAIT.
    allow_reuse_address = os.name != "nt"

    def handle_error(self, request, client_address):
        # Phones leave pages and drop Wi-Fi mid-file all the time: not worth a traceback.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class PortError(Exception):
    """A port problem the volunteer can fix, with its Vietnamese message."""


def bind(port: int, host: str, make: Callable[[tuple[str, int]], object]):
    """make((host, p)) for the asked port, else the next free port nearby, else any free port.

    Returns what make returned. Raises PortError with the message to print."""
    for candidate in [*range(port, min(port + NEARBY_PORTS, 65536)), 0] if port else [0]:
        try:
            return make((host, candidate))
        except PermissionError:
            if 0 < candidate < 1024:
                raise PortError(PORT_FORBIDDEN.format(port=candidate)) from None
            continue  # Windows answers so for ports it keeps for itself (Hyper-V): try the next
        except OSError as error:
            if error.errno == errno.EADDRNOTAVAIL:
                raise PortError(HOST_UNKNOWN.format(host=host)) from None
            if error.errno not in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
                raise
    raise PortError(PORT_BUSY_NO_FREE)


def make_server(site: Path, host: str = ALL_INTERFACES, port: int = DEFAULT_PORT,
                on_client: Callable[[str], None] | None = None) -> ClassroomServer:
    handler = type("SiteHandler", (ClassroomHandler,), {
        "gzip_cache": _GzipCache(),
        "on_client": staticmethod(on_client or (lambda address: None)),
    })

    def make(address):
        return ClassroomServer(address, lambda *args: handler(*args, directory=str(site)))

    return bind(port, host, make)


def free_port(host: str, port: int) -> int:
    """A port kiwix-serve can take: the asked one or the nearest free one, found by binding briefly."""
    def make(address):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            if os.name != "nt":
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
            return probe.getsockname()[1]

    return bind(port, host, make)
