"""One laptop, a whole class: serve the built course to the phones on the same Wi-Fi.

`hocvuso lop-hoc` serves a built site folder over HTTP on every interface of the laptop (or,
with --zim, runs kiwix-serve on the course's ZIM), then prints in Vietnamese the address the
learners type, a QR code of it, the other addresses to try, and how to stop. Nothing here
imports MkDocs: the site is already built, and a volunteer's laptop only has to serve files.

Where there is no Internet, the laptop and the phones meet on one Wi-Fi (a phone's hotspot, a
small router, or the laptop's own hotspot), so the laptop's address on that Wi-Fi is found
without Internet: the interfaces are listed, and a UDP socket is "connected" to private
addresses (connect() on UDP only asks the system which address it would send from; no packet
is sent).
"""

from __future__ import annotations

import email.utils
import errno
import gzip
import http.server
import io
import ipaddress
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, TextIO

import segno

from hocvuso.publish.media_types import MEDIA_TYPES, content_type

DEFAULT_PORT = 8000
ALL_INTERFACES = "0.0.0.0"
LOOPBACK_ADDRESS = "127.0.0.1"
# How many ports after the asked one are tried before the system picks any free one: a port
# close to the usual one is easier to say aloud, and the next class gets the same one again.
NEARBY_PORTS = 10

# ---- Addresses ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Interface:
    """One IPv4 address of the laptop, with the name of its network interface when known."""

    address: str
    name: str = ""


# Interfaces that no phone on the Wi-Fi can reach: containers, virtual machines, VPNs.
_VIRTUAL_PREFIXES = ("docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "lxcbr", "lxdbr", "cni", "flannel",
                     "podman", "tailscale", "zt", "tun", "tap", "wg", "utun", "vethernet", "vpn")
# Private addresses that the connect() trick asks about: one in each private range.
_PROBE_TARGETS = ("10.254.254.254", "192.168.254.254", "172.31.254.254")

# Ranks: a lower rank is printed first. Loopback and link-local are printed only when there is
# nothing else; an address of rank PRIVATE or OTHER means a Wi-Fi (or cable) network is there.
PRIVATE, OTHER, VIRTUAL, LINK_LOCAL, LOOPBACK = range(5)


def address_rank(interface: Interface) -> int | None:
    """Where an address goes in the list, or None when it is no address at all (0.0.0.0, IPv6, junk)."""
    try:
        address = ipaddress.IPv4Address(interface.address)
    except ValueError:
        return None
    if address.is_unspecified or address.is_multicast:
        return None
    if address.is_loopback:
        return LOOPBACK
    if address.is_link_local:
        return LINK_LOCAL
    if interface.name.lower().startswith(_VIRTUAL_PREFIXES):
        return VIRTUAL
    return PRIVATE if address.is_private else OTHER


def choose_addresses(interfaces: Iterable[Interface], routed: Iterable[str] = ()) -> list[Interface]:
    """The laptop's addresses as the volunteer should try them, best first.

    Private addresses of real interfaces first (the addresses the system routes by come first
    among them), then other addresses, then virtual interfaces; link-local addresses only when
    there is nothing better, loopback only when there is nothing at all. One line per address.
    """
    routed = list(routed)
    named: dict[str, Interface] = {}
    for interface in [*interfaces, *(Interface(address) for address in routed)]:
        if address_rank(interface) is not None and (interface.address not in named or not named[interface.address].name):
            named[interface.address] = interface
    order = list(named)

    def key(address: str):
        return (address_rank(named[address]), address not in routed, order.index(address))

    ranked = sorted(named, key=key)
    best = min((address_rank(named[address]) for address in ranked), default=None)
    if best is None:
        return []
    keep = {best} if best >= LINK_LOCAL else {PRIVATE, OTHER, VIRTUAL}
    return [named[address] for address in ranked if address_rank(named[address]) in keep]


def has_network(addresses: list[Interface]) -> bool:
    """Whether phones can reach one of the addresses: a Wi-Fi or cable network is up."""
    return any(address_rank(address) in (PRIVATE, OTHER) for address in addresses)


def routed_addresses() -> list[str]:
    """The addresses the system would send from towards private networks (no packet is sent)."""
    found = []
    for target in _PROBE_TARGETS:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
                probe.connect((target, 9))
                address = probe.getsockname()[0]
        except OSError:  # no route to that range: normal without Internet
            continue
        if address not in found:
            found.append(address)
    return found


def _linux_interfaces() -> list[Interface]:
    import fcntl
    import struct

    siocgifaddr = 0x8915
    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as query:
        for _, name in socket.if_nameindex():
            try:
                reply = fcntl.ioctl(query.fileno(), siocgifaddr, struct.pack("256s", name.encode()[:15]))
            except OSError:  # an interface without an IPv4 address (down, or IPv6 only)
                continue
            found.append(Interface(socket.inet_ntoa(reply[20:24]), name))
    return found


