"""hocvuso/publish/security_policy.py and the built site: every page carries its Content Security
Policy (inline scripts by hash, nothing else inline) and its referrer policy, first in <head>
(issue #30). That the browser enforces it: tests/browser/test_security_policy_browser.py."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil

from conftest import ROOT, mkdocs_build, write_child_config

from hocvuso.publish import security_policy
from hocvuso.publish.security_policy import inline_scripts, policy, script_hash, with_policy
from page_weight import POLICY_GZIP_BUDGET, gzipped6

PAGE = """<!doctype html>
<html lang="vi">
  <head>
    <meta charset="utf-8">
    <meta name="description" content="Bài học">
    <title>Bài &lt;1&gt;</title>
    <script src="assets/a.js"></script>
    <script id="__config" type="application/json">{"base": "."}</script>
  </head>
  <body>
    <p>Chữ &amp; <b>đậm</b></p>
    <script>var a = "<b>" && 1 < 2;</script>
    <script type="text/javascript">
      go("đ");
    </script>
    <script type="module">x()</script>
  </body>
</html>
"""
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"><meta name="referrer" content="([^"]*)">')


def directives(text: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in text.split("; ")}


def test_an_inline_script_is_allowed_by_the_sha256_of_its_exact_text():
    text = 'go("đ");'
    expected = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
    assert script_hash(text) == f"'sha256-{expected}'"


def test_the_scripts_hashed_are_the_inline_ones_a_browser_runs_text_kept_as_written():
    # Not a file's script, not Material's JSON configuration (a data block, never run).
    assert inline_scripts(PAGE) == ['var a = "<b>" && 1 < 2;', '\n      go("đ");\n    ', "x()"]


def test_the_policy_is_strict_and_names_each_inline_script_once():
    page = PAGE + "<script>x()</script>"
    found = directives(policy(page))
    assert found["script-src"] == ["'self'"] + [script_hash(text) for text in inline_scripts(PAGE)]
    assert found["default-src"] == ["'self'"] and found["style-src"] == ["'self'"]
    assert found["img-src"] == ["'self'", "data:"]
    assert found["object-src"] == ["'none'"] and found["base-uri"] == ["'self'"]
    assert found["form-action"] == ["'none'"] and found["worker-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy(page) and "'unsafe-eval'" not in policy(page)
    # Ignored in a <meta> (and said so in Chromium's console): never written.
    assert not {"frame-ancestors", "report-uri", "report-to", "sandbox"} & set(found)


def test_the_meta_goes_right_after_the_charset_before_anything_a_writer_typed_or_any_script():
    built = with_policy(PAGE)
    assert built.replace(META.search(built).group(0), "") == PAGE
    head = built[built.index("<head>"):]
    assert head.index('<meta charset="utf-8">') < head.index("Content-Security-Policy") < head.index('name="description"')
    assert head.index('<meta name="referrer" content="no-referrer">') < head.index("<script")
    assert META.search(built).group(1) == policy(PAGE)


def test_without_a_charset_the_meta_opens_the_head_and_a_page_without_head_is_left_alone():
    page = "<html><head><title>x</title><script>a()</script></head><body></body></html>"
    assert with_policy(page).startswith('<html><head><meta http-equiv="Content-Security-Policy"')
    assert with_policy("<p>no head</p>") == "<p>no head</p>"


def test_the_zim_edition_allows_kiwix_serves_toolbar_and_nothing_more():
    found = directives(policy(PAGE, kiwix=True))
    assert found["form-action"] == ["'self'"]  # its search box, sent to the same server
    assert found["script-src"][-2:] == ["'unsafe-hashes'", script_hash(security_policy.KIWIX_HANDLER)]
    assert {name: value for name, value in found.items() if name not in ("form-action", "script-src")} == \
        {name: value for name, value in directives(policy(PAGE)).items() if name not in ("form-action", "script-src")}


# The one inline script the national course's pages carry: Material's content-tabs snippet.
THEME_SCRIPTS = {'var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
                 '(target.checked=target.name.startsWith("__tabbed_"))'}


def test_a_script_in_the_pages_content_gets_no_hash():
    content = '<p>Bài</p><script>steal()</script>'
    page = PAGE.replace("<p>Chữ &amp; <b>đậm</b></p>", content)
    allowed = directives(META.search(with_policy(page, content=content)).group(1))["script-src"]
    assert script_hash("steal()") not in allowed
    assert script_hash('var a = "<b>" && 1 < 2;') in allowed  # the theme's own, outside the content
    assert script_hash("steal()") in directives(META.search(with_policy(page)).group(1))["script-src"]  # what it refuses


def test_a_script_that_reaches_a_lesson_past_the_check_is_an_error_and_gets_no_hash(tmp_path):
    # A fork's Markdown extension (pymdownx.snippets) pulls a file into a lesson at build: the check
    # reads the Markdown, not what the extension brings, so the script reaches the content.
    shutil.copytree(ROOT / "tests" / "fixtures" / "khoa-nho", tmp_path, dirs_exist_ok=True)
    (tmp_path / "chen.html").write_text("<script>window.hvsForced = 1</script>\n", encoding="utf-8")
    lesson = tmp_path / "content" / "mo-dau" / "01-bai-1.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + '\n--8<-- "chen.html"\n', encoding="utf-8")
    config = write_child_config(tmp_path, f"markdown_extensions:\n  - pymdownx.snippets:\n      base_path: ['{tmp_path}']\n")
    strict = mkdocs_build(config, tmp_path / "site")
    assert strict.returncode == 1
    assert "content/mo-dau/01-bai-1.md: lỗi: Trang này có một đoạn mã (thẻ <script>) lọt qua bước kiểm tra." in strict.stderr
    assert mkdocs_build(config, tmp_path / "site", strict=False).returncode == 0
    html = (tmp_path / "site" / "mo-dau" / "01-bai-1.html").read_text(encoding="utf-8")
    assert "<script>window.hvsForced = 1</script>" in html
    assert script_hash("window.hvsForced = 1") not in directives(META.search(html).group(1))["script-src"]


def test_every_page_of_the_site_carries_the_policy_of_its_own_inline_scripts(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50 and site / "404.html" in pages
    # The theme's scripts and nothing else: a new inline script must be known here first. (Issue #27:
    # Material's content-tabs script is only on pages with content tabs, which the course has none of.)
    assert set().union(*(inline_scripts(path.read_text(encoding="utf-8")) for path in pages)) <= THEME_SCRIPTS
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found = META.findall(html)
        assert len(found) == 1, path
        content, referrer = found[0]
        assert referrer == "no-referrer"
        scripts = inline_scripts(html)
        assert directives(content)["script-src"] == ["'self'"] + list(dict.fromkeys(map(script_hash, scripts))), path
        head = html[:html.index("</head>")]
        assert head.index("Content-Security-Policy") < min(head.index(mark) for mark in ("<title>", "<script", "<link")), path
        # Nothing inline that only 'unsafe-inline' would allow: no handler attribute, no style
        # attribute or element, no javascript: address (style-src and script-src are 'self').
        assert not re.search(r"<[^>]+\son[a-z]+\s*=|<[^>]+\sstyle\s*=|<style[\s>]|javascript:", html, re.IGNORECASE), path


def test_the_policy_adds_little_to_each_page(site):
    added = {}
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        added[path.name] = gzipped6(html.encode()) - gzipped6(META.sub("", html).encode())
    assert max(added.values()) <= POLICY_GZIP_BUDGET, sorted(added.items(), key=lambda kv: -kv[1])[:3]


def test_the_zim_editions_pages_carry_the_kiwix_policy(zim_edition):
    _, site_dir = zim_edition
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        html = path.read_text(encoding="utf-8")
        content, referrer = META.findall(html)[0]
        assert content == policy(html, kiwix=True) and referrer == "no-referrer", path
