"""`hocvuso lop-hoc`: one laptop serves the course to a class of phones on the same Wi-Fi.

The command runs as the volunteer runs it (a subprocess, stopped with Ctrl+C), on a loopback
address only (no test sends anything to another address); the lesson is opened, and a quiz
answered, through the address the command printed; the QR code printed is decoded.
"""

from __future__ import annotations

import gzip
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ROOT
from hocvuso.classroom import addresses, banner, kiwix, static_server
from hocvuso.classroom.addresses import Interface

RIGHT = "Đúng rồi! Bạn làm rất tốt."
LESSON = "lam-quen-dien-thoai/01-bat-tat-va-sac-pin.html"
ADDRESS_LINE = re.compile(r"^ {8}(http://\S+)$")
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Command:
    """`hocvuso lop-hoc ...` running in the background, its output read line by line."""

    def __init__(self, *args: str, env: dict | None = None, cwd: Path = ROOT) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hocvuso.cli", "lop-hoc", *args], cwd=cwd, text=True, encoding="utf-8",
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
            # Ctrl+C reaches the class as in a volunteer's terminal, even when the suite itself runs
            # in a shell's background, where SIGINT is ignored and children inherit that.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def until(self, predicate, timeout: float = STARTUP_SECONDS) -> str:
        """The first line (from now on) for which predicate holds; fails if the output ends first."""
        while True:
            line = self.lines.get(timeout=timeout)
            assert line is not None, "the command ended:\n" + "\n".join(self.seen)
            self.seen.append(line)
            if predicate(line):
                return line

    def stop(self) -> int:
        """Ctrl+C, as the volunteer stops the class; the rest of the output is read."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=20)
        while (line := self.lines.get(timeout=20)) is not None:
            self.seen.append(line)
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def run():
    started: list[Command] = []

    def start(*args, **kwargs) -> Command:
        started.append(Command(*args, **kwargs))
        return started[-1]

    yield start
    for command in started:
        command.kill()


def printed_address(command: Command) -> str:
    return ADDRESS_LINE.match(command.until(ADDRESS_LINE.match)).group(1)


def printed_qr(command: Command) -> list[str]:
    """The QR block under its heading: the lines of half blocks, up to the blank line after it."""
    command.until(lambda line: line.endswith("quét mã QR này:"))
    assert command.until(lambda line: True) == ""
    block = []
    while (line := command.until(lambda line: True)) != "":
        block.append(line)
    return block


def decode_terminal_qr(block: list[str]) -> list[str]:
    """What a phone reads from the printed block: each character drawn as two pixels stacked
    (light where the block is drawn), scaled up, then decoded by zxing-cpp."""
    import zxingcpp

    rows = []
    for line in block:
        assert set(line) <= set(" █▀▄"), line
        rows.append([char in "█▀" for char in line])
        rows.append([char in "█▄" for char in line])
    scale = 4
    width, height = len(rows[0]) * scale, len(rows) * scale
    pixels = b"".join(b"".join((b"\xff" if light else b"\x00") * scale for light in row) * scale for row in rows)
    image = memoryview(pixels).cast("B", (height, width))
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


# ---- The command, end to end ---------------------------------------------------------------


@pytest.mark.browser
def test_a_phone_opens_a_lesson_through_the_printed_address_and_answers(site, run, page):
    port = free_port()
    command = run("--site", str(site), "--host", "127.0.0.1", "--port", str(port))
    address = printed_address(command)
    assert address == f"http://127.0.0.1:{port}/"
    assert decode_terminal_qr(printed_qr(command)) == [address]
    command.until(lambda line: line == banner.STOP_HINT)

    page.goto(address)
    # As a learner taps: the module in the home page's list, then the lesson in the module's list.
    page.locator(".hvs-listing").get_by_role("link", name="Làm quen với điện thoại").click()
    page.locator(".hvs-listing").get_by_role("link", name=re.compile("^Bật, tắt, sạc pin")).click()
    expect(page).to_have_url(address + LESSON)
    quiz = page.locator(".hvs-q", has_text="Bạn bấm nhanh nút nguồn một lần")
    quiz.locator(".hvs-opt", has_text="Máy vẫn đổ chuông").click()
    quiz.get_by_role("button", name="Kiểm tra").click()
    expect(quiz.get_by_role("status")).to_contain_text(RIGHT)
    # The answer is kept on the phone, for this address: it is there when the lesson opens again.
    page.reload()
    expect(page.locator(".hvs-q", has_text="Bạn bấm nhanh nút nguồn một lần").get_by_role("status")).to_contain_text(RIGHT)

    command.until(lambda line: line == banner.new_phone_line("127.0.0.1", 1), timeout=10)
    assert command.stop() == 0
    assert command.seen[-1] == banner.STOPPED
    assert banner.new_phone_line("127.0.0.1", 2) not in command.seen  # one phone, however many files
    assert "Traceback" not in "\n".join(command.seen)


def test_files_are_served_with_their_types_gzip_and_no_listing(site, run):
    port = free_port()
    command = run("--site", str(site), "--host", "127.0.0.1", "--port", str(port))
    address = printed_address(command)

    def get(path: str, gzip_ok: bool = True):
        request = urllib.request.Request(address + path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, b""

    status, headers, body = get(LESSON)
    assert (status, headers["Content-Type"], headers["Content-Encoding"]) == (200, "text/html; charset=utf-8", "gzip")
    assert (site / LESSON).read_bytes() == gzip.decompress(body)
    status, headers, body = get(LESSON, gzip_ok=False)
    assert headers["Content-Encoding"] is None and body == (site / LESSON).read_bytes()
    script = next(path for path in (site / "assets" / "hocvuso").glob("*.js"))
    assert get(script.relative_to(site).as_posix())[1]["Content-Type"] == "text/javascript; charset=utf-8"
    drawing = next(site.rglob("*.svg"))
    assert get(drawing.relative_to(site).as_posix())[1]["Content-Type"] == "image/svg+xml"
    shard = max((site / "search" / "terms").glob("*.js"), key=lambda path: path.stat().st_size)
    assert get(shard.relative_to(site).as_posix())[1]["Content-Encoding"] == "gzip"  # the manifest is too small
    assert get("assets/")[0] == 404  # no list of files
    assert command.stop() == 0


def test_a_busy_port_falls_back_to_the_next_and_says_so(site, run):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        command = run("--site", str(site), "--host", "127.0.0.1", "--port", str(port))
        address = printed_address(command)
        new_port = int(address.rsplit(":", 1)[1].strip("/"))
        assert new_port != port  # the next one, unless another program holds that one too
        assert command.seen[3] == f"Cổng {port} đang bận, nên lớp học dùng cổng {new_port}."
        with urllib.request.urlopen(address, timeout=10) as response:
            assert response.status == 200
        assert command.stop() == 0


def test_a_folder_that_is_not_a_built_site(tmp_path, run):
    command = run("--site", str(tmp_path), "--host", "127.0.0.1")
    assert command.process.wait(timeout=20) == 2
    command.until(lambda line: True)
    assert command.seen == [banner.NO_SITE.format(site=tmp_path)]


# ---- The ZIM, through kiwix-serve ----------------------------------------------------------


FAKE_KIWIX = """#!{python}
# Stands in for kiwix-serve: records its arguments, serves one page on the port it is given.
import http.server, signal, sys
open({record!r}, "w").write("\\n".join(sys.argv[1:]))
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
args = sys.argv[1:]
class Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(("trang " + self.path).encode())
    def log_message(self, *args):
        pass
