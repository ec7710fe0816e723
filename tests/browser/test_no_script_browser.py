"""No script from content, in a real Chromium: a small course whose every plain-text field
carries an injection payload builds with --strict, runs none of them on any page, and shows
each payload's characters where the field belongs (menu, <title>, description, listings,
glossary, competence map, answer key, module test, search results)."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import mkdocs_build, serve, write_child_config
from hocvuso.text.normalise import slugify

pytestmark = pytest.mark.browser

IMG = '<img src=x onerror="window.__pwned=1">'
TITLE_BREAK = "</title><script>window.__pwned=1</script>"
ATTR_BREAK = '" onmouseover="window.__pwned=1'
SITE_NAME = "Bình dân học vụ số"

MODULE_TITLE = f"Chương {IMG} {ATTR_BREAK}"
MODULE_DESCRIPTION = f"Mô tả chương {TITLE_BREAK}"
LESSON_TITLE = f"Bài một {TITLE_BREAK} & 'đáp'"
LESSON_DESCRIPTION = f"Mô tả bài {ATTR_BREAK} {IMG}"
OBJECTIVE = f"Mục tiêu {IMG}"
SECOND_TITLE = "Hỏi & đáp &amp; <b>đậm</b>"  # ordinary characters, and an entity typed as such
TERM = f"Từ {IMG}"
DEFINITION = f"Nghĩa {TITLE_BREAK} {ATTR_BREAK}"
FACT_TEXT = f"Giá trị {IMG}"
FILL_IN_ANSWER = IMG
RIGHT_SIDES = [f"Vế {ATTR_BREAK}", f"Vế {TITLE_BREAK}"]


def q(value: str) -> str:
    """A YAML double-quoted string (JSON's are YAML's)."""
    return json.dumps(value, ensure_ascii=False)


def lesson(title: str, description: str, order: int, objective: str, quiz_id: str, body: str, quiz: str) -> str:
    return f"""---
title: {q(title)}
description: {q(description)}
order: {order}
minutes: 5
level: 1
objectives:
  - {q(objective)}
competences:
  digcomp: ["4.2"]
  tt02: ["4.2"]
sources: [chu-doc]
---

# Bài số {order}

{body}

## Câu hỏi ôn tập

```quiz
id: {quiz_id}
{quiz}
```
"""


def write_course(folder: Path) -> None:
    (folder / "content" / "chuong").mkdir(parents=True)
    (folder / "quizzes").mkdir()
    (folder / "facts.yml").write_text(f"""chu-doc:
  value: {q(FACT_TEXT)}
  kind: text
  label: {q(IMG)}
  source: thử
  checked: 2026-11
