"""The search index in shards: what a phone loads is what its query needs.

Layout under the site (every file a classic script, so http and file:// load it alike; all are
written by `write_index`, the bench counts every request under search/):

- `search/index.js` — the manifest, loaded when the learner opens the search box:
  `var __hvsSearchIndex={"version":3,"fields":[["t",5],["x",1]],"docs":N,"pages":[...],
  "chunk":2,"folder":1000,"depth":0,"prefix":3,"shards":"a an b ..."}`. `pages`: the first
  section of each page, as gaps between section numbers (a page's sections are numbered in a
  row, its own first); `chunk`: how many sections a docs chunk holds; `folder` and `depth`:
  where the chunks are (below); `prefix`: SHARD_PREFIX; `shards`: the shard keys that exist.
- `search/terms/<name>.js` — one shard: `__hvsSearchShard("<key>",{"w":{...},"p":{...}})`,
  loaded when a typed word needs it. The key is the first SHARD_PREFIX letters of a folded key
  (the whole key if shorter; `shard_name` makes it a file name): a word being typed matches
  longer ones only from that many letters (search.js), so one shard holds all it can reach.
  `w`: per indexed term (a tone key, or a joined word) whose folded key falls in this shard,
  per field, its postings as
  [section gap, weight, ...]: the weight is lunr's BM25 (the formula lunr.py and lunr.js use,
  with the whole index's document frequency and average field length) times 1000, rounded as
  JavaScript's Math.round does, so the phone computes no vector. `p`: per folded syllable,
  per tone key, where it occurs: [section gap, n, title positions..., m, text positions...]
  (positions in the section's syllables, title first, gap-coded): the ranking's "neighbouring
  syllables" reads them instead of the text ("words in the title" reads the title field's
  postings). A term in more than POSTINGS_CAP sections keeps only the sections it weighs most
  in, and its positions only in the POSITIONS_CAP it weighs most in; `n` lists the terms that
  lost postings, with the number of sections they are in.
- `search/docs/<folders>/<n>.js` — chunk n of the sections (from section n × chunk, in order):
  `__hvsSearchDocs(n,[[url,title,text],...])`, loaded only for the sections a result shows.
  A bounded tree, so no folder outgrows what a USB stick's FAT32 holds (about 65,000 entries)
  or takes long to copy: chunk n is in the folder n // `folder` (the manifest's "folder",
  FILES_PER_FOLDER), written as `depth` (the manifest's "depth") digits in base `folder`, one
  folder level per digit; `chunk_path` (search.js does the same) names it. A small course has
  depth 0: its chunks straight in search/docs/.

Files are written one at a time, each as soon as it is complete; the text is held once (the
sections), the postings as arrays of integers.
"""

from __future__ import annotations

import json
import math
import re
import shutil
from array import array
from collections import Counter, defaultdict
from pathlib import Path

from hocvuso.catalogue.site_paths import SEARCH_DOCS_FOLDER as DOCS_FOLDER, SEARCH_MANIFEST as MANIFEST
from hocvuso.catalogue.site_paths import SEARCH_TERMS_FOLDER as SHARD_FOLDER
from hocvuso.text.escaping import script_data
from hocvuso.text.keys import folded_key, syllables, tone_key

MANIFEST_GLOBAL = "__hvsSearchIndex"  # what search.js reads once the manifest has run
# In the manifest too ("prefix"): search.js reads it there, not from a copy of its own.
SHARD_PREFIX = 3
# A docs chunk holds this many sections (about 300 characters each in our lessons): a result
# shown needs two sections (its page's first, and its best), not the whole page. A fixed number,
# so the phone finds a section's chunk with no list of chunks to download.
SECTIONS_PER_CHUNK = 2
# At most this many entries in a folder of the docs tree (chunk_path): far below FAT32's limit
# per folder, and few enough for any file manager to list.
FILES_PER_FOLDER = 1000
# A term keeps its postings in at most this many sections, those where it weighs most (its
# BM25 weights over both fields): a syllable as common as "có" would otherwise make its shard
# grow with the course. The real course's commonest, "bạn", is in 416 of its 535 sections: it
# searches exactly. A bigger course loses, for its commonest syllables only, the sections where
# they weigh least, and its count of pages found says "at least" (search.js).
POSTINGS_CAP = 500
# Positions serve one rank only, "neighbouring syllables", and only among the best results: a
# term keeps them in fewer sections still, again those it weighs most in (measured: a fifth
# off the shards of a 3,000-lesson course; on the real course the first 3 results of all 62
# relevance queries stay the same, the first 10 of 60).
POSITIONS_CAP = 250
K1, B = 1.2, 0.75  # lunr's BM25 constants
_TONE_DIGIT = re.compile(r"[0-9]$")
_UNSAFE = re.compile(r"[^0-9a-z]")


def term_fold(term: str) -> str:
    """The folded key search.js files an indexed term under (its trailing digit taken as a tone)."""
    return folded_key(_TONE_DIGIT.sub("", term, count=1))


