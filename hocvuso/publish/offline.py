"""Learning with no network, over http(s): a service worker and one download list per module.

The built site already works from a USB stick (file://). On a web host, the service worker
(`sw.js`, generated at the site root so its scope covers the whole site, also under a
sub-path) keeps every page a learner opens and the files it uses, and a button on each module
page saves the whole module ahead of time from `offline/<module>.json`. Browsers without
service workers (file://, plain http on a LAN) skip all of this: the site works as before.

The worker's cache is named after a hash of the built files, so a new build replaces the old
cache; what a learner had saved is fetched again (cheaply revalidated) into the new one, but for
videos and narrations: the worker knows the hash of each one's bytes (`media_versions`) and
carries a saved copy whose bytes did not change over without a request.

Videos and recorded narrations are the heavy part of a module: its list names them apart
(`media`, with their sizes), and the button asks the learner whether to save them too.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote

from hocvuso.catalogue import messages
from hocvuso.catalogue.site_paths import LAZY_SCRIPTS, OFFLINE_FOLDER, OFFLINE_SCRIPT, WORKER
from hocvuso.publish import assets
from hocvuso.publish.media_types import media_type
from hocvuso.publish.urls import site_relative
from hocvuso.search.offline import JOINED_FOLDERS, SEARCH_BUNDLE, search_files, write_search_bundle

SCRIPT = OFFLINE_SCRIPT  # registers the worker, runs the module button
MANIFEST_FOLDER = OFFLINE_FOLDER
# Output that changes with the day, not with the course: kept out of the cache version.
_UNVERSIONED = {WORKER, "sitemap.xml", "sitemap.xml.gz"}

BUTTON = "Tải về để học không cần mạng"
# The worker is a real script, hocvuso/theme/assets/hocvuso/sw.js, with placeholders filled in here:
# the cache version, whether assets come from the cache first, and the search files it names.
_WORKER_TEMPLATE = assets.source("sw.js")
_PLACEHOLDERS = ("__VERSION__", "__ASSETS_FIRST__", "__SEARCH_BUNDLE__", "__SEARCH_PARTS__", "__MEDIA__")
# A video's or narration's version as the worker compares it: a hash of its bytes, short (a
# course of 200 videos adds some 8 KB to the worker, fetched when the course changes).
MEDIA_HASH_CHARS = 16

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_ICON_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "manifest", "preload", "modulepreload"}


class _Resources(HTMLParser):
    """The files a browser fetches to show a page: stylesheets, icons, scripts, images, media."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        references = []
        if tag == "link" and _ICON_RELS & set(attributes.get("rel", "").lower().split()):
            references.append(attributes.get("href", ""))
        elif tag in ("script", "img", "source", "audio", "video", "track", "iframe", "embed"):
            references += [attributes.get("src", ""), attributes.get("poster", "")]
            # srcset: "a.png 1x, b.png 2x"
            references += [item.split()[0] for item in attributes.get("srcset", "").split(",") if item.strip()]
        self.found += [reference for reference in references if reference]


# Only these tags can make a page load a file; the parser reads them alone, not the whole page
# (a lesson page is mostly navigation: parsing all of it took a fifth of the build).
_LOADING_TAG = re.compile(r"<(?:link|script|img|source|audio|video|track|iframe|embed)\b[^>]*>", re.IGNORECASE)


