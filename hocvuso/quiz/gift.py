"""Moodle GIFT export, so provinces that run Moodle can reuse the question banks.

Text stays Markdown (`[markdown]`); GIFT's special characters ~ = # { } : and the backslash
are escaped with a backslash, and line breaks become `\\n` (a blank line would end the
question). Hints have no place in GIFT and are left out. Fill-in questions become short answers
(`{=a =b}`), matching questions `{=left -> right}`; GIFT has no ordering question, so those
are skipped with a comment in the output.

A function of quizzes: `hocvuso export` reads the course (hocvuso.site.reading) and hands them here.
"""

from __future__ import annotations

from .model import FILL_IN, MATCHING, MULTIPLE, ORDERING, TRUE_FALSE, Question, Quiz

_SPECIAL = "~=#{}:"


def escape(text: str) -> str:
    text = text.replace("\\", "\\\\")  # first, so the escapes added below stay single
    for char in _SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def _feedback(text: str | None) -> str:
    return f"#{escape(text)}" if text else ""


def _weight(count: int) -> str:
    # Moodle accepts only its own list of weights; 100/n for n right answers is on it (33.33333, 16.66667...).
    return f"{100 / count:.5f}".rstrip("0").rstrip(".")


def _name(quiz: Quiz, question: Question) -> str:
    return quiz.id if quiz.single_question else f"{quiz.id}/{question.id}"


def question_to_gift(quiz: Quiz, question: Question) -> str:
    name = _name(quiz, question)
    if question.type == ORDERING:
        return f"// Bỏ qua câu {name}: GIFT không có loại câu sắp xếp thứ tự."
    head = f"::{escape(name)}::[markdown]{escape(question.prompt)}"
    general = f" ####{escape(question.explanation)}" if question.explanation else ""
    if question.type in (FILL_IN, MATCHING):
        if question.type == FILL_IN:
            lines = [f"\t={escape(answer)}" for answer in question.answers]
        else:
            lines = [f"\t={escape(pair.left)} -> {escape(pair.right)}" for pair in question.pairs]
        if general:
            lines.append(f"\t{general.strip()}")
        return head + " {\n" + "\n".join(lines) + "\n}"
    if question.type == TRUE_FALSE:
        true_option, false_option = question.options
        right, wrong = (true_option, false_option) if true_option.correct else (false_option, true_option)
        # GIFT: {TRUE#feedback when answered wrong#feedback when answered right}
        answer = "TRUE" if true_option.correct else "FALSE"
        feedback = f"#{escape(wrong.feedback or '')}#{escape(right.feedback or '')}" if (wrong.feedback or right.feedback) else ""
        return f"{head} {{{answer}{feedback}{general}}}"
    lines = []
    if question.type == MULTIPLE:
        right_count = sum(option.correct for option in question.options)
        for option in question.options:
            weight = _weight(right_count) if option.correct else "-100"
            lines.append(f"\t~%{weight}%{escape(option.text)}{_feedback(option.feedback)}")
    else:
        for option in question.options:
            lines.append(f"\t{'=' if option.correct else '~'}{escape(option.text)}{_feedback(option.feedback)}")
    if general:
        lines.append(f"\t{general.strip()}")
    return head + " {\n" + "\n".join(lines) + "\n}"


def quizzes_to_gift(items: list[tuple[str, Quiz]]) -> str:
    """`items`: (category, quiz) in the order written; a quiz's category is where it is written."""
    parts = [f"// Xuất từ hocvuso: {exported(items)} câu hỏi"]
    category = None
    for item_category, quiz in items:
        if item_category != category:
            category = item_category
            parts.append(f"$CATEGORY: hocvuso/{category}")
        parts += [question_to_gift(quiz, question) for question in quiz.questions]
    return "\n\n".join(parts) + "\n"


def exported(items: list[tuple[str, Quiz]]) -> int:
    """How many questions GIFT holds (ordering questions are skipped)."""
    return sum(question.type != ORDERING for _, quiz in items for question in quiz.questions)
