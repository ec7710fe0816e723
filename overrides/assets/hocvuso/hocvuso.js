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
    // In a module test each question is checked once: no retry until a new test.
    part(form, "retry").hidden = answering || !!form.closest(".hvs-test");
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
    var quiz = form.closest(".hvs-quiz");
    remember(quiz, form.getAttribute("data-q"), { a: picked, done: true, ok: ok });
    announceIfPassed(quiz);
    if (!quiz.closest(".hvs-test")) {
      part(form, "retry").focus();
    } else {
      var result = part(form, "result");
      result.setAttribute("tabindex", "-1");
      result.focus();
    }
  }

  // Tells the course progress (progress.js) that every question of a quiz is answered right.
  function announceIfPassed(quiz) {
    if (quiz.closest(".hvs-test")) return;
    var state = load(quiz.getAttribute("data-quiz"));
    var forms = quiz.querySelectorAll(".hvs-q");
    for (var i = 0; i < forms.length; i++) {
      var saved = state.q && state.q[forms[i].getAttribute("data-q")];
      if (!saved || !saved.ok || !saved.done) return;
    }
    document.dispatchEvent(new CustomEvent("hvs:quiz-passed", { detail: { quiz: quiz.getAttribute("data-quiz") } }));
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
    var test = quiz.closest(".hvs-test");
    if (test) setUpTest(test, quiz);
    else announceIfPassed(quiz);
  }

  // ---- Module tests (hocvuso/module_test.py): draw N questions, check each once, score ----
  var TEST_PREFIX = "hocvuso:test:";
  function testState(bank) {
    try {
      var raw = window.localStorage.getItem(TEST_PREFIX + bank);
      if (raw) return JSON.parse(raw);
    } catch (e) { /* memory */ }
    return memory[TEST_PREFIX + bank] || null;
  }
  function saveTestState(bank, state) {
    memory[TEST_PREFIX + bank] = state;
    try { window.localStorage.setItem(TEST_PREFIX + bank, JSON.stringify(state)); } catch (e) { /* memory only */ }
  }
  // The same learner sees the same questions until they ask for a new test.
  function drawQuestions(ids, count, seed) {
    var order = ids.slice(), random = seed;
    for (var i = order.length - 1; i > 0; i--) {
      random = (Math.imul(random, 1103515245) + 12345) >>> 0;
      var j = random % (i + 1), swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order.slice(0, count);
  }
  function setUpTest(test, quiz) {
    var bank = test.getAttribute("data-bank"), draw = +test.getAttribute("data-draw");
    var forms = Array.prototype.slice.call(quiz.querySelectorAll(".hvs-q"));
    var ids = forms.map(function (form) { return form.getAttribute("data-q"); });
    var state = testState(bank);
    // A bank edited since the draw (questions removed): draw again from what exists.
    if (!state || !state.shown || state.shown.some(function (id) { return ids.indexOf(id) < 0; })) {
      state = { seed: Math.floor(Math.random() * 4294967296), submitted: false };
      state.shown = drawQuestions(ids, draw, state.seed);
      saveTestState(bank, state);
    }
    forms.forEach(function (form) {
      var at = state.shown.indexOf(form.getAttribute("data-q"));
      form.hidden = at < 0;
      var number = form.querySelector(".hvs-num");
      if (number && at >= 0) number.textContent = "Câu " + (at + 1) + "/" + state.shown.length + ".";
    });
    // The drawn questions in their drawn order, in the page itself so Tab follows what is seen.
    state.shown.forEach(function (id) { quiz.appendChild(forms[ids.indexOf(id)]); });
    if (state.submitted) showTestResult(test, quiz, state);
  }
  function testScore(quiz, state) {
    var saved = load(quiz.getAttribute("data-quiz")), right = 0, answered = 0;
    state.shown.forEach(function (id) {
      var entry = saved.q && saved.q[id];
      if (entry && entry.done) answered++;
      if (entry && entry.done && entry.ok) right++;
    });
    return { right: right, answered: answered, total: state.shown.length };
  }
  function showTestResult(test, quiz, state) {
    var score = testScore(quiz, state), need = +test.getAttribute("data-pass");
    var percent = Math.round(100 * score.right / score.total), passed = percent >= need;
    test.querySelector(".hvs-test-result").textContent = "Bạn đúng " + score.right + "/" + score.total + " câu (" + percent + "%). " +
      (passed ? "Chúc mừng, bạn đã đạt bài kiểm tra chương này!" :
        "Chưa đạt: cần đúng từ " + need + "% trở lên. Bạn ôn lại các bài trong chương, rồi bấm “Làm bài kiểm tra mới”.");
    test.querySelector(".hvs-test-submit").hidden = true;
    return { percent: percent, passed: passed };
  }
  function submitTest(test) {
    var quiz = test.querySelector(".hvs-quiz"), bank = test.getAttribute("data-bank"), state = testState(bank);
    var score = testScore(quiz, state);
    if (score.answered < score.total) {
      test.querySelector(".hvs-test-result").textContent = "Bạn còn " + (score.total - score.answered) +
        " câu chưa bấm “Kiểm tra”. Bạn trả lời hết các câu rồi bấm “Nộp bài”.";
      return;
    }
    state.submitted = true;
    saveTestState(bank, state);
    var result = showTestResult(test, quiz, state);
    document.dispatchEvent(new CustomEvent("hvs:test-result", { detail: { bank: bank, percent: result.percent, passed: result.passed } }));
  }
  function newTest(test) {
    var quiz = test.querySelector(".hvs-quiz"), bank = test.getAttribute("data-bank");
    save(quiz.getAttribute("data-quiz"), { q: {} });
    saveTestState(bank, null);
    var forms = quiz.querySelectorAll(".hvs-q");
    for (var i = 0; i < forms.length; i++) {
      clearMarks(forms[i]);
      var all = inputs(forms[i]);
      for (var j = 0; j < all.length; j++) all[j].checked = false;
      say(forms[i], "", "");
      setAnswering(forms[i], true);
    }
    test.querySelector(".hvs-test-result").textContent = "";
    test.querySelector(".hvs-test-submit").hidden = false;
    setUpTest(test, quiz);
    var first = quiz.querySelector(".hvs-q:not([hidden]) input");
    if (first) first.focus();
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
    var control = event.target.closest && event.target.closest(".hvs-test-submit, .hvs-test-new");
    if (control) {
      if (control.classList.contains("hvs-test-submit")) submitTest(control.closest(".hvs-test"));
      else newTest(control.closest(".hvs-test"));
      return;
    }
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
