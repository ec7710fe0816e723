"""`hocvuso new`: a lesson skeleton that already passes the check, in the right place."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .fields import LESSON_FIELDS, MODULE_FIELDS, VIDEO_FIELDS, inline_yaml, skeleton_front_matter
from hocvuso.source.files import read_text
from hocvuso.source.front_matter import read_front_matter
from hocvuso.text.normalise import slugify

_NUMBERED = re.compile(r"^(\d+)-")


@dataclass
class NewLesson:
    path: Path
    text: str
    module_index: tuple[Path, str] | None  # a module page to create first, when the module is new


def _order(path: Path):
    """A page's `order`, or None when it has none or cannot be read (the check reports that page)."""
    text, _ = read_text(path, path.name)
    return None if text is None else read_front_matter(text, path.name)[0].values.get("order")


def _max_order(folder: Path) -> int:
    orders = [0]
    for path in folder.glob("*.md"):
        if path.name != "index.md":
            order = _order(path)
            if isinstance(order, int):
                orders.append(order)
    return max(orders)


def _next_number(folder: Path) -> int:
    numbers = [int(match.group(1)) for path in folder.glob("*.md") if (match := _NUMBERED.match(path.name))]
    return max(numbers, default=0) + 1


def unique_id(base: str, taken: set[str]) -> str:
    candidate, suffix = base, 2
    while candidate in taken:
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    return candidate


def plan_lesson(docs_dir: Path, module: str, title: str, taken_quiz_ids: set[str], module_title: str | None = None) -> NewLesson:
    folder = docs_dir / module
    module_index = None
    if not (folder / "index.md").exists():
        orders = [_order(path) for path in docs_dir.glob("*/index.md")]
        order = max([value for value in orders if isinstance(value, int)], default=0) + 1
        heading = module_title or title
        module_index = (folder / "index.md", _page(MODULE_FIELDS, MODULE_BODY, title=heading, order=order))
    slug = slugify(title)[:50].strip("-") or "bai-moi"
    number = _next_number(folder) if folder.exists() else 1
    quiz_id = unique_id(f"{slugify(module)[:20].strip('-')}-{slug}"[:60].strip("-"), taken_quiz_ids)
    order = _max_order(folder) + 1 if folder.exists() else 1
    text = _page(LESSON_FIELDS, LESSON_BODY, title=title, order=order, quiz_id=quiz_id, video_example=video_example())
    return NewLesson(folder / f"{number:02d}-{slug}.md", text, module_index)


def _page(fields, body: str, title: str, order: int, **slots: str) -> str:
    """Front matter from the field table (fields.py), then the body with its slots filled."""
    for name, text in {"title": title, **slots}.items():
        body = body.replace("{" + name + "}", text)
    return f"---\n{skeleton_front_matter(fields, title=title, order=order)}\n---\n\n{body}"


MODULE_BODY = """\
# {title}

Viết 2–3 câu: chương này dành cho ai, học xong làm được gì. Danh sách bài học được thêm tự động.
"""

LESSON_BODY = """\
# {title}

Viết vài câu mở đầu: vì sao bài này có ích cho người học.

## Các bước

1. Viết bước thứ nhất: mỗi bước chỉ một việc.
2. Viết bước thứ hai.

!!! warning "Lưu ý"
    Viết điều dễ nhầm, dễ gây hại mà người học cần tránh.

{video_example}

## Câu hỏi ôn tập

```quiz
id: {quiz_id}
questions:
  - id: cau-1
    question: Viết câu hỏi thứ nhất?
    options:
      - text: Viết đáp án đúng
        correct: true
      - text: Viết một đáp án sai
        feedback: Viết vì sao lựa chọn này chưa đúng.
    explanation: Viết lời giải thích ngắn, dễ hiểu.
```
"""


def video_example() -> str:
    """A video block to copy, inside an HTML comment (hidden, never read as a block): its keys and
    examples from the field table (fields.VIDEO_FIELDS), each with what it is. No fence line in it:
    a fence inside a comment would still be read as a block and checked."""
    keys = "\n".join(f"{inline_yaml(spec.name, spec.example)}   # {'' if spec.required else '(không bắt buộc) '}{spec.description_vi}"
                     for spec in VIDEO_FIELDS)
    return ("<!-- Muốn thêm video (không bắt buộc): làm các tệp bằng lệnh `hocvuso video TỆP-QUAY`, điền lời vào tệp .vtt,\n"
            "rồi chép các dòng dưới đây ra ngoài ghi chú này, đặt giữa một dòng ```video và một dòng ```:\n"
            f"{keys}\n-->")
