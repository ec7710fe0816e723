"""Every message a content writer reads, in Vietnamese, with what to change.

Kept in one place so wording stays consistent and can be reviewed by non-programmers.
"""

from __future__ import annotations

import re

from .question_types import BY_NAME as _TYPES, MATCHING, OPTIONS_KEY, ORDERING, SINGLE, TYPES

TYPE_NAMES = ", ".join(f"{kind.name} ({kind.name_vi})" for kind in TYPES)
# How messages name a question type that has keys of its own, e.g. "`answers` chỉ dùng cho câu điền".
TYPE_LABELS = {kind.name: kind.name_vi for kind in TYPES if kind.own_keys}
MATCH_NAMES = (
    "text (chữ, mặc định), number (số: bỏ qua dấu cách, dấu chấm, dấu gạch ngang), "
    "web (địa chỉ web: bỏ qua https://, www. và dấu / ở cuối)"
)
ID_RULE = "chỉ dùng chữ thường không dấu a-z, chữ số 0-9 và dấu gạch ngang -"
QUOTE_LIMIT = 80  # characters of a writer's text quoted in a message: a whole pasted page would drown it


def short(text: object, limit: int = QUOTE_LIMIT) -> str:
    """A writer's text as a message quotes it: on one line, at most `limit` characters, "…" when cut."""
    text = " ".join(str(text).splitlines())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def yaml_syntax(reason: str) -> str:
    return f"Khối quiz sai cú pháp YAML: {reason}"


def empty_block() -> str:
    return "Khối quiz đang trống. Hãy viết `id:`, `question:` và `options:` (xem trang Hướng dẫn viết câu hỏi)."


def not_a_mapping(where: str) -> str:
    return f"{where} phải gồm các dòng dạng `tên: nội dung` (ví dụ `question: ...`)."


def unknown_key(key: str, suggestion: str | None, allowed: list[str]) -> str:
    if suggestion:
        return f"Không có trường `{short(key)}`. Có phải bạn muốn viết `{suggestion}`?"
    return f"Không có trường `{short(key)}`. Các trường dùng được ở đây: {', '.join(f'`{a}`' for a in allowed)}."


def missing_key(key: str, example: str) -> str:
    return f"Thiếu trường `{key}`. Hãy thêm dòng `{example}`."


def both_question_and_questions() -> str:
    return (
        "Khối quiz có cả `question` và `questions`. Dùng `question:` cho một câu hỏi, "
        "hoặc `questions:` (danh sách) cho nhiều câu hỏi, không dùng cả hai."
    )


def bad_id(value: str, suggestion: str) -> str:
    hint = f" Ví dụ: `{short(suggestion)}`." if suggestion else ""
    return f"Mã `{short(value)}` không hợp lệ: {ID_RULE}.{hint}"


def duplicate_question_id(value: str, first_line: int) -> str:
    return f"Mã câu hỏi `{short(value)}` bị trùng với câu ở dòng {first_line} trong cùng quiz. Hãy đặt một mã khác."


def duplicate_quiz_id(value: str, first_path: str, first_line: int) -> str:
    return (
        f"Mã quiz `{short(value)}` đã dùng ở {first_path}:{first_line}. Mỗi quiz cần một mã riêng trên toàn trang; "
        "hãy đổi mã này (đừng đổi mã của quiz đã đăng, vì tiến độ của người học gắn với mã đó)."
    )


def bad_type(value: str, suggestion: str | None = None) -> str:
    if suggestion:
        return (
            f"Không có loại câu hỏi `{short(value)}`. Có phải bạn muốn viết `type: {suggestion}` "
            f"({_TYPES[suggestion].name_vi})? Hãy sửa dòng này trước: các lỗi khác của câu hỏi này "
            "(nếu có) sẽ được báo sau khi loại câu hỏi đúng."
        )
    return (
        f"Không có loại câu hỏi `{short(value)}`. Hãy dùng một trong: {TYPE_NAMES}. "
        "Hãy sửa dòng này trước: các lỗi khác của câu hỏi này (nếu có) sẽ được báo sau khi loại câu hỏi đúng."
    )


def not_text(key: str) -> str:
    return f"`{key}` phải là một đoạn chữ. Nếu nội dung có dấu hai chấm, hãy đặt cả câu trong dấu ngoặc kép \"...\"."


def empty_text(key: str) -> str:
    return f"`{key}` đang để trống. Hãy viết nội dung cho `{key}`."


def not_a_list(key: str, item_example: str) -> str:
    return f"`{key}` phải là một danh sách, mỗi mục bắt đầu bằng dấu gạch ngang: `- {item_example}`."


def not_boolean(key: str, value: str) -> str:
    return f"`{key}` chỉ nhận `true` (đúng) hoặc `false` (sai), không nhận `{short(value)}`."


def no_options() -> str:
    return f"Câu hỏi chưa có lựa chọn nào. Hãy thêm `options:` với ít nhất {_TYPES[SINGLE].min_items} lựa chọn dạng `- text: ...`."


def too_few_options(count: int) -> str:
    return f"Câu hỏi cần ít nhất {_TYPES[SINGLE].min_items} lựa chọn; hiện chỉ có {count}. Hãy thêm lựa chọn dạng `- text: ...`."


def empty_option(number: int) -> str:
    return f"Lựa chọn thứ {number} để trống. Hãy viết nội dung sau `text:` hoặc xoá lựa chọn này."


def no_correct_option() -> str:
    return "Câu hỏi chưa có đáp án đúng. Hãy thêm `correct: true` vào lựa chọn đúng."


def several_correct_in_single(count: int, lines: list[int]) -> str:
    where = ", ".join(str(line) for line in lines)
    return (
        f"Câu hỏi một đáp án (single) nhưng có {count} lựa chọn `correct: true` (dòng {where}). "
        "Hãy chỉ giữ một đáp án đúng, hoặc thêm `type: multiple` nếu câu hỏi có nhiều đáp án đúng."
    )


def only_for_type(key: str, question_type: str) -> str:
    return f"`{key}` chỉ dùng cho {TYPE_LABELS[question_type]}. Hãy thêm `type: {question_type}`, hoặc xoá `{key}`."


def options_not_for(question_type: str) -> str:
    kind = _TYPES[question_type]
    label = kind.name_vi
    return f"{label[0].upper()}{label[1:]} ({question_type}) không dùng `{OPTIONS_KEY}`. Hãy xoá `{OPTIONS_KEY}` và {kind.how_vi}."


def no_answers() -> str:
    return (
        "Câu điền chưa có câu trả lời nào được chấp nhận. "
        "Hãy thêm `answers:` với ít nhất một câu trả lời, mỗi câu một dòng `- ...`."
    )


def bad_match(value: str) -> str:
    return f"Không có kiểu so sánh `{short(value)}`. Hãy dùng một trong: {MATCH_NAMES}."


def accents_only_for_text(match: str) -> str:
    return (
        f"`accept_without_accents` chỉ dùng khi so sánh chữ; với `match: {match}` không có dấu để bỏ qua. "
        "Hãy xoá `accept_without_accents`."
    )


def no_steps() -> str:
    return (
        f"Câu sắp xếp thứ tự chưa có bước nào. Hãy thêm `steps:` với ít nhất {_TYPES[ORDERING].min_items} bước, "
        "viết theo đúng thứ tự, mỗi bước một dòng `- ...`."
    )