print("dòng của kiwix-serve", flush=True)
http.server.HTTPServer((args[args.index("--address") + 1], int(args[args.index("--port") + 1])), Page).serve_forever()
"""


def test_a_zim_runs_kiwix_serve_and_prints_the_course_address(tmp_path, run):
    tools = tmp_path / "bin"
    tools.mkdir()
    record = tmp_path / "args.txt"
    (tools / "kiwix-serve").write_text(FAKE_KIWIX.format(python=sys.executable, record=str(record)), encoding="utf-8")
    (tools / "kiwix-serve").chmod(0o755)
    zim = tmp_path / "khoa hoc+so.zim"
    zim.write_bytes(b"ZIM")
    port = free_port()
    command = run("--zim", str(zim), "--host", "127.0.0.1", "--port", str(port),
                  env={"PATH": f"{tools}{os.pathsep}{os.environ['PATH']}"})
    address = printed_address(command)
    assert address == f"http://127.0.0.1:{port}/khoa_hocplusso"
    assert record.read_text(encoding="utf-8").split("\n") == ["--port", str(port), "--address", "127.0.0.1", str(zim)]
    with urllib.request.urlopen(address, timeout=10) as response:  # printed once kiwix-serve answers
        assert response.read() == b"trang /khoa_hocplusso"
    assert command.stop() == 0
    assert command.seen[-1] == banner.STOPPED
    assert "dòng của kiwix-serve" not in command.seen


def test_a_zim_without_kiwix_serve_says_what_to_install(tmp_path, run):
    zim = tmp_path / "khoa-hoc.zim"
    zim.write_bytes(b"ZIM")
    command = run("--zim", str(zim), env={"PATH": str(tmp_path)})
    assert command.process.wait(timeout=20) == 2
    command.until(lambda line: line.startswith("Hoặc bỏ --zim"))
    assert command.seen == banner.NO_KIWIX.split("\n")


def test_a_real_zim_opens_through_kiwix_serve(tmp_path, run):
    """With kiwix-serve and python-libzim installed: a one-page ZIM, opened at the printed address."""
    if not shutil.which("kiwix-serve"):
        pytest.skip("kiwix-serve is not installed")
    writer = pytest.importorskip("libzim.writer")

    class Page(writer.Item):
        def get_path(self): return "index.html"
        def get_title(self): return "Trang chủ"
        def get_mimetype(self): return "text/html"
        def get_contentprovider(self): return writer.StringProvider("<html><body><h1>Xin chào lớp học</h1></body></html>")
        def get_hints(self): return {writer.Hint.FRONT_ARTICLE: True}

    zim = tmp_path / "khoa hoc.zim"
    with writer.Creator(str(zim)).config_indexing(False, "vie") as creator:
        creator.set_mainpath("index.html")
        creator.add_item(Page())
        for name, value in {"Name": "khoa-hoc", "Title": "Khoá học", "Language": "vie", "Creator": "hocvuso",
                            "Publisher": "hocvuso", "Description": "Thử", "Date": "2026-12-01"}.items():
            creator.add_metadata(name, value)
    command = run("--zim", str(zim), "--host", "127.0.0.1", "--port", str(free_port()))
    address = printed_address(command)
    assert address.endswith("/khoa_hoc")
    command.until(lambda line: line == banner.STOP_HINT)
    with urllib.request.urlopen(address, timeout=10) as response:
        assert "Xin chào lớp học" in response.read().decode("utf-8")
    assert command.stop() == 0


# ---- Which addresses, in which order ---------------------------------------------------------


def test_private_wifi_address_first_routed_first_among_them():
    interfaces = [Interface("127.0.0.1", "lo"), Interface("172.17.0.1", "docker0"), Interface("10.42.0.1", "wlp2s0"),
                  Interface("192.168.1.23", "enp3s0"), Interface("169.254.10.2", "eth1")]
    chosen = addresses.choose_addresses(interfaces, routed=["192.168.1.23"])
    assert chosen == [Interface("192.168.1.23", "enp3s0"), Interface("10.42.0.1", "wlp2s0"),
                      Interface("172.17.0.1", "docker0")]
    assert addresses.has_network(chosen)


def test_public_and_shared_addresses_come_after_private_ones_and_duplicates_go():
    interfaces = [Interface("100.101.1.2", "wlan0"), Interface("192.168.43.7"), Interface("192.168.43.7", "wlan1"),
                  Interface("0.0.0.0", "x"), Interface("fe80::1", "wlan0"), Interface("junk", "y")]
    assert addresses.choose_addresses(interfaces) == [Interface("192.168.43.7", "wlan1"), Interface("100.101.1.2", "wlan0")]


def test_virtual_interfaces_alone_are_no_network():
    chosen = addresses.choose_addresses([Interface("127.0.0.1", "lo"), Interface("172.17.0.1", "docker0"),
                                         Interface("10.8.0.2", "tun0"), Interface("172.18.5.1", "vEthernet (WSL)")])
    assert [interface.address for interface in chosen] == ["172.17.0.1", "10.8.0.2", "172.18.5.1"]
    assert not addresses.has_network(chosen)


def test_link_local_only_when_nothing_else_and_loopback_only_when_nothing_at_all():
    assert addresses.choose_addresses([Interface("127.0.0.1", "lo"), Interface("169.254.3.4", "wlan0")]) == [
        Interface("169.254.3.4", "wlan0")]
    assert addresses.choose_addresses([Interface("127.0.0.1", "lo")], routed=["127.0.0.1"]) == [Interface("127.0.0.1", "lo")]
    assert addresses.choose_addresses([]) == []
    assert not addresses.has_network([Interface("169.254.3.4", "wlan0")])


def test_routed_addresses_alone_are_enough():
    """Windows may list nothing by the machine's name; the connect() trick still finds the Wi-Fi."""
    assert addresses.choose_addresses([], routed=["192.168.137.1"]) == [Interface("192.168.137.1")]


