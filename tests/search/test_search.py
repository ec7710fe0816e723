"""Search, the Python half: the text keys, what goes into the index, and its compact form."""

from __future__ import annotations

import json
import unicodedata

import pytest

from conftest import ROOT
from hocvuso.search.index import page_sections
from hocvuso.text.keys import folded_key, syllables, tone_key
from searching import small_index

VECTORS = json.loads((ROOT / "tests" / "search_vectors.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", VECTORS, ids=[case["text"] for case in VECTORS])
def test_shared_vectors(case):
    found = syllables(case["text"])
    assert found == case["syllables"]
    assert [tone_key(s) for s in found] == case["tone_keys"]
    assert [folded_key(s) for s in found] == case["folded"]


def test_either_tone_placement_nfd_and_case_give_one_tone_key():
    forms = ["hòa", "hoà", "HÒA", unicodedata.normalize("NFD", "hoà"), unicodedata.normalize("NFD", "Hòa")]
    assert {tone_key(syllables(form)[0]) for form in forms} == {"hoa2"}


def test_folding_merges_words_the_tone_key_keeps_apart():
    words = ["công", "cộng", "cống"]
    assert {folded_key(w) for w in words} == {"cong"}
    assert len({tone_key(w) for w in words}) == 3
    assert folded_key("đảo") == "dao" and tone_key("đảo") == "đao3"


LESSON_HTML = """
<h1 id="bai">Bảo vệ mã OTP</h1>
<p>Mã OTP là mã xác thực.</p>
<h2 id="giu-mat-khau">Giữ mật khẩu <a class="headerlink" href="#giu-mat-khau">¶</a></h2>
<p>Không đưa mật khẩu cho ai.</p><script>var x = "mã nguồn";</script>
<div class="hvs-quiz" data-quiz="q" data-key="ENCODED"><form class="hvs-q" data-q="a"><fieldset>
<legend class="hvs-prompt"><span class="hvs-num" data-search-exclude>Câu 1/2.</span> Ai được hỏi mã OTP?</legend>
<label class="hvs-opt"><input type="radio" name="o" value="0"><span>Không ai cả</span></label></fieldset>
<div class="hvs-actions" data-search-exclude><button type="submit">Kiểm tra</button></div></form></div>
<h3 id="ghi-nho">Ghi nhớ</h3><ul><li>Mã OTP chỉ dành cho bạn.</li><li>Không đưa cho ai.</li></ul>
"""


def test_a_page_is_split_at_its_headings_and_keeps_quiz_options_out():
    sections = page_sections("bai.html", "Tiêu đề trang", LESSON_HTML)
    assert [(s.location, s.title) for s in sections] == [
        ("bai.html", "Bảo vệ mã OTP"),
        ("bai.html#giu-mat-khau", "Giữ mật khẩu"),
        ("bai.html#ghi-nho", "Ghi nhớ"),
    ]
    assert sections[0].text == "Mã OTP là mã xác thực."
    assert sections[1].text == "Không đưa mật khẩu cho ai. Ai được hỏi mã OTP?"
    assert sections[2].text == "Mã OTP chỉ dành cho bạn. Không đưa cho ai."
    every_text = " ".join(s.title + " " + s.text for s in sections)
    for hidden in ["Không ai cả", "Kiểm tra", "Câu 1/2", "mã nguồn", "¶", "ENCODED"]:
        assert hidden not in every_text


def test_compact_index_holds_exactly_what_lunr_counted():
    index = small_index()
    builder, data = index.lunr_builder(), index.as_data()
    terms = data["terms"].split(" ")
    assert terms == sorted(terms) and "đao3" in terms and "công" in terms and "wifi" in terms and "công5" not in terms
    for (name, _), per_doc in zip(data["fields"], data["counts"]):
        assert len(per_doc) == len(data["docs"]) == 4
        for doc, flat in enumerate(per_doc):
            position, counts = 0, {}
            for k in range(0, len(flat), 2):
                position += flat[k]
                counts[terms[position]] = flat[k + 1]
            assert counts == dict(builder.field_term_frequencies[f"{name}/{doc}"]), (name, doc)
    assert data["docs"][1] == ["b.html", "Dịch vụ công", "Làm thủ tục trên mạng. Công an xã hướng dẫn dịch vụ công."]
    assert data["docs"][3] == ["c.html#d", "Ghi nhớ", "Tắt Wi-Fi lạ."]


def test_scripts_the_build_writes_keep_writers_text_as_data():
    # escaping.script_data: the search shards and docs, the synonyms, the course map.
    from hocvuso.text.escaping import script_data

    text = script_data(["Tin giả\u2028", "</script><!-- & -->", "Đừng chia sẻ."])
    assert "\u2028" not in text and "<" not in text and ">" not in text and "&" not in text
    assert "Đừng chia sẻ." in text  # UTF-8, not \\u escapes
    assert json.loads(text) == ["Tin giả\u2028", "</script><!-- & -->", "Đừng chia sẻ."]
