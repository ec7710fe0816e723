/* hocvuso: an ordered path, a fork's choice (`extra.hoc_theo_thu_tu: true`, off by default).
   A lesson opens once the one before it in the course is finished, as progress.js counts it (its
   review quiz passed), or once it is finished itself; a module test opens once every lesson of
   its module is, or once it has a result. So a learner's saved progress is only read, never
   changed: turning the path on keeps every finished lesson open.
   A closed page keeps its content in the HTML (a static site cannot keep it secret) and shows,
   in its place, what to finish first and a button to it; links to closed pages get a lock with
   a text for screen readers. The build turns this on by writing the texts (the catalogue's, in
   Python) into hvs.shared.ordered; without them, or without scripts, every page shows as it is.
   A page the path may close is out of sight from its first paint (main.html marks it, reading-early.js
   sets .hvs-path-wait, hocvuso.css hides the content) until this script has decided: a closed page
   never shows its content, even for a moment, and "Nghe bài" finds nothing shown to read.
   A classic script of its own, loaded by core.js only when the course turns the path on; no requests. */
(function () {
  "use strict";

  var hvs = window.hvs, course = hvs.course, texts = hvs.shared.ordered, progress = hvs.progress;
  function decided() { document.documentElement.classList.remove("hvs-path-wait"); }
  if (!course || !texts || !progress) return decided();  // the path cannot run: the page shows whole
  var url = hvs.url, escapeHtml = hvs.escapeHtml;

  // Every lesson of the course in order (those progress.js counts: each has its review quiz). A lesson
  // without one (the check refuses it) is never closed and blocks none: no learner could finish it.
  var lessons = [];
  course.modules.forEach(function (module) {
    module.lessons.forEach(function (lesson) { lessons.push(lesson); });
  });
  function done(state, at) { return !!state.passed[lessons[at].quiz]; }
  function lessonOpen(state, at) { return at === 0 || done(state, at) || done(state, at - 1); }
  // The lesson a learner can study now on the way to lesson `at`: the nearest open one at or before it.
  function openAtOrBefore(state, at) {
    while (at > 0 && !lessonOpen(state, at)) at--;
    return lessons[at];
  }
  function testOpen(state, module) {
    return !!state.tests[module.test.bank] || module.lessons.every(function (lesson) { return !!state.passed[lesson.quiz]; });
  }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? values[name] : whole; });
  }
  function page(address) { return address.split("#")[0].split("?")[0]; }
  // Material's "lock" icon, as the theme draws its other icons (no emoji: older phones may lack it).
  var LOCK_PATH = "M12 17a2 2 0 0 0 2-2 2 2 0 0 0-2-2 2 2 0 0 0-2 2 2 2 0 0 0 2 2m6-9a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V10a2 2 0 0 1 2-2h1V6a5 5 0 0 1 5-5 5 5 0 0 1 5 5v2zm-6-5a3 3 0 0 0-3 3v2h6V6a3 3 0 0 0-3-3";
  var LOCK = '<svg class="hvs-lock__icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24"><path d="' + LOCK_PATH + '"/></svg>';

  // ---- Locks on links to closed pages: the menu, the course list, the module pages ----
  function locks(closed) {
    var links = document.querySelectorAll(".md-nav a[href], .md-typeset a[href]");
    for (var i = 0; i < links.length; i++) {
      // A link to a heading (the table of contents) is no way into a page: no lock.
      var link = links[i], locked = !link.hash && !!closed[page(link.href)];
      var mark = link.querySelector(".hvs-lock");
      if (locked && !mark) {
        mark = document.createElement("span");
        mark.className = "hvs-lock";
        mark.innerHTML = LOCK + '<span class="hvs-sr"> (' + escapeHtml(texts.locked) + ")</span>";
        link.appendChild(mark);
      } else if (!locked && mark) {
        mark.parentNode.removeChild(mark);
      }
    }
  }

  // ---- This page, when it is closed: its content hidden, what to do instead ----
  function closedBox(title, lines, target) {
    return '<p class="hvs-closed-title">' + LOCK + " <strong>" + escapeHtml(title) + "</strong></p>" +
      lines.map(function (line) { return "<p>" + line + "</p>"; }).join("") +
      '<p><a class="md-button md-button--primary" href="' + url(target.url) + '">' +
      escapeHtml(fill(texts.go, { bai: target.title })) + "</a></p>";
  }
  function showPage(state) {
    var here = page(location.href), html = "";
    for (var at = 0; at < lessons.length; at++) {
      if (url(lessons[at].url) !== here || lessonOpen(state, at)) continue;
      html = closedBox(texts.lessonTitle, [escapeHtml(texts.lessonText), escapeHtml(fill(texts.lessonFirst, { bai: lessons[at - 1].title }))],
                       openAtOrBefore(state, at - 1));
    }
    course.modules.forEach(function (module) {
      if (!module.test || url(module.test.url) !== here || testOpen(state, module)) return;
      var left = module.lessons.filter(function (lesson) { return !state.passed[lesson.quiz]; });
      html = closedBox(texts.testTitle, [escapeHtml(fill(texts.testText, { so: left.length }))],
                       openAtOrBefore(state, lessons.indexOf(left[0])));
    });
    var article = document.querySelector("article"), box = document.querySelector("[data-hvs-closed]");
    if (!article) return;
    article.classList.toggle("hvs-closed", !!html);
    document.documentElement.classList.toggle("hvs-page-closed", !!html);
    // Out of sight, and `hidden` so that "Nghe bài" (reading.js) does not read it aloud; only what
    // this script hid is shown again.
    for (var child = article.firstElementChild; child; child = child.nextElementSibling) {
      if (html && !child.hidden && child.tagName !== "H1" && child !== box) {
        child.hidden = true;
        child.setAttribute("data-hvs-closed-hid", "");
      } else if (!html && child.hasAttribute("data-hvs-closed-hid")) {
        child.hidden = false;
        child.removeAttribute("data-hvs-closed-hid");
      }
    }
    if (!html) {
      if (box) box.parentNode.removeChild(box);
      return;
    }
    // A sound of the closed content (its narration, a video) does not play on out of sight.
    var players = article.querySelectorAll("audio, video");
    for (var i = 0; i < players.length; i++) if (!players[i].paused) players[i].pause();
    if (!box) {
      box = document.createElement("div");
      box.className = "hvs-closed-box";
      box.setAttribute("data-hvs-closed", "");
      box.setAttribute("data-search-exclude", "");
      var title = article.querySelector("h1");
      if (title && title.parentNode === article) title.insertAdjacentElement("afterend", box);
      else article.insertBefore(box, article.firstChild);
    }
    box.innerHTML = html;
  }

  function show(state) {
    var closed = {};
    lessons.forEach(function (lesson, at) { if (!lessonOpen(state, at)) closed[url(lesson.url)] = true; });
    course.modules.forEach(function (module) { if (module.test && !testOpen(state, module)) closed[url(module.test.url)] = true; });
    locks(closed);
    showPage(state);
  }
  progress.onUpdate(show);
  // Loaded by core.js once the page is ready (hvs.load): progress.js has shown this page already.
  try {
    show(progress.load());
  } finally {
    decided();  // whatever happens, the page waits no longer
  }
})();
