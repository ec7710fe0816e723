"""`hocvuso check` as a writer runs it: exit codes and the exact lines printed."""

import re
import subprocess
import sys

import pytest
from conftest import ROOT, copy_course
from hocvuso.catalogue import messages
from hocvuso.source.front_matter import read_front_matter

GOOD = "# Bài\n\n```quiz\nid: a\nquestion: Hỏi?\noptions:\n  - text: Có\n    correct: true\n  - text: Không\n```\n"


def run_check(*args, cwd):
    return subprocess.run([sys.executable, "-m", "hocvuso.cli", "check", *args], capture_output=True, text=True, cwd=cwd)


def test_real_content_has_no_problem():
    result = run_check(cwd=ROOT)
    assert result.returncode == 0, result.stdout
    # The only lines allowed: the notice on each lesson whose second reading is not recorded yet
    # (CONTRIBUTING.md, section 8). Notices do not fail the check.
    unread = sorted(f"content/{path.relative_to(ROOT / 'content').as_posix()}" for path in (ROOT / "content").glob("*/*.md")
                    if path.name != "index.md" and "second_reading" not in read_front_matter(path.read_text(encoding="utf-8"), "")[0].values)
    assert result.stdout.splitlines() == [f"{path}:1:1: gợi ý: {messages.no_second_reading()}" for path in unread]
    assert result.stderr.lstrip("\n").startswith("Không có lỗi: đã kiểm tra")


def test_reports_every_problem_with_file_line_and_exits_non_zero(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "bai-1.md").write_text(GOOD, encoding="utf-8")
    (content / "bai-2.md").write_text(GOOD.replace("correct", "corect"), encoding="utf-8")
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "ngan-hang.yml").write_text("id: a\nquestion: Hỏi?\noptions: [{text: X, correct: true}, {text: Y}]\n", encoding="utf-8")
    result = run_check(cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/bai-2.md:8:5: lỗi: Không có trường `corect`. Có phải bạn muốn viết `correct`?",
        "quizzes/ngan-hang.yml:1:5: lỗi: Mã quiz `a` đã dùng ở content/bai-1.md:4. Mỗi quiz cần một mã riêng "
        "trên toàn trang; hãy đổi mã này (đừng đổi mã của quiz đã đăng, vì tiến độ của người học gắn với mã đó).",
    ]
    assert result.stderr.strip() == "Có 2 lỗi cần sửa trong 2 tệp."
    assert "Traceback" not in result.stderr


def test_file_not_in_utf8(tmp_path):
    (tmp_path / "bai.md").write_bytes("Học".encode("utf-16"))
    result = run_check("bai.md", cwd=tmp_path)
    assert result.returncode == 1
    # The first bad byte is the UTF-16 byte order mark, at the very start.
    assert result.stdout.strip() == "bai.md:1:1: lỗi: Tệp không lưu ở dạng UTF-8. Hãy mở tệp và lưu lại với bảng mã UTF-8."


