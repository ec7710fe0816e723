"""What a learner downloads for a page (bytes, gzip), and the budgets it must fit: learners pay for
every megabyte. tests/publish/test_budgets.py holds the site to them; tests/pages/test_qr.py a
site with QR codes."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urljoin

from hocvuso.catalogue import site_paths

# Issue 6: a learner pays for every megabyte. First visit to a lesson (HTML + every CSS, JS and
# font the page loads, gzip) and each further lesson (its HTML and images; assets cached).
# Issue 16: measured at gzip level 6, what web servers send. Without Material's JavaScript bundle
# (theme.js instead) and with Material's stylesheet cut to the rules the pages use
# (hocvuso/publish/css_prune.py), the heaviest lesson's first visit went from 97 KB to 51.7 KB (images
# included; `tests/bench_weight.py` prints it file by file): the budget is the 60 KB
# target less room to grow. A further lesson is still up to 11.5 KB (its own text and quizzes
# are 5.8 KB of it), over the 8 KB the issue hoped for: the budget holds today's figure.
# Issue 28: the video player (video.js), the ordered path (ordered-path.js) and a module's download
# button with its question about videos (offline-module.js) are scripts of their own, loaded by
# core.js's hvs.load only on the pages that need them (counted there, `lazy_scripts`); in the
# bundle every page loads, they had taken the heaviest first visit from 53.4 to 56.3 KB. Merged
# lazily: 53.6 KB (a lesson with a video pays 1.3 KB more for video.js). The budget is 55 KB again.
FIRST_VISIT_GZIP_BUDGET = 55 * 1000
FURTHER_PAGE_GZIP_BUDGET = 12 * 1000
# Issue 30: the Content Security Policy and referrer <meta> elements every page carries: 304
# bytes, 163 to 174 bytes gzip (level 6) on the course's pages when measured.
POLICY_GZIP_BUDGET = 200


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def gzipped6(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def page_loads(site: Path, page_path: Path) -> tuple[str, dict[str, set[str]]]:
    """Files a lesson page loads when opened: stylesheets, scripts, images (relative URLs only)."""
    html = page_path.read_text(encoding="utf-8")
    base = page_path.relative_to(site).as_posix()
    found = {"asset": set(), "image": set()}
    for tag, kind in ((r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', "asset"), (r'<script[^>]+src="([^"]+)"', "asset"),
                      (r'<img[^>]+src="([^"]+)"', "image")):
        for url in re.findall(tag, html):
            if "://" not in url:
                found[kind].add(urljoin(base, url.split("#")[0]))
    found["asset"] |= lazy_scripts(site, html)
    return html, found


def lazy_scripts(site: Path, html: str) -> set[str]:
    """The scripts core.js and offline.js add to this page once it is ready (site paths): the
    first visit pays for them too (hocvuso/catalogue/site_paths.py LAZY_SCRIPTS)."""
    shared = (site / site_paths.COURSE_SCRIPT).read_text(encoding="utf-8")
    wanted = {site_paths.VIDEO_SCRIPT: "data-hvs-video" in html or "hvs-narration" in html,
              site_paths.ORDERED_PATH_SCRIPT: '"ordered":' in shared,
              site_paths.OFFLINE_MODULE_SCRIPT: "hvs-offline hvs-actions" in html and (site / site_paths.OFFLINE_SCRIPT).exists()}
    return {path for path, needed in wanted.items() if needed}


# Issue 27: the frame around a lesson (the page with the inner of its <article> emptied) is what a
# learner pays for on every page whatever the lesson; it must not grow with the course. Measured on
# a generated course of 300 lessons (10 a module, tests/site/test_menu.py): 4,699 bytes with
# Material's menu (navigation.prune), 3,188 with the page's own menu (hocvuso/theme/partials/nav.html),
# the frame written compact and Material's settings cut to what our scripts read; then the
# top-level pages out of a lesson's menu and the search box written by search.js (it was 350 bytes
# gzip of every page): the target, 3,000.
FRAME_GZIP_BUDGET = 3000
# Issue 27: a further lesson page (its HTML, gzip 6) on that generated course.
GENERATED_LESSON_GZIP_BUDGET = 8000
_ARTICLE = re.compile(r"(<article\b[^>]*>).*?(</article>)", re.S)


def frame(html: str) -> str:
    """The page frame: the page with the inner of its (first) <article ...>...</article> emptied."""
    return _ARTICLE.sub(r"\1\2", html, count=1)
