"""GIFT export for Moodle: every question type, and the escaping of ~ = # { } : in Vietnamese text."""

import subprocess
import sys

from course_samples import FACTS
from hocvuso.check.page_checks import check_quiz_source
from hocvuso.quiz.gift import escape, question_to_gift, quizzes_to_gift


def quiz(source: str):
    checked = check_quiz_source(source, "bai.md")
    assert checked.diagnostics == []
    return checked.quiz


def test_escape_special_characters_backslash_and_newlines():
    assert escape("Giờ: 9:30 ~ 10:00 = {sáng} #1") == "Giờ\\: 9\\:30 \\~ 10\\:00 \\= \\{sáng\\} \\#1"
    assert escape("C:\\thư mục") == "C\\:\\\\thư mục"
    assert escape("Dòng một\nDòng hai") == "Dòng một\\nDòng hai"


def test_single_choice_with_feedback_and_explanation():
    single = quiz(
        "id: otp\nquestion: Ai được hỏi mã OTP?\noptions:\n"
        "  - text: Nhân viên ngân hàng\n    feedback: Ngân hàng không hỏi mã OTP.\n"
        "  - text: Không ai cả\n    correct: true\n"
        "explanation: |\n  Mã OTP là của riêng bạn.\n  Không đọc cho ai.\n"
    )
    assert question_to_gift(single, single.questions[0]) == (
        "::otp::[markdown]Ai được hỏi mã OTP? {\n"
        "\t~Nhân viên ngân hàng#Ngân hàng không hỏi mã OTP.\n"
        "\t=Không ai cả\n"
        "\t####Mã OTP là của riêng bạn.\\nKhông đọc cho ai.\n"
        "}"
    )


def test_multiple_choice_weights_split_the_right_answers():
    two = quiz("id: q\ntype: multiple\nquestion: Chọn?\noptions:\n  - text: A\n    correct: true\n  - text: B\n    correct: true\n"
               "  - text: C\n    feedback: \"Sai: vì sao\"\n")
    assert question_to_gift(two, two.questions[0]) == (
        "::q::[markdown]Chọn? {\n\t~%50%A\n\t~%50%B\n\t~%-100%C#Sai\\: vì sao\n}"
    )
    three = quiz("id: q\ntype: multiple\nquestion: Chọn?\noptions: [{text: A, correct: true}, {text: B, correct: true}, "
                 "{text: C, correct: true}, {text: D}]\n")
    assert "\t~%33.33333%A\n\t~%33.33333%B\n\t~%33.33333%C\n\t~%-100%D\n" in question_to_gift(three, three.questions[0])


def test_true_false_feedback_goes_wrong_then_right():
    statement = "id: tf\ntype: truefalse\nquestion: Công an gọi đòi chuyển tiền là thật.\nanswer: {answer}\n" \
                "feedback_true: Chọn Đúng.\nfeedback_false: Chọn Sai.\nexplanation: Giải thích.\n"
    false_one = quiz(statement.format(answer="false"))
    assert question_to_gift(false_one, false_one.questions[0]) == (
        "::tf::[markdown]Công an gọi đòi chuyển tiền là thật. {FALSE#Chọn Đúng.#Chọn Sai. ####Giải thích.}"
    )
    true_one = quiz(statement.format(answer="true"))
    assert question_to_gift(true_one, true_one.questions[0]) == (
        "::tf::[markdown]Công an gọi đòi chuyển tiền là thật. {TRUE#Chọn Sai.#Chọn Đúng. ####Giải thích.}"
    )