def too_few_steps(count: int) -> str:
    return f"Câu sắp xếp thứ tự cần ít nhất {_TYPES[ORDERING].min_items} bước; hiện chỉ có {count}. Hãy thêm bước dạng `- ...`."


def duplicate_step(text: str, first_line: int) -> str:
    return (
        f"Bước `{short(text)}` bị viết hai lần (lần đầu ở dòng {first_line}). "
        "Mỗi bước phải khác nhau, để người học biết bước nào đứng trước."
    )


def no_pairs() -> str:
    return (
        f"Câu ghép cặp chưa có cặp nào. Hãy thêm `pairs:` với ít nhất {_TYPES[MATCHING].min_items} cặp, "
        "mỗi cặp hai dòng `- left: ...` và `  right: ...`."
    )


def too_few_pairs(count: int) -> str:
    return f"Câu ghép cặp cần ít nhất {_TYPES[MATCHING].min_items} cặp; hiện chỉ có {count}. Hãy thêm cặp dạng `- left: ...` và `  right: ...`."


def pair_shape(number: int) -> str:
    return f"Cặp thứ {number} phải có hai dòng `- left: ...` và `  right: ...` (thẳng cột với `left`)."


def pair_missing(number: int, key: str) -> str:
    return f"Cặp thứ {number} thiếu `{key}`. Hãy viết đủ hai dòng `- left: ...` và `  right: ...` (thẳng cột với `left`)."


def duplicate_side(side: str, text: str, first_line: int) -> str:
    name = "Vế trái" if side == "left" else "Vế phải"
    return (
        f"{name} `{short(text)}` bị trùng với cặp ở dòng {first_line}. "
        "Mỗi vế chỉ được dùng trong một cặp, để chỉ có một cách ghép đúng."
    )


def empty_item(key: str, number: int) -> str:
    return f"Mục thứ {number} trong `{key}` để trống. Hãy viết nội dung sau dấu - hoặc xoá dòng này."


def item_not_text(key: str, number: int) -> str:
    return (
        f"Mục thứ {number} trong `{key}` phải là một đoạn chữ. "
        "Nếu nội dung có dấu hai chấm hoặc bắt đầu bằng {, hãy đặt cả câu trong dấu ngoặc kép \"...\"."
    )


def not_nfc(snippet: str) -> str:
    return (
        f"Chữ \"{short(snippet)}\" được gõ ở dạng Unicode tổ hợp, nên tìm kiếm và so sánh sẽ sai. "
        "Bản dựng đã tự sửa sang dạng dựng sẵn; hãy lưu lại tệp ở dạng Unicode dựng sẵn (NFC), "
        "ví dụ trong Unikey chọn bảng mã \"Unicode\" thay cho \"Unicode tổ hợp\"."
    )


def fence_language_case(language: str) -> str:
    return f"Khối ```{short(language)} sẽ hiện ra như mã máy tính, không thành câu hỏi. Hãy viết đúng là ```quiz (chữ thường)."


def unclosed_fence() -> str:
    return "Khối quiz chưa được đóng. Hãy thêm một dòng ``` ngay sau câu hỏi cuối cùng."


def quiz_shown_as_code() -> str:
    return (
        "Khối quiz này sẽ hiện ra như mã máy tính, cả đáp án, chứ không thành câu hỏi. Dòng ``` đóng khối phải "
        "thẳng hàng với dòng ```quiz mở khối, và sau chữ quiz không viết thêm gì (ví dụ không viết title=...)."
    )


def stray_fence(quiz_line: int) -> str:
    return (
        f"Dòng ``` này mở một khối mã, nên khối quiz ở dòng {quiz_line} sẽ hiện ra như mã máy tính, cả đáp án. "
        "Nếu đây là dòng ``` thừa thì hãy xoá nó. Muốn trình bày một ví dụ thì viết ````markdown (bốn dấu `) thay cho ```."
    )


def unclosed_code_block() -> str:
    return (
        "Khối mã mở ở dòng này chưa được đóng, nên phần còn lại của trang sẽ hiện ra như mã máy tính. "
        "Hãy thêm một dòng ``` để đóng khối, hoặc xoá dòng ``` thừa."
    )


def quiz_text_outside_block() -> str:
    return (
        "Dòng này trông như một phần của khối quiz nhưng nằm ngoài khối, nên sẽ hiện ra như chữ thường, cả đáp án. "
        "Hãy kiểm tra dòng ```quiz mở khối ở phía trên: nó phải đứng riêng một dòng, viết đúng là ```quiz."
    )


def script_in_page() -> str:
    return (
        "Trang này có một đoạn mã (thẻ <script>) lọt qua bước kiểm tra. Đoạn mã sẽ không chạy trên trang, "
        "nhưng hãy xoá nó khỏi bài và báo cho người giữ công cụ hocvuso: bước kiểm tra lẽ ra phải chặn nó."
    )


def quiz_not_checked() -> str:
    return (
        "Khối quiz ở chỗ này không được kiểm tra nên không hiện ra: nó nằm trong phần trích dẫn (dòng bắt đầu bằng >) "
        "hoặc sau một dòng ``` thừa. Hãy đặt khối quiz ở đầu dòng hoặc trong hộp lưu ý, và xoá dòng ``` thừa."
    )


def quiz_outside_its_box(box_line: int, box: str, spaces: int, fix: str | None) -> str:
    fix = fix or f"Hãy lùi từng dòng chưa đủ cho đến khi cả khối lùi vào {spaces} dấu cách so với dòng {box_line}."
    return (
        f"Khối quiz này nằm ngay dưới hộp `{short(box)}` ở dòng {box_line} nhưng chưa lùi hẳn vào trong hộp: "
        "hộp sẽ hiện ra trống, còn câu hỏi hiện ra bên dưới hộp hoặc thành mã máy tính, cả đáp án. "
        f"Mọi dòng của khối, từ dòng ```quiz đến dòng ``` đóng khối, phải lùi vào {spaces} dấu cách so với dòng {box_line}. {fix}"
    )


def indent_whole_block(spaces: int) -> str:
    return f"Hãy lùi mọi dòng của khối thêm {spaces} dấu cách."


def indent_opener(line: int, spaces: int) -> str:
    return f"Hãy lùi dòng ```quiz (dòng {line}) thêm {spaces} dấu cách, cho thẳng cột với các dòng bên dưới nó."


def indent_lines(first: int, last: int, spaces: int) -> str:
    return (f"Hãy lùi mọi dòng từ dòng {first} đến dòng {last} thêm {spaces} dấu cách, "
            "cho thẳng cột với dòng ```quiz (giữ nguyên thụt lề giữa các dòng đó).")


def indent_closer(line: int, spaces: int) -> str:
    return f"Hãy lùi dòng ``` đóng khối (dòng {line}) thêm {spaces} dấu cách, cho thẳng cột với dòng ```quiz."


def control_character(code: int) -> str:
    return (
        f"Có ký tự điều khiển U+{code:04X} ở đây: không nhìn thấy trên màn hình, thường lẫn vào khi sao chép chữ "
        "từ nơi khác. Hãy xoá chữ ngay tại vị trí được báo và gõ lại bằng tay."
    )


