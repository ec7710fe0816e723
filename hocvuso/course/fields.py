"""The front-matter fields of a lesson and of a module page, each declared once.

Everything else is derived from these two tables: the check (lesson_rules.py), the JSON Schema
(schema.py), the `hocvuso new` skeletons (new_lesson.py), the field table in CONTRIBUTING.md
(`python -m hocvuso.course.fields` rewrites it) and the values the course reads (`value()`).
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Mapping

import yaml

from hocvuso.catalogue import messages
from hocvuso.text.normalise import nfc

# Kinds of value.
TEXT = "text"  # one non-empty line of text
WHOLE = "whole"  # a whole number from `low` to `high`
TEXTS = "texts"  # a non-empty list of texts
CODES = "codes"  # a list of ids (may be empty)
COMPETENCES = "competences"  # {framework: [codes]}, see competences.py
SETTINGS = "settings"  # a mapping of its own fields (`parts`)
DATE = "date"  # a real date written "YYYY-MM-DD" (quoted); an unquoted YAML date is accepted too

_DATE_TEXT = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _real_date(value) -> datetime.date | None:
    """The date a DATE field holds: quoted "2026-12-07", or unquoted 2026-12-07, which YAML reads
    as a date (a date that does not exist is refused by the YAML reader already); None otherwise."""
    if isinstance(value, datetime.datetime):  # 2026-12-07 10:30: a time too, not a day
        return None
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and _DATE_TEXT.match(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:  # "2026-02-30"
            return None
    return None


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    description_vi: str  # what the field means, for the guide's table and editors' hovers
    example: Any  # a value that passes the check: shown in messages and in the guide
    required: bool = True
    low: int | None = None  # WHOLE: the range allowed
    high: int | None = None
    default: Any = None  # what the course uses when the field is absent or wrong (value())
    # The end of "`name` phải là ...": what a good value looks like. {low}, {high} and
    # {example} (the field's example as one YAML line, in backticks) are filled in.
    expected_vi: str = "một câu chữ"
    # When set, the one message for a missing or wrong value (objectives: no_objectives).
    problem: Callable[[], str] | None = None
    prompt: Any = None  # what `hocvuso new` writes for the writer to replace; None: the example
    parts: tuple["Field", ...] = ()  # SETTINGS: its own fields; a required part must be written
    # When set (an optional field), a lesson without the field gets this message as a notice,
    # not an error: the check still passes (second_reading: no_second_reading).
    absent: Callable[[], str] | None = None

    def example_line(self) -> str:
        return inline_yaml(self.name, self.example)

    def example_block(self) -> str:
        return block_yaml(self, self.example)

    def expected(self) -> str:
        return self.expected_vi.format(low=self.low, high=self.high, example=f"`{self.example_line()}`",
                                       block=self.example_block())

    def is_valid(self, value) -> bool:
        """The rule the check applies to a present value (competence codes are checked apart)."""
        if self.kind == TEXT:
            return isinstance(value, str) and bool(value.strip())
        if self.kind == WHOLE:
            return isinstance(value, int) and not isinstance(value, bool) and self.low <= value <= self.high
        if self.kind == TEXTS:
            return isinstance(value, list) and bool(value) and all(isinstance(item, str) and item.strip() for item in value)
        if self.kind == CODES:
            return isinstance(value, list) and all(isinstance(item, str) for item in value)
        if self.kind == COMPETENCES:
            return isinstance(value, dict) and bool(value)
        if self.kind == SETTINGS:
            names = {part.name: part for part in self.parts}
            return (isinstance(value, dict) and set(value) <= set(names) and all(names[key].is_valid(value[key]) for key in value)
                    and all(part.name in value for part in self.parts if part.required))
        if self.kind == DATE:
            return _real_date(value) is not None
        raise ValueError(self.kind)


TITLE = Field("title", TEXT, "Tên bài.", "Tên bài")
DESCRIPTION = Field("description", TEXT, "Một câu giới thiệu bài: học để làm gì.", "Một câu giới thiệu bài.",
                    default="", prompt="Viết một câu giới thiệu bài học này.")
ORDER = Field("order", WHOLE, "Thứ tự của bài trong chương: 1, 2, 3...", 1,
              low=1, high=999, default=999, expected_vi="số thứ tự 1, 2, 3...")
MINUTES = Field("minutes", WHOLE, "Số phút học ước tính.", 10, low=1, high=120, default=0,
                expected_vi="số phút từ {low} đến {high}, ví dụ {example}")
LEVEL = Field("level", WHOLE, "Mức thông thạo theo DigComp (bài cơ bản: 1 hoặc 2).", 1, low=1, high=8,
              expected_vi="mức {low} đến {high} của DigComp (bài cơ bản: 1 hoặc 2)")
OBJECTIVES = Field("objectives", TEXTS, "Mục tiêu: học xong làm được gì; 2–4 dòng, mỗi dòng bắt đầu bằng một động từ.",
                   ["Làm được việc gì sau bài học."], default=[], problem=lambda: messages.no_objectives(),  # looked up when called
                   prompt=["Viết mục tiêu thứ nhất, bắt đầu bằng một động từ.", "Viết mục tiêu thứ hai."])
# What `hocvuso new` writes for the codes: not a code, so a lesson cannot keep it by mistake (template_text.py).
COMPETENCE_PROMPT = "Viết mã năng lực, xem trang Bản đồ năng lực số"
COMPETENCES_FIELD = Field("competences", COMPETENCES,
                          "Mã năng lực số bài học rèn luyện, theo DigComp 2.2 (`digcomp`) và Thông tư 02/2025/TT-BGDĐT "
                          "(`tt02`); xem trang \"Bản đồ năng lực số\" của trang học đã đăng hay của tệp `trang-xem-thu`; không chắc thì giữ mã của bài đã chép và hỏi người duyệt.",
                          {"digcomp": ["4.2"], "tt02": ["4.2"]}, default={}, expected_vi="các mã năng lực, ví dụ:\n{block}",
                          prompt={"digcomp": [COMPETENCE_PROMPT], "tt02": [COMPETENCE_PROMPT]})
SOURCES = Field("sources", CODES, "Mã trong facts.yml của mọi `{{ fact:... }}` dùng trong bài (`[]` khi không dùng).", [],
                default=[], expected_vi="danh sách mã trong facts.yml, ví dụ `sources: [bao-tin-rac-156]`, hoặc `[]`")
TEST_DRAW = Field("draw", WHOLE, "số câu hỏi rút ra cho mỗi người học", 8, required=False, low=1, high=100, default=8)
TEST_PASS = Field("pass", WHOLE, "phần trăm số câu đúng để đạt", 80, required=False, low=1, high=100, default=80)
_TEST_DEFAULTS = {part.name: part.default for part in (TEST_DRAW, TEST_PASS)}
TEST = Field("test", SETTINGS, "Bài kiểm tra cuối chương, rút câu hỏi từ `quizzes/<chương>.yml`.", _TEST_DEFAULTS,
             required=False, default=_TEST_DEFAULTS, expected_vi="số câu rút ra và phần trăm để đạt, ví dụ {example}",
             parts=(TEST_DRAW, TEST_PASS))

# Who read the lesson a second time, and when (CONTRIBUTING.md, section 8). Optional, so that a
# new lesson has none (`hocvuso new` writes only required fields) and a lesson never carries a
# made-up reading; without it, the check gives a notice, not an error.
SECOND_READING_BY = Field("by", TEXT, "tên người đọc lần hai, một người khác, không phải người viết bài",
                          "Tên người đọc lần hai",
                          expected_vi="tên người đã đọc lần hai (một người khác, không phải người viết bài), ví dụ {example}")
SECOND_READING_DATE = Field("date", DATE, "ngày đọc lần hai, dạng năm-tháng-ngày trong dấu ngoặc kép", "2026-12-07",
                            expected_vi="ngày đọc lần hai có thật, dạng năm-tháng-ngày trong dấu ngoặc kép, ví dụ {example}")
SECOND_READING = Field("second_reading", SETTINGS,
                       "Ai đã đọc lần hai bài này (theo các câu hỏi kiểm tra ở CONTRIBUTING.md, mục 10) và vào ngày nào. "
                       "Thiếu trường này thì `hocvuso check` nhắc (gợi ý, không phải lỗi).",
                       {"by": "Tên người đọc lần hai", "date": "2026-12-07"}, required=False,
                       expected_vi="tên người đọc lần hai và ngày đọc, ví dụ:\n{block}",
                       parts=(SECOND_READING_BY, SECOND_READING_DATE), absent=lambda: messages.no_second_reading())

# A recorded voice reading the lesson (voice only, small): checked like a video's file (check/video.py).
NARRATION = Field("narration", TEXT, "Tệp lời đọc bài đã ghi âm (chỉ có tiếng, nhỏ), đặt cạnh bài: Opus trong .webm/.ogg hoặc AAC trong .m4a. "
                  "Làm bằng lệnh `hocvuso video --narration TỆP`.", "bai-nay.loi-doc.webm", required=False,
                  expected_vi="tên tệp lời đọc đặt cạnh bài, ví dụ {example}")

LESSON_FIELDS = (TITLE, DESCRIPTION, ORDER, MINUTES, LEVEL, OBJECTIVES, COMPETENCES_FIELD, SOURCES, SECOND_READING, NARRATION)

# The keys of a ```video block (the writer's syntax, CONTRIBUTING.md): read by check/video.py.
VIDEO_FILE = Field("file", TEXT, "Tệp video, tính từ thư mục của bài (không phải địa chỉ web).", "video/tra-tien-dien.webm",
                   expected_vi="tên tệp video tính từ thư mục của bài, ví dụ {example}")
VIDEO_CAPTIONS = Field("captions", TEXT, "Tệp phụ đề tiếng Việt WebVTT (.vtt) của video.", "video/tra-tien-dien.vtt",
                       expected_vi="tên tệp phụ đề .vtt tính từ thư mục của bài, ví dụ {example}")
VIDEO_POSTER = Field("poster", TEXT, "Ảnh bìa .jpg (không ghi thì trang học tự làm từ video).", "video/tra-tien-dien.jpg",
                     required=False, expected_vi="tên tệp ảnh .jpg tính từ thư mục của bài, ví dụ {example}")
VIDEO_TITLE = Field("title", TEXT, "Tên video, một câu chữ thường.", "Trả tiền điện trên điện thoại")
VIDEO_ALSO = Field("also", TEXTS, "Bản mã hoá khác của cùng video, cho trình duyệt không mở được bản đầu.",
                   ["video/tra-tien-dien.mp4"], required=False, default=[],
                   expected_vi="danh sách tệp video khác của cùng video, ví dụ {example}")
VIDEO_FIELDS = (VIDEO_FILE, VIDEO_CAPTIONS, VIDEO_POSTER, VIDEO_TITLE, VIDEO_ALSO)
# A module page (its folder's index.md): the same rows, worded for a module, and its test.
MODULE_FIELDS = (
    replace(TITLE, description_vi="Tên chương.", example="Tên chương"),
    replace(DESCRIPTION, description_vi="Một câu giới thiệu chương.", example="Một câu giới thiệu chương.",
            prompt="Viết một câu giới thiệu chương này."),
    replace(ORDER, description_vi="Thứ tự của chương trong khoá học: 1, 2, 3..."),
    TEST,
)
# Keys other tools may set on any page (Material's, MkDocs'); accepted without complaint.
OTHER_TOOLS_KEYS = ("hide", "search", "template", "icon", "status", "subtitle", "tags")

_BY_NAME = {field.name: field for field in LESSON_FIELDS + MODULE_FIELDS}


def field(name: str) -> Field:
    return _BY_NAME[name]


def value(values: Mapping, name: str):
    """A field's value as the course uses it: the written value when the check accepts it,
    otherwise the field's default (the check reports the mistake). Texts come back stripped
    and in NFC; lists keep their good items; `test` gives every setting, e.g. {"draw": 8, "pass": 80}."""
    spec = _BY_NAME[name]
    written = values.get(name) if isinstance(values, Mapping) else None
    if spec.kind == SETTINGS:
        given = written if isinstance(written, dict) else {}
        return {part.name: _part(part, given) for part in spec.parts}
    if spec.kind == TEXTS:
        items = [nfc(item.strip()) for item in written or [] if isinstance(item, str) and item.strip()] if isinstance(written, list) else []
        return items or spec.default
    if spec.kind == CODES:
        return [item for item in written if isinstance(item, str)] if isinstance(written, list) else spec.default
    if spec.kind == COMPETENCES:
        if not isinstance(written, dict):
            return spec.default
        return {str(key): [str(code) for code in codes] for key, codes in written.items() if isinstance(codes, list)}
    if not spec.is_valid(written):
        return spec.default
    return nfc(written.strip()) if spec.kind == TEXT else written


def _part(part: Field, given: dict):
    if part.name not in given or not part.is_valid(given[part.name]):
        return part.default
    if part.kind == DATE:
        return _real_date(given[part.name]).isoformat()
    return nfc(given[part.name].strip()) if part.kind == TEXT else given[part.name]


# YAML as a writer would type it: one line for messages, block style for a whole front matter.

def _scalar(item, flow: bool = True) -> str:
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, (int, float)):
        return str(item)
    text = str(item)
    try:
        # Plain when YAML reads it back unchanged ("4.2" would be a number, "a: b" a mapping).
        plain = yaml.safe_load(text) == text and not (flow and any(mark in text for mark in ",[]{}"))
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def _flow(item) -> str:
    if isinstance(item, list):
        return "[" + ", ".join(_flow(element) for element in item) + "]"
    if isinstance(item, dict):
        return "{" + ", ".join(f"{key}: {_flow(element)}" for key, element in item.items()) + "}"
    return _scalar(item)


def inline_yaml(name: str, item) -> str:
    """`competences: {digcomp: ["4.2"], tt02: ["4.2"]}`"""
    return f"{name}: {_flow(item)}"


def block_yaml(spec: Field, item) -> str:
    """Texts one item a line, competences one framework a line (as lessons are written)."""
    if spec.kind == TEXTS and item:
        return f"{spec.name}:\n" + "\n".join(f"  - {_scalar(element, flow=False)}" for element in item)
    if spec.kind == COMPETENCES and item:
        return f"{spec.name}:\n" + "\n".join(f"  {key}: {_flow(element)}" for key, element in item.items())
    if spec.kind == SETTINGS and item:  # one setting a line, as second_reading is written
        return f"{spec.name}:\n" + "\n".join(f"  {key}: {_scalar(element, flow=False)}" for key, element in item.items())
    return inline_yaml(spec.name, item)


def example_front_matter(fields: tuple[Field, ...]) -> str:
    """The required fields with their examples: what a page without front matter should add."""
    return "\n".join(spec.example_block() for spec in fields if spec.required)


def skeleton_front_matter(fields: tuple[Field, ...], **given) -> str:
    """`hocvuso new`'s front matter: the given values (title, order), prompts to replace, examples."""
    lines = []
    for spec in fields:
        if not spec.required:
            continue
        if spec.name in given:
            lines.append(inline_yaml(spec.name, given[spec.name]))
        else:
            lines.append(block_yaml(spec, spec.example if spec.prompt is None else spec.prompt))
    return "\n".join(lines)


