"""The competence map stays linear in the course: one lesson link per Markdown line."""

from __future__ import annotations

import markdown

from hocvuso.course.structure import Course, LessonInfo, ModuleInfo
from hocvuso.pages.competence_map import competence_map


def course(lessons: int) -> Course:
    module = ModuleInfo("chuong", "Chương", "", 1)
    module.lessons = [LessonInfo(f"chuong/bai-{n}.md", f"Bài [{n}]", "", n, 5, [], {"digcomp": ["4.2"], "tt02": ["4.2"]})
                      for n in range(lessons)]
    return Course([module], [])


def test_each_lesson_link_is_a_list_item_of_its_own():
    # Python-Markdown reads n links in one paragraph or table cell in n x its length: a cell of
    # every lesson made this page quadratic in the course (10 s of a 1,000-lesson build).
    text = competence_map(course(40))
    assert max(line.count("](") for line in text.splitlines()) == 1
    html = markdown.markdown(text.split("---", 2)[2])
    assert html.count('<li><a href="chuong/bai-') == 80  # 40 lessons, in both frameworks
    assert '<a href="chuong/bai-7.md">Bài [7]</a>' in html  # the title's brackets stay text
    assert "<strong>4.2 " in html and "(40 bài)" in html
