"""Words that mean the same to a learner searching: synonyms.yml, and what a query also means.

synonyms.yml (a fork adds synonyms.local.yml) is a list of groups, one per line, each the
phrases a learner may type for one thing:

    - [hack, bị hack, chiếm tài khoản, mất nick]
    - [app, ứng dụng]

`hocvuso check` and the build read it once (hocvuso.site.reading); the build writes the groups as a small
classic script, search/synonyms.js, which search.js loads with the index. At query time
(`query_variants`, mirrored by hocvuso/theme/assets/hocvuso/query-expansion.js, with shared cases in
tests/typing_vectors.json) the query is first decoded from raw Telex/VNI (raw_typing), then each
phrase of a group found in it (syllable by syllable: the same tone key, or the same folded key
where the query has no accents) adds the query with that phrase replaced by each other phrase
of the group, weighted below the query as typed. A group of synonyms.local.yml that shares a
phrase with a group of synonyms.yml joins that group.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from hocvuso.catalogue import messages
from hocvuso.catalogue.site_paths import SEARCH_SYNONYMS
from hocvuso.text import raw_typing
from hocvuso.catalogue.diagnostics import Diagnostic
from hocvuso.text.escaping import script_data
from hocvuso.text.keys import folded_key, syllables, tone_key
from hocvuso.text.normalise import nfc
from hocvuso.source.files import read_yaml
from hocvuso.source.yaml_reader import STR_TAG

SCRIPT = SEARCH_SYNONYMS
GLOBAL_NAME = "__hvsSynonyms"
# What a query also means weighs less than what was typed: a page matching all of the query as
# typed (or decoded) ranks above one matching all of a synonym's variant (tests/search_relevance*.yml).
SYNONYM_WEIGHT = 0.9
RAW_WEIGHT = 0.6  # the query as typed, when decoding changed it ("max" is also an English word)
MAX_VARIANTS = 8  # each is one more search on a slow phone


@dataclass(frozen=True)
class Phrase:
    text: str
    path: str
    line: int

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(tone_key(word) for word in syllables(self.text))


# ---- Reading synonyms.yml and synonyms.local.yml -----------------------------------------------

def read_synonyms(files: list[tuple[str, str]]) -> tuple[list[list[str]], list[Diagnostic]]:
    """The groups of synonyms.yml, then of synonyms.local.yml: (shown path, text) in that order."""
    groups: list[list[Phrase]] = []
    where: dict[tuple[str, ...], int] = {}  # phrase key -> its group
    problems: list[Diagnostic] = []
    for path, text in files:
        file_groups, file_problems = _read_file(path, text)
        problems += file_problems
        for group in file_groups:
            joined = next((where[phrase.key] for phrase in group if phrase.key in where), None)
            if joined is None:
                joined = len(groups)
                groups.append([])
            for phrase in group:
                if phrase.key not in where:
                    where[phrase.key] = joined
                    groups[joined].append(phrase)
    return [[phrase.text for phrase in group] for group in groups if len(group) >= 2], problems


def _read_file(path: str, text: str) -> tuple[list[list[Phrase]], list[Diagnostic]]:
    root, problems = read_yaml(text, path, messages.synonyms_syntax)
    if problems:
        return [], problems
    if root is None or (isinstance(root, yaml.ScalarNode) and not root.value):
        return [], []
    if isinstance(root, yaml.MappingNode):  # `hack: [chiếm tài khoản]`: a term and its synonyms
        return [], _keys_written(path, root)
    if not isinstance(root, yaml.SequenceNode):
        return [], [Diagnostic(path, root.start_mark.line + 1, 1, messages.synonyms_shape())]
    groups, problems, seen = [], [], {}
    for node in root.value:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if isinstance(node, yaml.MappingNode):
            problems += _keys_written(path, node)
            continue
        if not isinstance(node, yaml.SequenceNode):
            problems.append(Diagnostic(path, line, column, messages.synonym_group_shape(node.value)))
            continue
        group, wrong = [], False
        for number, item in enumerate(node.value, 1):
            at = (item.start_mark.line + 1, item.start_mark.column + 1)
            if not isinstance(item, yaml.ScalarNode) or (item.tag != STR_TAG and item.value):
                problems.append(Diagnostic(path, *at, messages.synonym_not_text(number, _written(item))))
                wrong = True
                continue
            phrase = Phrase(" ".join(nfc(item.value).split()), path, at[0])
            if not phrase.key:
                problems.append(Diagnostic(path, *at, messages.synonym_empty(number)))
                wrong = True
                continue
            if phrase.key in seen:
                first = seen[phrase.key]
                problems.append(Diagnostic(path, *at, messages.synonym_duplicate(
                    phrase.text, first.text, first.line, any(other is first for other in group))))
                wrong = True
                continue
            seen[phrase.key] = phrase
            group.append(phrase)
        if len(group) < 2 and not wrong:
            problems.append(Diagnostic(path, line, column, messages.synonym_too_few(len(group))))
        if group:
            groups.append(group)
    return groups, problems


def _written(node: yaml.Node) -> str:
    """A node as the writer wrote it, near enough to quote: `3`, `mạng` for `[mạng]`, `a: b` for `{a: b}`."""
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return ", ".join(_written(item) for item in node.value)
    return ", ".join(f"{_written(key)}: {_written(value)}" for key, value in node.value)


def _keys_written(path: str, node: yaml.MappingNode) -> list[Diagnostic]:
    """A group written as `hack: [chiếm tài khoản]`: each key, with the group written as a list."""
    problems = []
    for key, value in node.value:
        items = value.value if isinstance(value, yaml.SequenceNode) else [value]
        words = [str(key.value)] + [str(item.value) for item in items if isinstance(item, yaml.ScalarNode) and item.value]
        problems.append(Diagnostic(path, key.start_mark.line + 1, key.start_mark.column + 1,
                                   messages.synonym_key(str(key.value), "- [" + ", ".join(words) + "]")))
    return problems


# ---- The build's script -------------------------------------------------------------------------

def script(groups: list[list[str]]) -> str:
    """A classic script (file:// blocks fetching JSON); writers' text stays data (escaping.script_data)."""
    return f"var {GLOBAL_NAME}={script_data(groups)};\n"


# ---- At query time (the specification of query-expansion.js) ------------------------------------

def _same_word(typed: str, written: str) -> bool:
    return tone_key(typed) == tone_key(written) or (folded_key(typed) == typed and typed == folded_key(written))


def _find(words: list[str], phrase: list[str]) -> int | None:
    for start in range(len(words) - len(phrase) + 1):
        if all(_same_word(words[start + k], phrase[k]) for k in range(len(phrase))):
            return start
    return None


def query_variants(query: str, groups: list[list[str]]) -> list[tuple[str, float]]:
    """What a query also means, first the query itself (decoded from raw Telex/VNI), with weights."""
    trailing = " " if query[-1:].isspace() else ""
    decoded = raw_typing.decode(query)
    words = syllables(decoded)
    variants = {decoded: 1.0}
    variants.setdefault(" ".join(syllables(query)) + trailing, RAW_WEIGHT)  # when decoding changed it
    for group in groups:
        phrases = [syllables(phrase) for phrase in group]
        found = [(number, start, start + len(phrase)) for number, phrase in enumerate(phrases)
                 for start in [_find(words, phrase)] if start is not None]
        for number, start, end in found:
            # "hack" inside "bị hack", both found: only the longer one is replaced.
            if any(other != number and a <= start and end <= b and b - a > end - start for other, a, b in found):
                continue
            for other, phrase in enumerate(phrases):
                if other != number:
                    # A phrase replaced at the end is a whole word: its last syllable is no prefix.
                    text = " ".join(words[:start] + phrase + words[end:]) + (" " if end == len(words) else trailing)
                    variants.setdefault(text, SYNONYM_WEIGHT)
    return list(variants.items())[:MAX_VARIANTS]
