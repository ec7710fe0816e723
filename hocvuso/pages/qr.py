"""QR codes that bring a page on paper or on a projector back to a learner's phone.

A printed lesson carries a small QR code of its online address (shown only on paper), and a
module page shows one of its own (for a projector, or printed as a poster). Both need the
site's public address, `site_url` in mkdocs.yml: a site without one (a USB stick, a test
copy) has no address to give, so it has no QR code at all.

The code is an SVG written by segno at build time (one path of dark modules, no background),
so a phone downloads no script for it. A module page holds it inline. A lesson, which every
learner downloads and few print, refers to it as a small file of its own beside the page,
loaded lazily: hidden on screen, it is fetched only when the page is printed (inline, it
would add about 650 bytes gzip to every lesson). Nothing a writer types goes into it except
the address, escaped.
"""

from __future__ import annotations

import io
import posixpath
from html import escape
from pathlib import Path
from urllib.parse import quote, unquote

import segno

QR_CLASS = "hvs-qr"
PRINT_ONLY_CLASS = "hvs-print-only"  # hidden on screen (print.css)
LESSON_LINE = "Quét mã để mở lại bài này trên điện thoại:"
MODULE_LINE = "Quét mã để mở chương này trên điện thoại:"
QR_LABEL = "Mã QR của trang này"
ERROR_CORRECTION = "m"  # about 15% of the code may be smudged or folded and it still reads
BORDER = 2  # modules of blank around the code; CSS adds a white margin of its own
# Characters an address may hold as they are; anything else (spaces, accented letters in a
# folder name) is percent-encoded, so every phone's camera app opens the same address.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def page_address(site_url: str | None, page_url: str) -> str | None:
    """The page's absolute address: the site's public address (may have a sub-path, such as
    https://example.vn/khoa-hoc/tinh/) joined with the page's URL as the engine gives it
    ("bai/01-x.html" with plain .html links, "bai/01-x/" with folder ones, "" for the home
    page). None when the site has no public address."""
    if not site_url or not site_url.strip():
        return None
    base = site_url.strip()
    base = base if base.endswith("/") else base + "/"
    return quote(base + page_url.lstrip("/").removeprefix("./"), safe=_URL_SAFE)


def qr_svg(address: str, standalone: bool = False) -> str:
    """The QR code of `address` as an <svg> with no XML declaration and dark modules only (one
    path). Inline (`standalone=False`): no size (CSS sizes it), labelled in Vietnamese for
    screen readers. As a file of its own: with its namespace, size and crisp edges, so any
    browser draws it as an image."""
    code = segno.make_qr(address, error=ERROR_CORRECTION, boost_error=False)
    out = io.BytesIO()
    code.save(out, kind="svg", xmldecl=False, svgns=standalone, nl=False, border=BORDER, omitsize=not standalone,
              svgclass=None, lineclass=None, dark="#000")
    svg = out.getvalue().decode("utf-8")
    assert svg.startswith("<svg "), svg[:20]
    extra = 'shape-rendering="crispEdges"' if standalone else f'role="img" aria-label="{QR_LABEL}"'
    return f"<svg {extra} " + svg[len("<svg "):]


def lesson_image(page_url: str) -> str:
    """Where a lesson's QR code file goes, as a site path beside the page:
    "bai/01-x.html" -> "bai/01-x.qr.svg"; with folder links "bai/01-x/" -> "bai/01-x/qr.svg"."""
    path = page_url.lstrip("/")
    if path.endswith("/") or path in ("", "./"):
        return path.removeprefix("./") + "qr.svg"
    return path.removesuffix(".html") + ".qr.svg"


def write_images(site_dir: Path, images: dict[str, str]) -> None:
    """Writes the lessons' QR code files (site path -> SVG)."""
    for site_path, svg in images.items():
        target = site_dir / unquote(site_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(svg, encoding="utf-8")


def _block(classes: str, code: str, address: str, line: str) -> str:
    """The QR code with its line of text and the address written out (for those who type it).
    Kept out of the search index: every page would otherwise match "quét mã"."""
    return (f'<div class="{classes}" data-search-exclude>{code}'
            f'<p>{escape(line)} <span class="hvs-qr-address">{escape(address)}</span></p></div>')


def lesson_block(address: str, image: str) -> str:
    """A lesson's QR code: on paper only, so it costs the screen nothing; `image` is the site
    path of its file (lesson_image), which sits beside the page."""
    code = f'<img src="{escape(posixpath.basename(image))}" alt="{QR_LABEL}" loading="lazy">'
    return _block(f"{QR_CLASS} {PRINT_ONLY_CLASS}", code, address, LESSON_LINE)


def module_block(address: str) -> str:
    """A module page's QR code, inline: seen on screen too (a projector in class, a poster)."""
    return _block(QR_CLASS, qr_svg(address), address, MODULE_LINE)


def insert_after_heading(html: str, block: str) -> str:
    """`block` right under the page's title (its first <h1>), where a printed sheet starts;
    at the top when the page has no title of its own."""
    end = html.find("</h1>")
    return html[: end + len("</h1>")] + block + html[end + len("</h1>"):] if end >= 0 else block + html
