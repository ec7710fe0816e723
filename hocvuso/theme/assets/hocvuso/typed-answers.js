/* hocvuso: typed answers (type: fillin), as the quiz checks them: hvs.answer.
   The specification is hocvuso/quiz/answer_text.py, and tests/answer_vectors.json holds the
   cases both must agree on. Syllables and their keys come from text-keys.js (hvs.text),
   shared with the search. A classic script, no dependencies, no requests. */
(function () {
  "use strict";

  var hvs = window.hvs;

  var AROUND = /^[.,;:!?…'"“”‘’«»()[\]{}\-–— ]+|[.,;:!?…'"“”‘’«»()[\]{}\-–— ]+$/g;
  function normaliseAnswer(text) {
    return String(text).normalize("NFC").replace(/[\u200c\u200d\u2060\ufeff]/g, "").toLowerCase()
      .replace(/[\s\u00a0\u2007\u202f\u200b]+/g, " ").trim().replace(AROUND, "");
  }
  function numberKey(text) { return normaliseAnswer(text).replace(/[ .\-]/g, ""); }
  function webKey(text) {
    var key = normaliseAnswer(text).replace(/^[a-z][a-z0-9+.\-]*:\/\//, "");
    if (key.indexOf("www.") === 0) key = key.slice(4);
    return key.charAt(key.length - 1) === "/" ? key.slice(0, -1) : key;
  }
  function compareAnswer(given, accepted, match) {
    if (match === "number" || match === "web") {
      var key = match === "number" ? numberKey : webKey, typed = key(given);
      return typed && typed === key(accepted) ? "right" : "wrong";
    }
    var text = hvs.text;
    var mine = text.syllables(normaliseAnswer(given)), theirs = text.syllables(normaliseAnswer(accepted));
    if (!mine.length) {
      var plain = normaliseAnswer(given);
      return plain && plain === normaliseAnswer(accepted) ? "right" : "wrong";
    }
    if (mine.map(text.toneKey).join(" ") === theirs.map(text.toneKey).join(" ")) return "right";
    return mine.map(text.foldedKey).join(" ") === theirs.map(text.foldedKey).join(" ") ? "almost" : "wrong";
  }
  // The best result over every accepted answer, and the answer it matched.
  function checkTyped(given, answers, match) {
    var almost = null;
    for (var i = 0; i < answers.length; i++) {
      var result = compareAnswer(given, answers[i], match);
      if (result === "right") return ["right", answers[i]];
      if (result === "almost" && almost === null) almost = answers[i];
    }
    return almost === null ? ["wrong", null] : ["almost", almost];
  }
  // normalise and compare also serve the shared test vectors (tests/answer_vectors.json).
  hvs.answer = { normalise: normaliseAnswer, compare: compareAnswer, check: checkTyped };
})();