# The field tables of CONTRIBUTING.md, between these two lines.
GUIDE_START = "<!-- fields:start (python -m hocvuso.course.fields) -->"
GUIDE_END = "<!-- fields:end -->"


def _required_vi(spec: Field) -> str:
    if spec.required:
        return "Có"
    if spec.absent:
        return "Nên có"
    return "Không"


def _meaning_vi(spec: Field) -> str:
    text = spec.description_vi
    if spec.kind == WHOLE:
        text += f" Từ {spec.low} đến {spec.high}."
    for part in spec.parts:
        text += f" `{part.name}`: {part.description_vi}"
        if part.kind == WHOLE:
            text += f", từ {part.low} đến {part.high}"
        if part.default is not None:
            text += f", mặc định {part.default}"
        text += "."
    return text


def _table(fields: tuple[Field, ...]) -> list[str]:
    lines = ["| Trường | Bắt buộc? | Ví dụ | Ý nghĩa |", "|---|---|---|---|"]
    for spec in fields:
        example = spec.example_line().replace("|", "\\|")
        lines.append(f"| `{spec.name}` | {_required_vi(spec)} | `{example}` | {_meaning_vi(spec).replace('|', chr(92) + '|')} |")
    return lines


def guide_tables() -> str:
    lines = ["Đầu mỗi bài học:", "", *_table(LESSON_FIELDS), "", "Ví dụ:", "", "```yaml", "---",
             example_front_matter(LESSON_FIELDS), "---", "```", "",
             "Đầu trang giới thiệu chương (`index.md` của thư mục chương):", "", *_table(MODULE_FIELDS)]
    return "\n".join(lines)


def with_guide_tables(document: str) -> str:
    """The document with the text between GUIDE_START and GUIDE_END replaced by guide_tables()."""
    start, end = document.index(GUIDE_START) + len(GUIDE_START), document.index(GUIDE_END)
    return document[:start] + "\n\n" + guide_tables() + "\n\n" + document[end:]


def main(argv: list[str] | None = None) -> int:
    path = Path((argv or sys.argv[1:] or ["CONTRIBUTING.md"])[0])
    text = path.read_text(encoding="utf-8")
    updated = with_guide_tables(text)
    if updated != text:
        path.write_text(updated, encoding="utf-8")
        print(f"Đã cập nhật bảng các trường trong {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
