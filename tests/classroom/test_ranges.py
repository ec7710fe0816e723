"""`hocvuso lop-hoc` answers byte ranges (206): iPhones play a video only from a server that
does. Checked against slicing the file (hypothesis), through the real server on a loopback
port, with a WebM made at test time."""

from __future__ import annotations

import gzip
import http.client
import os
import threading

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hocvuso.classroom import static_server
from hocvuso.classroom.static_server import UNSATISFIABLE, byte_range
import media_samples


def sliced(content: bytes, header: str) -> bytes | str | None:
    """What the range asks of `content`, by Python's slicing (the model the server must follow)."""
    spec = header.split("=", 1)[1]
    first, last = spec.split("-")
    if not first:
        return content[-int(last):] if int(last) and content else UNSATISFIABLE
    if last and int(last) < int(first):
        return None
    if int(first) >= len(content):
        return UNSATISFIABLE
    return content[int(first):int(last) + 1] if last else content[int(first):]


ranges = st.one_of(
    st.tuples(st.integers(0, 5000), st.integers(0, 5000)).map(lambda r: f"bytes={r[0]}-{r[1]}"),
    st.integers(0, 5000).map(lambda a: f"bytes={a}-"),
    st.integers(0, 5000).map(lambda n: f"bytes=-{n}"),
)


@given(size=st.integers(0, 3000), header=ranges)
@example(size=10, header="bytes=0-0").via("one byte: Safari's first question is bytes=0-1")
@example(size=10, header="bytes=-0").via("no bytes asked: unsatisfiable")
@example(size=0, header="bytes=0-")
def test_the_range_is_the_slice_of_the_file(size, header):
    content = bytes(index % 251 for index in range(size))
    asked = byte_range(header, size)
    expected = sliced(content, header)
    if isinstance(asked, tuple):
        first, last = asked
        assert 0 <= first <= last < size
        assert content[first:last + 1] == expected
    else:
        assert asked == expected


def test_headers_the_server_does_not_read_give_the_whole_file():
    for header in [None, "", "bytes=", "bytes=-", "items=0-5", "bytes=0-5,10-20", "bytes=a-b", "bytes=5-2"]:
        assert byte_range(header, 100) is None, header
    assert byte_range("Bytes = 2 - 4", 100) == (2, 4)


# ---- Through the server -------------------------------------------------------------------


class Served(tuple):
    """(site, port, the video's bytes), shown short when a test fails."""

    def __new__(cls, *values):
        return super().__new__(cls, values)

    def __repr__(self):
        return f"Served(port={self[1]}, video of {len(self[2])} bytes)"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    (site / "index.html").write_text("<!doctype html><title>x</title>" + "chữ " * 2000, encoding="utf-8")
    (site / "bai").mkdir()
    video = media_samples.tool().write_video(site / "bai" / "video" / "tra-tien-dien.webm", seconds=6, width=160, height=96,
                                             key_every=10)
    (site / "bai" / "video" / "tra-tien-dien.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào\n", encoding="utf-8")
    server = static_server.make_server(site, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Served(site, server.server_address[1], video.read_bytes())
    server.shutdown()
    server.server_close()


def ask(port: int, path: str, method: str = "GET", **headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, "/" + path, headers={key.replace("_", "-"): value for key, value in headers.items()})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.headers, body


VIDEO = "bai/video/tra-tien-dien.webm"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=ranges)
@example(header="bytes=0-1")
@example(header="bytes=0-")
@example(header="bytes=-500")
@example(header="bytes=100000-")
def test_a_video_range_is_answered_with_its_bytes(served, header):
    _, port, content = served
    status, headers, body = ask(port, VIDEO, Range=header)
    expected = sliced(content, header)
    assert headers["Accept-Ranges"] == "bytes"
    if expected == UNSATISFIABLE:
        assert (status, headers["Content-Range"], body) == (416, f"bytes */{len(content)}", b"")
    elif expected is None:
        assert status == 200 and body == content, "not the whole file"
    else:
        first = len(content) - len(expected) if header.startswith("bytes=-") else int(header[6:].split("-")[0])
        assert status == 206
        assert headers["Content-Range"] == f"bytes {first}-{first + len(body) - 1}/{len(content)}"
        assert headers["Content-Type"] == "video/webm"
        assert int(headers["Content-Length"]) == len(body)
        assert body == expected, "not the bytes asked for"


