"""hocvuso/publish/minify.py: every script and stylesheet of ours is minified, wherever it sits."""

from __future__ import annotations

from hocvuso.catalogue.site_paths import ASSET_DIR, BUNDLE
from hocvuso.publish.minify import minify_assets

SCRIPT = "/* a comment learners need not download */\nvar answer = 42;\n"
STYLE = "/* a comment */\n.hvs-x {\n  color: red;\n}\n"


def test_scripts_and_styles_in_subfolders_are_minified_too(tmp_path):
    folder = tmp_path / ASSET_DIR
    (folder / "feature" / "deeper").mkdir(parents=True)
    for place in (folder, folder / "feature", folder / "feature" / "deeper"):
        (place / "a.js").write_text(SCRIPT, encoding="utf-8")
        (place / "a.css").write_text(STYLE, encoding="utf-8")
    (tmp_path / BUNDLE).write_text(SCRIPT, encoding="utf-8")
    saved = minify_assets(tmp_path, minified=(BUNDLE,))
    for place in (folder, folder / "feature", folder / "feature" / "deeper"):
        assert (place / "a.js").read_text(encoding="utf-8") == "var answer=42;", place
        assert (place / "a.css").read_text(encoding="utf-8") == ".hvs-x{color:red}", place
    assert (tmp_path / BUNDLE).read_text(encoding="utf-8") == SCRIPT  # minified when written: left alone
    assert saved == 3 * (len(SCRIPT) - len("var answer=42;") + len(STYLE) - len(".hvs-x{color:red}"))
