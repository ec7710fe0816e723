"""The browser floor (README: "Browser floor", and "Chạy trên điện thoại cũ" for learners; issue
#26): every script the site ships parses as ECMAScript 2017 and uses no API newer than the floor.

The floor is Chrome and Android WebView 58, Safari on iOS 12, Firefox 68. ES2017 is the newest
edition all three run whole (Safari 12 and Firefox 68 lack ES2018's regular expressions:
look-behind, named groups; Chrome has all of ES2017 from 58). Every script is parsed
by acorn (npm, installed by `make test` under .venv/node) at ecmaVersion 2017 as a classic
script: ours as written, the vendored QR code library, the service worker, and everything a
built site loads (the minified bundle, the course map, the search index's files, the pages'
inline scripts). A script using newer syntax fails with its file, line and the construct.
A parser is only a parser: the names below are APIs newer than the floor, refused as tokens
(never in strings or comments), each with what to write instead."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

ECMA_VERSION = 2017
FLOOR = "Chrome/Android WebView 58, Safari/iOS 12, Firefox 68"
SOURCES = sorted((ROOT / "hocvuso" / "theme" / "assets" / "hocvuso").glob("*.js")) + sorted(
    (ROOT / "hocvuso" / "theme" / "assets" / "vendor").rglob("*.js"))

# Token sequences that must not appear in a shipped script, and why (versions: Chrome, Safari,
# Firefox that first have it; every one is newer than the floor somewhere). "." "x" "(" is a call
# of a method named x; a bare name is a global.
NEWER_THAN_FLOOR = [
    (["?."], "optional chaining: Chrome 80, Safari 13.1, Firefox 74; write a && a.b"),
    (["??"], "nullish coalescing: Chrome 80, Safari 13.1, Firefox 72; write a != null ? a : b"),
    (["structuredClone"], "Chrome 98, Safari 15.4, Firefox 94; JSON.parse(JSON.stringify(x)) for our plain data"),
    ([".", "at", "("], "Array/String .at(): Chrome 92, Safari 15.4, Firefox 90; write x[x.length - 1]"),
    ([".", "replaceAll", "("], "Chrome 85, Safari 13.1, Firefox 77; write .replace(/.../g, ...)"),
    (["Object", ".", "hasOwn"], "Chrome 93, Safari 15.4, Firefox 92; write Object.prototype.hasOwnProperty.call"),
    (["Object", ".", "fromEntries"], "Chrome 73, Safari 12.1, Firefox 63; build the object in a loop"),
    ([".", "flat", "("], "Chrome 69, Safari 12, Firefox 62; write [].concat.apply([], x)"),
    ([".", "flatMap", "("], "Chrome 69, Safari 12, Firefox 62; map, then [].concat.apply"),
    ([".", "finally", "("], "Promise .finally(): Chrome 63, Safari 11.1, Firefox 58; write .then(f, f)"),
    (["Promise", ".", "allSettled"], "Chrome 76, Safari 13, Firefox 71; catch each promise, then Promise.all"),
    (["Promise", ".", "any"], "Chrome 85, Safari 14, Firefox 79"),
    ([".", "matchAll", "("], "Chrome 73, Safari 13, Firefox 67; loop over regex.exec with the g flag"),
    ([".", "trimStart", "("], "Chrome 66, Safari 12, Firefox 61; write .replace(/^\\s+/, \"\")"),
    ([".", "trimEnd", "("], "Chrome 66, Safari 12, Firefox 61; write .replace(/\\s+$/, \"\")"),
    ([".", "findLast", "("], "Chrome 97, Safari 15.4, Firefox 104; loop from the end"),
    ([".", "findLastIndex", "("], "Chrome 97, Safari 15.4, Firefox 104; loop from the end"),
    ([".", "toSorted", "("], "Chrome 110, Safari 16, Firefox 115; write x.slice().sort()"),
    ([".", "toReversed", "("], "Chrome 110, Safari 16, Firefox 115; write x.slice().reverse()"),
    (["Object", ".", "groupBy"], "Chrome 117, Safari 17.4, Firefox 119; group in a loop"),
    ([".", "toggleAttribute", "("], "Chrome 69, Safari 12, Firefox 63; setAttribute/removeAttribute"),
    ([".", "replaceChildren", "("], "Chrome 86, Safari 14, Firefox 78; set textContent or innerHTML"),
    ([".", "randomUUID", "("], "crypto.randomUUID: Chrome 92, Safari 15.4, Firefox 95; crypto.getRandomValues"),
    (["globalThis"], "Chrome 71, Safari 12.1, Firefox 65; write window (or self in the worker)"),
    (["queueMicrotask"], "Chrome 71, Safari 12.1, Firefox 69; write Promise.resolve().then(f)"),
    (["AbortController"], "Chrome 66, Safari 12.1, Firefox 57; a timer that ignores a late answer"),
    (["IntersectionObserver"], "Safari 12.1 (not 12.0); scroll events, or nothing"),
    (["ResizeObserver"], "Chrome 64, Safari 13.1, Firefox 69; resize events"),
    (["BigInt"], "Chrome 67, Safari 14, Firefox 68; numbers, or Math.imul for 32-bit hashes"),
    (["Intl", ".", "Segmenter"], "Chrome 87, Safari 14.1, Firefox 125; split on spaces"),
]

# One node process for any number of scripts. In on stdin: {ecma, files: [[name, source]],
# banned: [[tokens, why]]}; out: one problem a line, "name:line:column: what".
CHECKER = r"""
const acorn = require(process.env.HOCVUSO_ACORN);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const problems = [];
const editions = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];
const parses = (source, ecma) => {
  try { acorn.parse(source, {ecmaVersion: ecma, sourceType: "script"}); return true; } catch (e) { return false; }
};
// Constructs newer than ES2017 (and the ES2015-2017 ones, should the level ever go down).
const constructs = node => {
  const found = [];
  const regex = node.type === "Literal" && node.regex;
  if (node.type === "ChainExpression") found.push("optional chaining ?.");
  if (node.type === "LogicalExpression" && node.operator === "??") found.push("nullish coalescing ??");
  if (node.type === "AssignmentExpression" && ["||=", "&&=", "??="].includes(node.operator)) found.push("logical assignment " + node.operator);
  if ((node.type === "BinaryExpression" || node.type === "AssignmentExpression") && /^\*\*/.test(node.operator)) found.push("exponent operator **");
  if (/Function/.test(node.type) && node.async) found.push("async function");
  if (node.type === "ObjectExpression" && node.properties.some(p => p.type === "SpreadElement")) found.push("object spread {...x}");
  if (node.type === "ObjectPattern" && node.properties.some(p => p.type === "RestElement")) found.push("object rest {...x}");
  if (node.type === "ForOfStatement" && node.await) found.push("for await");
  if (node.type === "CatchClause" && !node.param) found.push("catch without its (error)");
  if (node.type === "Literal" && node.bigint) found.push("BigInt literal");
  if (node.type === "Literal" && typeof node.value === "number" && /_/.test(node.raw)) found.push("numeric separator");
  if (regex && /[sdv]/.test(regex.flags)) found.push("regular expression flag " + regex.flags.replace(/[gimuy]/g, ""));
  if (regex && /\(\?<[=!]/.test(regex.pattern)) found.push("regular expression look-behind (?<=");
  if (regex && /\(\?<[A-Za-z_$]/.test(regex.pattern)) found.push("regular expression named group (?<name>");
  if (regex && /\\[pP]\{/.test(regex.pattern)) found.push("regular expression property escape \\p{");
  if (node.type === "ImportExpression" || node.type === "MetaProperty") found.push("import() / import.meta");
  if (node.type === "PropertyDefinition") found.push("class field");
  if (node.type === "PrivateIdentifier") found.push("private #name");
  if (node.type === "StaticBlock") found.push("class static block");
  if (node.type === "ClassDeclaration" || node.type === "ClassExpression") found.push("class");
  if (node.type === "ArrowFunctionExpression") found.push("arrow function");
  if (node.type === "TemplateLiteral") found.push("template literal");
  return found;
};
// The construct at the parser's complaint: the smallest node around it that is one of the above.
const describe = (source, pos) => {
  let ast, best = null;
  try { ast = acorn.parse(source, {ecmaVersion: "latest", sourceType: "script"}); } catch (e) { return null; }
  const walk = node => {
    if (!node || typeof node.type !== "string") return;
    if (node.start <= pos && pos <= node.end) {
      const found = constructs(node);
      if (found.length && (!best || node.end - node.start <= best.size)) best = {size: node.end - node.start, what: found[0]};
    }
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (Array.isArray(value)) value.forEach(walk); else if (value && typeof value.type === "string") walk(value);
    }
  };
  walk(ast);
  return best && best.what;
};
const tokenText = t => t.type.label === "name" ? t.value : (t.type.label === "_=" ? t.value : t.type.label);
for (const [name, source] of input.files) {
  try {
    acorn.parse(source, {ecmaVersion: input.ecma, sourceType: "script"});
  } catch (error) {
    if (!error.loc) throw error;
    const line = source.split("\n")[error.loc.line - 1] || "";
    const excerpt = line.slice(Math.max(0, error.loc.column - 40), error.loc.column + 40).trim();
    const edition = editions.find(ecma => ecma > input.ecma && parses(source, ecma));
    const what = describe(source, error.pos);
    problems.push(name + ":" + error.loc.line + ":" + (error.loc.column + 1) + ": " +
      (edition ? "ES" + edition + " syntax, newer than ES" + input.ecma : "not JavaScript: " + error.message) +
      (what ? " (" + what + ")" : "") + ": " + excerpt);
  }
  let tokens = [];
  try { tokens = Array.from(acorn.tokenizer(source, {ecmaVersion: "latest", locations: true})); } catch (e) { /* reported above */ }
  const texts = tokens.map(tokenText);
  for (const [sequence, why] of input.banned) {
    for (let i = 0; i + sequence.length <= texts.length; i++) {
      if (sequence.every((text, k) => texts[i + k] === text)) {
        const at = tokens[i + (sequence[0] === "." ? 1 : 0)].loc.start;
        problems.push(name + ":" + at.line + ":" + (at.column + 1) + ": " + sequence.join("") + " is newer than the floor: " + why);
      }
    }
  }
}
process.stdout.write(problems.join("\n"));
"""


def _acorn() -> Path:
    """acorn's package folder, or a skip when this machine has no Node.js to run it."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("Máy này không có Node.js/npm: bỏ qua việc đọc thử các tệp script ở mức trình duyệt tối thiểu "
                    "(no node/npm here: the browser-floor parse check needs acorn from npm)")
    acorn = Path(os.environ.get("HOCVUSO_ACORN") or ROOT / ".venv" / "node" / "node_modules" / "acorn")
    assert (acorn / "package.json").is_file(), (
        f"acorn is not installed at {acorn}: `make test` installs it "
        "(npm install --prefix .venv/node --no-audit --no-fund 'acorn@>=8 <9')")
    return acorn


def problems(files: list[tuple[str, str]], ecma: int = ECMA_VERSION) -> list[str]:
    """Every construct or API newer than the floor in `files` ((name, source) pairs)."""
    acorn = _acorn()
    result = subprocess.run(["node", "-e", CHECKER], input=json.dumps({"ecma": ecma, "files": files, "banned": NEWER_THAN_FLOOR}),
                            capture_output=True, text=True, env={**os.environ, "HOCVUSO_ACORN": str(acorn)}, timeout=120)
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


def _read(path: Path, base: Path) -> tuple[str, str]:
    return str(path.relative_to(base)), path.read_text(encoding="utf-8")


_INLINE = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)


