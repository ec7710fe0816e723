"""Turns a quiz into the HTML that quiz.js brings to life.

Without JavaScript the questions and options still read as a list; answers and explanations
travel only in the data-key attribute (see answer_key.py).
"""

from __future__ import annotations

import hashlib
import html
import re

import markdown

from . import answer_key
from .answer_text import NUMBER, WEB
from .model import CHOICE_TYPES, FILL_IN, MATCHING, MULTIPLE, ORDERING, Question, Quiz

# Text without Markdown or HTML syntax is escaped directly: most options are plain words,
# and this keeps large courses fast to build.
_MARKUP = re.compile(r"[*_`\[\]<>&\\!#|~]|^\s*[-+\d]|\n")
_markdown = markdown.Markdown(extensions=["sane_lists"])


def markdown_html(text: str) -> str:
    """Block Markdown (paragraphs, lists) for explanations and multi-paragraph prompts."""
    if not _MARKUP.search(text):
        return f"<p>{html.escape(text, quote=False)}</p>"
    _markdown.reset()
    return _markdown.convert(text)


def inline_html(text: str) -> str:
    """Markdown for a single line, without the wrapping paragraph."""
    if not _MARKUP.search(text):
        return html.escape(text, quote=False)
    rendered = markdown_html(text)
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _prompt(quiz_id: str, question_id: str, label: str, prompt: str) -> str:
    """The question names its group of options: a <legend> when it is one paragraph (most are)."""
    inline = inline_html(prompt)
    if "<p>" not in inline and "<ul>" not in inline and "<ol>" not in inline:
        return f'<fieldset><legend class="hvs-prompt">{label}{inline}</legend>'
    prompt_id = _attr(f"hvs-{quiz_id}-{question_id}")
    return f'<fieldset aria-labelledby="{prompt_id}"><div class="hvs-prompt" id="{prompt_id}">{_numbered(label, markdown_html(prompt))}</div>'


def _numbered(label: str, prompt_html: str) -> str:
    """Keeps "Câu 1/3." on the same line as the question's first paragraph."""
    if prompt_html.startswith("<p>"):
        return "<p>" + label + prompt_html[3:]
    return label + prompt_html


def shuffled(seed: str, count: int) -> list[int]:
    """A fixed order of range(count) for this seed, never the given order (that would give the answer away)."""
    order = sorted(range(count), key=lambda index: hashlib.sha256(f"{seed}:{index}".encode()).digest())
    if count > 1 and order == list(range(count)):
        order = order[1:] + order[:1]
    return order


def _fill_in(question: Question) -> tuple[str, list]:
    mode = {NUMBER: ' inputmode="numeric"', WEB: ' inputmode="url"'}.get(question.match, "")
    field = (
        '<label class="hvs-fill"><span data-search-exclude>Câu trả lời của bạn:</span>'
        f'<input type="text" class="hvs-text" name="t" autocomplete="off" autocapitalize="none" spellcheck="false"{mode}></label>'
    )
    return field, [question.answers, {"m": question.match, "a": int(question.accept_without_accents)}]


def _ordering(quiz: Quiz, question: Question) -> tuple[str, list]:
    order = shuffled(f"{quiz.id}/{question.id}", len(question.steps))
    # quiz.js ties each button to its step's text (aria-describedby): ids cost bytes here.
    items = "".join(
        f'<li class="hvs-step" data-s="{shown}"><span class="hvs-step-text">{inline_html(question.steps[step])}</span>'
        '<span class="hvs-moves"><button type="button" class="hvs-up">Lên</button>'
        '<button type="button" class="hvs-down">Xuống</button></span></li>'
        for shown, step in enumerate(order)
    )
    field = (
        '<p class="hvs-how" data-search-exclude>Bấm “Lên”, “Xuống” để xếp các bước cho đúng thứ tự.</p>'
        f'<ol class="hvs-steps" data-search-exclude>{items}</ol><p class="hvs-live hvs-sr" aria-live="polite"></p>'
    )
    # The key: for each step in the right order, where it is shown.
    return field, [[order.index(step) for step in range(len(question.steps))], {}]


