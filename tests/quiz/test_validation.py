"""Every kind of bad quiz gets its own Vietnamese message, at the right line of the .md file."""

import textwrap
import unicodedata

import pytest

from hocvuso.check.page_checks import QuizIds, check_page


def page(quiz_yaml: str, indent: str = "") -> str:
    body = textwrap.indent(textwrap.dedent(quiz_yaml).strip("\n"), indent)
    return f"# Bài học\n\nĐoạn mở đầu.\n\n{indent}```quiz\n{body}\n{indent}```\n"  # YAML starts at line 6


def problems(source: str) -> list[str]:
    return [problem.format() for problem in check_page("content/bai.md", source).diagnostics]


GOOD = """
id: cau-hoi
question: Ai được hỏi mã OTP?
options:
  - text: Nhân viên ngân hàng
  - text: Không ai cả
    correct: true
"""


def test_good_quiz_has_no_problem():
    assert problems(page(GOOD)) == []


@pytest.mark.parametrize(
    "quiz, expected",
    [
        (
            GOOD.replace("    correct: true", "    corect: true"),
            # Only the typo: "no correct answer" would be its consequence, not a second mistake.
            ["content/bai.md:11:5: lỗi: Không có trường `corect`. Có phải bạn muốn viết `correct`?"],
        ),
        (
            GOOD.replace("    correct: true", ""),
            ["content/bai.md:8:1: lỗi: Câu hỏi chưa có đáp án đúng. Hãy thêm `correct: true` vào lựa chọn đúng."],
        ),
        (
            GOOD.replace("  - text: Nhân viên ngân hàng", "  - text: Nhân viên ngân hàng\n    correct: true"),
            [
                "content/bai.md:11:5: lỗi: Câu hỏi một đáp án (single) nhưng có 2 lựa chọn `correct: true` (dòng 9, 11). "
                "Hãy chỉ giữ một đáp án đúng, hoặc thêm `type: multiple` nếu câu hỏi có nhiều đáp án đúng."
            ],
        ),
        (
            GOOD.replace("Nhân viên ngân hàng", '""'),
            ["content/bai.md:9:5: lỗi: Lựa chọn thứ 1 để trống. Hãy viết nội dung sau `text:` hoặc xoá lựa chọn này."],
        ),
        (
            "id: cau-hoi\nquestion: Ai?\noptions: []\n",
            ["content/bai.md:8:1: lỗi: Câu hỏi chưa có lựa chọn nào. Hãy thêm `options:` với ít nhất 2 lựa chọn dạng `- text: ...`."],
        ),
        (
            GOOD.replace("question: Ai được hỏi mã OTP?", "question: Lưu ý: ai được hỏi mã OTP?"),
            [
                "content/bai.md:7:16: lỗi: Khối quiz sai cú pháp YAML: có dấu hai chấm ở chỗ không được phép. "
                'Nếu câu có dấu hai chấm, hãy đặt cả câu trong dấu ngoặc kép "...".'
            ],
        ),
        (
            GOOD.replace("  - text: Không ai cả", "\t- text: Không ai cả"),
            ["content/bai.md:10:1: lỗi: Khối quiz sai cú pháp YAML: có ký tự Tab. Hãy thụt lề bằng dấu cách, không dùng Tab."],
        ),
        (
            GOOD.replace("id: cau-hoi", "id: Câu hỏi 1"),
            ["content/bai.md:6:5: lỗi: Mã `Câu hỏi 1` không hợp lệ: chỉ dùng chữ thường không dấu a-z, chữ số 0-9 và dấu gạch ngang -. Ví dụ: `cau-hoi-1`."],
        ),
        (
            GOOD.replace("id: cau-hoi\n", ""),
            ["content/bai.md:6:1: lỗi: Thiếu trường `id`. Hãy thêm dòng `id: ten-bai-cau-hoi`."],
        ),
        (
            GOOD.replace("    correct: true", "    correct: có"),
            [
                "content/bai.md:11:14: lỗi: `correct` chỉ nhận `true` (đúng) hoặc `false` (sai), không nhận `có`.",
            ],
        ),
        (
            "id: cau-hoi\ntype: truefalse\nquestion: Công an gọi điện đòi chuyển tiền là thật.\n",
            ["content/bai.md:6:1: lỗi: Câu đúng/sai thiếu `answer`. Hãy thêm dòng `answer: true` nếu câu nói đúng, hoặc `answer: false` nếu câu nói sai."],
        ),
        (
            GOOD.replace("id: cau-hoi", "id: cau-hoi\ntype: nhieu"),
            ["content/bai.md:7:7: lỗi: Không có loại câu hỏi `nhieu`. Hãy dùng một trong: single (một đáp án đúng), multiple (nhiều đáp án đúng), truefalse (câu đúng/sai), "
             "fillin (câu điền), ordering (câu sắp xếp thứ tự), matching (câu ghép cặp). Hãy sửa dòng này trước: "
             "các lỗi khác của câu hỏi này (nếu có) sẽ được báo sau khi loại câu hỏi đúng."],
        ),
        (
            GOOD.replace("question: Ai được hỏi mã OTP?", 'question: "Ai" được hỏi mã OTP?'),
            ["content/bai.md:7:16: lỗi: Khối quiz sai cú pháp YAML: có chữ thừa sau dấu ngoặc kép đóng. "
             "Nếu trong câu có dấu ngoặc kép, hãy đặt cả câu trong dấu nháy đơn '...'."],
        ),
        (
            GOOD.replace("Nhân viên ngân hàng", "*Nhân viên* ngân hàng"),
            ['content/bai.md:9:14: lỗi: Khối quiz sai cú pháp YAML: có ký tự * hoặc & đứng đầu nội dung. '
             'Hãy đặt cả câu trong dấu ngoặc kép "...".'],
        ),
        (
            GOOD.replace("question: Ai được hỏi mã OTP?", "question: Ai được hỏi mã # OTP?"),
            ['content/bai.md:7:11: lỗi: Trong `question`, dấu # đứng sau dấu cách làm mất phần chữ phía sau nó. '
             'Hãy đặt cả câu trong dấu ngoặc kép "...".'],
        ),
        (
            GOOD.replace("    correct: true", "    correct: yes"),
            ["content/bai.md:11:14: lỗi: `correct` chỉ nhận `true` (đúng) hoặc `false` (sai), không nhận `yes`."],
        ),
        (
            GOOD.replace("  - text: Nhân viên ngân hàng", "  - text: [Nhân viên](x) ngân hàng"),
            ['content/bai.md:9:22: lỗi: Khối quiz sai cú pháp YAML: nội dung bắt đầu bằng dấu [ hoặc {. '
             'Hãy đặt cả câu trong dấu ngoặc kép "...".'],
        ),
    ],
    ids=["typo-corect", "no-correct", "two-correct-single", "empty-option", "no-options", "colon-in-text",
         "tab", "bad-id", "missing-id", "correct-not-boolean", "truefalse-no-answer", "unknown-type",
         "text-after-quotes", "leading-star", "comment-cuts-text", "yes-is-not-true", "leading-bracket"],
)
def test_bad_quiz_message(quiz, expected):
    assert problems(page(quiz)) == expected


