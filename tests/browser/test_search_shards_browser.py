"""The sharded index in Chromium: what opening the box and typing load, and lunr's scores."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from hocvuso.search.index import SearchIndex, Section
from hocvuso.search.offline import write_search_bundle
from hocvuso.search.shards import DOCS_FOLDER, read_docs
from conftest import SUB_PATH, serve
from searching import all_results_shown, open_search

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
    # A word's shard is named by its first three letters (folded): "lừa" is in lua.js, "đảo" in dao.js.
    assert [name for name in loaded if name.startswith("terms/")] == ["terms/dao.js", "terms/lua.js"]
    # Texts: at most each result's page and its best section; what a closed "more" holds waits.
    chunks = [name for name in loaded if name.startswith("docs/")]
    assert 1 <= len(chunks) <= 2 * page.locator(".md-search-result__item").count()
    assert not [name for name in loaded if "lunr" in name]
    expect(page.locator(".md-search-result__item").first).to_contain_text("lừa đảo")


def test_scores_are_lunr_py_s_for_the_same_query(page, site, site_url):
    index = SearchIndex()
    index.sections = [Section(url, title, [text]) for url, title, text in read_docs(site)]
    lunr_index = index.lunr_builder().build()
    page.goto(site_url)
    open_search(page)
    for query in ["dich vu cong", "mã OTP", "tài khoản mức 2", "cham vuot gi", "wifi"]:
        got = page.evaluate("q => hvs.search.scores(q)", query)
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


@pytest.mark.parametrize("where", ["http", "file"])
def test_a_closed_more_loads_its_sections_texts_only_when_opened(page, site, site_url, where):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url if where == "http" else (site / "index.html").as_uri())
    box = open_search(page)
    box.fill("mật khẩu")
    more = page.locator("details.md-search-result__more").first
    expect(more).to_be_attached()
    expect(more.locator("article")).to_have_count(0)  # nothing drawn, nothing fetched for it yet
    more.locator("summary").click()
    articles = more.locator("article")
    expect(articles.first).to_be_visible()
    # As many sections as the summary announces ("Còn 3 kết quả khác trong bài này"), words marked.
    announced = int(re.search(r"\d+", more.locator("summary").inner_text()).group()) if re.search(
        r"\d+", more.locator("summary").inner_text()) else 1
    expect(articles).to_have_count(announced)
    expect(articles.first.locator("mark").first).to_be_visible()


def test_a_course_whose_common_words_lost_sections_says_at_least(page, site, tmp_path):
    # The real course, its index written again as if it were big: every term keeps 40 sections.
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    index = SearchIndex()
    index.sections = [Section(url, title, [text]) for url, title, text in read_docs(site)]
    figures = index.write(copy, cap=40)
    assert "ban5" in figures["capped"]
    server = serve(tmp_path)
    page.goto(f"http://127.0.0.1:{server.server_port}/site/index.html")
    box = open_search(page)
    box.fill("bạn")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^Tìm thấy ít nhất \d+ bài$"))
    assert "chuôt5" not in figures["capped"]
    box.fill("chuột ")  # in fewer sections than the cap, and no synonyms: counted exactly
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^Tìm thấy \d+ bài$"))


@pytest.mark.parametrize("where", ["http", "file"])
def test_the_first_results_show_at_once_and_the_rest_follow_when_typing_pauses(page, site, site_url, where):
    page.goto(site_url if where == "http" else (site / "index.html").as_uri())
    box = open_search(page)
    box.press_sequentially("mật khẩu", delay=20)
    items = page.locator(".md-search-result__item")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^Tìm thấy (\d\d+) bài$"))
    all_results_shown(page)  # the page shows at most ten, each with its texts
    expect(items).to_have_count(10)
    for k in range(10):
        expect(items.nth(k).locator("article").first.locator("h1")).not_to_be_empty()
        expect(items.nth(k).locator("mark").first).to_be_attached()


@pytest.mark.parametrize("where", ["http", "file"])
def test_a_one_letter_word_being_typed_after_others_waits_until_it_grows(page, site, site_url, where):
    page.goto(site_url if where == "http" else (site / "index.html").as_uri())
    box = open_search(page)
    box.fill("mã")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^Tìm thấy \d+ bài$"))
    before = page.locator(".md-search-result__meta").inner_text()
    shard = page.locator('script[src$="search/terms/o.js"]')  # "ở", "ơ", "ô", ...: in most sections
    box.fill("mã o")  # on the way to "mã OTP": searched as "mã" (its shard is here: the search ran at once)
    assert page.evaluate("document.querySelector('.md-search-result__meta').textContent.trim()") == before
    expect(shard).to_have_count(0)
    box.fill("mã o ")  # a word of its own now
    expect(shard).to_have_count(1)
    expect(page.locator(".md-search-result__meta")).not_to_have_text(before)


PAUSE_MS = 600  # search.js: how long typing stops before a short word being typed is searched


@pytest.mark.parametrize("where", ["http", "file"])
def test_a_short_word_being_typed_is_searched_once_typing_pauses(page, site, site_url, where):
    # The page's clock stands still while the words are typed, as if the keys came quickly.
    page.clock.install()
    page.goto(site_url if where == "http" else (site / "index.html").as_uri())
    box = open_search(page)
    meta, shard = page.locator(".md-search-result__meta"), page.locator('script[src$="search/terms/co.js"]')
    box.fill("dịch vụ ")
    expect(meta).to_have_text(re.compile(r"^Tìm thấy \d+ bài$"))
    before = meta.inner_text()
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    box.fill("dịch vụ cô")  # on the way to "công": "cô", "có", "cơ"... are in most sections
    box.fill("dịch vụ cô")  # the second input event is handled after the first: nothing fetched
    expect(shard).to_have_count(0)
    expect(meta).to_have_text(before)  # the results of the words before stay
    page.clock.run_for(PAUSE_MS)  # the learner stops typing: "cô" is a word, searched
    expect(shard).to_have_count(1)
    expect(meta).not_to_have_text(before)
    box.fill("dịch vụ côn")  # three letters: searched at once, no pause needed
    expect(page.locator('script[src$="search/terms/con.js"]')).to_have_count(1)


@pytest.mark.parametrize("where", ["http", "file"])
def test_enter_on_a_short_word_being_typed_follows_the_whole_query_s_first_result(page, site, site_url, where):
    home = site_url if where == "http" else (site / "index.html").as_uri()
    page.clock.install()
    page.goto(home)
    box = open_search(page)
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    box.fill("zalo mã")
    box.press("Enter")  # no pause: Enter searches "zalo mã" at once and follows its first result
    expect(page).not_to_have_url(home)
    followed = page.url
    page.goto(home)
    box = open_search(page)
    box.fill("zalo mã ")
    first = page.locator(".md-search-result__item > a.md-search-result__link").first
    expect(first).to_have_attribute("href", re.compile(r"."))
    assert first.evaluate("a => a.href") == followed


def test_a_box_closed_while_results_load_shows_them_all_when_reopened(page, site_url):
    page.goto(site_url)
    box = open_search(page)
    box.fill("mật khẩu")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("Escape")  # closed, most likely before the results after the third came
    expect(page.locator("#__search")).not_to_be_checked()
    page.keyboard.press("/")
    expect(page.locator("#__search")).to_be_checked()
    expect(page.locator(".md-search-result__item")).to_have_count(10)


def deep_copy(site, tmp_path):
    """The real course under the sub-path, its index written again as a big course's: at most 4
    entries a folder, so its chunks are four folders deep (hocvuso/search/shards.py chunk_path)."""
    copy = tmp_path / SUB_PATH.strip("/")
    shutil.copytree(site, copy)
    index = SearchIndex()
    index.sections = [Section(url, title, [text]) for url, title, text in read_docs(site)]
    index.write(copy, per_folder=4)
    write_search_bundle(copy)  # what a saved module keeps, joined again from the new files
    return copy


@pytest.mark.parametrize("where", ["http", "file"])
def test_texts_load_from_a_tree_of_folders_as_a_big_course_has_them(page, site, tmp_path, where):
    copy = deep_copy(site, tmp_path)
    assert max(len(list(folder.iterdir())) for folder in [copy / DOCS_FOLDER, *(path for path in (copy / DOCS_FOLDER).rglob("*") if path.is_dir())]) <= 4
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    if where == "http":
        page.goto(f"http://127.0.0.1:{serve(tmp_path).server_port}{SUB_PATH}index.html")
    else:
        page.goto((copy / "index.html").as_uri())
    box = open_search(page)
    box.press_sequentially("mật khẩu", delay=20)
    all_results_shown(page)
    items = page.locator(".md-search-result__item")
    expect(items).to_have_count(10)
    for k in range(10):  # each with its page's title and text, the words marked
        expect(items.nth(k).locator("article").first.locator("h1")).not_to_be_empty()
        expect(items.nth(k).locator("mark").first).to_be_attached()
    chunks = [url for url in requested if "/search/docs/" in url]
    assert chunks and all(re.search(r"/search/docs/(\d+/){4}\d+\.js$", url) for url in chunks), chunks
    more = page.locator("details.md-search-result__more").first
    more.locator("summary").click()  # a closed "more" finds its texts in the tree too
    expect(more.locator("article").first.locator("mark").first).to_be_visible()


def test_a_saved_module_finds_texts_deep_in_the_tree_when_the_network_goes(context, site, tmp_path):
    # A course with a docs tree and a joined index (search/all.js) a saved module keeps: a chunk
    # never fetched, however deep, comes from the joined index once the network is gone (sw.js).
    copy = deep_copy(site, tmp_path)
    assert (copy / "search" / "all.js").is_file()
    base = f"http://127.0.0.1:{serve(tmp_path).server_port}{SUB_PATH}"
    page = context.new_page()
    page.goto(base + "phong-chong-lua-dao/index.html")
    page.get_by_role("button", name="Tải về để học không cần mạng").click()
    expect(page.locator(".hvs-offline").get_by_role("status")).to_have_text(
        "Đã tải xong. Bạn có thể học chương này khi không có mạng.", timeout=30_000)
    page.goto(base + "phong-chong-lua-dao/03-bao-ve-ma-otp-va-tai-khoan.html")
    page.locator("label.md-header__button[for=__search]").click()
    page.locator(".md-search__input").fill("mật khẩu")  # online: its shards and first texts come one by one
    all_results_shown(page)
    context.set_offline(True)
    more = page.locator("details.md-search-result__more").first
    more.locator("summary").click()  # texts never fetched, in a folder of the tree
    expect(more.locator("article").first.locator("mark").first).to_be_visible()
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^Tìm thấy \d+ bài$"))
