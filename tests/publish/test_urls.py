"""hocvuso/publish/urls.py: one resolver for the addresses written in the built site, the query
kept (the worker's download lists) or dropped (files read on disk: CSS pruning) by its caller."""

from __future__ import annotations

import pytest

from hocvuso.publish import css_prune, offline
from hocvuso.publish.urls import site_relative

# (file the address is written in, the address, resolved with the query kept, with it dropped)
CASES = [
    ("module/01.html", "../assets/a.css?v=2#top", "assets/a.css?v=2", "assets/a.css"),
    ("module/01.html", "img/pic.svg#part", "module/img/pic.svg", "module/img/pic.svg"),
    ("module/01.html", "/assets/a.js?v=2", "assets/a.js?v=2", "assets/a.js"),
    ("index.html", "?v=1", "index.html?v=1", "index.html"),
    ("module/01.html", "../", "./", "./"),
    ("module/01.html", "../../../assets/a.js", "assets/a.js", "assets/a.js"),  # never above the root, as a browser reads it
    ("assets/stylesheets/main.css", "../fonts/f.woff2", "assets/fonts/f.woff2", "assets/fonts/f.woff2"),
    ("module/01.html", "#top", None, None),
    ("module/01.html", " ", None, None),
    ("module/01.html", "https://other.example/x.css", None, None),
    ("module/01.html", "//cdn.example/x.css", None, None),
    ("module/01.html", "data:text/css,a{}", None, None),
    ("module/01.html", "mailto:nhom@example.vn", None, None),
]


@pytest.mark.parametrize("base, reference, kept, dropped", CASES)
def test_one_resolver_with_the_query_kept_or_dropped(base, reference, kept, dropped):
    assert site_relative(base, reference, keep_query=True) == kept
    assert site_relative(base, reference, keep_query=False) == dropped


def test_the_css_scan_and_the_download_lists_read_addresses_alike(tmp_path):
    """css_prune resolved addresses its own way (a mailto: was a file, "../" above the root was
    nothing, the root was "."); now both callers resolve alike, each with its query rule."""
    for base, reference, kept, dropped in CASES:
        assert css_prune._site_path(tmp_path, tmp_path / base, reference) == dropped, reference
        if kept and kept != "./":
            assert offline.page_resources(base, f'<script src="{reference}"></script>') == [kept], reference


def test_the_download_list_keeps_the_query_and_the_css_scan_drops_it(tmp_path):
    page = ('<link rel="stylesheet" href="../assets/stylesheets/main.x.min.css?v=3">'
            '<script src="../assets/a.js?v=3"></script><p class="kept">Bài</p>')
    assert offline.page_resources("module/01.html", page) == ["assets/stylesheets/main.x.min.css?v=3", "assets/a.js?v=3"]
    (tmp_path / "module").mkdir()
    (tmp_path / "module" / "01.html").write_text(page, encoding="utf-8")
    (tmp_path / "assets" / "stylesheets").mkdir(parents=True)
    (tmp_path / "assets" / "stylesheets" / "main.x.min.css").write_text(".kept{color:red}.gone{color:blue}", encoding="utf-8")
    (tmp_path / "assets" / "a.js").write_text("el.classList.add('shown-by-script')", encoding="utf-8")
    scan = css_prune.scan_site(tmp_path)
    assert scan.theme_css == ["assets/stylesheets/main.x.min.css"]  # the file on disk, found without its query
    assert scan.presence.has_class("shown-by-script")  # the script the page loads, read from disk
    [result] = css_prune.prune_site(tmp_path)
    assert result.after == ".kept{color:red}"
