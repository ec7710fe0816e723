/* hocvuso: course progress kept on this device, with no account and no server.
   A lesson is done when its review quiz is passed (hocvuso.js announces "hvs:quiz-passed");
   a module test keeps its best result. Everything is keyed by stable ids (quiz and bank ids),
   so content edits never lose progress. The course map is assets/hocvuso/course.js, written
   at build time (hocvuso/pages/progress.py). Classic script, no requests. */
(function () {
  "use strict";

  var KEY = "hocvuso:progress";
  // HVS2 codes carry the learner (a random id made on this device, the name typed here) for a
  // volunteer's class page (class.js); HVS1 codes, from before, are still read everywhere.
  var CODE_PREFIX = "HVS2", OLD_PREFIX = "HVS1";
  var NAME_LENGTH = 30;
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
  var url = hvs.url;

  // ---- Keeping progress on this phone ----
  // Browsers may delete a site's storage: under storage pressure (any site not marked persistent)
  // and, in Safari, every iPhone browser and the in-app browsers of Zalo and Facebook, after 7 days
  // of use without a visit. Once a first lesson is done the browser is asked, once, to keep it
  // (Chrome and Safari answer silently; Firefox asks the learner, once). Where keeping is not
  // sure, the learner is reminded after every few lessons to save the code, until they have.
  var REMIND_EVERY = 3;
  function storageApi() {
    var api = navigator.storage;
    return api && typeof api.persist === "function" && typeof api.persisted === "function" ? api : null;
  }
  // done(true) when this browser has promised to keep the site's storage.
  function keptForSure(done) {
    var api = storageApi();
    if (!api) { done(false); return; }
    api.persisted().then(function (kept) { done(!!kept); }, function () { done(false); });
  }
  function askToKeep(state) {
    if (state.keepAsked) return;
    state.keepAsked = today();
    save(state);
    var api = storageApi();
    if (api) api.persisted().then(function (kept) { return kept || api.persist(); }).then(null, function () {});
  }
  // Safari's engine (every iPhone browser) and in-app browsers: the 7-day rule, and storage apart
  // from the phone's own browser. A home-screen app (standalone) already keeps its own.
  function iphoneOrInApp() {
    var agent = navigator.userAgent || "";
    return /iPhone|iPad|iPod/.test(agent) || (/Macintosh/.test(agent) && navigator.maxTouchPoints > 1) ||
      /Zalo|FBAN|FBAV|FB_IAB|Instagram/.test(agent);
  }
  // The home-screen manifest, over http(s) only (hocvuso/theme/main.html says why).
  var manifestLink = document.querySelector("link[data-hvs-manifest]");
  if (manifestLink && /^https?:$/.test(location.protocol)) manifestLink.rel = "manifest";
  function onHomeScreen() {
    return navigator.standalone === true || !!(window.matchMedia && window.matchMedia("(display-mode: standalone)").matches);
  }
  var HOME_SCREEN = "Trên iPhone, hay khi mở trang từ Zalo, Facebook: bạn nhờ con cháu hay tổ công nghệ số mở trang này " +
    "bằng trình duyệt của máy rồi thêm vào màn hình chính. Mở trang từ màn hình chính thì tiến độ được giữ lâu dài hơn.";
  function keepLine(kept) {
    if (kept && !iphoneOrInApp()) return "Máy này giữ tiến độ học của bạn lâu dài. Bạn vẫn nên lưu mã dưới đây, phòng khi đổi máy.";
    return "Máy này chưa chắc giữ được tiến độ học lâu dài: trình duyệt có thể tự xoá khi máy đầy bộ nhớ, hay khi lâu không mở trang này. " +
      "Để không mất, bạn lưu mã tiến độ dưới đây một lần: bấm “Lưu thành tệp”, chép mã ra giấy, hay chụp ảnh mã QR." +
      (iphoneOrInApp() && !onHomeScreen() ? " " + HOME_SCREEN : "");
  }
  function keepingLine() {
    var line = document.querySelector("[data-hvs-keep]");
    if (line) keptForSure(function (kept) { line.textContent = keepLine(kept); });
  }
  function lessonsDone(state) {
    var done = 0;
    course.modules.forEach(function (module) { done += moduleCounts(state, module).done; });
    return done;
  }
  // After every REMIND_EVERY lessons, until a code was saved once (copied or saved as a file).
  function remind(state, box) {
    var done = lessonsDone(state);
    if (state.codeSaved || !done || done % REMIND_EVERY) return;
    keptForSure(function (kept) {
      if (kept && !iphoneOrInApp()) return;
      var note = document.createElement("p");
      note.className = "hvs-keep-reminder";
      note.innerHTML = "Bạn đã học xong " + done + " bài. Để không bao giờ mất tiến độ, bạn lưu mã tiến độ một lần: " +
        '<a href="' + url(course.progress) + '">Lưu mã tiến độ</a>';
      box.appendChild(note);
    });
  }

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
  // HVS2.<learner id>.<name, base32 of UTF-8>.<5-char hash per lesson>.<per test: hash + 2 base-36
  // digits of best*2+passed>.<checksum>, in capitals: a QR code holds them in its compact
  // alphanumeric mode, and whatever a keyboard does to letter case or spaces changes nothing.
  function exportCode(state) {
    var known = {};
    var ids = knownIds();
    Object.keys(ids).forEach(function (key) { known[ids[key].id] = true; });
    var lessons = Object.keys(state.passed).filter(function (id) { return known[id]; }).sort()
      .map(function (id) { return hash(id, 5); }).join("");
    var tests = Object.keys(state.tests).filter(function (id) { return known[id]; }).sort().map(function (id) {
      var result = state.tests[id];
      return hash(id, 5) + ("0" + (Math.min(100, result.best) * 2 + (result.passed ? 1 : 0)).toString(36)).slice(-2);
    }).join("");
    var own = learner(state);
    var body = [own.id, nameToCode(own.name || ""), lessons, tests].join(".");
    return (CODE_PREFIX + "." + body + "." + hash(body, 4)).toUpperCase();
  }
  // The learner this device's progress belongs to: an id made here once, and an optional name.
  function learner(state) {
    var own = state.learner && typeof state.learner === "object" ? state.learner : (state.learner = {});
    if (!/^[0-9a-z]{6}$/.test(own.id || "")) {
      own.id = newId();
      save(state);
    }
    return own;
  }
  function newId() {
    var bytes = new Uint8Array(6), id = "";
    try { window.crypto.getRandomValues(bytes); } catch (e) {
      for (var j = 0; j < bytes.length; j++) bytes[j] = Math.floor(Math.random() * 256);
    }
    for (var i = 0; i < bytes.length; i++) id += BASE36.charAt(bytes[i] % 36);
    return id;
  }
  function cleanName(name) {
    return String(name || "").normalize("NFC").replace(/\s+/g, " ").trim().slice(0, NAME_LENGTH);
  }
  // A name in a code: base32 ("0-9a-v") of its UTF-8 bytes, which survives spaces being
  // removed and letters changing case, and stays in the QR code's alphanumeric mode.
  var BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";
  function nameToCode(name) {
    var bytes = new TextEncoder().encode(name), out = "", value = 0, bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      value = (value << 8) | bytes[i];
      bits += 8;
      while (bits >= 5) { bits -= 5; out += BASE36.charAt((value >>> bits) & 31); }
      value &= (1 << bits) - 1;
    }
    return bits ? out + BASE36.charAt((value << (5 - bits)) & 31) : out;
  }
  // The name, or null when the text is not a name this page wrote.
  function codeToName(text) {
    var bytes = [], value = 0, bits = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = BASE36.indexOf(text.charAt(i));
      if (digit < 0 || digit > 31) return null;
      value = (value << 5) | digit;
      bits += 5;
      if (bits >= 8) { bits -= 8; bytes.push((value >>> bits) & 255); }
      value &= (1 << bits) - 1;
    }
    if (value) return null;  // the padding bits of the last digit are zero
    try { return cleanName(new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes))); } catch (e) { return null; }
  }
  function knownIds() {
    var ids = {};
    course.modules.forEach(function (module) {
      module.lessons.forEach(function (lesson) { ids[hash(lesson.quiz, 5)] = { kind: "quiz", id: lesson.quiz }; });
      if (module.test) ids[hash(module.test.bank, 5)] = { kind: "test", id: module.test.bank };
    });
    return ids;
  }
  var NOT_OURS = "Đây không phải mã tiến độ của trang học này. Mã đúng bắt đầu bằng “HVS”.";
  var DAMAGED = "Mã bị thiếu hoặc sai một vài chữ. Bạn hãy chép lại cả mã, từ đầu đến cuối.";
  // Returns { state, learner } for a code (learner: { id, name } in an HVS2 code, else null),
  // or { error } with a message saying why it cannot be used.
  function readCode(code) {
    // Whatever the phone's keyboard did to capitals and spaces: codes are read in lower case.
    var text = String(code || "").replace(/\s+/g, "").toLowerCase();
    var pieces = text.split(".");
    var prefix = pieces[0].toUpperCase();
    if ((prefix !== CODE_PREFIX && prefix !== OLD_PREFIX) || pieces.length < 2) return { error: NOT_OURS };
    var check = pieces.pop(), body = pieces.slice(1).join(".");
    if (hash(body, 4) !== check) return { error: DAMAGED };
    var items = [], person = null;
    if (prefix === OLD_PREFIX) {
      items = body ? body.split(".") : [];
    } else {
      var fields = pieces.slice(1), name = fields.length === 4 ? codeToName(fields[1]) : null;
      if (name === null || !/^[0-9a-z]{6}$/.test(fields[0]) || !/^([0-9a-z]{5})*$/.test(fields[2]) ||
          !/^([0-9a-z]{7})*$/.test(fields[3])) return { error: DAMAGED };
      person = { id: fields[0], name: name };
      items = (fields[2].match(/.{5}/g) || []).concat((fields[3].match(/.{7}/g) || []).map(function (test) {
        var value = parseInt(test.slice(5), 36);  // best*2 + passed, as an HVS1 item: "<hash>-<best><d|k>"
        return test.slice(0, 5) + "-" + (value >> 1) + (value & 1 ? "d" : "k");
      }));
    }
    var ids = knownIds(), state = emptyState(), unknown = 0;
    for (var i = 0; i < items.length; i++) {
      var match = /^([0-9a-z]{5})(?:-(\d{1,3})([dk]))?$/.exec(items[i]);
      if (!match || +match[2] > 100) return { error: DAMAGED };
      var known = ids[match[1]];
      if (!known) { unknown++; continue; }
      if (known.kind === "quiz" && !match[2]) state.passed[known.id] = today();
      else if (known.kind === "test" && match[2]) state.tests[known.id] = { best: +match[2], passed: match[3] === "d", date: today() };
    }
    if (items.length && unknown === items.length) return { error: "Mã này là của một khoá học khác, nên không dùng được ở đây." };
    return { state: state, learner: person };
  }
  // Importing adds to what is on this phone; nothing done here is lost. A phone with nothing of
  // its own yet becomes the same learner (their id, so a volunteer's list still knows them).
  function merge(incoming, person) {
    var state = load();
    var own = state.learner && typeof state.learner === "object" ? state.learner : (state.learner = {});
    if (person) {
      var fresh = !Object.keys(state.passed).length && !Object.keys(state.tests).length && !own.name;
      if (fresh || !own.id) own.id = person.id;
      if (person.name && !own.name) own.name = person.name;
    }
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
    var nameField = box.querySelector("[data-hvs-learner-name]");
    codeField.value = exportCode(state);  // again after an import: the code holds what was added
    drawQr(box.querySelector("[data-hvs-qr]"), codeField.value);
    if (nameField && document.activeElement !== nameField) nameField.value = state.learner.name || "";
    if (box.hvsReady) return;
    box.hvsReady = true;
    box.addEventListener("input", function (event) {
      if (event.target !== nameField) return;
      var current = load();
      learner(current).name = cleanName(nameField.value);
      save(current);
      progressPage(current);
    });
    box.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button[data-hvs-action]");
      if (!button) return;
      var action = button.getAttribute("data-hvs-action");
      if (action === "copy" || action === "download") codeSaved();
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
  function codeSaved() {
    var state = load();
    if (state.codeSaved) return;
    state.codeSaved = today();
    save(state);
  }
  function useCode(code, message) {
    var result = readCode(code);
    if (result.error) {
      message.textContent = result.error + " Tiến độ trên máy này vẫn giữ nguyên.";
      return;
    }
    merge(result.state, result.learner);
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
  // The code as a QR code (vendored qrcodegen, loaded by the progress page only): an SVG, sharp
  // at any size, black on white whatever the reading colours, with a quiet zone of 4 modules.
  function drawQr(box, code) {
    if (!box || !window.qrcodegen || box.hvsCode === code) return;
    var QrCode = window.qrcodegen.QrCode, qr = QrCode.encodeText(code, QrCode.Ecc.LOW);
    var border = 4, size = qr.size + 2 * border, path = "";
    for (var y = 0; y < qr.size; y++) {
      for (var x = 0; x < qr.size; x++) if (qr.getModule(x, y)) path += "M" + (x + border) + " " + (y + border) + "h1v1h-1z";
    }
    box.innerHTML = '<svg viewBox="0 0 ' + size + " " + size + '" role="img" aria-label="Mã QR của mã tiến độ" ' +
      'shape-rendering="crispEdges"><rect width="' + size + '" height="' + size + '" fill="#fff"/>' +
      '<path fill="#000" d="' + path + '"/></svg>';
    box.hvsCode = code;
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
    keepingLine();
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
    askToKeep(state);
    remind(state, box);
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
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-hvs-print]")) window.print();
  });
  window.hvsProgress = { exportCode: function () { return exportCode(load()); }, readCode: readCode, cleanName: cleanName,
                         nameLength: NAME_LENGTH, today: today, vnDate: vnDate };

  hvs.ready(update);
})();