def yaml_anchor(written: str) -> str:
    return (
        f"`{short(written)}`: dấu & hoặc * ở đầu nội dung là ký hiệu YAML để đặt tên và lặp lại một phần nội dung "
        "(anchor, alias). Bài học không bao giờ cần đến, nên không được dùng. Nếu nội dung bắt đầu bằng & hoặc *, "
        "hãy đặt cả câu trong dấu ngoặc kép \"...\"; muốn lặp lại một đoạn thì hãy chép lại đoạn đó."
    )


def yaml_tag(written: str) -> str:
    return (
        f"`{short(written)}`: dấu ! ở đầu nội dung là ký hiệu YAML (thẻ kiểu dữ liệu), làm nội dung bị đọc sai hoặc mất chữ. "
        "Nếu nội dung bắt đầu bằng dấu !, hãy đặt cả câu trong dấu ngoặc kép, ví dụ `text: \"!Chú ý ...\"`."
    )


def complex_key() -> str:
    return (
        "Tên trường phải là một từ như `question` hay `title`, không được là danh sách hay nhóm trường "
        "(dấu ? ở đầu dòng, hoặc dấu [ hay { đứng trước dấu hai chấm). "
        "Nếu đây là nội dung, hãy đặt cả câu trong dấu ngoặc kép \"...\"."
    )


def impossible_value(written: str) -> str:
    return (
        f"Không đọc được `{short(written)}`: trông như một ngày hoặc một số nhưng không có thật. "
        "Nếu là ngày, hãy viết ngày có thật dạng năm-tháng-ngày, ví dụ `2026-01-15`; "
        "nếu là chữ, hãy đặt trong dấu ngoặc kép \"...\"."
    )


def glossary_syntax(reason: str) -> str:
    return f"Từ điển sai cú pháp YAML: {reason}"


def not_utf8() -> str:
    return "Tệp không lưu ở dạng UTF-8. Hãy mở tệp và lưu lại với bảng mã UTF-8."


# PyYAML explains problems in English; these are the ones writers meet, in plain words.
_YAML_PROBLEMS = {
    "mapping values are not allowed": (
        "có dấu hai chấm ở chỗ không được phép. Nếu câu có dấu hai chấm, "
        "hãy đặt cả câu trong dấu ngoặc kép \"...\""
    ),
    "could not find expected ':'": "thiếu dấu hai chấm sau tên trường (ví dụ `question: ...`)",
    "found character '\\t' that cannot start any token": "có ký tự Tab. Hãy thụt lề bằng dấu cách, không dùng Tab",
    "found a tab character that violates indentation": "có ký tự Tab. Hãy thụt lề bằng dấu cách, không dùng Tab",
    "did not find expected key": "thụt lề không đều. Các trường cùng cấp phải thẳng cột với nhau",
    "did not find expected '-' indicator": "thụt lề không đều. Các dấu - của một danh sách phải thẳng cột",
    "expected <block end>, but found '<block sequence start>'": (
        "thụt lề không đều. Các dấu - của một danh sách phải thẳng cột"
    ),
    "expected <block end>, but found '<block mapping start>'": (
        "thụt lề không đều. Các trường cùng cấp phải thẳng cột với nhau"
    ),
    "found unexpected end of stream": "thiếu dấu ngoặc kép đóng \" ở cuối câu",
    "found unexpected ':'": "có dấu hai chấm ở chỗ không được phép. Hãy đặt cả câu trong dấu ngoặc kép \"...\"",
    "found duplicate key": "một trường bị viết hai lần",
    "found a tab character where an indentation space is expected": (
        "có ký tự Tab. Hãy thụt lề bằng dấu cách, không dùng Tab"
    ),
    "found character": (
        "có ký tự như @ ` % đứng đầu nội dung. Hãy đặt cả câu trong dấu ngoặc kép \"...\""
    ),
    "did not find expected alphabetic or numeric character": (
        "có ký tự * hoặc & đứng đầu nội dung. Hãy đặt cả câu trong dấu ngoặc kép \"...\""
    ),
    "found undefined alias": "có ký tự * đứng đầu nội dung. Hãy đặt cả câu trong dấu ngoặc kép \"...\"",
    "did not find expected comment or line break": (
        "có chữ thừa sau dấu ngoặc kép đóng. Nếu trong câu có dấu ngoặc kép, "
        "hãy đặt cả câu trong dấu nháy đơn '...'"
    ),
    "block sequence entries are not allowed": (
        "có dấu - ở chỗ không được phép. Nếu câu bắt đầu bằng dấu -, hãy đặt cả câu trong dấu ngoặc kép; "
        "nếu là một danh sách, hãy xuống dòng và thụt lề"
    ),
    "did not find expected ',' or ']'": "thiếu dấu phẩy hoặc dấu đóng ngoặc ]",
    "did not find expected ',' or '}'": "thiếu dấu phẩy hoặc dấu đóng ngoặc }",
    "did not find expected node content": "thiếu nội dung sau dấu - hoặc sau dấu ngoặc",
    "exceeded maximum nesting depth": "có quá nhiều danh sách hoặc dấu ngoặc lồng vào nhau. Hãy kiểm tra các dấu [ và {",
}


# `question: "Ai" được hỏi?`: a quoted start followed by more words on the same line.
_TEXT_AFTER_QUOTES = re.compile(r"""^\s*(?:-\s+)?[\w-]+:\s+(["'])[^"']*\1\s*[^\s#]""")


_STARTS_WITH_BRACKET = re.compile(r"^\s*(?:-\s+)?[\w-]+:\s+[\[{][^\]}]*[\]}]\s*\S")


# Word and phones turn " into curly quotes, which YAML reads as ordinary letters.
_CURLY_QUOTES = "“”„"
_STARTS_WITH_CURLY = re.compile(r"^\s*(?:-\s+)?[\w-]+:\s+[“”„]")
_COLON_PROBLEMS = ("mapping values are not allowed", "found unexpected ':'")


def _curly_quotes(line: str) -> str:
    why = ("(Word và điện thoại hay tự đổi sang kiểu này): máy không coi đó là dấu ngoặc kép, "
           "nên dấu hai chấm trong câu bị đọc sai")
    if _STARTS_WITH_CURLY.match(line) and line.rstrip().endswith(tuple(_CURLY_QUOTES)):
        return (f"có dấu hai chấm ở chỗ không được phép. Câu đang nằm trong dấu ngoặc kép cong “ ” {why}. "
                "Hãy thay “ và ” bằng dấu ngoặc kép thẳng \".")
    return (f"có dấu hai chấm ở chỗ không được phép. Dấu “ ” trong câu là dấu ngoặc kép cong {why}. "
            "Hãy đặt cả câu trong dấu ngoặc kép thẳng \"...\"; dấu “ ” bên trong câu giữ nguyên được.")


