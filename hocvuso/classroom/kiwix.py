"""kiwix-serve, run on the course's ZIM for a class (`hocvuso lop-hoc --zim`): found, started
on a free port, waited for until it answers, stopped with the class.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

from hocvuso.classroom.addresses import ALL_INTERFACES


def zim_name(zim: Path) -> str:
    """The name kiwix-serve gives a ZIM file in its addresses: the file name without .zim,
    spaces as underscores, "+" as "plus" (kiwix-serve's documentation, "ZIM name")."""
    return zim.stem.replace(" ", "_").replace("+", "plus")


def zim_path(zim: Path) -> str:
    """The course's main page in kiwix-serve's layout. kiwix-serve 3.3 (Debian 12) serves a ZIM
    at /<ZIM name>; newer ones at /content/<ZIM name>, and they redirect any other address to
    /content/..., so /<ZIM name> opens the main page with both."""
    return f"/{zim_name(zim)}"


def find() -> str | None:
    """Where kiwix-serve is installed (on the PATH), or None."""
    return shutil.which("kiwix-serve")


def start(kiwix: str, zim: Path, host: str, port: int) -> subprocess.Popen:
    """kiwix-serve on `zim`, listening on host:port (every interface for ALL_INTERFACES)."""
    command = [kiwix, "--port", str(port)]
    if host not in (ALL_INTERFACES, ""):
        command += ["--address", host]
    # kiwix-serve's own lines give the address of its library page, not the course's: left out.
    return subprocess.Popen([*command, str(zim)], stdout=subprocess.DEVNULL)


def listening(child: subprocess.Popen, host: str, port: int, seconds: float = 60) -> bool:
    """Waits until kiwix-serve accepts connections (a large ZIM takes a moment to open), so the
    address is printed when it works. False if kiwix-serve stopped first."""
    deadline = time.monotonic() + seconds
    while child.poll() is None and time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=1):
                return True
        except OSError:
            time.sleep(0.1)
    return child.poll() is None


def stop(child: subprocess.Popen) -> None:
    """Asks kiwix-serve to stop; kills it if it has not within ten seconds."""
    child.terminate()
    try:
        child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()
