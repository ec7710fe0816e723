"""Synthetic Vietnamese prose for the benchmark's courses, drawn from the course's own words.

A search index grows with the number of distinct terms, not only with the number of pages: a
benchmark course that repeats 36 sentences has a few hundred terms at any size, and shards of
such an index say nothing about a real one. Here every syllable of the real lessons and the
glossary is ranked by how often it occurs, followed by plausible syllables made by giving a real
syllable's rhyme (with its tone) another real onset (Vietnamese has some 6,000-7,000 syllables in
use; a course of 10,000 lessons meets most of them). Words are drawn from that ranking with a
Zipf-like law, so rare ones keep appearing as the course grows, as in a real course; and most of
every sentence is runs of 3, 5 or 8 syllables copied from real sentences, so phrases such as
"lừa đảo" or "dịch vụ công" stand side by side as they do in lessons. Tuned against the real
course (2026-12-01: 48,600 words of prose, 1,476 distinct, 1.40 bytes a word with gzip): as many
words give 1,603 distinct and 1.63 bytes a word (a little less repetitive than real lessons,
which repeat whole sentences); 300 lessons have about 2,250 distinct words, 3,000 about 6,000.

Pure and seeded: the same texts and the same random.Random give the same course.
"""

from __future__ import annotations

import bisect
import itertools
import random
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ONSETS = sorted(["b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p",
                 "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"], key=len, reverse=True)
# Markup that is not prose: front-matter and quiz keys, links' targets, placeholders, tags, code.
NOT_PROSE = re.compile(r"^\s*(?:- )?[a-z_]+:(?=\s|$)|\]\([^)]*\)|\{\{.*?\}\}|\{[:#][^}]*\}|<[^>]+>|`[^`]*`|https?://\S+",
                       re.MULTILINE)
SENTENCE_END = re.compile(r"[.!?;:\n]+")
WORD = re.compile(r"[^\W\d_]+")
VOWELS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
# A rhyme as Vietnamese spells one: vowels, then at most one final consonant (English words are
# kept as they are, never recombined).
RHYME = re.compile(f"[{VOWELS}]{{1,3}}(?:ch|nh|ng|[cmnpt])?")


def course_texts(root: Path) -> list[str]:
    """The lessons' and the glossary's text, as the benchmark's source of words."""
    paths = sorted((root / "content").rglob("*.md")) + [root / "glossary.yml"]
    return [path.read_text(encoding="utf-8") for path in paths if path.is_file()]


def sentences_of(texts: list[str]) -> list[list[str]]:
    """Each sentence of prose as its lower-case words (NFC), markup left out."""
    found = []
    for text in texts:
        prose = NOT_PROSE.sub(" ", unicodedata.normalize("NFC", text))
        for sentence in SENTENCE_END.split(prose):
            words = [word.lower() for word in WORD.findall(sentence)]
            if words:
                found.append(words)
    return found


def split_onset(syllable: str) -> tuple[str, str]:
    for onset in ONSETS:
        if syllable.startswith(onset) and len(syllable) > len(onset):
            return onset, syllable[len(onset):]
    return "", syllable


@dataclass(frozen=True)
class Vocabulary:
    ranked: tuple[str, ...]  # most frequent first: real syllables, then made ones
    cumulative: tuple[float, ...]  # Zipf-like weights over `ranked`, summed
    phrases: tuple[tuple[str, ...], ...]  # runs of neighbouring words from real sentences


def build_vocabulary(texts: list[str], size: int = 8000, exponent: float = 1.1, seed: int = 2026,
                     phrase_lengths: tuple[int, ...] = (3, 5, 8)) -> Vocabulary:
    sentences = sentences_of(texts)
    counts: dict[str, int] = {}
    for word in itertools.chain.from_iterable(sentences):
        counts[word] = counts.get(word, 0) + 1
    real = sorted(counts, key=lambda word: (-counts[word], word))
    parts = [split_onset(word) for word in real if RHYME.fullmatch(split_onset(word)[1])]
    onsets = sorted({onset for onset, _ in parts if onset})
    rhymes = sorted({rhyme for _, rhyme in parts})
    known, made = set(real), []
    rng = random.Random(seed)
    candidates = [onset + rhyme for onset in onsets for rhyme in rhymes]
    rng.shuffle(candidates)
    for word in candidates:
        if len(real) + len(made) >= size:
            break
        # Spelling rules keep most made syllables plausible: gh/ngh/k before e, ê, i only; c, g, ng elsewhere.
        soft = word[len(split_onset(word)[0]):][:1] in "eéèẻẽẹêếềểễệiíìỉĩịy"
        onset = split_onset(word)[0]
        if word in known or (onset in ("gh", "ngh", "k") and not soft) or (onset in ("c", "g", "ng") and soft):
            continue
        known.add(word)
        made.append(word)
    ranked = tuple(real + made)
    cumulative = tuple(itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(len(ranked))))
    phrases = tuple(tuple(words[start:start + length]) for words in sentences for length in phrase_lengths
                    for start in range(0, len(words) - length + 1, length))
    return Vocabulary(ranked, cumulative, phrases)


class SyntheticProse:
    """Sentences of 6-18 syllables: real phrases (4 in 5 draws) and Zipf-drawn single words."""

    def __init__(self, vocabulary: Vocabulary, phrase_share: float = 0.8):
        self.vocabulary, self.phrase_share = vocabulary, phrase_share

    def word(self, rng: random.Random) -> str:
        total = self.vocabulary.cumulative[-1]
        return self.vocabulary.ranked[bisect.bisect_left(self.vocabulary.cumulative, rng.random() * total)]

    def words(self, rng: random.Random, count: int) -> list[str]:
        out: list[str] = []
        while len(out) < count:
            if self.vocabulary.phrases and rng.random() < self.phrase_share:
                out += rng.choice(self.vocabulary.phrases)
            else:
                out.append(self.word(rng))
        return out[:count]

    def sentence(self, rng: random.Random) -> str:
        words = self.words(rng, rng.randint(6, 18))
        if len(words) > 9 and rng.random() < 0.4:
            words[len(words) // 2] += ","
        return (words[0][:1].upper() + words[0][1:] + " " + " ".join(words[1:])).strip() + "."

    def paragraph(self, rng: random.Random, sentences: int) -> str:
        return " ".join(self.sentence(rng) for _ in range(sentences))

    def title(self, rng: random.Random) -> str:
        words = self.words(rng, rng.randint(2, 5))
        return words[0][:1].upper() + words[0][1:] + "".join(" " + word for word in words[1:])
