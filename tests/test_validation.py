"""Every kind of bad quiz gets its own Vietnamese message, at the right line of the .md file."""

import textwrap
import unicodedata

import pytest

from hocvuso.checking import QuizIds, check_page


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
            ["content/bai.md:7:7: lỗi: Không có loại câu hỏi `nhieu`. Hãy dùng một trong: single (một đáp án đúng), multiple (nhiều đáp án đúng), truefalse (câu đúng/sai)."],
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
