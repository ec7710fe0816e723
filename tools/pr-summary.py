#!/usr/bin/env python3
"""The lessons a pull request changes, shown on the pull request: for each changed lesson
(content/**/*.md) and module test bank (quizzes/<module>.yml, shown as its test page), what
`hocvuso check` says about that file, and a picture of its built page on a 390 px phone.

Writes a Markdown job summary (GitHub shows it on the run's page, which the pull request's
"Details" link opens) and one PNG per page into an output folder, which the workflow uploads as
an artifact: a job summary cannot show a local image, so the summary names each picture and says
where to download them.

    .venv/bin/python tools/pr-summary.py --base HEAD^1 --site site --images hinh-bai-hoc
    .venv/bin/python tools/pr-summary.py --files content/mo-dau/01-bai-1.md --site site --images /tmp/hinh

--base REV: the files changed since the common ancestor of REV and HEAD (committed or not, and
new files git does not ignore); on a pull request's merge commit, HEAD^1 is the target branch.
--files: the changed files, relative to --project (the course's folder, default: here).
The summary goes to --output, else appended to $GITHUB_STEP_SUMMARY when set, else to stdout.
The Chromium is the one the tests use: $HOCVUSO_CHROMIUM (a path, or "playwright" for
Playwright's own), else Playwright's own when installed, else `chromium` on the PATH.
Exits 0 once the summary is written, whatever the check says (its own step fails the job);
1 when a picture could not be taken (the summary says so), 2 on a wrong argument.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from hocvuso.catalogue.diagnostics import ERROR, NOTICE, WARNING, Diagnostic
from hocvuso.source.front_matter import read_front_matter
from hocvuso.pages.module_test import PAGE_NAME as TEST_PAGE
from hocvuso.course.project import Project
from hocvuso.site.course_check import check_course
from hocvuso.site.reading import QUIZ_BANK_SUFFIXES

# Chromium is started as the tests start it (tests/engines.py).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from engines import chromium_launch_options  # noqa: E402

WIDTH, HEIGHT = 390, 844  # a common phone's screen, in CSS pixels; pictures at device scale 1
ARTIFACT = "hinh-bai-hoc"  # the artifact's name in .github/workflows/pull-request.yml
SEVERITY = {ERROR: "lỗi", WARNING: "cảnh báo", NOTICE: "gợi ý"}
OTHERS_SHOWN = 20  # other changed files named in the summary (a tooling pull request changes many)


@dataclass
class Lesson:
    source: str  # as the check names it: content/mo-dau/01-bai-1.md
    page: str  # the built page, relative to the site: mo-dau/01-bai-1.html
    title: str
    image: str  # the picture's file name: mo-dau--01-bai-1.png
    problems: list[Diagnostic] = field(default_factory=list)
    shot: str = ""  # "" when taken, else why not (in Vietnamese)
    reading: str = ""  # "" when its second reading is as it should be, else what to do (in Vietnamese)


def changed_files(project: Path, base: str) -> list[str]:
    """Files changed since the merge base of `base` and HEAD (working tree included), and new
    files git does not ignore; deleted files are left out. Paths relative to `project`."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=project, check=True, capture_output=True, text=True).stdout

    top = Path(git("rev-parse", "--show-toplevel").strip())
    since = git("merge-base", base, "HEAD").strip()
    names = git("diff", "--name-only", "--no-renames", "--diff-filter=d", since, "--", ".").splitlines()
    names += git("ls-files", "--others", "--exclude-standard", "--full-name", "--", ".").splitlines()
    return sorted({os.path.relpath(top / name, project) for name in names if name})


def second_reading_of(text: str | None) -> object:
    """The `second_reading:` a lesson's front matter records (None when absent or unreadable)."""
    if text is None:
        return None
    try:
        front, _ = read_front_matter(text, "")
    except Exception:  # a broken front matter is the check's to report
        return None
    return front.values.get("second_reading")


def stale_reading(before: str | None, after: str) -> str:
    """What to tell a writer whose changed lesson keeps a second reading it did not get: the same
    record as before the change, or a record in a new file (copied with the lesson it started from)."""
    now = second_reading_of(after)
    if not now:
        return ""
    if before is None:
        return ("Bài mới đã có sẵn dòng `second_reading:`, có lẽ chép từ bài khác: hãy xoá phần đó. "
                "Người đọc lần hai sẽ ghi sau khi đọc bài của bạn (mục 10 của CONTRIBUTING.md).")
    if now == second_reading_of(before):
        return ("Bài có thay đổi nhưng `second_reading:` vẫn như trước: nếu bài đổi nội dung (bước làm, con số, lời khuyên, "
                "câu hỏi), người đọc lần hai đọc lại bài đã sửa rồi ghi ngày mới (mục 10 của CONTRIBUTING.md).")
    return ""