def _matching(quiz: Quiz, question: Question) -> tuple[str, list]:
    # One group of radio buttons per left item (its <legend>), not a <select>: a closed select cuts
    # a long choice at the width of a phone, and its list is the phone's, not ours to make readable.
    # Radios wrap like any option, take one tap, are all in sight, and a screen reader says
    # "Chạm, group" then each choice. Right sides are plain text, shown exactly as written.
    order = shuffled(f"{quiz.id}/{question.id}", len(question.pairs))
    choices = [html.escape(question.pairs[pair].right, quote=False) for pair in order]
    rows = "".join(
        f'<fieldset class="hvs-pair"><legend>{inline_html(pair.left)}</legend>'
        + "".join(
            f'<label class="hvs-opt"><input type="radio" name="p{index}" value="{shown}"><span>{text}</span></label>'
            for shown, text in enumerate(choices)
        )
        + "</fieldset>"
        for index, pair in enumerate(question.pairs)
    )
    field = f'<p class="hvs-how" data-search-exclude>Chọn vế phù hợp cho từng dòng.</p><div class="hvs-pairs" data-search-exclude>{rows}</div>'
    # The key: for each left item, which of the shown choices is its pair.
    return field, [[order.index(index) for index in range(len(question.pairs))], {}]


def render_quiz(quiz: Quiz) -> str:
    parts = []
    key: dict[str, list] = {}
    count = len(quiz.questions)
    for number, question in enumerate(quiz.questions, start=1):
        input_type = "checkbox" if question.type == MULTIPLE else "radio"
        label = f'<span class="hvs-num" data-search-exclude>Câu {number}/{count}.</span> ' if count > 1 else ""
        kind = "" if question.type in CHOICE_TYPES else f' data-type="{question.type}"'
        parts.append(f'<form class="hvs-q" data-q="{_attr(question.id)}"{kind}>{_prompt(quiz.id, question.id, label, question.prompt)}')
        if question.type == MULTIPLE:
            parts.append('<p class="hvs-how" data-search-exclude>Chọn tất cả các đáp án đúng.</p>')
        own = None
        if question.type == FILL_IN:
            own = _fill_in(question)
        elif question.type == ORDERING:
            own = _ordering(quiz, question)
        elif question.type == MATCHING:
            own = _matching(quiz, question)
        if own:
            parts.append(own[0])
        for index, option in enumerate(question.options):
            parts.append(
                # Each question is its own form, so a short name keeps its radio group apart.
                f'<label class="hvs-opt"><input type="{input_type}" name="o" value="{index}">'
                f"<span>{inline_html(option.text)}</span></label>"
            )
        parts.append("</fieldset>")
        parts.append('<div class="hvs-hint-text" aria-live="polite" hidden></div>' if question.hints else "")
        parts.append(
            # Button words would fill the search index with noise: data-search-exclude.
            '<div class="hvs-actions" data-search-exclude><button type="submit" class="hvs-check">Kiểm tra</button>'
            + ('<button type="button" class="hvs-hint">Xem gợi ý</button>' if question.hints else "")
            + '<button type="button" class="hvs-retry" hidden>Làm lại</button></div>'
            '<div class="hvs-result" role="status" aria-live="polite"></div></form>'
        )
        answers = own[1] if own else [
            [index for index, option in enumerate(question.options) if option.correct],
            {str(index): inline_html(option.feedback) for index, option in enumerate(question.options) if option.feedback},
        ]
        # One hint stays a text (as before); several are a list, revealed one at a time.
        hints = [inline_html(hint) for hint in question.hints]
        key[question.id] = answers + [
            markdown_html(question.explanation) if question.explanation else "",
            hints[0] if len(hints) == 1 else hints if hints else "",
        ]
    encoded = _attr(answer_key.encode(key))
    return f'<div class="hvs-quiz" data-quiz="{_attr(quiz.id)}" data-key="{encoded}">{"".join(parts)}</div>'



def render_error(messages: list[str]) -> str:
    """Shown in place of a broken quiz (in `mkdocs serve`), so a writer sees what to fix."""
    items = "".join(f"<li>{html.escape(message)}</li>" for message in messages)
    return (
        '<div class="hvs-quiz-error" role="alert"><p><strong>Khối câu hỏi này có lỗi nên chưa hiển thị được.'
        f"</strong></p><ul>{items}</ul></div>"
    )
