"""The registry of checked facts (facts.yml): hotlines, web addresses, dates lessons may state.

Lessons write {{ fact:id }} instead of typing a number; a province overrides its local
entries in facts.local.yml. Typed phone numbers and .gov.vn addresses are reported, so a
wrong number never reaches a learner unchecked.
"""

from __future__ import annotations

import difflib
import re
from urllib.parse import quote
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from hocvuso.catalogue import messages
from hocvuso.catalogue.diagnostics import Diagnostic
from hocvuso.quiz.model import Quiz
from hocvuso.text.escaping import markdown_text

from hocvuso.source.blocks import QUIZ_LANGUAGE, fenced_blocks
from hocvuso.source.front_matter import front_matter_lines
from hocvuso.source.files import BYTE_ORDER_MARK, read_text, read_yaml
from hocvuso.source.yaml_reader import read_entry
from hocvuso.source.placeholders import PLACEHOLDER, outside_inline_code

KINDS = ("phone", "sms", "web", "date", "text")
ENTRY_KEYS = ("value", "kind", "label", "source", "checked")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Phone numbers as Vietnamese lessons write them: 10–11 digits from 0, 1800/1900 lines, and
# short codes (3–5 digits) when a word of calling or texting stands just before them.
_LONG_NUMBER = re.compile(r"(?<![\w.,/])(0\d(?:[ .]?\d){8,9}|1[89]00(?:[ .]?\d){4,6})(?![\w/]|[.,]\d)")
_CALL_WORD = re.compile(r"\b(?:gọi|nhắn|số|tổng đài|đường dây nóng|hotline|bấm)\b", re.IGNORECASE)
_SHORT_CODE = re.compile(r"(?<![\w.,/])(\d{3,5})(?![\w/]|[.,]\d)")  # "156." ends a sentence; "1.5" is a decimal
_WINDOW = 40  # characters after a calling word in which a short code counts as a phone number
# Most prose lines hold neither a digit nor a web address: one cheap search skips them.
_MAYBE_FACT = re.compile(r"\d|\.(?:vn|com|net|org)\b", re.IGNORECASE)
_GOV_ADDRESS = re.compile(r"(?<![\w.-])(?:https?://)?((?:[a-z0-9-]+\.)+gov\.vn)\b", re.IGNORECASE)
# Kept as written in a web fact's address; anything else (spaces, quotes, brackets) is %-encoded,
# so the address cannot end the Markdown link it is written into.
_URL_SAFE = "/:?#@!$&'*+,;=%~.-_"
_DOMAIN = re.compile(r"(?<![\w.@/-])(?:https?://)?((?:[a-z0-9-]+\.)+(?:vn|com|net|org))\b", re.IGNORECASE)


# Words of a fact's id that say what kind of value it holds (ids are written without accents).
_KIND_WORDS = (
    (("phone", "sms"), ("tong-dai", "duong-day-nong", "hotline", "so-dien-thoai", "dien-thoai", "sdt", "goi",
                        "nhan-tin", "sms", "so")),
    (("web",), ("trang-web", "website", "web", "trang", "dia-chi", "cong-thong-tin", "cong-dich-vu", "url", "link")),
    (("date",), ("ngay", "ra-mat", "hieu-luc", "thang", "nam")),
)
_NUMBER_TOKEN = re.compile(r"(?:^|-)\d{3,}(?=-|$)")  # 113, 1800: an id naming a number


def id_kinds(fact_id: str) -> tuple[str, ...] | None:
    """The kinds of fact an id's words ask for (None when its words do not say)."""
    padded = f"-{fact_id}-"
    for kinds, words in _KIND_WORDS:
        if any(f"-{word}-" in padded for word in words):
            return kinds
    return ("phone", "sms") if _NUMBER_TOKEN.search(fact_id) else None


def _id_subject(fact_id: str) -> str:
    """An id without its words of kind and its numbers: what the fact is about (`evn`, `bao-tin-rac`)."""
    padded = f"-{fact_id}-"
    for _, words in _KIND_WORDS:
        for word in words:
            padded = padded.replace(f"-{word}-", "-")
    return "-".join(part for part in padded.split("-") if part and not part.isdigit())


def _id_digits(fact_id: str) -> str:
    """The digits of the numbers an id names, sorted: the same for a number typed with two digits swapped."""
    return "".join(sorted("".join(part for part in fact_id.split("-") if part.isdigit())))


@dataclass(frozen=True)
class Fact:
    id: str
    value: str
    kind: str
    label: str
    source: str
    checked: str
    path: str
    line: int

    def markdown(self, links: bool = True) -> str:
        """How a placeholder reads in a lesson: web addresses are links, phone numbers tap to call.

        Without links inside a quiz option: the option is a tap target, and a tap meant to pick
        "113" must never start a call or leave the page.
        """
        text = markdown_text(self.value)  # a value is plain text: shown exactly as written in facts.yml
        if self.kind == "web":
            return f"[{text}](https://{quote(self.value.strip(), safe=_URL_SAFE)})" if links else text
        if self.kind == "phone":
            return f"[**{text}**](tel:{quote(self.value.strip(), safe='+')})" if links else f"**{text}**"
        if self.kind == "sms":
            return f"**{text}**"
        return text


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


