"""Where a course's files live. A province's fork adds facts.local.yml beside facts.yml."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .facts import FactRegistry
from hocvuso.catalogue.diagnostics import Diagnostic

FACT_FILES = ("facts.yml", "facts.local.yml")
STYLE_FILES = ("style.yml", "style.local.yml")  # the course's plain-language rules (style.py)
SYNONYM_FILES = ("synonyms.yml", "synonyms.local.yml")  # what the search also finds (synonyms.py)
GLOSSARY_FILE = "glossary.yml"
QUIZ_BANK_FOLDER = "quizzes"  # quizzes/<module>.yml is the module's test bank


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
