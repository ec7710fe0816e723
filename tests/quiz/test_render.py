from html.parser import HTMLParser

from hocvuso.quiz import answer_key
from hocvuso.check.page_checks import check_quiz_source
from hocvuso.quiz.render import render_quiz

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


NEW_TYPES = """
id: kieu-moi
questions:
  - id: dien
    type: fillin
    question: Gõ tên tỉnh.
    answers: [Hòa Bình, Hoà Bình]
    accept_without_accents: true
    hint: [Gợi ý một, Gợi ý hai]
  - id: xep
    type: ordering
    question: Xếp các bước.
    steps: [Bước một, Bước hai, Bước ba, Bước bốn]
  - id: ghep
    type: matching
    question: Ghép.
    pairs:
      - {left: Chạm, right: Mở ứng dụng}
      - {left: Vuốt, right: Đọc tiếp}
      - {left: Giữ, right: Hiện thêm lựa chọn}
"""


def test_new_types_keep_answers_in_the_key_and_show_shuffled_items():
    from hocvuso.quiz.render import shuffled

    checked = check_quiz_source(NEW_TYPES, "bai.md")
    assert checked.diagnostics == []
    html = render_quiz(checked.quiz)
    parsed = _Text()
    parsed.feed(html)
    assert "Hòa Bình" not in html and "Gợi ý" not in html
    assert '<input type="text" class="hvs-text" name="t"' in html and 'data-type="fillin"' in html
    key = answer_key.decode(next(a for _, a in parsed.tags if a.get("class") == "hvs-quiz")["data-key"])
    assert key["dien"] == [["Hòa Bình", "Hoà Bình"], {"m": "text", "a": 1}, "", ["Gợi ý một", "Gợi ý hai"]]
    # Steps are shown in a fixed shuffled order, never the right one; the key says where each right step is shown.
    order = shuffled("kieu-moi/xep", 4)
    assert order != [0, 1, 2, 3] and order == shuffled("kieu-moi/xep", 4)
    shown = [text for text in parsed.text if text.startswith("Bước")]
    assert shown == [["Bước một", "Bước hai", "Bước ba", "Bước bốn"][index] for index in order]
    assert [shown[index] for index in key["xep"][0]] == ["Bước một", "Bước hai", "Bước ba", "Bước bốn"]
    # Matching: a group of radios per left item, right items shuffled; the key points at each pair.
    choices = [text for text in parsed.text if text in ("Mở ứng dụng", "Đọc tiếp", "Hiện thêm lựa chọn")][:3]
    assert choices != ["Mở ứng dụng", "Đọc tiếp", "Hiện thêm lựa chọn"]
    assert [choices[index] for index in key["ghep"][0]] == ["Mở ứng dụng", "Đọc tiếp", "Hiện thêm lựa chọn"]
    assert sum(tag == "fieldset" and attrs.get("class") == "hvs-pair" for tag, attrs in parsed.tags) == 3
    radios = [attrs for tag, attrs in parsed.tags if tag == "input" and attrs.get("name", "").startswith("p")]
    assert [(r["name"], r["value"]) for r in radios] == [(f"p{row}", str(shown)) for row in range(3) for shown in range(3)]
    assert "<select" not in html


def test_shuffled_is_never_the_identity():
    from hocvuso.quiz.render import shuffled

    for count in range(2, 9):
        for seed in ("a", "b", "quiz/cau-1", "x/y"):
            order = shuffled(seed, count)
            assert sorted(order) == list(range(count)) and order != list(range(count))
