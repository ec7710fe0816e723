/* hocvuso: search that understands Vietnamese, in Material's search box.
   A classic script with no requests until the learner opens the search: then it loads lunr and
   the index prebuilt at build time (search/index.js, a script, so file:// works too). Nothing
   is built on page load. */
(function () {
  "use strict";

  // The text keys (syllables, tone keys, folded keys) are shared with typed answers:
  // text-keys.js, which mirrors hocvuso/search_keys.py.
  var keys = window.hvsText;
  var syllableSpans = keys.syllableSpans, syllables = keys.syllables;
  var toneKey = keys.toneKey, foldedKey = keys.foldedKey;
  // For the index test (tests/test_search_browser.py).
  window.hvsSearch = { restoreIndex: function (data) { return restoreIndex(data); } };

  // ---- The box: Material's markup (overrides/partials/search.html), driven by us ----
  var toggle = document.getElementById("__search");
  var box = document.querySelector("[data-hvs-search]");
  if (!toggle || !box) return;
  var input = box.querySelector(".md-search__input");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var form = box.querySelector("form");
  var hvs = window.hvs, escapeHtml = hvs.escapeHtml;
  var TEXT = hvs.config().translations;

  var MAX_PAGES = 20;
  var RERANK = 200, RERANK_OTHER = 50;
  var state = "idle"; // idle → loading → ready | failed
  var engine = null;

  function load() {
    if (state !== "idle") return;
    state = "loading";
    meta.textContent = TEXT["search.result.initializer"] || "…";
    var waiting = 3; // lunr and the index; the query expansion; the synonyms
    function loaded() {
      if (--waiting) return;
      state = "ready";
      run();
    }
    addScript("assets/vendor/lunr/lunr.min.js", function () {
      addScript("search/index.js", function () {
        engine = loadEngine(window.__hvsSearchIndex);
        loaded();
      });
    });
    addScript("assets/hocvuso/query-expansion.js", loaded);
    addScript("search/synonyms.js", loaded);
  }
  // Hands lunr.js back what lunr.py counted at build time (hocvuso/search_index.py,
  // compact()): per section and field, which terms occur and how often. The weights are
  // lunr's BM25, computed as lunr's Builder.createFieldVectors does (same formula, same
  // order of operations; a browser test compares them with lunr.py's), in one pass over
  // plain arrays: lunr's own Builder took 1.5 s for 1,000 lessons on a slow phone.
  var K1 = 1.2, B = 0.75, NO_METADATA = {};
  function restoreIndex(data) {
    var lunr = window.lunr, terms = data.terms.split(" "), fields = data.fields.map(function (f) { return f[0]; });
    var docCount = data.counts[0].length, inverted = Object.create(null);
    terms.forEach(function (term, i) {
      var posting = { _index: i };
      fields.forEach(function (field) { posting[field] = {}; });
      inverted[term] = posting;
    });
    var withTerm = new Int32Array(terms.length), lengths = [], averages = [];
    data.counts.forEach(function (perDoc, f) {
      var fieldLengths = lengths[f] = new Float64Array(docCount), total = 0;
      perDoc.forEach(function (flat, doc) {
        for (var k = 0, term = 0; k < flat.length; k += 2) {
          term += flat[k];
          withTerm[term]++;
          fieldLengths[doc] += flat[k + 1];
          inverted[terms[term]][fields[f]][doc] = NO_METADATA;
        }
        total += fieldLengths[doc];
      });
      averages[f] = total / docCount;
    });
    var idf = terms.map(function (term, i) {
      return Math.log(1 + Math.abs((docCount - withTerm[i] + 0.5) / (withTerm[i] + 0.5)));
    });
    var vectors = {};
    data.counts.forEach(function (perDoc, f) {
      var boost = data.fields[f][1];
      perDoc.forEach(function (flat, doc) {
        var elements = [], lengthNorm = K1 * (1 - B + B * (lengths[f][doc] / averages[f]));
        for (var k = 0, term = 0; k < flat.length; k += 2) {
          term += flat[k];
          var tf = flat[k + 1], score = idf[term] * ((K1 + 1) * tf) / (lengthNorm + tf);
          score *= boost;
          elements.push(term, Math.round(score * 1000) / 1000);
        }
        vectors[fields[f] + "/" + doc] = new lunr.Vector(elements);
      });
    });
    return new lunr.Index({ invertedIndex: inverted, fieldVectors: vectors, tokenSet: lunr.TokenSet.fromArray(terms),
                            fields: fields, pipeline: new lunr.Pipeline() });
  }
  function loadEngine(data) {
    var found = { index: restoreIndex(data), docs: data.docs, byFold: {}, folds: [], tokens: {} };
    // Every indexed tone key under its folded key: "hoc" reaches "học", "hóc" and "hộc".
    data.terms.split(" ").forEach(function (term) {
      var folded = foldedKey(term.replace(/[0-9]$/, ""));
      if (!found.byFold[folded]) { found.byFold[folded] = []; found.folds.push(folded); }
      found.byFold[folded].push(term);
    });
    return found;
  }
  function addScript(path, done) {
    var script = document.createElement("script");
    script.src = hvs.url(path);
    script.onload = done;
    script.onerror = function () {
      state = "failed";
      meta.textContent = "Chưa tải được phần tìm kiếm. Bạn hãy tải lại trang rồi thử lại.";
    };
    document.head.appendChild(script);
  }

  // ---- Query: every accent variant of each syllable; exact accents weigh more ----
  // The last syllable, while it may still be typed, also matches longer ones ("dien" →
  // "điện"); when it already is a whole word ("tru" for "trú"), those count half.
  function parseQuery(query) {
    var words = syllables(query), typing = !/\s$/.test(query);
    return words.map(function (syllable, i) {
      var folded = foldedKey(syllable);
      var prefix = typing && i === words.length - 1 && folded.length >= 2;
      return { tone: toneKey(syllable), fold: folded, accented: folded !== syllable,
               prefix: prefix ? (engine.byFold[folded] ? 0.5 : 1) : 0 };
    });
  }
  // 1 when a word is the query syllable, the prefix weight when it only starts with it, else 0.
  function matchWeight(folded, part) {
    if (folded === part.fold) return 1;
    return part.prefix && folded.lastIndexOf(part.fold, 0) === 0 ? part.prefix : 0;
  }

  // ---- What a query also means (query-expansion.js): raw Telex/VNI decoded, synonyms ----
  // Each variant is searched alone; a page keeps its best variant, its coverage counted as the
  // share of that variant's syllables found, times the variant's weight (below 1 for synonyms).
  // A query with no other meaning is searched exactly as before.
  function queryVariants(query) {
    return window.hvsQuery.variants(query, window.__hvsSynonyms);
  }
  function search(query) {
    var variants = queryVariants(query);
    if (variants.length === 1) return searchVariant(variants[0].text);
    var best = {};
    variants.forEach(function (variant, i) {
      var size = parseQuery(variant.text).length;
      // Only the best of another meaning can reach the first pages: fewer are reranked.
      searchVariant(variant.text, i ? RERANK_OTHER : RERANK).forEach(function (hit) {
        hit.coverage = hit.coverage / size * variant.weight;
        if (!best[hit.doc] || byRank(hit, best[hit.doc]) < 0) best[hit.doc] = hit;
      });
    });
    return Object.keys(best).map(function (doc) { return best[doc]; }).sort(byRank);
  }
  // Every variant's syllables, for marking the words found.
  function allParts(query) {
    return [].concat.apply([], queryVariants(query).map(function (variant) { return parseQuery(variant.text); }));
  }

  function searchVariant(query, rerank) {
    var parts = parseQuery(query);
    if (!parts.length) return [];
    var termTo = {}; // term -> {syllable index: {weight, exact}}
    parts.forEach(function (part, i) {
      engine.folds.forEach(function (folded) {
        var weight = matchWeight(folded, part);
        if (!weight) return;
        engine.byFold[folded].forEach(function (term) {
          // Exact only counts for a syllable typed with accents: "lua" is not "exactly" a slug's "lua".
          (termTo[term] = termTo[term] || {})[i] = { weight: weight, exact: part.accented && term === part.tone };
        });
      });
    });
    if (!Object.keys(termTo).length) return [];
    var results = engine.index.query(function (q) {
      Object.keys(termTo).forEach(function (term) {
        var boost = 0;
        Object.keys(termTo[term]).forEach(function (i) {
          var hit = termTo[term][i];
          boost = Math.max(boost, hit.exact ? 10 : hit.weight);
        });
        q.term(term, { usePipeline: false, boost: boost });
      });
    });
    var scored = results.map(function (result) {
      var covered = {}, exact = {};
      Object.keys(result.matchData.metadata).forEach(function (term) {
        var hits = termTo[term] || {};
        Object.keys(hits).forEach(function (i) {
          covered[i] = Math.max(covered[i] || 0, hits[i].weight);
          if (hits[i].exact) exact[i] = true;
        });
      });
      return { doc: +result.ref, score: result.score, coverage: sum(covered), exact: Object.keys(exact).length,
               pairs: 0, title: 0 };
    });
    scored.sort(byCoverageThenScore);
    // Among the best: syllables next to each other ("dịch vụ công") rank above the same
    // syllables apart, then words in the title, then exact accents, then lunr's score.
    scored.slice(0, rerank || RERANK).forEach(function (hit) {
      hit.pairs = adjacentPairs(hit.doc, parts);
      hit.title = titleHits(hit.doc, parts);
    });
    scored.sort(byRank);
    return scored;
  }
  function sum(weights) {
    return Object.keys(weights).reduce(function (total, key) { return total + weights[key]; }, 0);
  }
  function byCoverageThenScore(a, b) { return b.coverage - a.coverage || b.score - a.score; }
  function byRank(a, b) {
    return b.coverage - a.coverage || b.pairs - a.pairs || b.title - a.title || b.exact - a.exact || b.score - a.score;
  }
  // Query syllables in the page's title count twice, in the section's title once; a whole
  // word typed does not count for titles that only start with it.
  function titleHits(doc, parts) {
    var page = pageDocs()[pageOf(doc)];
    return 2 * inTitle(page === undefined ? doc : page, parts) + inTitle(doc, parts);
  }
  function inTitle(doc, parts) {
    var words = syllables(engine.docs[doc][1]).map(foldedKey);
    return parts.reduce(function (total, part) {
      return total + Math.max.apply(null, [0].concat(words.map(function (folded) {
        return Math.floor(matchWeight(folded, part));
      })));
    }, 0);
  }
  function docTokens(doc) {
    if (!engine.tokens[doc]) {
      var words = syllables(engine.docs[doc][1] + " \n " + engine.docs[doc][2]);
      engine.tokens[doc] = { tone: words.map(toneKey), fold: words.map(foldedKey) };
    }
    return engine.tokens[doc];
  }
  // Per pair of neighbouring query syllables: 2 when the page has them side by side with the
  // accents typed, 1 side by side otherwise (a half-typed last word counts its weight).
  function adjacentPairs(doc, parts) {
    var tokens = docTokens(doc), total = 0;
    for (var i = 0; i + 1 < parts.length; i++) {
      var best = 0;
      for (var j = 0; j + 1 < tokens.fold.length && best < 2; j++) {
        var second = tokens.fold[j] === parts[i].fold ? matchWeight(tokens.fold[j + 1], parts[i + 1]) : 0;
        if (!second) continue;
        var exact = (parts[i].accented || parts[i + 1].accented) && tokens.tone[j] === parts[i].tone &&
          tokens.tone[j + 1] === parts[i + 1].tone;
        best = Math.max(best, exact ? 2 : second);
      }
      total += best;
    }
    return total;
  }

  // ---- Results, in Material's result markup ----
  // Marks every word whose folded key matches the query, so "lua dao" lights up "lừa đảo".
  function highlight(text, parts, limit) {
    var spans = syllableSpans(text), marks = [];
    spans.forEach(function (span) {
      var folded = foldedKey(span[2]);
      for (var i = 0; i < parts.length; i++) {
        if (matchWeight(folded, parts[i])) { marks.push(span); break; }
      }
    });
    var start = 0, end = text.length;
    if (limit && text.length > limit) {
      var first = marks.length ? marks[0][0] : 0;
      start = Math.max(0, first - 60);
      if (start > 0) start = text.indexOf(" ", start) + 1 || start;
      end = Math.min(text.length, start + limit);
      var space = text.lastIndexOf(" ", end);
      if (end < text.length && space > start) end = space;
    }
    var html = start > 0 ? "… " : "", at = start;
    // NFC keeps one code unit per Vietnamese letter, so spans index the original text.
    marks.forEach(function (span) {
      if (span[0] < at || span[1] > end) return;
      html += escapeHtml(text.slice(at, span[0])) + "<mark>" + escapeHtml(text.slice(span[0], span[1])) + "</mark>";
      at = span[1];
    });
    return html + escapeHtml(text.slice(at, end)) + (end < text.length ? " …" : "");
  }
  function article(doc, parts, isPage) {
    var entry = engine.docs[doc];
    return '<a href="' + escapeHtml(hvs.url(entry[0])) + '" class="md-search-result__link">' +
      '<article class="md-search-result__article' + (isPage ? " md-search-result__article--document" : "") + ' md-typeset">' +
      (isPage ? '<div class="md-search-result__icon md-icon"></div><h1>' : "<h2>") +
      highlight(entry[1], parts) + (isPage ? "</h1>" : "</h2>") +
      (entry[2] ? "<p>" + highlight(entry[2], parts, 220) + "</p>" : "") + "</article></a>";
  }
  function pageOf(doc) { return engine.docs[doc][0].split("#")[0]; }

  var pageDoc = null;
  function pageDocs() {
    if (!pageDoc) {
      pageDoc = {};
      engine.docs.forEach(function (entry, i) { if (entry[0].indexOf("#") < 0) pageDoc[entry[0]] = i; });
    }
    return pageDoc;
  }

  function render(query, hits) {
    var parts = allParts(query);
    var groups = [], byPage = {};
    hits.forEach(function (hit) {
      var page = pageOf(hit.doc);
      if (!byPage[page]) { byPage[page] = []; groups.push(page); }
      byPage[page].push(hit.doc);
    });
    var count = groups.length;
    meta.textContent = count === 0 ? TEXT["search.result.none"] :
      count === 1 ? TEXT["search.result.one"] : TEXT["search.result.other"].replace("#", count);
    list.innerHTML = groups.slice(0, MAX_PAGES).map(function (page) {
      var head = pageDocs()[page], docs = byPage[page].filter(function (d) { return d !== head; });
      if (head === undefined) head = docs.shift();
      var html = '<li class="md-search-result__item">' + article(head, parts, true);
      if (docs.length) html += article(docs.shift(), parts, false);
      if (docs.length) {
        var more = docs.length === 1 ? TEXT["search.result.more.one"] : TEXT["search.result.more.other"].replace("#", docs.length);
        html += '<details class="md-search-result__more"><summary><div>' + escapeHtml(more) + "</div></summary>" +
          docs.map(function (d) { return article(d, parts, false); }).join("") + "</details>";
      }
      return html + "</li>";
    }).join("");
  }

  function run() {
    if (state !== "ready") return;
    var query = input.value;
    if (!syllables(query).length) {
      meta.textContent = TEXT["search.result.placeholder"];
      list.innerHTML = "";
      return;
    }
    render(query, search(query));
  }

  // ---- Opening, closing, keys ----
  function open() {
    if (!toggle.checked) toggle.checked = true;
    load();
    input.focus();
  }
  function close() {
    toggle.checked = false;
    input.blur();
  }
  toggle.addEventListener("change", function () {
    if (toggle.checked) { load(); input.focus(); }
  });
  input.addEventListener("focus", function () {
    if (!toggle.checked) toggle.checked = true;
    load();
  });
  input.addEventListener("input", run);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) first.click();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { run(); input.focus(); }, 0);
  });
  // Tabbing on past the search closes it, so it never covers the page a keyboard user reads.
  box.addEventListener("focusout", function (event) {
    if (toggle.checked && event.relatedTarget && !box.contains(event.relatedTarget)) toggle.checked = false;
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) toggle.checked = false;
  });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (!toggle.checked) {
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault();
        open();
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      return;
    }
    if ((event.key !== "ArrowDown" && event.key !== "ArrowUp") || !box.contains(target)) return;
    var links = Array.prototype.slice.call(box.querySelectorAll(".md-search-result__link, .md-search-result__more summary"))
      .filter(function (el) { return el.offsetParent !== null; });
    var at = links.indexOf(document.activeElement);
    var next = event.key === "ArrowDown" ? at + 1 : at - 1;
    event.preventDefault();
    if (next < 0) input.focus();
    else if (next < links.length) links[next].focus();
  });
})();
