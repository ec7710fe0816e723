"""The ZIM edition (`hocvuso zim`), read back with libzim's own reader: every built file inside,
the home page as main page, the metadata Kiwix shows, a 48x48 PNG illustration, and nothing
that needs a network or a service worker. Then the metadata rules on their own (a fork's
overrides, Kiwix's length limits) and the PNG code."""

from __future__ import annotations

import io

import re
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT
from hocvuso.zim import edition as zim

pytest.importorskip("libzim")
from libzim.reader import Archive  # noqa: E402
from libzim.search import Query, Searcher  # noqa: E402

REQUIRED = ("Name", "Title", "Description", "LongDescription", "Language", "Creator", "Publisher", "Date", "Tags", "Flavour")
MODULE_BUTTON = "Tải về để học không cần mạng"


@pytest.fixture(scope="module")
def archive(zim_edition):
    return Archive(zim_edition[0])


def built_files(site_dir: Path) -> dict[str, Path]:
    return {path.relative_to(site_dir).as_posix(): path for path in site_dir.rglob("*") if path.is_file()}


def test_every_built_file_is_an_entry_with_the_same_content(archive, zim_edition):
    files = built_files(zim_edition[1])
    assert len(files) > 100
    assert archive.entry_count == len(files)
    for path, file in files.items():
        item = archive.get_entry_by_path(path).get_item()
        assert bytes(item.content) == file.read_bytes(), path
    assert archive.get_entry_by_path("assets/hocvuso/bundle.js").get_item().mimetype == "text/javascript"
    assert archive.get_entry_by_path("index.html").get_item().mimetype == "text/html"


def test_the_course_map_search_index_and_drawings_are_inside(archive, zim_edition):
    for path in ("assets/hocvuso/course.js", "search/index.js", "tien-do.html", "tu-dien.html"):
        assert archive.has_entry_by_path(path), path
    drawings = [path for path in built_files(zim_edition[1]) if path.endswith(".svg") and "/img/" in path]
    assert len(drawings) >= 10
    assert all(archive.get_entry_by_path(path).get_item().mimetype == "image/svg+xml" for path in drawings)


def test_main_page_is_the_home_page(archive):
    assert archive.has_main_entry
    assert archive.main_entry.get_item().path == "index.html"


def test_metadata_kiwix_shows(archive):
    metadata = {key: bytes(archive.get_metadata(key)).decode("utf-8") for key in archive.metadata_keys if not key.startswith("Illustration")}
    for key in REQUIRED:
        assert metadata.get(key), key
    assert metadata["Name"] == "hocvuso_vi_binh-dan-hoc-vu-so"
    assert metadata["Title"] == "Bình dân học vụ số"
    assert metadata["Language"] == "vie"
    assert metadata["Description"].startswith("Khoá học kỹ năng số")
    assert len(metadata["Title"]) <= 30 and len(metadata["Description"]) <= 80
    assert len(metadata["LongDescription"]) > len(metadata["Description"])
    assert metadata["Date"] == date.today().isoformat()
    assert "_ftindex:yes" in metadata["Tags"].split(";")


def test_illustration_is_a_48x48_png(archive):
    # Only one size, 48x48 at scale 1 (get_illustration_sizes() warns that it is deprecated).
    assert [key for key in archive.metadata_keys if key.startswith("Illustration")] == ["Illustration_48x48@1"]
    assert archive.has_illustration(48)
    picture = rgba(bytes(archive.get_illustration_item(48).content))
    assert picture.size == (48, 48)
    assert picture.getpixel((0, 0))[3] < 255, "the corners are rounded (transparent)"
    assert picture.getpixel((24, 24))[3] == 255


def test_no_service_worker_and_no_download_button_in_the_zim(archive, zim_edition):
    site_dir = zim_edition[1]
    assert not archive.has_entry_by_path("sw.js")
    assert not archive.has_entry_by_path("assets/hocvuso/offline.js")
    assert not archive.has_entry_by_path("assets/hocvuso/offline-module.js")
    assert not any(path.startswith("offline/") for path in built_files(site_dir))
    for path, file in built_files(site_dir).items():
        if path.endswith((".html", ".js")):
            text = file.read_text(encoding="utf-8")
            assert "serviceWorker" not in text and "sw.js" not in text, path
            assert MODULE_BUTTON not in text, path
    assert "hvs-offline" not in (site_dir / "phong-chong-lua-dao" / "index.html").read_text(encoding="utf-8")


def test_nothing_inside_loads_from_another_host(zim_edition):
    loads = re.compile(r"""<(?:script|img|link|source|iframe)\b[^>]*?\s(?:src|href)=["']?(https?:)?//""", re.IGNORECASE)
    for path, file in built_files(zim_edition[1]).items():
        if path.endswith(".html"):
            assert not loads.search(file.read_text(encoding="utf-8")), path


