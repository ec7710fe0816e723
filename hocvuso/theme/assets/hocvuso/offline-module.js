/* hocvuso: a module page's "Tải về để học không cần mạng" button, loaded by offline.js on module
   pages where a service worker can run. Saves every page of the module and the files they use
   (offline/<module>.json, hocvuso/publish/offline.py); a module with videos or recorded
   narrations asks first whether to save them too, with their size. Then says so on later
   visits while every file is still on the phone. A classic script, no requests to other hosts. */
(function () {
  "use strict";

  var TEXT = {
    preparing: "Đang chuẩn bị tải…",
    progress: function (done, total) { return "Đang tải " + done + "/" + total + " trang…"; },
    done: "Đã tải xong. Bạn có thể học chương này khi không có mạng.",
    saved: "Chương này đã được lưu trên máy.",
    failed: "Chưa tải được. Bạn kiểm tra lại mạng, rồi bấm nút để thử lại."
  };
  var WAIT_MS = 15000;  // for the worker to take charge of the page
  var FILE_MS = 60000;  // for one file, at least
  // A video's time grows with its bytes (the module's list gives them): at 8 kB/s, a slow 2G
  // line, 15 MB take half an hour, and are not given up on after a minute.
  var BYTES_PER_MS = 8;

  var hvs = window.hvs, offline = hvs.offline;
  if (!offline) return;
  var root = offline.root, paths = offline.paths, workers = offline.workers, inTurn = offline.inTurn;

  function withTimeout(promise, ms) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () { reject(new Error("timeout")); }, ms);
      promise.then(function (value) { clearTimeout(timer); resolve(value); },
        function (error) { clearTimeout(timer); reject(error); });
    });
  }

  // The files being fetched from this page: pressing the button again while a video is still
  // coming waits for that download instead of starting a second one (the data paid twice).
  var fetching = {};
  function fetchOnce(url, bytes) {
    var pending = fetching[url];
    if (!pending) {
      // Not aborted when given up on (AbortController is newer than the browser floor): the
      // worker goes on saving it, and the bytes already paid for are not thrown away.
      pending = fetching[url] = fetch(url, { cache: "no-cache" });
      // The worker answers the page's fetch once the whole file is saved (sw.js, store).
      var forget = function () { if (fetching[url] === pending) delete fetching[url]; };
      pending.then(forget, forget);
    }
    return withTimeout(pending, Math.max(FILE_MS, (bytes || 0) / BYTES_PER_MS));
  }

  // Files are saved by fetching them through the worker, which keeps what passes through it.
  function controlled() {
    return workers.ready.then(function () {
      if (workers.controller) return null;
      return new Promise(function (resolve) { workers.addEventListener("controllerchange", resolve); });
    });
  }

  function manifestUrl(box) {
    return root + paths.offline + "/" + encodeURIComponent(box.getAttribute("data-module")) + ".json";
  }
  function say(box, text) {
    box.querySelector(".hvs-offline-status").textContent = text;
  }
  function absolute(urls) {
    return urls.map(function (url) { return new URL(url, root).href; });
  }
  function allSaved(urls) {
    return Promise.all(urls.map(function (url) { return caches.match(url, { ignoreVary: true }); }))
      .then(function (hits) { return hits.every(Boolean); });
  }

  // A later visit: says so when every file of the module is still on the phone.
  function showIfSaved(box) {
    caches.match(manifestUrl(box)).then(function (response) {
      return response ? response.json() : null;
    }).then(function (manifest) {
      return manifest ? allSaved(absolute(manifest.urls)) : false;
    }).then(function (saved) {
      if (saved && !box.hvsBusy) say(box, TEXT.saved);
    }).catch(function () {});
  }

  // Asks whether to save the module's videos and narrations too (of each, the first encoding
  // this browser plays), in the words the build wrote in the module's list
  // (hocvuso/catalogue/messages.py); resolves to the files to add, none when the learner says no.
  function askAboutMedia(box, manifest) {
    var probe = document.createElement("video"), bytes = 0, words = manifest.ask;
    var files = manifest.media.map(function (group) {
      var file = group.filter(function (one) { return probe.canPlayType(one.type); })[0] || group[0];
      bytes += file.bytes;
      return file;
    });
    // A size as a learner pays for it, as the video's own line says it (hocvuso/check/video.py):
    // "4,2 MB" (1 MB = 1.000.000 byte; at least 0,1 MB).
    var size = (Math.max(bytes, 1e5) / 1e6).toFixed(1).replace(".", ",") + " MB";
    box.insertAdjacentHTML("beforeend", '<p class="hvs-offline-media"><button type="button" class="md-button md-button--primary">' +
      hvs.escapeHtml(words.yes.replace("{size}", size)) + '</button> <button type="button" class="md-button">' +
      hvs.escapeHtml(words.no) + "</button></p>");
    var question = box.lastChild, yes = question.firstChild;
    say(box, words.question.replace("{size}", size));
    yes.focus();
    return new Promise(function (resolve) {
      question.addEventListener("click", function (event) {
        if (event.target.tagName !== "BUTTON") return;
        box.removeChild(question);
        box.querySelector(".hvs-offline-save").focus();
        resolve(event.target === yes ? files : []);
      });
    });
  }

  function save(box) {
    if (box.hvsBusy) return;
    box.hvsBusy = true;
    var button = box.querySelector(".hvs-offline-save");
    // aria-disabled, not disabled: the button keeps the keyboard focus while saving.
    button.setAttribute("aria-disabled", "true");
    say(box, TEXT.preparing);
    var urls, done = TEXT.done, sizes = {};
    // Asks the browser not to clear saved lessons when the phone runs short of space.
    try {
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
    } catch (e) { /* saving still works, only less durably */ }
    withTimeout(controlled(), WAIT_MS).then(function () {
      return fetch(manifestUrl(box), { cache: "no-cache" });
    }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (manifest) {
      return manifest.media ? askAboutMedia(box, manifest).then(function (files) {
        if (!files.length) done = manifest.ask.done;
        return manifest.urls.concat(files.map(function (file) {
          sizes[new URL(file.url, root).href] = file.bytes;
          return file.url;
        }));
      }) : manifest.urls;
    }).then(function (chosen) {
      urls = absolute(chosen);
      var count = 0;
      say(box, TEXT.progress(count, urls.length));
      return inTurn(urls, function (url) {
        return fetchOnce(url, sizes[url]).then(function (response) {
          if (!response.ok) throw new Error(response.status);
          say(box, TEXT.progress(++count, urls.length));
        });
      });
    }).then(function () {
      return allSaved(urls);
    }).then(function (saved) {
      if (!saved) throw new Error("not saved");
      say(box, done);
    }).catch(function () {
      say(box, TEXT.failed);
    }).then(function () {
      box.hvsBusy = false;
      button.removeAttribute("aria-disabled");
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".hvs-offline-save");
    if (button) save(button.closest(".hvs-offline"));
  });

  function setUp() {
    var boxes = document.querySelectorAll(".hvs-offline[data-module]");
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].hidden = false;
      showIfSaved(boxes[i]);
    }
  }
  hvs.ready(setUp);
})();
