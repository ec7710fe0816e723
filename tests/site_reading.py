"""Reading a built site as the tests need it: each quiz's answer key, the course map, and the
questions and lessons the learner tests walk (the longest matching question, a lesson of choice
questions). Browser tests and tools/storage-harness.py share these."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hocvuso.quiz import answer_key


class _AnswerKeys(HTMLParser):
    """Each quiz block's answer key, in page order."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: dict[str, dict] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-key" in attrs:
            self.keys[attrs["data-quiz"]] = answer_key.decode(attrs["data-key"])


def answer_keys(page: str | Path) -> dict[str, dict]:
    """Each quiz's answer key on a built page (its HTML, or its file), as hocvuso.js reads it:
    quiz id -> {question id: [correct, feedback, ...]}."""
    parser = _AnswerKeys()
    parser.feed(page.read_text(encoding="utf-8") if isinstance(page, Path) else page)
    return parser.keys


def course_map(site: Path) -> dict:
    """The course map the build writes for the pages' scripts (assets/hocvuso/course.js)."""
    script = (site / "assets" / "hocvuso" / "course.js").read_text(encoding="utf-8")
    return json.loads(script[script.index("=") + 1 : script.rindex(";")])


def matching_pages(site: Path) -> list[str]:
    pages = [path for path in site.rglob("*.html") if 'data-type="matching"' in path.read_text(encoding="utf-8")]
    return sorted(str(path.relative_to(site)) for path in pages)


@dataclass(frozen=True)
class MatchingQuestion:
    """A matching question of the site: its page, quiz and question, and the right choice of each row."""

    path: str
    quiz: str
    question: str
    right: list[int]

    def form(self, page):
        return page.locator(f'.hvs-quiz[data-quiz="{self.quiz}"] .hvs-q[data-q="{self.question}"]')


def longest_matching(site: Path) -> MatchingQuestion:
    """The matching question with the most text to read (not in a module test, which shows a
    question only when drawn)."""
    found = []
    for path in matching_pages(site):
        if path.endswith("kiem-tra.html"):
            continue
        text = (site / path).read_text(encoding="utf-8")
        for form in re.finditer(r'<form class="hvs-q" data-q="([^"]+)" data-type="matching">(.*?)</form>', text):
            quiz = re.findall(r'data-quiz="([^"]+)"', text[: form.start()])[-1]
            found.append((len(re.sub(r"<[^>]+>", "", form.group(2))), path, quiz, form.group(1)))
    assert found, "no matching question on the site"
    _, path, quiz, question = max(found)
    return MatchingQuestion(path, quiz, question, answer_keys(site / path)[quiz][question][0])


def lesson_of_choice_questions(site: Path) -> tuple[dict, dict, int]:
    """A module's first lesson, not in the first module, whose review has only choice questions and
    an option with its own feedback; with that module and the lesson's index."""
    for module in course_map(site)["modules"][1:]:
        lesson = module["lessons"][0]
        text = (site / lesson["url"]).read_text(encoding="utf-8")
        key = answer_keys(site / lesson["url"]).get(lesson["quiz"])
        if key and "data-type=" not in text and any(entry[1] for entry in key.values()):
            return module, lesson, 0
    pytest.fail("no lesson of choice questions with feedback")