def yaml_problem(problem: str, line: str = "") -> str:
    # The C reader leaves the character out of some problems; the line itself tells more.
    if problem.startswith(_COLON_PROBLEMS) and any(quote in line for quote in _CURLY_QUOTES):
        return _curly_quotes(line)
    if "\t" in line[: len(line) - len(line.lstrip())]:
        problem = "found a tab character that violates indentation"
    elif _TEXT_AFTER_QUOTES.match(line):
        problem = "did not find expected comment or line break"
    elif _STARTS_WITH_BRACKET.match(line):
        return "nội dung bắt đầu bằng dấu [ hoặc {. Hãy đặt cả câu trong dấu ngoặc kép \"...\"."
    for english, vietnamese in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            return vietnamese + "."
    return f"hãy kiểm tra dấu hai chấm, dấu ngoặc kép và thụt lề (chi tiết kỹ thuật: {short(problem, 160)})."


def misaligned(what: str, target: str, target_line: int, extra: int) -> str:
    """`extra`: how many columns further right than `target` the line starts (negative: further left)."""
    count = abs(extra)
    how = f"nhiều hơn {count} dấu cách. Hãy xoá {count}" if extra > 0 else f"ít hơn {count} dấu cách. Hãy thêm {count}"
    return (f"thụt lề không đều: {what} ở dòng này phải thẳng cột với {target} ở dòng {target_line}, "
            f"nhưng đang thụt vào {how} dấu cách ở đầu dòng.")


def duplicate_key(key: str, first_line: int) -> str:
    return f"Trường `{short(key)}` bị viết hai lần (lần đầu ở dòng {first_line}). Hãy xoá một lần."


def front_matter_syntax(reason: str) -> str:
    return f"Phần thông tin đầu bài (giữa hai dòng ---) sai cú pháp YAML: {reason}"


def front_matter_not_mapping() -> str:
    return "Phần thông tin đầu bài phải gồm các dòng `tên: nội dung`, ví dụ `title: Tên bài`."


def missing_front_matter(example: str, page: str = "Bài học") -> str:
    return f"{page} thiếu phần thông tin đầu bài. Hãy thêm vào đầu tệp:\n---\n{example}\n---"


def unclosed_front_matter(last_line: int) -> str:
    return (
        "Phần thông tin đầu bài mở bằng dòng --- nhưng thiếu dòng --- đóng, nên các dòng `tên: nội dung` "
        f"sẽ hiện ra như chữ thường trên trang. Hãy thêm một dòng --- ngay sau dòng {last_line} "
        "(dòng cuối của phần thông tin, trước tiêu đề # của bài)."
    )


def wrong_value(key: str, expected: str) -> str:
    return f"`{key}` phải là {expected}."


def unknown_competence(code: str, framework: str) -> str:
    return (
        f"Mã năng lực `{short(code)}` không có trong {framework}. "
        "Hãy dùng mã dạng `4.2` như trong danh sách ở trang Bản đồ năng lực số."
    )


def no_objectives() -> str:
    return "Bài học chưa có mục tiêu. Hãy thêm `objectives:` với 2–4 dòng, mỗi dòng bắt đầu bằng `- ` và một động từ."


def no_second_reading() -> str:
    return (
        "Bài này chưa được đọc lần hai. Nhờ một người khác (không phải người viết) đọc lại theo các câu hỏi kiểm tra "
        "ở CONTRIBUTING.md, mục 10, rồi ghi `second_reading:` ở đầu bài."
    )


def no_quiz() -> str:
    return (
        "Bài học chưa có câu hỏi ôn tập. Hãy thêm mục `## Câu hỏi ôn tập` với một khối ```quiz gồm 3–5 câu hỏi "
        "(xem trang Hướng dẫn viết câu hỏi)."
    )


def quick_quiz_after_review(review_line: int) -> str:
    return (
        f"Khối quiz này (trong hộp, như câu hỏi \"Thử nhanh\") đứng sau khối câu hỏi ở dòng {review_line}. "
        "Khối quiz cuối cùng của bài là câu hỏi ôn tập: người học làm đúng khối cuối cùng thì bài mới được tính là "
        f"học xong, nên khối này sẽ thay cho khối ở dòng {review_line}. Hãy chuyển khối này lên trước khối ở dòng "
        f"{review_line}, để phần \"Câu hỏi ôn tập\" luôn ở cuối bài."
    )


def template_text_left(lines: list[int], competences: bool) -> str:
    where = f"dòng {lines[0]}" if len(lines) == 1 else f"{len(lines)} dòng: {', '.join(str(line) for line in lines)}"
    codes = " Với `competences`, hãy chọn mã năng lực ở trang Bản đồ năng lực số." if competences else ""
    return (
        f"Trang còn chữ mẫu của lệnh `hocvuso new` (câu bắt đầu bằng \"Viết ...\") ở {where}. Người học sẽ đọc thấy "
        f"chữ mẫu này. Hãy viết nội dung của bạn thay cho chữ mẫu ở từng dòng đó.{codes}"
    )


def unknown_fact(fact_id: str, suggestion: str | None) -> str:
    hint = f" Có phải bạn muốn viết `{{{{ fact:{short(suggestion)} }}}}`?" if suggestion else (
        " Chỉ dùng thông tin đã có trong facts.yml; muốn thêm thông tin mới, hãy thêm vào facts.yml kèm nguồn."
    )
    return f"Không có mục `{short(fact_id)}` trong sổ thông tin đã kiểm chứng (facts.yml).{hint}"


def broken_placeholder(written: str, hidden: str | None) -> str:
    inside = f" Giữa các dấu ngoặc có một ký tự ẩn ({hidden}): hãy xoá cả đoạn rồi gõ lại." if hidden else ""
    return (
        f"`{short(written)}` không phải cách ghi một mục của facts.yml, nên người học sẽ thấy nguyên các dấu ngoặc.{inside} "
        "Hãy viết liền trên một dòng: `{{ fact:ma-muc }}`, gồm hai dấu { mở, chữ fact:, mã của mục trong facts.yml "
        "và hai dấu } đóng."
    )


def fact_not_in_sources(fact_id: str) -> str:
    return f"Bài dùng `{{{{ fact:{short(fact_id)} }}}}` nhưng chưa ghi nguồn. Hãy thêm `{short(fact_id)}` vào danh sách `sources:` ở đầu bài."


def typed_phone(number: str) -> str:
    return (
        f"Số `{short(number)}` được gõ tay và không có trong sổ thông tin đã kiểm chứng (facts.yml). Số sai có thể gây hại "
        "cho người học: hãy thêm số vào facts.yml kèm nguồn, rồi viết `{{ fact:ma-muc }}` thay cho số. "
        "Nếu đây không phải số điện thoại (một số tiền, một số tuổi), hãy viết số bằng chữ "
        "(“năm trăm nghìn đồng”), hoặc đặt số xa các chữ “gọi”, “số”, “nhắn”."
    )


def typed_registry_value(value: str, fact_id: str) -> str:
    return (
        f"`{short(value)}` đã có trong sổ thông tin đã kiểm chứng. Hãy viết `{{{{ fact:{fact_id} }}}}` thay cho gõ tay, "
        "để khi thông tin thay đổi chỉ cần sửa một chỗ."
    )


def typed_gov_address(address: str) -> str:
    return (
        f"Địa chỉ `{short(address)}` được gõ tay và không có trong sổ thông tin đã kiểm chứng (facts.yml). "
        "Hãy thêm địa chỉ vào facts.yml kèm nguồn, rồi viết `{{ fact:ma-muc }}`."
    )


def registry_syntax(reason: str) -> str:
    return f"Sổ thông tin sai cú pháp YAML: {reason}"