def shard_key(fold: str) -> str:
    return fold[:SHARD_PREFIX]


def shard_name(key: str) -> str:
    """A file name for a shard key: letters and digits as they are, anything else as _<hex>."""
    return _UNSAFE.sub(lambda m: f"_{ord(m.group()):x}", key) or "_"


def chunk_depth(chunks: int, per_folder: int = FILES_PER_FOLDER) -> int:
    """How many folder levels `chunks` docs chunks need so that no folder holds more than `per_folder` entries."""
    depth, folders = 0, -(-chunks // per_folder)  # the folders the chunks fill
    while folders > 1:  # more than one: a level above them
        depth += 1
        folders = -(-folders // per_folder)
    return depth


def chunk_path(number: int, per_folder: int = FILES_PER_FOLDER, depth: int = 0) -> str:
    """Chunk `number`'s file under the docs folder: its folder n // per_folder as `depth` digits
    in base per_folder, one level each (search.js's chunkPath does the same)."""
    folder, parts = number // per_folder, []
    for _ in range(depth):
        parts.append(str(folder % per_folder))
        folder //= per_folder
    return "/".join([*reversed(parts), f"{number}.js"])


def js_round(value: float) -> int:
    """Math.round for a non-negative number (halves go up, unlike Python's round)."""
    whole = math.floor(value)
    return whole + (1 if value - whole >= 0.5 else 0)


def bm25_weights(counts: list[int], lengths: list[int], average: float, with_term: int, doc_count: int,
                 boost: int) -> list[int]:
    """lunr's field-vector weights, times 1000, in the order of operations lunr.js uses."""
    idf = math.log(1 + abs((doc_count - with_term + 0.5) / (with_term + 0.5)))
    weights = []
    for tf, length in zip(counts, lengths):
        norm = K1 * (1 - B + B * (length / average))
        score = idf * ((K1 + 1) * tf) / (norm + tf)
        score *= boost
        weights.append(js_round(score * 1000))
    return weights


def _script(call: str, *arguments) -> str:
    return f"{call}({','.join(script_data(argument) for argument in arguments)});\n"


def _gaps(numbers) -> list[int]:
    out, previous = [], 0
    for number in numbers:
        out.append(number - previous)
        previous = number
    return out


def heaviest_sections(per_field_weights: list[list[tuple[int, int]]]) -> list[int]:
    """A term's sections, heaviest first: by its weight summed over fields (ties: the earlier section)."""
    impact: dict[int, int] = defaultdict(int)
    for postings in per_field_weights:
        for doc, weight in postings:
            impact[doc] += weight
    return sorted(impact, key=lambda doc: (-impact[doc], doc))


def kept_sections(ranked: list[int], cap: int) -> set[int] | None:
    """The `cap` heaviest of `ranked` (heaviest_sections); None when all are kept."""
    return None if len(ranked) <= cap else set(ranked[:cap])


def write_index(sections, fields, terms_of, site_dir: Path, cap: int = POSTINGS_CAP,
                positions_cap: int = POSITIONS_CAP, per_folder: int = FILES_PER_FOLDER) -> dict:
    """Writes the manifest, the shards and the docs chunks for `sections` (in order); returns
    the figures the tests read (files written, terms per shard, terms capped)."""
    site_dir = Path(site_dir)
    for folder in (SHARD_FOLDER, DOCS_FOLDER):
        shutil.rmtree(site_dir / folder, ignore_errors=True)  # a former build's, of another size perhaps
        (site_dir / folder).mkdir(parents=True)
    names = [name for name, _ in fields]
    doc_count = len(sections)
    depth = chunk_depth(-(-doc_count // SECTIONS_PER_CHUNK), per_folder)
    # Postings by term: per field, sections and counts; positions by folded syllable and tone key.
    postings: dict[str, list[tuple[array, array]]] = {}
    lengths = [array("i") for _ in fields]
    positions: dict[str, dict[str, array]] = defaultdict(dict)
    page_starts: list[int] = []
    chunk: list[list[str]] = []
    docs_written = 0

    def flush_chunk(number: int):
        nonlocal chunk
        if chunk:
            path = site_dir / DOCS_FOLDER / chunk_path(number, per_folder, depth)
            if number % per_folder == 0:
                path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_script("__hvsSearchDocs", number, chunk), encoding="utf-8")
            chunk = []

    for doc, section in enumerate(sections):
        text = section.text
        if "#" not in section.location:
            page_starts.append(doc)
        if doc and doc % SECTIONS_PER_CHUNK == 0:
            flush_chunk(doc // SECTIONS_PER_CHUNK - 1)
        for f, name in enumerate(names):
            counted = Counter(term.lower() for term in terms_of(section, name))
            lengths[f].append(sum(counted.values()))
            for term, count in counted.items():
                per_field = postings.get(term)
                if per_field is None:
                    per_field = postings[term] = [(array("i"), array("i")) for _ in fields]
                per_field[f][0].append(doc)
                per_field[f][1].append(count)
        title_words = len(syllables(section.title))
        found: dict[tuple[str, str], tuple[list[int], list[int]]] = {}
        for at, syllable in enumerate(syllables(section.title + " \n " + text)):
            where = found.setdefault((folded_key(syllable), tone_key(syllable)), ([], []))
            where[0 if at < title_words else 1].append(at)
        for (fold, tone), (in_title, in_text) in found.items():
            flat = positions[fold].get(tone)
            if flat is None:
                flat = positions[fold][tone] = array("i")
            flat.extend([doc, len(in_title), *_gaps(in_title), len(in_text), *_gaps(in_text)])
        chunk.append([section.location, section.title, text])
        docs_written += 1
    flush_chunk((doc_count - 1) // SECTIONS_PER_CHUNK)

    averages = [sum(per_field) / doc_count if doc_count else 1.0 for per_field in lengths]
    by_shard: dict[str, list[str]] = defaultdict(list)
    for term in postings:
        by_shard[shard_key(term_fold(term))].append(term)
    folds_by_shard: dict[str, list[str]] = defaultdict(list)
    for fold in positions:
        folds_by_shard[shard_key(fold)].append(fold)
    keys = sorted(set(by_shard) | set(folds_by_shard))
    terms_per_shard, capped = {}, {}
    for key in keys:
        weights, kept_by_term, placed_by_term, totals = {}, {}, {}, {}
        for term in sorted(by_shard.get(key, ())):
            per_field = postings.pop(term)  # written once: freed as it goes
            with_term = sum(len(docs) for docs, _ in per_field)
            weighted = []
            for f, (docs, counts) in enumerate(per_field):
                field_lengths = [lengths[f][d] for d in docs]
                milli = bm25_weights(list(counts), field_lengths, averages[f], with_term, doc_count, fields[f][1])
                weighted.append(list(zip(docs, milli)))
            ranked = heaviest_sections(weighted)
            kept = kept_sections(ranked, cap)
            placed = kept_sections(ranked, min(cap, positions_cap))  # none where its postings went
            if placed is not None:
                placed_by_term[term] = placed
            if kept is not None:
                kept_by_term[term] = kept
                totals[term] = len(ranked)
            encoded = []
            for postings_of in weighted:
                flat, previous = [], 0
                for doc, weight in postings_of:
                    if kept is None or doc in kept:
                        flat += [doc - previous, weight]
                        previous = doc
                encoded.append(flat)
            weights[term] = encoded
        where = {}
        for fold in sorted(folds_by_shard.get(key, ())):
            per_tone = positions.pop(fold)
            where[fold] = {}
            for tone in sorted(per_tone):
                kept = placed_by_term.get(tone)
                flat, out, k, previous = per_tone[tone], [], 0, 0
                while k < len(flat):  # section numbers as gaps; the positions stay as they are
                    n_title = flat[k + 1]
                    n_text = flat[k + 2 + n_title]
                    end = k + 3 + n_title + n_text
                    if kept is None or flat[k] in kept:
                        out += [flat[k] - previous, *flat[k + 1 : end]]
                        previous = flat[k]
                    k = end
                where[fold][tone] = out
        shard = {"w": weights, "p": where}
        if totals:  # the terms that lost sections, with how many they occur in
            shard["n"] = totals
            capped.update(totals)
        (site_dir / SHARD_FOLDER / f"{shard_name(key)}.js").write_text(
            _script("__hvsSearchShard", key, shard), encoding="utf-8")
        terms_per_shard[key] = sorted(weights)
    manifest = {"version": 3, "fields": [[name, boost] for name, boost in fields], "docs": doc_count,
                "pages": _gaps(page_starts), "chunk": SECTIONS_PER_CHUNK, "folder": per_folder, "depth": depth,
                "prefix": SHARD_PREFIX,
                "shards": " ".join(keys)}
    (site_dir / MANIFEST).write_text(f"var {MANIFEST_GLOBAL}={script_data(manifest)};\n",
                                     encoding="utf-8")
    return {"terms_per_shard": terms_per_shard, "averages": averages, "pages": page_starts, "capped": capped}


def read_docs(site_dir: Path) -> list[list[str]]:
    """Every section [url, title, text] from the docs chunks, in order (for the ZIM and tests)."""
    folder = Path(site_dir) / DOCS_FOLDER
    docs = []
    for path in sorted(folder.rglob("*.js"), key=lambda p: int(p.stem) if p.stem.isdigit() else -1):
        text = path.read_text(encoding="utf-8").strip()
        start = text.index(",") + 1
        docs += json.loads(text[start : text.rindex(")")])
    return docs


def read_script_argument(path: Path, position: int):
    """One JSON argument of a shard or chunk script (tests)."""
    text = Path(path).read_text(encoding="utf-8").strip()
    inner = text[text.index("(") + 1 : text.rindex(")")]
    return json.loads("[" + inner + "]")[position]