def test_lines_and_columns_inside_an_admonition_point_into_the_file():
    source = page(GOOD.replace("    correct: true", "    corect: true"), indent="    ")
    assert problems(source)[0].startswith("content/bai.md:11:9: lỗi: Không có trường `corect`.")


def test_several_questions_report_every_problem_once():
    source = page(
        """
        id: nhieu-cau
        questions:
          - id: mot
            question: Câu một?
            options: [{text: A}, {text: B}]
          - id: mot
            type: multiple
            question: Câu hai?
            options:
              - text: A
                correct: true
              - text: B
        """
    )
    assert problems(source) == [
        "content/bai.md:10:5: lỗi: Câu hỏi chưa có đáp án đúng. Hãy thêm `correct: true` vào lựa chọn đúng.",
        "content/bai.md:11:9: lỗi: Mã câu hỏi `mot` bị trùng với câu ở dòng 8 trong cùng quiz. Hãy đặt một mã khác.",
    ]


def test_duplicate_quiz_ids_across_pages_name_the_first_place():
    ids = QuizIds()
    assert ids.register(check_page("content/a.md", page(GOOD))) == []
    [problem] = ids.register(check_page("content/b.md", page(GOOD)))
    assert problem.format() == (
        "content/b.md:6:5: lỗi: Mã quiz `cau-hoi` đã dùng ở content/a.md:6. Mỗi quiz cần một mã riêng trên toàn trang; "
        "hãy đổi mã này (đừng đổi mã của quiz đã đăng, vì tiến độ của người học gắn với mã đó)."
    )


def test_decomposed_text_is_normalised_and_warned_with_its_line():
    report = check_page("content/bai.md", page(GOOD.replace("Không ai cả", unicodedata.normalize("NFD", "Không ai cả"))))
    [problem] = report.diagnostics
    assert problem.severity == "warning"
    assert problem.format().startswith('content/bai.md:10:13: cảnh báo: Chữ "Không" được gõ ở dạng Unicode tổ hợp')
    assert unicodedata.is_normalized("NFC", report.text)
    assert report.quizzes[0].quiz is not None


