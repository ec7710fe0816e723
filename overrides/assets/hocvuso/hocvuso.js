/* hocvuso: quizzes in the learner's browser.
   A classic script (file:// blocks ES modules), no dependencies, no requests. Works with and
   without Material's instant navigation: events are delegated from the document, and saved
   answers are restored on every page Material's document$ announces. */
(function () {
  "use strict";

  var STORE_PREFIX = "hocvuso:quiz:";
  var TEXT = {
    right: "Đúng rồi! Bạn làm rất tốt.",
    wrong: "Chưa đúng. Không sao cả: bạn đọc phần giải thích, rồi bấm “Làm lại” để thử lần nữa.",
    missing: "Bạn chọn đúng, nhưng còn thiếu đáp án đúng khác. Bấm “Làm lại” để chọn thêm.",
    pickOne: "Bạn hãy chọn một đáp án, rồi bấm “Kiểm tra”.",
    pickSome: "Bạn hãy chọn ít nhất một đáp án, rồi bấm “Kiểm tra”.",
    chosenRight: "✓ Bạn chọn đúng.",
    chosenWrong: "✗ Lựa chọn này chưa đúng.",
    explanation: "Giải thích: ",
    hint: "Gợi ý: ",
    hideHint: "Ẩn gợi ý",
    showHint: "Xem gợi ý"
  };

  // Saved answers live in localStorage; when it throws (storage disabled, full, private
  // mode) they are kept in memory for this visit instead, and the page keeps working.
  var memory = {};
  function load(quizId) {
    try {
      var raw = window.localStorage.getItem(STORE_PREFIX + quizId);
      if (raw) return JSON.parse(raw);
    } catch (e) { /* fall back to memory */ }
    return memory[quizId] || { q: {} };
  }
  function save(quizId, state) {
    memory[quizId] = state;
    try {
      window.localStorage.setItem(STORE_PREFIX + quizId, JSON.stringify(state));
    } catch (e) { /* kept in memory only */ }
  }
  function remember(quiz, questionId, entry) {
    var quizId = quiz.getAttribute("data-quiz");
    var state = load(quizId);
    if (!state.q) state.q = {};
    state.q[questionId] = entry;
    save(quizId, state);
  }

  // Reverses hocvuso/answer_key.py: the key is the ROT47 of a JSON text.
  function answerKey(quiz) {
    if (quiz.hvsKey) return quiz.hvsKey;
    var text = quiz.getAttribute("data-key");
    var chars = [];
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      chars.push(code >= 33 && code <= 126 ? String.fromCharCode(33 + ((code + 14) % 94)) : text.charAt(i));
    }
    quiz.hvsKey = JSON.parse(chars.join(""));
    return quiz.hvsKey;
  }

  function inputs(form) {
    return form.querySelectorAll(".hvs-opt input");
  }
  function selected(form) {
    var picked = [];
    var all = inputs(form);
    for (var i = 0; i < all.length; i++) if (all[i].checked) picked.push(i);
    return picked;
  }
  function part(form, name) {
    return form.querySelector(".hvs-" + name);
  }
  function say(form, html, tone) {
    var result = part(form, "result");
    result.className = "hvs-result" + (tone ? " hvs-" + tone : "");
    result.innerHTML = html;
  }

  function clearMarks(form) {
    var labels = form.querySelectorAll(".hvs-opt");
    for (var i = 0; i < labels.length; i++) {
      labels[i].classList.remove("hvs-right", "hvs-wrong");
      var note = labels[i].querySelector(".hvs-fb");
      if (note) note.parentNode.removeChild(note);
    }
  }

  function setAnswering(form, answering) {
    var all = inputs(form);
    for (var i = 0; i < all.length; i++) all[i].disabled = !answering;
    part(form, "check").hidden = !answering;
    part(form, "retry").hidden = answering;
  }

  // Shows right/wrong, per-option feedback and the explanation for the picked options.
  function showResult(form, picked) {
    var quiz = form.closest(".hvs-quiz");
    var entry = answerKey(quiz)[form.getAttribute("data-q")];
    var correct = entry[0], feedback = entry[1], explanation = entry[2];
    var labels = form.querySelectorAll(".hvs-opt");
    var wrongPicked = 0, rightPicked = 0;
    clearMarks(form);
    for (var i = 0; i < picked.length; i++) {
      var index = picked[i], label = labels[index];
      if (!label) continue;
      var isRight = correct.indexOf(index) !== -1;
      if (isRight) rightPicked++; else wrongPicked++;
      label.classList.add(isRight ? "hvs-right" : "hvs-wrong");
      var note = document.createElement("span");
      note.className = "hvs-fb";
      note.innerHTML = (isRight ? TEXT.chosenRight : TEXT.chosenWrong) + (feedback[index] ? " " + feedback[index] : "");
      label.appendChild(note);
    }
    var ok = wrongPicked === 0 && rightPicked === correct.length;
    var message = ok ? TEXT.right : wrongPicked === 0 ? TEXT.missing : TEXT.wrong;
    var more = explanation ? '<div class="hvs-explanation"><strong>' + TEXT.explanation + "</strong>" + explanation + "</div>" : "";
    say(form, "<p><strong>" + message + "</strong></p>" + more, ok ? "ok" : "ko");
    setAnswering(form, false);
    return ok;
  }

  function check(form) {
    var picked = selected(form);
    if (!picked.length) {
      say(form, "<p>" + (form.querySelector("input[type=checkbox]") ? TEXT.pickSome : TEXT.pickOne) + "</p>", "");
      return;
    }
    var ok = showResult(form, picked);
    remember(form.closest(".hvs-quiz"), form.getAttribute("data-q"), { a: picked, done: true, ok: ok });
    part(form, "retry").focus();
  }

  function retry(form) {
    clearMarks(form);
    var all = inputs(form);
    for (var i = 0; i < all.length; i++) all[i].checked = false;
    say(form, "", "");
    setAnswering(form, true);
    remember(form.closest(".hvs-quiz"), form.getAttribute("data-q"), { a: [], done: false });
    if (all[0]) all[0].focus();
  }

  function toggleHint(form, button) {
    var box = part(form, "hint-text");
    if (box.hidden) {
      box.innerHTML = "<p><strong>" + TEXT.hint + "</strong>" + answerKey(form.closest(".hvs-quiz"))[form.getAttribute("data-q")][3] + "</p>";
    }
    box.hidden = !box.hidden;
    button.textContent = box.hidden ? TEXT.showHint : TEXT.hideHint;
    button.setAttribute("aria-expanded", String(!box.hidden));
  }

  function restore(quiz) {
    if (quiz.hvsReady) return;
    quiz.hvsReady = true;
    var state = load(quiz.getAttribute("data-quiz"));
    var forms = quiz.querySelectorAll(".hvs-q");
    for (var i = 0; i < forms.length; i++) {
      var form = forms[i];
      var hint = part(form, "hint");
      if (hint) hint.setAttribute("aria-expanded", "false");
      var saved = state.q && state.q[form.getAttribute("data-q")];
      if (!saved || !saved.a) continue;
      var all = inputs(form);
      // Options may have been removed since the answer was saved: ignore what no longer exists.
      var picked = saved.a.filter(function (index) { return index < all.length; });
      for (var j = 0; j < picked.length; j++) all[picked[j]].checked = true;
      if (saved.done && picked.length) showResult(form, picked);
    }
  }

  function restoreAll() {
    var quizzes = document.querySelectorAll(".hvs-quiz[data-key]");
    for (var i = 0; i < quizzes.length; i++) restore(quizzes[i]);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest && event.target.closest(".hvs-q");
    if (!form) return;
    event.preventDefault();
    check(form);
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".hvs-retry, .hvs-hint");
    if (!button) return;
    var form = button.closest(".hvs-q");
    if (button.classList.contains("hvs-retry")) retry(form);
    else toggleHint(form, button);
  });
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest(".hvs-q");
    if (!form) return;
    say(form, "", "");
    // A choice not yet checked is kept too, so a reload never loses it.
    remember(form.closest(".hvs-quiz"), form.getAttribute("data-q"), { a: selected(form), done: false });
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(restoreAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", restoreAll);
  } else {
    restoreAll();
  }
})();