def readings_at_base(project: Path, base: str, lessons: list["Lesson"]) -> None:
    """Sets each changed lesson's `reading` from its text at the merge base (None: a new file)."""
    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=project, capture_output=True, text=True)

    since = git("merge-base", base, "HEAD").stdout.strip()
    for lesson in lessons:
        path = project / lesson.source
        if path.suffix != ".md" or not path.is_file():
            continue
        old = git("show", f"{since}:./{lesson.source}")
        lesson.reading = stale_reading(old.stdout if old.returncode == 0 else None, path.read_text(encoding="utf-8-sig"))


def title_of(path: Path, fallback: str) -> str:
    """The lesson's `title:` (the name learners see), else the file's name."""
    try:
        front, _ = read_front_matter(path.read_text(encoding="utf-8-sig"), str(path))
    except (OSError, UnicodeDecodeError):
        return fallback
    title = front.values.get("title")
    return str(title).strip() if isinstance(title, (str, int, float)) and str(title).strip() else fallback


def lessons_of(project: Project, files: list[str]) -> tuple[list[Lesson], list[str]]:
    """The changed lessons and module test banks, as pages; and the other changed files."""
    lessons, others = [], []
    docs, banks = project.docs_dir.resolve(), project.quizzes_dir.resolve()
    for name in files:
        path = (project.root / name).resolve()
        if not path.is_file():
            continue
        shown = project.shown(path)
        # The pages the build makes: hidden folders and MkDocs' templates/ are not (site.source_pages).
        page_source = path.is_relative_to(docs) and not any(
            part.startswith(".") for part in path.relative_to(docs).parts) and path.relative_to(docs).parts[0] != "templates"
        if path.suffix == ".md" and page_source:
            page = path.relative_to(docs).with_suffix(".html").as_posix()
            title = title_of(path, path.stem)
        elif path.suffix in QUIZ_BANK_SUFFIXES and path.parent == banks:
            page = f"{path.stem}/{Path(TEST_PAGE).with_suffix('.html')}"
            # The module's test page is named after the module (its index.md's title).
            title = "Bài kiểm tra: " + title_of(docs / path.stem / "index.md", path.stem)
        else:
            others.append(shown)
            continue
        lessons.append(Lesson(shown, page, title, page.removesuffix(".html").replace("/", "--") + ".png"))
    return lessons, others


def take_pictures(lessons: list[Lesson], site: Path, images: Path) -> bool:
    """One full-page PNG per built page, 390 px wide; False when the browser itself failed."""
    wanted = [lesson for lesson in lessons if (site / lesson.page).is_file()]
    for lesson in lessons:
        if lesson not in wanted:
            lesson.shot = "chưa có trang này trong trang đã dựng"
    if not wanted:
        return True
    images.mkdir(parents=True, exist_ok=True)
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**chromium_launch_options())
            context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1,
                                          is_mobile=True, has_touch=True, locale="vi-VN")
            # The built site only: nothing is fetched from other hosts.
            context.route(re.compile(r"^(?!file:|data:|blob:)"), lambda route: route.abort())
            page = context.new_page()
            for lesson in wanted:
                try:
                    page.goto((site / lesson.page).resolve().as_uri(), wait_until="load")
                    page.evaluate("document.fonts.ready.then(() => null)")
                    page.screenshot(path=str(images / lesson.image), full_page=True, animations="disabled")
                except Exception as error:  # one page that fails does not hide the others
                    lesson.shot = f"máy không chụp được trang này: lỗi của máy kiểm tra, không phải của bài ({type(error).__name__})"
            browser.close()
    except Exception as error:
        for lesson in wanted:
            lesson.shot = lesson.shot or ("máy không mở được trình duyệt để chụp: lỗi của máy kiểm tra, "
                                          f"không phải của bài ({type(error).__name__})")
        print(f"pr-summary: {error}", file=sys.stderr)
        return False
    return all(not lesson.shot for lesson in wanted)


def text(value: str) -> str:
    """Plain text inside Markdown: the characters Markdown or HTML would act on, escaped."""
    return re.sub(r"([\\`*_\[\]<>#|~])", r"\\\1", value)


def message(value: str) -> str:
    """A check message (it marks code with backticks): HTML escaped outside the code spans."""
    value = " ".join(value.split("\n"))  # one list item per message
    parts = value.split("`")
    if len(parts) % 2 == 0:  # an odd number of backticks: no code spans then
        return html.escape(value, quote=False)
    return "`".join(part if index % 2 else html.escape(part, quote=False) for index, part in enumerate(parts))


def where(problem: Diagnostic) -> str:
    if not problem.line:
        return "Cả tệp"
    return f"Dòng {problem.line}" + (f", cột {problem.column}" if problem.column else "")


def problem_lines(problems: list[Diagnostic]) -> list[str]:
    return [f"- {where(problem)}, **{SEVERITY[problem.severity]}**: {message(problem.message)}"
            for problem in sorted(problems, key=lambda p: p.sort_key())]