def listed_interfaces() -> list[Interface]:
    """Every IPv4 address of the laptop the system tells about, without any network request."""
    found: list[Interface] = []
    if sys.platform.startswith("linux"):
        try:
            found += _linux_interfaces()
        except (OSError, ImportError):
            pass
    try:
        # Windows lists every adapter's address for the machine's own name; elsewhere it adds what it knows.
        for *_, sockaddr in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(Interface(sockaddr[0]))
    except OSError:
        pass
    return found


def laptop_addresses() -> list[Interface]:
    return choose_addresses(listed_interfaces(), routed_addresses())


# ---- What the volunteer reads ------------------------------------------------------------


def site_address(host: str, port: int, path: str = "/") -> str:
    return f"http://{host}:{port}{path}"


def zim_name(zim: Path) -> str:
    """The name kiwix-serve gives a ZIM file in its addresses: the file name without .zim,
    spaces as underscores, "+" as "plus" (kiwix-serve's documentation, "ZIM name")."""
    return zim.stem.replace(" ", "_").replace("+", "plus")


def zim_path(zim: Path) -> str:
    """The course's main page in kiwix-serve's layout. kiwix-serve 3.3 (Debian 12) serves a ZIM
    at /<ZIM name>; newer ones at /content/<ZIM name>, and they redirect any other address to
    /content/..., so /<ZIM name> opens the main page with both."""
    return f"/{zim_name(zim)}"


def qr_block(text: str) -> str:
    """A QR code of the text for a terminal: two rows of modules per line, light modules as
    blocks (segno's compact terminal output), the 4-module quiet zone included."""
    out = io.StringIO()
    segno.make(text, micro=False).terminal(out=out, compact=True)
    return out.getvalue()


def in_dark_on_light(block: str) -> str:
    """The block with its colours set: blocks white, gaps black, whatever the terminal's theme
    (segno's compact output is right only on a dark terminal; a light one inverts the code)."""
    return "".join(f"\033[97;40m{line}\033[0m\n" for line in block.splitlines())


def banner(addresses: list[str], network: bool, qr: str, port: int, asked_port: int | None = None,
           names: dict[str, str] | None = None, path: str = "/") -> str:
    """Everything printed when the class starts. With a network, addresses[0] is the one to
    type and qr its code; without one, the hint to turn the Wi-Fi on and this laptop's own address."""
    names = names or {}

    def listed(address: str) -> str:
        return f"    {address}" + (f"   ({names[address]})" if names.get(address) else "")

    lines = ["", "LỚP HỌC KHÔNG CẦN MẠNG: trang học đã sẵn sàng.", ""]
    if asked_port is not None and port != asked_port:
        lines += [f"Cổng {asked_port} đang bận, nên lớp học dùng cổng {port}.",
                  "Buổi sau, hãy dùng lại đúng địa chỉ dưới đây để người học giữ được tiến độ.", ""]
    if not network:
        lines += ["Chưa thấy mạng Wi-Fi nào trên máy tính này.",
                  "Hãy bật điểm phát Wi-Fi (trên máy tính hoặc trên một điện thoại),",
                  "cho máy tính vào mạng Wi-Fi đó, rồi chạy lại lệnh này.", "",
                  "Lúc này trang chỉ mở được trên chính máy tính này, ở địa chỉ:",
                  f"    {site_address(LOOPBACK_ADDRESS, port, path)}", ""]
        addresses = [address for address in addresses if address != site_address(LOOPBACK_ADDRESS, port, path)]
        if addresses:
            lines += ["Các địa chỉ khác của máy tính này (điện thoại thường không mở được):",
                      *(listed(address) for address in addresses), ""]
        return "\n".join([*lines, STOP_HINT, ""])
    rule = "    " + "=" * (len(addresses[0]) + 8)
    lines += ["Trên điện thoại của người học:",
              "  1. Vào cùng mạng Wi-Fi với máy tính này.",
              "  2. Mở trình duyệt, gõ đúng địa chỉ này vào ô địa chỉ:",
              "", rule, f"        {addresses[0]}", rule, "",
              "  Hoặc mở máy ảnh của điện thoại, quét mã QR này:", ""]
    more = [""]
    if len(addresses) > 1:
        more += ["Không mở được? Hãy thử lần lượt các địa chỉ khác của máy tính này:",
                 *(listed(address) for address in addresses[1:]), ""]
    return "\n".join(lines) + "\n" + qr + "\n".join([*more, STOP_HINT, ""])


def new_phone_line(address: str, count: int) -> str:
    return f"Thêm một máy đã mở trang học ({address}). Tổng cộng: {count} máy."


