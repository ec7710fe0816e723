"""hocvuso/publish/material.py and the built site: Material's JavaScript bundle is neither loaded nor shipped."""

import re

import pytest

from hocvuso.publish import assets
from hocvuso.publish.material import is_material_bundle, needs_material_bundle

COURSE_FEATURES = ["navigation.indexes", "navigation.footer", "navigation.top", "navigation.prune"]


def test_the_course_as_configured_needs_no_material_bundle():
    assert not needs_material_bundle(COURSE_FEATURES, None, {"generator": False}, None)
    assert not needs_material_bundle(None)
    # One colour scheme (a mapping) is CSS only: Material's bundle only switches between several.
    assert not needs_material_bundle(COURSE_FEATURES, {"primary": "teal"})


@pytest.mark.parametrize("features, palette, extra, repo_url", [
    (["navigation.instant"], None, None, None),
    (["navigation.instant.progress"], None, None, None),
    (["content.code.copy"], None, None, None),
    (COURSE_FEATURES, [{"scheme": "default"}, {"scheme": "slate"}], None, None),
    (COURSE_FEATURES, None, {"consent": {"title": "Cookie"}}, None),
    (COURSE_FEATURES, None, None, "https://github.com/example/course"),
])
def test_a_fork_turning_on_what_only_material_drives_gets_its_bundle_back(features, palette, extra, repo_url):
    assert needs_material_bundle(features, palette, extra, repo_url)


def test_material_bundle_is_recognised_by_name():
    assert is_material_bundle("assets/javascripts/bundle.a5f9d56c.min.js")
    assert is_material_bundle("assets/javascripts/bundle.a5f9d56c.min.js.map")
    assert not is_material_bundle("assets/hocvuso/bundle.js")
    assert not is_material_bundle("assets/javascripts/workers/search.a7633da7.min.js")


def test_no_page_loads_material_bundle_and_the_site_does_not_ship_it(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 40
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "assets/javascripts/bundle." not in html, page
        # Material's storage helpers and palette script served its bundle only.
        assert "__md_get" not in html and "__md_scope" not in html, page
    assert not list(site.glob("assets/javascripts/bundle.*"))
    # theme.js is in our bundle, right after the core it uses.
    bundle = (site / assets.BUNDLE).read_text(encoding="utf-8")
    theme = assets.minified_js(assets.source("theme.js")).rstrip(";")
    assert theme in bundle
    assert bundle.index("window.hvs=window.hvs||{}") < bundle.index(theme[:80])


def test_the_js_class_is_set_in_head_before_the_first_paint(site):
    # Material's CSS hides the search button under "no-js": reading-early.js (in <head>) swaps it.
    html = (site / "phong-chong-lua-dao" / "01-cuoc-goi-lua-dao.html").read_text(encoding="utf-8")
    head = html[:html.index("</head>")]
    assert re.search(r'<script src="\.\./assets/hocvuso/reading-early\.js"></script>', head)
    assert 'classList.add("js")' in (site / "assets" / "hocvuso" / "reading-early.js").read_text(encoding="utf-8")
