"""Small media made at test time with tools/make-sample-media.py (never committed media).

A golden fixture that needs media has a `media.txt`: one file a line, `PATH KIND [key=value ...]`
(paths inside the fixture's folder). Kinds: `video` (write_video's keywords), `audio`
(write_audio's), `captions` (write_captions: seconds=, texts=a|b), `bytes` (text= written as is).
`size=N` pads a file to exactly N bytes (a size the message states).
Each distinct file is made once per session and copied.
"""

from __future__ import annotations

import functools
import importlib.util
import shutil
import tempfile
from pathlib import Path

TOOL = Path(__file__).parent.parent / "tools" / "make-sample-media.py"
_CACHE = Path(tempfile.mkdtemp(prefix="hvs-media-"))


@functools.lru_cache(maxsize=1)
def tool():
    spec = importlib.util.spec_from_file_location("make_sample_media", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _value(text: str):
    if text.isdigit():
        return int(text)
    try:
        return float(text)
    except ValueError:
        return None if text == "none" else text


def make(line: str, folder: Path) -> None:
    path, kind, *pairs = line.split()
    options = dict(pair.split("=", 1) for pair in pairs)
    target = folder / path
    target.parent.mkdir(parents=True, exist_ok=True)
    size = int(options.pop("size", 0))
    if kind == "bytes":
        text = options.get("text", "").replace("\\n", "\n").replace("_", " ").encode("utf-8")
        target.write_bytes(text + bytes(max(0, size - len(text))))
        return
    if kind == "captions":
        texts = tuple(options.pop("texts", "Lời thứ nhất.|Lời thứ hai.").replace("_", " ").split("|"))
        tool().write_captions(target, float(options.get("seconds", 4)), texts)
        return
    cached = _CACHE / f"{kind}-{'-'.join(pairs)}{target.suffix}".replace("/", "_")
    if not cached.exists():
        values = {key: _value(value) for key, value in options.items()}
        (tool().write_video if kind == "video" else tool().write_audio)(cached, **values)
    shutil.copy(cached, target)
    if size:
        pad(target, size)


def pad(path: Path, size: int) -> None:
    """Makes a file exactly `size` bytes with filler its container skips, so a golden message's
    "MB mỗi phút" does not move with the encoder's version (FFmpeg's rate control differs)."""
    filler = size - path.stat().st_size
    if path.suffix == ".webm":  # a Matroska Void element: ID 0xEC, then its length in 8 bytes
        filler -= 9
        head = b"\xec\x01" + filler.to_bytes(7, "big")
    else:  # an MP4 `free` box: 4-byte length (itself included), then its type
        head = (filler).to_bytes(4, "big") + b"free"
        filler -= 8
    assert filler >= 0, f"{path.name} is already {path.stat().st_size} bytes, over size={size}"
    with path.open("ab") as out:
        out.write(head + bytes(filler))


GUIDE_SAMPLES = Path("content") / "huong-dan-video" / "mau"  # the Makefile's SAMPLES, git-ignored


def guide_samples(course: Path) -> None:
    """The writers' guide's sample video and narration in a course tree, as `make build`, `make
    check` and `make test` make them before anything reads the course (never committed)."""
    if not all((course / GUIDE_SAMPLES / name).exists() for name in ("mau.webm", "mau.mp4", "mau.vtt", "mau.loi-doc.webm")):
        tool().main([str(course / GUIDE_SAMPLES)])


def make_all(folder: Path) -> None:
    listing = folder / "media.txt"
    if listing.exists():
        for line in listing.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                make(line, folder)
        listing.unlink()
