"""Material's stylesheet cut down, at build, to the rules the built site's pages can use.

Material ships one stylesheet for every feature it has (137 KB, 22.8 KB gzip), and a learner's
first visit downloads all of it. Most of it styles things the course never shows: tabs, blog,
code annotations, right-to-left pages, palettes nobody chose. After the build has written every
page, this module reads them all and keeps a style rule only if one of its selectors could
match something there:

- every class, id, element name and attribute in the selector (outside :not(), which can only
  widen a match) must be "present": in some page's HTML, or in a script that pages load (a word
  of its source: scripts build search results, set states like md-nav__link--passed), or in
  css_match.SAFELIST. A class a script builds from a prefix ("hvs-" + tone) counts as present too.
- an attribute selector with a value ([data-md-toggle=drawer]) needs that value on that
  attribute in the HTML, or as a word in a script.
- :is()/:where()/:has() match if any selector in them can; pseudo-classes and pseudo-elements
  (:hover, :checked, ::before) never decide: a state the learner causes is always possible.
- a rule that declares custom properties (--md-...) stays, whatever its selector: they are the
  theme's colours and icons, and a script may switch the element they sit on.
- @media, @supports, @layer and @container are walked into and dropped when nothing is left;
  @keyframes stay if a kept rule, one of our stylesheets or a script names them; @font-face
  stays if a kept rule names its family. Anything else (@charset, @page, ...) is kept.

When in doubt, a rule stays: a few bytes too many cost less than a button without its style.
tests/publish/test_css_prune.py and tests/browser/test_css_prune_browser.py compare every
element's computed style with and without pruning.

Three modules: css_match.py (what the site can put on a page, and whether a selector could
match it), css_rules.py (one stylesheet cut to the rules that can), and this one (reading the
written site, rewriting Material's stylesheets in place). Pure Python (tinycss2), no MkDocs:
the build hands it the written site folder.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from hocvuso.publish.css_match import Presence
from hocvuso.publish.css_rules import prune_css
from hocvuso.publish.urls import site_relative

from hocvuso.catalogue.site_paths import ASSET_DIR

# Material's own stylesheets (main.<hash>.min.css, palette.<hash>.min.css): the ones pruned.
# Ours (assets/hocvuso/) and a fork's extra CSS are small and written for the site: untouched.
THEME_CSS_DIR = "assets/stylesheets/"
# HOCVUSO_PRUNE_CSS=0 builds with Material's stylesheet as it is (tests compare both builds).
ENV_SWITCH = "HOCVUSO_PRUNE_CSS"

_LINK = re.compile(r"<link\b[^>]*>", re.I)
_HREF = re.compile(r"""\bhref\s*=\s*["']?([^"'\s>]+)""", re.I)
_SCRIPT_SRC = re.compile(r"""<script\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)""", re.I)


def _site_path(site_dir: Path, page: Path, url: str) -> str | None:
    """The site path of a local address on `page` (the file on disk: no query), or None for another host."""
    return site_relative(page.relative_to(site_dir).as_posix(), url, keep_query=False)


@dataclass
class SiteScan:
    presence: Presence
    theme_css: list[str]  # Material's stylesheets the pages link to (site paths)


def scan_site(site_dir: Path) -> SiteScan:
    """Reads every page of the written site, the scripts they load and our own stylesheets."""
    present = Presence()
    theme_css: set[str] = set()
    scripts: set[str] = set()
    for page in sorted(site_dir.rglob("*.html"), key=lambda path: path.parts):  # Path's own comparison is slow
        html = page.read_text(encoding="utf-8", errors="replace")
        present.add_html(html)
        for link in _LINK.findall(html):
            if "stylesheet" not in link.lower():
                continue
            match = _HREF.search(link)
            path = match and _site_path(site_dir, page, match.group(1))
            if path and path.startswith(THEME_CSS_DIR) and path.endswith(".css"):
                theme_css.add(path)
        for src in _SCRIPT_SRC.findall(html):
            path = _site_path(site_dir, page, src)
            if path:
                scripts.add(path)
    # Our scripts, all of them (a page may load one only after a click, e.g. class.js).
    scripts.update(p.relative_to(site_dir).as_posix() for p in (site_dir / ASSET_DIR).rglob("*.js"))
    for path in sorted(scripts):
        file = site_dir / path
        if file.is_file():
            present.add_script(file.read_text(encoding="utf-8", errors="replace"))
    for file in sorted(site_dir.glob("assets/**/*.css")):
        if not file.relative_to(site_dir).as_posix().startswith(THEME_CSS_DIR):
            present.extra_text.append(file.read_text(encoding="utf-8", errors="replace"))
    return SiteScan(present, sorted(theme_css))


@dataclass(frozen=True)
class PruneResult:
    file: str  # site path
    before: str
    after: str


def enabled() -> bool:
    return os.environ.get(ENV_SWITCH, "1").strip().lower() not in ("0", "no", "false", "off")


def prune_site(site_dir: Path) -> list[PruneResult]:
    """Rewrites, in place (same names: pages need no change), Material's stylesheets that the
    site's pages link to, keeping only the rules they can use."""
    scan = scan_site(site_dir)
    results = []
    for path in scan.theme_css:
        file = site_dir / path
        if not file.is_file():
            continue
        before = file.read_text(encoding="utf-8")
        after = prune_css(before, scan.presence)
        file.write_text(after, encoding="utf-8")
        results.append(PruneResult(path, before, after))
    return results
