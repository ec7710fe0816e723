"""Makes small sample media with PyAV (the extra `video`): never large committed files.

    .venv/bin/python tools/make-sample-media.py FOLDER

writes into FOLDER (git-ignored, content/huong-dan-video/mau/ for the writers' guide):
`mau.webm` and `mau.mp4` (a few seconds of FFmpeg's test picture with its running counter, and a tone),
`mau.vtt` (Vietnamese captions covering it) and `mau.loi-doc.webm` (a voice-only narration: a
tone, Opus). The tests import `write_video`, `write_audio` and `write_captions` to make good and
bad files at test time.
"""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

import av


def _pull(graph_source: str, options: str, sink: str, noise: int = 0):
    graph = av.filter.Graph()
    source = graph.add(graph_source, options)
    out = graph.add(sink)
    if noise:  # a dim room's sensor noise, new in every frame: what costs an encoder most
        grain = graph.add("noise", f"alls={noise}:allf=t")
        source.link_to(grain)
        grain.link_to(out)
    else:
        source.link_to(out)
    graph.configure()
    while True:
        try:
            yield out.pull()
        except (av.error.EOFError, av.error.BlockingIOError):
            return


def write_video(path: Path, seconds: float = 4, width: int = 320, height: int = 180, video_codec: str = "libvpx",
                audio_codec: str | None = "libopus", container: str | None = None, bit_rate: int = 50_000,
                frame_rate: int = 10, pattern: str = "testsrc", key_every: int | None = None, noise: int = 0) -> Path:
    """FFmpeg's test picture (`testsrc`: a counter of seconds; `smptebars`: still bars) with a tone
    under it; `key_every` frames a key frame (a player seeking lands on one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w", format=container) as out:
        video = out.add_stream(video_codec, rate=frame_rate)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.bit_rate = bit_rate
        if key_every:
            video.codec_context.gop_size = key_every
        if video_codec == "libvpx":
            video.codec_context.options = {"deadline": "realtime", "cpu-used": "8"}
        audio = None
        if audio_codec:
            audio = out.add_stream(audio_codec, rate=48000 if "opus" in audio_codec else 44100)
            audio.layout, audio.bit_rate = "mono", 32_000
        for index, frame in enumerate(_pull(pattern, f"size={width}x{height}:rate={frame_rate}:duration={seconds}", "buffersink", noise)):
            picture = frame.reformat(format="yuv420p")
            picture.pts, picture.time_base = index, Fraction(1, frame_rate)
            out.mux(video.encode(picture))
        out.mux(video.encode(None))
        if audio is not None:
            _tone(out, audio, seconds)
    return path


def _tone(out, audio, seconds: float) -> None:
    resampler = av.AudioResampler(format=audio.codec_context.codec.audio_formats[0].name, layout="mono", rate=audio.rate)
    for frame in _pull("sine", f"frequency=440:duration={seconds}:sample_rate={audio.rate}", "abuffersink"):
        for sound in resampler.resample(frame):
            sound.pts = None
            out.mux(audio.encode(sound))
    out.mux(audio.encode(None))


def write_audio(path: Path, seconds: float = 4, audio_codec: str = "libopus", container: str | None = None,
                bit_rate: int = 24_000) -> Path:
    """A voice-only file: a tone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w", format=container) as out:
        audio = out.add_stream(audio_codec, rate=48000 if "opus" in audio_codec else 44100)
        audio.layout, audio.bit_rate = "mono", bit_rate
        _tone(out, audio, seconds)
    return path


def _stamp(seconds: float) -> str:
    millis = int(round(seconds * 1000))
    return f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d}.{millis % 1000:03d}"


def write_captions(path: Path, seconds: float = 4, texts: tuple[str, ...] = ("Đây là video mẫu.", "Số đếm chạy từng giây.")) -> Path:
    """Vietnamese WebVTT, its cues sharing `seconds` evenly."""
    step = seconds / len(texts)
    lines = ["WEBVTT", ""]
    for index, text in enumerate(texts):
        lines += [f"{_stamp(index * step)} --> {_stamp((index + 1) * step)}", text, ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[0])
    write_video(folder / "mau.webm", seconds=6)
    write_video(folder / "mau.mp4", seconds=6, video_codec="libx264", audio_codec="aac")  # for older iPhones
    write_captions(folder / "mau.vtt", 6, ("Đây là video mẫu: số đếm ở giữa chạy từng giây.",
                                            "Tiếng kêu đều là âm thanh thử.", "Hết video mẫu."))
    write_audio(folder / "mau.loi-doc.webm", seconds=6)
    for path in sorted(folder.iterdir()):
        print(f"{path}: {path.stat().st_size:,} bytes".replace(",", "."))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