def inline_scripts(site: Path) -> list[tuple[str, str]]:
    """The pages' own <script> elements that run (not JSON data), each distinct one once."""
    seen: dict[str, str] = {}
    for page in sorted(site.rglob("*.html")):
        for match in _INLINE.finditer(page.read_text(encoding="utf-8")):
            kind = re.search(r'type="([^"]*)"', match.group(1))
            if kind and kind.group(1) not in ("text/javascript", "module"):
                continue
            seen.setdefault(match.group(2), f"{page.relative_to(site)} <script>")
    return [(name, source) for source, name in seen.items()]


def test_our_scripts_and_the_vendored_ones_parse_at_the_floor():
    files = [_read(path, ROOT) for path in SOURCES]
    assert any(name.endswith("sw.js") for name, _ in files) and any("vendor" in name for name, _ in files)
    found = problems(files)
    assert found == [], f"newer than the browser floor ({FLOOR}, ES{ECMA_VERSION}):\n" + "\n".join(found)


def test_the_theme_s_inline_scripts_parse_at_the_floor():
    # Some are written only on some pages (Material's content-tabs scripts, on pages with tabs,
    # which the course has none of): read them from the templates, so none goes unparsed.
    files = []
    for template in sorted((ROOT / "hocvuso" / "theme").rglob("*.html")):
        for match in _INLINE.finditer(template.read_text(encoding="utf-8")):
            if "{{" not in match.group(2) and "{%" not in match.group(2) and "type=" not in match.group(1):
                files.append((f"{template.relative_to(ROOT)} <script>", match.group(2)))
    assert any("__tabbed_" in source for _, source in files)
    found = problems(files)
    assert found == [], f"newer than the browser floor ({FLOOR}, ES{ECMA_VERSION}):\n" + "\n".join(found)


