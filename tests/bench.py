"""Benchmark (not a test): build a synthetic course with hocvuso and with plain Material.

Run with `make bench`, or `.venv/bin/python tests/bench.py --lessons 30 --runs 1` for a quick look.
Issue 27's course-size table alone: `.venv/bin/python tests/bench.py --sizes-only --course-sizes 300,3000`.
The search benchmark alone (tests/search_bench.py): `.venv/bin/python tests/bench.py --search-only
--sizes 300,3000` (`--large` adds 10,000 lessons).
Prints build times, page and asset weights, and the project's budgets; always exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
KB = 1000  # budgets are in KB of 1000 bytes
BUDGET_QUIZ_ASSETS_GZ, BUDGET_QUIZ_MARKUP_GZ, BUDGET_TIME_RATIO = 15 * KB, 2 * KB, 1.3

SENTENCES = [
    "Điện thoại thông minh giúp bạn gọi điện, nhắn tin, xem tin tức và làm nhiều thủ tục mà không phải đi xa.",
    "Trước khi cài một ứng dụng, bạn hãy xem kỹ tên nhà phát triển và số lượt tải về.",
    "Zalo là ứng dụng nhắn tin được nhiều gia đình Việt Nam dùng để gọi video cho con cháu ở xa.",
    "Bạn có thể ghim cuộc trò chuyện với người thân lên đầu danh sách để tìm cho nhanh.",
    "Ứng dụng VNeID là ứng dụng định danh điện tử chính thức của Bộ Công an.",
    "Tài khoản định danh điện tử mức hai có thể thay cho thẻ căn cước khi làm nhiều thủ tục hành chính.",
    "Kẻ gian thường giả làm công an, nhân viên ngân hàng hay cán bộ thuế để làm bạn sợ.",
    "Không ai có quyền yêu cầu bạn đọc mã OTP qua điện thoại, kể cả người tự xưng là nhân viên ngân hàng.",
    "Nếu nhận được tin nhắn báo trúng thưởng kèm một đường link lạ, bạn đừng bấm vào.",
    "Mật khẩu tốt nên dài, có cả chữ và số, và không dùng ngày sinh của bạn.",
    "Bạn nên bật khóa màn hình bằng mã số hoặc vân tay để người lạ không mở được máy.",
    "Khi điện thoại báo có bản cập nhật, bạn nên cập nhật vào lúc máy đang sạc và có mạng Wi-Fi.",
    "Mạng Wi-Fi miễn phí ở quán cà phê không an toàn để đăng nhập ngân hàng.",
    "Hình ảnh và giọng nói của người thân có thể bị làm giả bằng máy tính.",
    "Khi có người gọi xin tiền gấp, bạn hãy tắt máy rồi tự gọi lại bằng số đã lưu từ trước.",
    "Con cháu có thể giúp ông bà cài đặt ứng dụng, nhưng ông bà nên tự giữ mật khẩu của mình.",
    "Trên Zalo, bạn có thể chặn tin nhắn từ người lạ trong phần cài đặt quyền riêng tư.",
    "Ảnh chụp thẻ căn cước là thông tin quý, không gửi cho người bạn không quen biết.",
    "Nếu lỡ chuyển tiền cho kẻ gian, bạn hãy gọi ngay cho ngân hàng để yêu cầu phong tỏa giao dịch.",
    "Bạn có thể báo tin lừa đảo cho công an xã, phường nơi mình ở.",
    "Chuyển tiền qua mã QR rất tiện, nhưng bạn cần đọc kỹ tên người nhận trước khi bấm xác nhận.",
    "Ứng dụng ngân hàng thật chỉ tải từ kho ứng dụng chính thức trên điện thoại.",
    "Đừng cho người lạ mượn điện thoại đã đăng nhập sẵn ứng dụng ngân hàng.",
    "Bạn nên sao lưu danh bạ và ảnh để không mất dữ liệu khi hỏng máy.",
    "Tin nhắn thương hiệu giả có thể hiện ra chung với tin nhắn thật của ngân hàng.",
    "Khi đăng ký tài khoản mới, bạn hãy dùng số điện thoại chính chủ.",
    "Học từng bước nhỏ mỗi ngày sẽ giúp bạn tự tin hơn khi dùng điện thoại.",
    "Nếu chưa hiểu một thông báo trên màn hình, bạn hãy hỏi người nhà trước khi bấm đồng ý.",
    "Ứng dụng VNeID có thể lưu giấy phép lái xe và thẻ bảo hiểm y tế của bạn.",
    "Kẻ gian hay giục bạn làm ngay, không cho bạn thời gian hỏi ý kiến người nhà.",
    "Một cuộc gọi đe dọa bắt giữ qua điện thoại luôn là dấu hiệu lừa đảo.",
    "Bạn có thể tăng cỡ chữ trên điện thoại để đọc tin nhắn dễ hơn.",
    "Khi mua hàng trên mạng, bạn nên chọn cách nhận hàng rồi mới trả tiền.",
    "Đừng đăng ảnh vé máy bay hay giấy tờ tùy thân lên mạng xã hội.",
    "Nhóm Zalo của tổ dân phố giúp bà con nhận thông báo nhanh chóng.",
    "Mỗi khi thấy điều gì đáng ngờ, bạn hãy dừng lại, suy nghĩ và hỏi người tin cậy.",
]
HEADINGS = ["Vì sao điều này quan trọng", "Dấu hiệu cần chú ý", "Các bước thực hiện", "Khi dùng Zalo",
            "Với ứng dụng VNeID", "Giữ an toàn cho tài khoản", "Nếu gặp sự cố", "Mẹo cho cả nhà"]
TOPICS = ["điện thoại", "Zalo", "VNeID", "lừa đảo", "mã OTP", "mật khẩu", "ngân hàng số", "mạng xã hội"]
# (question, correct options, wrong options with feedback or None, explanation, hint)
CHOICE = [
    ("Ai được phép hỏi mã OTP của bạn?", ["Không ai cả", "Chỉ chính bạn khi tự giao dịch"],
     [("Nhân viên ngân hàng gọi điện cho bạn", "Ngân hàng không bao giờ hỏi mã OTP qua điện thoại."),
      ("Công an đang điều tra một vụ án", "Công an không làm việc qua điện thoại như vậy."), ("Người bán hàng trên mạng", None)],
     "Mã OTP chỉ dành cho bạn. Không đọc mã OTP cho **bất kỳ ai**.", "Hãy nghĩ xem mã OTP dùng để làm gì."),
    ("Đâu là dấu hiệu của tin nhắn lừa đảo?", ["Báo trúng thưởng kèm đường link lạ", "Giục bạn làm ngay trong vài phút"],
     [("Tin nhắn của người thân hỏi thăm sức khỏe", "Tin nhắn hỏi thăm bình thường không có gì đáng ngờ."),
      ("Thông báo lịch họp tổ dân phố", None), ("Lời chúc mừng sinh nhật", None)],
     "Kẻ gian dùng phần thưởng và sự vội vàng để bạn không kịp suy nghĩ.", "Kẻ gian muốn bạn làm gì thật nhanh?"),
    ("Bạn nên tải ứng dụng ngân hàng ở đâu?", ["Kho ứng dụng chính thức trên điện thoại", "Đường dẫn trên trang web chính thức của ngân hàng"],
     [("Đường link do người lạ gửi qua Zalo", "Đường link lạ có thể cài ứng dụng giả để lấy tiền của bạn."),
      ("Tệp cài đặt gửi qua tin nhắn", "Tệp cài đặt lạ rất nguy hiểm."), ("Trang quảng cáo trên mạng xã hội", None)],
     "Chỉ tải ứng dụng ngân hàng từ nguồn chính thức.", "Nguồn nào do ngân hàng tự quản lý?"),
    ("Điều gì giúp mật khẩu an toàn hơn?", ["Dài và có cả chữ lẫn số", "Không dùng lại cho nhiều tài khoản"],
     [("Dùng ngày sinh của mình", "Ngày sinh rất dễ đoán."), ("Viết lên mặt sau điện thoại", "Ai cầm máy cũng đọc được."),
      ("Đặt là 123456", None)],
     "Mật khẩu dài, khó đoán và riêng cho từng tài khoản giúp bạn an toàn.", "Kẻ gian dễ đoán những gì về bạn?"),
    ("Người thân gọi video xin chuyển tiền gấp, bạn làm gì trước tiên?",
     ["Tắt máy rồi tự gọi lại bằng số đã lưu", "Hỏi một câu chỉ người nhà biết"],
     [("Chuyển ngay vì đã thấy mặt", "Khuôn mặt trong cuộc gọi video có thể bị làm giả."),
      ("Gọi lại đúng số vừa gọi đến", "Số vừa gọi đến có thể là của kẻ gian."), ("Gửi mã OTP để họ tự chuyển", None)],
     "Bạn luôn tự gọi lại cho người thân bằng số bạn đã biết.", "Làm sao biết chắc đó là người thân?"),
]
TRUEFALSE = [
    ("Công an có thể gọi điện yêu cầu bạn chuyển tiền để điều tra.", False, "Công an không bao giờ yêu cầu chuyển tiền qua điện thoại."),
    ("Ứng dụng VNeID là ứng dụng định danh điện tử chính thức.", True, "VNeID do Bộ Công an phát hành."),
    ("Mạng Wi-Fi miễn phí ở quán cà phê an toàn để đăng nhập ngân hàng.", False, "Mạng công cộng có thể bị người khác theo dõi."),
    ("Bạn có thể chặn tin nhắn từ người lạ trên Zalo.", True, "Vào phần cài đặt quyền riêng tư để chặn."),
    ("Thấy mặt người thân trong cuộc gọi video là chắc chắn người thật.", False, "Hình ảnh và giọng nói có thể bị làm giả."),
]


def scalar(text: str) -> str:
    """A YAML value the way an author writes it: plain, quoted only when it must be."""
    return json.dumps(text, ensure_ascii=False) if ": " in text or " #" in text or text[0] in "*`[{&!|>'\"%@-?" else text


def choice_question(rng: random.Random, kind: str, pad: str, with_hint: bool) -> list[str]:
    question, right, wrong, explanation, hint = rng.choice(CHOICE)
    chosen = [(text, True, None) for text in (rng.sample(right, 2) if kind == "multiple" else [rng.choice(right)])]
    chosen += [(text, False, fb) for text, fb in rng.sample(wrong, rng.randint(3, 4) - len(chosen))]
    rng.shuffle(chosen)
    lines = [f"{pad}type: {kind}", f"{pad}question: {scalar(question)}", f"{pad}options:"]
    for text, correct, feedback in chosen:
        lines.append(f"{pad}  - text: {scalar(text)}")
        if correct:
            lines.append(f"{pad}    correct: true")
        if feedback and rng.random() < 0.7:
            lines.append(f"{pad}    feedback: {scalar(feedback)}")
    lines.append(f"{pad}explanation: {scalar(explanation)}")
    return lines + ([f"{pad}hint: {scalar(hint)}"] if with_hint else [])


def truefalse_question(rng: random.Random, pad: str, with_hint: bool) -> list[str]:
    statement, answer, explanation = rng.choice(TRUEFALSE)
    lines = [f"{pad}type: truefalse", f"{pad}question: {scalar(statement)}", f"{pad}answer: {str(answer).lower()}"]
    if rng.random() < 0.5:
        lines.append(f"{pad}feedback_{str(not answer).lower()}: Bạn hãy đọc lại phần bài học phía trên.")
    lines.append(f"{pad}explanation: {scalar(explanation)}")
    return lines + ([f"{pad}hint: Hãy nhớ lại lời khuyên trong bài."] if with_hint else [])


def quiz_source(rng: random.Random, quiz_id: str, kind: str) -> str:
    lines = [f"id: {quiz_id}"]
    if kind == "questions":
        lines.append("questions:")
        for number, sub in enumerate(rng.sample(["single", "multiple", "truefalse"], rng.randint(2, 3)), start=1):
            body = truefalse_question(rng, "    ", number == 1) if sub == "truefalse" else choice_question(rng, sub, "    ", number == 1)
            lines += [f"  - id: cau-{number}"] + body
    elif kind == "truefalse":
        lines += truefalse_question(rng, "", True)
    else:
        lines += choice_question(rng, kind, "", True)
    return "\n".join(lines) + "\n"


def fenced(source: str, indent: str = "") -> str:
    return "\n".join(indent + line if line else line for line in ["```quiz", *source.rstrip("\n").split("\n"), "```"])


def lesson(rng: random.Random, title: str, quiz_ids: list[str], sources: list[str], prose=None) -> tuple[str, int]:
    target, words = rng.randint(300, 600), 0

    def paragraph(count: int) -> str:
        nonlocal words
        # prose: a bench_prose.SyntheticProse (varied words, for the search benchmark), or the fixed sentences.
        text = prose.paragraph(rng, count) if prose else " ".join(rng.sample(SENTENCES, count))
        words += len(text.split())
        return text

    front = (f"---\ntitle: {title}\ndescription: {paragraph(1)}\norder: {rng.randint(1, 10)}\nminutes: 10\nlevel: 1\n"
             "objectives:\n  - Nhận ra dấu hiệu lừa đảo.\n  - Giữ an toàn tài khoản.\n"
             "competences:\n  digcomp: [\"4.2\"]\n  tt02: [\"4.2\"]\nsources: []\n---\n")
    out = [front, f"# {title}\n", paragraph(3) + "\n"]
    kinds = rng.sample(["single", "single", "multiple", "truefalse", "questions"], 5)
    for quiz_id, kind in zip(quiz_ids, kinds):
        sources.append(quiz_source(rng, quiz_id, kind))
    for number, heading in enumerate(rng.sample(HEADINGS, len(HEADINGS))):
        if words >= target and number >= 2:
            break
        out += [f"## {heading}\n", paragraph(rng.randint(2, 4)) + "\n"]
        if number % 2 == 0:
            items = paragraph(rng.randint(3, 5)).replace(". ", ".\n").split("\n")
            out.append("\n".join(("1. " if number % 4 else "- ") + item for item in items) + "\n")
        if number == 1:
            out.append(f'!!! warning "Lưu ý"\n    {paragraph(2)}\n')
            out.append('!!! question "Thử nhanh"\n' + fenced(sources[-5], "    ") + "\n")
    out.append("## Câu hỏi ôn tập\n")
    out += [fenced(source) + "\n" for source in sources[-4:]]
    return unicodedata.normalize("NFC", "\n".join(out)), words


def make_course(docs: Path, lessons: int, seed: int = 2026, prose=None, per_module: int = 10) -> tuple[list[str], list[str], int]:
    """Writes the course, `per_module` lessons a module; returns lesson paths (relative .md),
    quiz sources, total prose words."""
    rng, paths, sources, words = random.Random(seed), [], [], 0
    (docs / "index.md").write_text("# Khóa học thử nghiệm\n\n" + " ".join(SENTENCES[:5]) + "\n", encoding="utf-8")
    for number in range(lessons):
        module, topic = number // per_module + 1, TOPICS[(number // per_module) % len(TOPICS)]
        folder = docs / f"module-{module:02d}"
        if number % per_module == 0:
            folder.mkdir()
            heading = f"Phần {module}. Làm quen với {topic}"
            text = f"---\ntitle: {heading}\ndescription: {topic}.\norder: {module}\n---\n\n# {heading}\n\n{rng.choice(SENTENCES)}\n"
            (folder / "index.md").write_text(text, encoding="utf-8")
        name = f"bai-{number + 1:03d}.md"
        quiz_ids = [f"bai-{number + 1:03d}-q{k}" for k in range(5)]
        title = f"Bài {number + 1}. " + (prose.title(rng) if prose else f"{topic.capitalize()} an toàn")
        text, count = lesson(rng, title, quiz_ids, sources, prose)
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(f"module-{module:02d}/{name}")
        words += count
    return paths, sources, words


class PyName(str):
    """A `!!python/name:` value, kept as text and written back as the same tag."""


class Loader(yaml.SafeLoader):
    pass


class Dumper(yaml.SafeDumper):
    pass


Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: PyName(suffix))
Dumper.add_representer(PyName, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:python/name:" + value, ""))


# A hook that loads ours and times each event it handles (and the quiz fence, which MkDocs calls
# while rendering): the per-event breakdown of our share of the build, with no timing code in
# the hook itself.
TIMING_HOOK = """
import functools, importlib.util, json, time
_spec = importlib.util.spec_from_file_location("hocvuso_hooks_timed", {hook!r})
_hooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_hooks)
_times = {{}}

