"""No script from content: what `hocvuso check` refuses in Markdown fields, what it keeps, and
that plain-text fields render exactly their characters (hocvuso/text/escaping.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest

from hocvuso.check import markup_safety as safety
from hocvuso.catalogue import messages
from hocvuso.check.page_checks import PageContext, check_bank, check_page
from hocvuso.text.escaping import escape_theme_meta, html_text, markdown_text
from hocvuso.source.placeholders import PLACEHOLDER
from hocvuso.course.structure import LESSON

PATH = "content/chuong/bai.md"


def problems(text: str) -> list[str]:
    return [problem.format() for problem in safety.unsafe_markup(PATH, text)]


def at(line: int, column: int, message: str) -> str:
    return f"{PATH}:{line}:{column}: lỗi: {message}"


# ---- Refused, one construct at a time: exact message and place ----

EMBED = messages.refused_element


@pytest.mark.parametrize(
    "text, column, message",
    [
        ("Xem <script>alert(1)</script>", 5, "Không dùng thẻ `<script>` trong nội dung: trang học không chạy mã JavaScript "
         "viết trong nội dung. Hãy bỏ thẻ này."),
        ("<SCRIPT src=a.js></SCRIPT>", 1, EMBED("script")),
        ('<iframe src="https://www.youtube.com/embed/abc"></iframe>', 1,
         "Không dùng thẻ `<iframe>` trong nội dung: trang học không nhúng trang hay nội dung của nơi khác (người học có "
         "thể đang dùng mạng yếu, hoặc mở trang từ USB). Hãy thay bằng một đường link, ví dụ `[Xem video hướng dẫn](https://...)`."),
        ('<object data="a.swf"></object>', 1, EMBED("object")),
        ('<embed src="a.swf">', 1, EMBED("embed")),
        ("<style>body{display:none}</style>", 1,
         "Không dùng thẻ `<style>` trong nội dung: kiểu chữ, màu sắc là việc của giao diện chung (tệp hocvuso.css, "
         "hoặc `extra.local.css` của tỉnh). Hãy bỏ thẻ này."),
        ('<link rel="stylesheet" href="https://cdn.example.com/a.css">', 1, EMBED("link")),
        ('<form action="https://example.com/otp"><input name="otp"></form>', 1,
         "Không dùng thẻ `<form>` trong nội dung: trang học không gửi thông tin của người học đi đâu. Câu hỏi hãy viết "
         "bằng khối ```quiz (xem trang Hướng dẫn viết câu hỏi)."),
        ('<meta http-equiv="refresh" content="0;url=https://example.com">', 1,
         "Không dùng thẻ `<meta>` trong nội dung: thẻ này đổi cả trang (tự chuyển trang, đổi mọi đường dẫn). Hãy bỏ thẻ này."),
        ('<base href="https://example.com/">', 1, EMBED("base")),
        ("<svg onload=alert(1)></svg>", 1,
         "Không dùng thẻ `<svg>` viết thẳng trong nội dung. Hãy lưu hình thành tệp trong thư mục img của chương rồi "
         "chèn bằng `![Mô tả hình](img/ten-hinh.svg)`."),
        ('Ảnh <img src="x" onerror="window.__pwned=1">', 18,
         "Không dùng thuộc tính `onerror` trong nội dung: thuộc tính on... chạy mã JavaScript khi người học bấm, chạm "
         "hay khi trang tải. Hãy bỏ thuộc tính này."),
        ('<span ONMOUSEOVER="x()">a</span>', 7, messages.event_attribute("onmouseover")),
        ('<img/src="img/a.png"/onerror="x()">', 22, messages.event_attribute("onerror")),
        ("<details ontoggle=x()>a</details>", 10, messages.event_attribute("ontoggle")),
        ("## Tiêu đề {: onmouseover=x() }", 12, messages.event_attribute("onmouseover")),
        ("[Bấm](javascript:alert(1))", 7,
         "Không dùng địa chỉ `javascript:alert(1)`: địa chỉ javascript: hay vbscript: chạy mã thay vì mở trang. Đường link "
         "phải mở một trang (https://...), một bài khác (../ten-chuong/ten-bai.md) hoặc gọi điện (tel:...)."),
        ("[Bấm](JaVa&#115;cript:alert(1))", 7, messages.script_address("JaVa&#115;cript:alert(1)")),
        ("[Bấm](<javascript:alert(1)>)", 7, messages.script_address("javascript:alert(1)")),
        ("[Bấm](vbscript:msgbox)", 7, messages.script_address("vbscript:msgbox")),
        ('<a href="jav&#x09;ascript:alert(1)">Bấm</a>', 4, messages.script_address("jav\tascript:alert(1)")),
        ('<a href=" javascript:alert(1)">Bấm</a>', 4, messages.script_address("javascript:alert(1)")),
        ("[Bấm][ma]\n\n[ma]: javascript:alert(1)", (5, 7), messages.script_address("javascript:alert(1)")),
        ("[Bấm](data:text/html;base64,PHNjcmlwdD4=)", 7,
         "Không dùng địa chỉ `data:text/html;base64,PHNjcmlwdD4=`: nội dung không được viết thẳng vào địa chỉ data:. "
         "Hình hãy lưu thành tệp trong thư mục img của chương và chèn bằng `![Mô tả hình](img/ten-hinh.png)`; đường "
         "link hãy trỏ tới một trang."),
        ("![Hình](data:image/png;base64,AAAA)", 9, messages.data_address("data:image/png;base64,AAAA")),
        ("![Hình](http://example.com/a.png)", 9,
         "Hình, âm thanh hay video `http://example.com/a.png` nằm ở trang khác: trang học không tải gì từ nơi khác (người "
         "học có thể đang dùng 3G, hoặc mở trang từ USB, không có mạng). Hãy tải tệp về, đặt vào thư mục img của chương "
         "và chèn bằng đường dẫn tương đối, ví dụ `![Mô tả hình](img/ten-hinh.png)`. Đường link tới trang khác thì vẫn dùng được."),
        ("![Hình](//example.com/a.png)", 9, messages.remote_resource("//example.com/a.png")),
        ("[![Hình](https://example.com/a.png)](https://example.com)", 10, messages.remote_resource("https://example.com/a.png")),
        ("![Hình][logo]\n\n[logo]: https://example.com/a.png", (5, 9), messages.remote_resource("https://example.com/a.png")),
        ("![Hình](img/a.png){: src=\"https://example.com/b.png\" }", 19, messages.remote_resource("https://example.com/b.png")),
        ('<img src="http://example.com/a.png" alt="">', 6, messages.remote_resource("http://example.com/a.png")),
        ('<img src="\\\\example.com/a.png" alt="">', 6, messages.remote_resource("\\\\example.com/a.png")),
        ('<img src="img/a.png" srcset="img/a.png 1x, https://example.com/b.png 2x">', 22,
         messages.remote_resource("https://example.com/b.png")),
        ('<video controls poster="https://example.com/p.jpg" src="video/a.mp4"></video>', 17,
         messages.remote_resource("https://example.com/p.jpg")),
        ('<audio controls><source src="https://example.com/a.mp3"></audio>', 25, messages.remote_resource("https://example.com/a.mp3")),
        ('<a href="https://example.com" ping="https://example.com/track">a</a>', 31, messages.remote_resource("https://example.com/track")),
        ('<p style="background: url(https://example.com/a.png)">a</p>', 4,
         "Thuộc tính `style` ở đây tải tệp hoặc chạy mã (url(...), @import, expression, dấu \\). Hãy bỏ phần đó: kiểu "
         "chữ, màu sắc là việc của giao diện chung."),
        ("Ảnh <img src=x onerror=alert(1)", 5,
         "Thẻ `<img` chưa đóng: thiếu dấu `>` hoặc dấu ngoặc kép đóng. Hãy viết đủ (ví dụ `<br>`), hoặc viết `&lt;` nếu "
         "bạn muốn hiện dấu <."),
        # Parsers disagree on where odd comments end; what is inside is read as if they were not there.
        ("<!--> <img src=x onerror=alert(1)> -->", 18, messages.event_attribute("onerror")),
        ("<![CDATA[ x ><img src=x onerror=alert(1)>]]>", 25, messages.event_attribute("onerror")),
        # Markdown reads a tag inside another tag's attribute as a tag of its own.
        ('<b title="<img src=x onerror=alert(1)>">a</b>', 4, messages.event_attribute("onerror")),
    ],
)
def test_refused_markup_with_its_place_and_message(text, column, message):
    line, column = column if isinstance(column, tuple) else (3, column)
    found = problems("Dòng đầu.\n\n" + text)
    assert found == [at(line, column, message)]


def test_constructs_spanning_lines_are_placed_where_they_are_written():
    assert problems("Ảnh <img src=x\n  alt=''\n  onerror=alert(1)>") == [at(3, 3, messages.event_attribute("onerror"))]
    assert problems("Một đoạn\nhai dòng.\n{: onclick=\"x()\" }") == [at(3, 1, messages.event_attribute("onclick"))]
    assert problems("[Bấm vào\nđây](\n  javascript:x())") == [at(3, 3, messages.script_address("javascript:x()"))]


def test_front_matter_and_code_are_not_markup_but_an_unclosed_fence_is_read():
    text = (
        "---\ntitle: '</title><script>window.__pwned=1</script>'\ndescription: '\" onmouseover=\"x()'\n---\n\n"
        "Viết `<script>` hay `<img src=x onerror=alert(1)>` để minh hoạ.\n\n"
        "```html\n<script>alert(1)</script>\n```\n\n"
        "~~~\n<iframe src=\"https://example.com\"></iframe>\n~~~\n\n"
        "    ```\n    <a href=\"javascript:x()\">indented fence</a>\n    ```\n"
    )
    assert problems(text) == []
    assert problems(text + "\n```\n<script>x()</script>\n") == [at(21, 1, EMBED("script"))]


def test_allowed_html_and_links():
    text = """\
