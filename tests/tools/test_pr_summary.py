"""tools/pr-summary.py on a pull request that changes two lessons, one of them with a mistake:
the job summary names both lessons, gives the check's message with its line, and names the
pictures; the pictures are PNGs of the built pages, 390 px wide (a phone at device scale 1).

The course is the small fixture (tests/fixtures/khoa-nho) in a git repository of its own: the
lessons are changed on a branch, the site is built once (not strict: the mistake is kept, as on
a pull request whose check fails), and the script compares the branch with main."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from PIL import Image

from conftest import ROOT, mkdocs_build, write_child_config

pytestmark = pytest.mark.browser
FIXTURE = ROOT / "tests" / "fixtures" / "khoa-nho"
SCRIPT = ROOT / "tools" / "pr-summary.py"


def git(folder, *args):
    result = subprocess.run(["git", "-c", "user.name=Thử", "-c", "user.email=thu@example.invalid", *args],
                            cwd=folder, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory):
    """(course folder, built site) after a branch changed lessons 1 and 2; lesson 2 has a mistake."""
    tmp = tmp_path_factory.mktemp("pr")
    folder = tmp / "khoa"
    shutil.copytree(FIXTURE, folder)
    write_child_config(folder)
    # Lesson 2 was read a second time before this pull request; the pull request changes it.
    second = folder / "content" / "mo-dau" / "02-bai-2.md"
    second.write_text(second.read_text(encoding="utf-8").replace(
        "\n---\n", '\nsecond_reading:\n  by: Người đọc cũ\n  date: "2026-11-01"\n---\n', 1), encoding="utf-8")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "Khoá học")
    git(folder, "switch", "-qc", "bai-moi")
    first = folder / "content" / "mo-dau" / "01-bai-1.md"
    # Rewritten and read a second time (recorded), so the check has nothing to say about it.
    first.write_text(first.read_text(encoding="utf-8").replace(
        "title: Bài thứ 1", 'title: Bài thứ nhất, viết lại\nsecond_reading:\n  by: Người đọc thử\n  date: "2026-12-07"')
                     .replace("Nội dung bài 1.", "Nội dung bài 1, thêm một câu."), encoding="utf-8")
    second = folder / "content" / "mo-dau" / "02-bai-2.md"
    text = second.read_text(encoding="utf-8")
    # Line 31 of the file, column 18: the value of `correct` (28 before its second_reading's 3 lines).
    second.write_text(text.replace("        correct: true", "        correct: có", 1), encoding="utf-8")
    assert second.read_text(encoding="utf-8").splitlines()[30] == "        correct: có"
    git(folder, "commit", "-qam", "Sửa hai bài")
    site = tmp / "site"
    result = mkdocs_build(folder / "mkdocs.yml", site, strict=False)
    assert result.returncode == 0, result.stderr
    return folder, site


def test_summary_lists_each_changed_lesson_with_its_messages_and_picture(pull_request, tmp_path):
    folder, site = pull_request
    images = tmp_path / "hinh"
    summary_file = tmp_path / "tom-tat.md"
    summary_file.write_text("Bước trước.\n", encoding="utf-8")
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary_file), "GITHUB_SERVER_URL": "https://github.com",
           "GITHUB_REPOSITORY": "ten-tai-khoan/ten-kho", "GITHUB_RUN_ID": "42"}
    result = subprocess.run([sys.executable, str(SCRIPT), "--base", "main", "--site", str(site), "--images", str(images)],
                            cwd=folder, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    markdown = summary_file.read_text(encoding="utf-8")
    # Appended to what earlier steps wrote, as GitHub's job summary expects.
    assert markdown.startswith("Bước trước.\n")
    assert "Có 2 trang thay đổi. 1 trang còn lỗi cần sửa." in markdown
    first, second = markdown.split("### ")[1:3]
    assert first.startswith("✅ Bài thứ nhất, viết lại")
    assert "Tệp `content/mo-dau/01-bai-1.md`, trang `mo-dau/01-bai-1.html`, hình `mo-dau--01-bai-1.png`." in first
    assert "Không có lỗi." in first
    assert second.startswith("❌ Bài thứ 2")
    assert "hình `mo-dau--02-bai-2.png`." in second
    assert "1 lỗi cần sửa" in second
    # Its second reading was of the lesson before the change: the writer is told, not the check.
    assert "⚠️ Bài có thay đổi nhưng `second_reading:` vẫn như trước" in second
    assert "⚠️" not in first  # a reading recorded in this pull request
    assert "- Dòng 31, cột 18, **lỗi**: `correct` chỉ nhận `true` (đúng) hoặc `false` (sai), không nhận `có`." in second
    # Unchanged pages are not listed; the pictures are in the artifact, found from the run's page.
    assert "Bài thứ 2" not in first and "mo-dau/index.html" not in markdown and "kiem-tra" not in markdown
    assert "`hinh-bai-hoc`" in markdown and "**Artifacts**" in markdown
    assert "(https://github.com/ten-tai-khoan/ten-kho/actions/runs/42)" in markdown

    assert sorted(path.name for path in images.iterdir()) == ["mo-dau--01-bai-1.png", "mo-dau--02-bai-2.png"]
    for path in images.iterdir():
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        with Image.open(path) as picture:
            assert picture.width == 390
            # Not blank: the page's text and colours, not one flat colour.
            assert len(picture.convert("RGB").getcolors(maxcolors=1 << 16) or range(1 << 16)) > 10


def test_a_second_reading_copied_into_a_new_lesson_is_pointed_out():
    import importlib.util
    spec = importlib.util.spec_from_file_location("pr_summary", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["pr_summary"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    read = '---\ntitle: Bài\nsecond_reading:\n  by: Người khác\n  date: "2026-12-07"\n---\n# Bài\n'
    unread = "---\ntitle: Bài\n---\n# Bài\n"
    assert module.stale_reading(None, read).startswith("Bài mới đã có sẵn dòng `second_reading:`")
    assert module.stale_reading(None, unread) == ""
    assert module.stale_reading(unread, read) == ""  # read in this change: recorded now
    assert module.stale_reading(read, read.replace("# Bài", "# Bài đã sửa")).startswith("Bài có thay đổi")
    assert module.stale_reading(read, read.replace("2026-12-07", "2026-12-08")) == ""
