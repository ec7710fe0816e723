"""The `hocvuso` command, for writers and volunteers (every text it prints is Vietnamese):

- `hocvuso check [PATHS]`: checks lessons and quiz banks as the build reads them, without building;
- `hocvuso new`: a new lesson from the template, in its module, with new quiz ids;
- `hocvuso schema`: JSON Schemas for editors (schemas/);
- `hocvuso export --format gift`: every quiz of the course in Moodle's GIFT;
- `hocvuso lop-hoc`: serves the built site (or a ZIM) to the phones of a class on the same Wi-Fi;
- `hocvuso zim`: builds the ZIM edition and packs it into one .zim for Kiwix;
- `hocvuso video SOURCE`: a phone recording made ready for a video block (or, with
  --narration, a lesson's recorded voice), its sizes printed.

check, new and export share one reading of the course (hocvuso.site.reading) and build nothing;
lop-hoc and zim run the engine's build (MkDocs stays out of the package).
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from pathlib import Path

from hocvuso.catalogue.diagnostics import NOTICE
from hocvuso.check.schema import write_schemas
from hocvuso.classroom import server as classroom
from hocvuso.course.new_lesson import plan_lesson
from hocvuso.course.project import Project
from hocvuso.quiz import gift
from hocvuso.site.build import EDITION_VARIABLE, ZIM_EDITION
from hocvuso.site.course_check import check_course
from hocvuso.site.reading import quiz_diagnostics, quizzes_by_place, read_course, source_pages
from hocvuso.text.normalise import slugify
from hocvuso.zim import edition as zim

DEFAULT_ROOTS = ["content", "quizzes"]


def _check(args: argparse.Namespace) -> int:
    roots = [Path(root) for root in (args.paths or [r for r in DEFAULT_ROOTS if Path(r).exists()])]
    missing = [str(root) for root in roots if not root.exists()]
    if missing:
        print(f"Không tìm thấy: {', '.join(missing)}", file=sys.stderr)
        return 2
    report = check_course(Project.at(Path.cwd()), roots)
    for problem in sorted(report.diagnostics, key=lambda d: d.sort_key()):
        print(problem.format_github() if args.format == "github" else problem.format())
    errors = [problem for problem in report.diagnostics if problem.severity != NOTICE]
    notices = len(report.diagnostics) - len(errors)
    # Notices (style, a missing second reading) are suggestions: shown, counted apart, and they do not fail the check.
    also = f" Có thêm {notices} gợi ý (nên sửa, không bắt buộc)." if notices else ""
    if errors:
        files = len({problem.path for problem in errors})
        print(f"\nCó {len(errors)} lỗi cần sửa trong {files} tệp.{also}", file=sys.stderr)
        return 1
    print(f"{chr(10) if notices else ''}Không có lỗi: đã kiểm tra {report.files} tệp, {report.quizzes} khối câu hỏi.{also}", file=sys.stderr)
    return 0


def _ask(prompt: str) -> str:
    try:
        return input(prompt).strip()
    except EOFError:
        return ""


def _new(args: argparse.Namespace) -> int:
    project = Project.at(Path.cwd())
    if not project.docs_dir.is_dir():
        print("Không thấy thư mục content/. Hãy chạy lệnh ở thư mục gốc của khoá học.", file=sys.stderr)
        return 2
    interactive = sys.stdin.isatty()
    module, title = args.module, args.title
    if not module and interactive:
        modules = sorted(path.parent.name for path in project.docs_dir.glob("*/index.md"))
        print("Các chương hiện có: " + ", ".join(modules))
        module = _ask("Chương (tên thư mục, có thể là chương mới): ")
    if not title and interactive:
        title = _ask("Tên bài học: ")
    if not module or not title:
        print("Hãy cho biết chương và tên bài, ví dụ:\n  hocvuso new --module phong-chong-lua-dao --title \"Tên bài\"",
              file=sys.stderr)
        return 2
    if module != slugify(module):
        print(f"Tên thư mục chương chỉ dùng chữ thường không dấu, số và dấu -, ví dụ: {slugify(module)}", file=sys.stderr)
        return 2
    modules = sorted(path.parent.name for path in project.docs_dir.glob("*/index.md"))
    module_title = args.module_title
    if module not in modules and not module_title:
        # A mistyped module would quietly become a new one: a new module needs its title, said on purpose.
        close = difflib.get_close_matches(module, modules, n=1, cutoff=0.6)
        guess = f" Có phải bạn muốn viết --module {close[0]}?" if close else ""
        print(f"Chưa có chương `{module}` trong content/.{guess}", file=sys.stderr)
        if interactive:
            module_title = _ask("Muốn tạo chương mới thì gõ tên chương (để trống để dừng lại): ")
        if not module_title:
            print(f"Muốn tạo chương mới, hãy thêm tên chương, ví dụ:\n  hocvuso new --module {module} "
                  f"--title \"{title}\" --module-title \"Tên chương\"\nCác chương hiện có: {', '.join(modules)}",
                  file=sys.stderr)
            return 2
    taken = read_course(project, source_pages(project.docs_dir)).quiz_ids()
    plan = plan_lesson(project.docs_dir, module, title, taken, module_title)
    if plan.module_index:
        plan.module_index[0].parent.mkdir(parents=True, exist_ok=True)
        plan.module_index[0].write_text(plan.module_index[1], encoding="utf-8")
        print(f"Đã tạo chương mới: {project.shown(plan.module_index[0])}", file=sys.stderr)
    plan.path.write_text(plan.text, encoding="utf-8")
    print(f"Đã tạo {project.shown(plan.path)}. Hãy viết nội dung thay cho các dòng \"Viết ...\", rồi chạy: make check",
          file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    project = Project.at(Path.cwd())
    reading = read_course(project, source_pages(project.docs_dir))
    # Only what makes a question wrong stops the export (the check reports the rest).
    problems = quiz_diagnostics(reading)
    if problems:
        for problem in sorted(problems, key=lambda d: d.sort_key()):
            print(problem.format())
        print(f"\nChưa xuất: có {len(problems)} lỗi cần sửa trước (chạy make check để xem).", file=sys.stderr)
        return 1
    items = quizzes_by_place(reading)
    text = gift.quizzes_to_gift(items)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"Đã xuất {gift.exported(items)} câu hỏi sang GIFT: {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _config_file() -> str:
    """The engine's configuration: a fork's own mkdocs.local.yml when there is one, else mkdocs.yml."""
    return "mkdocs.local.yml" if Path("mkdocs.local.yml").is_file() else "mkdocs.yml"


def _lop_hoc(args: argparse.Namespace) -> int:
    """One laptop, a whole class: serve the site (or the ZIM) to the phones on the same Wi-Fi."""
    if args.zim:
        return classroom.serve_zim(Path(args.zim), args.host, args.port)
    site = Path(args.site)
    if not (site / "index.html").is_file() and args.site == "site" and Path("mkdocs.yml").is_file():
        # The first class on a fresh copy: build once, the way `make build` does (MkDocs stays out of hocvuso).
        config = _config_file()
        print("Chưa có trang đã dựng: đang dựng trang vào thư mục site/ (mất khoảng một phút)...", file=sys.stderr)
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config, "-d", str(site)])
        if built.returncode:
            print("Dựng trang không thành công. Hãy chạy: make build (lệnh sẽ báo lỗi cần sửa).", file=sys.stderr)
            return 1
    return classroom.serve_site(site, args.host, args.port)


def _zim(args: argparse.Namespace) -> int:
    """Builds the ZIM edition of the site and packs it into one .zim for Kiwix."""
    config_path = Path(args.config or _config_file())
    if not config_path.is_file():
        print(f"Không thấy {config_path}. Hãy chạy lệnh ở thư mục gốc của khoá học.", file=sys.stderr)
        return 2
    metadata, problems = zim.metadata_from_config(zim.read_config(config_path), date.today())
    try:
        import libzim  # noqa: F401  (GPL-3.0, optional: imported only to say it is missing)
    except ImportError:
        problems.append("Chưa có thư viện libzim để ghi tệp ZIM. Hãy cài: pip install -e '.[zim]'")
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    target = Path(args.output or metadata.file_name)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="hocvuso-zim-") as scratch:
        site_dir = Path(args.site_dir or scratch)
        environment = {**os.environ, EDITION_VARIABLE: ZIM_EDITION, "NO_MKDOCS_2_WARNING": "1"}
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_path),
                                "-d", str(site_dir.resolve())], env=environment)
        if build.returncode != 0:
            print("Chưa tạo được tệp ZIM: trang web chưa dựng được (xem lỗi ở trên).", file=sys.stderr)
            return 1
        result = zim.write_zim(site_dir, metadata, target, config_path.resolve().parent)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.problems:
        return 1
    print(f"Đã ghi {target}: {result.entries} tệp, {result.size / 1000:.0f} KB, trong {time.monotonic() - started:.1f} giây "
          f"(hình nhỏ: {result.illustration_source}). Mở bằng Kiwix, hoặc: kiwix-serve --port 8080 {target}", file=sys.stderr)
    return 0


# argparse's own texts ("usage:", "options:", its errors), in Vietnamese: argparse looks each up
# through gettext (argparse._ and argparse.ngettext), which `_vietnamese_argparse` answers for the
# time of one run. A text not listed here stays in English rather than break.
_ARGPARSE_VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "lệnh và tham số",
    "options": "tuỳ chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi dừng",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "không có %(value)r; hãy chọn một trong: %(choices)s",
    "the following arguments are required: %s": "còn thiếu %s",
    "unrecognized arguments: %s": "không hiểu %s",
    "expected one argument": "cần viết một giá trị ngay sau",
    "expected at least one argument": "cần viết ít nhất một giá trị ngay sau",
    "expected at most one argument": "chỉ viết được một giá trị ngay sau",
    "ambiguous option: %(option)s could match %(matches)s": "chưa rõ %(option)s là tuỳ chọn nào: %(matches)s",
    "invalid %(type)s value: %(value)r": "%(value)r không dùng được ở đây",
    "not allowed with argument %s": "không dùng cùng với %s",
    "one of the arguments %s is required": "cần một trong: %s",
    "ignored explicit argument %r": "không nhận giá trị %r",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh %(parser_name)r (các lệnh: %(choices)s)",
}
_ARGPARSE_VI_PLURAL = {"expected %s argument": "cần viết %s giá trị ngay sau"}


@contextlib.contextmanager
def _vietnamese_argparse():
    english, english_plural = argparse._, argparse.ngettext
    argparse._ = lambda text: _ARGPARSE_VI.get(text) or english(text)
    argparse.ngettext = lambda one, many, count: _ARGPARSE_VI_PLURAL.get(one) or english_plural(one, many, count)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = english, english_plural


class _Formatter(argparse.HelpFormatter):
    """Lines are wrapped at spaces only: a folder name such as phong-chong-lua-dao stays whole."""

    def _split_lines(self, text, width):
        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)


def _port(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"cổng phải là một số, ví dụ 8000 (không phải {text!r})") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hocvuso", description="Công cụ cho bài học Bình dân học vụ số.",
                                     formatter_class=_Formatter)
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", title="lệnh")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_text, description=help_text[:1].upper() + help_text[1:] + ".",
                                   formatter_class=_Formatter)

    check = command("check", "kiểm tra bài học và câu hỏi, báo lỗi kèm tệp và dòng")
    check.add_argument("paths", nargs="*", metavar="ĐƯỜNG_DẪN",
                       help="thư mục hoặc tệp cần kiểm tra (mặc định: content/ và quizzes/)")
    check.add_argument(
        "--format", choices=["text", "github"], default="text",
        help="text: tệp:dòng:cột: lỗi (mặc định); github: chú thích hiện ngay trên dòng thay đổi của pull request",
    )
    new = command("new", "tạo bài học mới từ mẫu, đúng chỗ, với mã câu hỏi mới")
    new.add_argument("--module", metavar="CHƯƠNG", help="thư mục chương trong content/, ví dụ phong-chong-lua-dao")
    new.add_argument("--title", metavar="TÊN_BÀI", help="tên bài học")
    new.add_argument("--module-title", metavar="TÊN_CHƯƠNG", help="tên chương, khi tạo chương mới")
    schema = command("schema", "ghi JSON Schema cho trình soạn thảo vào thư mục schemas/")
    schema.add_argument("--output", default="schemas", metavar="THƯ_MỤC", help="thư mục ghi (mặc định: schemas)")
    export = command("export", "xuất mọi câu hỏi sang định dạng khác (GIFT cho Moodle)")
    export.add_argument("--format", choices=["gift"], required=True, help="gift: định dạng GIFT của Moodle")
    export.add_argument("--output", metavar="TỆP", help="tệp ghi ra (mặc định: in ra màn hình)")
    lop_hoc = command("lop-hoc", "mở lớp học không cần mạng: điện thoại cùng Wi-Fi mở trang học từ máy này")
    lop_hoc.add_argument("--port", type=_port, default=8000, metavar="CỔNG",
                         help="cổng (mặc định: 8000; bận thì dùng cổng kế tiếp)")
    lop_hoc.add_argument("--site", default="site", metavar="THƯ_MỤC", help="thư mục trang đã dựng (mặc định: site)")
    lop_hoc.add_argument("--zim", metavar="TỆP", help="tệp ZIM của khoá học, mở bằng kiwix-serve thay cho thư mục site")
    lop_hoc.add_argument("--host", default="0.0.0.0", metavar="ĐỊA_CHỈ",
                         help="chỉ nghe ở địa chỉ này (mặc định: mọi địa chỉ của máy)")
    zim_command = command("zim", "dựng trang và đóng thành một tệp .zim để học bằng Kiwix, không cần mạng")
    zim_command.add_argument("--config", metavar="TỆP",
                             help="tệp cấu hình (mặc định: mkdocs.local.yml nếu có, không thì mkdocs.yml)")
    zim_command.add_argument("--output", metavar="TỆP", help="tệp ghi ra (mặc định: extra.zim.file, hoặc khoa-hoc.zim)")
    zim_command.add_argument("--site-dir", metavar="THƯ_MỤC",
                             help="thư mục dựng trang (mặc định: thư mục tạm, xoá sau khi xong)")
    video = command("video", "chuẩn bị video quay bằng điện thoại cho bài học: bản nhẹ, ảnh bìa, tệp phụ đề để điền")
    video.add_argument("source", metavar="TỆP", help="tệp video quay được (hoặc tệp ghi âm, với --narration)")
    video.add_argument("--narration", action="store_true", help="chỉ lấy tiếng: làm tệp lời đọc cho trường narration:")
    video.add_argument("--output", metavar="THƯ_MỤC", help="thư mục ghi ra (mặc định: thư mục của TỆP)")
    video.add_argument("--name", metavar="TÊN", help="tên tệp ra, không đuôi (mặc định: tên của TỆP)")
    return parser


def _video(args: argparse.Namespace) -> int:
    from hocvuso.catalogue import messages
    from hocvuso.check.video import megabytes
    from hocvuso.pages.video import length_text

    source = Path(args.source)
    if not source.is_file():
        print(f"Không tìm thấy: {source}", file=sys.stderr)
        return 2
    try:
        from hocvuso.publish import video_media
        video_media._av()
    except ImportError:
        print(messages.media_needs_library(), file=sys.stderr)
        return 2
    folder = Path(args.output) if args.output else source.parent
    budget = Project.at(Path.cwd()).media_budget()
    limit = budget.narration if args.narration else budget.video
    try:
        if args.narration:
            made = video_media.narration(source, folder, args.name)
        else:
            made = video_media.prepare(source, folder, args.name, budget=limit)
    except video_media.SameAsSource as same:
        print(messages.video_same_as_source(str(same.target)), file=sys.stderr)
        return 2
    except Exception as error:  # FFmpeg's errors have many types
        print(messages.media_unreadable(str(source), str(error) or type(error).__name__), file=sys.stderr)
        return 1
    minutes = made.seconds / 60 if made.seconds else 1
    print(f"Đã làm xong ({length_text(made.seconds)}):")
    over = []
    for path in made.files:
        size = path.stat().st_size
        # Small files (captions, a poster) in KB: "0,1 MB" for 72 bytes said nothing true.
        shown = f"{megabytes(size)} MB" if size >= 100_000 else f"{max(1, round(size / 1000))} KB"
        per_minute = ""
        if path.suffix in (".webm", ".mp4", ".m4a"):
            per_minute = f", {megabytes(size / minutes)} MB mỗi phút"
            if size / minutes > limit:
                over.append(path.name)
        print(f"  {path}: {shown}{per_minute}")
    for name, short_side in made.shrunk:
        print(messages.video_made_smaller(name, short_side, megabytes(limit)))
    if over:
        print(messages.video_made_over_budget(over, megabytes(limit), args.narration), file=sys.stderr)
    if args.narration:
        print(messages.narration_made_example(made.files[0].name))
    else:
        print(messages.video_made_example(*_block_paths(made.files, folder)))
    return 0


def _block_paths(files, folder: Path) -> tuple[str, str, str, str]:
    """The made files' names as a lesson's block writes them: from the lesson's folder (a module
    folder, content/<module>/) when the output is inside content/, else the bare names."""
    parts = folder.resolve().parts
    base = folder.resolve()
    if "content" in parts:
        index = len(parts) - 1 - parts[::-1].index("content")
        base = Path(*parts[: index + 2]) if len(parts) > index + 1 else base
    names = [path.resolve().relative_to(base).as_posix() if path.resolve().is_relative_to(base) else path.name
             for path in files]
    webm, mp4, poster, captions = names
    return webm, mp4, poster, captions


def main(argv: list[str] | None = None) -> int:
    with _vietnamese_argparse():
        parser = _parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 2
    if args.command == "lop-hoc":
        return _lop_hoc(args)
    if args.command == "zim":
        return _zim(args)
    if args.command == "export":
        return _export(args)
    if args.command == "schema":
        for path in write_schemas(Path(args.output)):
            print(f"Đã ghi {path}", file=sys.stderr)
        return 0
    if args.command == "check":
        return _check(args)
    if args.command == "video":
        return _video(args)
    return _new(args)


if __name__ == "__main__":
    sys.exit(main())