def test_uppercase_fence_language_would_show_as_code():
    assert problems("```Quiz\nid: a\n```\n") == [
        "content/bai.md:1:1: lỗi: Khối ```Quiz sẽ hiện ra như mã máy tính, không thành câu hỏi. Hãy viết đúng là ```quiz (chữ thường)."
    ]


def test_unclosed_quiz_fence():
    assert problems("```quiz\n" + GOOD.strip() + "\n")[0] == (
        "content/bai.md:1:1: lỗi: Khối quiz chưa được đóng. Hãy thêm một dòng ``` ngay sau câu hỏi cuối cùng."
    )


# ---- Fill-in, ordering and matching questions, and hints as a list ----

FILL_IN = """
id: cau-dien
type: fillin
question: Gõ số gọi công an.
answers: ["113"]
match: number
"""

ORDERING = """
id: cau-xep
type: ordering
question: Xếp các bước.
steps:
  - Mở ứng dụng
  - Đọc tên người nhận
  - Bấm xác nhận
"""

MATCHING = """
id: cau-ghep
type: matching
question: Ghép cho đúng.
pairs:
  - left: Chạm
    right: Mở ứng dụng
  - left: Vuốt
    right: Đọc tiếp
"""


@pytest.mark.parametrize("quiz", [FILL_IN, ORDERING, MATCHING, GOOD + "hint:\n  - Gợi ý một\n  - Gợi ý hai\n"],
                         ids=["fillin", "ordering", "matching", "hint-list"])
def test_good_new_types_have_no_problem(quiz):
    assert problems(page(quiz)) == []


