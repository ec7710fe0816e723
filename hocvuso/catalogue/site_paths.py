"""Every path the tool publishes in a built site, named once.

Site paths, relative to the site root, as pages, the search, the worker and the ZIM edition
refer to them. The catalogue is "what the tool names" and sits on a low floor, so every room
that writes or reads one of these files (pages, search, publish, zim) imports the name from here.
The browser scripts get the ones they need from the build (`shared` in the course map,
ASSET_DIR/course.js; the worker's placeholders): no path is kept equal by hand in JavaScript.
"""

from __future__ import annotations

# ---- Our assets: scripts, stylesheets, icons (kept in the package's theme, hocvuso/theme/) ----
ASSET_DIR = "assets/hocvuso"
# Our deferred scripts joined into one at build (hocvuso/publish/assets.py).
BUNDLE = f"{ASSET_DIR}/bundle.js"
# The course map and the values the build shares with the scripts, written by the build.
COURSE_SCRIPT = f"{ASSET_DIR}/course.js"
# Text size and contrast before the first paint, in <head> (hocvuso/theme/main.html).
READING_EARLY_SCRIPT = f"{ASSET_DIR}/reading-early.js"
# Registers the worker; on a module page, loads the "save this module" button's script.
OFFLINE_SCRIPT = f"{ASSET_DIR}/offline.js"
# Features only some pages need: each a script of its own, loaded by core.js's hvs.load when the
# page needs it (not in the bundle every first visit pays for).
# The video player and the one-sound-at-a-time rule: pages with a video block or a narration.
VIDEO_SCRIPT = f"{ASSET_DIR}/video.js"
# The ordered path: every page, only when the course turns it on (extra.hoc_theo_thu_tu).
ORDERED_PATH_SCRIPT = f"{ASSET_DIR}/ordered-path.js"
# The module page's "save this module" button (offline.js loads it where a service worker can run).
OFFLINE_MODULE_SCRIPT = f"{ASSET_DIR}/offline-module.js"
LAZY_SCRIPTS = (VIDEO_SCRIPT, ORDERED_PATH_SCRIPT, OFFLINE_MODULE_SCRIPT)
# The worker's template: filled in and written to WORKER, never published as it is.
WORKER_TEMPLATE = f"{ASSET_DIR}/sw.js"
# Loaded by the search when the learner opens it: raw Telex/VNI typing and synonyms.
QUERY_EXPANSION_SCRIPT = f"{ASSET_DIR}/query-expansion.js"
# The volunteers' class page's own script and stylesheet (that page only).
CLASS_SCRIPT = f"{ASSET_DIR}/class.js"
CLASS_STYLE = f"{ASSET_DIR}/class.css"
# The home-screen app's icons.
ICONS = f"{ASSET_DIR}/icons"
# Project Nayuki's QR Code generator (MIT, vendored), on the progress page only.
QR_SCRIPT = "assets/vendor/qrcodegen/qrcodegen.min.js"

# ---- Written at the site root ----
# The course-list page (hocvuso/pages/course_list.py), linked from every page's menu.
COURSE_LIST_PAGE = "cac-chuong.md"
# The service worker: at the root, so its scope is the whole site (also under a sub-path).
WORKER = "sw.js"
# One download list per module: OFFLINE_FOLDER/<module>.json.
OFFLINE_FOLDER = "offline"
# The home-screen app's manifest.
WEB_MANIFEST = "manifest.webmanifest"

# ---- The search index (hocvuso/search/shards.py describes the layout) ----
SEARCH_FOLDER = "search"
SEARCH_MANIFEST = f"{SEARCH_FOLDER}/index.js"
SEARCH_TERMS_FOLDER = f"{SEARCH_FOLDER}/terms"
SEARCH_DOCS_FOLDER = f"{SEARCH_FOLDER}/docs"
SEARCH_SYNONYMS = f"{SEARCH_FOLDER}/synonyms.js"
# Every shard and docs chunk joined, for a module saved to learn offline (hocvuso/search/offline.py).
SEARCH_ALL = f"{SEARCH_FOLDER}/all.js"

# ---- Videos (hocvuso/check/video.py, pages/video.py) ----
# A video block with no poster: the build makes one from the video, beside it.
VIDEO_POSTER_SUFFIX = ".poster.jpg"


def video_poster(video: str) -> str:
    """Where the build writes the poster it makes for `video` (a path inside content/ and the site)."""
    stem = video.rsplit(".", 1)[0] if "." in video.rsplit("/", 1)[-1] else video
    return stem + VIDEO_POSTER_SUFFIX