def test_zim_names_follow_kiwix_serve():
    assert kiwix.zim_name(Path("/media/usb/khoa hoc+so_2026-12.zim")) == "khoa_hocplusso_2026-12"
    assert kiwix.zim_path(Path("binh-dan-hoc-vu-so.zim")) == "/binh-dan-hoc-vu-so"


# ---- What the volunteer reads -----------------------------------------------------------------


def test_the_banner_with_a_wifi_address():
    qr = "QR\n"
    text = banner.banner(["http://192.168.43.7:8000/", "http://10.42.0.1:8000/"], True, qr, 8000, 8000,
                            {"http://10.42.0.1:8000/": "wlp2s0"})
    assert text.split("\n") == [
        "",
        "LỚP HỌC KHÔNG CẦN MẠNG: trang học đã sẵn sàng.",
        "",
        "Trên điện thoại của người học:",
        "  1. Vào cùng mạng Wi-Fi với máy tính này.",
        "  2. Mở trình duyệt, gõ đúng địa chỉ này vào ô địa chỉ:",
        "",
        "    =================================",
        "        http://192.168.43.7:8000/",
        "    =================================",
        "",
        "  Hoặc mở máy ảnh của điện thoại, quét mã QR này:",
        "",
        "QR",
        "",
        "Không mở được? Hãy thử lần lượt các địa chỉ khác của máy tính này:",
        "    http://10.42.0.1:8000/   (wlp2s0)",
        "",
        "Giữ cửa sổ này mở suốt buổi học. Để dừng: bấm Ctrl+C.",
        "",
    ]


