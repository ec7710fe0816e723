"""Plain text (titles, descriptions, objectives, glossary entries, fact values, typed answers)
written into generated Markdown or HTML, so the learner reads exactly the characters typed.

Writers' plain-text fields are never markup: "Hỏi & đáp" shows as "Hỏi & đáp", and
`<img src=x onerror=...>` in a title shows as those characters instead of running.
"""

from __future__ import annotations

import html
import json
import re

# Characters python-markdown always reads as themselves after a backslash (Markdown.ESCAPED_CHARS).
# `&`, `<`, `>` and `|` become entities instead: a backslash does not stop raw HTML, and an entity
# is the one form tables, headings, links and every extension read as plain text.
_BACKSLASHED = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"}
_ENTITY_CHARS = re.compile(r"[&<>|]")
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n]+[ \t\r\n]*")
# At the start of a line these open blocks of the site's extensions ("??? note", "=== Tab").
_BLOCK_OPENERS = "?=:~%^$;/@,'\""


def html_text(value: object) -> str:
    """Plain text for HTML text or a quoted attribute value (both quote kinds escaped)."""
    return html.escape(str(value), quote=True)


def _escape_markdown(text: str) -> str:
    text = _BACKSLASHED.sub(r"\\\1", text)
    return _ENTITY_CHARS.sub(lambda match: _ENTITIES[match.group(0)], text)


def markdown_text(value: object, keep: re.Pattern | None = None) -> str:
    """Plain text as inline Markdown that renders to exactly its characters.

    Line breaks become spaces (a line break in a one-line field would end the list item or
    table row it is written into). Parts matching `keep` (e.g. the facts' {{ fact:id }}
    placeholders, expanded afterwards) are left as they are.
    """
    text = _LINE_BREAKS.sub(" ", str(value)).strip()
    if keep is None:
        escaped = _escape_markdown(text)
    else:
        escaped, position = "", 0
        for match in keep.finditer(text):
            escaped += _escape_markdown(text[position : match.start()]) + match.group(0)
            position = match.end()
        escaped += _escape_markdown(text[position:])
    if escaped[:1] and escaped[0] in _BLOCK_OPENERS:
        escaped = f"&#{ord(escaped[0])};{escaped[1:]}"
    return escaped


# Front-matter fields Material writes into pages as they are (<title>, <meta name="description">,
# the header, the menu's subtitles and status marks): MkDocs' templates do not escape.
THEME_META_KEYS = ("title", "description", "subtitle", "status", "author")


def escape_theme_meta(meta: dict) -> None:
    """Escapes, in place, a page's front-matter fields that the theme writes into HTML.

    Call once per page, after every rule and generator has read the raw values and before
    the theme renders (the hooks do it in on_env)."""
    for key in THEME_META_KEYS:
        if meta.get(key) is not None:
            meta[key] = html_text(meta[key])


# Characters a JSON string may hold that must not reach a script as they are: U+2028/2029 end a
# line in older JavaScript engines; <, > and & could close or open markup if the text were ever
# inlined in a page ("</script>", "<!--").
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SCRIPT_UNSAFE_CHARS = re.compile("[<>&\u2028\u2029]")


def script_data(value: object) -> str:
    """`value` as a JavaScript literal (JSON, UTF-8) for the classic scripts the build writes
    (file:// blocks fetching JSON). Writers' text inside stays data wherever the script goes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _SCRIPT_UNSAFE_CHARS.sub(lambda found: _SCRIPT_UNSAFE[found.group()], text)