def test_kiwix_search_finds_lessons_but_not_the_answer_keys(archive):
    searcher = Searcher(archive)
    found = list(searcher.search(Query().set_query("lừa đảo")).getResults(0, 200))
    assert "phong-chong-lua-dao/01-cuoc-goi-lua-dao.html" in found
    answers = list(searcher.search(Query().set_query("Đáp án các câu hỏi của chương")).getResults(0, 200))
    assert not [path for path in answers if path.endswith(("/dap-an.html", "/kiem-tra.html"))]


def test_titles_kiwix_lists_drop_the_site_name(archive):
    lesson = archive.get_entry_by_path("phong-chong-lua-dao/01-cuoc-goi-lua-dao.html")
    assert lesson.title and "Bình dân học vụ số" not in lesson.title


# ---- The rules on their own ---------------------------------------------------------------


def test_a_forks_config_inherits_and_overrides(tmp_path):
    (tmp_path / "mkdocs.local.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        "site_name: Học vụ số Hà Giang\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n  zim:\n    file: hoc-vu-so-ha-giang\n    publisher: Tổ công nghệ số\n    tags: [tinh-ha-giang]\n",
        encoding="utf-8")
    config = zim.read_config(tmp_path / "mkdocs.local.yml")
    assert config["extra"]["generator"] is False  # the national config's extra, merged
    metadata, problems = zim.metadata_from_config(config, date(2027, 1, 2))
    assert problems == []
    assert metadata.name == "hocvuso_vi_hoc-vu-so-ha-giang"
    assert metadata.title == "Học vụ số Hà Giang"
    assert metadata.description.startswith("Khoá học kỹ năng số")  # the national description
    assert metadata.publisher == "Tổ công nghệ số" and metadata.creator == "Học vụ số Hà Giang"
    assert metadata.file_name == "hoc-vu-so-ha-giang.zim"
    assert metadata.date == "2027-01-02"
    assert metadata.tags[-1] == "tinh-ha-giang"


def test_the_name_stays_the_same_from_one_edition_to_the_next():
    config = zim.read_config(ROOT / "mkdocs.yml")
    first, _ = zim.metadata_from_config(config, date(2026, 12, 1))
    later, _ = zim.metadata_from_config(config, date(2027, 6, 1))
    assert first.name == later.name and first.file_name == later.file_name == "khoa-hoc.zim"
    assert first.date != later.date


def test_what_kiwix_cannot_show_is_refused_in_vietnamese():
    config = {"site_name": "Khoá học kỹ năng số của tỉnh, bản đầy đủ nhất", "site_description": "Ngắn."}
    _, problems = zim.metadata_from_config(config, date(2026, 12, 1))
    assert problems == ["Title của tệp ZIM dài 45 ký tự, Kiwix chỉ hiện 30: hãy ghi bản ngắn hơn ở extra.zim.title trong mkdocs.yml."]
    _, problems = zim.metadata_from_config({"site_name": "A", "extra": {"zim": {"language": "vi", "file": "khoá học"}}}, date(2026, 12, 1))
    assert "Language của tệp ZIM phải là mã ISO 639-3, ví dụ vie (đang có: vi)." in problems
    assert "Tên tệp ZIM chỉ dùng chữ không dấu, số, dấu - và . (đang có: khoá học.zim)." in problems


def rgba(data: bytes):
    from PIL import Image

    return Image.open(io.BytesIO(data)).convert("RGBA")


def test_a_forks_png_logo_is_scaled_to_48(tmp_path):
    # A 96x96 logo: left half red, right half blue; each 48x48 pixel covers 2x2 of it.
    from PIL import Image

    logo = Image.new("RGBA", (96, 96), (0, 0, 255, 255))
    logo.paste((255, 0, 0, 255), (0, 0, 48, 96))
    logo.save(tmp_path / "logo.png")
    metadata, _ = zim.metadata_from_config({"site_name": "A", "extra": {"zim": {"illustration": "logo.png"}}}, date(2026, 12, 1))
    picture, source = zim.illustration(metadata, tmp_path, tmp_path)
    picture = rgba(picture)
    assert picture.size == (48, 48) and source.endswith("logo.png")
    assert picture.getpixel((0, 0)) == (255, 0, 0, 255) and picture.getpixel((47, 0)) == (0, 0, 255, 255)


def test_a_logo_that_is_not_a_png_is_not_used(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    metadata, _ = zim.metadata_from_config({"site_name": "A", "extra": {"zim": {"illustration": "logo.png"}}}, date(2026, 12, 1))
    assert zim.illustration(metadata, tmp_path, tmp_path)[1] == "hình vẽ của hocvuso"


def test_without_a_raster_logo_our_drawing_is_used(tmp_path):
    from hocvuso.zim.illustration import drawn_illustration

    metadata, _ = zim.metadata_from_config({"site_name": "A", "theme": {"logo": "assets/logo.svg"}}, date(2026, 12, 1))
    picture, source = zim.illustration(metadata, tmp_path, tmp_path)
    assert picture == drawn_illustration() and source == "hình vẽ của hocvuso"
    book = rgba(picture)
    assert book.getpixel((15, 16))[:3] == (255, 255, 255), "a white page of the book"
    assert book.getpixel((24, 44))[:3] == (64, 81, 181), "the indigo background"
