"""One laptop, a whole class: serve the built course to the phones on the same Wi-Fi.

`hocvuso lop-hoc` serves a built site folder over HTTP on every interface of the laptop (or,
with --zim, runs kiwix-serve on the course's ZIM), then prints in Vietnamese the address the
learners type, a QR code of it, the other addresses to try, and how to stop. Nothing here
imports MkDocs: the site is already built, and a volunteer's laptop only has to serve files.

The commands are here; the room's other modules hold one concern each: addresses.py (the
laptop's addresses), static_server.py (the HTTP server and its port), banner.py (what the
volunteer reads), kiwix.py (running kiwix-serve).
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import TextIO

from hocvuso.classroom import kiwix
from hocvuso.classroom.addresses import ALL_INTERFACES, LOOPBACK_ADDRESS
from hocvuso.classroom.banner import KIWIX_FAILED, NO_KIWIX, NO_SITE, NO_ZIM, STOPPED, announce, new_phone_line, prepare_output
from hocvuso.classroom.static_server import DEFAULT_PORT, PortError, free_port, make_server


class _Clients:
    """Counts the phones (addresses) that opened the course, printing a line for each new one."""

    def __init__(self, out: TextIO) -> None:
        self.out, self.seen, self.lock = out, set(), threading.Lock()

    def __call__(self, address: str) -> None:
        with self.lock:
            if address in self.seen:
                return
            self.seen.add(address)
            count = len(self.seen)
        print(new_phone_line(address, count), file=self.out, flush=True)


def serve_site(site: Path, host: str = ALL_INTERFACES, port: int = DEFAULT_PORT, out: TextIO = sys.stdout) -> int:
    """Serves the built site until Ctrl+C. Returns the exit code."""
    prepare_output(out)
    if not (site / "index.html").is_file():
        print(NO_SITE.format(site=site), file=sys.stderr)
        return 2
    try:
        server = make_server(site, host, port, on_client=_Clients(out))
    except PortError as error:
        print(error, file=sys.stderr)
        return 2
    with server:
        try:
            announce(host, server.server_address[1], "/", out, asked_port=port or None)
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    print(STOPPED, file=out, flush=True)
    return 0


def serve_zim(zim: Path, host: str = ALL_INTERFACES, port: int = DEFAULT_PORT, out: TextIO = sys.stdout) -> int:
    """Runs kiwix-serve on the ZIM until Ctrl+C. Returns the exit code."""
    prepare_output(out)
    if not zim.is_file():
        print(NO_ZIM.format(zim=zim), file=sys.stderr)
        return 2
    found = kiwix.find()
    if not found:
        print(NO_KIWIX, file=sys.stderr)
        return 2
    try:
        free = free_port(host, port)
    except PortError as error:
        print(error, file=sys.stderr)
        return 2
    child = kiwix.start(found, zim, host, free)
    try:
        if kiwix.listening(child, LOOPBACK_ADDRESS if host in (ALL_INTERFACES, "") else host, free):
            announce(host, free, kiwix.zim_path(zim), out, asked_port=port or None)
        code = child.wait()
    except KeyboardInterrupt:
        kiwix.stop(child)
        print(STOPPED, file=out, flush=True)
        return 0
    print(KIWIX_FAILED.format(code=code), file=sys.stderr)
    return 1