Nhấn <kbd>Ctrl</kbd> + <kbd>C</kbd>, rồi xuống dòng<br>tiếp. H<sub>2</sub>O, m<sup>2</sup>,
<abbr title="Hỏi &amp; đáp">HĐ</abbr>, <mark>quan trọng</mark>, <small>ghi chú</small>, <strong>đậm</strong>, <em>nghiêng</em>.

<div class="hvs-note" markdown>
Chữ **đậm** trong <span class="hvs-keep">khối</span>.
</div>

[Trang chính thức](https://dichvucong.gov.vn/p/home/dvc-trang-chu.html), [gọi 113](tel:113), [bài sau](02-bai.md#muc-1),
<a href="https://example.com" target="_blank" rel="noopener">trang khác</a>, <http://127.0.0.1:8000>, [thư](mailto:a@b.vn).

![Màn hình](img/man-hinh.png){ loading=lazy width=300 }
<img src="img/a.png" srcset="img/a.png 1x, img/a@2x.png 2x" alt="Hình" style="max-width: 100%; color: rgb(0, 0, 0)">
<video controls src="video/a.mp4" poster="img/a.jpg"></video>

!!! tip "Mẹo <small>nhỏ</small>"
    Giá {{ fact:gia }} đồng; 3 < 5 và 5 > 3; nút <Enter>; tên <số của tỉnh>.

[Bấm vào đây]: https://example.com/mot-trang
"""
    assert problems(text) == []


# ---- Quizzes: Markdown fields are checked as YAML reads them; plain-text fields are not ----

QUIZ = """\
id: bai-kiem-tra
questions:
  - id: cau-1
    question: "Chọn \\x3cscript>x() đi"
    options:
      - text: Một <img src="img/a.png" onerror="x()">
        correct: true
      - Hai ![Hình](https://example.com/a.png)
    explanation: |
      Dòng một.
      Xem [trang](javascript:x()).
  - id: cau-2
    type: fillin
    question: Gõ chữ
    answers: ['<img src=x onerror="window.__pwned=1">']
  - id: cau-3
    type: matching
    question: Ghép
    pairs:
      - left: A <iframe></iframe>
        right: '" onmouseover="window.__pwned=1'
      - left: B
        right: </title><script>window.__pwned=1</script>
"""


def test_quiz_markdown_fields_are_checked_and_plain_fields_are_not():
    found = [problem.format() for problem in safety.unsafe_quiz_markup("quizzes/chuong.yml", QUIZ)]
    assert found == [
        f"quizzes/chuong.yml:4:15: lỗi: {EMBED('script')}",  # a YAML escape: at the start of the text
        f"quizzes/chuong.yml:6:40: lỗi: {messages.event_attribute('onerror')}",
        f"quizzes/chuong.yml:8:21: lỗi: {messages.remote_resource('https://example.com/a.png')}",
        f"quizzes/chuong.yml:11:19: lỗi: {messages.script_address('javascript:x()')}",
        f"quizzes/chuong.yml:20:17: lỗi: {EMBED('iframe')}",
    ]


def test_check_page_and_check_bank_refuse_it():
    lesson = "Dòng.\n\n```quiz\n" + QUIZ + "```\n\n<script>x()</script>\n"
    page = check_page(PATH, lesson, PageContext())
    found = [problem.format() for problem in page.diagnostics]
    assert f"{PATH}:7:15: lỗi: {EMBED('script')}" in found  # the quiz's first line is line 4 of the page
    assert f"{PATH}:29:1: lỗi: {EMBED('script')}" in found
    bank = check_bank("quizzes/chuong.yml", QUIZ)
    assert f"quizzes/chuong.yml:20:17: lỗi: {EMBED('iframe')}" in [problem.format() for problem in bank.diagnostics]


def test_the_real_course_has_no_refused_markup():
    from conftest import ROOT

    for path in sorted((ROOT / "content").rglob("*.md")):
        assert safety.unsafe_markup(str(path), path.read_text(encoding="utf-8")) == [], path
    for path in sorted((ROOT / "quizzes").glob("*.yml")):
        assert safety.unsafe_quiz_markup(str(path), path.read_text(encoding="utf-8")) == [], path


def test_a_lesson_with_payloads_only_in_plain_text_fields_passes_the_check():
    lesson = """\
---
title: '</title><script>window.__pwned=1</script>'
description: '" onmouseover="window.__pwned=1'
order: 1
minutes: 5
level: 1
objectives:
  - '<img src=x onerror="window.__pwned=1">'
competences:
  digcomp: ["4.2"]
  tt02: ["4.2"]
sources: []
second_reading:
  by: Trần Thị Lan
  date: "2026-12-07"
---

# Bài

## Câu hỏi ôn tập

```quiz
id: bai
question: Gõ chữ
type: fillin
answers: ['<img src=x onerror="window.__pwned=1">']
```
"""
    assert check_page(PATH, lesson, PageContext(LESSON)).diagnostics == []


# ---- Plain text: exactly its characters, in every Markdown context the generators use ----

PAYLOADS = [
    '<img src=x onerror="window.__pwned=1">', "</title><script>window.__pwned=1</script>", '" onmouseover="window.__pwned=1',
    "Hỏi & đáp", "&lt;b&gt; &amp; &copy;", "# Tiêu đề", "1. Một", "- gạch", "+ cộng", "> trích", '??? note "x"', '=== "Thẻ"',
    "!!! note", "*nghiêng* _nghiêng_ **đậm**", "`mã`", "[link](javascript:x())", "![hình](https://example.com/a.png)",
    "<https://example.com>", "a | b", "{: onclick=\"x()\" }", "Chữ {: #ma .lop }", "gạch \\ chéo \\*", "***", "---",
    "[^1]", "*[HTML]: x", "Bài 1: a.b", "a]b[c", "<", ">", "&", "'nháy' \"kép\"", "Dòng một\nDòng hai",
]
_EXTENSIONS = ["toc", "tables", "admonition", "attr_list", "md_in_html", "pymdownx.details", "pymdownx.tabbed",
               "pymdownx.superfences", "sane_lists"]
# Where the generators write plain text: a paragraph, a list item, a link, a table cell, a heading, a box.
_CONTEXTS = ["{}", "- {}", "1. [{}](a.md): 2 bài.\n   {}", "| a | {} |\n|---|---|\n| {} | b |", "## {}",
             '!!! abstract hvs-lesson-header "Bài này giúp bạn"\n\n    - {}', "**{}**"]


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = set(), ""

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.tags.update(name for name, _ in attrs if name.startswith("on"))

    def handle_data(self, data):
        self.text += data


@pytest.mark.parametrize("context", _CONTEXTS)
@pytest.mark.parametrize("value", PAYLOADS)
def test_plain_text_renders_exactly_its_characters(value, context):
    rendered = markdown.markdown(context.replace("{}", markdown_text(value)), extensions=_EXTENSIONS)
    reader = _Reader()
    reader.feed(rendered)
    assert reader.tags <= {"p", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "h2", "div", "strong"}
    assert " ".join(value.split()) in reader.text


def test_plain_text_keeps_fact_placeholders_for_expansion():
    assert markdown_text("Gọi {{ fact:tong-dai }} <b>ngay</b>.", keep=PLACEHOLDER) == "Gọi {{ fact:tong-dai }} &lt;b&gt;ngay&lt;/b&gt;\\."


def test_html_text_and_the_theme_fields():
    assert html_text('" onmouseover=\'x\' & <b>') == "&quot; onmouseover=&#x27;x&#x27; &amp; &lt;b&gt;"
    meta = {"title": "Hỏi & đáp", "description": '" onmouseover="x', "order": 1, "objectives": ["<b>"]}
    escape_theme_meta(meta)
    assert meta == {"title": "Hỏi &amp; đáp", "description": "&quot; onmouseover=&quot;x", "order": 1, "objectives": ["<b>"]}


def test_a_fact_value_is_plain_text_and_its_address_cannot_end_the_link():
    from hocvuso.course.facts import Fact

    web = Fact("a", 'example.com/a b)"<x>', "web", "", "", "", "facts.yml", 1)
    assert web.markdown() == "[example\\.com/a b\\)\"&lt;x&gt;](https://example.com/a%20b%29%22%3Cx%3E)"
    text = Fact("b", "<img src=x onerror=alert(1)>", "text", "", "", "", "facts.yml", 2)
    assert re.search(r"<img", markdown.markdown(text.markdown())) is None
