/* hocvuso: "Lớp học của tôi", a volunteer's class list (hocvuso/pages/class_page.py), kept in this
   browser only. Learners are added from their progress codes (typed, pasted, a .txt file, or a
   QR code read by the camera where the browser has BarcodeDetector); codes.js reads the
   codes (hvs.codes), the course map (hvs.course) says what they mean. The same learner again
   merges: lessons are added, a test keeps its best score, nothing is lost. Nothing leaves the
   device unless the volunteer downloads the CSV file or prints the sheet.
   Loaded by the class page only, deferred in the page's content: it runs before the bundle,
   so it starts once the document is parsed and every deferred script (core.js too) has run. */
(function () {
  "use strict";

  var KEY = "hocvuso:class";

  function start() {
    var hvs = window.hvs, codes = hvs && hvs.codes, progress = hvs && hvs.progress, course = hvs && hvs.course;
    var box = document.querySelector("[data-hvs-class]"), sheet = document.querySelector("[data-hvs-class-sheet]");
    if (!codes || !box || !sheet) return;
    var escapeHtml = hvs.escapeHtml;
    var codeField = box.querySelector("[data-hvs-class-code]"), nameField = box.querySelector("[data-hvs-class-name]");
    var message = box.querySelector("[data-hvs-class-message]");
    var camera = box.querySelector("[data-hvs-class-camera]"), video = camera.querySelector("video");
    var scanning = null;  // { stream } while the camera is on

    // ---- The list: { learners: { key: { id, name, passed: {quiz: 1}, tests: {bank: {best, passed}}, seen } } } ----
    function load() {
      var saved = hvs.storage.get(KEY);
      return saved && saved.learners && typeof saved.learners === "object" ? saved : { learners: {} };
    }
    function save(list) { hvs.storage.set(KEY, list); }
    function sorted(list) {
      return Object.keys(list.learners).map(function (key) { return { key: key, learner: list.learners[key] }; })
        .sort(function (a, b) { return a.learner.name.localeCompare(b.learner.name, "vi"); });
    }
    function say(text) { message.textContent = text; }

    // ---- What each learner has done, per module ----
    function moduleResult(learner, module) {
      var done = module.lessons.filter(function (lesson) { return learner.passed[lesson.quiz]; }).length;
      var test = module.test ? learner.tests[module.test.bank] || null : null;
      return { done: done, total: module.lessons.length, finished: done === module.lessons.length && done > 0, test: test };
    }
    function lessonCount(learner) {
      return course.modules.reduce(function (sum, module) { return sum + moduleResult(learner, module).done; }, 0);
    }
    function testCount(learner) {
      return course.modules.filter(function (module) { return module.test && learner.tests[module.test.bank]; }).length;
    }
    function testText(module, test) {
      if (!module.test) return "";
      return test ? "Kiểm tra: " + test.best + "% (" + (test.passed ? "đạt" : "chưa đạt") + ")" : "Kiểm tra: chưa làm";
    }

    // ---- Adding a learner from a code ----
    function add(code) {
      var result = codes.readCode(code);
      if (result.error) { say(result.error + " Danh sách lớp vẫn giữ nguyên."); return; }
      var list = load(), person = result.learner;
      var key = person ? "ma:" + person.id : null;
      var typed = codes.cleanName(nameField.value);
      var name = typed || (person && person.name) || (key && list.learners[key] ? list.learners[key].name : "");
      if (!name) {
        say("Mã này chưa có tên người học. Bạn gõ tên vào ô “Tên người học” rồi bấm “Thêm vào lớp”.");
        nameField.focus();
        return;
      }
      key = key || "ten:" + name.toLowerCase();  // an HVS1 code has no learner id: the name the volunteer gives
      var old = list.learners[key];
      var learner = old || { passed: {}, tests: {} };
      learner.id = person ? person.id : null;
      learner.name = name;
      learner.seen = progress.today();
      Object.keys(result.state.passed).forEach(function (quiz) { learner.passed[quiz] = 1; });
      Object.keys(result.state.tests).forEach(function (bank) {
        var mine = learner.tests[bank], theirs = result.state.tests[bank];
        learner.tests[bank] = {
          best: Math.max(mine ? mine.best : 0, theirs.best),
          passed: !!(theirs.passed || (mine && mine.passed)),
        };
      });
      list.learners[key] = learner;
      save(list);
      codeField.value = "";
      nameField.value = "";
      var counts = lessonCount(learner) + " bài đã học, " + testCount(learner) + " bài kiểm tra.";
      say(old ? "Đã cập nhật “" + name + "”: " + counts + " Dữ liệu cũ vẫn được giữ." : "Đã thêm “" + name + "” vào lớp: " + counts);
      show();
    }

    // ---- The table, with totals per module ----
    function show() {
      var list = load(), rows = sorted(list), table = sheet.querySelector("[data-hvs-class-table]");
      var summary = sheet.querySelector("[data-hvs-class-summary]");
      table.hidden = !rows.length;
      sheet.querySelector("[data-hvs-class-actions]").hidden = !rows.length;
      if (!rows.length) {
        summary.textContent = "Chưa có người học nào trong danh sách.";
        table.innerHTML = "";
        return;
      }
      summary.textContent = "Lớp có " + rows.length + " người học. Bảng lập ngày " + progress.vnDate(progress.today()) + ".";
      var head = "<thead><tr><th scope=\"col\">Người học</th>" + course.modules.map(function (module) {
        return "<th scope=\"col\">" + escapeHtml(module.title) + "</th>";
      }).join("") + "<th scope=\"col\">Ngày gặp gần nhất</th><th scope=\"col\" class=\"hvs-no-print\">Xoá</th></tr></thead>";
      var body = rows.map(function (row) {
        var learner = row.learner;
        return "<tr><th scope=\"row\">" + escapeHtml(learner.name) + "</th>" + course.modules.map(function (module) {
          var result = moduleResult(learner, module), test = testText(module, result.test);
          return "<td>" + result.done + "/" + result.total + " bài" + (test ? "<br>" + test : "") + "</td>";
        }).join("") + "<td>" + progress.vnDate(learner.seen) + "</td>" +
          "<td class=\"hvs-no-print\"><button type=\"button\" class=\"hvs-class-remove\" data-hvs-class-remove=\"" +
          escapeHtml(row.key) + "\" aria-label=\"Xoá " + escapeHtml(learner.name) + "\">Xoá</button></td></tr>";
      }).join("");
      var totals = totalsPerModule(rows);
      var foot = "<tfoot><tr><th scope=\"row\">Học xong cả chương</th>" + totals.map(function (total) {
        return "<td>" + total.finished + "/" + rows.length + " người</td>";
      }).join("") + "<td></td><td class=\"hvs-no-print\"></td></tr><tr><th scope=\"row\">Đạt bài kiểm tra</th>" +
        totals.map(function (total) { return "<td>" + (total.hasTest ? total.passed + "/" + rows.length + " người" : "") + "</td>"; }).join("") +
        "<td></td><td class=\"hvs-no-print\"></td></tr></tfoot>";
      table.innerHTML = head + "<tbody>" + body + "</tbody>" + foot;
    }
    function totalsPerModule(rows) {
      return course.modules.map(function (module) {
        var total = { finished: 0, passed: 0, hasTest: !!module.test };
        rows.forEach(function (row) {
          var result = moduleResult(row.learner, module);
          if (result.finished) total.finished++;
          if (result.test && result.test.passed) total.passed++;
        });
        return total;
      });
    }

    // ---- CSV for the commune's report: UTF-8 with a BOM, so Excel reads Vietnamese ----
    function csvCell(value) {
      var text = String(value);
      // A name typed by a learner is not a formula for the spreadsheet.
      if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
      return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    }
    function csvText() {
      var rows = sorted(load());
      var header = ["Tên người học"];
      course.modules.forEach(function (module) {
        header.push(module.title + ": số bài đã học (trên " + module.lessons.length + ")");
        if (module.test) header.push(module.title + ": điểm kiểm tra cao nhất (%)", module.title + ": kết quả kiểm tra");
      });
      header.push("Ngày gặp gần nhất");
      var lines = [header].concat(rows.map(function (row) {
        var cells = [row.learner.name];
        course.modules.forEach(function (module) {
          var result = moduleResult(row.learner, module);
          cells.push(result.done);
          if (module.test) cells.push(result.test ? result.test.best : "", result.test ? (result.test.passed ? "Đạt" : "Chưa đạt") : "");
        });
        cells.push(row.learner.seen);
        return cells;
      }));
      var totals = totalsPerModule(rows), last = ["Tổng số người học xong chương, đạt kiểm tra (trên " + rows.length + " người)"];
      course.modules.forEach(function (module, index) {
        last.push(totals[index].finished);
        if (module.test) last.push("", totals[index].passed);
      });
      last.push("");
      lines.push(last);
      return "\ufeff" + lines.map(function (cells) { return cells.map(csvCell).join(","); }).join("\r\n") + "\r\n";
    }
    function downloadCsv() {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([csvText()], { type: "text/csv;charset=utf-8" }));
      link.download = "lop-hoc-" + progress.today() + ".csv";
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
      say("Đã tải tệp “" + link.download + "”. Tệp nằm trong thư mục tải về của máy này.");
    }

    // ---- Removing, always after asking ----
    function remove(key) {
      var list = load(), learner = list.learners[key];
      if (!learner) return;
      if (!window.confirm("Xoá “" + learner.name + "” khỏi danh sách lớp? Bạn sẽ không lấy lại được.")) return;
      delete list.learners[key];
      save(list);
      say("Đã xoá “" + learner.name + "” khỏi danh sách lớp.");
      show();
    }
    function clearAll() {
      if (!window.confirm("Xoá cả danh sách lớp trên máy này? Bạn sẽ không lấy lại được.")) return;
      save({ learners: {} });
      say("Đã xoá cả danh sách lớp trên máy này.");
      show();
    }

    // ---- The camera: only where the browser reads QR codes itself (BarcodeDetector) ----
    var canScan = "BarcodeDetector" in window && !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
    box.querySelector("[data-hvs-class-scan]").hidden = !canScan;
    function startScan() {
      if (scanning) return;
      var detector;
      try { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); } catch (e) {
        say("Máy này không đọc được mã QR. Bạn gõ hoặc dán mã vào ô bên dưới.");
        return;
      }
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (stream) {
        scanning = { stream: stream };
        video.srcObject = stream;
        camera.hidden = false;
        say("Máy ảnh đang mở. Bạn hướng máy vào mã QR của người học.");
        var played = video.play();
        if (played && played.catch) played.catch(function () { /* the frames are still read */ });
        look(detector);
      }, function () {
        say("Không mở được máy ảnh. Bạn cho phép trang dùng máy ảnh, hoặc gõ mã vào ô bên dưới.");
      });
    }
    function look(detector) {
      if (!scanning) return;
      detector.detect(video).then(function (found) {
        if (!scanning) return;
        var code = found && found[0] && found[0].rawValue;
        if (!code) { setTimeout(function () { look(detector); }, 200); return; }
        stopScan();
        codeField.value = code;
        add(code);
      }, function () { setTimeout(function () { look(detector); }, 200); });  // no frame yet
    }
    function stopScan() {
      if (!scanning) return;
      scanning.stream.getTracks().forEach(function (track) { track.stop(); });
      scanning = null;
      video.srcObject = null;
      camera.hidden = true;
    }

    document.addEventListener("click", function (event) {
      var target = event.target.closest ? event.target : null;
      var remover = target && target.closest("[data-hvs-class-remove]");
      if (remover) { remove(remover.getAttribute("data-hvs-class-remove")); return; }
      var button = target && target.closest("button[data-hvs-class-action]");
      if (!button) return;
      var action = button.getAttribute("data-hvs-class-action");
      if (action === "add") add(codeField.value);
      else if (action === "scan") startScan();
      else if (action === "stop") { stopScan(); say(""); }
      else if (action === "csv") downloadCsv();
      else if (action === "clear") clearAll();
    });
    box.addEventListener("change", function (event) {
      if (!event.target.matches || !event.target.matches("[data-hvs-class-file]") || !event.target.files[0]) return;
      var reader = new FileReader(), input = event.target;
      reader.onload = function () {
        input.value = "";  // the same file chosen again is read again
        codeField.value = String(reader.result).trim();
        add(codeField.value);
      };
      reader.onerror = function () { say("Không đọc được tệp này. Bạn thử chọn lại tệp “" + hvs.shared.progressFile + "”."); };
      reader.readAsText(input.files[0]);
    });
    // The list may have changed in another tab: shown again when the volunteer comes back.
    window.addEventListener("pageshow", show);
    show();
  }

  // reading-early.js (in <head>) has started window.hvs already: the codes tell the bundle has run.
  if (window.hvs && window.hvs.codes) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
