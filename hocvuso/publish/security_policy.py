"""Every built page's Content Security Policy and referrer policy (issue #30), as <meta> elements.

The check refuses script in Markdown and every writer-typed field is escaped; the policy is the
second layer, the one the browser enforces: a script that slips past both does not run. The site
is served by any static host, from file:// and from kiwix-serve, where no header can be set: the
policy travels in the page. It is computed from each page's final HTML: the inline scripts the
theme writes around the lesson are allowed by their hash (never 'unsafe-inline' for scripts),
everything else comes from the site. An inline script inside the lesson's own content is never
hashed: one there slipped past the check, and the build reports it (`content_scripts`).

What each directive is for (measured on the built course in Chromium, WebKit and Firefox, over
http and from file://):
- default-src 'self': anything not named below (fonts, media, a fork's own files) from the site only.
- script-src 'self' + hashes: the site's script files (bundle, course map, search shards, class
  page, QR) and the inline scripts the theme writes (Material's content-tabs snippet, and with
  Material's bundle its storage helpers and palette), each by hash. No 'unsafe-eval', no
  'unsafe-inline', no 'unsafe-hashes': an injected <script>, on* attribute or javascript: link
  does not run.
- style-src 'self': our stylesheets and Material's are files; the pages have no style attribute
  and no <style> element (scripts set styles through the CSSOM, which the policy allows).
- img-src 'self' data:: the site's images, and Material's and our icons drawn by the stylesheets
  from data: SVGs (mask-image, list markers).
- object-src 'none', base-uri 'self', form-action 'none': no plugin, no <base> sending the
  site's relative links elsewhere, no form posting a learner's answers anywhere.
- worker-src 'self': the offline service worker, from the site.

frame-ancestors, report-uri and sandbox are ignored in a <meta> (Chromium says so in the console):
not written.

The referrer policy is no-referrer: a learner following a link to a public portal sends it nothing
of the course's address (a commune's site under a path names the class). strict-origin would
still send the host; and older phones' browsers know no-referrer but not strict-origin (an
unknown value falls back to sending the whole address).

Pure Python, no MkDocs: the build session calls `with_policy` on each page it writes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

# Script types a browser runs (a missing or empty type is JavaScript); data blocks such as
# Material's <script type="application/json"> are never run and need no hash.
_SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
                 "text/ecmascript", "application/x-javascript", "text/jscript", "text/livescript"}

# Directives in the order written; script-src gets the page's hashes after 'self'.
BASE_DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'none'"),
    ("worker-src", "'self'"),
)
REFERRER = "no-referrer"

# The ZIM edition in kiwix-serve 3.3 (Debian's kiwix-tools) gets kiwix-serve's toolbar injected at
# the end of every page's <head>: its scripts are files of the same server ('self'), its search box
# is a form sent to /search on that server, and its jQuery 1.10 tests the browser by setting
# on{submit,change,focusin}="t" attributes (never run). Allowed there, and nothing more: a form sent
# to the same server, and an event handler whose whole text is "t". Later kiwix-serve versions and
# the Kiwix apps show the book in a frame of their own and inject nothing.
KIWIX_HANDLER = "t"
KIWIX_DIRECTIVES = {"form-action": "'self'"}


# Where scripts and the head are, found by their tags: a page is scanned with these, not parsed
# whole (html.parser took 6 ms a page: the build's slowest step at 300 lessons). A script's text
# ends at the first "</script" as in a browser; each start tag's attributes are read by
# html.parser. A tag written in a way these miss would leave a script without its hash: it is
# refused and the browser tests' guard fails on the violation, so a miss cannot pass unseen.
_SCRIPT_START = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
_SCRIPT_END = re.compile(r"</script[\s/>]", re.IGNORECASE)
_HEAD_START = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\b[^>]*\bcharset\b[^>]*>", re.IGNORECASE)


class _StartTag(HTMLParser):
    """The attributes of one start tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str | None] = {}

    def handle_starttag(self, tag, attrs):
        self.attributes = dict(attrs)


def _attributes(tag: str) -> dict[str, str | None]:
    parser = _StartTag()
    parser.feed(tag)
    parser.close()
    return parser.attributes


def _insert_at(html: str) -> int | None:
    """Where the policy goes: right after <meta charset> in <head> (the charset stays first), else
    right after <head>; None for a page with no <head>."""
    head = _HEAD_START.search(html)
    if head is None:
        return None
    head_end = html.lower().find("</head", head.end())
    charset = _CHARSET.search(html, head.end(), head_end if head_end >= 0 else len(html))
    return charset.end() if charset else head.end()


def script_hash(text: str) -> str:
    """The CSP source allowing one inline script: the SHA-256 of its exact text, in UTF-8."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the page runs, in order (data blocks such as
    type="application/json" are never run)."""
    scripts, at = [], 0
    while (start := _SCRIPT_START.search(html, at)) is not None:
        end = _SCRIPT_END.search(html, start.end())
        stop = end.start() if end else len(html)
        values = _attributes(start.group(0))
        if "src" not in values and (values.get("type") or "").strip().lower() in _SCRIPT_TYPES:
            scripts.append(html[start.end():stop])
        at = end.end() if end else len(html)
    return scripts


def policy(html: str, kiwix: bool = False) -> str:
    """The Content-Security-Policy for a page: the base directives, with the hash of each inline
    script the page really contains (each once, in page order); `kiwix`: the ZIM edition's."""
    return _policy(inline_scripts(html), kiwix)


def _policy(scripts: list[str], kiwix: bool) -> str:
    sources = list(dict.fromkeys(script_hash(text) for text in scripts))
    if kiwix:
        sources += ["'unsafe-hashes'", script_hash(KIWIX_HANDLER)]
    directives = [(name, KIWIX_DIRECTIVES.get(name, value) if kiwix else value) for name, value in BASE_DIRECTIVES]
    return "; ".join(f"{name} {' '.join([value, *sources]) if name == 'script-src' else value}" for name, value in directives)


def meta_elements(scripts: list[str], kiwix: bool = False) -> str:
    """The two <meta> elements a page with these inline scripts gets (no character of the
    policy needs escaping: directives, quotes around keywords, base64)."""
    return (f'<meta http-equiv="Content-Security-Policy" content="{_policy(scripts, kiwix)}">'
            f'<meta name="referrer" content="{REFERRER}">')


def content_scripts(content: str) -> list[str]:
    """The inline scripts in a page's own content (the lesson as rendered, before the theme wraps
    it): none should be there, since the check refuses script in Markdown."""
    return inline_scripts(content)


def with_policy(html: str, kiwix: bool = False, content: str = "") -> str:
    """The page with its policy first in <head> (right after <meta charset>), before anything a
    writer typed (the description, the title) and any script; a page with no <head> is returned
    as it is (not a page of the site's theme). `kiwix`: the ZIM edition (KIWIX_DIRECTIVES).
    `content`: the page's own rendered content, whose inline scripts are not allowed (the theme's
    are, by hash): a script that reached the lesson past the check does not run."""
    offset = _insert_at(html)
    if offset is None:
        return html
    refused = set(content_scripts(content)) if content else set()
    allowed = [text for text in inline_scripts(html) if text not in refused]
    return html[:offset] + meta_elements(allowed, kiwix) + html[offset:]