def _timed(name, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _times[name] = _times.get(name, 0.0) + time.perf_counter() - start
    return wrapper

_make_formatter = _hooks.BuildSession.quiz_formatter
_hooks.BuildSession.quiz_formatter = lambda self, src_uri: _timed("quiz fence", _make_formatter(self, src_uri))
for _name in dir(_hooks):
    if _name.startswith("on_"):
        globals()[_name] = _timed(_name[3:], getattr(_hooks, _name))

def on_shutdown():
    with open({out!r}, "w") as file:
        json.dump(_times, file)
"""


def write_configs(work: Path, docs: Path, root: Path = ROOT) -> dict[str, Path]:
    """Configs for our build (hooks and theme from `root`: another revision's worktree for a baseline)."""
    project = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    ours = dict(project, docs_dir=str(docs), hooks=[str(root / hook) for hook in project.get("hooks", [])])
    ours["theme"] = dict(project["theme"], custom_dir=str(root / project["theme"]["custom_dir"]))
    from hocvuso.source.markdown_setup import extension_configs

    extensions = []
    for name, options in extension_configs(None).items():
        options = {key: value for key, value in options.items() if key not in ("slugify", "custom_fences")}
        extensions.append({name: options} if options else name)
    plain = {"site_name": project["site_name"], "docs_dir": str(docs), "use_directory_urls": False,
             "theme": {"name": "material", "language": "vi", "font": False,
                       # Material's own answer to a big menu (issue 27 compares with it), whatever ours has.
                       "features": list(dict.fromkeys(project["theme"].get("features", []) + ["navigation.prune"]))},
             "plugins": ["search", "offline"], "markdown_extensions": extensions}
    timing_hook = work / "timing_hook.py"
    timing_hook.write_text(TIMING_HOOK.format(hook=str(ROOT / "hooks" / "hocvuso_hooks.py"), out=str(work / "hook-times.json")),
                           encoding="utf-8")
    timed = dict(ours, hooks=[str(timing_hook)])
    configs = {}
    for label, config in (("hocvuso", ours), ("plain Material", plain), ("timed", timed)):
        configs[label] = work / f"{label.split()[0]}.yml"
        configs[label].write_text(yaml.dump(config, Dumper=Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return configs


def build(config: Path, site: Path, work: Path, env: dict | None = None) -> tuple[float, float | None, str]:
    """One `mkdocs build`: wall seconds, peak RSS in MB (if GNU time is there), and its log."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    timing = work / "time.txt"
    gnu_time = shutil.which("time", path="/usr/bin")
    if gnu_time:
        command = [gnu_time, "-v", "-o", str(timing)] + command
    start = time.perf_counter()
    done = subprocess.run(command, cwd=work, capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {})))
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"mkdocs build failed ({config.name}):\n{done.stderr}")
    if re.search(r"^(ERROR|WARNING)", done.stderr, re.MULTILINE):
        # A benchmark of error reporting would measure the wrong thing: the synthetic course must be clean.
        sys.exit(f"the synthetic course is not clean ({config.name}):\n{done.stderr[:2000]}")
    match = gnu_time and re.search(r"Maximum resident set size \(kbytes\): (\d+)", timing.read_text())
    return seconds, (int(match.group(1)) / 1024 if match else None), done.stderr


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def search_index_file(site: Path) -> Path:
    """What a phone downloads to search: our prebuilt index, or Material's search_index.json."""
    ours = site / "search" / "index.js"
    return ours if ours.exists() else site / "search" / "search_index.json"


def sizes(site: Path, lessons: list[str]) -> dict:
    pages = [(site / path).with_suffix(".html").read_bytes() for path in lessons]
    assets = [path.read_bytes() for path in sorted((site / "assets").rglob("*")) if path.suffix in (".css", ".js")]
    index = search_index_file(site).read_bytes()
    return {"html_raw": statistics.median(map(len, pages)), "html_gz": statistics.median(map(gz, pages)),
            "assets_raw": sum(map(len, assets)), "assets_gz": sum(map(gz, assets)),
            "index_raw": len(index), "index_gz": gz(index),
            "quizzes_rendered": sum(page.count(b'<div class="hvs-quiz" ') for page in pages),
            "quiz_errors": sum(page.count(b"hvs-quiz-error") for page in pages)}


# ---- Issue 27: a course of any size, side by side with plain Material (with navigation.prune) ----
SIZE_TARGETS = {"time": (1.25, 1.0, 1.0), "rss": (1.3, 1.3, 1.3)}  # at 300, 3,000, 10,000 lessons
BUDGET_LARGE_BUILD_S = 180  # 10,000 lessons under 3 minutes
BUDGET_LESSON_GZ6, BUDGET_FRAME_GZ6, BUDGET_FOLDER_FILES = 8 * KB, 3 * KB, 10_000


def gz6(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def largest_folder(site: Path) -> tuple[int, str]:
    """The most entries (files and folders) in one folder of the site, and that folder."""
    counts = [(len(os.listdir(folder)), str(folder.relative_to(site)) or ".") for folder in [site, *site.rglob("*")] if folder.is_dir()]
    return max(counts)


def size_figures(site: Path, lessons: list[str]) -> dict:
    import page_weight

    pages = {path: (site / path).with_suffix(".html").read_bytes() for path in lessons}
    heaviest = max(pages, key=lambda path: gz6(pages[path]))
    files, folder = largest_folder(site)
    return {"lesson_gz6": gz6(pages[heaviest]), "frame_gz6": max(gz6(page_weight.frame(page.decode("utf-8")).encode("utf-8")) for page in pages.values()),
            "largest_folder": files, "largest_folder_name": folder}


def size_table_module(size: int) -> int:
    """Lessons a module in the size table: 10, and more when a course would have more modules
    than a module's `order` allows (999: the 10,000-lesson course has 500 modules of 20)."""
    return 10 if size <= 5000 else 20


def size_table(work: Path, sizes: list[int], search: dict | None = None) -> dict:
    """Builds the bench's synthetic course (10 lessons a module; 20 at 10,000) at each size, once with hocvuso
    (timed by event) and once with plain Material (navigation.prune), one after the other, and
    prints issue 27's table."""
    figures = {}
    for size in sizes:
        folder = work / f"size-{size}"
        docs = folder / "content"
        docs.mkdir(parents=True)
        lessons, _, _ = make_course(docs, size, per_module=size_table_module(size))
        configs = write_configs(folder, docs)
        row = {}
        for label, config in (("hocvuso", configs["timed"]), ("plain", configs["plain Material"])):
            seconds, rss, _ = build(config, folder / f"site-{label}", folder)
            row[label] = {"time": seconds, "rss_mb": rss, **size_figures(folder / f"site-{label}", lessons)}
        row["hook_times"] = json.loads((folder / "hook-times.json").read_text(encoding="utf-8"))
        row["load"] = os.getloadavg()[0]
        figures[size] = row
        print(f"  {size:,} lessons: hocvuso {row['hocvuso']['time']:.1f} s, plain Material {row['plain']['time']:.1f} s; "
              "our hooks: " + ", ".join(f"{name} {t:.1f} s" for name, t in sorted(row["hook_times"].items(), key=lambda item: -item[1])[:5])
              + f"; load average {row['load']:.1f}")
        if not os.environ.get("HOCVUSO_BENCH_KEEP"):
            shutil.rmtree(folder, ignore_errors=True)
    columns = [size for size in (300, 3000, 10000) if size in figures]
    print(f"\ncourse size (issue 27): 10 lessons a module (20 at 10,000: 500 modules); hocvuso / plain Material with navigation.prune, one build each, in one run")
    print(f"{'figure':<44}" + "".join(f"{size:>16,}" for size in columns))

    def line(name: str, cell) -> None:
        print(f"{name:<44}" + "".join(f"{cell(size, figures[size]):>16}" for size in columns))

    def target(size: int, key: str) -> float:
        return SIZE_TARGETS[key][(300, 3000, 10000).index(size)] if size in (300, 3000, 10000) else SIZE_TARGETS[key][-1]

    def ratio(size, row, key, field):
        value = row["hocvuso"][field] / row["plain"][field] if row["plain"][field] else float("nan")
        extra = f" ({row['hocvuso']['time']:.0f} s)" if field == "time" else ""
        return f"{'ok' if value <= target(size, key) else 'MISS'} {value:.2f}x{extra}"

    line("build time vs plain (target 1.25/1.0/1.0x)", lambda size, row: ratio(size, row, "time", "time"))
    line("  10,000 lessons under 3 min", lambda size, row: ("ok" if row["hocvuso"]["time"] <= BUDGET_LARGE_BUILD_S else "MISS") if size >= 10000 else "")
    line("peak memory vs plain (target 1.3x)", lambda size, row: ratio(size, row, "rss", "rss_mb") if row["plain"]["rss_mb"] else "n/a")
    line("heaviest lesson page, gzip 6 (<= 8 KB)", lambda size, row: f"{'ok' if row['hocvuso']['lesson_gz6'] <= BUDGET_LESSON_GZ6 else 'MISS'} {row['hocvuso']['lesson_gz6'] / KB:.1f} KB")
    line("  plain Material's", lambda size, row: f"{row['plain']['lesson_gz6'] / KB:.1f} KB")
    line("page frame, gzip 6 (<= 3 KB)", lambda size, row: f"{'ok' if row['hocvuso']['frame_gz6'] <= BUDGET_FRAME_GZ6 else 'MISS'} {row['hocvuso']['frame_gz6'] / KB:.1f} KB")
    line("  plain Material's", lambda size, row: f"{row['plain']['frame_gz6'] / KB:.1f} KB")
    line("files in the largest folder (<= 10,000)", lambda size, row: f"{'ok' if row['hocvuso']['largest_folder'] <= BUDGET_FOLDER_FILES else 'MISS'} {row['hocvuso']['largest_folder']:,}")
    if search:
        def session(size, row):
            ours = search.get(f"this tree {size}")
            return f"{ours['bytes'] / KB:.0f} KB / {ours['latency_ms']:.0f} ms" if ours else ""
        line("search: KB a session / first results", session)
    print("(the search row: tests/search_bench.py's course at that size, 4x CPU throttle; targets at 10,000: <= 100 KB / <= 100 ms)")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    size_list = lambda text: [int(n) for n in text.split(",") if n]  # noqa: E731
    parser.add_argument("--search", "--sizes", dest="search", type=size_list, default=[300, 3000],
                        help="course sizes for the search benchmark (tests/search_bench.py), e.g. 300,3000 ('' to skip)")
    parser.add_argument("--large", action="store_true", default=bool(os.environ.get("HOCVUSO_BENCH_LARGE")),
                        help="search at 10,000 lessons too (or HOCVUSO_BENCH_LARGE=1): long, run it once in a while")
    parser.add_argument("--search-only", action="store_true", help="only the search benchmark")
    parser.add_argument("--course-sizes", type=size_list, default=[300, 3000],
                        help="course sizes for issue 27's table (plus 10,000 with --large; '' to skip)")
    parser.add_argument("--sizes-only", action="store_true", help="only issue 27's table (--course-sizes)")
    parser.add_argument("--baseline-rev", default=os.environ.get("HOCVUSO_BENCH_BASELINE", "8792c16"),
                        help="the revision whose search is the baseline (today's whole index); '' for none")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.large and 10000 not in args.search:
        args.search.append(10000)
    if args.large and args.course_sizes and 10000 not in args.course_sizes:
        args.course_sizes.append(10000)
    if args.search_only:
        search_only(args)
        return
    if args.sizes_only:
        work = Path(tempfile.mkdtemp(prefix="hocvuso-size-bench-"))
        try:
            figures = size_table(work, args.course_sizes)
            if args.json:
                args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        return
    from hocvuso.check.page_checks import check_quiz_source
    from hocvuso.quiz.render import render_quiz

    work = Path(tempfile.mkdtemp(prefix="hocvuso-bench-"))
    docs = work / "content"
    docs.mkdir()
    lessons, sources, words = make_course(docs, args.lessons)
    configs = write_configs(work, docs)
    print(f"{len(lessons)} lessons ({words / len(lessons):.0f} words of prose on average), {len(sources)} quizzes, "
          f"{args.runs} run(s) per build, in {work}")

    timed_config = configs.pop("timed")
    results = {label: {"times": [], "rss_mb": []} for label in configs}
    for run in range(args.runs):
        for label, config in configs.items():
            seconds, rss, log = build(config, work / f"site-{config.stem}", work)
            results[label]["times"].append(seconds)
            if rss is not None:
                results[label]["rss_mb"].append(rss)
            if log.strip() and run == 0:
                print(f"note: {label} build logged:\n  " + "\n  ".join(log.strip().splitlines()[:5]))
    for label, config in configs.items():
        results[label].update(sizes(work / f"site-{config.stem}", lessons), time=statistics.median(results[label]["times"]))
    # One more build, timed event by event (not counted in the medians above).
    timed_seconds, _, _ = build(timed_config, work / "site-timed", work)
    hook_times = json.loads((work / "hook-times.json").read_text(encoding="utf-8"))

    markup = []
    for source in sources:
        checked = check_quiz_source(source, "bench")
        if checked.quiz is None:
            sys.exit("synthetic quiz is invalid:\n" + source + "\n".join(problem.format() for problem in checked.diagnostics))
        markup.append(render_quiz(checked.quiz).encode("utf-8"))
    quiz_assets = b"".join((ROOT / "hocvuso/theme/assets/hocvuso" / name).read_bytes() for name in ("typed-answers.js", "quiz.js", "module-test.js", "hocvuso.css"))
    ours, plain = results["hocvuso"], results["plain Material"]
    figures = {"lessons": len(lessons), "quizzes": len(sources), "runs": args.runs, "builds": results,
               "quiz_assets_raw": len(quiz_assets), "quiz_assets_gz": gz(quiz_assets),
               "quiz_markup_gz_median": statistics.median(map(gz, markup)), "quiz_markup_gz_max": max(map(gz, markup)),
               "quiz_markup_raw_median": statistics.median(map(len, markup)), "time_ratio": ours["time"] / plain["time"]}

    def row(name: str, key: str, unit: str = "KB") -> None:
        a, b = ours[key], plain[key]
        show = (lambda v: f"{v:.2f} s") if unit == "s" else (lambda v: f"{v / KB:,.1f} KB")
        print(f"{name:<28}{show(a):>14}{show(b):>16}{a / b:>9.2f}x")

    print(f"\n{'':<28}{'hocvuso':>14}{'plain Material':>16}{'ratio':>10}")
    row("build time (median)", "time", "s")
    row("HTML per lesson (median)", "html_raw")
    row("  gzip", "html_gz")
    row("assets CSS+JS (total)", "assets_raw")
    row("  gzip", "assets_gz")
    row("search index (file)", "index_raw")
    row("  gzip", "index_gz")
    if ours["rss_mb"] and plain["rss_mb"]:
        print(f"{'peak RSS (median)':<28}{statistics.median(ours['rss_mb']):>11.0f} MB{statistics.median(plain['rss_mb']):>13.0f} MB"
              f"{statistics.median(ours['rss_mb']) / statistics.median(plain['rss_mb']):>9.2f}x")
    else:
        print("peak RSS: skipped (no GNU /usr/bin/time)")
    print(f"\nquiz markup: median {figures['quiz_markup_raw_median'] / KB:.1f} KB raw, "
          f"{figures['quiz_markup_gz_median'] / KB:.2f} KB gzip; max {figures['quiz_markup_gz_max'] / KB:.2f} KB gzip "
          f"({ours['quizzes_rendered']} quizzes rendered in lesson pages, {ours['quiz_errors']} error boxes)")
    print(f"\nour hooks, by event, in one more build of {timed_seconds:.2f} s: {sum(hook_times.values()):.2f} s in all")
    for name, seconds in sorted(hook_times.items(), key=lambda item: -item[1]):
        if seconds >= 0.005:
            print(f"  {name:<20}{seconds:>7.2f} s")
    figures["hook_times"] = hook_times
    print("build times (s): " + "; ".join(f"{label} " + ", ".join(f"{t:.2f}" for t in r["times"]) for label, r in results.items()))

    print("\nbudgets (1 KB = 1000 bytes)")
    budgets = [("quiz JS+CSS gzip", figures["quiz_assets_gz"] <= BUDGET_QUIZ_ASSETS_GZ,
                f"{figures['quiz_assets_gz'] / KB:.1f} KB <= {BUDGET_QUIZ_ASSETS_GZ / KB:.0f} KB"),
               ("quiz markup gzip per quiz", figures["quiz_markup_gz_max"] <= BUDGET_QUIZ_MARKUP_GZ,
                f"max {figures['quiz_markup_gz_max'] / KB:.2f} KB <= {BUDGET_QUIZ_MARKUP_GZ / KB:.0f} KB"),
               ("build time vs plain", figures["time_ratio"] <= BUDGET_TIME_RATIO,
                f"{figures['time_ratio']:.2f}x <= {BUDGET_TIME_RATIO}x")]
    for name, ok, detail in budgets:
        print(f"  {'PASS' if ok else 'FAIL':<5} {name:<27} {detail}")
    figures["budgets"] = {name: ok for name, ok, _ in budgets}
    if ours["quizzes_rendered"] != len(sources) or ours["quiz_errors"]:
        print(f"  FAIL  expected {len(sources)} rendered quizzes and no error boxes")
    real = work / "site-real"
    build(ROOT / "mkdocs.yml", real, work)
    figures["lighthouse"] = lighthouse_benchmark({
        "hocvuso, real course": (real, "phong-chong-lua-dao/03-bao-ve-ma-otp-va-tai-khoan.html"),
        "hocvuso, synthetic lesson": (work / "site-hocvuso", lessons[0][:-3] + ".html"),
        "plain Material, synthetic lesson": (work / "site-plain", lessons[0][:-3] + ".html"),
    })
    # Issue 16: a lesson's first visit, file by file, before (Material's bundle, its whole
    # stylesheet) and after (theme.js, the stylesheet cut to what the pages use).
    import bench_weight

    print("\nfirst visit to a lesson, before and after issue 16")
    figures["first_visit"] = bench_weight.weight_report(work=work / "weight")
    import bench_video

    figures["video"] = bench_video.video_report(work / "video")
    if args.search:
        import search_bench

        figures["search"] = search_bench.run(work, args.search, args.baseline_rev or None)
    if args.course_sizes:
        figures["sizes"] = size_table(work, args.course_sizes, figures.get("search"))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


# ---- Lighthouse (npm package, mobile preset) on a lesson with a quiz, served with gzip ----
LIGHTHOUSE = ROOT / ".venv" / "node" / "node_modules" / ".bin" / "lighthouse"


def serve_gzip(directory: Path):
    """A static host as cheap hosts are: files as they are, text compressed with gzip (level 6, as
    nginx is usually set up). `server.sent` lists (path, bytes of body sent) for every request."""
    import functools
    import http.server
    import threading

    class Gzip(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            path = Path(self.translate_path(self.path))
            if path.suffix in (".html", ".css", ".js", ".json", ".svg") and path.is_file() \
                    and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(path.read_bytes(), compresslevel=6)
                server.sent.append((self.path, len(body)))
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            else:
                server.sent.append((self.path, path.stat().st_size if path.is_file() else 0))
                super().do_GET()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Gzip, directory=str(directory)))
    server.sent = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def lighthouse_scores(site: Path, page: str) -> dict | None:
    if not LIGHTHOUSE.exists():
        print(f"lighthouse: skipped ({LIGHTHOUSE} missing: make bench installs it with npm)")
        return None
    server = serve_gzip(site)
    out = Path(tempfile.mkdtemp()) / "report.json"
    try:
        done = subprocess.run(
            [str(LIGHTHOUSE), f"http://127.0.0.1:{server.server_port}/{page}", "--quiet", "--output=json",
             f"--output-path={out}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
            capture_output=True, text=True, env=dict(os.environ, CHROME_PATH=chromium_path() or "chromium"), timeout=300)
    finally:
        server.shutdown()
    if done.returncode != 0 or not out.exists():
        print(f"lighthouse failed: {done.stderr[-500:]}")
        return None
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {name: round(category["score"] * 100) for name, category in report["categories"].items()}
    scores["transfer_kb"] = report["audits"]["total-byte-weight"]["numericValue"] / 1000
    return scores


def lighthouse_benchmark(sites: dict[str, tuple[Path, str]]) -> dict:
    figures = {}
    print("\nLighthouse 12, mobile preset (simulated slow 4G, 4x CPU), a lesson with quizzes, served with gzip")
    print(f"{'':<34}{'performance':>12}{'accessibility':>15}{'best practices':>16}{'SEO':>6}{'transfer':>11}")
    for label, (site, page) in sites.items():
        scores = lighthouse_scores(site, page)
        if scores is None:
            continue
        figures[label] = scores
        print(f"{label:<34}{scores['performance']:>12}{scores['accessibility']:>15}{scores['best-practices']:>16}"
              f"{scores['seo']:>6}{scores['transfer_kb']:>8.0f} KB")
    print("target (issue 6): at least 95 in each category; reference Material + mkdocs-quiz 91/92/96/90")
    return figures


# ---- Search: tests/search_bench.py ----
def chromium_path() -> str | None:
    recorded = ROOT / ".venv" / "chromium"
    path = os.environ.get("HOCVUSO_CHROMIUM") or (recorded.read_text().strip() if recorded.exists() else "playwright")
    return None if path == "playwright" else path


def search_only(args) -> None:
    import search_bench

    work = Path(tempfile.mkdtemp(prefix="hocvuso-search-bench-"))
    try:
        figures = search_bench.run(work, args.search, args.baseline_rev or None)
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
