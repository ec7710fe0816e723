"""Every page the build generates starts with front matter the engine reads: a broken one is
shown to learners as text ("title: … description: …" above the page's title)."""

from __future__ import annotations

import yaml

from conftest import ROOT
from hocvuso.course.project import Project
from hocvuso.site.reading import read_course, source_pages


def test_every_generated_page_has_readable_front_matter_with_its_title():
    docs = ROOT / "content"
    reading = read_course(Project.at(ROOT, docs), source_pages(docs))
    assert "cac-chuong.md" in reading.generated
    for path, page in reading.generated.items():
        assert page.markdown.startswith("---\n"), path
        front, _ = page.markdown[4:].split("\n---\n", 1)
        meta = yaml.safe_load(front)
        assert isinstance(meta, dict) and isinstance(meta.get("title"), str) and meta["title"], path
        if "description" in meta:
            assert isinstance(meta["description"], str), path
