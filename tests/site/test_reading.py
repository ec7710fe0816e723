"""One reading, then a build (issue #25): the reading is frozen, facts in quizzes are resolved by
a named step after the checks, each page's quiz fences are formatted with that page's quizzes
handed over explicitly, and the commands that only read the course make no build session."""

from __future__ import annotations

import dataclasses
import importlib.util
import shutil

import markdown
import pytest

from conftest import ROOT
from hocvuso import cli
from hocvuso.catalogue import messages
from hocvuso.check.page_checks import PageContext, check_page
from hocvuso.course.structure import LESSON
from hocvuso.course.project import Project
from hocvuso.site import build
from hocvuso.site.build import BuildSession, BuildSettings, requested_edition
from hocvuso.site.reading import no_page_formatter, read_course, resolve_facts, source_pages

LESSON_TEXT = (
    "---\ntitle: Bài {n}\ndescription: Một câu.\norder: {n}\nminutes: 5\nlevel: 1\nobjectives: [Làm được việc.]\n"
    'competences: {{digcomp: ["1.1"], tt02: ["1.1"]}}\nsources: [cong-an-113]\n'
    'second_reading: {{by: Trần Thị Lan, date: "2026-12-07"}}\n---\n\n# Bài {n}\n\nChữ.\n\n'
    "```quiz\nid: {quiz_id}\nquestion: Gọi số nào?\nexplanation: Gọi {{{{ fact:cong-an-113 }}}}.\noptions:\n"
    "  - text: Có\n    correct: true\n  - text: Không\n```\n"
)
PAGES = {"chuong/01-a.md": "quiz-a", "chuong/02-b.md": "quiz-b"}


