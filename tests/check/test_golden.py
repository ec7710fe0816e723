"""Golden files: the contract of the renderer and of `hocvuso check`, one fixture per behaviour.

tests/golden/render/NAME.md holds a quiz block; NAME.html beside it is the HTML the block renders
to. tests/golden/messages/NAME/ is a tiny course; its expected.txt is exactly what a writer sees
when running `hocvuso check` there. HOCVUSO_UPDATE_GOLDEN=1 rewrites the expected files
(see tests/golden/README.md).
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import io
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import media_samples

from hocvuso.quiz import answer_key
from hocvuso import cli
from hocvuso.catalogue import messages
from hocvuso.check.page_checks import check_quiz_source
from hocvuso.quiz.render import render_quiz

GOLDEN = Path(__file__).parent.parent / "golden"
UPDATE = os.environ.get("HOCVUSO_UPDATE_GOLDEN") == "1"
RENDER_CASES = sorted(path.stem for path in (GOLDEN / "render").glob("*.md"))
MESSAGE_CASES = sorted(path.name for path in (GOLDEN / "messages").iterdir() if path.is_dir())
_QUIZ_FENCE = re.compile(r"^```quiz\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def _compare(expected_path: Path, actual: str) -> None:
    if UPDATE:
        expected_path.write_text(actual, encoding="utf-8")
        return
    assert expected_path.exists(), f"{expected_path} is missing: run HOCVUSO_UPDATE_GOLDEN=1 pytest tests/check/test_golden.py"
    assert actual == expected_path.read_text(encoding="utf-8"), (
        f"{expected_path.relative_to(GOLDEN.parent)} differs; if the change is meant, "
        "run HOCVUSO_UPDATE_GOLDEN=1 pytest tests/check/test_golden.py and review the diff")


# --- Render -----------------------------------------------------------------------------------

# Laid out one per line; everything else (spans, buttons, inputs, inline Markdown) stays inline,
# where whitespace may matter. Only whitespace next to these tags is dropped (a browser does not
# show it either). A block holding no other block stays on one line.
_BLOCK_TAGS = {"div", "form", "fieldset", "legend", "p", "ul", "ol", "li", "label", "select", "option", "blockquote"}
_VOID_TAGS = {"input", "br", "img", "hr"}


class _Element:
    def __init__(self, tag: str, start: str):
        self.tag, self.start, self.children = tag, start, []  # children: _Element or str

    @property
    def has_blocks(self) -> bool:
        return any(isinstance(child, _Element) and (child.tag in _BLOCK_TAGS or child.has_blocks) for child in self.children)

    def inline(self) -> str:
        inner = "".join(child if isinstance(child, str) else child.inline() for child in self.children)
        return self.start if self.tag in _VOID_TAGS else f"{self.start}{inner}</{self.tag}>"

    def lines(self, depth: int) -> list[str]:
        indent = "  " * depth
        if not self.has_blocks:
            return [indent + _strip_inside(self.inline(), self.start, self.tag)]
        out, run = [indent + self.start], ""
        for child in self.children:
            if isinstance(child, _Element) and child.tag in _BLOCK_TAGS:
                if run.strip():
                    out.append("  " * (depth + 1) + run.strip())
                run = ""
                out += child.lines(depth + 1)
            else:
                run += child if isinstance(child, str) else child.inline()
        if run.strip():
            out.append("  " * (depth + 1) + run.strip())
        return out + [f"{indent}</{self.tag}>"]


def _strip_inside(html: str, start: str, tag: str) -> str:
    """Whitespace just inside a block's own tags is not shown either."""
    if tag in _VOID_TAGS or tag not in _BLOCK_TAGS:
        return html
    inner = html[len(start): -len(f"</{tag}>")]
    return f"{start}{inner.strip()}</{tag}>"


class _Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.root = _Element("", "")
        self.open = [self.root]
        self.keys: list[str] = []

    def _start(self, tag, attrs, close=""):
        shown = []
        for name, value in attrs:
            if name == "data-key" and value is not None:
                self.keys.append(value)
                value = f"(khoá đáp án {len(self.keys)}, xem cuối tệp)"
            shown.append(name if value is None else f'{name}="{_attribute(value)}"')
        return f"<{' '.join([tag, *shown])}{close}>"

    def handle_starttag(self, tag, attrs):
        element = _Element(tag, self._start(tag, attrs))
        self.open[-1].children.append(element)
        if tag not in _VOID_TAGS:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].children.append(_Element(tag, self._start(tag, attrs, " /")) if tag in _VOID_TAGS else _Element(tag, self._start(tag, attrs)))

    def handle_endtag(self, tag):
        assert self.open[-1].tag == tag, f"</{tag}> closes <{self.open[-1].tag}>"
        self.open.pop()

    def handle_data(self, data):
        self.open[-1].children.append(data)

    def handle_entityref(self, name):
        self.open[-1].children.append(f"&{name};")

    def handle_charref(self, name):
        self.open[-1].children.append(f"&#{name};")


def _attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def _key_text(key: dict) -> str:
    """One line per question and part: [answers, feedback or settings, explanation, hints]."""
    lines = ["{"]
    for number, (question_id, parts) in enumerate(key.items(), start=1):
        lines.append(f"  {json.dumps(question_id, ensure_ascii=False)}: [")
        lines += [f"    {json.dumps(part, ensure_ascii=False)}{',' if index < len(parts) - 1 else ''}" for index, part in enumerate(parts)]
        lines.append("  ]" + ("," if number < len(key) else ""))
    return "\n".join(lines + ["}"])


