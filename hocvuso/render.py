"""Turns a quiz into the HTML that hocvuso.js brings to life.

Without JavaScript the questions and options still read as a list; answers and explanations
travel only in the data-key attribute (see answer_key.py).
"""

from __future__ import annotations

import html
import re

import markdown

from . import answer_key
from .model import MULTIPLE, Quiz

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


def render_quiz(quiz: Quiz) -> str:
    parts = []
    key: dict[str, list] = {}
    count = len(quiz.questions)
    for number, question in enumerate(quiz.questions, start=1):
        input_type = "checkbox" if question.type == MULTIPLE else "radio"
        label = f'<span class="hvs-num" data-search-exclude>Câu {number}/{count}.</span> ' if count > 1 else ""
        parts.append(f'<form class="hvs-q" data-q="{_attr(question.id)}">{_prompt(quiz.id, question.id, label, question.prompt)}')
        if question.type == MULTIPLE:
            parts.append('<p class="hvs-how" data-search-exclude>Chọn tất cả các đáp án đúng.</p>')
        for index, option in enumerate(question.options):
            parts.append(
                # Each question is its own form, so a short name keeps its radio group apart.
                f'<label class="hvs-opt"><input type="{input_type}" name="o" value="{index}">'
                f"<span>{inline_html(option.text)}</span></label>"
            )
        parts.append("</fieldset>")
        parts.append('<div class="hvs-hint-text" hidden></div>' if question.hint else "")
        parts.append(
            # Button words would fill the search index with noise: data-search-exclude.
            '<div class="hvs-actions" data-search-exclude><button type="submit" class="hvs-check">Kiểm tra</button>'
            + ('<button type="button" class="hvs-hint">Xem gợi ý</button>' if question.hint else "")
            + '<button type="button" class="hvs-retry" hidden>Làm lại</button></div>'
            '<div class="hvs-result" role="status" aria-live="polite"></div></form>'
        )
        key[question.id] = [
            [index for index, option in enumerate(question.options) if option.correct],
            {str(index): inline_html(option.feedback) for index, option in enumerate(question.options) if option.feedback},
            markdown_html(question.explanation) if question.explanation else "",
            inline_html(question.hint) if question.hint else "",
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
