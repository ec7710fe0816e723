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


@dataclass(frozen=True)
class _Setting:
    """One value under `extra:` and where it is written (1-based line and column of its key)."""

    value: object
    path: Path
    line: int
    column: int


def _read_extra(path: Path, depth: int = 0) -> dict[str, _Setting]:
    """`extra:` of one configuration file with its INHERIT chain, key by key, the fork's values over
    the inherited, each with the file and line that set it (so the check and the build name them)."""
    try:
        loader = _TolerantLoader(path.read_text(encoding="utf-8"))
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return {}
    parent = data.get("INHERIT")
    settings = _read_extra(path.parent / parent, depth + 1) if isinstance(parent, str) and depth < 5 else {}
    extra = data.get("extra")
    if not isinstance(extra, dict):
        return settings
    keys = next((value.value for key, value in node.value
                 if isinstance(key, yaml.ScalarNode) and key.value == "extra" and isinstance(value, yaml.MappingNode)), [])
    where = {key.value: key.start_mark for key, _ in keys if isinstance(key, yaml.ScalarNode)}
    for name, value in extra.items():
        mark = where.get(name)
        inherited = settings.get(name)
        if isinstance(value, dict) and inherited is not None and isinstance(inherited.value, dict):
            value = _merged(inherited.value, value)  # as MkDocs merges an INHERIT chain: key by key, deep
        settings[name] = _Setting(value, path, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0)
    return settings


def _merged(base: dict, over: dict) -> dict:
    merged = dict(base)
    for key, value in over.items():
        merged[key] = _merged(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged


# A fork's choice under `extra:` in its mkdocs.local.yml: lessons open in order, each once the one
# before it is finished, the module test once every lesson of the module is (assets' ordered-path.js).
# Off by default. It only changes what the learner's browser shows: every page stays whole in the
# built site (a static site cannot keep content secret), and no learner's saved progress changes.
ORDERED_PATH_SETTING = "hoc_theo_thu_tu"


def ordered_path(extra: Mapping | None, shown: str = "mkdocs.yml", line: int = 0,
                 column: int = 0) -> tuple[bool, list[Diagnostic]]:
    """Whether the course's `extra:` asks for the ordered path; a value other than true or false
    is an error naming the setting (at `shown`:`line`:`column`, where it is written), and the path stays off."""
    value = (extra or {}).get(ORDERED_PATH_SETTING, False) if isinstance(extra, Mapping) else False
    if isinstance(value, bool):
        return value, []
    if value is None:
        return False, []
    return False, [Diagnostic(shown, line, column, messages.ordered_path_not_yes_no(ORDERED_PATH_SETTING, value))]


@dataclass(frozen=True)
class CourseSettings:
    """What the tool reads of the course's configuration (its `extra:`), read once for the check and
    the build alike (Project.settings, hocvuso/site/reading.py)."""

    ordered_path: bool = False
    media: MediaBudget = MediaBudget()


@dataclass
class Project:
    root: Path
    docs_dir: Path
    # The engine's configuration the build was given (`mkdocs build -f`); the check, which is given
    # none, reads the first of CONFIG_FILES in the project.
    config_file: Path | None = None

    @classmethod
    def at(cls, root: Path, docs_dir: Path | None = None, config_file: Path | None = None) -> "Project":
        return cls(root, docs_dir or root / "content", config_file)

    @property
    def config_path(self) -> Path | None:
        if self.config_file is not None:
            return self.config_file
        return next((self.root / name for name in CONFIG_FILES if (self.root / name).is_file()), None)

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

    def settings(self) -> tuple[CourseSettings, list[Diagnostic]]:
        """The course's settings from its configuration (a fork's mkdocs.local.yml first, with what it
        inherits), and the problems found in them, each naming the file and line."""
        config = self.config_path
        extra = _read_extra(config) if config else {}
        setting = extra.get(ORDERED_PATH_SETTING)
        if setting is None:
            ordered, problems = False, []
        else:
            ordered, problems = ordered_path({ORDERED_PATH_SETTING: setting.value}, self.shown(setting.path),
                                             setting.line, setting.column)
        media, media_problems = _media_budget(extra.get("video"), self.shown)
        return CourseSettings(ordered, media), problems + media_problems

    def media_budget(self) -> MediaBudget:
        return self.settings()[0].media


MEDIA_BUDGET_KEYS = {"mb_per_minute": VIDEO_MB_PER_MINUTE, "narration_mb_per_minute": NARRATION_MB_PER_MINUTE}


def _media_budget(setting: _Setting | None, shown) -> tuple[MediaBudget, list[Diagnostic]]:
    """`extra: video: {mb_per_minute: 2, narration_mb_per_minute: 0.4}`: a wrong key or value is an
    error at the `video:` line (a "2,5" written with a comma would silently keep the default), and
    the default stays."""
    if setting is None or setting.value is None:
        return MediaBudget(), []

    def problem(message: str) -> Diagnostic:
        return Diagnostic(shown(setting.path), setting.line, setting.column, message)

    if not isinstance(setting.value, dict):
        return MediaBudget(), [problem(messages.media_budget_not_a_mapping(str(setting.value)))]
    problems, values = [], {}
    for key, value in setting.value.items():
        if key not in MEDIA_BUDGET_KEYS:
            problems.append(problem(messages.media_budget_unknown_key(str(key), list(MEDIA_BUDGET_KEYS))))
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
            values[key] = value
        else:
            problems.append(problem(messages.media_budget_not_a_number(key, str(value), MEDIA_BUDGET_KEYS[key])))
    return MediaBudget(*(values.get(key, default) * 1_000_000 for key, default in MEDIA_BUDGET_KEYS.items())), problems

