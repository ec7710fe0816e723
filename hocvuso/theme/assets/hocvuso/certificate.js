/* hocvuso: the certificate page, once every module test is passed (hocvuso/pages/progress.py
   writes the page; the results are progress.js's, hvs.progress). Classic script, no requests. */
(function () {
  "use strict";

  var hvs = window.hvs, progress = hvs.progress, course = hvs.course;
  if (!progress) return;  // no course map, or no site root: progress.js did not start
  var escapeHtml = hvs.escapeHtml, url = hvs.url, load = progress.load, today = progress.today, vnDate = progress.vnDate;
  var testPassed = progress.testPassed;

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

  progress.onUpdate(certificatePage);
})();
