"""Whatever a writer types, the checker answers with messages, never a crash."""

import random

from hocvuso.check.page_checks import check_page

PAGE = """# Bài

!!! note "Thử"

    ```quiz
    id: cau-hoi
    questions:
      - id: mot
        type: multiple
        question: "Ai được hỏi: mã OTP?"
        hint: Nghĩ kỹ.
        options:
          - text: Ngân hàng
            feedback: Không.
          - Người thân
          - text: Không ai cả
            correct: true
        explanation: |
          Mã OTP là của riêng bạn.
      - id: hai
        type: truefalse
        question: Công an gọi đòi tiền là thật.
        answer: false
    ```
"""
ALPHABET = list(":-[]{}\"'|>&*!#%@`\t \n") + ["true", "false", "null", "correct", "id", "ư", "\u0301"]


def mutations(seed: int, count: int):
    rng = random.Random(seed)
    for _ in range(count):
        text = list(PAGE)
        for _ in range(rng.randint(1, 4)):
            position = rng.randrange(len(text))
            action = rng.random()
            if action < 0.4:
                del text[position]
            elif action < 0.8:
                text.insert(position, rng.choice(ALPHABET))
            else:
                text[position:position] = text[rng.randrange(len(text)) :][: rng.randint(1, 30)]
        yield "".join(text)


def test_random_edits_never_crash_and_every_problem_has_a_line():
    for source in mutations(seed=2026, count=1500):
        report = check_page("content/bai.md", source)
        for problem in report.diagnostics:
            assert problem.message and problem.path == "content/bai.md"
            assert problem.line >= 1, problem.format()
