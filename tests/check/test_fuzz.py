"""Property-based tests: real lessons and banks, mutated the way a tired writer on a phone mutates
them, never make the check raise, never slip through unreported, and a clean page shows exactly
the quizzes that were checked.

`make test` runs a bounded, repeatable sample (profile "ci"); `make fuzz` runs 10,000 cases.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT
from hocvuso.source.blocks import fenced_blocks
from hocvuso.catalogue.diagnostics import ERROR
from hocvuso.source.front_matter import read_front_matter
from hocvuso.course.project import Project
from hocvuso.site.reading import CourseReading, RenderedPages, read_course as read_the_course, render_pages
from hocvuso.text.normalise import is_blank

settings.register_profile("ci", max_examples=150, derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.register_profile("fuzz", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.register_profile("explore", max_examples=int(os.environ.get("HOCVUSO_FUZZ_EXAMPLES", "1000")), deadline=None,
                          suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.load_profile(os.environ.get("HOCVUSO_FUZZ_PROFILE", "ci"))

LESSONS = sorted((ROOT / "content").glob("*/0*.md"))
BANKS = sorted((ROOT / "quizzes").glob("*.yml"))
# What slips in when editing YAML and Markdown on a phone, or pasting from a chat.
SNIPPETS = [
    " ", "   ", "\t", "\n", "`", "```", "~~~", "```quiz", "> ", "- ", ": ", ":", "#", " #", "'", '"', "\\", "|",
    "{{ fact:cong-an-113 }}", "{{ fact:khong-co }}", "{{ fact:", "}}", "!Chu_y ", "!!str ", "&a ", "*a", "? ",
    "\x07", "\u200b", "\ufeff", "\u00a0", "correct: true", "id: ", "---", "...", "[", "](", "<br>", "&amp;", "1. ",
    # What the fuzzer found once: escapes of invisible characters, placeholders cut or broken, aliases.
    '"\\uFEFF"', '"\\u200B"', "\u00ad", "\u2060", "{{ fact:bao-tin-rac-565", "{{ fact:tinnhiemmang }\u00ad}", "&id001 ", "*id001",
]
# Invisible-only texts, as written in a quiz: the character itself, or its YAML escape.
INVISIBLE_TEXTS = ['"\\uFEFF"', '"\\u200B\\u2060"', '"\u00ad"', '"\u200d"', '"\\u034F"']
MUTATION = st.tuples(
    st.sampled_from(["insert", "delete_chars", "indent", "dedent", "duplicate", "delete_line", "swap",
                     "self_reference", "invisible_text", "break_placeholder"]),
    st.integers(min_value=0, max_value=10**6),  # which line (among the interesting ones)
    st.integers(min_value=0, max_value=10**6),  # where in the line
    st.sampled_from(SNIPPETS),
)
_PLACEHOLDER = re.compile(r"\{\{\s*fact:[a-z0-9-]+\s*\}\}")
_CODE = re.compile(r"<code\b.*?</code>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_KEY_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<dash>-[ \t]+)?[A-Za-z_]+[ \t]*:")
WORK = Path(tempfile.mkdtemp(prefix="hocvuso-fuzz-"))


@pytest.fixture(scope="module", autouse=True)
def _remove_work():
    # Hypothesis runs each example in the same folder (a fixture per example would be reset
    # once per test, not per example); it goes once the module is done.
    yield
    shutil.rmtree(WORK, ignore_errors=True)


def interesting_lines(text: str) -> list[int]:
    """Front matter and quiz blocks with their fence lines: where mistakes matter most."""
    lines = set(range(read_front_matter(text, "")[0].end_line))
    for block in fenced_blocks(text):
        lines.update(block.line_indexes)
    return sorted(lines) or [0]


_LOCAL_LINK = re.compile(r"!?\[([^\]]*)\]\((?!https?:|tel:|\{\{)[^)]*\)")


def standalone(text: str) -> str:
    """A real lesson without its links to the rest of the course, so it can be checked alone."""
    return _LOCAL_LINK.sub(lambda match: match.group(1), text)


def mutate(text: str, mutations) -> str:
    lines = text.split("\n")
    for kind, which, where, snippet in mutations:
        candidates = [index for index in interesting_lines("\n".join(lines)) if index < len(lines)] or [0]
        index = candidates[which % len(candidates)]
        line = lines[index] if lines else ""
        column = where % (len(line) + 1)
        if kind == "insert":
            line = line[:column] + snippet + line[column:]
        elif kind == "delete_chars":
            line = line[:column] + line[column + 1 + where % 3 :]
        elif kind == "indent":
            line = " " * (1 + where % 8) + line
        elif kind == "dedent":
            line = line[min(len(line) - len(line.lstrip(" ")), 1 + where % 8) :]
        elif kind == "self_reference":
            indent = line[: len(line) - len(line.lstrip(" "))]
            if where % 2:  # a list that contains itself
                lines[index] = line.rstrip() + " &id001"
                lines.insert(index + 1, indent + "  - *id001")
            else:  # an anchor on the block's mapping, its alias inside it
                lines[index:index] = [indent + "&id001", indent + "feedback: *id001"]
            continue
        elif kind == "invisible_text":
            key = _KEY_LINE.match(line)
            if key:
                line = line[: key.end()] + " " + INVISIBLE_TEXTS[where % len(INVISIBLE_TEXTS)]
        elif kind == "break_placeholder":
            closing = line.find("}}")
            if closing >= 0:  # cut at the line's end, or an invisible character between the braces
                line = line[:closing] if where % 2 else line[:closing] + "}\u00ad}" + line[closing + 2 :]
        if kind == "duplicate":
            lines.insert(index, line)
        elif kind == "delete_line" and len(lines) > 1:
            del lines[index]
            continue
        elif kind == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
            continue
        if lines:
            lines[index] = line
    return "\n".join(lines)


def read_course(lesson: str, bank: str) -> CourseReading:
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "content" / "chuong").mkdir(parents=True)
    (WORK / "quizzes").mkdir()
    shutil.copy(ROOT / "facts.yml", WORK / "facts.yml")
    (WORK / "content" / "chuong" / "index.md").write_text(
        "---\ntitle: Chương\ndescription: Một câu.\norder: 1\n---\n\n# Chương\n", encoding="utf-8")
    path = WORK / "content" / "chuong" / "01-bai.md"
    path.write_text(lesson, encoding="utf-8", newline="")
    (WORK / "quizzes" / "chuong.yml").write_text(bank, encoding="utf-8", newline="")
    pages = {"chuong/index.md": WORK / "content" / "chuong" / "index.md", "chuong/01-bai.md": path}
    return read_the_course(Project.at(WORK), pages)


def assert_reported_or_faithful(site: CourseReading, rendered: RenderedPages, problems) -> None:
    lesson_path, bank_path = "content/chuong/01-bai.md", "quizzes/chuong.yml"
    for problem in problems:
        if problem.path in (lesson_path, bank_path):
            assert problem.line >= 1, problem.format()  # a writer can find every mistake
            assert len(problem.message) < 1_000, problem.message[:200]
    errors = [problem for problem in problems if problem.severity == ERROR and problem.path == lesson_path]
    if errors:
        return
    # Clean: the page shows one quiz per checked block, with facts expanded and no answers as text.
    report = site.reports["chuong/01-bai.md"]
    html = rendered.html["chuong/01-bai.md"]
    assert html.count('class="hvs-quiz"') == len(report.quizzes)
    assert "hvs-quiz-error" not in html
    visible = _TAG.sub("", _CODE.sub("", html))
    assert not _PLACEHOLDER.search(visible), _PLACEHOLDER.search(visible).group(0)
    assert "{{" not in visible, visible[visible.index("{{") - 80 : visible.index("{{") + 80]
    assert "correct: true" not in visible
    for checked in report.quizzes:  # every text a learner reads shows something
        for question in checked.quiz.questions:
            texts = [question.prompt, question.explanation, *question.hints, *question.steps]
            texts += [text for option in question.options for text in (option.text, option.feedback)]
            assert not any(text is not None and is_blank(text) for text in texts), texts


@given(lesson=st.sampled_from(LESSONS), bank=st.sampled_from(BANKS),
       lesson_mutations=st.lists(MUTATION, min_size=1, max_size=4), bank_mutations=st.lists(MUTATION, max_size=3))
def test_mutated_lessons_and_banks_are_reported_or_shown_as_checked(lesson, bank, lesson_mutations, bank_mutations):
    lesson_text = mutate(standalone(lesson.read_text(encoding="utf-8")), lesson_mutations)
    bank_text = mutate(bank.read_text(encoding="utf-8"), bank_mutations)
    site = read_course(lesson_text, bank_text)
    rendered = render_pages(site)
    problems = [*site.diagnostics, *rendered.diagnostics]
    assert_reported_or_faithful(site, rendered, problems)


def test_an_unmutated_lesson_is_clean_and_faithful():
    site = read_course(standalone(LESSONS[0].read_text(encoding="utf-8")), BANKS[0].read_text(encoding="utf-8"))
    rendered = render_pages(site)
    problems = [problem for problem in [*site.diagnostics, *rendered.diagnostics] if problem.severity == ERROR]
    assert problems == []
    assert_reported_or_faithful(site, rendered, problems)
    assert rendered.html["chuong/01-bai.md"].count('class="hvs-quiz"') >= 1
