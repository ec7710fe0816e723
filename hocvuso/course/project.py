"""Where a course's files live. A province's fork adds facts.local.yml beside facts.yml."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import yaml

from .facts import FactRegistry
from hocvuso.catalogue import messages
from hocvuso.catalogue.diagnostics import Diagnostic

FACT_FILES = ("facts.yml", "facts.local.yml")
STYLE_FILES = ("style.yml", "style.local.yml")  # the course's plain-language rules (style.py)
SYNONYM_FILES = ("synonyms.yml", "synonyms.local.yml")  # what the search also finds (synonyms.py)
GLOSSARY_FILE = "glossary.yml"
QUIZ_BANK_FOLDER = "quizzes"  # quizzes/<module>.yml is the module's test bank
# The engine's configuration: a fork's own first (it INHERITs mkdocs.yml).
CONFIG_FILES = ("mkdocs.local.yml", "mkdocs.yml")
# What a minute of video or of recorded narration may weigh, in MB of 1,000,000 bytes (Kolibri's
# and Kiwix's low-data encodings stay under it); a fork changes it in `extra: video:`.
VIDEO_MB_PER_MINUTE = 2.0
NARRATION_MB_PER_MINUTE = 0.4


@dataclass(frozen=True)
class MediaBudget:
    """Bytes a minute of video and of narration may weigh (check/video.py)."""

    video: float = VIDEO_MB_PER_MINUTE * 1_000_000
    narration: float = NARRATION_MB_PER_MINUTE * 1_000_000


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml as plain data: MkDocs' own tags (!ENV, !relative, !!python/name:) read as None."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _config(path: Path, depth: int = 0) -> dict:
    """One configuration file with its INHERIT chain, the fork's values over the inherited."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    parent = data.get("INHERIT")
    if isinstance(parent, str) and depth < 5:
        base = _config(path.parent / parent, depth + 1)
        extra = {**(base.get("extra") or {}), **(data.get("extra") or {})} if isinstance(base.get("extra"), dict) else data.get("extra")
        data = {**base, **data, "extra": extra}
    return data


# A fork's choice under `extra:` in its mkdocs.local.yml: lessons open in order, each once the one
# before it is finished, the module test once every lesson of the module is (assets' ordered-path.js).
# Off by default. It only changes what the learner's browser shows: every page stays whole in the
# built site (a static site cannot keep content secret), and no learner's saved progress changes.
ORDERED_PATH_SETTING = "hoc_theo_thu_tu"


def ordered_path(extra: Mapping | None, shown: str = "mkdocs.yml") -> tuple[bool, list[Diagnostic]]:
    """Whether the course's config (its `extra:`, read by the engine) asks for the ordered path;
    a value other than true or false is an error naming the setting, and the path stays off."""
    value = (extra or {}).get(ORDERED_PATH_SETTING, False) if isinstance(extra, Mapping) else False
    if isinstance(value, bool):
        return value, []
    if value is None:
        return False, []
    return False, [Diagnostic(shown, 0, 0, messages.ordered_path_not_yes_no(ORDERED_PATH_SETTING, value))]


@dataclass
class Project:
    root: Path
    docs_dir: Path

    @classmethod
    def at(cls, root: Path, docs_dir: Path | None = None) -> "Project":
        return cls(root, docs_dir or root / "content")

    def shown(self, path: Path) -> str:
        """How messages name a file: relative to the project, e.g. content/bai.md."""
        return os.path.relpath(path, self.root)

    def load_facts(self) -> tuple[FactRegistry, list[Diagnostic]]:
        paths = [self.root / name for name in FACT_FILES]
        return FactRegistry.load(paths, [self.shown(path) for path in paths])

    @property
    def style_paths(self) -> list[Path]:
        return [self.root / name for name in STYLE_FILES if (self.root / name).is_file()]

    @property
    def synonym_paths(self) -> list[Path]:
        return [self.root / name for name in SYNONYM_FILES if (self.root / name).is_file()]

    @property
    def quizzes_dir(self) -> Path:
        return self.root / QUIZ_BANK_FOLDER

    @property
    def glossary_path(self) -> Path:
        return self.root / GLOSSARY_FILE

    def media_budget(self) -> MediaBudget:
        """`extra: video: {mb_per_minute: 2, narration_mb_per_minute: 0.4}` of the course's
        configuration (a fork's mkdocs.local.yml first); a missing or wrong value keeps the default."""
        config = next((self.root / name for name in CONFIG_FILES if (self.root / name).is_file()), None)
        extra = (_config(config).get("extra") if config else None) or {}
        settings = extra.get("video") if isinstance(extra, dict) else None
        settings = settings if isinstance(settings, dict) else {}

        def megabytes(key: str, default: float) -> float:
            value = settings.get(key)
            good = isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0
            return (value if good else default) * 1_000_000

        return MediaBudget(megabytes("mb_per_minute", VIDEO_MB_PER_MINUTE),
                           megabytes("narration_mb_per_minute", NARRATION_MB_PER_MINUTE))
