"""The answer key of a module, as a page volunteers print apart from the lessons.

Learners can print a lesson's quiz as a worksheet (print.css: options become empty boxes
lettered A, B, C...); a volunteer marks it with this page. One page per module,
`<module>/dap-an.md`, generated at build time from the same quizzes the lessons show, facts
expanded. It stays out of the navigation and the site search, and is reached from a line on
the module page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from hocvuso.check.page_checks import PageReport
from hocvuso.course.structure import Course, ModuleInfo
from hocvuso.text.escaping import markdown_text
from hocvuso.quiz.model import FILL_IN, MATCHING, MULTIPLE, ORDERING, TRUE_FALSE, Question, Quiz
from hocvuso.quiz.render import shuffled

PAGE_NAME = "dap-an.md"
LINK_TEXT = "In đáp án cho người hướng dẫn"
# What a quiz is called when nothing around it names it.
DEFAULT_LABEL = "Câu hỏi"

_ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*(?:\s+"(?P<title>[^"]*)")?\s*$')
_TAB = re.compile(r'^\s*===!?\+?\s+"(?P<title>[^"]*)"\s*$')
_HEADING = re.compile(r"^#{2,6}\s+(?P<title>.+?)\s*(?:\{[^}]*\})?\s*#*\s*$")
_BLOCK_START = re.compile(r"^\s*(?:[-+*]|\d+[.)])\s")


@dataclass
class LabelledQuiz:
    label: str  # the box or section the quiz sits in, e.g. "Thử nhanh", "Câu hỏi ôn tập"
    quiz: Quiz


def page_path(module: ModuleInfo) -> str:
    return f"{module.folder}/{PAGE_NAME}"


def is_answer_sheet(src_uri: str) -> bool:
    parts = src_uri.split("/")
    return len(parts) == 2 and parts[1] == PAGE_NAME


def has_answer_sheet(module: ModuleInfo) -> bool:
    return bool(module.lessons)


def module_link(module: ModuleInfo) -> str:
    """The line on the module page that leads volunteers to the answer key (hidden in print;
    not searched: learners looking for a lesson need not find it)."""
    if not has_answer_sheet(module):
        return ""
    return f'\n[{LINK_TEXT}]({PAGE_NAME})\n{{: .hvs-key-link data-search-exclude="" }}\n\n'


def _label(lines: list[str], opener_line: int, indent: int) -> str:
    """The title of the box (admonition, tab) holding the quiz, else the nearest heading above it."""
    index = opener_line - 2  # 0-based index of the line above the fence
    while index >= 0 and indent > 0:
        line = lines[index]
        if line.strip() and len(line) - len(line.lstrip(" ")) < indent:
            match = _ADMONITION.match(line) or _TAB.match(line)
            if match and match.group("title"):
                return match.group("title").strip()
            break
        index -= 1
    for line in reversed(lines[: max(opener_line - 1, 0)]):
        match = _HEADING.match(line)
        if match:
            return match.group("title")
    return DEFAULT_LABEL


def lesson_quizzes(report: PageReport) -> list[LabelledQuiz]:
    """The lesson's valid quizzes in page order, facts expanded as the learner reads them."""
    lines = report.text.split("\n")
    return [
        LabelledQuiz(_label(lines, checked.opener_line, checked.indent), checked.quiz)
        for checked in report.quizzes
        if checked.quiz is not None
    ]


