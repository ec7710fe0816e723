"""Addresses written in the built site, resolved to site paths: one resolver for every reader.

A reference is resolved as a browser resolves it against the file it is written in, the site
standing at the root of its host: "../" never climbs above the root; another host, a `data:`
or `mailto:` address, a bare `#fragment` are not the site's files. The fragment is always
dropped; the query is the caller's choice (`keep_query`), since it is part of an address but
not of a file's name:

- the worker's download lists keep it (hocvuso/publish/offline.py): the worker caches what
  pages ask for, `bundle.js?v=2` as asked;
- reading files on disk drops it (hocvuso/publish/css_prune.py): `main.css?v=2` is main.css.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

_BASE = "https://site.invalid/"  # stands for the site root when resolving relative URLs


def site_relative(base: str, reference: str, *, keep_query: bool) -> str | None:
    """`reference` as written in the file at site path `base`, as a path from the site root
    ("./" for the root itself); None for another host, a data: URL, a bare #fragment."""
    reference = reference.strip()
    if not reference or reference.startswith("#"):
        return None
    absolute = urljoin(_BASE + base, reference)
    if not absolute.startswith(_BASE):
        return None
    parts = urlsplit(absolute[len(_BASE) - 1 :])
    path = parts.path.lstrip("/")
    if not path:
        return "./"
    return path + "?" + parts.query if keep_query and parts.query else path
