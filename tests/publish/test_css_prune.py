"""hocvuso.publish.css_prune on small stylesheets and pages: what is kept, what is dropped, and why."""

from __future__ import annotations

import gzip

import pytest

from bench_css_prune import prune_figures, stylesheet_figures
from hocvuso.publish import css_prune
from hocvuso.publish.css_match import Presence
from hocvuso.publish.css_rules import parse_rules, prune_css

PAGE = """<!doctype html><html lang="vi" class="no-js"><body dir="ltr">
<input class="md-toggle" type="checkbox" id="__drawer" data-md-toggle="drawer">
<header class="md-header md-header--shadow"><nav class="md-header__inner">
<label class="md-header__button" for="__drawer">Menu</label></nav></header>
<div class="md-typeset"><details class="note"><summary>Ghi chú</summary><p>Chữ</p></details>
<a href="x.html" title='Bài "1"'>Bài</a></div>
<script>var s = '<li class="md-search-result__item">' + "<span class='hvs-" + tone + "'>";</script>
</body></html>"""


def presence(page: str = PAGE, *scripts: str) -> Presence:
    present = Presence()
    present.add_html(page)
    for script in scripts:
        present.add_script(script)
    return present


def kept(css: str, present: Presence | None = None) -> str:
    return prune_css(css, present or presence())


def test_a_rule_whose_class_no_page_has_is_dropped():
    assert kept(".md-tabs{color:red}.md-header{color:blue}") == ".md-header{color:blue}"


def test_one_selector_of_a_list_that_can_match_keeps_the_rule_whole():
    assert kept(".md-tabs,.md-header__inner>label{x:1}") == ".md-tabs,.md-header__inner>label{x:1}"


def test_ids_elements_and_attributes_must_all_be_present():
    css = "#__drawer{a:1}#__search{b:2}table td{c:3}details summary{d:4}[srcset]{e:5}[title]{f:6}"
    assert kept(css) == "#__drawer{a:1}details summary{d:4}[title]{f:6}"


def test_an_attribute_value_must_be_on_that_attribute():
    css = "[data-md-toggle=drawer]{a:1}[data-md-toggle=search]{b:2}[dir=ltr] .md-header{c:3}[dir=rtl] .md-header{d:4}"
    assert kept(css) == "[data-md-toggle=drawer]{a:1}[dir=ltr] .md-header{c:3}"


def test_prefix_and_substring_attribute_selectors_need_only_the_name():
    assert kept('[href^="http"]{a:1}[class*=md-]{b:2}[lang|=vi]{c:3}[srcset^=x]{d:4}') == \
        '[href^="http"]{a:1}[class*=md-]{b:2}[lang|=vi]{c:3}'


def test_states_the_learner_causes_are_kept():
    css = (".md-header__button:hover{a:1}[data-md-toggle=drawer]:checked~.md-header{b:2}"
           ".md-typeset a:focus-visible{c:3}.md-typeset details[open]>summary:after{d:4}"
           ".md-typeset summary::-webkit-details-marker{e:5}.md-tabs:hover{f:6}")
    assert kept(css) == (".md-header__button:hover{a:1}[data-md-toggle=drawer]:checked~.md-header{b:2}"
                         ".md-typeset a:focus-visible{c:3}.md-typeset details[open]>summary:after{d:4}"
                         ".md-typeset summary::-webkit-details-marker{e:5}")


def test_not_never_drops_and_is_matches_if_one_inside_can():
    css = (".md-header:not(.md-tabs){a:1}.md-typeset :is(.md-tabs,details){b:2}.md-typeset :is(.md-tabs,.md-blog){c:3}"
           ".md-header:has(.md-tabs){d:4}:where(.md-header) label{e:5}")
    assert kept(css) == ".md-header:not(.md-tabs){a:1}.md-typeset :is(.md-tabs,details){b:2}:where(.md-header) label{e:5}"


