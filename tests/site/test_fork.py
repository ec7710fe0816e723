"""A province forks the course: its own lessons, facts and look, and national updates merge cleanly."""

import shutil
import subprocess


from conftest import ROOT, mkdocs_build
from media_samples import guide_samples

OVERLAY = ROOT / "examples" / "tinh-mau"
GIT = ["git", "-c", "user.name=Kiểm thử", "-c", "user.email=kiem-thu@example.invalid", "-c", "init.defaultBranch=main"]


def national_tree(destination):
    """The national repository as git tracks it (plus what this change adds), without the example."""
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split("\n")
    for name in filter(None, files):
        source = ROOT / name
        if name.startswith("examples/") or not source.is_file():
            continue
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def make_build(root):
    """What a fork's `make build` (its Pages workflow) does: the guide's samples, then the strict build."""
    guide_samples(root)
    return mkdocs_build(root / "mkdocs.local.yml", root / "site")


def apply_overlay(root):
    shutil.copytree(OVERLAY, root, dirs_exist_ok=True)


def git(root, *args):
    return subprocess.run(GIT + list(args), cwd=root, capture_output=True, text=True)


def test_example_province_builds_strict_with_its_lessons_facts_and_look(tmp_path):
    national_tree(tmp_path)
    apply_overlay(tmp_path)
    result = make_build(tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    lesson = (site / "dia-phuong" / "01-noi-lam-thu-tuc.html").read_text(encoding="utf-8")
    assert "Trung tâm Phục vụ hành chính công Tỉnh Mẫu" in lesson
    assert 'href="../assets/dia-phuong/mau-sac.css"' in lesson and 'href="../assets/hocvuso/hocvuso.css"' in lesson
    assert "Bình dân học vụ số - Tỉnh Mẫu" in lesson and "assets/dia-phuong/logo.svg" in lesson
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Thông tin của Tỉnh Mẫu" in home and "Phòng chống lừa đảo trực tuyến" in home
    assert home.index("Phòng chống lừa đảo trực tuyến") < home.index("Thông tin của Tỉnh Mẫu")  # order 20: after national modules
    # synonyms.local.yml extends the national group that shares a phrase with it.
    assert '["app","ứng dụng","phần mềm điện thoại"]' in (site / "search" / "synonyms.js").read_text(encoding="utf-8")


def test_national_updates_merge_into_a_fork_without_conflict(tmp_path):
    upstream, fork = tmp_path / "quoc-gia", tmp_path / "tinh"
    upstream.mkdir()
    national_tree(upstream)
    assert git(upstream, "init", "-q").returncode == 0
    git(upstream, "add", "-A")
    assert git(upstream, "commit", "-qm", "Khoá học quốc gia").returncode == 0
    assert git(tmp_path, "clone", "-q", str(upstream), str(fork)).returncode == 0

    # The province adds its own files and never edits national ones.
    apply_overlay(fork)
    git(fork, "add", "-A")
    assert git(fork, "commit", "-qm", "Tỉnh Mẫu: bài học, thông tin và màu riêng").returncode == 0

    # Meanwhile the national course changes a lesson, its config and its theme.
    lesson = upstream / "content" / "phong-chong-lua-dao" / "01-cuoc-goi-lua-dao.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("minutes: 10", "minutes: 11", 1), encoding="utf-8")
    config = upstream / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("    - navigation.top\n", "    - navigation.top\n    - toc.follow\n"),
                      encoding="utf-8")
    css = upstream / "hocvuso" / "theme" / "assets" / "hocvuso" / "hocvuso.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.md-typeset p { hyphens: none; }\n", encoding="utf-8")
    facts = upstream / "facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("checked: 2026-11", "checked: 2026-12", 1), encoding="utf-8")
    git(upstream, "add", "-A")
    assert git(upstream, "commit", "-qm", "Cập nhật quốc gia").returncode == 0

    merge = git(fork, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
    assert merge.returncode == 0, merge.stdout + merge.stderr
    assert git(fork, "diff", "--name-only", "--diff-filter=U").stdout == ""

    result = make_build(fork)
    assert result.returncode == 0, result.stderr
    national = (fork / "site" / "phong-chong-lua-dao" / "01-cuoc-goi-lua-dao.html").read_text(encoding="utf-8")
    assert "khoảng 11 phút" in national  # the national update arrived
    # And the province's module is still on the course list every page's menu links to (issue #27:
    # a lesson's menu carries its own module only).
    assert 'href="../cac-chuong.html"' in national
    assert "Thông tin của Tỉnh Mẫu" in (fork / "site" / "cac-chuong.html").read_text(encoding="utf-8")
    assert (fork / "site" / "dia-phuong" / "01-noi-lam-thu-tuc.html").exists()
