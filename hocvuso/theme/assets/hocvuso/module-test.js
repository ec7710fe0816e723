/* hocvuso: module tests (hocvuso/pages/module_test.py): draw N questions of a bank, check each
   once, score them, and show what was right once handed in (hvs.moduleTest). The questions
   are a quiz's (quiz.js, hvs.quiz), which sets each test up on page ready. A classic script,
   no dependencies, no requests. */
(function () {
  "use strict";

  // The quiz's helpers (quiz.js): saved answers, the answer key, a question's parts.
  var hvs = window.hvs, quizzes = hvs.quiz, storage = hvs.storage, escapeHtml = hvs.escapeHtml;
  var RIGHT_ANSWER = "Đáp án đúng";
  var TEST_PREFIX = "hocvuso:test:";
  function testState(bank) {
    return storage.get(TEST_PREFIX + bank);
  }
  function saveTestState(bank, state) {
    storage.set(TEST_PREFIX + bank, state);
  }
  // The same learner sees the same questions until they ask for a new test.
  function drawQuestions(ids, count, seed) {
    var order = ids.slice(), random = seed;
    for (var i = order.length - 1; i > 0; i--) {
      random = (Math.imul(random, 1103515245) + 12345) >>> 0;
      // The high bits: this generator's low bits repeat in short cycles (bit 0 alternates).
      var j = Math.floor(random / 4294967296 * (i + 1)), swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order.slice(0, count);
  }
  function setUpTest(test, quiz) {
    var bank = test.getAttribute("data-bank"), draw = +test.getAttribute("data-draw");
    var forms = quizzes.list(quiz.querySelectorAll(".hvs-q"));
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
    var saved = quizzes.load(quiz.getAttribute("data-quiz")), right = 0, answered = 0;
    state.shown.forEach(function (id) {
      var entry = saved.q && saved.q[id];
      if (entry && entry.done) answered++;
      if (entry && entry.done && entry.ok) right++;
    });
    return { right: right, answered: answered, total: state.shown.length };
  }
  function showTestResult(test, quiz, state) {
    var score = testScore(quiz, state), need = +test.getAttribute("data-pass");
    var percent = Math.round(100 * score.right / score.total), passed = 100 * score.right >= need * score.total;  // unrounded: 79.5% is not 80%
    test.querySelector(".hvs-test-result").textContent = "Bạn đúng " + score.right + "/" + score.total + " câu (" + percent + "%). " +
      (passed ? "Chúc mừng, bạn đã đạt bài kiểm tra chương này!" :
        "Chưa đạt: cần đúng từ " + need + "% trở lên. Bạn ôn lại các bài trong chương, rồi bấm “Làm bài kiểm tra mới”.");
    test.querySelector(".hvs-test-submit").hidden = true;
    test.querySelector(".hvs-test-new").hidden = false;
    revealAnswers(quiz, state);
    return { percent: percent, passed: passed };
  }
  // Handed in: for every question missed, what was right, next to the learner's own answer.
  function revealAnswers(quiz, state) {
    var key = quizzes.answerKey(quiz), saved = quizzes.load(quiz.getAttribute("data-quiz"));
    quizzes.list(quiz.querySelectorAll(".hvs-q")).forEach(function (form) {
      var id = form.getAttribute("data-q"), entry = saved.q && saved.q[id], answer = key[id];
      if (state.shown.indexOf(id) < 0 || !entry || entry.ok || !answer || form.querySelector(".hvs-answer-note")) return;
      var type = quizzes.kind(form), shown;
      if (!type) {
        var labels = form.querySelectorAll(".hvs-opt");
        answer[0].forEach(function (index) {
          if (!labels[index]) return;
          labels[index].classList.add("hvs-answer");
          labels[index].insertAdjacentHTML("beforeend", '<span class="hvs-answer-note">' + RIGHT_ANSWER + "</span>");
        });
        return;
      }
      if (type === "fillin") {
        shown = escapeHtml(answer[0][0]);  // typed answers are plain text
      } else if (type === "ordering") {
        shown = answer[0].map(function (at) {
          return form.querySelector('.hvs-step[data-s="' + at + '"] .hvs-step-text').innerHTML;
        }).join(" → ");
      } else {
        shown = quizzes.pairs(form).map(function (pair, row) {
          var input = pair.querySelector('input[value="' + answer[0][row] + '"]');
          return pair.querySelector("legend").innerHTML + ": " + (input ? input.nextElementSibling.innerHTML : "");
        }).join("; ");
      }
      quizzes.part(form, "result").insertAdjacentHTML("afterend", '<p class="hvs-answer-note">' + RIGHT_ANSWER + ": " + shown + "</p>");
    });
  }
  function hideAnswers(quiz) {
    quizzes.list(quiz.querySelectorAll(".hvs-answer-note")).forEach(function (note) { note.parentNode.removeChild(note); });
    quizzes.list(quiz.querySelectorAll(".hvs-answer")).forEach(function (label) { label.classList.remove("hvs-answer"); });
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
    // "Nộp bài" is gone: the focus goes to the result, not lost at the top of the page.
    var said = test.querySelector(".hvs-test-result");
    said.setAttribute("tabindex", "-1");
    said.focus();
    document.dispatchEvent(new CustomEvent("hvs:test-result", { detail: { bank: bank, percent: result.percent, passed: result.passed } }));
  }
  function newTest(test) {
    var quiz = test.querySelector(".hvs-quiz"), bank = test.getAttribute("data-bank");
    quizzes.save(quiz.getAttribute("data-quiz"), { q: {} });
    saveTestState(bank, null);
    hideAnswers(quiz);
    var forms = quiz.querySelectorAll(".hvs-q");
    for (var i = 0; i < forms.length; i++) quizzes.reset(forms[i], true);
    test.querySelector(".hvs-test-result").textContent = "";
    test.querySelector(".hvs-test-submit").hidden = false;
    test.querySelector(".hvs-test-new").hidden = true;
    setUpTest(test, quiz);
    var shown = quiz.querySelector(".hvs-q:not([hidden])"), first = shown && quizzes.firstControl(shown);
    if (first) first.focus();
  }

  document.addEventListener("click", function (event) {
    var control = event.target.closest && event.target.closest(".hvs-test-submit, .hvs-test-new");
    if (!control) return;
    if (control.classList.contains("hvs-test-submit")) submitTest(control.closest(".hvs-test"));
    else newTest(control.closest(".hvs-test"));
  });
  hvs.moduleTest = { setUp: setUpTest };
})();