def summary(lessons: list[Lesson], others: list[str], stray: list[Diagnostic], run_url: str) -> str:
    lines = ["## Bài học thay đổi trong pull request này", ""]
    if not lessons:
        lines += ["Pull request này không đổi bài học nào (tệp trong `content/` hay `quizzes/`).", ""]
    else:
        broken = sum(1 for lesson in lessons if any(p.severity != NOTICE for p in lesson.problems))
        lines += [f"Có {len(lessons)} trang thay đổi. "
                  + (f"{broken} trang còn lỗi cần sửa." if broken else "Không trang nào còn lỗi."), ""]
    for lesson in lessons:
        errors = [p for p in lesson.problems if p.severity != NOTICE]
        mark = "❌" if errors else "✅"
        lines += [f"### {mark} {text(lesson.title)}", ""]
        lines.append(f"Tệp `{lesson.source}`, trang `{lesson.page}`, "
                     + (f"hình `{lesson.image}`." if not lesson.shot else f"chưa có hình: {lesson.shot}."))
        lines.append("")
        if lesson.reading:
            lines += [f"⚠️ {lesson.reading}", ""]  # our own words, written as Markdown
        if lesson.problems:
            count = f"{len(errors)} lỗi cần sửa" if errors else "Không có lỗi"
            hints = len(lesson.problems) - len(errors)
            lines += [count + (f", {hints} gợi ý (nên sửa, không bắt buộc)" if hints else "") + ":", ""]
            lines += problem_lines(lesson.problems) + [""]
        else:
            lines += ["Không có lỗi.", ""]
    if stray:
        lines += ["### Tệp khác", "", "Máy kiểm tra cũng báo về các tệp dùng chung:", ""]
        for problem in sorted(stray, key=lambda p: p.sort_key()):
            lines.append(f"- `{problem.path}`, {where(problem).lower()}, **{SEVERITY[problem.severity]}**: "
                         f"{message(problem.message)}")
        lines.append("")
    if others:
        shown = ", ".join(f"`{name}`" for name in others[:OTHERS_SHOWN])
        more = f" và {len(others) - OTHERS_SHOWN} tệp khác" if len(others) > OTHERS_SHOWN else ""
        lines += [f"Các tệp khác đã thay đổi (không phải bài học): {shown}{more}.", ""]
    if any(not lesson.shot for lesson in lessons):
        place = f"[trang kết quả này]({run_url})" if run_url else "trang kết quả của lần kiểm tra"
        lines += ["### Xem bài trên màn hình điện thoại", "",
                  f"Mỗi trang ở trên được chụp thành một hình, như trên điện thoại có màn hình rộng {WIDTH} điểm ảnh. "
                  f"Các hình nằm trong tệp nén `{ARTIFACT}`, ở mục **Artifacts** (tệp đính kèm) cuối {place}. "
                  "Bấm vào tên tệp nén để tải về, giải nén, rồi mở hình theo tên ghi ở trên. "
                  "Tệp nén được giữ 14 ngày.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Tóm tắt các bài học một pull request thay đổi: lỗi và hình chụp.")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--base", help="so với commit này (ví dụ HEAD^1 hay origin/main)")
    which.add_argument("--files", nargs="*", help="các tệp đã thay đổi")
    parser.add_argument("--project", default=".", help="thư mục khoá học (mặc định: thư mục hiện tại)")
    parser.add_argument("--site", default="site", help="thư mục trang đã dựng (mặc định: site)")
    parser.add_argument("--images", default=ARTIFACT, help=f"thư mục ghi hình chụp (mặc định: {ARTIFACT})")
    parser.add_argument("--output", help="tệp ghi bản tóm tắt (mặc định: $GITHUB_STEP_SUMMARY, hoặc màn hình)")
    args = parser.parse_args(argv)

    root = Path(args.project).resolve()
    project = Project.at(root)
    if args.base:
        try:
            files = changed_files(root, args.base)
        except subprocess.CalledProcessError as error:
            print(f"pr-summary: {' '.join(error.cmd)}: {error.stderr.strip()}", file=sys.stderr)
            return 2
    else:
        files = [os.path.relpath(Path(name).resolve(), root) if Path(name).is_absolute() else name for name in args.files]
    lessons, others = lessons_of(project, files)
    stray: list[Diagnostic] = []
    if lessons:
        report = check_course(project, [root / lesson.source for lesson in lessons])
        by_file = {lesson.source: lesson for lesson in lessons}
        for problem in report.diagnostics:
            if problem.path in by_file:
                by_file[problem.path].problems.append(problem)
            else:
                stray.append(problem)
    if args.base:
        readings_at_base(root, args.base, lessons)
    pictures = take_pictures(lessons, Path(args.site).resolve(), Path(args.images).resolve()) if lessons else True

    server, repo, run = (os.environ.get(name, "") for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
    run_url = f"{server}/{repo}/actions/runs/{run}" if server and repo and run else ""
    markdown = summary(lessons, others, stray, run_url)
    target = args.output or os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a" if not args.output else "w", encoding="utf-8") as out:
            out.write(markdown + "\n")
    else:
        sys.stdout.write(markdown + "\n")
    return 0 if pictures else 1


if __name__ == "__main__":
    sys.exit(main())
