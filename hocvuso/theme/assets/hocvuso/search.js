/* hocvuso: search that understands Vietnamese, in Material's search box.
   A classic script with no requests until the learner opens the search: then it loads the
   manifest of the index prebuilt at build time (search/index.js); each typed word then loads
   the one shard its terms live in (search/terms/), and the results shown load their pages'
   texts (search/docs/). All are scripts, so file:// works too; the layout is described in
   hocvuso/search/shards.py. Nothing is built on page load, and no vector on the phone: the
   shards carry lunr's BM25 weights, scored here as lunr.js scores them. */
(function () {
  "use strict";

  // The text keys (syllables, tone keys, folded keys) are shared with typed answers:
  // text-keys.js, which mirrors hocvuso/text/keys.py.
  var hvs = window.hvs, keys = hvs.text;
  var syllableSpans = keys.syllableSpans, syllables = keys.syllables;
  var toneKey = keys.toneKey, foldedKey = keys.foldedKey;
  // For the tests (tests/browser/test_search_browser.py): a query's terms, boosts and scores.
  hvs.search = { scores: function (query) { return whenLoaded([query]).then(function () { return debugScores(query); }); } };

  // ---- The box: Material's markup, written here into the page's empty place for it
  // (hocvuso/theme/partials/search.html) rather than carried by every page ----
  var toggle = document.getElementById("__search");
  var box = document.querySelector("[data-hvs-search]");
  if (!toggle || !box) return;
  var escapeHtml = hvs.escapeHtml;
  var TEXT = hvs.shared.searchText;
  function icon(path) {
    return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="' + path + '"/></svg>';
  }
  // Material's icons: magnify, arrow-left, close.
  var MAGNIFY = "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5";
  var BACK = "M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11z";
  var CLOSE = "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z";
  if (!box.firstChild) {
    box.innerHTML = '<label class="md-search__overlay" for="__search"></label><div class="md-search__inner" role="search">' +
      '<form class="md-search__form"><input type="text" class="md-search__input" name="query" aria-label="' + escapeHtml(TEXT.placeholder) +
      '" placeholder="' + escapeHtml(TEXT.placeholder) + '" autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" enterkeyhint="search" required>' +
      '<label class="md-search__icon md-icon" for="__search">' + icon(MAGNIFY) + icon(BACK) + "</label>" +
      '<nav class="md-search__options" aria-label="' + escapeHtml(TEXT.box) + '"><button type="reset" class="md-search__icon md-icon" title="' +
      escapeHtml(TEXT.reset) + '" aria-label="' + escapeHtml(TEXT.reset) + '">' + icon(CLOSE) + "</button></nav></form>" +
      '<div class="md-search__output"><div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix><div class="md-search-result">' +
      '<div class="md-search-result__meta" aria-live="polite">' + escapeHtml(TEXT.idle) + '</div><ol class="md-search-result__list"></ol>' +
      "</div></div></div></div>";
  }
  var input = box.querySelector(".md-search__input");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var form = box.querySelector("form");

  var MAX_PAGES = 10;
  var RERANK = 200, RERANK_OTHER = 50;
  var state = "idle"; // idle → loading → ready | failed
  var engine = null;

  function load() {
    if (state !== "idle") return;
    state = "loading";
    meta.textContent = TEXT.preparing;
    // The manifest, the query expansion (raw Telex/VNI, synonyms) and the writers' synonyms:
    // all three before the first search, so a query's results never change under the learner.
    // Their paths: the build's (hvs.shared, course.js).
    var paths = hvs.shared.paths;
    Promise.all([hvs.load(paths.searchIndex), hvs.load(paths.queryExpansion), hvs.load(paths.synonyms)]).then(function () {
      engine = loadEngine(window.__hvsSearchIndex);
      state = "ready";
      run();
    }, failed);
  }
  function failed() {
    state = "failed";
    meta.textContent = TEXT.failed;
  }
  function loadEngine(data) {
    var found = { docCount: data.docs, fields: data.fields.map(function (f) { return f[0]; }), byFold: {}, folds: [],
                  weights: Object.create(null), where: Object.create(null), capped: Object.create(null),
                  titled: Object.create(null), titleField: data.fields.map(function (f) { return f[0]; }).indexOf("t"),
                  shards: {}, shardsRead: {}, texts: {},
                  decoded: Object.create(null), pageStarts: [], chunk: data.chunk, prefix: data.prefix,
                  folder: data.folder, depth: data.depth };
    data.shards.split(" ").forEach(function (key) { found.shards[key] = true; });
    var at = 0;
    data.pages.forEach(function (gap) { found.pageStarts.push(at += gap); });
    return found;
  }
  // Shards register themselves; each typed word's shard is loaded once.
  window.__hvsSearchShard = function (key, data) {
    if (engine.shardsRead[key]) return;  // search/all.js registers every shard, some perhaps read already
    engine.shardsRead[key] = true;
    Object.keys(data.w).forEach(function (term) {
      engine.weights[term] = data.w[term];
      // Every indexed tone key under its folded key: "hoc" reaches "học", "hóc" and "hộc".
      var folded = foldedKey(term.replace(/[0-9]$/, ""));
      if (!engine.byFold[folded]) { engine.byFold[folded] = []; engine.folds.push(folded); }
      engine.byFold[folded].push(term);
    });
    Object.keys(data.p).forEach(function (folded) { engine.where[folded] = data.p[folded]; });
    // Terms too common to keep all their sections (hocvuso/search/shards.py POSTINGS_CAP).
    Object.keys(data.n || {}).forEach(function (term) { engine.capped[term] = data.n[term]; });
    engine.foldsSorted = false;
  };
  window.__hvsSearchDocs = function (chunk, docs) {
    var first = chunk * engine.chunk;
    docs.forEach(function (entry, i) { engine.texts[first + i] = entry; });
  };
  // A shard's key: the first `prefix` letters (hocvuso/search/shards.py SHARD_PREFIX, in the manifest).
  function shardKey(folded) { return folded.slice(0, engine.prefix); }
  function shardName(key) {
    return key.replace(/[^0-9a-z]/g, function (c) { return "_" + c.charCodeAt(0).toString(16); }) || "_";
  }
  // The shards a query's words reach: a word's terms all share the first letters of its folded key.
  function whenLoaded(queries) {
    var wanted = {};
    [].concat.apply([], queries.map(searchedWords)).forEach(function (syllable) {
      var key = shardKey(foldedKey(syllable));
      // Read already: by its own file, or by search/all.js (served offline in a saved module's stead, sw.js).
      if (engine.shards[key] && !engine.shardsRead[key]) wanted[key] = true;
    });
    return Promise.all(Object.keys(wanted).map(function (key) { return hvs.load(hvs.shared.paths.searchTerms + "/" + shardName(key) + ".js"); }));
  }
  function pageIndex(doc) {
    var starts = engine.pageStarts, low = 0, high = starts.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (starts[mid] <= doc) low = mid; else high = mid - 1;
    }
    return low;
  }
  // The texts of these sections (the docs chunks they are in).
  function whenTexts(docs) {
    var wanted = {};
    docs.forEach(function (doc) { if (!engine.texts[doc]) wanted[Math.floor(doc / engine.chunk)] = true; });
    return Promise.all(Object.keys(wanted).map(function (chunk) { return hvs.load(hvs.shared.paths.searchDocs + "/" + chunkPath(+chunk)); }));
  }
  // Chunk n's file in the docs tree: its folder n / folder as `depth` digits in base `folder`
  // (hocvuso/search/shards.py chunk_path).
  function chunkPath(n) {
    var path = n + ".js", folder = Math.floor(n / engine.folder);
    for (var level = 0; level < engine.depth; level++) {
      path = folder % engine.folder + "/" + path;
      folder = Math.floor(folder / engine.folder);
    }
    return path;
  }

  // ---- Query: every accent variant of each syllable; exact accents weigh more ----
  // The last syllable, while it may still be typed, also matches longer ones ("dien" →
  // "điện"); when it already is a whole word ("tru" for "trú"), those count half. Only from
  // the shard prefix's letters: "lư" would reach every "lu…" word of the course, and load them all.
  // A last word of one letter, still being typed after others ("mã o" on the way to "mã OTP"),
  // is left out until it grows: alone it matches the commonest words ("ở", "ơ", "ô").
  function searchedWords(query) {
    var words = syllables(query);
    if (words.length > 1 && words[words.length - 1].length === 1 && !/\s$/.test(query)) words.pop();
    return words;
  }
  // A word still being typed that is shorter than the shard prefix ("cô", on the way to
  // "công") needs the shard of the commonest words (17 KB at 10,000 lessons), which the next key
  // makes useless: its search waits until typing pauses, unless that shard is here already.
  // Meanwhile the results of the keys before stay shown.
  function waitsForPause(query) {
    var words = syllables(query);
    if (!words.length || /\s$/.test(query) || searchedWords(query).length < words.length) return false;
    var folded = foldedKey(words[words.length - 1]), key = shardKey(folded);
    return folded.length < engine.prefix && !!engine.shards[key] && !engine.shardsRead[key];
  }
  function parseQuery(query) {
    var words = searchedWords(query), typing = !/\s$/.test(query);
    return words.map(function (syllable, i) {
      var folded = foldedKey(syllable);
      var prefix = typing && i === words.length - 1 && folded.length >= engine.prefix;
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
    return hvs.query.variants(query, window.__hvsSynonyms);
  }
  function search(query) {
    var variants = queryVariants(query);
    engine.cappedHit = false;
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
  // Every variant's syllables, for marking the words found (and the shards they need).
  function allParts(query) {
    return [].concat.apply([], queryVariants(query).map(function (variant) { return parseQuery(variant.text); }));
  }

  function searchVariant(query, rerank) {
    if (!engine.foldsSorted) {
      // The folds in the order of the whole index's sorted terms (each fold's first term), as one index had them.
      engine.folds.sort(function (a, b) { return engine.byFold[a][0] < engine.byFold[b][0] ? -1 : 1; });
      engine.foldsSorted = true;
    }
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
    var boosts = {};
    Object.keys(termTo).forEach(function (term) {
      var boost = 0;
      Object.keys(termTo[term]).forEach(function (i) {
        var hit = termTo[term][i];
        boost = Math.max(boost, hit.exact ? 10 : hit.weight);
      });
      boosts[term] = boost;
    });
    engine.lastBoosts = boosts;  // for the tests
    // A term that kept only its heaviest sections: the count is a lower bound.
    if (Object.keys(boosts).some(function (term) { return engine.capped[term]; })) engine.cappedHit = true;
    var results = lunrQuery(boosts);
    var scored = results.map(function (result) {
      var covered = {}, exact = {};
      result.terms.forEach(function (term) {
        var hits = termTo[term] || {};
        Object.keys(hits).forEach(function (i) {
          covered[i] = Math.max(covered[i] || 0, hits[i].weight);
          if (hits[i].exact) exact[i] = true;
        });
      });
      return { doc: result.doc, score: result.score, coverage: sum(covered), exact: Object.keys(exact).length,
               pairs: 0, title: 0 };
    });
    scored.sort(byCoverageThenScore);
    // Among the best: syllables next to each other ("dịch vụ công") rank above the same
    // syllables apart, then words in the title, then exact accents, then lunr's score.
    var reach = partsReach(parts);
    scored.slice(0, rerank || RERANK).forEach(function (hit) {
      hit.pairs = adjacentPairs(hit.doc, parts, reach);
      hit.title = titleHits(hit.doc, reach);
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
  // What lunr.js's Index.query computes for one clause per term (no pipeline, these boosts):
  // per field, the dot product of the query vector and the section's vector over the query's
  // magnitude, summed over fields; in lunr's order of operations (terms in index order), so
  // the scores are lunr's to the last bit, and the sections in the order lunr lists them.
  function lunrQuery(boosts) {
    var terms = Object.keys(boosts), sorted = terms.slice().sort(), squares = 0;
    sorted.forEach(function (term) { squares += boosts[term] * boosts[term]; });
    var magnitude = Math.sqrt(squares), dots = engine.fields.map(function () { return {}; });
    sorted.forEach(function (term) {
      engine.weights[term].forEach(function (flat, f) {
        for (var k = 0, doc = 0; k < flat.length; k += 2) {
          doc += flat[k];
          dots[f][doc] = (dots[f][doc] || 0) + boosts[term] * (flat[k + 1] / 1000);
        }
      });
    });
    var results = [], byDoc = {}, seen = engine.fields.map(function () { return {}; });
    terms.forEach(function (term) {
      engine.weights[term].forEach(function (flat, f) {
        for (var k = 0, doc = 0; k < flat.length; k += 2) {
          doc += flat[k];
          var match = byDoc[doc];
          if (!match) { match = byDoc[doc] = { doc: doc, score: 0, terms: [], fields: 0 }; results.push(match); }
          if (match.terms.indexOf(term) < 0) match.terms.push(term);
          if (!seen[f][doc]) {
            seen[f][doc] = true;
            var score = dots[f][doc] / magnitude || 0;
            match.score = match.fields++ ? match.score + score : score;
          }
        }
      });
    });
    return results.sort(function (a, b) { return b.score - a.score; });
  }
  // The query as typed, alone (no synonyms, no decoding): the scores lunr.py is compared with.
  function debugScores(text) {
    var hits = searchVariant(text), out = {};
    hits.forEach(function (hit) { out[hit.doc] = hit.score; });
    return { scores: out, order: hits.map(function (hit) { return hit.doc; }), boosts: engine.lastBoosts || {} };
  }
  // Per query syllable: the folded syllables it reaches and how much (from the loaded shards).
  function partsReach(parts) {
    var folds = Object.keys(engine.where);
    return parts.map(function (part) {
      var reached = [];
      folds.forEach(function (folded) {
        var weight = matchWeight(folded, part);
        if (weight) reached.push({ fold: folded, weight: weight });
      });
      return reached;
    });
  }
  // Where a folded syllable occurs in a section, per tone key: {tone: [title positions, text positions]}.
  function occurrences(folded, doc) {
    var cache = engine.decoded[folded];
    if (!cache) {
      cache = engine.decoded[folded] = {};
      var tones = engine.where[folded] || {};
      Object.keys(tones).forEach(function (tone) {
        var flat = tones[tone];
        for (var k = 0, at = 0; k < flat.length;) {
          at += flat[k];
          var title = [], text = [], n = flat[k + 1], p = 0, j;
          for (j = 0; j < n; j++) title.push(p += flat[k + 2 + j]);
          var m = flat[k + 2 + n];
          p = 0;
          for (j = 0; j < m; j++) text.push(p += flat[k + 3 + n + j]);
          (cache[at] = cache[at] || {})[tone] = [title, text];
          k += 3 + n + m;
        }
      });
    }
    return cache[doc] || {};
  }
  // Query syllables in the page's title count twice, in the section's title once; a whole
  // word typed does not count for titles that only start with it.
  function titleHits(doc, reach) {
    var page = engine.pageStarts[pageIndex(doc)];
    return 2 * inTitle(page, reach) + inTitle(doc, reach);
  }
  function inTitle(doc, reach) {
    return reach.reduce(function (total, reached) {
      return total + (reached.some(function (r) {
        return Math.floor(r.weight) === 1 && engine.byFold[r.fold].some(function (term) { return titled(term)[doc]; });
      }) ? 1 : 0);
    }, 0);
  }
  // The sections with this term in their title: its postings in the title field (a syllable's
  // tone key is a term of the title field exactly where the syllable is in the title).
  function titled(term) {
    var docs = engine.titled[term];
    if (!docs) {
      docs = engine.titled[term] = {};
      var flat = engine.weights[term][engine.titleField];
      for (var k = 0, at = 0; k < flat.length; k += 2) docs[at += flat[k]] = true;
    }
    return docs;
  }
  // Per pair of neighbouring query syllables: 2 when the page has them side by side with the
  // accents typed, 1 side by side otherwise (a half-typed last word counts its weight).
  function adjacentPairs(doc, parts, reach) {
    var total = 0;
    for (var i = 0; i + 1 < parts.length; i++) {
      var next = {}, best = 0;  // position -> [weight, tone] of the syllables reached by part i + 1
      reach[i + 1].forEach(function (r) {
        var tones = occurrences(r.fold, doc);
        Object.keys(tones).forEach(function (tone) {
          tones[tone][0].concat(tones[tone][1]).forEach(function (at) { next[at] = [r.weight, tone]; });
        });
      });
      var tones = occurrences(parts[i].fold, doc);
      Object.keys(tones).forEach(function (tone) {
        tones[tone][0].concat(tones[tone][1]).forEach(function (at) {
          var second = next[at + 1];
          if (!second) return;
          var exact = (parts[i].accented || parts[i + 1].accented) && tone === parts[i].tone && second[1] === parts[i + 1].tone;
          best = Math.max(best, exact ? 2 : second[0]);
        });
      });
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
    var entry = engine.texts[doc];
    return '<a href="' + escapeHtml(hvs.url(entry[0])) + '" class="md-search-result__link">' +
      '<article class="md-search-result__article' + (isPage ? " md-search-result__article--document" : "") + ' md-typeset">' +
      (isPage ? '<div class="md-search-result__icon md-icon"></div><h1>' : "<h2>") +
      highlight(entry[1], parts) + (isPage ? "</h1>" : "</h2>") +
      (entry[2] ? "<p>" + highlight(entry[2], parts, 220) + "</p>" : "") + "</article></a>";
  }
  // A page's sections are numbered in a row, the page itself first (search/index.js "pages").
  function pageOf(doc) { return pageIndex(doc); }
  function pageDocs() { return engine.pageStarts; }

  // The results, by page, in rank order: [{page, head, docs: [its other sections hit]}].
  function resultPages(hits) {
    var groups = [], byPage = {};
    hits.forEach(function (hit) {
      var page = pageOf(hit.doc);
      if (!byPage[page]) {
        byPage[page] = { page: page, head: pageDocs()[page], docs: [] };
        groups.push(byPage[page]);
      }
      if (hit.doc !== byPage[page].head) byPage[page].docs.push(hit.doc);
    });
    return groups;
  }
  // What a result shows at once: its page's first section and its best other one; the rest
  // wait in a closed "more" until the learner opens it (their texts load then).
  function shownDocs(group) { return [group.head].concat(group.docs.slice(0, 1)); }
  function docsShown(groups) { return [].concat.apply([], groups.map(shownDocs)); }
  function textsHere(docs) { return docs.every(function (doc) { return engine.texts[doc]; }); }
  var shownParts = [];
  // data-hvs-query: the query whose results the list shows (typing shows a word's results on the
  // way to the next; a keyboard user's tests wait for the query they typed).
  function render(query, groups, parts, capped) {
    var count = groups.length;
    shownParts = parts;
    list.setAttribute("data-hvs-query", query);
    meta.textContent = count === 0 ? TEXT.none : count === 1 ? TEXT.one : (capped ? TEXT.atLeast : TEXT.other).replace("#", count);
    list.innerHTML = "";
  }
  function addResults(groups, parts) {
    list.insertAdjacentHTML("beforeend", groups.map(function (group) {
      var docs = group.docs.slice(1);
      var html = '<li class="md-search-result__item">' + article(group.head, parts, true);
      if (group.docs.length) html += article(group.docs[0], parts, false);
      if (docs.length) {
        var more = docs.length === 1 ? TEXT.moreOne : TEXT.moreOther.replace("#", docs.length);
        html += '<details class="md-search-result__more" data-hvs-docs="' + docs.join(" ") + '"><summary><div>' +
          escapeHtml(more) + "</div></summary></details>";
      }
      return html + "</li>";
    }).join(""));
  }
  // "toggle" does not bubble: listened for on the way down.
  list.addEventListener("toggle", function (event) {
    var more = event.target;
    if (!more.open || !more.hasAttribute("data-hvs-docs")) return;
    var docs = more.getAttribute("data-hvs-docs").split(" ").map(Number), parts = shownParts;
    more.removeAttribute("data-hvs-docs");
    whenTexts(docs).then(function () {
      more.insertAdjacentHTML("beforeend", docs.map(function (d) { return article(d, parts, false); }).join(""));
    }, failed);
  }, true);

  // Shards and texts arrive asynchronously: only the latest query's results are shown. The
  // first results' texts load at once (a phone's screen shows about three); the others' once
  // typing pauses, so a word half typed costs no texts nobody reads. The pause is long enough
  // for a slow typist's next key (older learners often take half a second); the results it
  // delays are below the fold on a phone.
  var FIRST_PAGES = 3, PAUSE_MS = 600;
  var latest = 0, paused = null, typing = null, searching = null;
  // Searches what is in the box; `now`: even a short word being typed (waitsForPause). Returns
  // the promise of the first results shown, if it searched.
  function run(now) {
    if (state !== "ready") return null;
    var query = input.value;
    clearTimeout(typing);
    typing = null;
    if (now !== true && waitsForPause(query)) {
      typing = setTimeout(function () { typing = null; run(true); }, PAUSE_MS);
      return null;
    }
    var ticket = ++latest;
    if (!syllables(query).length) {
      meta.textContent = TEXT.idle;
      list.innerHTML = "";
      list.removeAttribute("data-hvs-query");
      return null;
    }
    // Every variant's words need their shards: "luwaf" is searched as "lừa".
    return searching = whenLoaded(queryVariants(query).map(function (variant) { return variant.text; })).then(function () {
      if (ticket !== latest) return;
      var groups = resultPages(search(query)), parts = allParts(query), capped = engine.cappedHit;
      var first = groups.slice(0, FIRST_PAGES), rest = groups.slice(FIRST_PAGES, MAX_PAGES);
      if (textsHere(docsShown(rest))) first = first.concat(rest.splice(0));
      return whenTexts(docsShown(first)).then(function () {
        if (ticket !== latest) return;
        render(query, groups, parts, capped);
        addResults(first, parts);
        if (!rest.length) return;
        clearTimeout(paused);
        paused = setTimeout(function () {
          if (ticket !== latest) return;
          whenTexts(docsShown(rest)).then(function () { if (ticket === latest) addResults(rest, parts); }, failed);
        }, PAUSE_MS);
      });
    }).catch(function (error) {
      failed();
      if (error) throw error;  // a bug, not a file that did not load: show it in the console
    });
  }

  // ---- Opening, closing, keys ----
  // A closed box needs no more texts: what is pending is dropped (once a result is followed,
  // instant navigation may have put another page here). Reopened, the query is searched again.
  function forget() { latest++; clearTimeout(paused); clearTimeout(typing); typing = null; }
  function shut() { toggle.checked = false; forget(); }
  function reopened() { load(); if (state === "ready") run(true); }
  function open() {
    if (!toggle.checked) { toggle.checked = true; reopened(); }
    input.focus();
  }
  function close() {
    shut();
    input.blur();
  }
  toggle.addEventListener("change", function () {
    if (toggle.checked) { reopened(); input.focus(); } else forget();
  });
  input.addEventListener("focus", function () {
    if (!toggle.checked) { toggle.checked = true; reopened(); } else load();
  });
  input.addEventListener("input", run);
  // Enter follows the first result of what is typed: once it is shown, and at once should a
  // short last word still wait for a pause.
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value, searched = typing ? run(true) : searching;
    Promise.resolve(searched).then(function () {
      var first = list.querySelector("a");
      if (first && input.value === query) first.click();
    });
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { run(); input.focus(); }, 0);
  });
  // Tabbing on past the search closes it, so it never covers the page a keyboard user reads.
  box.addEventListener("focusout", function (event) {
    if (toggle.checked && event.relatedTarget && !box.contains(event.relatedTarget)) shut();
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) shut();
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