def registry_not_mapping() -> str:
    return "Sổ thông tin phải gồm các mục dạng `ma-muc:` và bên dưới là `value:`, `kind:`, `label:`, `source:`, `checked:`."


def registry_entry_not_mapping(fact_id: str) -> str:
    return f"Mục `{short(fact_id)}` phải có các dòng `value:`, `kind:`, `label:`, `source:`, `checked:` thụt vào bên dưới."


def registry_entry_problem(fact_id: str, problem: str) -> str:
    return f"Mục `{short(fact_id)}`: {problem}"


def registry_bad_kind(kind: str) -> str:
    return f"Loại `{short(kind)}` không có. Hãy dùng một trong: phone (số gọi), sms (số nhắn tin), web (địa chỉ web), date (ngày), text (chữ)."


def glossary_shape() -> str:
    return "Mỗi mục của từ điển có đúng hai dòng: `- term: từ cần giải thích` và `  definition: lời giải thích`."


def duplicate_term(term: str, first_line: int) -> str:
    return f"Từ `{short(term)}` đã có trong từ điển ở dòng {first_line}. Hãy gộp hai lời giải thích làm một."


def comment_cuts_text(key: str) -> str:
    return (
        f"Trong `{short(key)}`, dấu # đứng sau dấu cách làm mất phần chữ phía sau nó. "
        "Hãy đặt cả câu trong dấu ngoặc kép \"...\"."
    )


def missing_true_false_answer() -> str:
    return "Câu đúng/sai thiếu `answer`. Hãy thêm dòng `answer: true` nếu câu nói đúng, hoặc `answer: false` nếu câu nói sai."


def heading_skips(level: int, previous: int) -> str:
    return (
        f"Tiêu đề cấp {level} ({'#' * level}) đứng ngay sau tiêu đề cấp {previous}: bị nhảy cấp, trình đọc màn hình "
        f"sẽ đọc sai mục lục. Hãy dùng {'#' * (previous + 1)} cho tiêu đề này."
    )


def image_without_alt() -> str:
    return (
        "Hình chưa có lời mô tả. Người không nhìn thấy hình cần nghe lời mô tả: hãy viết trong ngoặc vuông, "
        "ví dụ `![Người cầm điện thoại ngang tầm mắt](img/tu-the.svg)`."
    )


def missing_image(target: str) -> str:
    return f"Không tìm thấy hình `{short(target)}`. Hãy kiểm tra tên tệp (chữ hoa, chữ thường) và thư mục `img/`."


def broken_link(target: str) -> str:
    return f"Liên kết `{short(target)}` không dẫn tới trang nào. Hãy kiểm tra tên tệp và thư mục (ví dụ `../tu-dien.md`)."


def broken_anchor(target: str, anchor: str) -> str:
    return (
        f"Liên kết `{short(target)}`: trang đích không có mục `#{short(anchor)}`. Phần sau dấu # là tên mục viết không dấu, "
        "chữ thường, nối bằng dấu - (ví dụ `#ma-otp`)."
    )


def link_outside(target: str) -> str:
    return f"Liên kết `{short(target)}` đi ra ngoài thư mục content/. Hãy chỉ liên kết tới trang trong khoá học."


# ---- Saving a module with its videos ("Tải về để học không cần mạng", offline.js) ----------
# Written into the module's download list by hocvuso/publish/offline.py; "{size}" is left for the
# learner's browser to fill in (the size of the encodings it plays).

OFFLINE_MEDIA_VIDEOS = "{count} video"
OFFLINE_MEDIA_NARRATIONS = "{count} bài lời đọc"
OFFLINE_MEDIA_VIDEO, OFFLINE_MEDIA_NARRATION, OFFLINE_MEDIA_AND = "video", "lời đọc", " và "
OFFLINE_MEDIA_QUESTION = "Chương này có {what}, tổng cộng {size}. Bạn có muốn lưu cả {noun} trên máy không?"
OFFLINE_MEDIA_YES = "Lưu cả {noun} ({size})"
OFFLINE_MEDIA_NO = "Không, chỉ lưu bài"
OFFLINE_MEDIA_DONE_WITHOUT = "Đã tải xong. Bạn có thể học chương này khi không có mạng ({noun} cần có mạng)."


# ---- Style (style.yml) -----------------------------------------------------------------------

def style_syntax(reason: str) -> str:
    return f"Tệp quy tắc văn phong sai cú pháp YAML: {reason}"


def style_shape(what: str, example: str) -> str:
    example = example.replace("\n", "\n    ")
    return f"{what[:1].upper()}{what[1:]} của quy tắc văn phong viết chưa đúng. Hãy viết theo mẫu:\n    {example}"


def unknown_style_rule(rule_id: str, known: tuple[str, ...]) -> str:
    return (f"Không có quy tắc văn phong “{short(rule_id)}” để cho phép. "
            f"Các quy tắc có trong style.yml: {', '.join(known)}.")


def tone_style(written: str, wanted: str, new_style: bool) -> str:
    style = "kiểu mới, dấu trên nguyên âm chính: hoà, khoẻ, thuỷ" if new_style else "kiểu cũ: hòa, khỏe, thủy"
    return (f"Viết “{wanted}” thay cho “{written}”: khoá học bỏ dấu một kiểu ({style}), "
            "để người học và ô tìm kiếm gặp cùng một cách viết (style.yml, mục spelling).")


def avoided_word(written: str, rule_id: str, reason: str, instead: str) -> str:
    suggestion = f" Thay bằng: {instead}." if instead else ""
    return (f"Tránh viết “{short(written)}”: {reason.rstrip('.')}.{suggestion} "
            f"Nếu câu này cố ý cần đúng từ đó, thêm <!-- cho-phep: {rule_id} --> ở cuối dòng "
            f"(trong khối quiz và tệp .yml: một dòng # cho-phep: {rule_id} ngay phía trên).")


def long_sentence(count: int, limit: int) -> str:
    return (f"Câu dài {count} tiếng (quá {limit}): người học lớn tuổi dễ bỏ sót ý. "
            "Hãy tách thành hai câu ngắn, mỗi câu một ý.")


def glossary_not_linked(term: str, link: str) -> str:
    return (f"“{term}” có trong Từ điển nhưng lần đầu bài dùng chưa có liên kết. "
            f"Ở lần đầu này, viết [{term}]({link}) để người học bấm vào xem giải thích.")


# ---- Synonyms for the search (synonyms.yml) ---------------------------------------------------

_SYNONYMS_EXAMPLE = "- [app, ứng dụng]\n    - [online, trên mạng, trực tuyến]"


def synonyms_syntax(reason: str) -> str:
    return f"Tệp từ đồng nghĩa sai cú pháp YAML: {reason}"


def synonyms_shape() -> str:
    return ("Tệp từ đồng nghĩa là một danh sách nhóm, mỗi dòng một nhóm, bắt đầu bằng dấu - và "
            f"viết trong ngoặc vuông. Hãy viết theo mẫu:\n    {_SYNONYMS_EXAMPLE}")


def synonym_group_shape(written: str) -> str:
    return (f"Nhóm “{short(written)}” chưa viết trong ngoặc vuông. Hãy đặt các cụm từ cùng nghĩa trong "
            "ngoặc vuông, cách nhau bằng dấu phẩy, ví dụ `- [app, ứng dụng]`.")


