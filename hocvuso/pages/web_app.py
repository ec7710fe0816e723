"""The web app manifest: the course added to a phone's home screen opens as an app of its own.

Why it matters for progress: Safari (every iPhone browser, and the in-app browsers of Zalo and
Facebook) deletes a site's storage after 7 days of use without a visit; a home-screen web app keeps
its own storage and is not counted that way. Written at build next to index.html; every path in it
is relative to the manifest, so the site works under any sub-path."""

from __future__ import annotations

import json

from hocvuso.catalogue.site_paths import ICONS, WEB_MANIFEST as MANIFEST
ICON_SIZES = (192, 512)
APPLE_ICON = f"{ICONS}/icon-180.png"  # iOS reads <link rel="apple-touch-icon">, not the manifest's icons
THEME_COLOUR = "#3f51b5"  # Material's indigo, the header's colour
# A home-screen label shows about 12 characters.
SHORT_NAME = "Học vụ số"


def manifest(site_name: str, description: str = "") -> str:
    """The manifest's JSON text; the names are the writer's plain text, written as JSON strings."""
    data = {
        "name": site_name,
        "short_name": SHORT_NAME if len(site_name) > 12 else site_name,
        "description": description,
        "lang": "vi",
        "dir": "ltr",
        "start_url": "./index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [{"src": f"{ICONS}/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"}
                  for size in ICON_SIZES],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def head_links() -> dict[str, str]:
    """What every page's <head> names (hocvuso/theme/main.html): site paths, and the header's colour."""
    return {"manifest": MANIFEST, "apple_icon": APPLE_ICON, "theme_colour": THEME_COLOUR}