def test_the_banner_when_the_port_changed():
    text = banner.banner(["http://192.168.43.7:8001/"], True, "QR\n", 8001, 8000)
    assert text.split("\n")[3:6] == [
        "Cổng 8000 đang bận, nên lớp học dùng cổng 8001.",
        "Buổi sau, hãy dùng lại đúng địa chỉ dưới đây để người học giữ được tiến độ.",
        "",
    ]


def test_the_banner_without_wifi_tells_to_turn_the_hotspot_on():
    text = banner.banner(["http://172.17.0.1:8000/", "http://127.0.0.1:8000/"], False, "", 8000, 8000,
                            {"http://172.17.0.1:8000/": "docker0"})
    assert text.split("\n") == [
        "",
        "LỚP HỌC KHÔNG CẦN MẠNG: trang học đã sẵn sàng.",
        "",
        "Chưa thấy mạng Wi-Fi nào trên máy tính này.",
        "Hãy bật điểm phát Wi-Fi (trên máy tính hoặc trên một điện thoại),",
        "cho máy tính vào mạng Wi-Fi đó, rồi chạy lại lệnh này.",
        "",
        "Lúc này trang chỉ mở được trên chính máy tính này, ở địa chỉ:",
        "    http://127.0.0.1:8000/",
        "",
        "Các địa chỉ khác của máy tính này (điện thoại thường không mở được):",
        "    http://172.17.0.1:8000/   (docker0)",
        "",
        "Giữ cửa sổ này mở suốt buổi học. Để dừng: bấm Ctrl+C.",
        "",
    ]


def test_announce_on_all_interfaces_prints_the_best_address_and_its_qr(capsys):
    found = [Interface("192.168.43.7", "wlan0"), Interface("10.42.0.1", "wlp2s0")]
    banner.announce("0.0.0.0", 8000, "/", sys.stdout, asked_port=8000, find_addresses=lambda: found)
    lines = capsys.readouterr().out.split("\n")
    assert lines[8] == "        http://192.168.43.7:8000/"
    start = lines.index("  Hoặc mở máy ảnh của điện thoại, quét mã QR này:") + 2
    block = lines[start:lines.index("", start)]
    assert decode_terminal_qr(block) == ["http://192.168.43.7:8000/"]
    assert "    http://10.42.0.1:8000/   (wlp2s0)" in lines


