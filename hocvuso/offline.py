"""Learning with no network, over http(s): a service worker and one download list per module.

The built site already works from a USB stick (file://). On a web host, the service worker
(`sw.js`, generated at the site root so its scope covers the whole site, also under a
sub-path) keeps every page a learner opens and the files it uses, and a button on each module
page saves the whole module ahead of time from `offline/<module>.json`. Browsers without
service workers (file://, plain http on a LAN) skip all of this: the site works as before.

The worker's cache is named after a hash of the built files, so a new build replaces the old
cache; what a learner had saved is fetched again (cheaply revalidated) into the new one.
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
from urllib.parse import unquote, urljoin, urlsplit

from hocvuso.search_index import INDEX_SCRIPT

WORKER = "sw.js"
MANIFEST_FOLDER = "offline"
# Loaded only when the learner opens the search (overrides/assets/hocvuso/search.js), so no
# page names them: listed here so a saved module can also be searched offline.
SEARCH_FILES = (INDEX_SCRIPT, "assets/vendor/lunr/lunr.min.js")
# Output that changes with the day, not with the course: kept out of the cache version.
_UNVERSIONED = {WORKER, "sitemap.xml", "sitemap.xml.gz"}

BUTTON = "Tải về để học không cần mạng"

_BASE = "https://site.invalid/"  # stands for the site root when resolving relative URLs
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_ICON_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "manifest", "preload", "modulepreload"}


def site_relative(base: str, reference: str) -> str | None:
    """`reference` as written in the file at site path `base`, as a path from the site root;
    None for another host, a data: URL, a bare #fragment, or anything outside the site."""
    reference = reference.strip()
    if not reference or reference.startswith("#"):
        return None
    absolute = urljoin(_BASE + base, reference)
    if not absolute.startswith(_BASE):
        return None
    parts = urlsplit(absolute[len(_BASE) - 1 :])
    path = parts.path.lstrip("/")
    return path + ("?" + parts.query if parts.query else "") if path else "./"


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


def page_resources(page_url: str, html: str) -> list[str]:
    """Site paths of the files the page at `page_url` loads, in order, without repeats."""
    found: list[str] = []
    for tag in _LOADING_TAG.finditer(html):
        parser = _Resources()  # a fresh one each time: after <script> a parser reads script text
        parser.feed(tag.group(0))
        found += parser.found
    paths = (site_relative(page_url, reference) for reference in found)
    return list(dict.fromkeys(path for path in paths if path))


def css_resources(css_path: str, css: str) -> list[str]:
    """Site paths of the fonts and images a stylesheet refers to (data: URLs need no fetch)."""
    paths = (site_relative(css_path, match.group(2)) for match in _CSS_URL.finditer(css)
             if not match.group(2).strip().lower().startswith("data:"))
    return list(dict.fromkeys(path for path in paths if path))


@dataclass
class _Page:
    url: str
    resources: list[str]


@dataclass
class OfflineSite:
    """What one build's pages load, remembered page by page (keyed by their source path)."""

    pages: dict[str, _Page] = field(default_factory=dict)

    def clear(self) -> None:
        self.pages.clear()

    def add_page(self, src_uri: str, url: str, html: str) -> None:
        self.pages[src_uri] = _Page(url or "./", page_resources(url, html))

    def module_urls(self, module: str, shared_pages: Iterable[str], site_dir: Path) -> list[str]:
        """Everything to save for `module`: its pages, what they load, the shared pages (the
        glossary, the home page) and the search files; only files the build wrote."""
        own = sorted((not src_uri.endswith("/index.md"), src_uri) for src_uri in self.pages if src_uri.startswith(module + "/"))
        chosen = [self.pages[src_uri] for _, src_uri in own]  # the module page first, then its lessons
        chosen += [self.pages[src_uri] for src_uri in shared_pages if src_uri in self.pages]
        urls = [page.url for page in chosen]
        for page in chosen:
            urls += page.resources
        urls += SEARCH_FILES
        for url in list(urls):
            if url.split("?")[0].endswith(".css") and _exists(site_dir, url):
                urls += css_resources(url, (site_dir / _file_path(url)).read_text(encoding="utf-8", errors="replace"))
        return [url for url in dict.fromkeys(urls) if _exists(site_dir, url)]

    def write(self, site_dir: Path, modules: Iterable[str], shared_pages: Iterable[str], assets_first: bool = True) -> None:
        """Writes offline/<module>.json for each module, then the worker (whose cache version
        hashes everything written before it, the lists included)."""
        shared_pages = list(shared_pages)
        folder = site_dir / MANIFEST_FOLDER
        for module in modules:
            manifest = {"module": module, "urls": self.module_urls(module, shared_pages, site_dir)}
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{module}.json").write_text(json.dumps(manifest, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        version = cache_version(site_files(site_dir))
        (site_dir / WORKER).write_text(worker_script(version, assets_first), encoding="utf-8")


