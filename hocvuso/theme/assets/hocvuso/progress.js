/* hocvuso: course progress kept on this device, with no account and no server (hvs.progress).
   A lesson is done when its review quiz is passed (quiz.js announces "hvs:quiz-passed");
   a module test keeps its best result. Everything is keyed by stable ids (quiz and bank ids),
   so content edits never lose progress. The course map is hvs.course (assets/hocvuso/course.js,
   written at build time by hocvuso/pages/progress.py). This file keeps the state and shows it
   (ticks, bars, "continue"); codes.js moves it to another phone, certificate.js and keep.js
   add their parts to each update. Classic script, no requests. */
(function () {
  "use strict";

  var KEY = "hocvuso:progress";
  var hvs = window.hvs, escapeHtml = hvs.escapeHtml;
  var course = hvs.course;
  if (!course || !hvs.root()) return;

  // ---- Storage: hvs.storage (core.js); after a failed write this visit's copy wins ----
  function emptyState() { return { passed: {}, tests: {} }; }
  function load() {
    var state = hvs.storage.get(KEY);
    return state && typeof state.passed === "object" && typeof state.tests === "object" ? state : emptyState();
  }
  function save(state) {
    hvs.storage.set(KEY, state);
  }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }
  // "2025-03-09" as Vietnamese write it: 9/3/2025.
  function vnDate(iso) {
    var parts = String(iso).split("-");
    return parts.length === 3 ? +parts[2] + "/" + +parts[1] + "/" + parts[0] : iso;
  }

  // Where a quiz sits in the course map: its module and lesson index, or null (a bank's test, a
  // quiz outside the course's lessons).
  function lessonOf(quizId) {
    for (var m = 0; m < course.modules.length; m++) {
      var lessons = course.modules[m].lessons;
      for (var i = 0; i < lessons.length; i++) if (lessons[i].quiz === quizId) return { module: course.modules[m], index: i };
    }
    return null;
  }
  function markPassed(quizId) {
    var state = load();
    // `last`: the lesson passed most recently, where "Tiếp tục học" goes on from.
    var lesson = !!lessonOf(quizId);
    if (state.passed[quizId] && (!lesson || state.last === quizId)) return;
    if (!state.passed[quizId]) state.passed[quizId] = today();
    if (lesson) state.last = quizId;
    save(state);
  }
  // A retake never lowers the result: the best one counts.
  function recordTest(bankId, percent, passed) {
    var state = load();
    recordTestInto(state, bankId, { best: percent, passed: passed, date: today() });
    save(state);
  }

  // ---- What the learner has done ----
  function lessonDone(state, lesson) { return !!state.passed[lesson.quiz]; }
  function moduleCounts(state, module) {
    var done = module.lessons.filter(function (lesson) { return lessonDone(state, lesson); }).length;
    return { done: done, total: module.lessons.length };
  }
  function testPassed(state, module) {
    return !!(module.test && state.tests[module.test.bank] && state.tests[module.test.bank].passed);
  }
  // The first unfinished lesson after the one passed most recently, else the first unfinished anywhere.
  function nextLesson(state) {
    var lessons = [];
    course.modules.forEach(function (module) { lessons = lessons.concat(module.lessons); });
    var after = 0;
    for (var i = 0; i < lessons.length; i++) if (lessons[i].quiz === state.last) after = i + 1;
    for (var j = 0; j < lessons.length; j++) {
      var lesson = lessons[(after + j) % lessons.length];
      if (!lessonDone(state, lesson)) return lesson;
    }
    return null;
  }
  function courseFinished(state) {
    var withTests = course.modules.filter(function (module) { return module.test; });
    return withTests.length > 0 && withTests.every(function (module) { return testPassed(state, module); });
  }
  // A result kept with the best one before it (recordTest, and codes.js importing a code).
  function recordTestInto(state, id, result) {
    var old = state.tests[id];
    if (!old || result.best > old.best) state.tests[id] = { best: result.best, passed: result.passed || (old && old.passed) || false, date: result.date };
    else if (result.passed && !old.passed) old.passed = true;
  }

  function lessonsDone(state) {
    var done = 0;
    course.modules.forEach(function (module) { done += moduleCounts(state, module).done; });
    return done;
  }

  // ---- Showing it: ticks in the menu, bars, the "continue" button ----
  var url = hvs.url;
  function bar(done, total, label) {
    var percent = total ? Math.round(100 * done / total) : 0;
    label = escapeHtml(label);  // a module title from the content
    return '<div class="hvs-bar"><progress max="' + total + '" value="' + done + '" aria-label="' + label + '"></progress>' +
      "<span>" + label + ": " + done + "/" + total + " bài (" + percent + "%)</span></div>";
  }
  function ticks(state) {
    var doneUrls = {};
    course.modules.forEach(function (module) {
      module.lessons.forEach(function (lesson) { if (lessonDone(state, lesson)) doneUrls[url(lesson.url)] = true; });
    });
    var links = document.querySelectorAll(".md-nav__link[href], .md-typeset ol a[href]");
    for (var i = 0; i < links.length; i++) {
      // A link to a heading (the table of contents, "#...") is not a lesson: no tick.
      var link = links[i], done = !link.hash && !!doneUrls[link.href];
      var mark = link.querySelector(".hvs-tick");
      if (done && !mark) {
        mark = document.createElement("span");
        mark.className = "hvs-tick";
        mark.innerHTML = '<span aria-hidden="true">✓</span><span class="hvs-sr"> (đã học xong)</span>';
        link.appendChild(mark);
      } else if (!done && mark) {
        mark.parentNode.removeChild(mark);
      }
    }
  }
  function bars(state) {
    var boxes = document.querySelectorAll("[data-hvs-progress]");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i], id = box.getAttribute("data-hvs-progress"), html = "";
      if (!id) {
        var done = 0, total = 0;
        course.modules.forEach(function (module) {
          var counts = moduleCounts(state, module);
          done += counts.done;
          total += counts.total;
        });
        html = bar(done, total, "Cả khoá học");
        // Next: the first unfinished lesson, else the first test not passed, else the certificate.
        var next = nextLesson(state), target = null;
        if (next) {
          target = { url: next.url, text: (done ? "Tiếp tục học: " : "Bắt đầu học: ") + next.title };
        } else {
          var test = course.modules.filter(function (module) { return module.test && !testPassed(state, module); })[0];
          if (test) target = { url: test.test.url, text: "Làm bài kiểm tra: " + test.title };
          else if (courseFinished(state)) target = { url: course.certificate, text: "Xem giấy chứng nhận" };
        }
        if (target) {
          html += '<p><a class="md-button md-button--primary hvs-continue" data-hvs-continue href="' + url(target.url) + '">' +
            escapeHtml(target.text) + "</a></p>";
        }
        // Not on the progress page itself (its transfer box is right below): a link to itself only confuses.
        if (!document.querySelector("[data-hvs-transfer]")) {
          html += '<p><a href="' + url(course.progress) + '">Xem tiến độ và chuyển sang máy khác</a></p>';
        }
      } else {
        var module = course.modules.filter(function (m) { return m.id === id; })[0];
        if (!module) continue;
        var counts = moduleCounts(state, module);
        html = bar(counts.done, counts.total, module.title);
        if (module.test) {
          var result = state.tests[module.test.bank];
          html += '<p><a href="' + url(module.test.url) + '">Bài kiểm tra cuối chương</a>' +
            (result ? ": điểm cao nhất " + result.best + "%" + (result.passed ? ", đã đạt" : ", chưa đạt") : "") + "</p>";
        }
      }
      box.innerHTML = html;
    }
  }

  // What each update shows: this file's ticks and bars, then what the other files added.
  var shown = [ticks, bars];
  function update() {
    var state = load();
    shown.forEach(function (show) { show(state); });
  }

  // A lesson's review quiz passed: said on the page (the tick is in a menu a phone keeps closed),
  // with the module's progress and one big button to what comes next.
  function lessonFinished(state, quizId) {
    var quiz = document.querySelector('.hvs-quiz[data-quiz="' + quizId + '"]');
    if (!quiz) return;
    var place = lessonOf(quizId);
    if (!place) return;
    var module = place.module, at = place.index;
    var counts = moduleCounts(state, module), target = null;
    if (at + 1 < module.lessons.length) {
      target = { url: module.lessons[at + 1].url, text: "Học bài tiếp theo: " + module.lessons[at + 1].title };
    } else if (module.test && !testPassed(state, module)) {
      target = { url: module.test.url, text: "Làm bài kiểm tra cuối chương" };
    } else {
      var next = nextLesson(state);
      if (next) target = { url: next.url, text: "Học tiếp: " + next.title };
      else if (courseFinished(state)) target = { url: course.certificate, text: "Xem giấy chứng nhận" };
    }
    var box = document.querySelector("[data-hvs-lesson-done]");
    if (!box) {
      box = document.createElement("div");
      box.className = "hvs-lesson-done";
      box.setAttribute("data-hvs-lesson-done", "");
      box.setAttribute("data-search-exclude", "");
      box.setAttribute("role", "status");
      quiz.parentNode.insertBefore(box, quiz.nextSibling);
    }
    box.innerHTML = "<p><strong>Bạn đã học xong bài này. Giỏi lắm!</strong> " +
      escapeHtml(module.title) + ": " + counts.done + "/" + counts.total + " bài.</p>" +
      (target ? '<p><a class="md-button md-button--primary" href="' + url(target.url) + '">' + escapeHtml(target.text) + "</a></p>" : "");
    if (hvs.storage.failed()) return;  // the "cannot save" notice says what matters now
    hvs.keep.afterLesson(state, box);
  }

  document.addEventListener("hvs:quiz-passed", function (event) {
    markPassed(event.detail.quiz);
    update();
    lessonFinished(load(), event.detail.quiz);
  });
  document.addEventListener("hvs:test-result", function (event) {
    recordTest(event.detail.bank, event.detail.percent, event.detail.passed);
    update();
  });
  hvs.progress = { load: load, save: save, emptyState: emptyState, recordTestInto: recordTestInto, today: today, vnDate: vnDate,
                   moduleCounts: moduleCounts, testPassed: testPassed, lessonsDone: lessonsDone, update: update,
                   onUpdate: function (show) { shown.push(show); } };

  hvs.ready(update);
})();