def test_announce_without_wifi_prints_no_qr(capsys):
    banner.announce("0.0.0.0", 8000, "/", sys.stdout, find_addresses=lambda: [Interface("127.0.0.1", "lo")])
    out = capsys.readouterr().out
    assert "Hãy bật điểm phát Wi-Fi" in out and "quét mã QR" not in out and "█" not in out


def test_the_qr_code_is_the_one_segno_makes_of_the_address():
    """The printed block, read back module by module, is segno's matrix of the address (quiet zone included)."""
    import segno

    address = "http://192.168.137.1:8000/"
    block = banner.qr_block(address).rstrip("\n").split("\n")
    rows = [row for line in block for row in ([char in "█▀" for char in line], [char in "█▄" for char in line])]
    code = segno.make(address, micro=False)
    matrix = [[not bit for bit in row] for row in code.matrix_iter(border=4)]
    assert rows[:len(matrix)] == [list(map(bool, row)) for row in matrix]
    assert decode_terminal_qr(block) == [address]


def test_colours_are_set_on_a_terminal_only(monkeypatch):
    """White blocks on black, so that a light terminal theme does not invert the code."""
    import io

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert banner.in_dark_on_light("█▀\n▄ \n") == "\033[97;40m█▀\033[0m\n\033[97;40m▄ \033[0m\n"
    assert banner._enable_colours(Terminal()) and not banner._enable_colours(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not banner._enable_colours(Terminal())


def test_a_fresh_copy_is_built_before_the_class_starts(tmp_path, run):
    """No site/ yet: the command builds it (as `make build` would), then serves it."""
    import shutil

    from conftest import write_child_config

    shutil.copytree(ROOT / "tests" / "fixtures" / "khoa-nho", tmp_path, dirs_exist_ok=True)
    write_child_config(tmp_path)
    port = free_port()
    command = run("--host", "127.0.0.1", "--port", str(port), cwd=tmp_path, env={"NO_MKDOCS_2_WARNING": "1"})
    address = printed_address(command)
    assert command.seen[0] == "Chưa có trang đã dựng: đang dựng trang vào thư mục site/ (mất khoảng một phút)..."
    with urllib.request.urlopen(address + "mo-dau/01-bai-1.html", timeout=10) as response:
        assert response.status == 200
    assert (tmp_path / "site" / "index.html").is_file()
    assert command.stop() == 0


def test_the_classroom_and_the_zim_type_files_from_one_table(monkeypatch):
    """One table of media types (hocvuso/publish/media_types.py) for both ways a whole site is
    served: on a system whose own table is wrong (Windows reads it from the registry), the
    classroom's server and the ZIM still give the site's files their types, text in UTF-8."""
    import mimetypes

    from hocvuso.zim import edition as zim

    monkeypatch.setattr(mimetypes, "guess_type", lambda *args, **kwargs: ("text/plain", None))
    handler = static_server.ClassroomHandler.__new__(static_server.ClassroomHandler)  # guess_type needs no request
    # Once in one table only: the classroom had no .webp, .jpg, .woff; the ZIM no .webmanifest, .mjs, .zip.
    for path, served, stored in [("img/a.webp", "image/webp", "image/webp"), ("img/a.JPG", "image/jpeg", "image/jpeg"),
                                 ("fonts/a.woff", "font/woff", "font/woff"),
                                 ("manifest.webmanifest", "application/manifest+json", "application/manifest+json"),
                                 ("assets/a.mjs", "text/javascript; charset=utf-8", "text/javascript"),
                                 ("khoa-hoc.zip", "application/zip", "application/zip"),
                                 ("index.html", "text/html; charset=utf-8", "text/html")]:
        assert (handler.guess_type(path), zim.mime_type(path)) == (served, stored), path
    from hocvuso.publish.media_types import MEDIA_TYPES, content_type

    for suffix, kind in MEDIA_TYPES.items():
        assert (handler.guess_type("a" + suffix), zim.mime_type("a" + suffix)) == (content_type(kind), kind), suffix


def test_which_requests_get_gzip():
    assert static_server._accepts_gzip("gzip, deflate, br")
    assert static_server._accepts_gzip("br;q=1.0, gzip;q=0.8")
    assert not static_server._accepts_gzip("gzip;q=0")
    assert not static_server._accepts_gzip("identity")
    assert not static_server._accepts_gzip(None)
    assert not static_server._accepts_gzip("gzip;q=x")
