/* hocvuso: what a search query also means: raw Telex/VNI decoded ("luwaf ddaor", "lu72a d9a3o"
   -> "lừa đảo") and synonyms (search/synonyms.js, from synonyms.yml). The specification is
   hocvuso/text/raw_typing.py and hocvuso/search/synonyms.py; tests/typing_vectors.json holds the cases both
   must agree on. search.js loads this file with the index, when the learner opens the search. */
(function () {
  "use strict";

  var hvs = window.hvs, keys = hvs.text, syllables = keys.syllables, toneKey = keys.toneKey, foldedKey = keys.foldedKey;

  // ---- Raw Telex and VNI (raw_typing.py) ----
  var ONSETS = words("b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x").concat([""]);
  var OPEN_RHYMES = words("a e ê i o ô ơ u ư y ai ao au âu ay ây eo êu ia iu oa oe oi ôi ơi ua uê ui uơ uy ưa ưi ưu " +
                          "iêu yêu oai oay oao oeo uây uôi uya uyu ươi ươu");
  var FINALS = {
    "a": "c ch m n ng nh p t", "ă": "c m n ng p t", "â": "c m n ng p t", "e": "c m n ng p t",
    "ê": "ch m n nh p t", "i": "ch m n nh p t", "o": "c m n ng p t", "ô": "c m n ng p t", "ơ": "m n p t",
    "u": "c m n ng p t", "ư": "c m n ng t", "iê": "c m n ng p t", "yê": "m n ng t", "uô": "c m n ng t",
    "ươ": "c m n ng p t", "oa": "c ch m n ng nh p t", "oă": "c m n ng t", "oe": "m n t", "uâ": "n ng t",
    "uê": "ch nh", "uy": "ch n nh p t", "uyê": "n t", "oo": "c ng"
  };
  var RHYMES = set(OPEN_RHYMES), PLAIN_RHYMES = {}, PLAIN_ONSETS = {};
  Object.keys(FINALS).forEach(function (vowels) {
    words(FINALS[vowels]).forEach(function (final) { RHYMES[vowels + final] = true; });
  });
  // "oong", "ooc" (boong, xoong) are left out: typed raw, "coong" is Telex for "công" far more often.
  Object.keys(RHYMES).forEach(function (rhyme) { if (rhyme.slice(0, 2) !== "oo") PLAIN_RHYMES[foldedKey(rhyme)] = true; });
  ONSETS.forEach(function (onset) { PLAIN_ONSETS[foldedKey(onset)] = true; });
  ONSETS = set(ONSETS);
  var STOPS = /(c|ch|p|t)$/, VOWELS = "aăâeêioôơuưy", MARKED = "ăâêôơư";
  var TONE_MARKS = { 1: "\u0301", 2: "\u0300", 3: "\u0309", 4: "\u0303", 5: "\u0323" };
  var TELEX_TONES = { s: 1, f: 2, r: 3, x: 4, j: 5, z: 0 };
  var CIRCUMFLEX = { a: "â", e: "ê", o: "ô" }, HORN = { a: "ă", o: "ơ", u: "ư" };

  function words(text) { return text.split(" "); }
  function set(list) {
    var found = {};
    list.forEach(function (item) { found[item] = true; });
    return found;
  }
  function isVowel(char) { return char !== "" && VOWELS.indexOf(char) >= 0; }
  function hasVowel(text) { return text.split("").some(isVowel); }
  function lastIndexIn(text, chars) {
    for (var at = text.length - 1; at >= 0; at--) if (chars.indexOf(text[at]) >= 0) return at;
    return -1;
  }

  // [onset, rhyme] with the longest onset that leaves a rhyme: "gia" is gi + a, "gìn" g + in.
  function split(word, onsets, rhymes) {
    for (var length = 3; length >= 0; length--) {
      if (length <= word.length && onsets[word.slice(0, length)] && rhymes[word.slice(length)]) {
        return [word.slice(0, length), word.slice(length)];
      }
    }
    return null;
  }
  function isPlainSyllable(word) { return split(word, PLAIN_ONSETS, PLAIN_RHYMES) !== null; }

  function decodeWord(word) {
    if (!word || !/^[a-z0-9]+$/.test(word) || /^[0-9]+$/.test(word) || isPlainSyllable(word)) return word;
    return (/[0-9]/.test(word) ? vni(word) : telex(word)) || word;
  }
  function decode(query) {
    return syllables(query).map(decodeWord).join(" ") + (/\s$/.test(query) ? " " : "");
  }

  function telex(word) {
    var first = -1;
    for (var k = 0; k < word.length && first < 0; k++) if ("aeiouyw".indexOf(word[k]) >= 0) first = k;
    if (first < 0) return null;
    var tone = null, text = "";
    for (var at = 0; at < word.length; at++) {
      var char = word[at];
      if (at > first && TELEX_TONES.hasOwnProperty(char)) {
        if (tone !== null) return null;
        tone = TELEX_TONES[char];
      } else text += char;
    }
    if (text.slice(0, 2) === "dd") text = "đ" + text.slice(2);
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text[i], last = out.slice(-1);
      if (c === "w") {
        if (last && HORN[last]) {
          out = out.slice(0, -1) + HORN[last];
          if (last === "o" && out.slice(-2, -1) === "u") out = out.slice(0, -2) + "ươ";
        } else if (hasVowel(out)) {
          out = hornOnVowels(out); // a w typed after the final consonant
          if (out === null) return null;
        } else if (out) {
          out += "ư"; // w alone after a consonant is the vowel ư: "nhw" -> "như"
        } else {
          return null; // a word starting with w is English ("wi" of Wi-Fi, "web"), not "ư"
        }
      } else if (CIRCUMFLEX[c] && last === c) {
        out = out.slice(0, -1) + CIRCUMFLEX[c];
      } else out += c;
    }
    // z only takes a tone away: alone, it changes nothing ("quiz", not "qui").
    return finish(out, tone, tone === 0 ? word.replace(/z/g, "") : word);
  }
  // The mark of a late w, on the last group of vowels: uo -> ươ, else its last a, o or u.
  function hornOnVowels(out) {
    var end = lastIndexIn(out, VOWELS) + 1, start = end;
    while (start > 0 && isVowel(out[start - 1])) start--;
    var group = out.slice(start, end);
    if (group.indexOf("uo") >= 0) group = group.replace("uo", "ươ");
    else {
      var at = lastIndexIn(group, "aou");
      if (at < 0) return null;
      group = group.slice(0, at) + HORN[group[at]] + group.slice(at + 1);
    }
    return out.slice(0, start) + group + out.slice(end);
  }

  function vni(word) {
    var tone = null, out = "";
    for (var i = 0; i < word.length; i++) {
      var char = word[i];
      if (!/[0-9]/.test(char)) { out += char; continue; }
      var digit = +char;
      if (digit >= 1 && digit <= 5) {
        if (tone !== null || !hasVowel(out)) return null;
        tone = digit;
      } else if (digit >= 6 && digit <= 8) {
        var at = lastIndexIn(out, { 6: "aeo", 7: "ou", 8: "a" }[digit]);
        if (at < 0) return null;
        if (digit === 7 && out[at] === "o" && out.slice(at - 1, at) === "u") {
          out = out.slice(0, at - 1) + "ươ" + out.slice(at + 1);
        } else {
          out = out.slice(0, at) + (digit === 6 ? CIRCUMFLEX[out[at]] : HORN[out[at]]) + out.slice(at + 1);
        }
      } else if (digit === 9 && out[0] === "d") {
        out = "đ" + out.slice(1);
      } else return null;
    }
    return finish(out, tone, word);
  }

  // The syllable with its tone on the main vowel, or null when it is not a valid one.
  function finish(letters, tone, typed) {
    if (letters === typed || !letters) return null;
    // ư and o, or u and ơ, typed apart: the pair ươ (open only in "thuở", "huơ": uơ).
    letters = letters.replace(/ưo/g, "ươ");
    if (letters.indexOf("uơ") >= 0 && letters.slice(-2) !== "uơ") letters = letters.replace(/uơ/g, "ươ");
    if (letters.slice(-2) === "ươ") letters = letters.slice(0, -2) + "uơ";
    var parts = split(letters, ONSETS, RHYMES);
    if (!parts) return null;
    if (!tone) return letters;
    if (STOPS.test(parts[1]) && tone !== 1 && tone !== 5) return null;
    var at = parts[0].length + mainVowel(parts[1]);
    return (letters.slice(0, at + 1) + TONE_MARKS[tone] + letters.slice(at + 1)).normalize("NFC");
  }
  // Where the tone mark goes in a rhyme (new style: hoà, khoẻ, thuỷ; người, khuya, ngoài).
  function mainVowel(rhyme) {
    var vowels = 0;
    while (vowels < rhyme.length && isVowel(rhyme[vowels])) vowels++;
    var marked = -1;
    for (var at = 0; at < vowels; at++) if (MARKED.indexOf(rhyme[at]) >= 0) marked = at;
    if (marked >= 0) return marked;
    if (vowels < rhyme.length || vowels === 1) return vowels - 1;
    if (vowels === 3 || rhyme === "oa" || rhyme === "oe" || rhyme === "uy") return 1;
    return 0;
  }

  // ---- Synonyms (synonyms.py) ----
  var SYNONYM_WEIGHT = 0.9, RAW_WEIGHT = 0.6, MAX_VARIANTS = 8; // each is one more search on a slow phone

  function sameWord(typed, written) {
    return toneKey(typed) === toneKey(written) || (foldedKey(typed) === typed && typed === foldedKey(written));
  }
  function find(words, phrase) {
    for (var start = 0; start + phrase.length <= words.length; start++) {
      var all = true;
      for (var k = 0; k < phrase.length && all; k++) all = sameWord(words[start + k], phrase[k]);
      if (all) return start;
    }
    return -1;
  }
  // What a query also means, first the query itself (decoded from raw Telex/VNI): [{text, weight}].
  function variants(query, groups) {
    var trailing = /\s$/.test(query) ? " " : "", decoded = decode(query), found = syllables(decoded);
    var list = [{ text: decoded, weight: 1 }], seen = {};
    seen[decoded] = true;
    function add(text, weight) {
      if (!seen[text]) { seen[text] = true; list.push({ text: text, weight: weight }); }
    }
    add(syllables(query).join(" ") + trailing, RAW_WEIGHT); // when decoding changed it
    (groups || []).forEach(function (group) {
      var phrases = group.map(syllables), matches = [];
      phrases.forEach(function (phrase, p) {
        var start = find(found, phrase);
        if (start >= 0) matches.push([p, start, start + phrase.length]);
      });
      matches.forEach(function (match) {
        var p = match[0], start = match[1], end = match[2];
        // "hack" inside "bị hack", both found: only the longer one is replaced.
        if (matches.some(function (m) { return m[0] !== p && m[1] <= start && end <= m[2] && m[2] - m[1] > end - start; })) return;
        phrases.forEach(function (other, o) {
          // A phrase replaced at the end is a whole word: its last syllable is no prefix.
          if (o !== p) add(found.slice(0, start).concat(other, found.slice(end)).join(" ") + (end === found.length ? " " : trailing), SYNONYM_WEIGHT);
        });
      });
    });
    return list.slice(0, MAX_VARIANTS);
  }

  hvs.query = { decodeWord: decodeWord, decode: decode, isPlainSyllable: isPlainSyllable, variants: variants };
})();