def test_missing_folder_is_a_usage_error(tmp_path):
    result = run_check("khong-co", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "Không tìm thấy: khong-co"


def test_decomposed_unicode_fails_the_check(tmp_path):
    import unicodedata

    (tmp_path / "bai.md").write_text("# Bài\n\nChào " + unicodedata.normalize("NFD", "bà con") + ".\n", encoding="utf-8")
    result = run_check("bai.md", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith('bai.md:3:7: cảnh báo: Chữ "bà" được gõ ở dạng Unicode tổ hợp')


def test_links_images_alt_text_and_heading_levels(tmp_path):
    content = tmp_path / "content"
    (content / "img").mkdir(parents=True)
    (content / "img" / "co.svg").write_text("<svg/>", encoding="utf-8")
    (content / "dich.md").write_text("# Đích\n\n## Định nghĩa\n", encoding="utf-8")
    (tmp_path / "glossary.yml").write_text("- term: mã OTP\n  definition: Mã dùng một lần.\n", encoding="utf-8")
    (content / "bai.md").write_text(
        "# Bài\n\n"
        "[đúng](dich.md#dinh-nghia) [từ](tu-dien.md#ma-otp) [ngoài](https://example.org) ![Hình có](img/co.svg)\n"
        "[sai tệp](dich-sai.md) [sai mục](dich.md#khong-co)\n"
        "![](img/co.svg) ![Hình mất](img/mat.svg)\n\n"
        "### Nhảy cấp\n\n"
        "```markdown\n[trong mã](khong-kiem.md)\n```\n",
        encoding="utf-8",
    )
    result = run_check("content/bai.md", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/bai.md:4:1: lỗi: Liên kết `dich-sai.md` không dẫn tới trang nào. Hãy kiểm tra tên tệp và thư mục (ví dụ `../tu-dien.md`).",
        "content/bai.md:4:24: lỗi: Liên kết `dich.md#khong-co`: trang đích không có mục `#khong-co`. Phần sau dấu # là tên mục "
        "viết không dấu, chữ thường, nối bằng dấu - (ví dụ `#ma-otp`).",
        "content/bai.md:5:1: lỗi: Hình chưa có lời mô tả. Người không nhìn thấy hình cần nghe lời mô tả: hãy viết trong "
        "ngoặc vuông, ví dụ `![Người cầm điện thoại ngang tầm mắt](img/tu-the.svg)`.",
        "content/bai.md:5:17: lỗi: Không tìm thấy hình `img/mat.svg`. Hãy kiểm tra tên tệp (chữ hoa, chữ thường) và thư mục `img/`.",
        "content/bai.md:7:1: lỗi: Tiêu đề cấp 3 (###) đứng ngay sau tiêu đề cấp 1: bị nhảy cấp, trình đọc màn hình sẽ đọc "
        "sai mục lục. Hãy dùng ## cho tiêu đề này.",
    ]


def test_github_format_annotates_the_line(tmp_path):
    (tmp_path / "bai.md").write_text(GOOD.replace("correct", "corect"), encoding="utf-8")
    result = run_check("--format", "github", "bai.md", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.strip() == (
        "::error file=bai.md,line=8,col=5::Không có trường `corect`. Có phải bạn muốn viết `correct`?"
    )


def test_new_lesson_is_refused_until_its_template_text_is_replaced_then_builds(tmp_path):
    from conftest import mkdocs_build, write_child_config

    copy_course(tmp_path)
    run = lambda *args: subprocess.run([sys.executable, "-m", "hocvuso.cli", "new", *args], capture_output=True,  # noqa: E731
                                       text=True, cwd=tmp_path, stdin=subprocess.DEVNULL)
    existing = run("--module", "phong-chong-lua-dao", "--title", "Cảnh giác với quà tặng bất ngờ")
    assert existing.returncode == 0, existing.stderr
    created = sorted((tmp_path / "content" / "phong-chong-lua-dao").glob("*-canh-giac-voi-qua-tang-bat-ngo.md"))
    assert len(created) == 1 and created[0].name.startswith("05-")
    assert "id: phong-chong-lua-dao-canh-giac-voi-qua-tang-bat-ngo\n" in created[0].read_text(encoding="utf-8")
    assert existing.stderr.startswith(f"Đã tạo content/phong-chong-lua-dao/{created[0].name}.")

    assert run("--module", "phong-chong-lua-dao", "--title", "Cảnh giác với quà tặng bất ngờ").returncode == 0
    assert "id: phong-chong-lua-dao-canh-giac-voi-qua-tang-bat-ngo-2\n" in sorted(
        (tmp_path / "content" / "phong-chong-lua-dao").glob("06-*.md"))[0].read_text(encoding="utf-8")
    fresh = run("--module", "chuong-moi", "--title", "Bài đầu tiên", "--module-title", "Chương mới")
    assert fresh.returncode == 0 and (tmp_path / "content" / "chuong-moi" / "01-bai-dau-tien.md").exists()

    # The template's prompts left in are errors, one per page, at the first of them.
    new_pages = [*created, *sorted((tmp_path / "content" / "phong-chong-lua-dao").glob("06-*.md")),
                 tmp_path / "content" / "chuong-moi" / "index.md", tmp_path / "content" / "chuong-moi" / "01-bai-dau-tien.md"]
    check = run_check(cwd=tmp_path)
    assert check.returncode == 1
    # Lessons not yet read a second time get a notice (new ones too); everything else is the prompts.
    errors = [line for line in check.stdout.splitlines() if ": gợi ý: " not in line]
    assert sorted(line.split(":")[0] for line in errors) == sorted(
        page.relative_to(tmp_path).as_posix() for page in new_pages), check.stdout
    assert all("chữ mẫu của lệnh `hocvuso new`" in line for line in errors)
    from hocvuso.course.fields import COMPETENCE_PROMPT
    from hocvuso.course.template_text import TEMPLATE_TEXTS
    for page in new_pages:
        text = page.read_text(encoding="utf-8").replace(COMPETENCE_PROMPT, "4.2")
        for prompt in TEMPLATE_TEXTS:
            text = text.replace(prompt, "Nội dung của bài" + ("?" if prompt.endswith("?") else "."))
        page.write_text(text, encoding="utf-8")
    check = run_check(cwd=tmp_path)
    assert check.returncode == 0, check.stdout
    assert mkdocs_build(write_child_config(tmp_path), tmp_path / "site").returncode == 0


def test_new_refuses_an_unknown_module_without_its_title_and_names_the_closest(tmp_path):
    (tmp_path / "content" / "thanh-toan-so").mkdir(parents=True)
    (tmp_path / "content" / "thanh-toan-so" / "index.md").write_text("---\ntitle: T\ndescription: M.\norder: 1\n---\n# T\n",
                                                                      encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "hocvuso.cli", "new", "--module", "thanh-toan", "--title", "Bài"],
                            capture_output=True, text=True, cwd=tmp_path, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert result.stderr == (
        "Chưa có chương `thanh-toan` trong content/. Có phải bạn muốn viết --module thanh-toan-so?\n"
        "Muốn tạo chương mới, hãy thêm tên chương, ví dụ:\n"
        '  hocvuso new --module thanh-toan --title "Bài" --module-title "Tên chương"\n'
        "Các chương hiện có: thanh-toan-so\n")
    assert not (tmp_path / "content" / "thanh-toan").exists()


def test_new_without_module_or_title_says_how(tmp_path):
    (tmp_path / "content").mkdir()
    result = subprocess.run([sys.executable, "-m", "hocvuso.cli", "new"], capture_output=True, text=True, cwd=tmp_path,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert result.stderr == 'Hãy cho biết chương và tên bài, ví dụ:\n  hocvuso new --module phong-chong-lua-dao --title "Tên bài"\n'


def test_make_check_explains_makes_own_error_line_in_vietnamese(tmp_path):
    """`make check` with mistakes: the Vietnamese count, then one Vietnamese line saying that make's
    English "Error 1" line below it is not one more mistake."""
    import os
    import shutil
    from pathlib import Path

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    shutil.copytree(ROOT / "tests" / "golden" / "messages" / "bad-type", tmp_path / "course",
                    ignore=shutil.ignore_patterns("expected.txt"))
    course = tmp_path / "course"
    shutil.copy(ROOT / "Makefile", course / "Makefile")
    (course / "pyproject.toml").write_text("", encoding="utf-8")
    os.utime(course / "pyproject.toml", (0, 0))  # older than the installed command: make installs nothing
    venv = Path(sys.executable).parent.parent
    # As a writer types it: not inside `make test`, whose MAKELEVEL would make the line "make[1]: ***".
    env = {name: value for name, value in os.environ.items() if name not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    result = subprocess.run(["make", "--no-print-directory", "check", f"VENV={venv}"], capture_output=True, text=True,
                            cwd=course, env=env)
    assert result.returncode != 0
    assert result.stdout.startswith("content/bai.md:5:7: lỗi: Không có loại câu hỏi `nhieu`.")
    lines = result.stderr.strip().splitlines()
    assert lines[:2] == [
        "Có 1 lỗi cần sửa trong 1 tệp.",
        '(Dòng "make: *** ... Error 1" ngay dưới đây chỉ là lệnh make nhắc lại rằng còn lỗi cần sửa, không phải thêm một lỗi.)',
    ], result.stderr
    assert len(lines) == 3 and lines[2].startswith("make: ***") and lines[2].endswith("Error 1")


def _cli_output(*args) -> tuple[int, str]:
    import argparse
    import contextlib
    import io

    from hocvuso import cli

    out, err = io.StringIO(), io.StringIO()
    english = argparse._
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(args))
        except SystemExit as exit_:
            code = exit_.code
    assert argparse._ is english  # argparse is itself again after the run
    return code, out.getvalue() + err.getvalue()


ARGPARSE_ENGLISH = ("usage", "options", "show this help", "error", "positional", "argument", "invalid", "required",
                    "expected", "choose from", "unrecognized", "MODULE", "TITLE", "OUTPUT", "PORT", "paths")


@pytest.mark.parametrize("args", [
    ("--help",), ("check", "--help"), ("new", "--help"), ("schema", "--help"), ("export", "--help"),
    ("lop-hoc", "--help"), ("zim", "--help"), (), ("chek",), ("export",), ("check", "--xyz"), ("new", "--module"),
    ("lop-hoc", "--port", "tam-nghin"), ("check", "--format", "json"),
])
def test_every_text_of_the_command_line_is_vietnamese(args):
    code, output = _cli_output(*args)
    assert code == (0 if "--help" in args else 2)
    assert output.strip()
    assert not [word for word in ARGPARSE_ENGLISH if word in output], output
    if "--help" in args:
        assert output.startswith("cách dùng: hocvuso") and "tuỳ chọn:" in output
        assert "-h, --help  " in output and "hiện hướng dẫn này rồi dừng" in output
    elif args:
        assert output.startswith("cách dùng: hocvuso") and re.search(r"^hocvuso[\w -]*: lỗi: ", output, re.MULTILINE)
    else:
        assert output.startswith("cách dùng: hocvuso [-h] LỆNH ...")


def test_the_docstring_names_every_command_and_the_local_config_is_chosen_once(tmp_path, monkeypatch):
    from hocvuso import cli

    commands = cli._parser()._subparsers._group_actions[0].choices
    assert [name for name in commands if f"`hocvuso {name}" not in cli.__doc__] == []
    monkeypatch.chdir(tmp_path)
    assert cli._config_file() == "mkdocs.yml"
    (tmp_path / "mkdocs.local.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    assert cli._config_file() == "mkdocs.local.yml"


def test_new_lesson_beside_a_lesson_not_in_utf8_is_made_without_a_traceback(tmp_path):
    # Every writer's file is read the one way (source/files.py): `hocvuso new` reads the module's
    # lessons for their order, and one saved in another encoding is the check's to report.
    module = tmp_path / "content" / "mo-dun"
    module.mkdir(parents=True)
    (module / "index.md").write_text("---\ntitle: Chương\ndescription: M.\norder: 1\n---\n# Chương\n", encoding="utf-8")
    (module / "01-bai-cu.md").write_bytes("---\ntitle: Bài cũ\norder: 3\n---\n# Bài cũ\n".encode("utf-16"))
    result = subprocess.run([sys.executable, "-m", "hocvuso.cli", "new", "--module", "mo-dun", "--title", "Bài mới"],
                            capture_output=True, text=True, cwd=tmp_path, stdin=subprocess.DEVNULL)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert (module / "02-bai-moi.md").exists()
