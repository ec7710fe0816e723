"""Search, the Python half: the text keys, what goes into the index, and its compact form."""

from __future__ import annotations

import json
import unicodedata

import pytest

from conftest import ROOT
from hocvuso.search_index import SearchIndex, page_sections
from hocvuso.search_keys import folded_key, syllables, tone_key

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


def test_compact_index_holds_exactly_what_lunr_built():
    from lunr.builder import Builder

    index = SearchIndex()
    index.add_page("a.html", "A", "<h1 id='a'>Lừa đảo qua điện thoại</h1><p>Kẻ gian gọi điện, giả làm công an.</p>")
    index.add_page("b.html", "B", "<h1 id='b'>Dịch vụ công</h1><p>Công an xã hướng dẫn dịch vụ công.</p>")
    data = index.as_data()
    terms = data["terms"].split(" ")
    assert terms == sorted(terms) and "đao3" in terms and "công" in terms and "công5" not in terms
    restored = {}
    for name, per_doc in zip(data["fields"], data["vectors"]):
        for doc, flat in enumerate(per_doc):
            position, pairs = 0, []
            for k in range(0, len(flat), 2):
                position += flat[k]
                pairs.append((terms[position], flat[k + 1]))
            restored[f"{name}/{doc}"] = pairs
    builder = Builder()
    builder.pipeline.reset()
    builder.ref("i")
    builder.field("t", boost=5)
    builder.field("x")
    builder.add({"i": "0", "t": "lưa2 đao3 qua điên5 thoai5", "x": "ke3 gian goi5 điên5 gia3 lam2 công an"})
    builder.add({"i": "1", "t": "dich5 vu5 công", "x": "công an xa4 hương1 dân4 dich5 vu5 công"})
    serialized = builder.build().serialize()
    names = {entry[1]["_index"]: entry[0] for entry in serialized["invertedIndex"]}
    for ref, elements in serialized["fieldVectors"]:
        expected = sorted((names[elements[k]], max(1, round(elements[k + 1] * 4))) for k in range(0, len(elements), 2))
        assert sorted(restored[ref]) == expected, ref
    assert data["docs"][1] == ["b.html", "Dịch vụ công", "Công an xã hướng dẫn dịch vụ công."]


def test_index_script_is_one_classic_script_safe_for_old_engines():
    index = SearchIndex()
    index.add_page("a.html", "A", "<h1 id='a'>Tin giả\u2028</h1><p>Đừng chia sẻ.</p>")
    script = index.script()
    assert script.startswith("var __hvsSearchIndex={") and script.endswith("};\n")
    assert "\u2028" not in script and "Đừng chia sẻ." in script  # UTF-8, not \\u escapes