def synonym_key(key: str, example: str) -> str:
    return (f"Nhóm từ đồng nghĩa không có trường `{short(key)}:`. Hãy viết cả nhóm trong ngoặc vuông, "
            f"mọi cụm từ ngang nhau: `{short(example, 80)}`.")


def synonym_not_text(number: int, written: str) -> str:
    return (f"Cụm từ thứ {number} của nhóm (`{short(written)}`) không được đọc là chữ. "
            f'Hãy đặt nó trong dấu ngoặc kép: "{short(written)}".')


def synonym_empty(number: int) -> str:
    return f"Cụm từ thứ {number} của nhóm để trống hoặc không có chữ nào. Hãy viết cụm từ hoặc bỏ chỗ trống đó."


def synonym_too_few(count: int) -> str:
    have = "chỉ có một cụm từ" if count == 1 else "chưa có cụm từ nào"
    return f"Nhóm {have}. Một nhóm cần ít nhất hai cụm từ cùng nghĩa, ví dụ `- [app, ứng dụng]`."


def synonym_duplicate(phrase: str, first: str, first_line: int, same_group: bool) -> str:
    if same_group:
        return f"Cụm từ “{short(phrase)}” trùng với “{short(first)}” trong cùng nhóm. Hãy bỏ một chỗ."
    return (f"Cụm từ “{short(phrase)}” đã có ở dòng {first_line} (“{short(first)}”). Mỗi cụm từ chỉ ở một nhóm: "
            "hãy gộp hai nhóm làm một, hoặc bỏ cụm từ ở một chỗ.")


# ---- Markup refused in content (markup_safety.py) ----

_RUNS_CODE = "trang học không chạy mã JavaScript viết trong nội dung"


def _shown_address(value: str) -> str:
    # An address as messages quote any writer's text (messages.short), its spacing collapsed.
    return short(" ".join(value.split()), 60)


def refused_element(tag: str) -> str:
    if tag == "script":
        return f"Không dùng thẻ `<script>` trong nội dung: {_RUNS_CODE}. Hãy bỏ thẻ này."
    if tag in ("style", "link"):
        return (
            f"Không dùng thẻ `<{tag}>` trong nội dung: kiểu chữ, màu sắc là việc của giao diện chung "
            "(tệp hocvuso.css, hoặc `extra.local.css` của tỉnh). Hãy bỏ thẻ này."
        )
    if tag == "form":
        return (
            "Không dùng thẻ `<form>` trong nội dung: trang học không gửi thông tin của người học đi đâu. "
            "Câu hỏi hãy viết bằng khối ```quiz (xem trang Hướng dẫn viết câu hỏi)."
        )
    if tag in ("meta", "base"):
        return f"Không dùng thẻ `<{tag}>` trong nội dung: thẻ này đổi cả trang (tự chuyển trang, đổi mọi đường dẫn). Hãy bỏ thẻ này."
    if tag in ("svg", "math"):
        return (
            f"Không dùng thẻ `<{tag}>` viết thẳng trong nội dung. Hãy lưu hình thành tệp trong thư mục img "
            "của chương rồi chèn bằng `![Mô tả hình](img/ten-hinh.svg)`."
        )
    return (
        f"Không dùng thẻ `<{tag}>` trong nội dung: trang học không nhúng trang hay nội dung của nơi khác "
        "(người học có thể đang dùng mạng yếu, hoặc mở trang từ USB). "
        "Hãy thay bằng một đường link, ví dụ `[Xem video hướng dẫn](https://...)`."
    )


def event_attribute(name: str) -> str:
    return (
        f"Không dùng thuộc tính `{name}` trong nội dung: thuộc tính on... chạy mã JavaScript khi người học "
        "bấm, chạm hay khi trang tải. Hãy bỏ thuộc tính này."
    )


def script_address(url: str) -> str:
    return (
        f"Không dùng địa chỉ `{_shown_address(url)}`: địa chỉ javascript: hay vbscript: chạy mã thay vì mở trang. "
        "Đường link phải mở một trang (https://...), một bài khác (../ten-chuong/ten-bai.md) hoặc gọi điện (tel:...)."
    )


def data_address(url: str) -> str:
    return (
        f"Không dùng địa chỉ `{_shown_address(url)}`: nội dung không được viết thẳng vào địa chỉ data:. "
        "Hình hãy lưu thành tệp trong thư mục img của chương và chèn bằng `![Mô tả hình](img/ten-hinh.png)`; "
        "đường link hãy trỏ tới một trang."
    )


def remote_resource(url: str) -> str:
    return (
        f"Hình, âm thanh hay video `{_shown_address(url)}` nằm ở trang khác: trang học không tải gì từ nơi khác "
        "(người học có thể đang dùng 3G, hoặc mở trang từ USB, không có mạng). Hãy tải tệp về, đặt vào thư mục "
        "img của chương và chèn bằng đường dẫn tương đối, ví dụ `![Mô tả hình](img/ten-hinh.png)`. "
        "Đường link tới trang khác thì vẫn dùng được."
    )


def unsafe_style() -> str:
    return (
        "Thuộc tính `style` ở đây tải tệp hoặc chạy mã (url(...), @import, expression, dấu \\). "
        "Hãy bỏ phần đó: kiểu chữ, màu sắc là việc của giao diện chung."
    )


def unclosed_tag(tag: str) -> str:
    return (
        f"Thẻ `<{tag}` chưa đóng: thiếu dấu `>` hoặc dấu ngoặc kép đóng. Hãy viết đủ (ví dụ `<br>`), "
        "hoặc viết `&lt;` nếu bạn muốn hiện dấu <."
    )


# ---- The menu and the course list (hocvuso/site/menu.py, hocvuso/pages/course_list.py) -------
# Learners read these on every page's menu and on the course-list page.
COURSE_LIST_TITLE = "Tất cả các chương"
COURSE_LIST_DESCRIPTION = "Mọi chương và bài học của khoá học, với tiến độ của bạn: chạm vào một bài để học."
COURSE_LIST_INTRO = (
    "Mọi chương của khoá học ở đây, mỗi chương với các bài của nó. Chạm vào tên một bài để học bài đó. "
    "Bài đã học xong có dấu ✓."
)
MODULE_TEST_LINK = "Bài kiểm tra cuối chương"
MODULE_PAGE_LINK = "Giới thiệu chương"


# What the search box says (search.js, through course.js's hvs.shared.searchText): the box is
# written by the script when the page is ready, not carried by every page (issue #27).
SEARCH_TEXTS = {
    "box": "Tìm kiếm",
    "placeholder": "Tìm bài học",
    "reset": "Xoá",
    "preparing": "Đang chuẩn bị tìm kiếm…",
    "idle": "Gõ từ cần tìm",
    "none": "Không tìm thấy bài nào",
    "one": "Tìm thấy 1 bài",
    "other": "Tìm thấy # bài",
    "atLeast": "Tìm thấy ít nhất # bài",
    "moreOne": "Còn 1 kết quả khác trong bài này",
    "moreOther": "Còn # kết quả khác trong bài này",
    "failed": "Chưa tải được phần tìm kiếm. Bạn hãy tải lại trang rồi thử lại.",
}


