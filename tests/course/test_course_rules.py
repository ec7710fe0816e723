"""Rules the whole course keeps, read from the real lessons and question banks (issue 24).

One answer each, everywhere: a rule that is taught one way in one lesson and another way in the
next confuses learners more than either rule alone.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

COURSE_FILES = sorted([*ROOT.glob("content/**/*.md"), *ROOT.glob("quizzes/*.yml")])

# 113 is the police emergency number (shared/research/facts.md, "Emergency numbers"). It is for
# danger right now; a fraud already done is reported at the commune police station or in VNeID
# ("Reporting to the police inside VNeID"). Every use of the number says so nearby.
EMERGENCY_113 = "{{ fact:cong-an-113 }}"
EMERGENCY_WORDS = ("khẩn cấp", "nguy hiểm", "chuyện gấp")
ONLY_THE_NUMBER = re.compile(r'^\s*(?:-\s*)?(?:text:\s*)?"?\{\{ fact:cong-an-113 \}\}"?\s*$')


def _lines(path):
    return path.read_text(encoding="utf-8").split("\n")


def test_there_are_course_files():
    assert len(COURSE_FILES) > 40


@pytest.mark.parametrize("path", COURSE_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_113_is_only_taught_for_danger_right_now(path):
    lines = _lines(path)
    wrong = []
    for number, line in enumerate(lines, 1):
        if EMERGENCY_113 not in line or line.lstrip().startswith("sources:") or ONLY_THE_NUMBER.match(line):
            continue
        nearby = " ".join(lines[max(0, number - 4) : number]).casefold()  # this line and the three before
        if not any(word in nearby for word in EMERGENCY_WORDS):
            wrong.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not wrong, (
        "113 only for danger right now (say 'khẩn cấp' or 'nguy hiểm' on the line or just above); "
        "a fraud already done goes to the commune police station or VNeID:\n" + "\n".join(wrong))


# Passwords on paper: one answer (issue 24). Writing a password down is allowed, kept at home in a
# safe place, never with the phone or wallet, never photographed. No lesson may say the opposite.
NEVER_ON_PAPER = re.compile(r"không (?:bao giờ )?(?:ghi|viết) (?:mật khẩu|mật mã)[^.\n]{0,30} ra giấy(?! rồi)", re.IGNORECASE)


@pytest.mark.parametrize("path", COURSE_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_lesson_forbids_what_another_allows_about_passwords_on_paper(path):
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for number, line in enumerate(_lines(path), 1) if NEVER_ON_PAPER.search(line)]
    assert not found, "Passwords may be written on paper kept safe at home; say where, not 'never':\n" + "\n".join(found)