@pytest.mark.parametrize(
    "quiz, expected",
    [
        (
            FILL_IN.replace('answers: ["113"]\n', ""),
            ["content/bai.md:6:1: lỗi: Câu điền chưa có câu trả lời nào được chấp nhận. "
             "Hãy thêm `answers:` với ít nhất một câu trả lời, mỗi câu một dòng `- ...`."],
        ),
        (
            FILL_IN.replace('answers: ["113"]', "answers: []"),
            ["content/bai.md:9:1: lỗi: Câu điền chưa có câu trả lời nào được chấp nhận. "
             "Hãy thêm `answers:` với ít nhất một câu trả lời, mỗi câu một dòng `- ...`."],
        ),
        (
            FILL_IN.replace('answers: ["113"]', "answers: 113"),
            ["content/bai.md:9:10: lỗi: `answers` phải là một danh sách, mỗi mục bắt đầu bằng dấu gạch ngang: `- Câu trả lời`."],
        ),
        (
            FILL_IN.replace('answers: ["113"]', 'answers:\n  - "113"\n  - ""'),
            ["content/bai.md:11:5: lỗi: Mục thứ 2 trong `answers` để trống. Hãy viết nội dung sau dấu - hoặc xoá dòng này."],
        ),
        (
            FILL_IN.replace('answers: ["113"]', "answers:\n  - {{ fact:cong-an-113 }}"),
            ['content/bai.md:10:5: lỗi: Mục thứ 1 trong `answers` phải là một đoạn chữ. '
             'Nếu nội dung có dấu hai chấm hoặc bắt đầu bằng {, hãy đặt cả câu trong dấu ngoặc kép "...".'],
        ),
        (
            FILL_IN + "options:\n  - text: 113\n",
            ["content/bai.md:11:1: lỗi: Câu điền (fillin) không dùng `options`. Hãy xoá `options` và viết các câu trả lời "
             "được chấp nhận trong `answers:`, mỗi câu một dòng `- ...`."],
        ),
        (
            FILL_IN.replace("match: number", "match: so"),
            ["content/bai.md:10:8: lỗi: Không có kiểu so sánh `so`. Hãy dùng một trong: text (chữ, mặc định), "
             "number (số: bỏ qua dấu cách, dấu chấm, dấu gạch ngang), web (địa chỉ web: bỏ qua https://, www. và dấu / ở cuối)."],
        ),
        (
            FILL_IN + "accept_without_accents: true\n",
            ["content/bai.md:11:1: lỗi: `accept_without_accents` chỉ dùng khi so sánh chữ; với `match: number` "
             "không có dấu để bỏ qua. Hãy xoá `accept_without_accents`."],
        ),
        (
            FILL_IN.replace("match: number", "match: text\naccept_without_accents: co"),
            ["content/bai.md:11:25: lỗi: `accept_without_accents` chỉ nhận `true` (đúng) hoặc `false` (sai), không nhận `co`."],
        ),
        (
            GOOD + "answers: [a]\n",
            ["content/bai.md:12:1: lỗi: `answers` chỉ dùng cho câu điền. Hãy thêm `type: fillin`, hoặc xoá `answers`."],
        ),
        (
            ORDERING.replace("  - Bấm xác nhận\n", ""),
            ["content/bai.md:9:1: lỗi: Câu sắp xếp thứ tự cần ít nhất 3 bước; hiện chỉ có 2. Hãy thêm bước dạng `- ...`."],
        ),
        (
            "id: cau-xep\ntype: ordering\nquestion: Xếp các bước.\n",
            ["content/bai.md:6:1: lỗi: Câu sắp xếp thứ tự chưa có bước nào. Hãy thêm `steps:` với ít nhất 3 bước, "
             "viết theo đúng thứ tự, mỗi bước một dòng `- ...`."],
        ),
        (
            ORDERING.replace("  - Bấm xác nhận", "  - Mở ứng dụng"),
            ["content/bai.md:12:5: lỗi: Bước `Mở ứng dụng` bị viết hai lần (lần đầu ở dòng 10). "
             "Mỗi bước phải khác nhau, để người học biết bước nào đứng trước."],
        ),
        (
            ORDERING + "pairs: []\n",
            ["content/bai.md:13:1: lỗi: `pairs` chỉ dùng cho câu ghép cặp. Hãy thêm `type: matching`, hoặc xoá `pairs`."],
        ),
        (
            MATCHING.replace("    right: Đọc tiếp\n", ""),
            ["content/bai.md:12:5: lỗi: Cặp thứ 2 thiếu `right`. Hãy viết đủ hai dòng `- left: ...` và `  right: ...` "
             "(thẳng cột với `left`)."],
        ),
        (
            MATCHING.replace("  - left: Vuốt", "  - left: Chạm"),
            ["content/bai.md:12:5: lỗi: Vế trái `Chạm` bị trùng với cặp ở dòng 10. "
             "Mỗi vế chỉ được dùng trong một cặp, để chỉ có một cách ghép đúng."],
        ),
        (
            MATCHING.replace("    right: Đọc tiếp", "    right: Mở ứng dụng"),
            ["content/bai.md:12:5: lỗi: Vế phải `Mở ứng dụng` bị trùng với cặp ở dòng 10. "
             "Mỗi vế chỉ được dùng trong một cặp, để chỉ có một cách ghép đúng."],
        ),
        (
            MATCHING.replace("  - left: Vuốt\n    right: Đọc tiếp\n", ""),
            ["content/bai.md:9:1: lỗi: Câu ghép cặp cần ít nhất 2 cặp; hiện chỉ có 1. Hãy thêm cặp dạng `- left: ...` và `  right: ...`."],
        ),
        (
            MATCHING.replace("  - left: Vuốt\n    right: Đọc tiếp\n", "  - Vuốt\n"),
            ["content/bai.md:12:5: lỗi: Cặp thứ 2 phải có hai dòng `- left: ...` và `  right: ...` (thẳng cột với `left`)."],
        ),
        (
            MATCHING.replace("    right: Đọc tiếp", "    rigth: Đọc tiếp"),
            ["content/bai.md:13:5: lỗi: Không có trường `rigth`. Có phải bạn muốn viết `right`?"],
        ),
        (
            "id: cau-ghep\ntype: matching\nquestion: Ghép.\n",
            ["content/bai.md:6:1: lỗi: Câu ghép cặp chưa có cặp nào. Hãy thêm `pairs:` với ít nhất 2 cặp, "
             "mỗi cặp hai dòng `- left: ...` và `  right: ...`."],
        ),
        (
            GOOD + "hint: []\n",
            ["content/bai.md:12:1: lỗi: `hint` đang để trống. Hãy viết nội dung cho `hint`."],
        ),
    ],
    ids=["fillin-no-answers", "fillin-empty-answers", "fillin-answers-not-list", "fillin-empty-answer", "fillin-unquoted-fact",
         "fillin-with-options", "fillin-bad-match", "accents-with-number", "accents-not-boolean", "answers-in-single",
         "ordering-two-steps", "ordering-no-steps", "ordering-duplicate-step", "pairs-in-ordering",
         "matching-missing-right", "matching-duplicate-left", "matching-duplicate-right", "matching-one-pair",
         "matching-pair-not-mapping", "matching-typo-right", "matching-no-pairs", "hint-empty-list"],
)
def test_bad_new_type_message(quiz, expected):
    assert problems(page(quiz)) == expected
