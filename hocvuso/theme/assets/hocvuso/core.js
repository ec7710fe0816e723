/* hocvuso: the small core our other scripts use (window.hvs). Loaded first, once.
   Each helper is written here only: saving on this device (one rule when it fails), escaping
   text for HTML, running on every page, the site root. A classic script (file:// blocks ES
   modules), no dependencies, no requests. Every script of ours adds what it offers to the
   same namespace, window.hvs (hvs.text, hvs.answer, hvs.quiz, hvs.progress, hvs.codes...).
   reading-early.js runs in <head> before this file: it starts the namespace (hvs.reading) and
   keeps its own one-line read (see there why), so this file extends it. */
(function () {
  "use strict";

  var hvs = window.hvs = window.hvs || {};

  // ---- What the build wrote (assets/hocvuso/course.js, before this file): the course map,
  // and the values Python and the scripts share (paths, limits: hocvuso/pages/progress.py). ----
  hvs.course = window.__hvsCourse || null;
  hvs.shared = hvs.course ? hvs.course.shared : { paths: {} };

  // ---- Saving on this device ----
  // localStorage when it works. Every value written is also kept in memory; once a write has
  // failed (storage full, disabled, private mode), reads answer from that copy for the rest of
  // the visit: storage may still hold an older state, and what the learner just did (a passed
  // lesson) must win over it. The copy also goes to sessionStorage (its own quota, this tab
  // only), so the next pages of the visit still know it; the learner is told once that it
  // lasts until the page is closed.
  var VISIT = "hocvuso:visit:";
  var FAILED = VISIT + "failed", TOLD = VISIT + "told";
  var memory = Object.create(null);  // key -> JSON text, as written by this page
  var failed = !!visitGet(FAILED), told = false;

  function visitGet(key) {
    try { return window.sessionStorage.getItem(key); } catch (e) { return null; }
  }
  function visitSet(key, text) {
    try { window.sessionStorage.setItem(key, text); } catch (e) { /* this page's memory still holds it */ }
  }
  function parse(text) {
    if (text === null || text === undefined) return null;
    try { return JSON.parse(text); } catch (e) { return null; }  // damaged: as if never saved
  }
  // The saved value (a fresh copy the caller may change), or null.
  function get(key) {
    if (failed) {
      var kept = key in memory ? memory[key] : visitGet(VISIT + key);
      if (kept !== null) return parse(kept);
    }
    // Otherwise storage is read each time, so two open tabs both count.
    try {
      var raw = window.localStorage.getItem(key);
      if (raw !== null) return parse(raw);
    } catch (e) { /* unreadable: this page's copy */ }
    return key in memory ? parse(memory[key]) : null;
  }
  // Saves value (JSON); true when it is on the device, false when only this visit keeps it.
  function set(key, value) {
    var text = JSON.stringify(value);
    memory[key] = text;
    if (failed) visitSet(VISIT + key, text);
    try {
      window.localStorage.setItem(key, text);
      return true;
    } catch (e) {
      if (!failed) fail();
      return false;
    }
  }
  function fail() {
    failed = true;
    visitSet(FAILED, "1");
    for (var key in memory) visitSet(VISIT + key, memory[key]);
    tell();
    document.dispatchEvent(new CustomEvent("hvs:storage-failed"));
  }
  hvs.storage = { get: get, set: set, failed: function () { return failed; } };

  // The learner is told once per visit, politely: a note where they are (after the quiz or
  // box they were using, else under the page title), and the same words in a live region that
  // exists before they are written into it (screen readers announce changes, not new regions).
  var NOTICE = "Máy này đang không lưu được tiến độ học. Bạn vẫn học tiếp được, nhưng khi đóng trang, kết quả sẽ mất.";
  var NEAR = ".hvs-quiz, .hvs-reading, [data-hvs-transfer], [data-hvs-certificate]";
  var lastUsed = null;  // what the learner last tapped or typed in (Safari does not focus taps)
  ["click", "change", "input"].forEach(function (type) {
    document.addEventListener(type, function (event) { lastUsed = event.target; }, true);
  });
  function liveRegion() {
    var region = document.querySelector(".hvs-storage-live");
    if (!region && document.body) {
      region = document.createElement("p");
      region.className = "hvs-storage-live hvs-sr";
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    return region;
  }
  function tell() {
    var region = liveRegion();
    if (told || !region || visitGet(TOLD)) return;  // no <body> yet: told on page ready
    told = true;
    visitSet(TOLD, "1");
    region.textContent = NOTICE;
    var note = document.createElement("p");
    note.className = "hvs-storage-note";
    note.textContent = NOTICE;
    var near = lastUsed && lastUsed.closest && document.contains(lastUsed) ? lastUsed.closest(NEAR) : null;
    var title = document.querySelector("article h1");
    if (near && near.matches(".hvs-reading")) near.appendChild(note);  // the "Aa" panel
    else if (near || title) (near || title).insertAdjacentElement("afterend", note);
  }

  // ---- Text into HTML ----
  hvs.escapeHtml = function (text) {
    return String(text).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  };

  // ---- Every page ----
  // fn() once the page is there AND every deferred script has run (the document's loaded event), so a
  // script's event at page set-up (quiz.js: "this quiz is passed") finds the listeners of
  // the scripts after it (progress.js); again after each page Material's instant navigation
  // shows (document$), should a fork turn that feature on. Deferred scripts run while
  // readyState is already "interactive": that state alone does not mean the others have run.
  var pageReady = document.readyState === "complete", waiting = [];
  function runWaiting() {
    if (pageReady) return;
    pageReady = true;
    waiting.splice(0).forEach(function (fn) { fn(); });
  }
  document.addEventListener("DOMContentLoaded", runWaiting);
  window.addEventListener("load", runWaiting);  // core.js added after that event
  hvs.ready = function (fn) {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(fn);
    else if (pageReady) fn();
    else waiting.push(fn);
  };
  hvs.ready(function () {
    liveRegion();
    if (failed) tell();  // e.g. a write failed before the page was there
  });

  // ---- Where the site is: Material's #__config (its base) ----
  var config = null;
  hvs.config = function () {
    if (!config) {
      var element = document.getElementById("__config");
      config = element ? JSON.parse(element.textContent) : null;
    }
    return config;
  };
  // The site root as an absolute URL ("…/" also under a sub-path or file://), or null.
  // Computed each time: base is relative to the page shown, which instant navigation changes.
  hvs.root = function () {
    var settings = hvs.config();
    return settings ? new URL(settings.base.replace(/\/?$/, "/"), location.href).href : null;
  };
  hvs.url = function (path) { return new URL(path, hvs.root() || location.href).href; };

  // ---- Scripts only some pages need (site_paths.LAZY_SCRIPTS, the search's files) ----
  // One classic <script> of this site per path, added once: a promise of its having run. Same
  // origin, so the security policy's script-src 'self' allows it, and it works from file://.
  var loading = {};
  hvs.load = function (path) {
    if (!loading[path]) loading[path] = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = hvs.url(path);
      script.onload = resolve;
      script.onerror = function () { delete loading[path]; reject(new Error(path)); };
      document.head.appendChild(script);
    });
    return loading[path];
  };
  // A feature's script, where the page has what it works on; the page works without it (the
  // native player, every lesson open), so a failed load is left at that.
  function feature(path) {
    if (path) hvs.load(path).catch(function () {});
  }
  hvs.ready(function () {
    if (document.querySelector("[data-hvs-video], .hvs-narration")) feature(hvs.shared.paths.video);
    // A page the path may close waits hidden for its script (reading-early.js); without the
    // script, the path is off and the page shows whole.
    var shown = function () { document.documentElement.classList.remove("hvs-path-wait"); };
    // Shown once the script has run, whatever it did: it decides as it runs (a throw before its
    // decision would otherwise leave the page hidden), or when it cannot load.
    if (hvs.shared.ordered) hvs.load(hvs.shared.paths.orderedPath).then(shown, shown);
    else shown();
  });

  // Any "In" button of the site (the certificate, the class page) prints the page as it is.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-hvs-print]")) window.print();
  });
})();
