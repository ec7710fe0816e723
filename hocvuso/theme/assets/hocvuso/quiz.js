/* hocvuso: quizzes in the learner's browser: checking, feedback, hints, saved answers (hvs.quiz).
   Typed answers are compared by typed-answers.js (hvs.answer); a module test's draw and score
   are module-test.js's. A classic script (file:// blocks ES modules), no dependencies, no
   requests. Works with and without Material's instant navigation: events are delegated from
   the document, and saved answers are restored on every page (hvs.ready, core.js). */
(function () {
  "use strict";

  var hvs = window.hvs;
  var STORE_PREFIX = "hocvuso:quiz:";
  var TEXT = {
    right: "Đúng rồi! Bạn làm rất tốt.",
    wrong: "Chưa đúng. Không sao cả: bạn đọc phần giải thích, rồi bấm “Làm lại” để thử lần nữa.",
    missing: "Bạn chọn đúng, nhưng còn thiếu đáp án đúng khác. Bấm “Làm lại” để chọn thêm.",
    // In a module test there is no "Làm lại": each question is checked once.
    testWrong: "Chưa đúng. Không sao cả: bạn đọc phần giải thích để nhớ bài.",
    testMissing: "Bạn chọn đúng, nhưng còn thiếu đáp án đúng khác.",
    pickOne: "Bạn hãy chọn một đáp án, rồi bấm “Kiểm tra”.",
    pickSome: "Bạn hãy chọn ít nhất một đáp án, rồi bấm “Kiểm tra”.",
    chosenRight: "✓ Bạn chọn đúng.",
    chosenWrong: "✗ Lựa chọn này chưa đúng.",
    explanation: "Giải thích: ",
    hint: "Gợi ý: ",
    hideHint: "Ẩn gợi ý",
    showHint: "Xem gợi ý",
    nextHint: "Xem gợi ý tiếp",
    typeIt: "Bạn hãy gõ câu trả lời, rồi bấm “Kiểm tra”.",
    pickAll: "Bạn hãy chọn cho đủ các dòng, rồi bấm “Kiểm tra”.",
    almost: "Gần đúng rồi: bạn kiểm tra lại dấu nhé.",
    spelling: "Viết đúng là: ",
    accents: "Chưa đúng: câu trả lời còn thiếu dấu hoặc sai dấu. Bạn kiểm tra lại dấu, rồi bấm “Làm lại” để sửa.",
    testAccents: "Chưa đúng: câu trả lời còn thiếu dấu hoặc sai dấu.",
    stepRight: "✓ Đúng vị trí.",
    stepWrong: "✗ Chưa đúng vị trí.",
    pairRight: "✓ Ghép đúng.",
    pairWrong: "✗ Ghép chưa đúng.",
    movedTo: function (text, at, count) { return "Đã chuyển “" + text + "” tới vị trí " + at + "/" + count + "."; }
  };

  // Saved answers: hvs.storage (core.js) keeps them on the device, or for this visit when it cannot.
  var storage = hvs.storage, escapeHtml = hvs.escapeHtml;
  function load(quizId) {
    var state = storage.get(STORE_PREFIX + quizId);
    return state && typeof state === "object" ? state : { q: {} };
  }
  function save(quizId, state) {
    storage.set(STORE_PREFIX + quizId, state);
  }
  function remember(quiz, questionId, entry) {
    var quizId = quiz.getAttribute("data-quiz");
    var state = load(quizId);
    if (!state.q) state.q = {};
    state.q[questionId] = entry;
    save(quizId, state);
  }

  // Reverses hocvuso/quiz/answer_key.py: the key is the ROT47 of a JSON text.
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
  // Fill-in, ordering and matching questions say what they are; choice questions do not.
  function kind(form) {
    return form.getAttribute("data-type") || "";
  }
  function list(nodes) {
    return Array.prototype.slice.call(nodes);
  }
  function steps(form) {
    return list(form.querySelectorAll(".hvs-step"));
  }
  // Matching: one group of radio buttons (a <fieldset>) per left item.
  function pairs(form) {
    return list(form.querySelectorAll(".hvs-pair"));
  }
  function chosen(pair) {
    return pair.querySelector("input:checked");
  }
  // What the learner has answered so far, as saved: picked option indices, the typed text,
  // the shown steps in their current order, or the choice for each left item (-1: none).
  function answerOf(form) {
    var type = kind(form);
    if (type === "fillin") return part(form, "text").value;
    if (type === "ordering") return steps(form).map(function (item) { return +item.getAttribute("data-s"); });
    if (type === "matching") return pairs(form).map(function (pair) { var input = chosen(pair); return input ? +input.value : -1; });
    return selected(form);
  }
  function isAnswered(form, answer) {
    var type = kind(form);
    if (type === "fillin") return !!hvs.answer.normalise(answer);
    if (type === "matching") return answer.indexOf(-1) < 0;
    return type === "ordering" || answer.length > 0;
  }
  // Puts the steps in a saved order; false when the steps have changed since it was saved.
  function applyOrder(form, order) {
    var items = steps(form);
    if (!order || order.length !== items.length) return false;
    var byShown = {};
    items.forEach(function (item) { byShown[item.getAttribute("data-s")] = item; });
    if (order.some(function (shown) { return !byShown[shown]; })) return false;
    order.forEach(function (shown) { items[0].parentNode.appendChild(byShown[shown]); });
    updateMoves(form);
    return true;
  }
  function updateMoves(form) {
    var items = steps(form);
    for (var i = 0; i < items.length; i++) {
      items[i].querySelector(".hvs-up").disabled = i === 0;
      items[i].querySelector(".hvs-down").disabled = i === items.length - 1;
    }
  }
  // "Lên"/"Xuống" name the button; its step's text describes it for screen readers.
  function describeSteps(form, quizId) {
    steps(form).forEach(function (item) {
      var id = "hvs-" + quizId + "-" + form.getAttribute("data-q") + "-s" + item.getAttribute("data-s");
      item.querySelector(".hvs-step-text").id = id;
      item.querySelector(".hvs-up").setAttribute("aria-describedby", id);
      item.querySelector(".hvs-down").setAttribute("aria-describedby", id);
    });
    updateMoves(form);
  }
  function move(button) {
    var form = button.closest(".hvs-q"), item = button.closest(".hvs-step"), up = button.classList.contains("hvs-up");
    var other = up ? item.previousElementSibling : item.nextElementSibling;
    if (!other) return;
    item.parentNode.insertBefore(item, up ? other : other.nextElementSibling);
    updateMoves(form);
    // Moving an element drops its focus: give it back, to the other button at either end.
    (button.disabled ? item.querySelector(up ? ".hvs-down" : ".hvs-up") : button).focus();
    var items = steps(form);
    part(form, "live").textContent = TEXT.movedTo(item.querySelector(".hvs-step-text").textContent, items.indexOf(item) + 1, items.length);
    say(form, "", "");
    remember(form.closest(".hvs-quiz"), form.getAttribute("data-q"), { a: answerOf(form), done: false });
  }
  function firstControl(form) {
    return form.querySelector(".hvs-opt input, .hvs-text, .hvs-moves button:not(:disabled)");
  }
  function mark(element, right, rightText, wrongText) {
    element.classList.add(right ? "hvs-right" : "hvs-wrong");
    var note = document.createElement("span");
    note.className = "hvs-fb";
    note.textContent = right ? rightText : wrongText;
    element.appendChild(note);
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
    var labels = form.querySelectorAll(".hvs-opt, .hvs-step, .hvs-pair, .hvs-fill");
    for (var i = 0; i < labels.length; i++) {
      labels[i].classList.remove("hvs-right", "hvs-wrong");
      var note = labels[i].querySelector(".hvs-fb");
      if (note) note.parentNode.removeChild(note);
    }
  }

  function setAnswering(form, answering) {
    var all = form.querySelectorAll(".hvs-opt input, .hvs-text, .hvs-moves button");
    for (var i = 0; i < all.length; i++) all[i].disabled = !answering;
    if (answering && kind(form) === "ordering") updateMoves(form);
    part(form, "check").hidden = !answering;
    // In a module test each question is checked once: no retry until a new test.
    part(form, "retry").hidden = answering || !!form.closest(".hvs-test");
  }

  // Shows right/wrong, per-option feedback and the explanation for the picked options.
  function showResult(form, picked) {
    if (kind(form)) return showOwnResult(form, picked);
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
      // The option's own feedback already says right or wrong: only the mark goes before it.
      note.innerHTML = feedback[index] ? (isRight ? "✓ " : "✗ ") + feedback[index] : isRight ? TEXT.chosenRight : TEXT.chosenWrong;
      label.appendChild(note);
    }
    var ok = wrongPicked === 0 && rightPicked === correct.length;
    var inTest = !!form.closest(".hvs-test");
    var message = ok ? TEXT.right : wrongPicked === 0 ? (inTest ? TEXT.testMissing : TEXT.missing) : inTest ? TEXT.testWrong : TEXT.wrong;
    var more = explanation ? '<div class="hvs-explanation"><strong>' + TEXT.explanation + "</strong>" + explanation + "</div>" : "";
    say(form, "<p><strong>" + message + "</strong></p>" + more, ok ? "ok" : "ko");
    setAnswering(form, false);
    return ok;
  }

  // Fill-in, ordering and matching questions: right/wrong, marks, and the explanation.
  function showOwnResult(form, answer) {
    var entry = answerKey(form.closest(".hvs-quiz"))[form.getAttribute("data-q")];
    var type = kind(form), ok = true, message, extra = "", inTest = !!form.closest(".hvs-test");
    var wrong = inTest ? TEXT.testWrong : TEXT.wrong;
    clearMarks(form);
    if (type === "fillin") {
      var found = hvs.answer.check(answer, entry[0], entry[1].m), lenient = !!entry[1].a;
      ok = found[0] === "right" || (found[0] === "almost" && lenient);
      message = found[0] === "right" ? TEXT.right : found[0] === "almost" ? (lenient ? TEXT.almost : inTest ? TEXT.testAccents : TEXT.accents) : wrong;
      if (found[0] === "almost" && lenient) extra = "<p>" + TEXT.spelling + "<strong>" + escapeHtml(found[1]) + "</strong></p>";
      part(form, "fill").classList.add(ok ? "hvs-right" : "hvs-wrong");
    } else {
      var ordering = type === "ordering", items = ordering ? steps(form) : pairs(form);
      for (var i = 0; i < items.length; i++) {
        var right = answer[i] === entry[0][i];
        if (!right) ok = false;
        mark(items[i], right, ordering ? TEXT.stepRight : TEXT.pairRight, ordering ? TEXT.stepWrong : TEXT.pairWrong);
        // The chosen choice is coloured as an option is; the mark under the group says which row.
        if (!ordering && chosen(items[i])) chosen(items[i]).closest(".hvs-opt").classList.add(right ? "hvs-right" : "hvs-wrong");
      }
      message = ok ? TEXT.right : wrong;
    }
    var more = entry[2] ? '<div class="hvs-explanation"><strong>' + TEXT.explanation + "</strong>" + entry[2] + "</div>" : "";
    say(form, "<p><strong>" + message + "</strong></p>" + extra + more, ok ? "ok" : "ko");
    setAnswering(form, false);
    return ok;
  }

  function check(form) {
    var picked = answerOf(form);
    if (!isAnswered(form, picked)) {
      var type = kind(form);
      var ask = type === "fillin" ? TEXT.typeIt : type === "matching" ? TEXT.pickAll :
        form.querySelector("input[type=checkbox]") ? TEXT.pickSome : TEXT.pickOne;
      say(form, "<p>" + ask + "</p>", "");
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

  // Back to answering. A typed answer stays (to fix an accent) unless `clear`; steps go back
  // to their shown order (data-s counts them as rendered).
  function reset(form, clear) {
    clearMarks(form);
    var type = kind(form);
    if (type === "fillin" && clear) part(form, "text").value = "";
    if (type === "ordering") applyOrder(form, steps(form).map(function (item) { return +item.getAttribute("data-s"); }).sort(function (a, b) { return a - b; }));
    var all = inputs(form);
    for (var i = 0; i < all.length; i++) all[i].checked = false;
    say(form, "", "");
    setAnswering(form, true);
  }

  function retry(form) {
    reset(form, false);
    remember(form.closest(".hvs-quiz"), form.getAttribute("data-q"), { a: kind(form) ? answerOf(form) : [], done: false });
    var first = firstControl(form);
    if (first) first.focus();
  }

  function toggleHint(form, button) {
    var box = part(form, "hint-text"), hints = answerKey(form.closest(".hvs-quiz"))[form.getAttribute("data-q")][3];
    if (typeof hints !== "string") {
      // Several hints: one more per tap, then "Ẩn gợi ý" hides them all.
      var shown = box.hidden ? 0 : box.children.length;
      if (shown >= hints.length) {
        box.hidden = true;
        box.innerHTML = "";
        button.textContent = TEXT.showHint;
        button.setAttribute("aria-expanded", "false");
        return;
      }
      if (!shown) box.innerHTML = "";
      box.insertAdjacentHTML("beforeend", "<p><strong>Gợi ý " + (shown + 1) + "/" + hints.length + ": </strong>" + hints[shown] + "</p>");
      box.hidden = false;
      button.textContent = shown + 1 < hints.length ? TEXT.nextHint : TEXT.hideHint;
      button.setAttribute("aria-expanded", "true");
      return;
    }
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
      if (kind(form) === "ordering") describeSteps(form, quiz.getAttribute("data-quiz"));
      if (!saved || !saved.a) continue;
      if (kind(form)) {
        if (restoreOwn(form, saved.a) && saved.done) showResult(form, answerOf(form));
        continue;
      }
      var all = inputs(form);
      // Options may have been removed since the answer was saved: ignore what no longer exists.
      var picked = saved.a.filter(function (index) { return index < all.length; });
      for (var j = 0; j < picked.length; j++) all[picked[j]].checked = true;
      if (saved.done && picked.length) showResult(form, picked);
    }
    var test = quiz.closest(".hvs-test");
    if (test) hvs.moduleTest.setUp(test, quiz);
    else announceIfPassed(quiz);
  }

  // A saved answer back in a fill-in, ordering or matching question; false if it no longer fits.
  function restoreOwn(form, saved) {
    var type = kind(form);
    if (type === "fillin") {
      if (typeof saved !== "string") return false;
      part(form, "text").value = saved;
      return !!saved;
    }
    if (type === "ordering") return applyOrder(form, saved);
    var rows = pairs(form);
    if (!saved.length || saved.length !== rows.length) return false;
    rows.forEach(function (pair, index) {
      // Saved on this device, yet checked: only a whole number goes into the selector.
      var input = saved[index] === Math.floor(saved[index]) && pair.querySelector('input[value="' + saved[index] + '"]');
      if (input) input.checked = true;
    });
    return isAnswered(form, answerOf(form));
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
    var mover = event.target.closest && event.target.closest(".hvs-up, .hvs-down");
    if (mover) {
      move(mover);
      return;
    }
    var button = event.target.closest && event.target.closest(".hvs-retry, .hvs-hint");
    if (!button) return;
    var form = button.closest(".hvs-q");
    if (button.classList.contains("hvs-retry")) retry(form);
    else toggleHint(form, button);
  });
  function keepUnchecked(event) {
    var form = event.target.closest && event.target.closest(".hvs-q");
    if (!form || (event.type === "input" && kind(form) !== "fillin")) return;
    say(form, "", "");
    // A choice not yet checked is kept too, so a reload never loses it.
    remember(form.closest(".hvs-quiz"), form.getAttribute("data-q"), { a: answerOf(form), done: false });
  }
  // An option of three or four lines on a small phone: the browser brings only its small circle
  // into sight when an arrow key moves there; its whole text comes too (clear of the sticky header: CSS).
  // A browser below Chrome 61 or Safari 14 reads scrollIntoView's options as `true` (the option
  // to the top of the screen, at every tap): there, WebKit's and Blink's own "nearest" instead.
  var readsScrollOptions = null;
  function scrollOptionsRead() {
    if (readsScrollOptions === null) {
      readsScrollOptions = false;
      try {
        document.createElement("div").scrollIntoView({ get block() { readsScrollOptions = true; return "nearest"; } });
      } catch (e) { /* an old browser refusing the argument: no options */ }
    }
    return readsScrollOptions;
  }
  document.addEventListener("focusin", function (event) {
    var option = event.target.closest && event.target.closest(".hvs-opt");
    if (!option || !option.scrollIntoView) return;
    if (scrollOptionsRead()) option.scrollIntoView({ block: "nearest" });
    else if (option.scrollIntoViewIfNeeded) option.scrollIntoViewIfNeeded(false);
  });
  document.addEventListener("change", keepUnchecked);
  document.addEventListener("input", keepUnchecked);

  // For module-test.js: a test is a quiz whose questions are drawn, checked once, then scored.
  hvs.quiz = { load: load, save: save, answerKey: answerKey, kind: kind, part: part, pairs: pairs, list: list,
               reset: reset, firstControl: firstControl };
  hvs.ready(restoreAll);
})();