def _file_path(url: str) -> str:
    path = unquote(url.split("?")[0].split("#")[0])
    return path + "index.html" if path.endswith("/") or path in ("", "./") else path


def _exists(site_dir: Path, url: str) -> bool:
    return (site_dir / _file_path(url)).is_file()


def site_files(site_dir: Path) -> Iterable[tuple[str, bytes]]:
    """(site path, content) of every built file that belongs in the cache version."""
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if path.is_file() and relative not in _UNVERSIONED:
            yield relative, path.read_bytes()


def cache_version(files: Iterable[tuple[str, bytes]]) -> str:
    """A short hash of the built files (and of the worker's own code): any change gives a new
    cache, so learners never keep a stale file once they are online again."""
    digest = hashlib.sha256(_WORKER_TEMPLATE.encode())
    for path, content in sorted(files):
        digest.update(path.encode() + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()[:12]


def module_button(module: str) -> str:
    """The "save this module" box on a module page: hidden until offline.js finds a service
    worker to do the saving (so file:// and plain-http readers never see a dead button)."""
    return (
        f'<div class="hvs-offline hvs-actions" data-module="{escape(module)}" data-search-exclude hidden>\n'
        f'<button type="button" class="hvs-offline-save">{BUTTON}</button>\n'
        '<p class="hvs-offline-status" role="status" aria-live="polite"></p>\n'
        "</div>\n"
    )


def worker_script(version: str, assets_first: bool = True) -> str:
    """The service worker. `assets_first=False` (for `mkdocs serve`) asks the network first for
    everything, so an author editing a stylesheet sees the change on the next reload."""
    return _WORKER_TEMPLATE.replace("__VERSION__", version).replace("__ASSETS_FIRST__", "true" if assets_first else "false")


# Plain ES5 with promises: old phones' browsers run it. Messages a learner may read are Vietnamese.
_WORKER_TEMPLATE = r"""/* hocvuso service worker, generated by hocvuso/offline.py at each build: do not edit.
   Pages: network first (learners get updates when online), the saved copy when offline or
   when the network is very slow. Styles, scripts, images: saved copy first. Requests to other
   hosts are never touched. */
"use strict";
var SCOPE = self.registration.scope;
// Several courses may share one host (sub-paths): each only ever touches its own caches.
var PREFIX = "hocvuso:" + SCOPE + ":";
var CACHE = PREFIX + "__VERSION__";
var ASSETS_FIRST = __ASSETS_FIRST__;
var ASSET = /\.(?:css|js|mjs|png|jpe?g|gif|svg|webp|avif|ico|woff2?|ttf|otf|mp3|m4a|ogg|opus|wav|mp4|webm)$/i;
var SLOW_MS = 5000;
var MATCH = { ignoreVary: true };

self.addEventListener("install", function (event) {
  event.waitUntil(carryOver().then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

// A new build: what the learner had saved is fetched again into the new cache (a cheap
// revalidation when unchanged), so saved modules stay saved. Offline, the old copy is kept;
// a file the new build no longer has is dropped.
function carryOver() {
  return caches.keys().then(function (names) {
    var old = names.filter(function (name) { return name.indexOf(PREFIX) === 0 && name !== CACHE; });
    return Promise.all(old.map(function (name) {
      return caches.open(name).then(function (from) {
        return from.keys().then(function (requests) {
          return inTurn(requests, function (request) {
            return caches.match(request, { cacheName: CACHE }).then(function (done) {
              if (done) return null;
              return fetch(request.url, { cache: "no-cache" }).then(function (response) {
                return response.ok ? store(request.url, response) : null;
              }, function () {
                return from.match(request).then(function (copy) { return copy && store(request.url, copy); });
              });
            });
          });
        });
      });
    }));
  }).catch(function () { /* a fresh cache fills again as pages are opened */ });
}

function inTurn(items, work) {
  var next = 0;
  function worker() {
    if (next >= items.length) return Promise.resolve();
    var item = items[next++];
    return Promise.resolve(work(item)).catch(function () {}).then(worker);
  }
  return Promise.all([worker(), worker(), worker()]);
}

// Keeps a copy of a good same-origin response; resolves once it is stored, so a page that
// fetches a file to save it knows it is saved when its fetch ends.
function store(request, response) {
  if (!response || !response.ok || response.type !== "basic") return Promise.resolve(response);
  var copy = response.clone();
  // A redirected response cannot answer a page load: keep its content under a clean response.
  var kept = response.redirected
    ? copy.blob().then(function (body) {
        return new Response(body, { status: copy.status, statusText: copy.statusText, headers: copy.headers });
      })
    : Promise.resolve(copy);
  return kept.then(function (clean) {
    return caches.open(CACHE).then(function (cache) { return cache.put(request, clean); });
  }).catch(function () { /* storage full: the page still loads */ }).then(function () { return response; });
}

function saved(request, isPage) {
  return caches.match(request, { ignoreVary: true, ignoreSearch: isPage, cacheName: CACHE }).then(function (hit) {
    if (hit || !isPage) return hit;
    var url = (request.url || request).split("?")[0];
    // A folder's address and its index.html are one page (kept under whichever was opened).
    var same = /\/$/.test(url) ? url + "index.html" : /\/index\.html$/.test(url) ? url.slice(0, -10) : null;
    return same ? caches.match(same, { ignoreVary: true, cacheName: CACHE }) : hit;
  });
}

function assetFirst(request) {
  return saved(request, false).then(function (hit) {
    return hit || fetch(request).then(function (response) { return store(request, response); });
  });
}

function networkFirst(request, isPage) {
  return new Promise(function (resolve, reject) {
    var settled = false;
    function finish(response) { if (!settled) { settled = true; resolve(response); } }
    // Very slow network: the saved copy now; the fresh one still gets saved for next time.
    var timer = setTimeout(function () {
      saved(request, isPage).then(function (hit) { if (hit) finish(hit); });
    }, SLOW_MS);
    fetch(request).then(function (response) {
      return store(request, response);
    }).then(function (response) {
      clearTimeout(timer);
      finish(response);
    }, function (error) {
      clearTimeout(timer);
      saved(request, isPage).then(function (hit) {
        if (hit) finish(hit);
        else if (isPage) finish(notSaved());
        else if (!settled) { settled = true; reject(error); }
      });
    });
  });
}

function notSaved() {
  var home = SCOPE;
  return new Response(
    '<!doctype html><html lang="vi"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><title>Chưa có mạng</title>' +
    '<style>body{font:1.2rem/1.6 system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem}' +
    'a{display:inline-block;padding:.6rem 0;min-height:44px}</style></head><body>' +
    "<h1>Bạn đang không có mạng</h1>" +
    "<p>Trang này chưa được lưu trên máy, nên chưa mở được.</p>" +
    "<p>Những trang bạn đã xem, hoặc đã tải về, vẫn mở được khi không có mạng. " +
    "Khi có mạng trở lại, bạn mở lại trang này.</p>" +
    '<p><a href="' + home + '">Về trang đầu</a></p></body></html>',
    // 200, as offline pages usually are: the browser shows it without logging a failure.
    { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" } }
  );
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.headers.has("range")) return;
  if (request.url.indexOf(SCOPE) !== 0) return;  // another host, or outside this course
  var path = new URL(request.url).pathname;
  var isPage = request.mode === "navigate" || /(?:\.html|\/)$/.test(path);
  var isAsset = !isPage && ASSET.test(path);
  // Anything else (e.g. `mkdocs serve`'s live-reload polling) is left to the browser.
  if (!isPage && !isAsset && !/\.json$/.test(path)) return;
  if (ASSETS_FIRST && isAsset) event.respondWith(assetFirst(request));
  else event.respondWith(networkFirst(request, isPage));
});
"""