def pretty_html(html: str) -> str:
    """The HTML one block per line, and each quiz's answer key decoded at the end."""
    tree = _Tree()
    tree.feed(html)
    tree.close()
    assert tree.open == [tree.root], "unclosed tags"
    lines = []
    for child in tree.root.children:
        if isinstance(child, _Element):
            lines += child.lines(0)
        elif child.strip():
            lines.append(child.strip())
    out = "\n".join(lines) + "\n"
    for number, key in enumerate(tree.keys, start=1):
        decoded = answer_key.decode(key)
        # The pretty file shows the key decoded; the encoding must lose nothing.
        assert answer_key.encode(decoded) == key
        assert json.loads(_key_text(decoded)) == decoded
        out += f"<!-- khoá đáp án {number} (data-key, giải mã):\n{_key_text(decoded)}\n-->\n"
    return out


@pytest.mark.parametrize("name", RENDER_CASES)
def test_render(name):
    source_path = GOLDEN / "render" / f"{name}.md"
    blocks = _QUIZ_FENCE.findall(source_path.read_text(encoding="utf-8"))
    assert len(blocks) == 1, f"{source_path} must hold exactly one ```quiz block"
    checked = check_quiz_source(blocks[0], source_path.name)
    assert [problem.format() for problem in checked.diagnostics] == []
    _compare(source_path.with_suffix(".html"), pretty_html(render_quiz(checked.quiz)))


def test_pretty_html_keeps_every_tag_and_word():
    """The pretty form may only move whitespace between block tags: it cannot hide a change."""
    html = '<div class="a"><p>Chữ <strong>đậm</strong> &amp; <code>x</code></p><label><input type="radio" name="o"> <span>A</span></label></div>'
    pretty = pretty_html(html)
    assert re.sub(r"\n\s*", "", pretty) == html
    assert pretty_html(html.replace("đậm", "nhạt")) != pretty


# --- Messages ---------------------------------------------------------------------------------

def _run_check(folder: Path) -> tuple[int, str]:
    """`hocvuso check` in `folder`, in this process: (exit code, stdout then stderr)."""
    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["check"])
    finally:
        os.chdir(previous)
    return code, out.getvalue() + err.getvalue()


def _copy(name: str, tmp_path: Path) -> Path:
    folder = tmp_path / name
    shutil.copytree(GOLDEN / "messages" / name, folder, ignore=shutil.ignore_patterns("expected.txt"))
    media_samples.make_all(folder)  # video fixtures: their media made at test time (media.txt)
    return folder


@pytest.mark.parametrize("name", MESSAGE_CASES)
def test_messages(name, tmp_path):
    code, output = _run_check(_copy(name, tmp_path))
    assert code == (1 if "lỗi cần sửa" in output else 0), output
    assert "Traceback" not in output
    _compare(GOLDEN / "messages" / name / "expected.txt", output)


def test_messages_in_process_are_what_the_command_prints(tmp_path):
    """The in-process run above is the real command: compare one fixture with a subprocess."""
    folder = _copy("duplicate-quiz-id", tmp_path)
    result = subprocess.run([sys.executable, "-m", "hocvuso.cli", "check"], capture_output=True, text=True, cwd=folder)
    assert (result.returncode, result.stdout + result.stderr) == _run_check(folder)


def _message_functions() -> dict[str, object]:
    return {name: function for name, function in inspect.getmembers(messages, inspect.isfunction)
            if not name.startswith("_") and function.__module__ == messages.__name__}


# Message functions no fixture can produce, each with the reason. Keep this list empty if you can.
UNREACHABLE: dict[str, str] = {
    "media_needs_library": "the tests install PyAV (the extra `video`): tests/check/test_video.py hides it to see the message",
    "short": "not a message: shortens a writer's text inside the others (each of which a fixture produces)",
    "script_in_page": "the build's second layer, reached only when the check misses a script: no course the "
                      "check passes can produce it (tests/publish/test_security_policy.py does, past the check)",
    **{name: "printed by `hocvuso video`, not by the check: tests/check/test_video.py runs the command and reads it"
       for name in ("video_made_example", "narration_made_example", "video_made_over_budget", "video_same_as_source",
                    "video_made_smaller")},
}


def test_every_message_is_produced_by_a_fixture(tmp_path, monkeypatch):
    produced: set[str] = set()
    depth = [0]

    def recording(name, function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            if depth[0] == 0:  # a message built from another counts for the outer one only
                produced.add(name)
            depth[0] += 1
            try:
                return function(*args, **kwargs)
            finally:
                depth[0] -= 1
        return wrapper

    functions = _message_functions()
    for name, function in functions.items():
        monkeypatch.setattr(messages, name, recording(name, function))
    for name in MESSAGE_CASES:
        _run_check(_copy(name, tmp_path))
    missing = sorted(set(functions) - produced - set(UNREACHABLE))
    assert missing == [], f"no fixture in tests/golden/messages/ produces: {', '.join(missing)}"
    assert not set(UNREACHABLE) & produced, "a message marked unreachable is produced: remove it from UNREACHABLE"
