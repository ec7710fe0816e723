"""The sharded index in Chromium: what opening the box and typing load, and lunr's scores."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from hocvuso.search_index import SearchIndex, Section
from hocvuso.search_shards import read_docs
from test_search_browser import open_search

pytestmark = pytest.mark.browser


def search_requests(requested):
    return sorted(re.sub(r"^.*?/search/", "", url) for url in requested if "/search/" in url or "lunr" in url)


@pytest.mark.parametrize("where", ["http", "file"])
def test_opening_loads_the_manifest_and_typing_only_the_shards_its_words_need(page, site, site_url, where):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + "index.html" if where == "http" else (site / "index.html").as_uri())
    open_search(page)
    # The manifest and the writers' synonyms (search/synonyms.js): no shard, no page text yet.
    assert search_requests(requested) == ["index.js", "synonyms.js"]
    page.locator(".md-search__input").fill("lừa đảo")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^Tìm thấy \d+ bài$"))
    loaded = search_requests(requested)
    assert [name for name in loaded if name.startswith("terms/")] == ["terms/da.js", "terms/lu.js"]
    chunks = [name for name in loaded if name.startswith("docs/")]
    assert 1 <= len(chunks) <= page.locator(".md-search-result__item").count()
    assert not [name for name in loaded if "lunr" in name]
    expect(page.locator(".md-search-result__item").first).to_contain_text("lừa đảo")


def test_scores_are_lunr_py_s_for_the_same_query(page, site, site_url):
    index = SearchIndex()
    index.sections = [Section(url, title, [text]) for url, title, text in read_docs(site)]
    lunr_index = index.lunr_builder().build()
    page.goto(site_url)
    open_search(page)
    for query in ["dich vu cong", "mã OTP", "tài khoản mức 2", "cham vuot gi", "wifi"]:
        got = page.evaluate("q => hvsSearch.scores(q)", query)
        assert got["boosts"], query
        clauses = lunr_index.create_query()
        for term, boost in got["boosts"].items():
            clauses.term(term, use_pipeline=False, boost=boost)
        expected = {int(result["ref"]): result["score"] for result in lunr_index.query(clauses)}
        scores = {int(doc): score for doc, score in got["scores"].items()}
        assert scores.keys() == expected.keys(), query
        # lunr.py rounds each weight with round(x, 3), lunr.js (and the shards) as Math.round does.
        assert max(abs(scores[doc] - expected[doc]) for doc in expected) < 0.005, query
        assert len(got["order"]) == len(expected)
