from html.parser import HTMLParser

from hocvuso import answer_key
from hocvuso.checking import check_quiz_source
from hocvuso.render import render_quiz

SOURCE = """\
id: otp
questions:
  - id: ai-hoi
    question: Ai được hỏi **mã OTP** của bạn?
    hint: Nghĩ xem mã này để làm gì.
    options:
      - text: Nhân viên ngân hàng
        feedback: Ngân hàng không bao giờ hỏi mã OTP.
      - text: Không ai cả
        correct: true
    explanation: Mã OTP là của riêng bạn.
  - id: cong-an
    type: truefalse
    question: Công an gọi điện đòi chuyển tiền là thật.
    answer: false
    feedback_true: Kẻ gian hay giả làm công an.
  - id: dau-hieu
    type: multiple
    question: Dấu hiệu lừa đảo?
    options:
      - text: Giục làm ngay
        correct: true
      - text: Bắt giữ bí mật
        correct: true
      - text: Hẹn gặp ở trụ sở
"""


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text = []
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def render() -> tuple[str, _Text]:
    checked = check_quiz_source(SOURCE, "bai.md")
    assert checked.diagnostics == []
    html = render_quiz(checked.quiz)
    parsed = _Text()
    parsed.feed(html)
    return html, parsed


def test_questions_and_options_are_readable_with_markdown():
    html, parsed = render()
    text = "".join(parsed.text)
    assert "Câu 1/3." in text and "Ai được hỏi mã OTP của bạn?" in text
    assert "<strong>mã OTP</strong>" in html
    assert [attrs["type"] for tag, attrs in parsed.tags if tag == "input"] == ["radio"] * 4 + ["checkbox"] * 3
    assert "Đúng" in parsed.text and "Sai" in parsed.text
    assert "Chọn tất cả các đáp án đúng." in text


def test_answers_feedback_explanations_and_hints_are_not_in_the_text():
    html, _ = render()
    for secret in ["Ngân hàng không bao giờ hỏi", "Mã OTP là của riêng bạn", "Kẻ gian hay giả", "Nghĩ xem", "correct"]:
        assert secret not in html


def test_answer_key_decodes_to_correct_options_feedback_and_explanation():
    html, parsed = render()
    quiz = next(attrs for tag, attrs in parsed.tags if attrs.get("class") == "hvs-quiz")
    key = answer_key.decode(quiz["data-key"])
    assert key["ai-hoi"] == [[1], {"0": "Ngân hàng không bao giờ hỏi mã OTP."}, "<p>Mã OTP là của riêng bạn.</p>",
                             "Nghĩ xem mã này để làm gì."]
    assert key["cong-an"][0] == [1] and key["cong-an"][1] == {"0": "Kẻ gian hay giả làm công an."}
    assert key["dau-hieu"][0] == [0, 1]


def test_every_input_has_a_label_and_every_question_a_live_result():
    html, parsed = render()
    assert html.count('<label class="hvs-opt"><input') == 7
    assert html.count('role="status" aria-live="polite"') == 3
    assert html.count('<button type="button" class="hvs-hint">Xem gợi ý</button>') == 1
