"""Glossary links: a glossary term a lesson uses, linked to its entry on its first use (the
`glossary_link` rule of style.yml, checked by check/style.py)."""

from __future__ import annotations

import re

from hocvuso.source.prose import Unit


def glossary_patterns(terms, ignore=()) -> tuple[re.Pattern | None, dict[str, tuple[str, str] | None]]:
    """One pattern for every term, longest first: at each place the longest term wins, so a
    use inside a longer term's ("ứng dụng" in "kho ứng dụng") is that term's, not its own.
    The phrases to ignore are in it too, as None: "tin giả làm" is longer than "tin giả", so it wins."""
    by_text: dict[str, tuple[str, str] | None] = {term.casefold(): (term, anchor) for term, anchor in terms}
    if not by_text:
        return None, by_text
    for phrase in ignore:
        by_text.setdefault(phrase.casefold(), None)
    alternatives = "|".join(re.escape(text) for text in sorted(by_text, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), by_text


def unlinked_glossary_terms(units: list[Unit], terms, ignore=()) -> list[tuple[int, int, str, str]]:
    """(line, column, term, anchor) of each glossary term whose first use in the page's prose
    (headings and the text of links to other pages aside) is not inside a link to a glossary entry."""
    return unlinked(units, glossary_patterns(terms, ignore))


def unlinked(units: list[Unit], patterns) -> list[tuple[int, int, str, str]]:
    pattern, by_text = patterns
    if pattern is None:
        return []
    seen, found = set(), []
    for unit in units:
        if unit.heading:
            continue
        for match in pattern.finditer(unit.text.casefold()):
            if by_text[match.group()] is None:
                continue  # a phrase to ignore
            term, anchor = by_text[match.group()]
            if term in seen:
                continue
            start, end = match.span()
            targets = [target for link_start, link_end, target in unit.links if start >= link_start and end <= link_end]
            if targets and not any(_glossary_anchor(target) for target in targets):
                continue  # the title of another lesson in a link to it: not where the term is used
            seen.add(term)
            # Inside a link to a glossary entry: linked (to another entry's: a nested link is impossible).
            if not targets:
                line, column = unit.place(start)
                found.append((line, column, unit.text[start:end], anchor))
    return sorted(found)


def _glossary_anchor(target: str) -> str | None:
    path, _, anchor = target.partition("#")
    return anchor if path.rsplit("/", 1)[-1] == "tu-dien.md" and anchor else None
