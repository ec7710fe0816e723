"""Search as the tests drive it: the real search box opened and typed into as a learner does, the
results read, the relevance sets (tests/search_relevance*.yml) checked; and a small index."""

from __future__ import annotations

import re
import unicodedata

import yaml
from playwright.sync_api import expect

from conftest import ROOT
from hocvuso.search.index import SearchIndex

READY = "Gõ từ cần tìm"


def relevance_cases(name: str) -> list[dict]:
    """A relevance set: each case a query (q), its kind, and the lessons expected in the first
    three results (expect) or the query whose first three it must give (same_as)."""
    return yaml.safe_load((ROOT / "tests" / name).read_text(encoding="utf-8"))


def open_search(page):
    box = page.locator(".md-search__input")
    magnifier = page.locator("label.md-header__button[for=__search]")
    if magnifier.is_visible():  # phones: the magnifier in the header opens the search
        magnifier.click()
    else:
        box.click()
    expect(page.locator(".md-search-result__meta")).to_have_text(READY)
    return box


def search_for(page, box, query: str) -> None:
    """Types a query as a learner would and waits for its results: the list is emptied first, so
    the results counted afterwards are this query's, never the previous one's."""
    box.fill("")
    expect(page.locator(".md-search-result__meta")).to_have_text(READY)
    expect(page.locator(".md-search-result__item")).to_have_count(0)
    box.fill(query)
    expect(page.locator(".md-search-result__list")).to_have_attribute("data-hvs-query", query)
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^(Tìm thấy \d+ bài|Không tìm thấy bài nào)$"))


def all_results_shown(page, most: int = 10) -> None:
    """Waits until the list shows every result it will (the first three come at once, the rest
    once typing pauses): as many pages as the count line says, at most ten."""
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(re.compile(r"^Tìm thấy (ít nhất )?\d+ bài$"))
    found = int(re.search(r"\d+", meta.inner_text()).group())
    expect(page.locator(".md-search-result__item")).to_have_count(min(found, most))


def result_pages(page) -> list[str]:
    links = page.locator(".md-search-result__item > a.md-search-result__link:first-child")
    return [href.split("#")[0] for href in links.evaluate_all("links => links.map(a => a.href)")]


def relevance_misses(page, box, cases: list[dict], base: str = "") -> list[str]:
    """Searches each case in the open box; says each one whose first three results miss what it
    expects (its results shown relative to `base`, when given). Kind "nfd": typed decomposed."""
    misses = []
    for case in cases:
        if "same_as" in case:
            search_for(page, box, case["same_as"])
            expected = result_pages(page)[:3]
            assert len(expected) == 3, case
        search_for(page, box, unicodedata.normalize("NFD", case["q"]) if case["kind"] == "nfd" else case["q"])
        top = result_pages(page)[:3]
        if "same_as" in case:
            if top != expected:
                misses.append(f'{case["q"]!r} ({case["kind"]}): {top} instead of {expected}')
            continue
        wanted = case["expect"] if isinstance(case["expect"], list) else [case["expect"]]
        if not any(url.endswith("/" + want) for url in top for want in wanted):
            misses.append(f'{case["q"]!r} ({case["kind"]}): {[url.split(base)[-1] for url in top] if base else top}')
    return misses


def small_index() -> SearchIndex:
    index = SearchIndex()
    index.add_page("a.html", "A", "<h1 id='a'>Lừa đảo qua điện thoại</h1><p>Kẻ gian gọi điện, giả làm công an.</p>")
    index.add_page("b.html", "B", "<h1 id='b'>Dịch vụ công</h1><p>Công an xã hướng dẫn dịch vụ công.</p>", "Làm thủ tục trên mạng.")
    index.add_page("c.html", "C", "<h1 id='c'>Wi-Fi</h1><h2 id='d'>Ghi nhớ</h2><p>Tắt Wi-Fi lạ.</p>")
    return index