def test_every_script_a_built_site_ships_parses_at_the_floor(site):
    files = [_read(path, site) for path in sorted(site.rglob("*.js"))] + inline_scripts(site)
    names = {name for name, _ in files}
    # What a page loads: the bundle, the course map, the early reading settings, the worker.
    assert {"assets/hocvuso/bundle.js", "assets/hocvuso/course.js", "assets/hocvuso/reading-early.js", "sw.js"} <= names
    found = problems(files)
    assert found == [], f"newer than the browser floor ({FLOOR}, ES{ECMA_VERSION}):\n" + "\n".join(found)


NEWER_SYNTAX = {
    "var b = a?.b;": "optional chaining",
    "var x; x ??= 1;": "logical assignment ??=",
    "var c = a ?? 1;": "nullish coalescing",
    "var o = {...p};": "object spread",
    "try { f(); } catch { g(); }": "catch without its (error)",
    "var r = /(?<=a)b/;": "look-behind",
    "var r = /(?<year>\\d+)/;": "named group",
    "var r = /a.b/s;": "flag s",
    "var n = 1n;": "BigInt literal",
    "class A { x = 1; }": "class field",
}


@pytest.mark.parametrize("source", NEWER_SYNTAX)
def test_syntax_newer_than_the_floor_is_refused_with_its_line_and_name(source):
    found = problems([("sample.js", "var a = {}, p = {};\nfunction f() {}\nfunction g() {}\n" + source)])
    syntax = [line for line in found if "syntax" in line]
    assert len(syntax) == 1 and syntax[0].startswith("sample.js:4:") and NEWER_SYNTAX[source] in syntax[0], found


def test_the_floor_s_own_syntax_passes():
    source = ("'use strict'; class A { static b() { return `${1}`; } }\n"
              "async function f(a, b,) { const c = await g(a ** 2); let [d] = [c]; return d; }\n"
              "function g(x) { return Promise.resolve(x); }\nvar h = (...x) => x.includes(1) && 'x'.padStart(2);")
    assert problems([("fine.js", source)]) == []


def test_apis_newer_than_the_floor_are_refused_as_code_not_as_text():
    source = ("var list = [1, 2];\nvar last = list.at(-1);\nvar s = 'a-b'.replaceAll('-', ' ');\n"
              "var copy = structuredClone(list);\n"
              "// .at( and structuredClone in a comment, and in a string: '.replaceAll('\n"
              "var at = 1, o = { at: 2 }; list.slice(at); o.at;\n")
    found = problems([("apis.js", source)])
    assert [line.split(" is newer")[0] for line in found] == [
        "apis.js:4:12: structuredClone", "apis.js:2:17: .at(", "apis.js:3:15: .replaceAll("], found
