"""Where the tool's theme lives in the package.

The templates and browser assets are package data (hocvuso/theme/), so an installed wheel
builds a course with no checkout beside it. The hook puts THEME_DIR between a course's own
`custom_dir` (a fork's additions) and Material's templates. The site paths the tool publishes
are named in hocvuso/catalogue/site_paths.py.
"""

from __future__ import annotations

from pathlib import Path

from hocvuso.catalogue.site_paths import ASSET_DIR

# The package's theme folder: templates (main.html, partials/) and assets/.
THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
# Our scripts and stylesheets as kept in THEME_DIR: where they are published, in the theme.
ASSET_SOURCE_DIR = THEME_DIR / ASSET_DIR


def theme_dirs(dirs: list[str], custom_dir: str | None) -> list[str]:
    """The theme's search path with ours after the course's own folder and before Material's."""
    ours = str(THEME_DIR)
    rest = [folder for folder in dirs if folder != ours]
    at = 1 if custom_dir and rest and rest[0] == custom_dir else 0
    return rest[:at] + [ours] + rest[at:]