def test_media_and_supports_are_walked_into_and_dropped_when_empty():
    css = ("@media screen and (max-width:44.984375em){.md-tabs{a:1}.md-header{b:2}}"
           "@media print{.md-tabs{c:3}}@supports selector(::-webkit-scrollbar){@media screen{.md-header{d:4}.md-blog{e:5}}}")
    assert kept(css) == ("@media screen and (max-width:44.984375em){.md-header{b:2}}"
                         "@supports selector(::-webkit-scrollbar){@media screen{.md-header{d:4}}}")


def test_a_class_only_a_script_writes_is_kept():
    css = ".md-search-result__item{a:1}.md-search-result__teaser{b:2}.md-search-result__nothing{c:3}.x-live{d:4}"
    assert kept(css, presence(PAGE, 'el.className = "x-live";')) == \
        ".md-search-result__item{a:1}.md-search-result__teaser{b:2}.x-live{d:4}"


def test_a_class_a_script_builds_from_a_prefix_is_kept():
    css = ".hvs-right{a:1}.mdx-other{b:2}.t-3{c:3}"
    assert kept(css, presence(PAGE, "box.classList.add(`t-${n}`)")) == ".hvs-right{a:1}.t-3{c:3}"


def test_safelisted_states_are_kept_without_any_script():
    css = ".md-nav__link--passed{a:1}.md-header__title--active{b:2}.md-top--hidden{c:3}.md-nav__link--nothing{d:4}"
    assert kept(css, presence(PAGE)) == ".md-nav__link--passed{a:1}.md-header__title--active{b:2}.md-top--hidden{c:3}"


def test_rules_setting_custom_properties_stay_whatever_their_selector():
    """A script may switch the element they sit on (a palette's data-md-color-scheme)."""
    css = "[data-md-color-scheme=slate]{--md-hue:232;color:red}.md-tabs{--md-x:1}.md-blog{color:red}.md-header{a:var(--md-hue) var(--md-x)}"
    assert kept(css) == "[data-md-color-scheme=slate]{--md-hue:232;color:red}.md-tabs{--md-x:1}.md-header{a:var(--md-hue) var(--md-x)}"


def test_custom_properties_nothing_reads_are_dropped():
    css = (":root{--md-icon-a:url(\"data:a;b\");--md-icon-b:url(data:b;c);--md-c:var(--md-d);--md-d:1;--md-e:2;--md-f:3}"
           ".md-header{mask-image:var(--md-icon-a);b:var(--md-c)}.md-tabs{mask-image:var(--md-icon-b)}:root{--md-unused:1}")
    present = presence(PAGE.replace("<header", '<header style="--md-f:4"'))
    present.add_script("el.style.getPropertyValue('--md-e')")
    assert kept(css, present) == (':root{--md-icon-a:url("data:a;b");--md-c:var(--md-d);--md-d:1;--md-e:2;--md-f:3}'
                                  ".md-header{mask-image:var(--md-icon-a);b:var(--md-c)}")


def test_keyframes_stay_only_if_a_kept_rule_or_our_files_name_them():
    css = ("@keyframes pulse{0%{a:1}to{a:2}}@keyframes tabs{0%{a:1}}@keyframes ours{0%{a:1}}"
           ".md-header{animation:pulse 1s}.md-tabs{animation:tabs 1s}")
    present = presence()
    present.extra_text.append(".hvs-x{animation-name:ours}")
    assert kept(css, present) == "@keyframes pulse{0%{a:1}to{a:2}}@keyframes ours{0%{a:1}}.md-header{animation:pulse 1s}"


def test_font_faces_stay_only_if_a_kept_rule_sets_their_family():
    css = ('@font-face{font-family:"Roboto Mono";src:url(a.woff2)}@font-face{font-family:Lato;src:url(b.woff2)}'
           '.md-typeset a{font-family:"Roboto Mono",monospace}')
    assert kept(css) == '@font-face{font-family:"Roboto Mono";src:url(a.woff2)}.md-typeset a{font-family:"Roboto Mono",monospace}'