def letter(index: int) -> str:
    """A, B, C...: how a printed worksheet names its options (print.css counts them the same way)."""
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def _answer(question: Question, quiz_id: str = "") -> list[str]:
    if question.type == FILL_IN:
        shown = "; ".join(f"**{markdown_text(answer)}**" for answer in question.answers)
        lines = [f"Đáp án đúng: {shown}" if len(question.answers) == 1 else f"Các đáp án được chấp nhận: {shown}"]
        if question.accept_without_accents:
            lines += ["", "Viết không dấu cũng được tính đúng."]
        return lines
    if question.type == ORDERING:
        # Letters as the worksheet prints the steps (shuffled, print.css letters them A, B, C...).
        order = shuffled(f"{quiz_id}/{question.id}", len(question.steps))
        return ["Thứ tự đúng:", ""] + [
            f"{number}. **{letter(order.index(step))}.** {text}" for number, (step, text) in enumerate(enumerate(question.steps), start=1)
        ]
    if question.type == MATCHING:
        return ["Các cặp đúng:", ""] + [f"- {pair.left} → **{markdown_text(pair.right)}**" for pair in question.pairs]
    right = [(index, option) for index, option in enumerate(question.options) if option.correct]
    if question.type == TRUE_FALSE:
        return [f"Đáp án đúng: **{right[0][1].text}**" if right else "Đáp án đúng: (chưa có)"]
    if question.type == MULTIPLE:
        lines = [f"Đáp án đúng ({len(right)} đáp án):", ""]
        return lines + [f"- **{letter(index)}.** {option.text}" for index, option in right]
    return [f"Đáp án đúng: **{letter(index)}.** {option.text}" for index, option in right]


def _prefixed(label: str, text: str) -> str:
    """The label opens the text's first paragraph, or stands alone before a list."""
    text = text.strip()
    return f"{label}\n\n{text}" if _BLOCK_START.match(text) else f"{label} {text}"


def _question(question: Question, number: int | None, quiz_id: str = "") -> list[str]:
    prompt = _prefixed(f"**Câu {number}.**", question.prompt) if number is not None else question.prompt.strip()
    # One block per question, so print.css can keep a question and its answer on one page.
    lines = ['<div class="hvs-key-q" markdown>', "", prompt, ""] + _answer(question, quiz_id) + [""]
    if question.explanation:
        lines += [_prefixed("**Giải thích:**", question.explanation), ""]
    return lines + ["</div>", ""]


def answer_sheet(module: ModuleInfo, quizzes: dict[str, list[LabelledQuiz]]) -> str:
    """The Markdown of a module's answer key; `quizzes` maps each lesson's path to its quizzes."""
    title = f"Đáp án chương: {module.title}"
    lines = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"description: {json.dumps('Đáp án các câu hỏi của chương, cho người hướng dẫn.', ensure_ascii=False)}",
        "---",
        "",
        # Material's search also skips data-search-exclude; our index leaves the page out altogether.
        '<div class="hvs-answer-sheet" data-search-exclude markdown>',
        "",
        f"# Đáp án chương: {markdown_text(module.title)}",
        "",
        '!!! info "Dành cho người hướng dẫn"',
        "",
        "    Trang này có đáp án các câu hỏi trong chương. Bạn in trang này riêng, để chấm bài khi "
        "học viên làm trên giấy. Đừng phát trang này cho học viên trước khi làm bài.",
        "",
        "    Khi in một bài học, các lựa chọn được đánh chữ A, B, C... theo đúng thứ tự trên trang này.",
        "",
    ]
    for number, lesson in enumerate(module.lessons, start=1):
        lines += [f"## Bài {number}: {markdown_text(lesson.title)}", ""]
        found = quizzes.get(lesson.path, [])
        if not found:
            lines += ["Bài này chưa có câu hỏi.", ""]
        for labelled in found:
            questions = labelled.quiz.questions
            lines += [f"### {labelled.label}", ""]
            for index, question in enumerate(questions, start=1):
                lines += _question(question, index if len(questions) > 1 else None, labelled.quiz.id)
    lines += ["</div>", ""]
    return "\n".join(lines)


def answer_sheets(course: Course, reports: dict[str, PageReport]) -> dict[str, str]:
    """Every module's answer key: {path inside content/: Markdown}, from the pages as checked."""
    pages = {}
    for module in course.modules:
        if not has_answer_sheet(module):
            continue
        quizzes = {lesson.path: lesson_quizzes(reports[lesson.path]) for lesson in module.lessons if lesson.path in reports}
        pages[page_path(module)] = answer_sheet(module, quizzes)
    return pages