# A player and what is inside it: its sources are one video in several encodings (the browser
# plays the first it can), so a module's list groups them and the learner saves one of each.
_PLAYER = re.compile(r"<(video|audio)\b([^>]*)>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
_SOURCE_TAG = re.compile(r"<source\b[^>]*>", re.IGNORECASE)


def is_media(path: str) -> bool:
    """A video or a sound (by the file's type): what the learner is asked about before saving."""
    kind = media_type(path.split("?")[0]) or ""
    return kind.startswith(("video/", "audio/"))


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        self.found = {name: value or "" for name, value in attrs}


def _attributes(tag: str) -> dict[str, str]:
    parser = _Attributes()
    parser.feed(tag)
    return parser.found


def page_players(page_url: str, html: str) -> list[list[tuple[str, str]]]:
    """The videos and sounds the page plays: for each player, its (site path, type) in the
    order the browser tries them (the player's own src, then its <source> elements)."""
    if "<video" not in html and "<audio" not in html and "<VIDEO" not in html and "<AUDIO" not in html:
        return []  # most pages: no regular expression over the whole page
    players = []
    for player in _PLAYER.finditer(html):
        tags = [f"<{player.group(1)}{player.group(2)}>"] + _SOURCE_TAG.findall(player.group(3))
        sources = []
        for tag in tags:
            attributes = _attributes(tag)
            path = site_relative(page_url, attributes.get("src", ""), keep_query=True)
            if path and is_media(path):
                kind = attributes.get("type") or media_type(path.split("?")[0]) or ""
                if player.group(1).lower() == "audio" and kind.startswith("video/"):
                    kind = "audio/" + kind[len("video/"):]  # a narration in WebM or MP4: sound only
                sources.append((path, kind))
        if sources:
            players.append(sources)
    return players


def page_resources(page_url: str, html: str) -> list[str]:
    """Site paths of the files the page at `page_url` loads, in order, without repeats."""
    found: list[str] = []
    for tag in _LOADING_TAG.finditer(html):
        parser = _Resources()  # a fresh one each time: after <script> a parser reads script text
        parser.feed(tag.group(0))
        found += parser.found
    paths = (site_relative(page_url, reference, keep_query=True) for reference in found)  # as pages ask the worker
    return list(dict.fromkeys(path for path in paths if path))


def css_resources(css_path: str, css: str) -> list[str]:
    """Site paths of the fonts and images a stylesheet refers to (data: URLs need no fetch)."""
    paths = (site_relative(css_path, match.group(2), keep_query=True) for match in _CSS_URL.finditer(css)
             if not match.group(2).strip().lower().startswith("data:"))
    return list(dict.fromkeys(path for path in paths if path))


@dataclass
class _Page:
    url: str
    resources: list[str]
    players: list[list[tuple[str, str]]] = field(default_factory=list)


@dataclass
class OfflineSite:
    """What one build's pages load, remembered page by page (keyed by their source path)."""

    pages: dict[str, _Page] = field(default_factory=dict)
    # Top folder -> its pages: made once for all the modules' lists, anew after a page is added.
    _by_folder: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)

    def add_page(self, src_uri: str, url: str, html: str) -> None:
        self.pages[src_uri] = _Page(url or "./", page_resources(url, html), page_players(url, html))
        self._by_folder = None

    def module_urls(self, module: str, shared_pages: Iterable[str], site_dir: Path,
                    files: _SiteFiles | None = None) -> list[str]:
        """Everything to save for `module` but its videos and sounds (`module_media`): its pages,
        what they load, the shared pages (the glossary, the home page) and the search files; only
        files the build wrote. `files`: what the build wrote, looked up once for every module (`write`)."""
        files = files or _SiteFiles(site_dir)
        chosen = self._chosen_pages(module, shared_pages)
        urls = [page.url for page in chosen]
        for page in chosen:
            urls += page.resources
        # The scripts core.js loads only where a page needs them (no page names them in its HTML).
        urls = list(dict.fromkeys(urls + files.search_files + list(LAZY_SCRIPTS)))  # every page loads the same styles: read each once
        for url in list(urls):
            if url.split("?")[0].endswith(".css") and files.exists(url):
                urls += files.css_resources(url)
        return [url for url in dict.fromkeys(urls) if files.exists(url) and not is_media(url)]

    def module_media(self, module: str, site_dir: Path,
                     files: _SiteFiles | None = None) -> list[list[dict]]:
        """The module's videos and sounds, saved only when the learner says so: one group per
        player of the module's own pages (the encodings of one video, in the browser's order),
        each file with its bytes and type, so the page can show the size before anything is
        fetched. Only what a page plays: a file left in the module's folder that no page plays
        (a raw recording, an old take) is never offered, nor a shared page's video."""
        files = files or _SiteFiles(site_dir)
        media = []
        for page in self._chosen_pages(module, []):
            for player in page.players:
                entries = [{"url": path, "bytes": files.size(path), "type": kind} for path, kind in player if files.exists(path)]
                if entries and entries not in media:
                    media.append(entries)
        return media

    def media_versions(self, site_dir: Path, files: _SiteFiles | None = None) -> dict[str, str]:
        """Every video and sound a page of the site plays (site path, as the worker names it) ->
        a hash of its bytes: a new build's worker carries a saved copy with the same hash over
        to its cache without a byte over the network, and fetches again one whose bytes changed."""
        files = files or _SiteFiles(site_dir)
        paths = sorted({path for page in self.pages.values() for player in page.players for path, _ in player})
        return {unquote(path): files.digest(path) for path in paths if files.exists(path)}

    def _chosen_pages(self, module: str, shared_pages: Iterable[str]) -> list[_Page]:
        own = sorted((not src_uri.endswith("/index.md"), src_uri) for src_uri in self._pages_under(module))
        chosen = [self.pages[src_uri] for _, src_uri in own]  # the module page first, then its lessons
        return chosen + [self.pages[src_uri] for src_uri in shared_pages if src_uri in self.pages]

    def _pages_under(self, module: str) -> list[str]:
        """The source pages inside the module's folder, from pages grouped by top folder once
        (not a scan of the whole course for every module)."""
        if "/" in module:
            return [src_uri for src_uri in self.pages if src_uri.startswith(module + "/")]
        if self._by_folder is None:
            self._by_folder = {}
            for src_uri in self.pages:
                if "/" in src_uri:
                    self._by_folder.setdefault(src_uri.split("/", 1)[0], []).append(src_uri)
        return self._by_folder.get(module, [])

    def write(self, site_dir: Path, modules: Iterable[str], shared_pages: Iterable[str], assets_first: bool = True,
              minify: bool | None = None) -> None:
        """Writes offline/<module>.json for each module, then the worker (whose cache version
        hashes everything written before it, the lists included), minified unless `minify` is
        False; by default it follows `assets_first` (False under `mkdocs serve`: readable)."""
        shared_pages = list(shared_pages)
        folder = site_dir / MANIFEST_FOLDER
        write_search_bundle(site_dir)
        files = _SiteFiles(site_dir)  # the manifests are not read back: one look-up serves every module
        for module in modules:
            manifest = {"module": module, "urls": self.module_urls(module, shared_pages, site_dir, files)}
            media = self.module_media(module, site_dir, files)
            if media:  # a module without videos keeps the list it had
                narrations = sum(group[0]["type"].startswith("audio/") for group in media)
                manifest.update(media=media, ask=media_words(len(media) - narrations, narrations))
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{module}.json").write_text(json.dumps(manifest, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        version = cache_version(site_files(site_dir))
        minify = assets_first if minify is None else minify
        media = self.media_versions(site_dir, files)
        (site_dir / WORKER).write_text(worker_script(version, assets_first, minify, media), encoding="utf-8")