@pytest.fixture
def project(tmp_path) -> Project:
    shutil.copy(ROOT / "facts.yml", tmp_path / "facts.yml")
    (tmp_path / "content" / "chuong").mkdir(parents=True)
    (tmp_path / "content" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (tmp_path / "content" / "chuong" / "index.md").write_text(
        "---\ntitle: Chương\ndescription: Một câu.\norder: 1\n---\n\n# Chương\n", encoding="utf-8")
    for n, (page, quiz_id) in enumerate(PAGES.items(), start=1):
        (tmp_path / "content" / page).write_text(LESSON_TEXT.format(n=n, quiz_id=quiz_id), encoding="utf-8")
    return Project.at(tmp_path)


def fence_body(project: Project, page: str) -> str:
    text = (project.docs_dir / page).read_text(encoding="utf-8")
    return text.split("```quiz\n", 1)[1].split("```", 1)[0]


def test_the_reading_is_frozen_and_its_mappings_read_only(project):
    reading = read_course(project, source_pages(project.docs_dir))
    with pytest.raises(dataclasses.FrozenInstanceError):
        reading.diagnostics = ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        reading.course = None
    for mapping in (reading.reports, reading.banks, reading.tests, reading.generated, reading.lesson_quizzes):
        with pytest.raises(TypeError):
            mapping["chuong/03-c.md"] = None
    with pytest.raises(AttributeError):
        reading.diagnostics.append(None)
    with pytest.raises(AttributeError):
        reading.lesson_quizzes["chuong/01-a.md"].append("x")


def test_check_page_leaves_facts_in_quizzes_and_the_named_step_resolves_them(project):
    registry, problems = project.load_facts()
    assert problems == []
    text = (project.docs_dir / "chuong" / "01-a.md").read_text(encoding="utf-8")
    report = check_page("content/chuong/01-a.md", text, PageContext(LESSON, registry))
    assert report.diagnostics == []
    checked = report.quizzes[0].quiz.questions[0]
    assert checked.explanation == "Gọi {{ fact:cong-an-113 }}."  # checking reads, it does not change the quiz

    resolved = resolve_facts({"chuong/01-a.md": report}, registry)["chuong/01-a.md"]
    explanation = resolved.quizzes[0].quiz.questions[0].explanation
    assert explanation == f"Gọi {registry.expand('{{ fact:cong-an-113 }}')}." and "fact:" not in explanation
    assert resolved.quizzes[0].quiz is not report.quizzes[0].quiz
    assert checked.explanation == "Gọi {{ fact:cong-an-113 }}."  # the checked report is left as it was

    # The reading holds the quizzes resolved.
    reading = read_course(project, source_pages(project.docs_dir))
    assert reading.reports["chuong/01-a.md"].quizzes[0].quiz.questions[0].explanation == explanation


def test_each_page_s_formatter_is_given_that_page_s_quizzes(project):
    reading = read_course(project, source_pages(project.docs_dir))
    session = BuildSession(reading, BuildSettings(), [])
    format_a = session.quiz_formatter("chuong/01-a.md")
    format_b = session.quiz_formatter("chuong/02-b.md")  # made last: were there a "current page", it is B
    assert format_a is not format_b
    body_a, body_b = fence_body(project, "chuong/01-a.md"), fence_body(project, "chuong/02-b.md")
    # Page B's fence rendered with page A's formatter cannot show A's quiz (nor B's, unchecked for A).
    shown = format_a(body_b, "quiz", "hvs-quiz", {}, None)
    assert 'data-quiz="quiz-a"' not in shown and 'data-quiz="quiz-b"' not in shown and "hvs-quiz-error" in shown
    assert 'data-quiz="quiz-a"' in format_a(body_a, "quiz", "hvs-quiz", {}, None)
    assert 'data-quiz="quiz-b"' in format_b(body_b, "quiz", "hvs-quiz", {}, None)
    # Each page's own HTML event says what its rendering did not show as checked.
    _html, problems = session.page_html("chuong/01-a.md", "chuong/01-a.html", "Bài 1", "", "<p></p>")
    assert [problem.message for problem in problems] == [messages.quiz_not_checked()]
    assert session.page_html("chuong/02-b.md", "chuong/02-b.html", "Bài 2", "", "<p></p>")[1] == []


class _Config(dict):
    """What the hook uses of MkDocs' config: attributes and items."""

    __getattr__ = dict.__getitem__

    def __setattr__(self, name, value):
        self[name] = value


class _Page:
    def __init__(self, src_uri: str) -> None:
        self.file = type("File", (), {"src_uri": src_uri, "generated_by": None})()


def test_the_hook_binds_each_page_s_formatter_in_its_markdown_event(project):
    spec = importlib.util.spec_from_file_location("hocvuso_hooks_under_test", ROOT / "hooks" / "hocvuso_hooks.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    config = _Config(markdown_extensions=["toc", "tables", "fenced_code"], mdx_configs={})
    hooks._bind_quiz_formatter(config, no_page_formatter())  # as on_config leaves it
    reading = read_course(project, source_pages(project.docs_dir))
    hooks.session = BuildSession(reading, BuildSettings(), [])

    def convert(text: str) -> str:
        return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config["mdx_configs"]).convert(text)

    def render(page: str, text: str) -> str:
        # As MkDocs renders a page: its markdown event, then one Markdown made from the config.
        hooks.on_page_markdown(text, _Page(page), config, None)
        return convert(text)

    text_a = "```quiz\n" + fence_body(project, "chuong/01-a.md") + "```\n"
    text_b = "```quiz\n" + fence_body(project, "chuong/02-b.md") + "```\n"
    shown = convert(text_a)  # before any page's event: no page's quizzes, never shown unchecked
    assert 'data-quiz="quiz-a"' not in shown and "hvs-quiz-error" in shown
    assert 'data-quiz="quiz-a"' in render("chuong/01-a.md", text_a)
    assert 'data-quiz="quiz-b"' in render("chuong/02-b.md", text_b)
    shown = render("chuong/02-b.md", text_a)  # A's fence in B's rendering
    assert 'data-quiz="quiz-a"' not in shown and "hvs-quiz-error" in shown


@pytest.mark.parametrize("command", [["export", "--format", "gift", "--output", "cau-hoi.gift"], ["check"],
                                     ["new", "--module", "chuong", "--title", "Bài mới"]])
def test_commands_that_read_the_course_make_no_build_session(project, monkeypatch, command):
    def no_session(*args, **kwargs):
        raise AssertionError("a build session was made")

    monkeypatch.setattr(build.BuildSession, "__init__", no_session)
    monkeypatch.chdir(project.root)
    assert cli.main(command) == 0
    if command[0] == "export":
        gift = (project.root / "cau-hoi.gift").read_text(encoding="utf-8")
        assert "::quiz-a::" in gift and "fact:" not in gift


def test_the_edition_comes_from_the_environment():
    assert requested_edition({}) == "web"
    assert requested_edition({"HOCVUSO_EDITION": "zim"}) == "zim"
    assert requested_edition({"HOCVUSO_EDITION": "other"}) == "web"
