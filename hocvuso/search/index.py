"""The search index, built once at build time so a phone only loads it.

Pages are split into sections at their headings (as Material does); each section's words are
indexed by tone key (see search_keys) with the `lunr` package, and its plain text is kept for
result snippets. Quiz options, answers, feedback and explanations, and anything marked
`data-search-exclude`, stay out. The output is classic scripts, so they load over http and
from file:// (where fetching JSON is blocked): a manifest, shards and text chunks, laid out
in hocvuso/search/shards.py.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from lunr.builder import Builder

from hocvuso.text.keys import joined_words, tone_keys
from hocvuso.search.shards import FILES_PER_FOLDER, POSITIONS_CAP, POSTINGS_CAP, write_index

# lunr fields: a section's title weighs more than its text.
FIELDS = (("t", 5), ("x", 1))
_FIELD_SOURCES = {"t": "title", "x": "text"}  # the Section attribute each field indexes
# Headings that start a new section; h4 and below stay inside their section.
_SECTION_HEADINGS = {"h1", "h2", "h3"}
_SKIPPED_TAGS = {"script", "style", "svg", "template", "button", "select", "textarea"}
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# A quiz's question is searchable; its options are not (nor, being encoded, its answers,
# feedback and explanations). Buttons carry data-search-exclude.
_SKIPPED_CLASSES = {"hvs-opt", "hvs-quiz-error", "headerlink"}
_SPACES = re.compile(r"\s+")
# Quizzes' encoded answer keys: never indexed, and long; dropped before parsing (a fifth of its time).
_ANSWER_KEYS = re.compile(r' data-key="[^"]*"')
_BLOCK_TAGS = {"p", "li", "div", "td", "th", "dt", "dd", "pre", "blockquote", "tr", "summary", "figcaption", "br"}


@dataclass(slots=True)
class Section:
    location: str
    title: str
    text_parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return _SPACES.sub(" ", "".join(self.text_parts)).strip()


class _SectionParser(HTMLParser):
    def __init__(self, url: str, page_title: str):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.sections = [Section(url, page_title)]
        self.skip_depth = 0  # >0 while inside an element whose content stays out of the index
        self.open_tags: list[bool] = []  # per open element: does it start a skipped region?
        self.heading: tuple[str, str, list[str]] | None = None  # tag, id, text

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in _VOID_TAGS:
            if tag == "br" and not self.skip_depth:
                self._add(" ")
            return
        classes = set((attributes.get("class") or "").split())
        skipped = tag in _SKIPPED_TAGS or "data-search-exclude" in attributes or bool(classes & _SKIPPED_CLASSES)
        self.open_tags.append(skipped)
        if skipped:
            self.skip_depth += 1
            return
        if tag in _SECTION_HEADINGS and not self.skip_depth and attributes.get("id"):
            self.heading = (tag, attributes["id"], [])
        elif tag in _BLOCK_TAGS:
            self._add(" ")

    def handle_endtag(self, tag):
        if tag in _VOID_TAGS or not self.open_tags:
            return
        if self.open_tags.pop():
            self.skip_depth -= 1
            return
        if self.heading and tag == self.heading[0]:
            _, anchor, words = self.heading
            title = _SPACES.sub(" ", "".join(words)).strip()
            self.heading = None
            if tag == "h1" and len(self.sections) == 1:
                self.sections[0].title = title or self.sections[0].title
            else:
                self.sections.append(Section(f"{self.url}#{anchor}", title))
        elif tag in _BLOCK_TAGS:
            self._add(" ")

    def handle_data(self, data):
        if self.skip_depth:
            return
        if self.heading:
            self.heading[2].append(data)
        else:
            self._add(data)

    def _add(self, text: str) -> None:
        self.sections[-1].text_parts.append(text)


def page_sections(url: str, page_title: str, html: str, description: str = "") -> list[Section]:
    """The searchable sections of one rendered page; the first is the page itself.

    The page's one-sentence description (front matter) opens its first section: it says what
    the page is about better than any paragraph, and makes the best snippet.
    """
    parser = _SectionParser(url, page_title)
    if description:
        parser.sections[0].text_parts.append(description + " ")
    parser.feed(_ANSWER_KEYS.sub("", html))
    parser.close()
    first, rest = parser.sections[0], parser.sections[1:]
    return [first] + [section for section in rest if section.title or section.text]


class SearchIndex:
    """Collects the sections of every page, then writes the prebuilt index."""

    def __init__(self) -> None:
        self.sections: list[Section] = []

    def add_page(self, url: str, page_title: str, html: str, description: str = "") -> None:
        self.sections.extend(page_sections(url, page_title, html, description))

    def lunr_builder(self) -> Builder:
        """lunr.py's builder with every section added: its inverted index, term counts and
        field lengths: the reference our own counts (term_counts) are tested against; call build()
        for its vectors."""
        builder = Builder()
        # Tone keys are already normalised: no stemmer, no stop words (lunr's English ones would
        # drop Vietnamese syllables such as "a" or "do").
        builder.pipeline.reset()
        builder.search_pipeline.reset()
        builder.ref("i")
        for name, boost in FIELDS:
            builder.field(name, boost=boost)
        for number, section in enumerate(self.sections):
            builder.add({"i": str(number), "t": _terms(section.title), "x": _terms(section.text)})
        return builder

    def term_counts(self) -> list[list[Counter]]:
        """For each field, each section's terms and how often they occur: what lunr.py's builder
        counts (lowercased, no pipeline), without its per-token objects (a tenth of a build)."""
        return [
            [Counter(term.lower() for term in _terms(getattr(section, _FIELD_SOURCES[name]))) for section in self.sections]
            for name, _ in FIELDS
        ]

    def as_data(self) -> dict:
        return {
            "docs": [[section.location, section.title, section.text] for section in self.sections],
            **compact(self.term_counts()),
        }

    def write(self, site_dir, cap: int = POSTINGS_CAP, positions_cap: int = POSITIONS_CAP,
              per_folder: int = FILES_PER_FOLDER) -> dict:
        """Writes the index as the site serves it: a manifest, shards and docs chunks
        (hocvuso/search/shards.py describes the layout)."""
        return write_index(self.sections, FIELDS, lambda section, name: _terms(getattr(section, _FIELD_SOURCES[name])),
                           site_dir, cap=cap, positions_cap=positions_cap, per_folder=per_folder)



def _terms(text: str) -> list[str]:
    # A list, not a string: lunr.py then skips its character-by-character tokenizer.
    return tone_keys(text) + joined_words(text)


def compact(counts: list[list[Counter]]) -> dict:
    """The term counts (as lunr.py would count them), in the fewest bytes; search.js hands them to lunr.js.

    lunr's own JSON repeats each (term, section) pair twice, in the inverted index and in the
    section's vector, with a weight of many digits: on our courses that is 1.6 times Material's
    whole search_index.json once gzipped. Here each section lists, per field, its terms as gaps
    between positions in one sorted term list, each with the number of times it occurs.
    search.js rebuilds lunr.js's inverted index and computes the vector weights from these
    counts with lunr's formula (the one lunr.py uses): no text is tokenised on the phone.
    """
    terms = sorted({term for per_field in counts for frequencies in per_field for term in frequencies})
    position = {term: number for number, term in enumerate(terms)}
    vectors = []
    for per_field in counts:
        per_doc = []
        for frequencies in per_field:
            flat, previous = [], 0
            for at, count in sorted((position[term], count) for term, count in frequencies.items()):
                flat += [at - previous, count]
                previous = at
            per_doc.append(flat)
        vectors.append(per_doc)
    return {"terms": " ".join(terms), "fields": [[name, boost] for name, boost in FIELDS], "counts": vectors}