STOP_HINT = "Giữ cửa sổ này mở suốt buổi học. Để dừng: bấm Ctrl+C."
STOPPED = "Đã dừng lớp học. Hẹn gặp lại buổi sau!"
PORT_BUSY_NO_FREE = "Không tìm được cổng nào còn trống. Hãy tắt bớt chương trình, rồi chạy lại lệnh này."
PORT_FORBIDDEN = "Máy không cho dùng cổng {port}. Hãy chọn cổng từ 1024 trở lên, ví dụ: --port 8000"
HOST_UNKNOWN = "Máy tính này không có địa chỉ {host}. Hãy bỏ --host, hoặc chọn một địa chỉ của máy này."
NO_KIWIX = ("Máy này chưa có chương trình kiwix-serve, nên chưa mở được tệp ZIM.\n"
            "Trên Debian, Ubuntu: sudo apt install kiwix-tools\n"
            "Hoặc bỏ --zim: lớp học sẽ dùng trang đã dựng trong thư mục site/.")
KIWIX_FAILED = "kiwix-serve đã dừng (mã {code}). Hãy xem thông báo ở trên."
NO_SITE = "Không thấy trang đã dựng trong {site} (thiếu tệp index.html). Hãy chạy: make build"
NO_ZIM = "Không thấy tệp ZIM: {zim}"


# ---- Serving the site --------------------------------------------------------------------

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

    def end_headers(self):
        # Phones check again each time (a cheap 304): a site rebuilt between classes shows at once.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def list_directory(self, path):
        self.send_error(404)
        return None

    def send_head(self):
        self.on_client(self.client_address[0])
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
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


def _free_port(host: str, port: int) -> int:
    """A port kiwix-serve can take: the asked one or the nearest free one, found by binding briefly."""
    def make(address):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            if os.name != "nt":
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
            return probe.getsockname()[1]

    return bind(port, host, make)


# ---- The command -------------------------------------------------------------------------


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


def _enable_colours(out: TextIO) -> bool:
    """Whether to colour the QR code: only on a terminal, and on Windows once ANSI codes are on."""
    if not getattr(out, "isatty", lambda: False)() or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    if os.name == "nt":  # pragma: no cover - Windows consoles understand ANSI codes only when asked
        try:
            import ctypes

            kernel32 = ctypes.windll.kernel32
            handle, mode = kernel32.GetStdHandle(-11), ctypes.c_uint32()
            return bool(kernel32.GetConsoleMode(handle, ctypes.byref(mode))
                        and kernel32.SetConsoleMode(handle, mode.value | 0x0004))
        except (AttributeError, OSError):
            return False
    return True


def announce(host: str, port: int, path: str, out: TextIO, asked_port: int | None = None,
             find_addresses: Callable[[], list[Interface]] = laptop_addresses) -> None:
    """Prints the banner for a server listening on host:port; the course is at path."""
    if host in (ALL_INTERFACES, ""):
        interfaces = find_addresses()
        network = has_network(interfaces)
    else:  # bound to one address: only that one is reachable
        interfaces, network = [Interface(host)], True
    addresses = [site_address(interface.address, port, path) for interface in interfaces]
    names = {site_address(interface.address, port, path): interface.name for interface in interfaces}
    qr = ""
    if network:
        qr = qr_block(addresses[0])
        qr = in_dark_on_light(qr) if _enable_colours(out) else qr
    print(banner(addresses, network, qr, port, asked_port, names, path), file=out, flush=True)


def _prepare_output(out: TextIO) -> None:
    # A console in an old code page must not stop the class over one Vietnamese letter.
    reconfigure = getattr(out, "reconfigure", None)
    if reconfigure:
        try:
            reconfigure(errors="replace")
        except (ValueError, OSError):
            pass


def serve_site(site: Path, host: str = ALL_INTERFACES, port: int = DEFAULT_PORT, out: TextIO = sys.stdout) -> int:
    """Serves the built site until Ctrl+C. Returns the exit code."""
    _prepare_output(out)
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


def _listening(child: subprocess.Popen, host: str, port: int, seconds: float = 60) -> bool:
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


def serve_zim(zim: Path, host: str = ALL_INTERFACES, port: int = DEFAULT_PORT, out: TextIO = sys.stdout) -> int:
    """Runs kiwix-serve on the ZIM until Ctrl+C. Returns the exit code."""
    _prepare_output(out)
    if not zim.is_file():
        print(NO_ZIM.format(zim=zim), file=sys.stderr)
        return 2
    kiwix = shutil.which("kiwix-serve")
    if not kiwix:
        print(NO_KIWIX, file=sys.stderr)
        return 2
    try:
        free = _free_port(host, port)
    except PortError as error:
        print(error, file=sys.stderr)
        return 2
    command = [kiwix, "--port", str(free)]
    if host not in (ALL_INTERFACES, ""):
        command += ["--address", host]
    # kiwix-serve's own lines give the address of its library page, not the course's: left out.
    child = subprocess.Popen([*command, str(zim)], stdout=subprocess.DEVNULL)
    try:
        if _listening(child, LOOPBACK_ADDRESS if host in (ALL_INTERFACES, "") else host, free):
            announce(host, free, zim_path(zim), out, asked_port=port or None)
        code = child.wait()
    except KeyboardInterrupt:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
        print(STOPPED, file=out, flush=True)
        return 0
    print(KIWIX_FAILED.format(code=code), file=sys.stderr)
    return 1
