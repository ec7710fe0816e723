"""The Markdown extensions the course is written for, declared once.

The build adds them to the engine's configuration (hooks/hocvuso_hooks.py) and `hocvuso check`
renders every page with the same list, so both see exactly the quiz fences that
pymdownx.superfences sees: what the check passes is what the page shows.
"""

from __future__ import annotations

from typing import Callable

import markdown

from .blocks import QUIZ_LANGUAGE, VIDEO_LANGUAGE
from hocvuso.text.normalise import slugify

# MkDocs (and ProperDocs) always load these before the configured ones.
ENGINE_BUILTINS = ["toc", "tables", "fenced_code"]
QUIZ_CLASS = "hvs-quiz"
VIDEO_CLASS = "hvs-video"


def extension_configs(format_quiz: Callable) -> dict[str, dict]:
    """Our extensions and their settings; `format_quiz` renders a ```quiz fence and a ```video
    fence (superfences' signature, which passes the fence's language)."""
    return {
        "toc": {"slugify": slugify},
        "admonition": {},
        "attr_list": {},
        "md_in_html": {},
        "pymdownx.details": {},
        "pymdownx.tabbed": {"alternate_style": True, "slugify": slugify},
        "pymdownx.superfences": {
            "custom_fences": [{"name": QUIZ_LANGUAGE, "class": QUIZ_CLASS, "format": format_quiz},
                              {"name": VIDEO_LANGUAGE, "class": VIDEO_CLASS, "format": format_quiz}],
        },
    }


def merge_into(names: list, configs: dict, format_quiz: Callable) -> tuple[list, dict]:
    """The engine's extension list with ours added (a fork's own extensions are kept after them)."""
    ours = extension_configs(format_quiz)
    # Order matters: superfences must come after the engine's fenced_code, whose reader it replaces.
    merged_names = list(dict.fromkeys([*names, *ours]))
    merged_configs = {**configs}
    for name, settings in ours.items():
        merged_configs[name] = {**(configs.get(name) or {}), **settings}
    return merged_names, merged_configs


def new_markdown(format_quiz: Callable) -> markdown.Markdown:
    """A Markdown converter configured as the site build configures it."""
    configs = extension_configs(format_quiz)
    names = list(dict.fromkeys([*ENGINE_BUILTINS, *configs]))
    return markdown.Markdown(extensions=names, extension_configs=configs)
