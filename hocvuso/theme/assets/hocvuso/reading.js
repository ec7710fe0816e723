/* hocvuso: the "Aa" panel (text size, contrast; applied by reading-early.js) and "Nghe bài" /
   "Nghe câu hỏi" with the phone's own Vietnamese voice (no voice, no button). Where the lesson
   has a recorded narration (.hvs-narration, its size shown under the header box before it
   loads), "Nghe bài" plays the recording instead, voice or not. Classic script. */
(function () {
  "use strict";
  var TEXT = {
    panel: "Cỡ chữ và độ tương phản",
    size: "Cỡ chữ",
    sizes: ["Chữ vừa", "Chữ lớn", "Chữ rất lớn"],
    contrast: "Tương phản cao",
    close: "Đóng",
    listen: "Nghe bài",
    pause: "Tạm dừng",
    resume: "Đọc tiếp",
    stop: "Dừng",
    listenQuestion: "Nghe câu hỏi",
    stopQuestion: "Dừng đọc",
    quizSkipped: "Phần này có câu hỏi. Bạn bấm nút Nghe câu hỏi để nghe từng câu."
  };
  // reading-early.js applied the saved choice before paint; hvs.storage (core.js) keeps it.
  var early = window.hvs.reading, storage = window.hvs.storage;
  var reading = early && {
    get: function () { return storage.get(early.key) || {}; },
    set: function (settings) { storage.set(early.key, settings); early.apply(settings); }
  };

  // The panel goes right after the toggle: next in Tab order.
  function toggleButton() {
    return document.querySelector(".hvs-reading-toggle");
  }
  function panel() {
    var box = document.getElementById("hvs-reading");
    var toggle = toggleButton();
    if (box || !toggle || !reading) return box;
    box = document.createElement("div");
    box.id = "hvs-reading";
    box.className = "hvs-reading";
    box.hidden = true;
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", TEXT.panel);
    box.innerHTML = "<p>" + TEXT.size + "</p>" + TEXT.sizes.map(function (label, i) {
      return '<button type="button" data-hvs-size="' + i + '">' + label + "</button>";
    }).join("") + '<button type="button" data-hvs-contrast>' + TEXT.contrast + "</button>" +
      '<button type="button" class="hvs-reading__close">' + TEXT.close + "</button>";
    toggle.parentNode.insertBefore(box, toggle.nextSibling);
    toggle.setAttribute("aria-controls", box.id);
    return box;
  }
  function showPressed(box) {
    var settings = reading.get();
    var buttons = box.querySelectorAll("[data-hvs-size]");
    for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute("aria-pressed", String(i === (settings.size || 0)));
    box.querySelector("[data-hvs-contrast]").setAttribute("aria-pressed", String(settings.contrast === true));
  }
  function openPanel(open, focusToggle) {
    var box = panel();
    var toggle = toggleButton();
    if (!box) return;
    if (open) showPressed(box);
    box.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    if (focusToggle) toggle.focus();
  }
  function change(key, value) {
    var settings = reading.get();
    settings[key] = value;
    reading.set(settings);
    showPressed(panel());
  }

  var synth = window.speechSynthesis;
  var Utterance = window.SpeechSynthesisUtterance;
  var voice = null;
  var current = null; // {chunks, next, owner, paused, utterance}
  var MAX_CHUNK = 180; // Chrome may stop an utterance after ~15 s: speak sentence by sentence
  var BLOCK = /^(BLOCKQUOTE|DD|DETAILS|DIV|DL|DT|FIELDSET|FIGCAPTION|FIGURE|FORM|H[1-6]|LABEL|LEGEND|LI|OL|P|SECTION|SUMMARY|TABLE|TD|TH|TR|UL)$/;
  // Not read: code blocks, buttons, answers and feedback, controls, hidden parts, QR codes (an address read aloud helps no one),
  // players (their fallback link) and the narration's box. A video's transcript is read even while folded.
  var SKIP = "pre, button, script, style, svg, input, video, audio, .hvs-narration, .hvs-qr, .hvs-progress-qr, .hvs-listen, .hvs-num, " +
    ".hvs-fb, .hvs-actions, .hvs-result, .hvs-hint-text, .headerlink, [hidden], [aria-hidden=true], " +
    "details:not([open]):not(.hvs-transcript) > :not(summary)";

  function findVoice() {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if (/^vi([-_]|$)/i.test(voices[i].lang || "")) return voices[i];
    }
    return null;
  }

  // Sentences of a block, long ones cut at commas, then at spaces.
  function addSentences(text, chunks) {
    text = text.replace(/\s+/g, " ").trim();
    if (!text) return;
    if (!/[.!?…:;,]$/.test(text)) text += "."; // a pause after headings and list items
    var sentences = text.replace(/([.!?…]["”)]?) /g, "$1\n").split("\n");
    for (var i = 0; i < sentences.length; i++) {
      var rest = sentences[i];
      while (rest.length > MAX_CHUNK) {
        var cut = rest.lastIndexOf(", ", MAX_CHUNK);
        if (cut < MAX_CHUNK / 3) cut = rest.lastIndexOf(" ", MAX_CHUNK);
        if (cut < 1) cut = MAX_CHUNK;
        chunks.push(rest.slice(0, cut + 1).trim());
        rest = rest.slice(cut + 1);
      }
      if (rest.trim()) chunks.push(rest.trim());
    }
  }
  function flush(state, more) {
    addSentences(state.text, state.chunks);
    addSentences(more || "", state.chunks);
    state.text = "";
  }
  function collect(node, state) {
    for (var child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) state.text += child.nodeValue;
      if (child.nodeType !== 1 || child.matches(SKIP)) continue;
      // Quizzes have their own listen buttons.
      if (child.matches(".hvs-quiz")) flush(state, TEXT.quizSkipped);
      else if (child.tagName === "IMG") flush(state, child.getAttribute("alt"));
      else if (!BLOCK.test(child.tagName)) collect(child, state);
      else if (!(child.matches(".admonition-title") && child.parentNode.querySelector(".hvs-quiz"))) {
        flush(state);
        collect(child, state);
        flush(state);
      }
    }
  }
  function textOf(element) {
    var state = { text: "", chunks: [] };
    collect(element, state);
    flush(state);
    return state.chunks;
  }

  // Seen by the learner: neither inside a hidden part nor out of sight (visibility), e.g. a lesson
  // the ordered path keeps closed, or one still waiting for that script (ordered-path.js).
  function shown(element) {
    return element.getClientRects().length > 0 && getComputedStyle(element).visibility === "visible";
  }
  function speakNext(run) {
    if (current !== run) return;
    if (!shown(run.owner)) return finish();  // what it reads went out of sight: stop
    if (run.next >= run.chunks.length) return finish();
    var utterance = new Utterance(run.chunks[run.next++]);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9; // a little slower: easier to follow
    utterance.onend = function () { speakNext(run); };
    utterance.onerror = function () { if (current === run) finish(); };
    run.utterance = utterance; // kept alive: a collected utterance may never fire "end"
    synth.speak(utterance);
  }
  function start(chunks, owner) {
    finish();
    var audio = narration();
    if (audio && !audio.paused) audio.pause(); // one sound at a time
    current = { chunks: chunks, next: 0, owner: owner, paused: false };
    speakNext(current);
    render();
  }
  function finish() {
    if (!current) return;
    var wasPaused = current.paused;
    current = null;
    synth.cancel();
    if (wasPaused) synth.resume(); // else the next reading would start paused
    render();
  }
  function pauseOrResume() {
    current.paused = !current.paused;
    if (current.paused) synth.pause(); else synth.resume();
    render();
  }

  // ---- The recorded narration: the <audio> the build wrote under the header box ----
  function narration() {
    return document.querySelector(".hvs-narration audio");
  }
  // Started and not back at its beginning: "Nghe bài" then pauses or resumes it.
  function narrationStarted(audio) {
    return Boolean(audio) && !audio.ended && (!audio.paused || audio.currentTime > 0);
  }
  function playNarration(audio) {
    finish(); // the voice reading a question, if any
    var started = audio.play();
    // Refused (a format this phone cannot play): its own controls, just under, say so.
    if (started && started.catch) started.catch(function () {});
  }
  function stopNarration(audio) {
    audio.pause();
    audio.currentTime = 0;
    render();
  }

  function render() {
    var audio = narration();
    var boxes = document.querySelectorAll(".hvs-listen");
    for (var i = 0; i < boxes.length; i++) {
      var main = boxes[i].querySelector(".hvs-listen__main");
      var stop = boxes[i].querySelector(".hvs-listen__stop");
      if (audio) {
        var started = narrationStarted(audio);
        main.textContent = !started ? TEXT.listen : audio.paused ? TEXT.resume : TEXT.pause;
        if (!started && document.activeElement === stop) main.focus();
        stop.hidden = !started;
        continue;
      }
      var mine = current && current.owner === boxes[i];
      main.textContent = !mine ? TEXT.listen : current.paused ? TEXT.resume : TEXT.pause;
      if (!mine && document.activeElement === stop) main.focus();
      stop.hidden = !mine;
    }
    var questions = document.querySelectorAll(".hvs-listen-q");
    for (var j = 0; j < questions.length; j++) {
      questions[j].textContent = current && current.owner === questions[j] ? TEXT.stopQuestion : TEXT.listenQuestion;
    }
  }

  function addListenButtons() {
    var audio = narration();
    if (!voice && !audio) return;
    var header = document.querySelector(".hvs-lesson-header");
    if (header && !header.querySelector(".hvs-listen")) {
      header.insertAdjacentHTML("beforeend", '<div class="hvs-listen"><button type="button" class="hvs-listen__main">' +
        '</button><button type="button" class="hvs-listen__stop">' + TEXT.stop + "</button></div>");
      // What the recording costs, shown just under the box, is the button's description too.
      var size = audio && document.querySelector(".hvs-narration-size");
      if (size) {
        size.id = size.id || "hvs-narration-size";
        header.querySelector(".hvs-listen__main").setAttribute("aria-describedby", size.id);
      }
    }
    render();
    if (!voice) return;
    var forms = document.querySelectorAll(".hvs-q");
    for (var i = 0; i < forms.length; i++) {
      if (!forms[i].querySelector(".hvs-listen-q")) {
        forms[i].insertAdjacentHTML("afterbegin", '<button type="button" class="hvs-listen-q"></button>');
      }
    }
    render();
  }
  function onPage() {
    finish(); // the old reading no longer matches the page
    openPanel(false);
    addListenButtons();
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target.closest && target.closest("button");
    var box = panel();
    if (box && !box.hidden && !box.contains(target) && !(button && button.matches(".hvs-reading-toggle"))) openPanel(false);
    if (!button) return;
    if (button.matches(".hvs-reading-toggle")) openPanel(box && box.hidden);
    else if (button.hasAttribute("data-hvs-size")) change("size", +button.getAttribute("data-hvs-size"));
    else if (button.hasAttribute("data-hvs-contrast")) change("contrast", button.getAttribute("aria-pressed") !== "true");
    else if (button.matches(".hvs-reading__close")) openPanel(false, true);
    else if (button.matches(".hvs-listen__main")) {
      var owner = button.parentNode, audio = narration();
      if (!shown(owner)) return;  // never what the learner cannot see
      if (audio) {
        if (audio.paused) playNarration(audio); else audio.pause();
      } else if (current && current.owner === owner) pauseOrResume();
      else start(textOf(document.querySelector("article.md-typeset") || document.body), owner);
    } else if (button.matches(".hvs-listen__stop")) {
      if (narration()) stopNarration(narration()); else finish();
    }
    else if (button.matches(".hvs-listen-q")) {
      if (current && current.owner === button) finish();
      else start(textOf(button.closest(".hvs-q")), button);
    }
  });
  // The buttons follow the recording, whichever control started or paused it. A video or the
  // recording starting stops the voice: one sound at a time (video.js pauses the other players).
  ["play", "pause", "ended"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (type === "play" && current) finish();
      if (event.target === narration()) render();
    }, true); // media events do not bubble: caught on the way down
  });
  document.addEventListener("keydown", function (event) {
    var box = panel();
    if (event.key === "Escape" && box && !box.hidden) openPanel(false, true);
  });

  if (synth && Utterance) {
    voice = findVoice();
    // Voices often arrive after the page loads.
    var onVoices = function () {
      if (voice) return;
      voice = findVoice();
      addListenButtons();
    };
    if (synth.addEventListener) synth.addEventListener("voiceschanged", onVoices);
    else synth.onvoiceschanged = onVoices;
    window.addEventListener("pagehide", finish);
  }
  window.hvs.ready(onPage);
  // A visit whose saves failed keeps the choice in core.js's copy, which the early read in
  // <head> does not see: applied again here (a no-op otherwise).
  if (reading && storage.failed()) early.apply(reading.get());
})();
