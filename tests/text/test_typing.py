"""Raw Telex/VNI and synonyms, the Python half: shared vectors, every syllable of the course typed
raw and decoded back, and synonyms.yml read, merged with a fork's file and written as a script."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from conftest import ROOT
from hocvuso.text import raw_typing
from hocvuso.text.raw_typing import decode, decode_word, is_plain_syllable
from hocvuso.text.keys import folded_key, syllables, tone_key
from hocvuso.search.synonyms import GLOBAL_NAME, query_variants, read_synonyms, script

VECTORS = json.loads((ROOT / "tests" / "typing_vectors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", VECTORS["words"], ids=[case["typed"] for case in VECTORS["words"]])
def test_shared_word_vectors(case):
    assert decode_word(case["typed"]) == case["decoded"]


@pytest.mark.parametrize("case", VECTORS["queries"], ids=[case["typed"] for case in VECTORS["queries"]])
def test_shared_query_vectors(case):
    assert decode(case["typed"]) == case["decoded"]


@pytest.mark.parametrize("case", VECTORS["variants"], ids=[case["query"] for case in VECTORS["variants"]])
def test_shared_synonym_vectors(case):
    assert [list(variant) for variant in query_variants(case["query"], VECTORS["synonym_groups"])] == case["variants"]


def test_vectors_hold_negative_cases_of_every_kind():
    kept = {case["typed"] for case in VECTORS["words"] if case["typed"] == case["decoded"]}
    assert {"hoa", "lua", "dao", "cong", "online", "app", "zalo", "vneid"} <= kept
    assert len(VECTORS["words"]) >= 80


def course_syllables() -> set[str]:
    found = set()
    for path in (ROOT / "content").rglob("*.md"):
        found |= set(syllables(path.read_text(encoding="utf-8")))
    return {word for word in found if re.fullmatch("[a-zđăâêôơư\u0300-\u036f\u00c0-\u1ef9]+", word) and word != folded_key(word)}


_TELEX_MARKS = {"ă": "aw", "â": "aa", "ê": "ee", "ô": "oo", "ơ": "ow", "ư": "uw", "đ": "dd"}
_VNI_MARKS = {"ă": "a8", "â": "a6", "ê": "e6", "ô": "o6", "ơ": "o7", "ư": "u7", "đ": "d9"}


def typed_raw(word: str, marks: dict[str, str], tones: str) -> str:
    """How a learner without a Vietnamese keyboard types `word`: each mark after its letter, the tone last."""
    key = tone_key(word)
    tone = key[-1] if key[-1].isdigit() else ""
    base = key[:-1] if tone else key
    return "".join(marks.get(char, char) for char in base) + (tones[int(tone) - 1] if tone else "")


def test_every_accented_syllable_of_the_course_typed_in_telex_or_vni_is_found_again():
    words = course_syllables()
    assert len(words) > 500
    wrong = []
    for word in sorted(words):
        if "oo" in folded_key(word) or word in ("â", "ă", "đ"):  # boong, xoong: ambiguous with ô; letters, not syllables
            continue
        for typed in (typed_raw(word, _TELEX_MARKS, "sfrxj"), typed_raw(word, _VNI_MARKS, "12345")):
            if tone_key(decode_word(typed)) != tone_key(word):
                wrong.append((word, typed, decode_word(typed)))
    assert wrong == []


def test_every_syllable_of_the_course_without_accents_is_a_plain_syllable_and_kept():
    folded = {folded_key(word) for word in course_syllables() if word not in ("â", "ă", "đ")} - {"boong", "xoong"}
    assert [word for word in sorted(folded) if not is_plain_syllable(word)] == []
    assert [word for word in sorted(folded) if decode_word(word) != word] == []


def test_decoded_tone_goes_on_the_main_vowel_in_nfc():
    assert decode("hoaf thuyr khoer nguwowif") == "hoà thuỷ khoẻ người"
    assert all(unicodedata.is_normalized("NFC", word) for word in decode("hoaf thuyr khoer").split())
    assert raw_typing.decode_word("matf") == "matf"  # a rhyme ending in t takes only sắc or nặng


def read(files):
    return read_synonyms([(path, text) for path, text in files])


def test_a_forks_file_extends_the_national_groups():
    groups, problems = read([("synonyms.yml", "- [app, ứng dụng]\n- [online, trên mạng]\n"),
                             ("synonyms.local.yml", "- [ỨNG DỤNG, phần mềm]\n- [zalo, da lô]\n")])
    assert problems == []
    assert groups == [["app", "ứng dụng", "phần mềm"], ["online", "trên mạng"], ["zalo", "da lô"]]


def test_phrases_are_nfc_with_single_spaces_and_either_tone_placement_is_one_phrase():
    groups, problems = read([("synonyms.yml", unicodedata.normalize("NFD", "- [khoá  máy, khóa máy]\n- [tắt   máy, sập nguồn]\n"))])
    assert [(problem.line, problem.message) for problem in problems] == [
        (1, "Cụm từ “khóa máy” trùng với “khoá máy” trong cùng nhóm. Hãy bỏ một chỗ.")]
    assert groups == [["tắt máy", "sập nguồn"]]


def test_no_file_or_an_empty_file_has_no_groups():
    assert read([]) == ([], [])
    assert read([("synonyms.yml", "# chưa có nhóm nào\n")]) == ([], [])


def test_script_keeps_writers_text_inside_the_string():
    groups = [["a</script><script>alert(1)</script>", "<!-- b & c", "d\u2028e"]]
    text = script(groups)
    assert text.startswith(f"var {GLOBAL_NAME}=[") and text.endswith("];\n")
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text[len(f"var {GLOBAL_NAME}=") : -2]) == groups


def test_the_course_synonyms_are_read_without_problems():
    groups, problems = read([("synonyms.yml", (ROOT / "synonyms.yml").read_text(encoding="utf-8"))])
    assert problems == [] and len(groups) >= 10
    phrases = {phrase for group in groups for phrase in group}
    assert {"hack", "chiếm tài khoản", "mất nick", "app", "ứng dụng", "online", "trên mạng"} <= phrases


def test_the_built_site_has_the_synonyms_script(site):
    text = (site / "search" / "synonyms.js").read_text(encoding="utf-8")
    assert text.startswith(f"var {GLOBAL_NAME}=[[") and "chiếm tài khoản" in text
    assert (site / "assets" / "hocvuso" / "query-expansion.js").is_file()
