"""Search in a real Chromium: typed into the real search box, over http under a sub-path and
from file://. Every test fails on a console error or a request to another host (conftest.Guard)."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from conftest import ROOT
from searching import READY, open_search, relevance_cases, relevance_misses

pytestmark = pytest.mark.browser
RELEVANCE = relevance_cases("search_relevance.yml")
VECTORS = json.loads((ROOT / "tests" / "search_vectors.json").read_text(encoding="utf-8"))["cases"]


def test_python_and_browser_compute_the_same_keys(page, site_url):
    page.goto(site_url)
    got = page.evaluate(
        """cases => cases.map(c => {
            const s = hvs.text.syllables(c.text);
            return {syllables: s, tone_keys: s.map(hvs.text.toneKey), folded: s.map(hvs.text.foldedKey)};
        })""",
        VECTORS,
    )
    expected = [{k: case[k] for k in ("syllables", "tone_keys", "folded")} for case in VECTORS]
    assert got == expected


# lunr.js is no longer loaded: the scores are compared with lunr.py's in
# test_search_shards_browser.py (test_scores_are_lunr_py_s_for_the_same_query).


def test_relevance_set_expected_lesson_in_the_first_three(page, site_url):
    assert len(RELEVANCE) >= 40 and len({case["kind"] for case in RELEVANCE}) >= 8
    page.goto(site_url)
    misses = relevance_misses(page, open_search(page), RELEVANCE, site_url)
    assert not misses, "\n".join(misses)


def test_query_without_accents_highlights_the_accented_words(page, site_url):
    page.goto(site_url + "phong-chong-lua-dao/01-cuoc-goi-lua-dao.html")
    box = open_search(page)
    box.fill("lua dao")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^Tìm thấy \d+ bài$"))
    first = page.locator(".md-search-result__item").first
    marks = first.locator("mark").all_inner_texts()
    assert {"lừa", "đảo"} <= {m.lower() for m in marks}, marks
    box.fill("xyzxyz")
    expect(page.locator(".md-search-result__meta")).to_have_text("Không tìm thấy bài nào")


def test_nothing_is_loaded_for_search_until_the_learner_opens_it(page, site_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + "phong-chong-lua-dao/index.html")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "search/index.js" in url or "lunr" in url]
    open_search(page)
    assert any(url.endswith("/search/index.js") for url in requested)
    assert not [url for url in requested if "search_index" in url or "workers/search" in url]


def test_search_from_file_url_like_a_usb_stick(page, site):
    page.goto((site / "thanh-toan-so" / "index.html").as_uri())
    box = open_search(page)
    box.fill("dich vu cong")
    link = page.locator(".md-search-result__item > a.md-search-result__link").first
    expect(link).to_contain_text("Dịch vụ công")
    link.click()
    expect(page).to_have_url(re.compile(r"^file://.*/dich-vu-cong-truc-tuyen/.*\.html"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dịch vụ công")


def test_search_by_keyboard_only(page, site_url):
    page.goto(site_url + "lam-quen-dien-thoai/index.html")
    page.keyboard.press("/")
    expect(page.locator(".md-search-result__meta")).to_have_text(READY)
    expect(page.locator(".md-search__input")).to_be_focused()
    page.keyboard.type("ma otp")
    # Typed a key at a time: "ma"'s results may show on the way; wait for the whole query's.
    expect(page.locator(".md-search-result__list")).to_have_attribute("data-hvs-query", "ma otp")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^Tìm thấy \d+ bài$"))
    page.keyboard.press("ArrowDown")
    first = page.locator(".md-search-result__link").first
    expect(first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".md-search-result__link").nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.locator(".md-search__input")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    page.keyboard.press("s")
    page.keyboard.press("Enter")  # the query is kept: Enter opens the first result
    expect(page.get_by_role("heading", level=1)).to_contain_text("OTP")


def test_while_the_index_loads_the_box_says_it_is_preparing(page, site_url):
    # On a slow 2G line the manifest takes a while: the learner reads why nothing shows yet.
    page.goto(site_url + "index.html")
    page.evaluate("""() => { const meta = document.querySelector('.md-search-result__meta');
        window.__said = []; new MutationObserver(() => window.__said.push(meta.textContent.trim()))
        .observe(meta, {childList: true, characterData: true, subtree: true}); }""")
    open_search(page)
    assert page.evaluate("window.__said")[0] == "Đang chuẩn bị tìm kiếm…"