class _SiteFiles:
    """The built files one `OfflineSite.write` asks about, each looked up once: every module's
    list shares the search files, the stylesheets and most of what its pages load."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self._exists: dict[str, bool] = {}
        self._css: dict[str, list[str]] = {}
        self._search_files: list[str] | None = None

    @property
    def search_files(self) -> list[str]:
        if self._search_files is None:
            self._search_files = search_files(self.site_dir)
        return self._search_files

    def exists(self, url: str) -> bool:
        if url not in self._exists:
            self._exists[url] = _exists(self.site_dir, url)
        return self._exists[url]

    def size(self, url: str) -> int:
        return (self.site_dir / _file_path(url)).stat().st_size

    def digest(self, url: str) -> str:
        digest = hashlib.sha256()
        with open(self.site_dir / _file_path(url), "rb") as file:
            for block in iter(lambda: file.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()[:MEDIA_HASH_CHARS]

    def css_resources(self, url: str) -> list[str]:
        if url not in self._css:
            css = (self.site_dir / _file_path(url)).read_text(encoding="utf-8", errors="replace")
            self._css[url] = css_resources(url, css)
        return self._css[url]


def _file_path(url: str) -> str:
    path = unquote(url.split("?")[0].split("#")[0])
    return path + "index.html" if path.endswith("/") or path in ("", "./") else path


def _exists(site_dir: Path, url: str) -> bool:
    return (site_dir / _file_path(url)).is_file()


def site_files(site_dir: Path) -> Iterable[tuple[str, bytes]]:
    """(site path, content) of every built file that belongs in the cache version."""
    for path in sorted(site_dir.rglob("*"), key=_path_order):
        relative = path.relative_to(site_dir).as_posix()
        if path.is_file() and relative not in _UNVERSIONED:
            yield relative, path.read_bytes()


def cache_version(files: Iterable[tuple[str, bytes]]) -> str:
    """A short hash of the built files (and of the worker's own code): any change gives a new
    cache, so learners never keep a stale file once they are online again."""
    digest = hashlib.sha256(_WORKER_TEMPLATE.encode())
    # Each file's hash as it is read, not the whole site's bytes held at once to be sorted (a
    # site's paths are unique: the same order as sorting the contents).
    for path, content_hash in sorted((path, hashlib.sha256(content).digest()) for path, content in files):
        digest.update(path.encode() + b"\0" + content_hash)
    return digest.hexdigest()[:12]


def _path_order(path: Path) -> tuple[str, ...]:
    """The order `sorted()` gives paths of one folder, without Path's slow comparison (a
    million of them on a course of 1,000 lessons)."""
    return path.parts


def media_words(videos: int, narrations: int) -> dict[str, str]:
    """What the module button asks before saving the module's videos and narrations, its two
    answers, and what it says once the lessons are saved without them ("{size}": offline.js)."""
    join = messages.OFFLINE_MEDIA_AND.join
    what = join(([messages.OFFLINE_MEDIA_VIDEOS.format(count=videos)] if videos else []) +
                ([messages.OFFLINE_MEDIA_NARRATIONS.format(count=narrations)] if narrations else []))
    noun = join(([messages.OFFLINE_MEDIA_VIDEO] if videos else []) + ([messages.OFFLINE_MEDIA_NARRATION] if narrations else []))
    return {"question": messages.OFFLINE_MEDIA_QUESTION.format(what=what, noun=noun, size="{size}"),
            "yes": messages.OFFLINE_MEDIA_YES.format(noun=noun, size="{size}"), "no": messages.OFFLINE_MEDIA_NO,
            "done": messages.OFFLINE_MEDIA_DONE_WITHOUT.format(noun=noun)}


def module_button(module: str) -> str:
    """The "save this module" box on a module page: hidden until offline.js finds a service
    worker to do the saving (so file:// and plain-http readers never see a dead button)."""
    return (
        f'<div class="hvs-offline hvs-actions" data-module="{escape(module)}" data-search-exclude hidden>\n'
        f'<button type="button" class="hvs-offline-save">{BUTTON}</button>\n'
        '<p class="hvs-offline-status" role="status" aria-live="polite"></p>\n'
        "</div>\n"
    )


def worker_script(version: str, assets_first: bool = True, minify: bool = False,
                  media: dict[str, str] | None = None) -> str:
    """The service worker, from its template. `assets_first=False` (for `mkdocs serve`) asks the
    network first for everything, so an author editing a stylesheet sees the change on the
    next reload. `minify`: without comments and indentation, as learners download it.
    `media`: the site's videos and sounds with the hash of their bytes (`media_versions`)."""
    missing = [name for name in _PLACEHOLDERS if name not in _WORKER_TEMPLATE]
    if missing:
        raise ValueError(f"{assets.SOURCE_DIR / 'sw.js'} lost its placeholders: {', '.join(missing)}")
    values = {"__VERSION__": version, "__ASSETS_FIRST__": "true" if assets_first else "false",
              "__SEARCH_BUNDLE__": json.dumps(SEARCH_BUNDLE), "__SEARCH_PARTS__": json.dumps([f"/{folder}/" for folder in JOINED_FOLDERS]),
              "__MEDIA__": json.dumps(media or {}, sort_keys=True, separators=(",", ":"))}  # \u escapes: ES5 strings
    script = _WORKER_TEMPLATE
    for name, value in values.items():
        script = script.replace(name, value)
    return assets.minified_js(script) if minify else script