def test_other_at_rules_and_strings_with_braces_survive_byte_for_byte():
    css = ('@charset "UTF-8";@page{margin:1cm}.md-typeset .critic:before{content:"/* }{ "}'
           '.md-header{background:url("data:image/svg+xml;charset=utf-8,<svg>{}</svg>")}.md-tabs{content:"}"}'
           ".md-header:after{background:url(data:x{y})}")
    assert kept(css) == ('@charset "UTF-8";@page{margin:1cm}.md-header{background:url("data:image/svg+xml;charset=utf-8,<svg>{}</svg>")}'
                         ".md-header:after{background:url(data:x{y})}")


def test_the_structure_reads_back_material_exactly():
    import material
    from pathlib import Path

    (stylesheet,) = (Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css")
    css = stylesheet.read_text(encoding="utf-8")
    assert "".join(rule.text() for rule in parse_rules(css)) == css


def test_the_switch_turns_pruning_off(monkeypatch):
    monkeypatch.delenv(css_prune.ENV_SWITCH, raising=False)
    assert css_prune.enabled()
    monkeypatch.setenv(css_prune.ENV_SWITCH, "0")
    assert not css_prune.enabled()


@pytest.fixture(scope="module")
def pruned_course(site):
    """The real course's build: its Material stylesheet, and Material's own as shipped."""
    import material
    from pathlib import Path

    (built,) = (site / "assets" / "stylesheets").glob("main.*.min.css")
    shipped = Path(material.__file__).parent / "templates" / "assets" / "stylesheets" / built.name
    return built.read_text(encoding="utf-8"), shipped.read_text(encoding="utf-8")


def test_the_course_build_prunes_material_and_keeps_what_it_uses(pruned_course):
    built, shipped = pruned_course
    assert len(gzip.compress(built.encode(), 6)) < 0.8 * len(gzip.compress(shipped.encode(), 6))
    for kept_selector in (".md-search-result__link", ".md-nav__link--active", "[data-md-toggle=drawer]:checked",
                          ".md-typeset details", ".md-header--shadow", "--md-primary-fg-color"):
        assert kept_selector in built, kept_selector
    for dropped in (".md-tabs__link", ".md-banner", ".md-typeset .critic", ".md-typeset .task-list-control", "--md-admonition-icon--bug"):
        assert dropped in shipped and dropped not in built, dropped


def test_prune_figures_measure_a_site_built_without_pruning(tmp_path, pruned_course):
    built, shipped = pruned_course
    (tmp_path / "assets" / "stylesheets").mkdir(parents=True)
    (tmp_path / "assets" / "stylesheets" / "main.x.min.css").write_text(shipped, encoding="utf-8")
    (tmp_path / "index.html").write_text(PAGE.replace("<body", '<link rel="stylesheet" href="assets/stylesheets/main.x.min.css"><body'),
                                         encoding="utf-8")
    ((file, raw_before, raw_after, gzip_before, gzip_after, seconds),) = prune_figures(tmp_path)
    assert file == "assets/stylesheets/main.x.min.css"
    assert raw_before == len(shipped.encode()) and raw_after < raw_before / 2 and gzip_after < gzip_before
    assert 0 < seconds < 5


def test_stylesheet_figures_compare_the_build_with_what_material_ships(site):
    ((file, raw_before, raw_after, gzip_before, gzip_after),) = stylesheet_figures(site)
    assert file.startswith("assets/stylesheets/main.") and raw_after < raw_before and gzip_after < gzip_before


def test_a_class_only_a_script_in_a_subfolder_of_ours_writes_is_kept(tmp_path):
    # Our scripts are read whether a page names them or not (class.js loads on one page only),
    # also from a subfolder of our asset folder.
    from hocvuso.catalogue.site_paths import ASSET_DIR

    (tmp_path / "index.html").write_text("<html><body><p>Trang đầu</p></body></html>", encoding="utf-8")
    (tmp_path / ASSET_DIR / "feature").mkdir(parents=True)
    (tmp_path / ASSET_DIR / "feature" / "later.js").write_text('el.className = "hvs-from-a-subfolder";', encoding="utf-8")
    assert "hvs-from-a-subfolder" in css_prune.scan_site(tmp_path).presence.words
