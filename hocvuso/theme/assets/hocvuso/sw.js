/* hocvuso service worker: a TEMPLATE. hocvuso/publish/offline.py fills in the placeholders below
   (__VERSION__: the cache version, a hash of the built files; __ASSETS_FIRST__: true, or false
   under `mkdocs serve`; the search files, named in hocvuso/catalogue/site_paths.py) and writes
   the result, minified, to the worker's path at the site root; this file
   itself is not published. Plain ES5 with promises: old phones' browsers run it. Messages a
   learner may read are Vietnamese.
   Pages: network first (learners get updates when online), the saved copy when offline or
   when the network is very slow. Styles, scripts, images: saved copy first. A part of a saved
   video or sound (a Range request: how a player seeks) is cut from the saved copy. Requests to
   other hosts are never touched. */
"use strict";
var SCOPE = self.registration.scope;
// Several courses may share one host (sub-paths): each only ever touches its own caches.
var PREFIX = "hocvuso:" + SCOPE + ":";
// Placeholders, filled in by hocvuso/publish/offline.py (worker_script).
var CACHE = PREFIX + "__VERSION__";
var ASSETS_FIRST = __ASSETS_FIRST__;
// The joined search index, and the folders of the shards and chunks it holds.
var SEARCH_ALL = __SEARCH_BUNDLE__, SEARCH_PARTS = __SEARCH_PARTS__;
var ASSET = /\.(?:css|js|mjs|png|jpe?g|gif|svg|webp|avif|ico|woff2?|ttf|otf|mp3|m4a|ogg|oga|opus|wav|mp4|webm|vtt)$/i;
var SLOW_MS = 5000;
// Every video and sound a page plays (its path in the course) -> a hash of its bytes. A saved
// copy is kept labelled with the hash it was saved under, so a new build's worker knows,
// without asking the network, which saved videos did not change.
var MEDIA = __MEDIA__;
var MEDIA_FILE = /\.(?:mp3|m4a|ogg|oga|opus|wav|mp4|webm)$/i;
var LABEL = "X-Hocvuso-Media";

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
// a file the new build no longer has is dropped. Videos and narrations (megabytes each) are
// never fetched here: the saved copy is carried over when its bytes did not change, dropped
// when they did (never kept stale) or when no page plays it any more.
function carryOver() {
  return caches.keys().then(function (names) {
    var old = names.filter(function (name) { return name.indexOf(PREFIX) === 0 && name !== CACHE; });
    return Promise.all(old.map(function (name) {
      return caches.open(name).then(function (from) {
        return from.keys().then(function (requests) {
          return inTurn(requests, function (request) {
            return caches.match(request, { cacheName: CACHE }).then(function (done) {
              if (done) return null;
              if (MEDIA_FILE.test(new URL(request.url).pathname)) return carryMedia(from, request);
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

// A saved video whose bytes changed is dropped, not fetched: megabytes the learner did not ask
// for now, in an install that must end within minutes (the module's button saves it again, with
// its size asked first).
function carryMedia(from, request) {
  var wanted = mediaVersion(request.url);
  if (!wanted) return null;
  return from.match(request).then(function (copy) {
    if (copy && copy.headers.get(LABEL) === wanted) {
      return caches.open(CACHE).then(function (cache) { return cache.put(request.url, copy); });
    }
    return null;
  });
}

// The hash of the bytes this build's pages play at `url`, or null for a file no page plays.
function mediaVersion(url) {
  if (url.indexOf(SCOPE) !== 0) return null;
  var path = url.slice(SCOPE.length);
  // Decoded whole, as the build keys it (Python's unquote): decodeURI would leave "%23" ("#"), "%2C" (",") as they are.
  try { path = decodeURIComponent(path); } catch (e) { /* kept as it is */ }
  return Object.prototype.hasOwnProperty.call(MEDIA, path) ? MEDIA[path] : null;
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
  // A whole video or sound a page plays: kept labelled with the hash of this build's bytes.
  var version = response.status === 200 ? mediaVersion(String(request.url || request)) : null;
  // A redirected response cannot answer a page load: keep its content under a clean response.
  var kept = response.redirected || version
    ? copy.blob().then(function (body) {
        var headers = new Headers(copy.headers);
        if (version) headers.set(LABEL, version);
        return new Response(body, { status: copy.status, statusText: copy.statusText, headers: headers });
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

// A shard or chunk of the search index not saved on its own: a saved module keeps them all,
// joined in SEARCH_ALL (hocvuso/search/offline.py), which registers the one asked for with the rest.
// Chunks may be in subfolders of their folder (a big course's docs tree, hocvuso/search/shards.py).
function searchPart(path) {
  var inScope = path.slice(new URL(SCOPE).pathname.length - 1);
  return /\.js$/.test(path) && SEARCH_PARTS.some(function (part) { return inScope.lastIndexOf(part, 0) === 0; });
}

// Whole videos and sounds this worker is downloading (to save them): a second request for one
// (the module button pressed again after the page gave up) waits for it, never a second download.
var loading = {};

function assetFirst(request) {
  return saved(request, false).then(function (hit) {
    if (hit) return hit;
    if (!MEDIA_FILE.test(new URL(request.url).pathname)) return fromNetwork(request);
    var pending = loading[request.url];
    if (pending) {
      return pending.then(function () { return saved(request, false); }, function () { return null; })
        .then(function (done) { return done || fromNetwork(request); });
    }
    pending = loading[request.url] = fromNetwork(request);
    var forget = function () { if (loading[request.url] === pending) delete loading[request.url]; };
    pending.then(forget, forget);
    return pending;
  });
}

function fromNetwork(request) {
  return fetch(request).then(function (response) { return store(request, response); }, function (error) {
    if (!searchPart(new URL(request.url).pathname)) throw error;
    return caches.match(SCOPE + SEARCH_ALL, { cacheName: CACHE }).then(function (joined) {
      if (joined) return joined;
      throw error;
    });
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

// A Range request (a player starting or seeking): a part of the saved copy when there is one
// (only a whole file is saved: the module button fetches it whole), else the network's answer.
function ranged(request) {
  function fromCache() {
    return saved(request, false).then(function (hit) {
      if (!hit || hit.status !== 200) return null;
      return part(hit, request.headers.get("range"));
    });
  }
  if (!ASSETS_FIRST) {
    return fetch(request).catch(function (error) {
      return fromCache().then(function (answer) { if (answer) return answer; throw error; });
    });
  }
  return fromCache().then(function (answer) { return answer || fetch(request); });
}

// The bytes "bytes=a-b", "bytes=a-" or "bytes=-n" ask of a whole response, as a server answers
// them (hocvuso/classroom/static_server.py does the same): 206, or 416 when there are none; a
// header it does not read (several ranges) gets the whole response, as HTTP allows.
function part(whole, header) {
  var asked = /^bytes=(\d*)-(\d*)$/i.exec(String(header).replace(/\s+/g, ""));
  if (!asked || (!asked[1] && !asked[2]) || (asked[1] && asked[2] && +asked[2] < +asked[1])) return whole;
  return whole.blob().then(function (body) {
    var size = body.size, first, last;
    if (!asked[1]) {
      first = Math.max(size - +asked[2], 0);
      last = +asked[2] && size ? size - 1 : -1;
    } else {
      first = +asked[1];
      last = asked[2] ? Math.min(+asked[2], size - 1) : size - 1;
    }
    if (first >= size || last < first) {
      return new Response("", { status: 416, statusText: "Range Not Satisfiable", headers: { "Content-Range": "bytes */" + size } });
    }
    var type = whole.headers.get("Content-Type") || body.type;
    return new Response(body.slice(first, last + 1, type), {
      status: 206, statusText: "Partial Content",
      headers: { "Content-Type": type, "Content-Length": String(last - first + 1),
        "Content-Range": "bytes " + first + "-" + last + "/" + size, "Accept-Ranges": "bytes" }
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  if (request.url.indexOf(SCOPE) !== 0) return;  // another host, or outside this course
  if (request.headers.has("range")) {
    event.respondWith(ranged(request));
    return;
  }
  var path = new URL(request.url).pathname;
  var isPage = request.mode === "navigate" || /(?:\.html|\/)$/.test(path);
  var isAsset = !isPage && ASSET.test(path);
  // Anything else (e.g. `mkdocs serve`'s live-reload polling) is left to the browser. Data files
  // (a module's list, the home-screen app's manifest) change with each build: network first.
  if (!isPage && !isAsset && !/\.(?:json|webmanifest)$/.test(path)) return;
  if (ASSETS_FIRST && isAsset) event.respondWith(assetFirst(request));
  else event.respondWith(networkFirst(request, isPage));
});
