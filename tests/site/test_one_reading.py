"""`hocvuso check` and `mkdocs build --strict` read the course once, the same way: they accept and
refuse exactly the same pages, links and quiz blocks, and a page shows exactly the quizzes checked."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, mkdocs_build, write_child_config
from hocvuso.catalogue import messages

LESSON_HEAD = (
    "---\ntitle: {title}\ndescription: Một câu.\norder: {order}\nminutes: 5\nlevel: 1\nobjectives: [Làm được việc.]\n"
    'competences: {{digcomp: ["1.1"], tt02: ["1.1"]}}\nsources: [cong-an-113]\n'
    'second_reading: {{by: Trần Thị Lan, date: "2026-12-07"}}\n---\n\n# {title}\n\nChữ.\n\n'
)
QUIZ = "id: {id}\nquestion: Hỏi?\nexplanation: Gọi {{{{ fact:cong-an-113 }}}}.\noptions:\n  - text: Có\n    correct: true\n  - text: Không\n"
LESSON_LINES = LESSON_HEAD.count("\n")  # a block's line N is the file's line LESSON_LINES + N


def fence(quiz_id, indent="", close_indent=None, opener="```quiz", spaces_line=False) -> str:
    body = "".join(indent + line + "\n" for line in QUIZ.format(id=quiz_id).splitlines())
    closing = indent if close_indent is None else close_indent
    return f"{indent}{opener}\n{body}" + (f"{indent}   \n" if spaces_line else "") + f"{closing}```\n"


def in_admonition(text: str) -> str:
    return '!!! note "Thử nhanh"\n\n' + text


# Blocks that the check and the build must both refuse, and the line and message they report.
SHOWN_AS_CODE = ("Khối quiz này sẽ hiện ra như mã máy tính, cả đáp án, chứ không thành câu hỏi. Dòng ``` đóng khối "
                 "phải thẳng hàng với dòng ```quiz mở khối, và sau chữ quiz không viết thêm gì (ví dụ không viết title=...).")
NOT_CHECKED = ("Khối quiz ở chỗ này không được kiểm tra nên không hiện ra: nó nằm trong phần trích dẫn (dòng bắt đầu bằng >) "
               "hoặc sau một dòng ``` thừa. Hãy đặt khối quiz ở đầu dòng hoặc trong hộp lưu ý, và xoá dòng ``` thừa.")
BAD_BLOCKS = {
    "dong-1": (fence("dong-1", close_indent=" "), 1, 1, SHOWN_AS_CODE),
    "dong-3": (fence("dong-3", close_indent="   "), 1, 1, SHOWN_AS_CODE),
    "tieu-de": (fence("tieu-de", opener='```quiz title="Ôn tập"'), 1, 1, SHOWN_AS_CODE),
    # A closing line out of its box: named as such (the box's line, the closing line to indent).
    "hop-cot-0": (in_admonition(fence("hop-cot-0", indent="    ", close_indent="")), 3, 1,
                  messages.quiz_outside_its_box(LESSON_LINES + 1, '!!! note "Thử nhanh"', 4,
                                                messages.indent_closer(LESSON_LINES + 3 + len(QUIZ.splitlines()) + 1, 4))),
    # The opener out of its box: the fence ran on to the next quiz, shown as code (answers included).
    "hop-mo-cot-0": (in_admonition(fence("hop-mo-cot-0", indent="    ").replace("    ```quiz", "```quiz", 1))
                     + "\n" + fence("hop-mo-cot-0-on"), 3, 1,
                     messages.quiz_outside_its_box(LESSON_LINES + 1, '!!! note "Thử nhanh"', 4,
                                                   messages.indent_opener(LESSON_LINES + 3, 4))),
    # The whole block 2 spaces in: an empty box, the quiz under it.
    "hop-lui-2": (in_admonition(fence("hop-lui-2", indent="  ")) + "\n" + fence("hop-lui-2-on"), 3, 1,
                  messages.quiz_outside_its_box(LESSON_LINES + 1, '!!! note "Thử nhanh"', 4, messages.indent_whole_block(2))),
    "hop-cot-8": (in_admonition(fence("hop-cot-8", indent="    ", close_indent="        ")), 3, 5, SHOWN_AS_CODE),
    "trich-dan": ("".join("> " + line + "\n" for line in fence("trich-dan").splitlines()), 2, 0, NOT_CHECKED),
    "thua": (fence("thua-a") + "```\n\n" + fence("thua-b") + "\nHết.\n" + fence("thua-c"), 10, 1,
             "Dòng ``` này mở một khối mã, nên khối quiz ở dòng {quiz_line} sẽ hiện ra như mã máy tính, cả đáp án. "
             "Nếu đây là dòng ``` thừa thì hãy xoá nó. Muốn trình bày một ví dụ thì viết ````markdown (bốn dấu `) thay cho ```."),
}
# Blocks that are fine: both accept them and the page shows the quiz with its facts expanded.
GOOD_BLOCKS = {
    "dong-trang": fence("dong-trang", spaces_line=True),
    "tab": fence("tab").replace("explanation: ", "explanation:\t"),
    "trong-hop": in_admonition(fence("trong-hop", indent="    ")),
}
GENERATED_LINKS = (
    "[Tiến độ](../tien-do.md), [chứng nhận](../chung-nhan.md), [năng lực](../nang-luc-so.md), "
    "[từ điển](../tu-dien.md#ma-otp), [đáp án](dap-an.md), [kiểm tra](kiem-tra.md#bai-kiem-tra-chuong)\n\n"
)
BANK = "id: bank-chuong\nquestions:\n" + "".join(
    f"  - id: c{n}\n    question: Câu {n}?\n    options:\n      - text: Có\n        correct: true\n      - text: Không\n" for n in range(3))


def write_project(root, blocks: dict[str, str], extra_prose: str = "") -> None:
    (root / "content" / "chuong").mkdir(parents=True)
    shutil.copy(ROOT / "facts.yml", root / "facts.yml")
    (root / "glossary.yml").write_text("- term: mã OTP\n  definition: Mã dùng một lần.\n", encoding="utf-8")
    (root / "quizzes").mkdir()
    (root / "quizzes" / "chuong.yml").write_text(BANK, encoding="utf-8")
    (root / "content" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (root / "content" / "chuong" / "index.md").write_text(
        "---\ntitle: Chương\ndescription: Một câu.\norder: 1\n---\n\n# Chương\n", encoding="utf-8")
    for order, (name, block) in enumerate(blocks.items(), start=1):
        text = LESSON_HEAD.format(title=f"Bài {name}", order=order) + extra_prose + block
        (root / "content" / "chuong" / f"{name}.md").write_text(text, encoding="utf-8")


def run_check(root) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hocvuso.cli", "check"], capture_output=True, text=True, cwd=root)


def build_messages(stderr: str) -> set[str]:
    return {re.sub(r"^(ERROR|WARNING)\s+-\s+", "", line) for line in stderr.splitlines() if "content/" in line and ": lỗi: " in line}


def test_check_and_build_refuse_the_same_blocks_with_file_and_line(tmp_path):
    blocks = {name: block for name, (block, *_rest) in BAD_BLOCKS.items()}
    write_project(tmp_path, blocks)
    check = run_check(tmp_path)
    build = mkdocs_build(write_child_config(tmp_path), tmp_path / "site")
    assert check.returncode == 1 and build.returncode != 0
    expected = set()
    for name, (_block, line, column, message) in BAD_BLOCKS.items():
        at = LESSON_LINES + line
        location = f"content/chuong/{name}.md:{at}" + (f":{column}" if column else "")
        quiz_line = at + 2  # thua: the next quiz's ``` line, after the stray one and a blank line
        expected.add(f"{location}: lỗi: {message.format(quiz_line=quiz_line)}")
    checked = set(check.stdout.splitlines())
    assert expected <= checked, "\n".join(sorted(expected - checked))
    # The build reports exactly what the check reports, no more, no less.
    assert build_messages(build.stderr) == checked
    assert "Traceback" not in check.stderr + build.stderr


def test_check_and_build_accept_links_to_every_generated_page_and_refuse_a_missing_one(tmp_path):
    write_project(tmp_path, GOOD_BLOCKS, extra_prose=GENERATED_LINKS)
    check = run_check(tmp_path)
    assert check.returncode == 0, check.stdout
    build = mkdocs_build(write_child_config(tmp_path), tmp_path / "site")
    assert build.returncode == 0, build.stderr
    for name in GOOD_BLOCKS:
        page = (tmp_path / "site" / "chuong" / f"{name}.html").read_text(encoding="utf-8")
        assert page.count('class="hvs-quiz"') == 1, name
        assert "fact:" not in page and "correct: true" not in page, name

    lesson = tmp_path / "content" / "chuong" / "tab.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("(../tien-do.md)", "(../tien-do-cu.md)"), encoding="utf-8")
    check = run_check(tmp_path)
    build = mkdocs_build(write_child_config(tmp_path), tmp_path / "site")
    assert check.returncode == 1 and build.returncode != 0
    [message] = check.stdout.splitlines()
    assert message.startswith(f"content/chuong/tab.md:{LESSON_LINES + 1}:1: lỗi: Liên kết `../tien-do-cu.md`")
    assert build_messages(build.stderr) == {message}


@pytest.mark.parametrize("name", list(GOOD_BLOCKS))
def test_the_page_shows_the_block_as_checked(tmp_path, name):
    from hocvuso.course.project import Project
    from hocvuso.site.reading import read_course, render_pages, source_pages

    write_project(tmp_path, {name: GOOD_BLOCKS[name]})
    site = read_course(Project.at(tmp_path), source_pages(tmp_path / "content"))
    assert render_pages(site).diagnostics == ()
    assert [checked.quiz.id for checked in site.reports[f"chuong/{name}.md"].quizzes] == [name]


def test_a_quiz_shown_as_code_with_no_block_to_blame_points_at_its_fence():
    # The last check in fence.PageQuizzes.finish: the rendered page shows a quiz as code but no
    # checked block accounts for it. The writer still gets a line and a column, not line 0.
    from hocvuso.check.page_checks import PageReport
    from hocvuso.check.rendered_fences import PageQuizzes

    text = "# Bài\n\nMột đoạn.\n\n> ~~~quiz\n> id: x\n"
    quizzes = PageQuizzes(PageReport(path="content/bai.md", text=text))
    (problem,) = quizzes.finish('<pre><code class="language-quiz">id: x</code></pre>')
    assert (problem.line, problem.column) == (5, 3)
    (problem,) = PageQuizzes(PageReport(path="content/bai.md", text="# Bài\n")).finish('<code class="language-quiz">')
    assert (problem.line, problem.column) == (1, 1)
