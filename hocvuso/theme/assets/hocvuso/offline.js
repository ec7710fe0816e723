/* hocvuso: learning with no network, over http(s).
   Registers the service worker (at the site root, written by hocvuso/publish/offline.py), saves
   the page the learner is on when the worker first starts, and on a module page loads the
   "Tải về để học không cần mạng" button's script (offline-module.js: only module pages pay for
   it). Where service workers are unavailable (file://, plain http on a LAN, old browsers) it does
   nothing: the button stays hidden, the site works as before. A classic script, no
   dependencies, no requests to other hosts. */
(function () {
  "use strict";

  // A video or sound file: a visited page's player is not fetched whole just to keep the page.
  var MEDIA = /\.(?:mp[34]|m4a|og[ga]|opus|wav|webm)\b/i;

  var hvs = window.hvs;
  if (!hvs.root() || !window.isSecureContext || !/^https?:$/.test(location.protocol) ||
      !("serviceWorker" in navigator) || !("caches" in window) || !window.Promise || !window.fetch) {
    return;
  }
  var workers = navigator.serviceWorker;
  // The worker's scope is the site root, also under a sub-path.
  var root = hvs.root();
  var hadController = !!workers.controller;
  // The worker and the modules' download lists, where the build wrote them (hvs.shared, course.js).
  var paths = hvs.shared.paths, worker = root + paths.worker;

  function register() {
    workers.register(worker, { scope: root }).catch(function () { /* saving offline is a bonus */ });
  }
  // After the page has loaded: the worker's start never slows a learner's first visit.
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);

  // The worker starts controlling pages only after it is installed, so the page that
  // installed it was not saved as it loaded: save it (and the files it used) now.
  workers.addEventListener("controllerchange", function () {
    if (hadController) return;
    hadController = true;
    var found = [location.href];
    // What the page loaded (the icon may not have been fetched yet: taken from the markup too).
    var entries = window.performance && performance.getEntriesByType ? performance.getEntriesByType("resource") : [];
    for (var i = 0; i < entries.length; i++) found.push(entries[i].name);
    var tags = document.querySelectorAll("link[rel~=stylesheet][href], link[rel~=icon][href], script[src], img[src]");
    for (var j = 0; j < tags.length; j++) found.push(tags[j].href || tags[j].currentSrc || tags[j].src);
    var urls = [];
    for (var k = 0; k < found.length; k++) {
      var url = found[k].split("#")[0];
      if (url.indexOf(root) === 0 && url !== worker && !MEDIA.test(url) && urls.indexOf(url) === -1) urls.push(url);
    }
    inTurn(urls, function (url) { return fetch(url).catch(function () { /* the rest is still kept */ }); });
  });

  // Runs work(item) for every item, three at a time; rejects on the first failure. (Only this
  // file and offline-module.js run jobs in turn on a page; the worker has its own, sw.js.)
  function inTurn(items, work) {
    var next = 0;
    function one() {
      if (next >= items.length) return Promise.resolve();
      return Promise.resolve(work(items[next++])).then(one);
    }
    return Promise.all([one(), one(), one()]);
  }

  // What offline-module.js shares with this file, once this file found a worker possible.
  hvs.offline = { root: root, paths: paths, workers: workers, inTurn: inTurn };
  hvs.ready(function () {
    if (document.querySelector(".hvs-offline[data-module]")) hvs.load(paths.offlineModule).catch(function () {});
  });
})();
