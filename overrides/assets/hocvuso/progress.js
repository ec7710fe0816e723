/* hocvuso: course progress kept on this device, with no account and no server.
   A lesson is done when its review quiz is passed (hocvuso.js announces "hvs:quiz-passed");
   a module test keeps its best result. Everything is keyed by stable ids (quiz and bank ids),
   so content edits never lose progress. The course map is assets/hocvuso/course.js, written
   at build time (hocvuso/progress.py). Classic script, no requests. */
(function () {
  "use strict";

  var KEY = "hocvuso:progress";
  var CODE_PREFIX = "HVS1";
  var hvs = window.hvs, escapeHtml = hvs.escapeHtml;
  var course = window.__hvsCourse;
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

  function markPassed(quizId) {
    var state = load();
    if (state.passed[quizId]) return;
    state.passed[quizId] = today();
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
  function nextLesson(state) {
    for (var m = 0; m < course.modules.length; m++) {
      var lessons = course.modules[m].lessons;
      for (var l = 0; l < lessons.length; l++) if (!lessonDone(state, lessons[l])) return lessons[l];
    }
    return null;
  }
  function courseFinished(state) {
    var withTests = course.modules.filter(function (module) { return module.test; });
    return withTests.length > 0 && withTests.every(function (module) { return testPassed(state, module); });
  }
  var url = hvs.url;

  // ---- Showing it: ticks in the menu, bars, the "continue" button ----
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
        html += '<p><a href="' + url(course.progress) + '">Xem tiến độ và chuyển sang máy khác</a></p>';
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
  // ---- Moving to another phone: a short code, or a file ----
  // Each quiz or bank id travels as a 5-character hash, so the code stays short and still
  // names lessons by their stable ids. The last 4 characters check that the code is whole.
  function hash(text, length) {
    var h = 2166136261;
    for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
    return ("0000000" + h.toString(36)).slice(-length);
  }
  // Only what this course counts travels (a lesson's review quiz, a module's test): a quiz
  // passed elsewhere on the site (an example) would make the other phone call the code foreign.
  function exportCode(state) {
    var known = {};
    var ids = knownIds();
    Object.keys(ids).forEach(function (key) { known[ids[key].id] = true; });
    var parts = Object.keys(state.passed).filter(function (id) { return known[id]; }).sort()
      .map(function (id) { return hash(id, 5); });
    Object.keys(state.tests).filter(function (id) { return known[id]; }).sort().forEach(function (id) {
      var result = state.tests[id];
      parts.push(hash(id, 5) + "-" + result.best + (result.passed ? "d" : "k"));
    });
    var body = parts.join(".");
    return CODE_PREFIX + "." + body + "." + hash(body, 4);
  }
  function knownIds() {
    var ids = {};
    course.modules.forEach(function (module) {
      module.lessons.forEach(function (lesson) { ids[hash(lesson.quiz, 5)] = { kind: "quiz", id: lesson.quiz }; });
      if (module.test) ids[hash(module.test.bank, 5)] = { kind: "test", id: module.test.bank };
    });
    return ids;
  }
  // Returns the state a code describes, or a message saying why it cannot be used.
  function readCode(code) {
    // Whatever the phone's keyboard capitalised: codes are written in lower case after "HVS1".
    var text = String(code || "").replace(/\s+/g, "").toLowerCase();
    var pieces = text.split(".");
    pieces[0] = pieces[0].toUpperCase();
    if (pieces[0] !== CODE_PREFIX || pieces.length < 2) return { error: "Đây không phải mã tiến độ của trang học này. Mã đúng bắt đầu bằng “" + CODE_PREFIX + ".”." };
    var check = pieces.pop(), body = pieces.slice(1).join(".");
    if (hash(body, 4) !== check) return { error: "Mã bị thiếu hoặc sai một vài chữ. Bạn hãy chép lại cả mã, từ đầu đến cuối." };
    var ids = knownIds(), state = emptyState(), unknown = 0;
    var items = body ? body.split(".") : [];
    for (var i = 0; i < items.length; i++) {
      var match = /^([0-9a-z]{5})(?:-(\d{1,3})([dk]))?$/.exec(items[i]);
      if (!match) return { error: "Mã bị thiếu hoặc sai một vài chữ. Bạn hãy chép lại cả mã, từ đầu đến cuối." };
      var known = ids[match[1]];
      if (!known) { unknown++; continue; }
      if (known.kind === "quiz" && !match[2]) state.passed[known.id] = today();
      else if (known.kind === "test" && match[2]) state.tests[known.id] = { best: Math.min(100, +match[2]), passed: match[3] === "d", date: today() };
    }
    if (items.length && unknown === items.length) return { error: "Mã này là của một khoá học khác, nên không dùng được ở đây." };
    return { state: state };
  }
  // Importing adds to what is on this phone; nothing done here is lost.
  function merge(incoming) {
    var state = load();
    Object.keys(incoming.passed).forEach(function (id) { if (!state.passed[id]) state.passed[id] = incoming.passed[id]; });
    Object.keys(incoming.tests).forEach(function (id) {
      var result = incoming.tests[id];
      recordTestInto(state, id, result);
    });
    save(state);
  }
  function recordTestInto(state, id, result) {
    var old = state.tests[id];
    if (!old || result.best > old.best) state.tests[id] = { best: result.best, passed: result.passed || (old && old.passed) || false, date: result.date };
    else if (result.passed && !old.passed) old.passed = true;
  }

  function progressPage(state) {
    var box = document.querySelector("[data-hvs-transfer]");
    if (!box) return;
    var codeField = box.querySelector("[data-hvs-code]"), message = box.querySelector("[data-hvs-message]");
    codeField.value = exportCode(state);  // again after an import: the code holds what was added
    if (box.hvsReady) return;
    box.hvsReady = true;
    box.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button[data-hvs-action]");
      if (!button) return;
      var action = button.getAttribute("data-hvs-action");
      if (action === "copy") {
        codeField.focus();
        codeField.select();
        var copied = false;
        try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
        message.textContent = copied ? "Đã chép mã. Bạn dán mã này vào trang “Tiến độ học” trên máy kia." :
          "Mã đã được chọn sẵn: bạn giữ ngón tay lên ô mã rồi chọn “Sao chép”.";
      } else if (action === "download") {
        var blob = new Blob([codeField.value + "\n"], { type: "text/plain" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = "tien-do-hoc.txt";
        document.body.appendChild(link);
        link.click();
        document.body.removeChild(link);
        message.textContent = "Đã lưu tệp “tien-do-hoc.txt”. Bạn gửi tệp này sang máy kia rồi mở trang “Tiến độ học” ở đó.";
      } else if (action === "import") {
        useCode(box.querySelector("[data-hvs-import]").value, message);
      }
    });
    box.addEventListener("change", function (event) {
      if (!event.target.matches || !event.target.matches("[data-hvs-file]") || !event.target.files[0]) return;
      var reader = new FileReader(), input = event.target;
      // Emptied once read: choosing the same file again (after fixing it) is read again.
      reader.onload = function () { input.value = ""; useCode(String(reader.result), message); };
      reader.onerror = function () { message.textContent = "Không đọc được tệp này. Bạn thử chọn lại tệp “tien-do-hoc.txt”."; };
      reader.readAsText(event.target.files[0]);
    });
  }
  function useCode(code, message) {
    var result = readCode(code);
    if (result.error) {
      message.textContent = result.error + " Tiến độ trên máy này vẫn giữ nguyên.";
      return;
    }
    merge(result.state);
    var lessons = Object.keys(result.state.passed).length;
    message.textContent = "Đã nhập xong: " + lessons + " bài đã học và " + Object.keys(result.state.tests).length +
      " bài kiểm tra. Tiến độ cũ trên máy này vẫn được giữ.";
    update();
  }

  // ---- Certificate: when every module test is passed ----
  function certificatePage(state) {
    var box = document.querySelector("[data-hvs-certificate]");
    if (!box) return;
    var withTests = course.modules.filter(function (module) { return module.test; });
    var waiting = withTests.filter(function (module) { return !testPassed(state, module); });
    var form = box.querySelector("[data-hvs-certificate-form]"), missing = box.querySelector("[data-hvs-certificate-missing]");
    if (waiting.length || !withTests.length) {
      form.hidden = true;
      missing.hidden = false;
      if (!withTests.length) {
        missing.innerHTML = "<p>Khoá học này chưa có bài kiểm tra cuối chương, nên chưa cấp giấy chứng nhận.</p>";
        return;
      }
      missing.querySelector("ul").innerHTML = waiting.map(function (module) {
        return '<li><a href="' + url(module.test.url) + '">' + escapeHtml(module.title) + "</a></li>";
      }).join("");
      return;
    }
    missing.hidden = true;
    form.hidden = false;
    if (box.hvsReady) return;
    box.hvsReady = true;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var name = form.querySelector("input").value.replace(/\s+/g, " ").trim();
      var note = form.querySelector("[data-hvs-message]");
      if (!name) { note.textContent = "Bạn hãy gõ họ và tên của mình."; return; }
      note.textContent = "";
      showCertificate(box, name, load());
    });
  }
  function showCertificate(box, name, state) {
    var sheet = box.querySelector("[data-hvs-certificate-sheet]");
    var dates = [];
    var rows = course.modules.filter(function (module) { return module.test; }).map(function (module) {
      var result = state.tests[module.test.bank];
      dates.push(result.date);
      return "<li>" + escapeHtml(module.title) + " (điểm " + result.best + "%, ngày " + vnDate(result.date) + ")</li>";
    }).join("");
    sheet.querySelector("[data-hvs-name]").textContent = name;
    sheet.querySelector("[data-hvs-modules]").innerHTML = rows;
    sheet.querySelector("[data-hvs-date]").textContent = vnDate(today());
    sheet.hidden = false;
    sheet.querySelector("h2").focus();
  }
  function vnDate(iso) {
    var parts = String(iso).split("-");
    return parts.length === 3 ? +parts[2] + "/" + +parts[1] + "/" + parts[0] : iso;
  }

  function update() {
    var state = load();
    ticks(state);
    bars(state);
    progressPage(state);
    certificatePage(state);
  }

  document.addEventListener("hvs:quiz-passed", function (event) {
    markPassed(event.detail.quiz);
    update();
  });
  document.addEventListener("hvs:test-result", function (event) {
    recordTest(event.detail.bank, event.detail.percent, event.detail.passed);
    update();
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-hvs-print]")) window.print();
  });
  window.hvsProgress = { exportCode: function () { return exportCode(load()); }, readCode: readCode };

  hvs.ready(update);
})();
