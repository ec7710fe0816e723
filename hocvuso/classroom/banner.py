"""What the volunteer reads in the terminal: the banner with the address the learners type and
its QR code, a line for each new phone, and every other message the command prints.
"""

from __future__ import annotations

import io
import os
from typing import Callable, TextIO

import segno

from hocvuso.classroom.addresses import ALL_INTERFACES, LOOPBACK_ADDRESS, Interface, has_network, laptop_addresses, site_address

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


def prepare_output(out: TextIO) -> None:
    # A console in an old code page must not stop the class over one Vietnamese letter.
    reconfigure = getattr(out, "reconfigure", None)
    if reconfigure:
        try:
            reconfigure(errors="replace")
        except (ValueError, OSError):
            pass
