"""The 48x48 PNG a ZIM file carries for Kiwix's library: a fork's own picture, else the theme's
PNG logo, scaled; else our own drawing of an open book. Pillow does the image work (part of the
optional `zim` extra, imported only when a ZIM is written).
"""

from __future__ import annotations

import io
from pathlib import Path

SIZE = 48
# Our own drawing, in a 48-unit square: an open book, white on the theme's indigo, with lines of
# text on its pages. Drawn 8 times larger and scaled down, for smooth edges.
_BACKGROUND = (64, 81, 181)  # Material's default primary colour, the site's header
_PAGES = (((7, 14), (23, 17), (23, 37), (7, 34)), ((25, 17), (41, 14), (41, 34), (25, 37)))
_LINES = tuple(
    ((x0, y0 + step), (x1, y1 + step), (x1, y1 + step + 1.6), (x0, y0 + step + 1.6))
    for (x0, y0, x1, y1) in ((10, 19.5, 20.5, 21.6), (27.5, 21.6, 38, 19.5)) for step in (0, 4.5, 9)
)
_SUPERSAMPLE = 8
OUR_DRAWING = "hình vẽ của hocvuso"


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def drawn_illustration(size: int = SIZE) -> bytes:
    """Our illustration as a size x size PNG (the theme has no raster logo)."""
    from PIL import Image, ImageDraw

    big = size * _SUPERSAMPLE
    scale = big / 48
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=9 * scale, fill=_BACKGROUND + (255,))
    for shape, colour in [(page, (255, 255, 255, 255)) for page in _PAGES] + [(line, _BACKGROUND + (255,)) for line in _LINES]:
        draw.polygon([(x * scale, y * scale) for x, y in shape], fill=colour)
    return _png(image.resize((size, size), Image.Resampling.LANCZOS))


def _read(path: Path):
    """The picture at `path` as RGBA, or None when it is not a PNG Pillow can read."""
    from PIL import Image, UnidentifiedImageError

    if not path.is_file():
        return None
    try:
        with Image.open(path) as image:
            return image.convert("RGBA") if image.format == "PNG" else None
    except (UnidentifiedImageError, OSError):
        return None


def illustration(candidates: list[Path], size: int = SIZE) -> tuple[bytes, str]:
    """The size x size PNG and where it comes from: the first candidate that is a PNG (as it is
    when already size x size, else scaled: each pixel the average of those it covers), else our
    own drawing."""
    from PIL import Image

    for path in candidates:
        image = _read(path)
        if image is None:
            continue
        if image.size == (size, size):
            return path.read_bytes(), str(path)
        return _png(image.resize((size, size), Image.Resampling.BOX)), str(path)
    return drawn_illustration(size), OUR_DRAWING
