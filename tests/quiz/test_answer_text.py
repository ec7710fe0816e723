"""Typed answers are compared the Vietnamese way; the browser runs the same vectors."""

import json

import pytest

from conftest import ROOT
from hocvuso.quiz.answer_text import ALMOST, RIGHT, WRONG, check, compare, normalise

VECTORS = json.loads((ROOT / "tests" / "answer_vectors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", VECTORS["normalise"], ids=[case["text"] for case in VECTORS["normalise"]])
def test_shared_normalise_vectors(case):
    assert normalise(case["text"]) == case["expected"]


@pytest.mark.parametrize("case", VECTORS["compare"], ids=[f'{c["match"]}:{c["given"]}' for c in VECTORS["compare"]])
def test_shared_compare_vectors(case):
    assert compare(case["given"], case["accepted"], case["match"]) == case["expected"]


def test_check_prefers_a_right_answer_over_an_almost_right_one():
    assert check("ca", ["cà", "ca"]) == (RIGHT, "ca")
    assert check("ca", ["cà", "cá"]) == (ALMOST, "cà")
    assert check("cá", ["bò"]) == (WRONG, None)
