"""`hocvuso check`: checks lessons and quiz banks without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .checking import check_tree
from .project import Project

DEFAULT_ROOTS = ["content", "quizzes"]


def _check(args: argparse.Namespace) -> int:
    roots = [Path(root) for root in (args.paths or [r for r in DEFAULT_ROOTS if Path(r).exists()])]
    missing = [str(root) for root in roots if not root.exists()]
    if missing:
        print(f"Không tìm thấy: {', '.join(missing)}", file=sys.stderr)
        return 2
    report = check_tree(Project.at(Path.cwd()), roots)
    for problem in sorted(report.diagnostics, key=lambda d: d.sort_key()):
        print(problem.format_github() if args.format == "github" else problem.format())
    if report.diagnostics:
        files = len({problem.path for problem in report.diagnostics})
        print(f"\nCó {len(report.diagnostics)} lỗi cần sửa trong {files} tệp.", file=sys.stderr)
        return 1
    print(f"Không có lỗi: đã kiểm tra {report.files} tệp, {report.quizzes} khối câu hỏi.", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hocvuso", description="Công cụ cho bài học Bình dân học vụ số.")
    commands = parser.add_subparsers(dest="command", metavar="LỆNH")
    check = commands.add_parser("check", help="kiểm tra bài học và câu hỏi, báo lỗi kèm tệp và dòng")
    check.add_argument("paths", nargs="*", help="thư mục hoặc tệp cần kiểm tra (mặc định: content/ và quizzes/)")
    check.add_argument(
        "--format", choices=["text", "github"], default="text",
        help="text: tệp:dòng:cột: lỗi (mặc định); github: chú thích hiện ngay trên dòng thay đổi của pull request",
    )
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args)
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
