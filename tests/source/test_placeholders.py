"""Placeholders as pages and quizzes write them: `{{ fact:id }}`, and anything else that opens `{{`."""

from hocvuso.source.placeholders import broken_placeholders, placeholders


def test_whole_placeholders_are_not_broken_and_code_is_not_read():
    line = "Gọi {{ fact:a }} hoặc {{fact:b}}, không phải `{{ fact:vi-du` trong mã."
    assert list(placeholders(line)) == [(4, "a"), (22, "b")]
    assert list(broken_placeholders(line)) == []


def test_a_placeholder_cut_short_or_broken_by_an_invisible_character_is_found():
    """Both passed the check, and the learner read the raw braces (found by the fuzzer)."""
    assert list(broken_placeholders("Nhắn {{ fact:bao-tin-rac-565")) == [(5, "{{ fact:bao-tin-rac-565", None)]
    assert list(broken_placeholders("Xem {{ fact:tinnhiemmang }\u00ad} nhé")) == [
        (4, "{{ fact:tinnhiemmang }\u00ad}", "U+00AD")]
    assert list(broken_placeholders("Số {{ fact:a }.")) == [(3, "{{ fact:a }", None)]
    assert list(broken_placeholders('text: "{{fact:a"')) == [(7, "{{fact:a", None)]
    assert list(broken_placeholders("{{ fact:a }} rồi {{")) == [(17, "{{", None)]