def test_several_questions_named_by_quiz_and_question_with_categories():
    several = quiz("id: bo\nquestions:\n  - id: mot\n    type: truefalse\n    question: Một.\n    answer: true\n"
                   "  - id: hai\n    type: truefalse\n    question: Hai.\n    answer: false\n")
    text = quizzes_to_gift([("chuong-a", several), ("chuong-a", quiz("id: le\ntype: truefalse\nquestion: Ba.\nanswer: true\n")),
                            ("quizzes/ngan-hang", quiz("id: nh\ntype: truefalse\nquestion: Bốn.\nanswer: false\n"))])
    assert text == (
        "// Xuất từ hocvuso: 4 câu hỏi\n\n$CATEGORY: hocvuso/chuong-a\n\n"
        "::bo/mot::[markdown]Một. {TRUE}\n\n::bo/hai::[markdown]Hai. {FALSE}\n\n::le::[markdown]Ba. {TRUE}\n\n"
        "$CATEGORY: hocvuso/quizzes/ngan-hang\n\n::nh::[markdown]Bốn. {FALSE}\n"
    )


def run_export(cwd, *args):
    return subprocess.run([sys.executable, "-m", "hocvuso.cli", "export", "--format", "gift", *args],
                          capture_output=True, text=True, cwd=cwd)


def test_cli_exports_the_course_with_facts_expanded(tmp_path):
    (tmp_path / "facts.yml").write_text(FACTS, encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "bai.md").write_text(
        "# Bài\n\n```quiz\nid: bao\nquestion: Báo tin rác đến số nào?\noptions:\n"
        "  - text: \"{{ fact:bao-tin-rac-156 }}\"\n    correct: true\n  - text: Số lạ\n```\n", encoding="utf-8")
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "ngan-hang.yml").write_text("id: nh\ntype: truefalse\nquestion: Đúng không?\nanswer: true\n", encoding="utf-8")
    result = run_export(tmp_path, "--output", "cau-hoi.gift")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.strip() == "Đã xuất 2 câu hỏi sang GIFT: cau-hoi.gift"
    assert (tmp_path / "cau-hoi.gift").read_text(encoding="utf-8") == (
        "// Xuất từ hocvuso: 2 câu hỏi\n\n$CATEGORY: hocvuso/chung\n\n"
        "::bao::[markdown]Báo tin rác đến số nào? {\n\t=**156**\n\t~Số lạ\n}\n\n"
        "$CATEGORY: hocvuso/quizzes/ngan-hang\n\n::nh::[markdown]Đúng không? {TRUE}\n"
    )


def test_cli_refuses_to_export_a_broken_quiz(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "bai.md").write_text("# Bài\n\n```quiz\nid: a\nquestion: Hỏi?\noptions:\n  - text: A\n    corect: true\n"
                                               "  - text: B\n```\n", encoding="utf-8")
    result = run_export(tmp_path, "--output", "cau-hoi.gift")
    assert result.returncode == 1
    assert result.stdout.strip() == "content/bai.md:8:5: lỗi: Không có trường `corect`. Có phải bạn muốn viết `correct`?"
    assert not (tmp_path / "cau-hoi.gift").exists()


def test_fill_in_is_short_answer_matching_pairs_and_ordering_is_skipped_with_a_comment():
    several = quiz(
        "id: moi\nquestions:\n"
        "  - id: dien\n    type: fillin\n    question: Gõ số gọi công an.\n    answers: ['113', '1 1 3']\n    explanation: Số 113.\n"
        "  - id: ghep\n    type: matching\n    question: Ghép.\n    pairs:\n      - {left: Chạm, right: Mở}\n      - {left: Vuốt, right: Xem tiếp}\n"
        "  - id: xep\n    type: ordering\n    question: Xếp.\n    steps: [Một, Hai, Ba]\n"
    )
    assert quizzes_to_gift([("chuong", several)]) == (
        "// Xuất từ hocvuso: 2 câu hỏi\n\n$CATEGORY: hocvuso/chuong\n\n"
        "::moi/dien::[markdown]Gõ số gọi công an. {\n\t=113\n\t=1 1 3\n\t####Số 113.\n}\n\n"
        "::moi/ghep::[markdown]Ghép. {\n\t=Chạm -> Mở\n\t=Vuốt -> Xem tiếp\n}\n\n"
        "// Bỏ qua câu moi/xep: GIFT không có loại câu sắp xếp thứ tự.\n"
    )
