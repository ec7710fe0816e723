"""The ordered path, a fork's choice (issue #28, item 6): the setting as the build reads it, and
what it writes for the learner's browser. The browser side is tests/browser/test_ordered_path_browser.py."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import yaml
from pathlib import Path

from conftest import ROOT, mkdocs_build, write_child_config
from hocvuso.catalogue import messages, site_paths
from hocvuso.course.project import ORDERED_PATH_SETTING, CourseSettings, MediaBudget, Project, ordered_path
from hocvuso.pages import progress
from page_weight import gzipped
from site_reading import course_map

FIXTURE = ROOT / "tests" / "fixtures" / "khoa-nho"


def test_the_setting_is_off_unless_a_fork_says_true():
    assert ordered_path(None) == (False, [])
    assert ordered_path({}) == (False, [])
    assert ordered_path({ORDERED_PATH_SETTING: None}) == (False, [])  # the key written with no value
    assert ordered_path({ORDERED_PATH_SETTING: False}) == (False, [])
    assert ordered_path({ORDERED_PATH_SETTING: True}) == (True, [])


def test_a_value_other_than_true_or_false_is_an_error_naming_the_setting_and_the_path_stays_off():
    on, problems = ordered_path({ORDERED_PATH_SETTING: "có"}, "mkdocs.local.yml")
    assert on is False
    assert [problem.format() for problem in problems] == [
        "mkdocs.local.yml: lỗi: `hoc_theo_thu_tu: có` không hợp lệ: chỉ ghi `hoc_theo_thu_tu: true` (học theo thứ tự, "
        "bài sau mở khi học xong bài trước) hoặc `hoc_theo_thu_tu: false` (mở mọi bài, như mặc định)."]


def test_the_national_course_ships_with_the_path_off():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["extra"][ORDERED_PATH_SETTING] == "false"
    # Its script is no part of the bundle every page loads: core.js loads it when the setting is on.
    assert site_paths.ORDERED_PATH_SCRIPT not in [entry["path"] for entry in config["extra_javascript"]]
    assert site_paths.ORDERED_PATH_SCRIPT in site_paths.LAZY_SCRIPTS


def test_the_scripts_get_the_path_and_its_texts_from_the_catalogue_only_when_it_is_on():
    assert "ordered" not in progress.shared_values() and "orderedPath" not in progress.shared_values()["paths"]
    shared = progress.shared_values(ordered=True)
    assert shared["ordered"] == messages.ORDERED_PATH_TEXTS
    assert shared["paths"]["orderedPath"] == site_paths.ORDERED_PATH_SCRIPT
    assert "ordered" not in progress.shared_values(offline=False)


def test_a_fork_turning_it_on_writes_it_into_the_course_map_and_off_writes_nothing(tmp_path):
    for name, extra in (("tat", ""), ("bat", f"extra:\n  {ORDERED_PATH_SETTING}: true\n")):
        folder = tmp_path / name
        shutil.copytree(FIXTURE, folder)
        result = mkdocs_build(write_child_config(folder, extra), folder / "site")
        assert result.returncode == 0, result.stderr
        shared = course_map(folder / "site")["shared"]
        assert ("ordered" in shared) == (name == "bat")
        lesson = (folder / "site" / "mo-dau" / "02-bai-2.html").read_text(encoding="utf-8")
        # The content stays in the page either way: a static site cannot keep it secret.
        assert "Nội dung bài 2." in lesson and "hvs-closed" not in lesson
        # Only a page the path may close waits for its script (hocvuso/theme/main.html).
        assert ('<meta name="hvs-path-wait"' in lesson) == (name == "bat")
        first = (folder / "site" / "mo-dau" / "01-bai-1.html").read_text(encoding="utf-8")
        assert '<meta name="hvs-path-wait"' not in first  # the first lesson is always open
    # The README's figure for the script, loaded lazily (not in the bundle), is the built file's.
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    figure = re.search(r"`ordered-path.js` \(not in the bundle: [^)]*?([\d.]+) KB gzip minified", readme)
    assert figure, "README: ordered-path.js's size"
    built = gzipped((folder / "site" / site_paths.ORDERED_PATH_SCRIPT).read_bytes())
    assert abs(built / 1000 - float(figure.group(1))) <= 0.1, built


def test_a_bad_value_fails_the_build_and_the_check_with_one_message_naming_its_file_and_line(tmp_path):
    """One reading of the course's settings (Project.settings, in read_course) for both: the check
    used to say nothing, the build named the file without the line."""
    folder = tmp_path / "khoa"
    shutil.copytree(FIXTURE, folder)
    config = write_child_config(folder, f"extra:\n  {ORDERED_PATH_SETTING}: co\n")
    line = config.read_text(encoding="utf-8").splitlines().index(f"  {ORDERED_PATH_SETTING}: co") + 1
    expected = (f"mkdocs.yml:{line}:3: lỗi: `hoc_theo_thu_tu: co` không hợp lệ: chỉ ghi `hoc_theo_thu_tu: true` (học theo "
                "thứ tự, bài sau mở khi học xong bài trước) hoặc `hoc_theo_thu_tu: false` (mở mọi bài, như mặc định).")
    result = mkdocs_build(config, folder / "site")
    assert result.returncode != 0
    assert expected in result.stderr
    check = subprocess.run([sys.executable, "-m", "hocvuso.cli", "check"], capture_output=True, text=True, cwd=folder)
    assert check.returncode == 1
    assert expected in check.stdout.splitlines()


def test_the_settings_are_read_with_what_a_fork_inherits_and_where_each_is_written(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(f"site_name: x\nextra:\n  {ORDERED_PATH_SETTING}: true\n  video:\n"
                                         "    mb_per_minute: 3\n", encoding="utf-8")
    project = Project.at(tmp_path)
    assert project.settings() == (CourseSettings(True, MediaBudget(3_000_000, 400_000)), [])
    (tmp_path / "mkdocs.local.yml").write_text(f"INHERIT: mkdocs.yml\nextra:\n  kho: x\n\n  {ORDERED_PATH_SETTING}: 1\n",
                                               encoding="utf-8")
    settings, problems = project.settings()  # the fork's file first, its value over the inherited one
    assert settings == CourseSettings(False, MediaBudget(3_000_000, 400_000))
    assert [(problem.path, problem.line, problem.column) for problem in problems] == [("mkdocs.local.yml", 5, 3)]
    (tmp_path / "mkdocs.local.yml").write_text("INHERIT: mkdocs.yml\nextra:\n", encoding="utf-8")
    assert project.settings() == (CourseSettings(True, MediaBudget(3_000_000, 400_000)), [])
    # The build names the configuration it was given, whatever its name.
    (tmp_path / "autre.yml").write_text("extra:\n  hoc_theo_thu_tu: false\n", encoding="utf-8")
    assert Project.at(tmp_path, config_file=tmp_path / "autre.yml").settings() == (CourseSettings(), [])


def test_the_guide_for_provinces_says_how_to_turn_it_on_and_that_content_is_not_secret():
    guide = (ROOT / "content" / "huong-dan-cho-tinh-xa.md").read_text(encoding="utf-8")
    assert f"{ORDERED_PATH_SETTING}: true" in guide
    assert "không giấu được" in guide


def test_the_lock_is_materials_icon_and_no_emoji():
    """Older phones may lack emoji (hocvuso.css says so): the lock is Material's, as the theme draws its icons."""
    import material
    icon = (Path(material.__file__).parent / "templates" / ".icons" / "material" / "lock.svg").read_text(encoding="utf-8")
    path = re.search(r' d="([^"]+)"', icon).group(1)
    script = (ROOT / "hocvuso" / "theme" / "assets" / "hocvuso" / "ordered-path.js").read_text(encoding="utf-8")
    assert f'var LOCK_PATH = "{path}";' in script
    assert not re.search("[\U0001F000-\U0001FAFF\u2600-\u27BF]", script)