""", encoding="utf-8")
    (folder / "glossary.yml").write_text(f"- term: {q(TERM)}\n  definition: {q(DEFINITION)}\n", encoding="utf-8")
    (folder / "content" / "index.md").write_text("---\ntitle: Trang chủ\n---\n\n# Khoá học thử\n\nChào bạn.\n", encoding="utf-8")
    (folder / "content" / "chuong" / "index.md").write_text(
        f"---\ntitle: {q(MODULE_TITLE)}\ndescription: {q(MODULE_DESCRIPTION)}\norder: 1\ntest: {{draw: 1, pass: 50}}\n---\n\n"
        "# Chương thử\n\nChương thử nghiệm.\n", encoding="utf-8")
    first_quiz = f"""questions:
  - id: cau-a
    question: Câu A?
    options:
      - text: "{{{{ fact:chu-doc }}}}"
        correct: true
      - text: Không phải
  - id: cau-b
    type: fillin
    question: Gõ đáp án
    answers: [{q(FILL_IN_ANSWER)}]
  - id: cau-c
    type: matching
    question: Ghép cho đúng
    pairs:
      - left: Một
        right: {q(RIGHT_SIDES[0])}
      - left: Hai
        right: {q(RIGHT_SIDES[1])}"""
    body = f"Nội dung: {{{{ fact:chu-doc }}}}. Xem [từ này](../tu-dien.md#{slugify(TERM)})."
    (folder / "content" / "chuong" / "01-bai.md").write_text(
        lesson(LESSON_TITLE, LESSON_DESCRIPTION, 1, f"{OBJECTIVE} {{{{ fact:chu-doc }}}}", "bai-mot", body, first_quiz),
        encoding="utf-8")
    second_quiz = "question: Câu hỏi?\noptions:\n  - text: Có\n    correct: true\n  - text: Không"
    (folder / "content" / "chuong" / "02-bai.md").write_text(
        lesson(SECOND_TITLE, "Câu 'một' & \"hai\"", 2, "Biết {{ fact:chu-doc }}", "bai-hai", "Nội dung.", second_quiz),
        encoding="utf-8")
    # Outside the menu and without front matter: MkDocs titles it from its heading (HTML text).
    (folder / "content" / "_ghi-chu.md").write_text(f"# Ghi chú {html.escape(TITLE_BREAK)}\n\nMột trang lẻ.\n", encoding="utf-8")
    (folder / "quizzes" / "chuong.yml").write_text(
        "id: chuong-kiem-tra\nquestions:\n  - id: k1\n    question: Câu kiểm tra?\n    options:\n"
        "      - text: Đúng\n        correct: true\n      - text: Sai\n", encoding="utf-8")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    folder = tmp_path_factory.mktemp("payloads")
    write_course(folder)
    site = folder / "site"
    result = mkdocs_build(write_child_config(folder), site)
    # Strict: payloads in plain-text fields are text, not refused markup; the glossary link's anchor exists.
    assert result.returncode == 0, result.stderr
    server = serve(site)
    return f"http://127.0.0.1:{server.server_port}/"


# Attributes that run code, and scripts that mention the payload: none may exist in any page.
_INJECTED = """() => {
    const handlers = [];
    for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
            if (attribute.name.startsWith("on")) handlers.push(element.tagName + " " + attribute.name);
        }
    }
    const scripts = [...document.scripts].filter(s => s.textContent.includes("__pwned")).length;
    return {pwned: typeof window.__pwned, handlers, scripts, images: document.querySelectorAll('img[src="x"]').length};
}"""


def visit(page, url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    # Hovering every payload would fire an onmouseover that broke out; the check above sees it anyway.
    page.mouse.move(200, 300)
    assert page.evaluate(_INJECTED) == {"pwned": "undefined", "handlers": [], "scripts": 0, "images": 0}
    assert dialogs == []


def menu(page):
    return page.locator("nav.md-nav--primary")


def test_home_page(page, course):
    visit(page, course)
    listing = page.locator(".hvs-listing")
    expect(listing.get_by_role("link", name=MODULE_TITLE, exact=True)).to_have_count(1)
    expect(listing).to_contain_text(MODULE_DESCRIPTION)
    expect(menu(page)).to_contain_text(MODULE_TITLE)
    # Written by progress.js from the course map.
    expect(page.locator(".hvs-continue")).to_have_text(f"Bắt đầu học: {LESSON_TITLE}")
    assert page.title() == f"Trang chủ - {SITE_NAME}"
    visit(page, course)  # a second visit: the learner's saved state is read back


def test_module_page(page, course):
    visit(page, course + "chuong/index.html")
    assert page.title() == f"{MODULE_TITLE} - {SITE_NAME}"
    assert page.locator('meta[name="description"]').get_attribute("content") == MODULE_DESCRIPTION
    expect(page.locator("[data-md-component=header-topic]")).to_contain_text(MODULE_TITLE)
    listing = page.locator(".hvs-listing")
    expect(listing.get_by_role("link", name=LESSON_TITLE, exact=True)).to_have_count(1)
    expect(listing.get_by_role("link", name=SECOND_TITLE, exact=True)).to_have_count(1)
    expect(listing).to_contain_text(LESSON_DESCRIPTION)
    expect(page.locator('[data-hvs-progress="chuong"]')).to_contain_text(f"{MODULE_TITLE}: 0/2 bài")


def test_lesson_page(page, course):
    visit(page, course + "chuong/01-bai.html")
    assert page.title() == f"{LESSON_TITLE} - {SITE_NAME}"
    assert page.locator('meta[name="description"]').get_attribute("content") == LESSON_DESCRIPTION
    expect(page.locator("[data-md-component=header-topic]")).to_contain_text(LESSON_TITLE)
    expect(menu(page).locator("a.md-nav__link", has_text=LESSON_TITLE)).to_have_count(1)
    expect(menu(page).locator("a.md-nav__link", has_text=SECOND_TITLE)).to_have_count(1)
    expect(menu(page)).to_contain_text(MODULE_TITLE)
    expect(page.locator(".hvs-lesson-header li")).to_have_text(f"{OBJECTIVE} {FACT_TEXT}")
    expect(page.locator("article")).to_contain_text(f"Nội dung: {FACT_TEXT}.")
    expect(page.locator(".hvs-opt").first).to_have_text(FACT_TEXT)
    following = page.locator(".md-footer__link--next")
    expect(following).to_contain_text(SECOND_TITLE)
    assert following.get_attribute("aria-label").endswith(f": {SECOND_TITLE}")  # escaped once, not twice
    choices = page.locator('.hvs-q[data-q="cau-c"] .hvs-pair').first.locator(".hvs-opt")
    assert sorted(choices.all_text_contents()) == sorted(RIGHT_SIDES)
    # A typed answer compared with the payload answer: right, and nothing runs.
    form = page.locator('.hvs-q[data-q="cau-b"]')
    form.locator(".hvs-text").fill(FILL_IN_ANSWER)
    form.get_by_role("button", name="Kiểm tra").click()
    expect(form.locator(".hvs-result")).to_contain_text("Đúng")
    assert page.evaluate(_INJECTED)["pwned"] == "undefined"


def test_search_results_show_titles_and_descriptions_as_written(page, course):
    visit(page, course + "chuong/01-bai.html")
    magnifier = page.locator("label.md-header__button[for=__search]")
    magnifier.click()
    box = page.locator(".md-search__input")
    box.fill("mô tả bài")
    result = page.locator(".md-search-result__item").first
    expect(result).to_contain_text(LESSON_DESCRIPTION)
    assert page.evaluate(_INJECTED) == {"pwned": "undefined", "handlers": [], "scripts": 0, "images": 0}


def test_glossary_page(page, course):
    visit(page, course + "tu-dien.html")
    heading = page.locator(f"h2[id='{slugify(TERM)}']")  # the anchor lessons link to
    expect(heading).to_have_text(TERM)
    expect(page.locator("article")).to_contain_text(DEFINITION)


def test_competence_map(page, course):
    visit(page, course + "nang-luc-so.html")
    expect(page.locator("article li li").first.get_by_role("link", name=LESSON_TITLE, exact=True)).to_have_count(1)


def test_answer_key(page, course):
    visit(page, course + "chuong/dap-an.html")
    assert page.title() == f"Đáp án chương: {MODULE_TITLE} - {SITE_NAME}"
    sheet = page.locator(".hvs-answer-sheet")
    expect(sheet.locator("h1")).to_have_text(f"Đáp án chương: {MODULE_TITLE}")
    expect(sheet.locator("h2").first).to_have_text(f"Bài 1: {LESSON_TITLE}")
    expect(sheet).to_contain_text(f"Đáp án đúng: {FILL_IN_ANSWER}")
    expect(sheet).to_contain_text(f"Một → {RIGHT_SIDES[0]}")
    expect(sheet).to_contain_text(f"Hai → {RIGHT_SIDES[1]}")
    expect(sheet).to_contain_text(FACT_TEXT)


def test_module_test_page(page, course):
    visit(page, course + "chuong/kiem-tra.html")
    assert page.title() == f"Bài kiểm tra: {MODULE_TITLE} - {SITE_NAME}"
    expect(page.locator("article h1")).to_have_text(f"Bài kiểm tra: {MODULE_TITLE}")


def test_a_page_titled_by_its_heading(page, course):
    visit(page, course + "_ghi-chu.html")
    assert page.title() == f"Ghi chú {TITLE_BREAK} - {SITE_NAME}"
    expect(page.locator("article h1")).to_have_text(f"Ghi chú {TITLE_BREAK}")


def test_ordinary_characters_read_as_typed_not_escaped_twice(page, course):
    visit(page, course + "chuong/02-bai.html")
    assert page.title() == f"{SECOND_TITLE} - {SITE_NAME}"
    assert page.locator('meta[name="description"]').get_attribute("content") == "Câu 'một' & \"hai\""
    expect(page.locator("[data-md-component=header-topic]")).to_contain_text(SECOND_TITLE)
    expect(page.locator(".md-footer__link--prev")).to_contain_text(LESSON_TITLE)
    expect(page.locator(".hvs-lesson-header li")).to_have_text(f"Biết {FACT_TEXT}")
