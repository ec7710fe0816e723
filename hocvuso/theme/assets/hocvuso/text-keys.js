/* hocvuso: how search and typed answers see Vietnamese: syllables, tone keys, folded keys.
   The specification is hocvuso/text/keys.py; tests/search_vectors.json holds the cases both
   must agree on. Loaded before the search and typed answers, which use hvs.text. */
(function () {
  "use strict";

  // Explicit ranges, not \w or \p{L}: older Android WebViews lack Unicode property escapes.
  var SYLLABLE = /[0-9a-z\u00df-\u00f6\u00f8-\u024f\u0300-\u036f\u1e00-\u1eff]+/g;
  var COMBINING = /[\u0300-\u036f]/g;
  var TONE = /[\u0301\u0300\u0309\u0303\u0323]/g;
  var TONE_DIGITS = { "\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5" };

  function normalise(text) { return String(text).normalize("NFC").toLowerCase(); }
  // [start, end, syllable] in the normalised text (NFC keeps a Vietnamese letter one code unit).
  function syllableSpans(text) {
    var spans = [], match, normal = normalise(text);
    SYLLABLE.lastIndex = 0;
    while ((match = SYLLABLE.exec(normal))) spans.push([match.index, match.index + match[0].length, match[0]]);
    return spans;
  }
  function syllables(text) { return syllableSpans(text).map(function (s) { return s[2]; }); }
  // Remembered per syllable: a course has a few thousand, and search ranking reads them often.
  var toneKeys = Object.create(null), foldedKeys = Object.create(null);
  function toneKey(syllable) {
    var key = toneKeys[syllable];
    if (key === undefined) {
      var decomposed = syllable.normalize("NFD"), tones = decomposed.match(TONE);
      key = toneKeys[syllable] = decomposed.replace(TONE, "").normalize("NFC") + (tones ? TONE_DIGITS[tones[0]] : "");
    }
    return key;
  }
  function foldedKey(syllable) {
    var key = foldedKeys[syllable];
    if (key === undefined) key = foldedKeys[syllable] = syllable.normalize("NFD").replace(COMBINING, "").replace(/đ/g, "d");
    return key;
  }

  window.hvs.text = { normalise: normalise, syllableSpans: syllableSpans, syllables: syllables,
                      toneKey: toneKey, foldedKey: foldedKey };
})();
