"""The sharded search index (hocvuso/search/shards.py): its layout, and that the shards hold
exactly what the whole index holds, with lunr.py's weights."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from hocvuso.search.index import FIELDS, SearchIndex
from hocvuso.text.keys import folded_key, syllables, tone_key
from hocvuso.search.shards import (DOCS_FOLDER, FILES_PER_FOLDER, SECTIONS_PER_CHUNK, MANIFEST, SHARD_FOLDER, chunk_depth,
                                   chunk_path, read_docs, read_script_argument, shard_key, shard_name, term_fold)
from searching import small_index


def bigger_index() -> SearchIndex:
    index = small_index()
    for n in range(12):  # enough pages for several docs chunks
        body = "".join(f"<h2 id='s{k}'>Phần {k} về mật khẩu</h2><p>{'Bạn giữ mã OTP, đừng đưa cho ai. ' * (40 + n)}"
                       f"Mức {n} và Wi-Fi số {n * 7}.</p>" for k in range(3))
        index.add_page(f"p{n}.html", f"Trang {n}", f"<h1 id='p'>Học lừa đảo {n}</h1><p>Hóc, hộc, học.</p>{body}")
    return index


def manifest(site):
    text = (site / MANIFEST).read_text(encoding="utf-8")
    assert text.startswith("var __hvsSearchIndex={") and text.endswith("};\n")
    return json.loads(text[len("var __hvsSearchIndex="):-2])


def shards(site) -> dict[str, dict]:
    found = {}
    for path in (site / SHARD_FOLDER).glob("*.js"):
        key, data = read_script_argument(path, 0), read_script_argument(path, 1)
        assert path.read_text(encoding="utf-8").startswith(f'__hvsSearchShard({json.dumps(key, ensure_ascii=False)},')
        assert path.name == shard_name(key) + ".js"
        found[key] = data
    return found


def undo_gaps(flat, step):
    doc, out = 0, []
    for k in range(0, len(flat), step):
        doc += flat[k]
        out.append((doc, *flat[k + 1 : k + step]))
    return out


@pytest.fixture
def written(tmp_path):
    index = bigger_index()
    index.write(tmp_path)
    return index, tmp_path


def test_every_term_is_in_exactly_one_shard_the_one_its_folded_prefix_names(written):
    index, site = written
    data, found = index.as_data(), shards(site)
    assert set(manifest(site)["shards"].split(" ")) == set(found)
    placed = Counter(term for shard in found.values() for term in shard["w"])
    assert set(placed) == set(data["terms"].split(" ")) and set(placed.values()) == {1}
    for key, shard in found.items():
        for term in shard["w"]:
            assert shard_key(term_fold(term)) == key, term
    # "hoc" reaches "học", "hóc" and "hộc": all three in the one shard "hoc".
    assert {"hoc5", "hoc1", "hôc5"} <= set(found["hoc"]["w"])
    assert "đao3" in found["dao"]["w"] and "wifi" in found["wif"]["w"] and "mưc1" in found["muc"]["w"]
    assert not any("n" in shard for shard in found.values())  # no term lost a section


def test_shard_weights_are_lunr_py_s_bm25_over_the_whole_index(written):
    index, site = written
    builder = index.lunr_builder()
    builder.build()
    names = {posting["_index"]: term for term, posting in builder.inverted_index.items()}
    expected = {}
    for ref, vector in builder.field_vectors.items():
        elements = vector.elements
        for k in range(0, len(elements), 2):
            expected[(str(ref), names[elements[k]])] = elements[k + 1]
    got = {}
    for shard in shards(site).values():
        for term, per_field in shard["w"].items():
            for (name, _), flat in zip(FIELDS, per_field):
                for doc, milli in undo_gaps(flat, 2):
                    got[(f"{name}/{doc}", term)] = milli / 1000
    assert got.keys() == expected.keys()
    # lunr.py rounds with round(x, 3), the phone's lunr.js with Math.round: at most 0.001 apart.
    assert max(abs(got[key] - expected[key]) for key in expected) <= 0.0011
    assert sum(got[key] != expected[key] for key in expected) < len(expected) / 20


def test_docs_chunks_hold_every_section_in_order_a_fixed_number_each(written):
    index, site = written
    data, found = index.as_data(), manifest(site)
    assert read_docs(site) == data["docs"]
    assert found["docs"] == len(data["docs"]) and found["fields"] == [["t", 5], ["x", 1]]
    pages = list(__import__("itertools").accumulate(found["pages"]))
    assert pages == [i for i, doc in enumerate(data["docs"]) if "#" not in doc[0]]
    files = sorted((site / DOCS_FOLDER).glob("*.js"), key=lambda path: int(path.stem))
    assert [int(path.stem) for path in files] == list(range(len(files))) and len(files) > 2
    for number, path in enumerate(files):  # chunk n: sections n × chunk onwards
        first = number * found["chunk"]
        assert read_script_argument(path, 0) == number
        assert read_script_argument(path, 1) == data["docs"][first : first + SECTIONS_PER_CHUNK]
    assert found["chunk"] == SECTIONS_PER_CHUNK and len(files) == -(-len(data["docs"]) // SECTIONS_PER_CHUNK)


def test_positions_are_where_each_syllable_is_title_first(written):
    index, site = written
    expected = Counter()
    for doc, section in enumerate(index.sections):
        title_words = len(syllables(section.title))
        for at, syllable in enumerate(syllables(section.title + " \n " + section.text)):
            expected[(folded_key(syllable), tone_key(syllable), doc, at < title_words, at)] += 1
    got = Counter()
    for key, shard in shards(site).items():
        for fold, tones in shard["p"].items():
            assert shard_key(fold) == key
            for tone, flat in tones.items():
                k, doc = 0, 0
                while k < len(flat):
                    doc += flat[k]
                    n = flat[k + 1]
                    m = flat[k + 2 + n]
                    for in_title, gaps in ((True, flat[k + 2 : k + 2 + n]), (False, flat[k + 3 + n : k + 3 + n + m])):
                        at = 0
                        for gap in gaps:
                            at += gap
                            got[(fold, tone, doc, in_title, at)] += 1
                    k += 3 + n + m
    assert got == expected and max(expected.values()) == 1


def test_shard_names_are_safe_file_names():
    assert shard_name("ng") == "ng" and shard_name("") == "_" and shard_name("ß") == "_df"
    assert term_fold("học5") == "hoc" and term_fold("2") == "" and shard_key("nguoi") == "ngu" and shard_key("ma") == "ma"


def test_the_site_writes_no_whole_index_any_more(site):
    assert (site / MANIFEST).stat().st_size < 5000  # the manifest: no text, no postings
    assert len(list((site / SHARD_FOLDER).glob("*.js"))) > 50 and len(list((site / DOCS_FOLDER).glob("*.js"))) > 5


def test_a_term_in_more_sections_than_the_cap_keeps_those_it_weighs_most_in(tmp_path):
    index = bigger_index()
    full, capped = tmp_path / "full", tmp_path / "capped"
    index.write(full)
    index.write(capped, cap=5, positions_cap=3)
    whole, cut = shards(full), shards(capped)
    lost = {}
    for key, shard in whole.items():
        for term, per_field in shard["w"].items():
            impact = Counter()
            for flat in per_field:
                for doc, milli in undo_gaps(flat, 2):
                    impact[doc] += milli
            kept = Counter()
            for full_flat, cut_flat in zip(per_field, cut[key]["w"][term]):
                cut_postings = undo_gaps(cut_flat, 2)
                # The weights stay the whole index's: only sections go.
                assert set(cut_postings) <= set(undo_gaps(full_flat, 2))
                for doc, milli in cut_postings:
                    kept[doc] += milli
            if len(impact) <= 5:
                assert kept == impact and term not in cut[key].get("n", {})
                continue
            lost[term] = len(impact)
            assert len(kept) == 5 and min(kept.values()) >= max(v for d, v in impact.items() if d not in kept)
            # Positions only where the term weighs most: its 3 heaviest sections.
            heaviest = set(sorted(impact, key=lambda doc: (-impact[doc], doc))[:3])
            fold = term_fold(term)
            if fold in cut[key]["p"] and term in cut[key]["p"][fold]:
                flat, k, doc, where = cut[key]["p"][fold][term], 0, 0, set()
                while k < len(flat):
                    doc += flat[k]
                    where.add(doc)
                    k += 3 + flat[k + 1] + flat[k + 2 + flat[k + 1]]
                assert where == heaviest
    assert {term: n for shard in cut.values() for term, n in shard.get("n", {}).items()} == lost
    assert {"ban5", "ma4", "otp"} <= set(lost)  # "Bạn giữ mã OTP" is in every section


def test_the_docs_chunks_are_a_tree_no_folder_of_which_holds_more_than_its_limit(tmp_path):
    # A course big enough for three levels of folders at a limit of 3 entries a folder (the
    # site's limit, FILES_PER_FOLDER, is reached only by ten thousands of lessons).
    index = bigger_index()
    chunks = -(-len(index.sections) // SECTIONS_PER_CHUNK)
    assert chunks > 3 ** 2
    index.write(tmp_path, per_folder=3)
    found = manifest(tmp_path)
    assert found["folder"] == 3 and found["depth"] == chunk_depth(chunks, 3) >= 2
    docs = tmp_path / DOCS_FOLDER
    folders = [docs, *(path for path in docs.rglob("*") if path.is_dir())]
    assert max(len(list(folder.iterdir())) for folder in folders) <= 3
    files = sorted(docs.rglob("*.js"), key=lambda path: int(path.stem))
    assert [path.relative_to(docs).as_posix() for path in files] == [chunk_path(n, 3, found["depth"]) for n in range(chunks)]
    assert {len(path.relative_to(docs).parts) for path in files} == {found["depth"] + 1}  # every chunk at the same depth
    assert read_docs(tmp_path) == index.as_data()["docs"]
    for number, path in enumerate(files):
        assert read_script_argument(path, 0) == number
    # Written again, smaller: no chunk of the former layout stays behind.
    index.write(tmp_path)
    assert manifest(tmp_path)["depth"] == 0 and len(list(docs.rglob("*.js"))) == len(list(docs.glob("*.js"))) == chunks
    assert read_docs(tmp_path) == index.as_data()["docs"]


def test_the_depth_is_the_fewest_levels_that_keep_every_folder_within_its_limit():
    assert [chunk_depth(n, 10) for n in (0, 1, 10, 11, 100, 101, 1000, 1001)] == [0, 0, 0, 1, 1, 2, 2, 3]
    assert chunk_path(7, 10, 0) == "7.js" and chunk_path(57, 10, 1) == "5/57.js" and chunk_path(157, 10, 2) == "1/5/157.js"
    # 10,000 lessons: about 45,000 chunks, in 45 folders of at most 1,000.
    assert chunk_depth(45_000) == 1 and chunk_path(44_999) == "44999.js" and chunk_path(44_999, FILES_PER_FOLDER, 1) == "44/44999.js"
