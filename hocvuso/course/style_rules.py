"""The course's plain-language rules as a writer declares them in style.yml (a province extends
them in style.local.yml); checked by check/style.py. A project without style.yml has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import yaml

from hocvuso.catalogue import messages
from hocvuso.catalogue.diagnostics import ERROR, NOTICE, Diagnostic
from hocvuso.catalogue.question_types import MULTIPLE
from hocvuso.source.files import read_yaml_values
from hocvuso.text.normalise import nfc

SPELLING, LONG_SENTENCE, GLOSSARY_LINK = "chinh-ta", "cau-dai", "tu-dien"
OFF = "off"
SEVERITIES = {"error": ERROR, "notice": NOTICE, OFF: OFF}
NEW_TONES, OLD_TONES = "moi", "cu"  # tone mark on the main vowel (hoà) or on the first (hòa)


@dataclass(frozen=True)
class AvoidRule:
    id: str
    words: tuple[str, ...]
    reason: str
    instead: str
    severity: str = ERROR
    only_in: str | None = None  # "multiple": only in a multiple-answer question's question


@dataclass(frozen=True)
class StyleRules:
    tones: str | None = None  # NEW_TONES, OLD_TONES, or None: no spelling rule
    spelling_severity: str = ERROR
    avoid: tuple[AvoidRule, ...] = ()
    max_syllables: int = 25
    long_sentence_severity: str = OFF
    glossary_link_severity: str = OFF
    # Phrases holding a glossary term that are not its use: "tin giả" in "nhắn tin giả làm người thân".
    glossary_ignore: tuple[str, ...] = ()

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return (SPELLING, LONG_SENTENCE, GLOSSARY_LINK, *(rule.id for rule in self.avoid))


# ---- Reading style.yml ------------------------------------------------------------------------

def read_style(files: list[tuple[str, str]]) -> tuple[StyleRules, list[Diagnostic]]:
    """The rules of style.yml, then of style.local.yml over them: (shown path, text) in that order.
    A later file's scalars replace earlier ones; an `avoid` rule replaces the earlier one of its id."""
    rules, problems = StyleRules(), []
    for path, text in files:
        root, values, wrong = read_yaml_values(text, path, messages.style_syntax)
        if wrong:
            problems += wrong
            continue
        if values is None:
            continue
        if not isinstance(values, dict):
            problems.append(Diagnostic(path, 1, 1, messages.style_shape("tệp", _EXAMPLE)))
            continue
        rules = _merge(rules, values, path, text, problems, _avoid_lines(root))
    return rules, problems


_EXAMPLE = "spelling:\n  tones: moi\navoid:\n  - id: quan-huyen\n    words: [quận, huyện]\n    reason: ...\n    instead: ..."
_SECTIONS = ("spelling", "avoid", "long_sentence", "glossary_link")


def _avoid_lines(root) -> list[int]:
    """The 1-based line of each rule under `avoid:`."""
    for key, value in root.value if isinstance(root, yaml.MappingNode) else []:
        if key.value == "avoid" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _merge(rules: StyleRules, values: dict, path: str, text: str, problems: list[Diagnostic], avoid_lines: list[int]) -> StyleRules:
    lines = text.split("\n")

    def line_of(key: str) -> int:
        pattern = re.compile(rf"^\s*-?\s*{re.escape(key)}\s*:")
        return next((number for number, line in enumerate(lines, 1) if pattern.match(line)), 1)

    def problem(key: str, what: str, example: str) -> None:
        problems.append(Diagnostic(path, line_of(key), 1, messages.style_shape(what, example)))

    def severity(section: dict, key: str, default: str) -> str:
        written = section.get("severity", None)
        if written is None:
            return default
        if written not in SEVERITIES:
            problem(key, f"`{key}.severity`", "severity: error   # hoặc notice, off")
            return default
        return SEVERITIES[written]

    for key in values:
        if key not in _SECTIONS:
            problems.append(Diagnostic(path, line_of(str(key)), 1, messages.unknown_key(str(key), None, list(_SECTIONS))))
    spelling = values.get("spelling")
    if spelling is not None:
        if not isinstance(spelling, dict) or spelling.get("tones", rules.tones) not in (NEW_TONES, OLD_TONES, None):
            problem("spelling", "`spelling`", "spelling:\n  tones: moi   # moi: hoà, khoẻ, thuỷ; cu: hòa, khỏe, thủy")
        else:
            rules = replace(rules, tones=spelling.get("tones", rules.tones),
                            spelling_severity=severity(spelling, "spelling", rules.spelling_severity))
    long_sentence = values.get("long_sentence")
    if long_sentence is not None:
        limit = long_sentence.get("max_syllables", rules.max_syllables) if isinstance(long_sentence, dict) else None
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 5:
            problem("long_sentence", "`long_sentence`", "long_sentence:\n  max_syllables: 25\n  severity: notice")
        else:
            rules = replace(rules, max_syllables=limit,
                            long_sentence_severity=severity(long_sentence, "long_sentence", NOTICE))
    glossary_link = values.get("glossary_link")
    if glossary_link is not None:
        ignore = glossary_link.get("ignore", []) if isinstance(glossary_link, dict) else None
        if not isinstance(ignore, list) or not all(isinstance(phrase, str) and phrase.strip() for phrase in ignore):
            problem("glossary_link", "`glossary_link`", _GLOSSARY_LINK_EXAMPLE)
        else:
            # A fork's style.local.yml adds phrases to the course's.
            phrases = tuple(dict.fromkeys([*rules.glossary_ignore, *(" ".join(phrase.split()) for phrase in ignore)]))
            rules = replace(rules, glossary_link_severity=severity(glossary_link, "glossary_link", NOTICE),
                            glossary_ignore=phrases)
    avoid = values.get("avoid")
    if avoid is not None:
        by_id = {rule.id: rule for rule in rules.avoid}
        for number, entry in enumerate(avoid if isinstance(avoid, list) else [avoid]):
            rule = _avoid_rule(entry)
            if rule is None:
                line = avoid_lines[number] if number < len(avoid_lines) else line_of("avoid")
                problems.append(Diagnostic(path, line, 1, messages.style_shape("quy tắc trong `avoid`", _AVOID_EXAMPLE)))
                continue
            by_id[rule.id] = rule
        rules = replace(rules, avoid=tuple(by_id.values()))
    return rules


_GLOSSARY_LINK_EXAMPLE = "glossary_link:\n  severity: notice\n  ignore: [tin giả làm, tin giả danh]"
_AVOID_EXAMPLE = ("- id: quan-huyen\n  words: [quận, huyện]\n  reason: Từ 1/7/2025 không còn cấp huyện.\n"
                  "  instead: xã, phường\n  severity: error   # hoặc notice, off")
_RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _avoid_rule(entry) -> AvoidRule | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not _RULE_ID.match(entry["id"]):
        return None
    words = entry.get("words")
    words = [words] if isinstance(words, str) else words
    texts = [entry.get("reason"), entry.get("instead", "")]
    if (not isinstance(words, list) or not words or not all(isinstance(word, str) and word.strip() for word in words)
            or not all(isinstance(text, str) for text in texts) or not texts[0].strip()
            or entry.get("severity", "error") not in SEVERITIES or entry.get("only_in") not in (None, MULTIPLE)
            or set(entry) - {"id", "words", "reason", "instead", "severity", "only_in"}):
        return None
    return AvoidRule(entry["id"], tuple(nfc(word.strip()) for word in words), nfc(texts[0].strip()), nfc(texts[1].strip()),
                     SEVERITIES[entry.get("severity", "error")], entry.get("only_in"))