class FactRegistry:
    def __init__(self, facts: dict[str, Fact] | None = None):
        self.facts: dict[str, Fact] = dict(facts or {})
        self._known_values: tuple[dict[str, str], dict[str, str]] | None = None  # phones, webs: asked for every line

    @classmethod
    def load(cls, paths: list[Path], shown_as: list[str]) -> tuple["FactRegistry", list[Diagnostic]]:
        """Later files override earlier ones entry by entry (the national file, then a province's)."""
        registry, problems = cls(), []
        for path, shown in zip(paths, shown_as, strict=True):
            if path.exists():
                text, unreadable = read_text(path, shown)  # not UTF-8: a message, as for every file
                problems += unreadable
                if text is not None:
                    problems += registry._read(text, shown)
        return registry, problems

    def _read(self, text: str, path: str) -> list[Diagnostic]:
        root, problems = read_yaml(text, path, messages.registry_syntax)
        if root is None:
            return problems
        text = text.removeprefix(BYTE_ORDER_MARK)  # lines as the YAML reader counted them
        if not isinstance(root, yaml.MappingNode):
            return [Diagnostic(path, 1, 1, messages.registry_not_mapping())]
        problems = []
        seen: dict[str, int] = {}
        lines = text.split("\n")
        for key_node, value_node in root.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Diagnostic(path, key_node.start_mark.line + 1, key_node.start_mark.column + 1, messages.complex_key()))
                continue
            fact_id, line = str(key_node.value), key_node.start_mark.line + 1
            if fact_id in seen:
                problems.append(Diagnostic(path, line, 1, messages.duplicate_key(fact_id, seen[fact_id])))
                continue
            seen[fact_id] = line
            if not _ID.match(fact_id):
                problems.append(Diagnostic(path, line, 1, messages.bad_id(fact_id, "")))
                continue
            if not isinstance(value_node, yaml.MappingNode):
                problems.append(Diagnostic(path, line, 1, messages.registry_entry_not_mapping(fact_id)))
                continue
            entry, shape_problems = read_entry(value_node, lines, messages.registry_syntax)
            if shape_problems:
                problems += [Diagnostic(path, at + 1, column + 1, message) for at, column, message in shape_problems]
                continue
            entry_problems = []
            for key in entry:
                if key not in ENTRY_KEYS:
                    close = difflib.get_close_matches(str(key)[:40], ENTRY_KEYS, n=1)
                    entry_problems.append(messages.unknown_key(str(key), close[0] if close else None, list(ENTRY_KEYS)))
            for key in ENTRY_KEYS:
                if entry.get(key) in (None, ""):
                    entry_problems.append(messages.missing_key(key, f"{key}: ..."))
            if entry.get("kind") not in (None, "") and entry.get("kind") not in KINDS:
                entry_problems.append(messages.registry_bad_kind(str(entry.get("kind"))))
            if entry_problems:
                problems += [Diagnostic(path, line, 1, messages.registry_entry_problem(fact_id, problem)) for problem in entry_problems]
                continue
            self._known_values = None
            self.facts[fact_id] = Fact(fact_id, str(entry["value"]), entry["kind"], str(entry["label"]),
                                       str(entry["source"]), str(entry["checked"]), path, line)
        return problems

    def get(self, fact_id: str) -> Fact | None:
        return self.facts.get(fact_id)

    def suggestion(self, fact_id: str) -> str | None:
        """The fact a mistyped id most likely means: close in spelling, of the kind its words ask
        for (a hotline's id is never offered a web address), and about the same thing once those
        words are set aside (`tong-dai-evn` is not `tingia-duong-day-nong`). None rather than a guess."""
        wanted = id_kinds(fact_id)
        candidates = [fact.id for fact in self.facts.values() if wanted is None or fact.kind in wanted]
        subject, digits = _id_subject(fact_id), _id_digits(fact_id)
        for close in difflib.get_close_matches(fact_id, candidates, n=5, cutoff=0.5):
            other = _id_subject(close)
            if digits and _id_digits(close) and digits != _id_digits(close):
                continue  # cong-an-114 is not cong-an-113: 114 is another number (165 for 156 is a slip)
            if not subject or not other or difflib.SequenceMatcher(None, subject, other).ratio() >= 0.6:
                return close
        return None

    def expand(self, text: str, links: bool = True) -> str:
        """Replace every known placeholder by its Markdown; unknown ones are left for the check to report."""
        def replace(match: re.Match) -> str:
            fact = self.facts.get(match.group(1))
            return fact.markdown(links) if fact else match.group(0)

        return PLACEHOLDER.sub(replace, text) if "{{" in text else text

    def _phone_values(self) -> dict[str, str]:
        return {_digits(f.value): f.id for f in self.facts.values() if f.kind in ("phone", "sms")}

    def _web_values(self) -> dict[str, str]:
        return {f.value.lower().removeprefix("www."): f.id for f in self.facts.values() if f.kind == "web"}

    def typed_facts(self, line: str) -> list[tuple[int, str]]:
        """Numbers and addresses typed by hand on one line: (0-based column, message)."""
        if not _MAYBE_FACT.search(line):
            return []
        found = []
        text = PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), line)
        if self._known_values is None:
            self._known_values = self._phone_values(), self._web_values()
        phones, webs = self._known_values
        long_numbers = list(_LONG_NUMBER.finditer(text))
        numbers = {match.start(1): match.group(1) for match in long_numbers}
        inside_long = {index for match in long_numbers for index in range(match.start(1), match.end(1))}
        for word in _CALL_WORD.finditer(text):
            window_end = min(len(text), word.end() + _WINDOW)
            sentence_end = text.find(". ", word.end(), window_end)
            for match in _SHORT_CODE.finditer(text, word.end(), sentence_end if sentence_end != -1 else window_end):
                if match.start(1) not in inside_long:
                    numbers.setdefault(match.start(1), match.group(1))
        for column, number in numbers.items():
            known = phones.get(_digits(number))
            found.append((column, messages.typed_registry_value(number, known) if known else messages.typed_phone(number)))
        for match in _DOMAIN.finditer(text):
            address = match.group(1).lower().removeprefix("www.")
            known = webs.get(address)
            if known:
                found.append((match.start(), messages.typed_registry_value(match.group(1), known)))
            elif _GOV_ADDRESS.fullmatch(match.group(0)):
                found.append((match.start(), messages.typed_gov_address(match.group(1))))
        return sorted(found)


