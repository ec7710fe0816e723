"""The search files a module saved to learn offline keeps (hocvuso/publish/offline.py saves them).

The search loads its files only when the learner opens it (hocvuso/theme/assets/hocvuso/search.js),
so no page names them: listed here so a saved module can also be searched offline. The whole
index (hocvuso/search/shards.py) when it is small, joined into one script; on a big course (over
OFFLINE_SEARCH_LIMIT bytes) only the manifest: the worker keeps every shard and text a learner's
searches fetched online.
"""

from __future__ import annotations

from pathlib import Path

from hocvuso.catalogue.site_paths import QUERY_EXPANSION_SCRIPT, SEARCH_ALL, SEARCH_SYNONYMS
from hocvuso.search.shards import DOCS_FOLDER, MANIFEST, SHARD_FOLDER

SEARCH_FILES = (MANIFEST, SEARCH_SYNONYMS, QUERY_EXPANSION_SCRIPT)
OFFLINE_SEARCH_LIMIT = 3_000_000
SEARCH_BUNDLE = SEARCH_ALL
# The folders whose scripts SEARCH_BUNDLE joins: the worker serves it for any of them not saved.
JOINED_FOLDERS = (SHARD_FOLDER, DOCS_FOLDER)


def search_files(site_dir: Path) -> list[str]:
    """The search files a saved module keeps: the manifest, and the joined index when
    `write_search_bundle` wrote it."""
    return list(SEARCH_FILES) + ([SEARCH_BUNDLE] if (site_dir / SEARCH_BUNDLE).is_file() else [])


def write_search_bundle(site_dir: Path) -> list[str]:
    """The search files a saved module keeps, written where needed.

    Under OFFLINE_SEARCH_LIMIT: the manifest and SEARCH_BUNDLE, every shard and docs chunk
    joined into one script (each registers itself, so joined they register all): one file to
    save instead of hundreds, which the worker (sw.js) serves in place of any shard or chunk
    not saved on its own. Above: the manifest alone, and what searches fetched while online.
    """
    bundle = site_dir / SEARCH_BUNDLE
    bundle.unlink(missing_ok=True)
    # rglob: the docs chunks are in a tree of folders on a big course (hocvuso/search/shards.py).
    files = [path for folder in JOINED_FOLDERS for path in sorted((site_dir / folder).rglob("*.js"))]
    if not files or sum(path.stat().st_size for path in files) > OFFLINE_SEARCH_LIMIT:
        return list(SEARCH_FILES)
    with bundle.open("wb") as out:
        for path in files:
            out.write(path.read_bytes())
    return search_files(site_dir)
