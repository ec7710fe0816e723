"""The competence map: which lesson trains which digital competence, and which have no lesson yet.

Each competence's lessons are a list of their own, one link an item: Python-Markdown reads a
paragraph (or a table cell) of n links in time n x its length, so a cell listing every lesson of
a big course made this one page quadratic in the course (10 s of a 1,000-lesson build)."""

from __future__ import annotations

from hocvuso.course.competences import FRAMEWORKS
from hocvuso.course.structure import Course, LessonInfo
from hocvuso.text.escaping import markdown_text

COMPETENCE_PAGE = "nang-luc-so.md"


def competence_map(course: Course) -> str:
    lines = [
        "---", "title: Bản đồ năng lực số", "description: Bài học nào rèn năng lực số nào.", "---", "",
        "# Bản đồ năng lực số", "",
        "Mỗi bài học rèn một số năng lực số. Danh sách dưới cho biết bài nào rèn năng lực nào, theo khung "
        "năng lực số DigComp 2.2 và Thông tư 02/2025/TT-BGDĐT.", "",
    ]
    for framework, (name, competences) in FRAMEWORKS.items():
        covered: dict[str, list[LessonInfo]] = {code: [] for code in competences}
        for module in course.modules:
            for lesson in module.lessons:
                for code in lesson.competences.get(framework, []):
                    if code in covered:
                        covered[code].append(lesson)
        lines += [f"## {name}", ""]
        for code, title in competences.items():
            if covered[code]:
                lines.append(f"- **{code} {title}** ({len(covered[code])} bài)")
                lines += [f"    - [{markdown_text(lesson.title)}]({lesson.path})" for lesson in covered[code]]
        missing = [f"{code} {title}" for code, title in competences.items() if not covered[code]]
        lines += ["", f"Có bài học cho {len(competences) - len(missing)} trên {len(competences)} năng lực.", ""]
        lines += [f"**Chưa có bài học nào** cho {len(missing)} năng lực: " + "; ".join(missing) + "." if missing
                  else "Mọi năng lực đều đã có bài học.", ""]
    return "\n".join(lines)