def prose_lines(text: str, blocks=None):
    """(0-based line index, line) of every line a reader sees as prose or quiz text.

    Other fenced blocks are code examples (the writers' guide shows placeholders and numbers
    there on purpose), so they are skipped; quiz blocks are kept, learners read them.
    """
    skipped = set()
    for block in fenced_blocks(text) if blocks is None else blocks:
        if block.language != QUIZ_LANGUAGE:
            skipped.update(block.line_indexes)
    for index, line in enumerate(text.split("\n")):
        if index not in skipped:
            yield index, line


def expand_outside_quizzes(text: str, registry: "FactRegistry", blocks=None) -> str:
    """The page's Markdown with placeholders replaced, except inside quiz blocks (the quiz
    renderer expands those), inside code (shown as written) and in the front matter (plain
    text, read by MkDocs as YAML: Markdown there would break it; the lesson header expands
    the objectives' placeholders itself)."""
    if "{{" not in text:
        return text
    skipped = set(range(front_matter_lines(text)))
    for block in fenced_blocks(text) if blocks is None else blocks:
        skipped.update(block.line_indexes)
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if index in skipped or "{{" not in line:
            continue
        lines[index] = "".join(
            registry.expand(line[start:end]) + line[end : next_start]
            for (start, end), next_start in _with_next_starts(list(outside_inline_code(line)), len(line))
        )
    return "\n".join(lines)


def _with_next_starts(spans, length):
    for index, span in enumerate(spans):
        yield span, spans[index + 1][0] if index + 1 < len(spans) else length


def resolve_quiz_facts(quiz: Quiz, registry: FactRegistry) -> Quiz:
    """A new quiz, `quiz` with its {{ fact:id }} placeholders resolved; `quiz` is left as read.

    The step after the checks: they read quizzes as written, the site shows and exports them resolved."""
    expand = registry.expand

    def plain(text: str) -> str:
        # A typed answer is compared with the fact's value itself, not its Markdown.
        def value(match):
            fact = registry.get(match.group(1))
            return fact.value if fact else match.group(0)
        return PLACEHOLDER.sub(value, text) if "{{" in text else text

    def resolved(question):
        return replace(
            question,
            prompt=expand(question.prompt),
            explanation=expand(question.explanation) if question.explanation else question.explanation,
            hints=[expand(hint) for hint in question.hints],
            answers=[plain(answer) for answer in question.answers],
            # Steps and pair sides are controls' labels (buttons, <option>s): facts without links.
            steps=[expand(step, links=False) for step in question.steps],
            pairs=[replace(pair, left=expand(pair.left, links=False), right=plain(pair.right)) for pair in question.pairs],
            # Options and their feedback sit inside the option's tap target: facts without links.
            options=[replace(option, text=expand(option.text, links=False),
                             feedback=expand(option.feedback, links=False) if option.feedback else option.feedback)
                     for option in question.options],
        )

    def has_placeholder(question) -> bool:
        texts = [question.prompt, question.explanation or "", *question.hints, *question.answers, *question.steps]
        texts += [text for pair in question.pairs for text in (pair.left, pair.right)]
        texts += [text or "" for option in question.options for text in (option.text, option.feedback)]
        return any("{{" in text for text in texts)

    # Most questions hold no placeholder: they stay the same objects, not copies (a big course's
    # reading holds every quiz; copies were 6 MB of 1,000 lessons).
    questions = [resolved(question) if has_placeholder(question) else question for question in quiz.questions]
    if all(new is old for new, old in zip(questions, quiz.questions)):
        return quiz
    return replace(quiz, questions=questions)