def test_the_guide_says_exactly_what_finished_means():
    """A lesson is finished when its last quiz block is all answered right (progress.js, the course map
    counts lessons with a review quiz); opening, reading, watching or listening is not finishing it."""
    guide = " ".join((ROOT / "content" / "huong-dan-cho-tinh-xa.md").read_text(encoding="utf-8").split())
    assert "Học xong một bài nghĩa là đã trả lời đúng mọi câu của khối câu hỏi cuối bài" in guide
    assert "Chỉ mở bài, đọc hết bài, xem hết video hay nghe hết bài thì chưa tính là học xong." in guide
    assert "Nếu một bài vẫn thiếu câu hỏi ôn tập, bài đó luôn mở và không chặn bài sau" in guide
    assert "Học viên đã làm bài kiểm tra đó rồi (đạt hay chưa đạt) thì bài kiểm tra cũng mở." in guide


def test_a_fork_changing_one_video_budget_keeps_the_other_it_inherits(tmp_path):
    """MkDocs merges an INHERIT chain deep: a fork's `video: {narration_mb_per_minute: ...}` keeps the
    national `mb_per_minute` (it replaced the whole mapping, and the budget fell back to 2)."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nextra:\n  video:\n    mb_per_minute: 3\n", encoding="utf-8")
    (tmp_path / "mkdocs.local.yml").write_text("INHERIT: mkdocs.yml\nextra:\n  video:\n    narration_mb_per_minute: 0.5\n",
                                               encoding="utf-8")
    assert Project.at(tmp_path).settings() == (CourseSettings(False, MediaBudget(3_000_000, 500_000)), [])
