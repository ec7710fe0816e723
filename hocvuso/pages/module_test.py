"""A module's end test: a page drawing some questions from the module's bank (quizzes/<module>.yml).

Every question of the bank is in the page (answers encoded as in any quiz); the learner's
browser shows `draw` of them, chosen once per learner and kept until they retake the test
(assets/hocvuso/module-test.js), and the test is passed at `pass` percent. A module's index.md may
set both: `test: {draw: 8, pass: 80}`.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from hocvuso.course import fields
from hocvuso.text.escaping import markdown_text
from hocvuso.quiz.model import Quiz
from hocvuso.quiz.render import render_quiz

PAGE_NAME = "kiem-tra.md"
DEFAULT_DRAW = fields.TEST_DRAW.default  # the `test:` settings are declared in fields.py
DEFAULT_PASS = fields.TEST_PASS.default


@dataclass(frozen=True)
class ModuleTest:
    """A module's end test: drawn from a bank in quizzes/."""

    bank_id: str
    page: str  # inside content/, e.g. "phong-chong-lua-dao/kiem-tra.md"
    draw: int
    pass_percent: int


def settings(test: dict) -> tuple[int, int]:
    """(draw, pass percent) from a module's `test:` settings; lesson_rules reports bad values."""
    chosen = fields.value({"test": test}, "test")
    return chosen["draw"], chosen["pass"]


def test_page(module_title: str, quiz: Quiz, draw: int, pass_percent: int) -> str:
    """The Markdown of the generated test page (the quiz as ready HTML)."""
    count = min(draw, len(quiz.questions))
    return "\n".join([
        "---",
        f"title: 'Bài kiểm tra: {module_title.replace(chr(39), chr(39) * 2)}'",
        f"description: Bài kiểm tra cuối chương, {count} câu hỏi, đạt khi đúng từ {pass_percent}% trở lên.",
        "---",
        "",
        f"# Bài kiểm tra: {markdown_text(module_title)}",
        "",
        f"Bài kiểm tra có {count} câu hỏi, rút từ các bài trong chương. Mỗi câu bạn chỉ bấm **Kiểm tra** một "
        f"lần. Trả lời hết các câu rồi bấm **Nộp bài**. Bạn đạt khi đúng từ {pass_percent}% số câu trở lên. "
        "Chưa đạt thì ôn lại bài và làm bài mới: kết quả cao nhất được giữ lại.",
        "",
        # Out of the search index: a test's questions are not what a learner searches for.
        f'<div class="hvs-test" data-bank="{escape(quiz.id)}" data-draw="{count}" data-pass="{pass_percent}" data-search-exclude>',
        render_quiz(quiz),
        '<div class="hvs-test-end" data-search-exclude>',
        '<p class="hvs-test-result" role="status" aria-live="polite"></p>',
        '<p><button type="button" class="md-button md-button--primary hvs-test-submit">Nộp bài</button> ',
        # Offered once the test is handed in: a half-done test is never wiped by a stray tap.
        '<button type="button" class="md-button hvs-test-new" hidden>Làm bài kiểm tra mới</button></p>',
        "</div>",
        "</div>",
        "",
    ])


def module_tests(course, banks: dict[str, Quiz]) -> tuple[dict, dict[str, str]]:
    """Every module whose bank quizzes/<module>.yml passed the check gets a test page.

    `banks` maps a module folder to its bank's checked quiz. Returns
    ({module: ModuleTest}, {page path: Markdown}).
    """
    tests, pages = {}, {}
    for module in course.modules:
        quiz = banks.get(module.folder)
        if quiz is None:
            continue
        draw, percent = settings(module.test_settings)
        page = f"{module.folder}/{PAGE_NAME}"
        tests[module.folder] = ModuleTest(quiz.id, page, min(draw, len(quiz.questions)), percent)
        pages[page] = test_page(module.title, quiz, draw, percent)
    return tests, pages