def test_every_file_says_it_answers_ranges_and_head_tells_the_size(served):
    site, port, content = served
    status, headers, body = ask(port, VIDEO, method="HEAD")
    assert (status, headers["Accept-Ranges"], headers["Content-Length"], body) == (200, "bytes", str(len(content)), b"")
    status, headers, body = ask(port, VIDEO, method="HEAD", Range="bytes=10-19")
    assert (status, headers["Content-Range"], headers["Content-Length"], body) == (206, f"bytes 10-19/{len(content)}", "10", b"")
    status, headers, body = ask(port, "bai/video/tra-tien-dien.vtt")
    assert (status, headers["Content-Type"], headers["Accept-Ranges"]) == (200, "text/vtt; charset=utf-8", "bytes")
    assert ask(port, "khong-co.webm", Range="bytes=0-1")[0] == 404
    assert ask(port, "bai/", Range="bytes=0-1")[0] == 404  # still no list of files


def test_text_keeps_its_gzip_and_a_range_counts_the_files_own_bytes(served):
    """A gzipped answer does not offer ranges (its bytes are not the file's: a range of them
    would count bytes of another representation); a Range request of a text file is answered
    with the file's own bytes, uncompressed, and says so."""
    site, port, _ = served
    page = (site / "index.html").read_bytes()
    status, headers, body = ask(port, "", Accept_Encoding="gzip")
    assert (status, headers["Content-Encoding"], headers["Accept-Ranges"]) == (200, "gzip", None)
    assert gzip.decompress(body) == page
    status, headers, body = ask(port, "", method="HEAD", Accept_Encoding="gzip")
    assert (status, headers["Content-Encoding"], headers["Accept-Ranges"]) == (200, "gzip", None)
    status, headers, body = ask(port, "", Accept_Encoding="gzip", Range="bytes=5-9")
    assert (status, headers["Content-Encoding"], body) == (206, None, page[5:10])
    assert (headers["Accept-Ranges"], headers["Content-Range"]) == ("bytes", f"bytes 5-9/{len(page)}")
    # Not gzipped (the client does not take gzip): the whole file, offering ranges.
    status, headers, body = ask(port, "")
    assert (status, headers["Content-Encoding"], headers["Accept-Ranges"], body) == (200, None, "bytes", page)


def test_a_range_of_another_version_of_the_file_gets_the_whole_file(served):
    site, port, content = served
    status, headers, _ = ask(port, VIDEO)
    same = headers["Last-Modified"]
    assert ask(port, VIDEO, Range="bytes=0-9", If_Range=same)[0] == 206
    status, _, body = ask(port, VIDEO, Range="bytes=0-9", If_Range="Mon, 01 Jan 2001 00:00:00 GMT")
    assert (status, body) == (200, content)
    os.utime(site / VIDEO)  # unchanged bytes, but a newer file: still answers
    assert ask(port, VIDEO, Range="bytes=0-9")[0] == 206


def test_videos_captions_and_narrations_are_typed_from_the_sites_table(monkeypatch):
    """On a system whose own table is wrong or short (Windows reads it from the registry), the
    classroom and the ZIM still type the lesson's media: a phone refuses a video sent as text."""
    import mimetypes

    pytest.importorskip("libzim")
    from hocvuso.zim import edition as zim

    monkeypatch.setattr(mimetypes, "guess_type", lambda *args, **kwargs: (None, None))
    handler = static_server.ClassroomHandler.__new__(static_server.ClassroomHandler)
    for path, kind in [("bai/video/a.webm", "video/webm"), ("bai/video/a.mp4", "video/mp4"),
                       ("bai/video/a.vtt", "text/vtt"), ("bai/a.loi-doc.ogg", "audio/ogg"),
                       ("bai/a.loi-doc.opus", "audio/ogg"), ("bai/a.loi-doc.m4a", "audio/mp4")]:
        assert zim.mime_type(path) == kind, path
        assert handler.guess_type(path).split(";")[0] == kind, path
