"""Material's JavaScript bundle: loaded only when a site turns on something that needs it.

The national course uses Material's look, and of its script only the little that
hocvuso/theme/assets/hocvuso/theme.js does again (the menu closing, back to top, the title in the
header, menu sections by keyboard, tabs underlined). Everything else of the bundle (114 KB,
35 KB gzip on every learner's first visit) is for features the course leaves off. A province's
fork that turns one of them on (instant navigation, a colour palette switch, a cookie banner,
...) gets Material's bundle back, and theme.js then stands aside.

Pure Python: plain values from the site's configuration in, a yes or no out.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

# Where Material keeps its bundle in the theme (the name carries a hash: bundle.<hash>.min.js).
BUNDLE_PREFIX, BUNDLE_SUFFIX = "assets/javascripts/bundle.", ".min.js"

# Material features that only its bundle makes work (theme.js does not redo them).
NEEDS_BUNDLE = (
    "navigation.instant", "navigation.tracking", "navigation.expand", "header.autohide",
    "announce.dismiss", "content.code.copy", "content.code.annotate", "content.tabs.link",
    "content.tooltips", "content.action.edit", "content.action.view", "toc.follow",
    "search.highlight", "search.suggest", "search.share",
)
# Keys of `extra` whose Material parts are driven by its bundle (cookie consent, mike's versions).
NEEDS_BUNDLE_EXTRA = ("consent", "version")


def needs_material_bundle(features: Iterable[str] | None, palette: Any = None,
                          extra: Mapping[str, Any] | None = None, repo_url: str | None = None) -> bool:
    """Whether pages must load Material's bundle: a feature, a palette switch (a list of
    palettes), the repository's stars (repo_url) or an `extra` setting that only it drives."""
    if any(feature.startswith(NEEDS_BUNDLE) for feature in features or ()):
        return True
    if isinstance(palette, list) and palette:
        return True
    return bool(repo_url) or any((extra or {}).get(key) for key in NEEDS_BUNDLE_EXTRA)


def is_material_bundle(src_uri: str) -> bool:
    """Material's bundle file (or its source map), as the theme ships it."""
    return src_uri.startswith(BUNDLE_PREFIX) and src_uri.endswith((BUNDLE_SUFFIX, BUNDLE_SUFFIX + ".map"))