# ---- Video blocks and recorded narration (hocvuso/check/video.py) --------------------------------

VIDEO_INSTALL = ".venv/bin/pip install -e '.[video]'"  # what `make` runs too (Makefile: .venv/.video-deps)
VIDEO_PREPARE = "hocvuso video TỆP-QUAY"
VIDEO_EXAMPLE = (
    "```video\nfile: video/tra-tien-dien.webm\nalso: [video/tra-tien-dien.mp4]\ncaptions: video/tra-tien-dien.vtt\n"
    "title: Trả tiền điện trên điện thoại\n```"
)


def video_made_example(webm: str, mp4: str, poster: str, captions: str) -> str:
    """What `hocvuso video` prints last: the block to paste, with the files it made."""
    return (
        "Hãy điền lời vào tệp phụ đề (.vtt), rồi dán khối video này vào bài (đổi dòng title cho đúng tên video):\n"
        f"```video\nfile: {webm}\nalso: [{mp4}]\ncaptions: {captions}\nposter: {poster}\ntitle: Tên video\n```\n"
        "Tên tệp tính từ thư mục của bài. Bản .webm nhẹ hơn; bản .mp4 cho iPhone và máy không mở được .webm."
    )


def narration_made_example(name: str) -> str:
    return f"Hãy thêm dòng này vào phần thông tin đầu bài (tên tệp tính từ thư mục của bài): narration: {name}"


def video_made_smaller(name: str, short_side: int, budget: str) -> str:
    return (f"Bản `{short(name)}` được làm nhỏ lại ({short_side}p) để không quá {budget} MB mỗi phút: đoạn quay "
            "tối hoặc nhiễu hạt thì nặng hơn. Quay chỗ sáng, cầm máy cho chắc thì lần sau được bản nét hơn.")


def video_made_over_budget(names: list[str], budget: str, narration: bool) -> str:
    what = "lời đọc" if narration else "video"
    return (
        f"Chú ý: {', '.join(f'`{short(name)}`' for name in names)} nặng hơn mức {budget} MB mỗi phút của khoá học, "
        f"lệnh kiểm tra sẽ báo lỗi. Bản quay nhiều rung, tối hoặc nhiễu hạt thì nặng hơn: hãy quay lại chỗ sáng, cầm máy "
        f"cho chắc, hoặc cắt {what} ngắn hơn; khoá học của tỉnh muốn đổi mức thì xem CONTRIBUTING.md (`extra: video:`)."
    )


def video_same_as_source(target: str) -> str:
    return (
        f"Không làm: tệp ra `{short(target)}` trùng với tệp quay gốc, ghi ra sẽ mất bản gốc. Hãy ghi ra thư mục của "
        "bài bằng `--output`, ví dụ `--output content/thanh-toan-so/video`, hoặc đặt tên khác bằng `--name`."
    )


def video_yaml_syntax(reason: str) -> str:
    return f"Khối video sai cú pháp YAML: {reason}"


def video_not_a_mapping() -> str:
    return f"Khối video phải gồm các dòng dạng `tên: nội dung`, ví dụ:\n{VIDEO_EXAMPLE}"


def video_unknown_key(key: str, allowed: list[str]) -> str:
    return f"Khối video không có trường `{short(key)}`. Các trường dùng được: {', '.join(f'`{a}`' for a in allowed)}."


def video_bad_value(key: str, expected: str) -> str:
    return f"Trong khối video, `{key}` phải là {expected}."


def video_address(key: str, value: str) -> str:
    return (
        f"`{key}: {short(value)}` là một địa chỉ web. Khối video chỉ nhận tệp đặt trong content/ cạnh bài, để người học "
        f"xem được cả khi không có mạng và không bị trang khác theo dõi: hãy tải video về, chạy `{VIDEO_PREPARE}` rồi ghi "
        "tên tệp. Muốn chỉ tới một video ở trang khác thì viết một liên kết thường, ví dụ `[Xem video](https://...)`."
    )


def media_outside_content(key: str, value: str) -> str:
    return f"`{key}: {short(value)}` chỉ ra ngoài thư mục content/. Hãy đặt tệp trong content/, cạnh bài (ví dụ thư mục `video/` của chương)."


def media_missing(key: str, target: str) -> str:
    return (
        f"Không tìm thấy tệp `{short(target)}` (trường `{key}`). Tên tệp tính từ thư mục của bài; "
        "hãy kiểm tra tên tệp (chữ hoa, chữ thường) và thư mục."
    )


def media_unreadable(target: str, reason: str) -> str:
    return (
        f"Không đọc được tệp `{short(target)}` như một tệp video hay âm thanh ({short(reason)}). Tệp có thể bị hỏng hoặc "
        f"chép chưa hết: hãy chép lại tệp gốc rồi chạy `{VIDEO_PREPARE}`."
    )


def media_needs_library() -> str:
    return (
        "Bài có video hoặc lời đọc nhưng máy chưa cài thư viện đọc video (PyAV và webvtt-py), nên chưa kiểm tra được. "
        f"Hãy chạy `make check` (tự cài), hoặc cài bằng lệnh `{VIDEO_INSTALL}`."
    )


def video_format(target: str, found: str, accepted: str) -> str:
    return (
        f"Video `{short(target)}` ({found}) không phát được trên nhiều điện thoại. Trang học nhận: {accepted}. "
        f"Hãy chạy `{VIDEO_PREPARE}` để làm bản nhẹ phát được ở mọi nơi, rồi ghi tên tệp mới."
    )


def video_resolution(target: str, width: int, height: int, longest: int, shortest: int) -> str:
    return (
        f"Video `{short(target)}` có khung hình {width}×{height}, lớn quá cho điện thoại giá rẻ và tốn tiền mạng. "
        f"Trang học nhận tối đa 480p: cạnh ngắn không quá {shortest} điểm ảnh, cạnh dài không quá {longest} "
        f"({longest}×{shortest}, quay dọc thì {shortest}×{longest}). Hãy chạy `{VIDEO_PREPARE}`."
    )


def media_over_budget(target: str, per_minute: str, budget: str, narration: bool) -> str:
    what = "Lời đọc" if narration else "Video"
    flag = " --narration" if narration else ""
    return (
        f"{what} `{short(target)}` nặng {per_minute} MB mỗi phút, quá mức {budget} MB mỗi phút của khoá học: người học "
        f"{'nghe' if narration else 'xem'} bằng tiền mạng của mình. Hãy chạy `hocvuso video{flag} TỆP-GỐC` để làm bản nhẹ "
        f"hơn (khoá học của tỉnh muốn đổi mức này thì ghi `{'narration_mb_per_minute' if narration else 'mb_per_minute'}` "
        "dưới `extra: video:` trong mkdocs.local.yml, xem CONTRIBUTING.md)."
    )


def video_without_mp4(target: str) -> str:
    return (
        f"Video `{short(target)}` chỉ có bản WebM: iPhone đời cũ không phát được WebM. Hãy thêm bản MP4 mà "
        f"`{VIDEO_PREPARE}` làm cùng lúc, bằng dòng `also: [tên-tệp.mp4]` trong khối video (bản WebM nhẹ hơn nên để ở "
        "`file`, máy nào phát được WebM sẽ chọn nó)."
    )


