/* hocvuso: keeping progress on this phone (hvs.keep): the browser asked to keep the site's
   storage, the progress page's line saying whether it will, reminders to save the code, and the
   home-screen app's manifest. The state is progress.js's (hvs.progress). Classic script, no
   requests. */
(function () {
  "use strict";

  var hvs = window.hvs, progress = hvs.progress, course = hvs.course;
  if (!progress) return;  // no course map, or no site root: progress.js did not start
  var save = progress.save, today = progress.today, url = hvs.url;

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
  // After every REMIND_EVERY lessons, until a code was saved once (copied or saved as a file).
  function remind(state, box) {
    var done = progress.lessonsDone(state);
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

  progress.onUpdate(keepingLine);
  // After a lesson is finished (progress.js), unless saving failed: ask once, remind now and then.
  hvs.keep = { afterLesson: function (state, box) { askToKeep(state); remind(state, box); } };
})();