def poster_type(target: str) -> str:
    return f"Ảnh bìa `{short(target)}` phải là ảnh .jpg, .png hoặc .webp. Hoặc bỏ dòng `poster:` để trang học tự làm ảnh bìa từ video."


def poster_too_heavy(target: str, size_kb: int, limit_kb: int) -> str:
    return (
        f"Ảnh bìa `{short(target)}` nặng {size_kb} KB: người học tải ảnh này ngay khi mở bài, trước khi bấm xem. Hãy bỏ "
        f"dòng `poster:` để trang học tự làm ảnh bìa nhẹ từ video, hoặc dùng ảnh nhỏ hơn {limit_kb} KB (ảnh .jpg mà "
        f"`{VIDEO_PREPARE}` làm ra là vừa)."
    )


def media_unused(target: str, size: str) -> str:
    return (
        f"Tệp `{short(target)}` ({size} MB) nằm trong content/ nhưng không bài nào dùng. Mọi tệp trong content/ đều "
        "được đăng lên trang và chép vào tệp zip, tệp ZIM, làm chúng nặng thêm. Nếu đây là tệp quay gốc, hãy chuyển nó ra "
        "ngoài content/; nếu bài cần, hãy ghi tên tệp vào khối video hoặc trường `narration:`."
    )


def video_no_picture(target: str) -> str:
    return (
        f"Tệp `{short(target)}` không có hình, chỉ có tiếng. Tệp chỉ có tiếng là lời đọc: ghi ở trường `narration:` "
        "đầu bài, không ghi trong khối video."
    )


def narration_has_picture(target: str) -> str:
    return (
        f"Tệp lời đọc `{short(target)}` có cả hình: lời đọc chỉ nên có tiếng cho nhẹ. "
        "Hãy chạy `hocvuso video --narration TỆP-GỐC` để lấy riêng tiếng."
    )


def narration_format(target: str, found: str, accepted: str) -> str:
    return (
        f"Lời đọc `{short(target)}` ({found}) không phát được trên mọi điện thoại. Trang học nhận: {accepted}. "
        "Hãy chạy `hocvuso video --narration TỆP-GỐC`."
    )


def captions_unreadable(target: str, reason: str) -> str:
    return (
        f"Không đọc được phụ đề `{short(target)}`: {short(reason)}. Tệp phụ đề phải là WebVTT: dòng đầu `WEBVTT`, "
        "rồi từng đoạn gồm một dòng thời gian như `00:00:00.000 --> 00:00:04.000` và lời ở dòng dưới. "
        f"`{VIDEO_PREPARE}` làm sẵn một tệp mẫu để điền lời."
    )


def captions_empty(target: str) -> str:
    return f"Phụ đề `{short(target)}` chưa có lời nào. Hãy điền lời nói trong video vào từng đoạn."


# What `hocvuso video` writes in each cue of the caption skeleton, for the writer to replace.
CAPTION_TO_FILL = "(Ghi lời nói ở đoạn này)"


def captions_unfilled(target: str, count: int) -> str:
    return (
        f"Phụ đề `{short(target)}` còn {count} đoạn chưa điền (dòng \"{CAPTION_TO_FILL}\" do `hocvuso video` để lại). "
        "Hãy thay bằng lời nói trong video ở đoạn đó."
    )


def captions_not_nfc(target: str, snippet: str) -> str:
    return (
        f"Phụ đề `{short(target)}` có chữ \"{short(snippet)}\" gõ ở dạng Unicode tổ hợp: tìm kiếm và giọng đọc sẽ sai. "
        "Hãy lưu lại tệp ở dạng Unicode dựng sẵn (NFC), ví dụ trong Unikey chọn bảng mã \"Unicode\"."
    )


def captions_short(target: str, covered: str, length: str, tolerance: int) -> str:
    return (
        f"Phụ đề `{short(target)}` chỉ chạy tới {covered}, còn video dài {length}: người không nghe được sẽ mất phần cuối. "
        f"Hãy điền lời tới hết video (đoạn cuối kết thúc cách cuối video không quá {tolerance} giây)."
    )


def video_not_checked() -> str:
    return (
        "Khối video ở chỗ này không được kiểm tra nên không hiện ra: nó nằm trong phần trích dẫn (dòng bắt đầu bằng >) "
        "hoặc sau một dòng ``` thừa. Hãy đặt khối video ở đầu dòng hoặc trong hộp lưu ý."
    )


# What the learner reads around a video and a recorded narration (hocvuso/pages/video.py).
VIDEO_CAPTIONS_LABEL = "Tiếng Việt"
VIDEO_DOWNLOAD = "Tải video về máy"
VIDEO_TRANSCRIPT = "Lời trong video"
VIDEO_SIZE_PREFIX = "Video"
NARRATION_SIZE_PREFIX = "Lời đọc"
VIDEO_BROKEN = "Video này có lỗi nên chưa hiển thị được."


# ---- An ordered path, a fork's choice (`extra.hoc_theo_thu_tu`, hocvuso/course/project.py) ---
# Learners read these on a closed lesson or test and beside locked links (ordered-path.js, which
# gets them from the build through the course map's `shared`). "{bai}" is a lesson's title, "{so}"
# a number of lessons; the script fills them in.
ORDERED_PATH_TEXTS = {
    "locked": "chưa mở",  # read by screen readers after a locked link, beside the lock drawn for the eye
    "lessonTitle": "Bài này chưa mở",
    "lessonText": "Khoá học này học theo thứ tự: một bài mở ra khi bạn học xong bài ngay trước nó "
                  "(trả lời đúng hết phần câu hỏi ôn tập cuối bài).",
    "lessonFirst": "Bạn cần học xong trước: “{bai}”.",
    "testTitle": "Bài kiểm tra chưa mở",
    "testText": "Bài kiểm tra cuối chương mở ra khi bạn học xong mọi bài của chương. Chương này còn {so} bài chưa học xong.",
    "go": "Học bài: {bai}",
}


def media_budget_not_a_mapping(value: str) -> str:
    return (f"`video: {short(value)}` dưới `extra:` không hợp lệ: ghi mức dung lượng thành các dòng thụt vào, ví dụ\n"
            "  video:\n    mb_per_minute: 2.5\n    narration_mb_per_minute: 0.4")


def media_budget_unknown_key(key: str, allowed: list[str]) -> str:
    return (f"`extra: video:` không có mục `{short(key)}`. Các mục dùng được: {', '.join(f'`{a}`' for a in allowed)} "
            "(MB mỗi phút của video và của lời đọc).")


def media_budget_not_a_number(key: str, value: str, default: float) -> str:
    return (f"`{key}: {short(value)}` dưới `extra: video:` phải là một số lớn hơn 0, viết bằng dấu chấm, ví dụ "
            f"`{key}: {str(default)}` (MB mỗi phút). Trang học đang dùng mức mặc định {str(default).replace('.', ',')}.")


def ordered_path_not_yes_no(setting: str, value: object) -> str:
    return (
        f"`{setting}: {short(value)}` không hợp lệ: chỉ ghi `{setting}: true` (học theo thứ tự, bài sau mở khi "
        f"học xong bài trước) hoặc `{setting}: false` (mở mọi bài, như mặc định)."
    )
