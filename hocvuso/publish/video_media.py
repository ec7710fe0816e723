"""Makes the course's video files with PyAV (FFmpeg's libraries, the optional extra `video`).

`prepare` turns a phone recording into the low-data encodings every supported engine plays
(measured: README "Video"), a poster and a caption skeleton; `narration` keeps the voice only;
`write_posters` makes, at build, the poster of a block that names none.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from hocvuso.catalogue import messages, site_paths

# WebM VP8 + Opus first (what WebViews without H.264 play), then MP4 H.264 + AAC for players
# without WebM (old iPhones). At most 480p, 25 frames a second, mono voice. Measured by
# tests/bench_video.py (20 s of 720p30, MB a minute): a bright steady shot WebM 1.01, MP4 1.33; grain
# in every frame 1.81 and 1.35; a still slide 0.87 and 0.41. VP8's cpu-used 2, not 4: at 4 the
# same shots came out at 1.96, 3.45 and 1.70 (its faster search misses what a picture keeps); 2
# takes about 1.65 times as long (the three shots' video: 14.2 s against 8.6, 2 cores), once. Chromium, WebKitGTK and Firefox ESR all play both files and both
# narration forms (Opus in WebM, AAC in M4A).
FRAME_RATE = 25
LONG_SIDE, SHORT_SIDE = 854, 480
POSTER_WIDTH, POSTER_HEIGHT = 400, 225
CUE_SECONDS = 4  # the caption skeleton's cues


@dataclass(frozen=True)
class Encoding:
    suffix: str
    container: str
    video_codec: str
    video_rate: int  # bits a second
    audio_codec: str
    audio_rate: int
    options: tuple[tuple[str, str], ...] = ()


WEBM = Encoding(".webm", "webm", "libvpx", 80_000, "libopus", 32_000,
                (("deadline", "good"), ("cpu-used", "2"), ("lag-in-frames", "16"), ("auto-alt-ref", "1"), ("qmax", "63"), ("undershoot-pct", "95")))
# Constrained baseline: what old phones' hardware decoders play.
MP4 = Encoding(".mp4", "mp4", "libx264", 140_000, "aac", 32_000,
               (("profile", "baseline"), ("preset", "medium"), ("movflags", "+faststart")))
ENCODINGS = (WEBM, MP4)
NARRATION = Encoding(".loi-doc.webm", "webm", "", 0, "libopus", 24_000, (("application", "voip"),))


def _av():
    import av  # the extra `video`; cli.py says how to install it when missing

    return av


def fit(width: int, height: int, long_side: int = LONG_SIDE, short_side: int = SHORT_SIDE) -> tuple[int, int]:
    """The size within 480p (upright or sideways), aspect kept, even numbers (the codecs need them)."""
    landscape = width >= height
    bound_w, bound_h = (long_side, short_side) if landscape else (short_side, long_side)
    scale = min(1.0, bound_w / width, bound_h / height)
    return max(2, int(width * scale) // 2 * 2), max(2, int(height * scale) // 2 * 2)


def _encode(source: Path, target: Path, encoding: Encoding, with_video: bool = True, short_side: int = SHORT_SIDE) -> None:
    av = _av()
    with av.open(str(source)) as inp:
        in_video = inp.streams.video[0] if inp.streams.video and with_video else None
        in_audio = inp.streams.audio[0] if inp.streams.audio else None
        options = dict(encoding.options)
        container_options = {key: options.pop(key) for key in list(options) if key == "movflags"}
        with av.open(str(target), "w", format=encoding.container, options=container_options) as out:
            out_video = out_audio = None
            if in_video is not None:
                width, height = fit(in_video.codec_context.width, in_video.codec_context.height,
                                    LONG_SIDE * short_side // SHORT_SIDE // 2 * 2, short_side)
                out_video = out.add_stream(encoding.video_codec, rate=FRAME_RATE,
                                           options={key: value for key, value in options.items() if key != "application"})
                out_video.width, out_video.height, out_video.pix_fmt = width, height, "yuv420p"
                out_video.bit_rate = encoding.video_rate
            if in_audio is not None:
                out_audio = out.add_stream(encoding.audio_codec, rate=48000 if "opus" in encoding.audio_codec else 44100)
                out_audio.layout = "mono"
                out_audio.bit_rate = encoding.audio_rate
                if "application" in options:
                    out_audio.codec_context.options = {"application": options["application"]}
            resampler = av.AudioResampler(format=out_audio.codec_context.codec.audio_formats[0].name, layout="mono",
                                          rate=out_audio.rate) if out_audio else None
            streams = [stream for stream in (in_video, in_audio) if stream is not None]
            last_pts = -1
            for frame in inp.decode(*streams):
                if isinstance(frame, av.VideoFrame) and out_video is not None:
                    # Phones record 30-60 frames a second, often variable: 25 steady ones are enough.
                    pts = int(round((frame.time or 0) * FRAME_RATE))
                    if pts <= last_pts:
                        continue
                    last_pts = pts
                    picture = frame.reformat(out_video.width, out_video.height, format="yuv420p")
                    picture.pts, picture.time_base = pts, Fraction(1, FRAME_RATE)
                    # The decoded frame keeps its source's picture type and duration, and FFmpeg's
                    # encoders obey them: a source whose every frame is marked I (an all-intra or MJPEG
                    # recording, FFmpeg's test pictures) made every output frame a key frame, and a
                    # duration counted in the source's time base told libvpx each frame lasted seconds,
                    # so its rate control spent freely: 2 to 20 times the bit rate asked (#28).
                    picture.pict_type, picture.duration = av.video.frame.PictureType.NONE, 1
                    out.mux(out_video.encode(picture))
                elif isinstance(frame, av.AudioFrame) and out_audio is not None:
                    for sound in resampler.resample(frame):
                        sound.pts = None
                        out.mux(out_audio.encode(sound))
            for stream in (out_video, out_audio):
                if stream is not None:
                    out.mux(stream.encode(None))


def make_poster(video: Path, target: Path) -> None:
    """A 400×225-ish JPEG of the video, from a frame a little way in (the first is often black)."""
    av = _av()
    with av.open(str(video)) as inp:
        stream = inp.streams.video[0]
        seconds = inp.duration / 1_000_000 if inp.duration else 0
        wanted = min(1.0, seconds / 10)
        chosen = None
        for frame in inp.decode(stream):
            chosen = frame
            if (frame.time or 0) >= wanted:
                break
    width, height = fit(chosen.width, chosen.height, POSTER_WIDTH, POSTER_HEIGHT) if chosen.width >= chosen.height \
        else fit(chosen.width, chosen.height, POSTER_HEIGHT * 2, POSTER_HEIGHT)
    encoder = av.CodecContext.create("mjpeg", "w")
    encoder.width, encoder.height, encoder.pix_fmt = width, height, "yuvj420p"
    encoder.time_base = Fraction(1, FRAME_RATE)
    encoder.options = {"qmin": "2", "qmax": "6"}
    picture = chosen.reformat(width, height, format="yuvj420p")
    picture.pts = 0
    packets = encoder.encode(picture) + encoder.encode(None)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"".join(bytes(packet) for packet in packets))


def write_posters(docs_dir: Path, site_dir: Path, videos: list[str]) -> None:
    """At build: the poster of each block that names none, beside its video in the site."""
    for video in dict.fromkeys(videos):
        make_poster(docs_dir / video, site_dir / site_paths.video_poster(video))


def caption_skeleton(seconds: float) -> str:
    """A WebVTT file to fill in: a cue every few seconds up to the end, each asking for the words."""
    lines = ["WEBVTT", ""]
    start = 0.0
    while start < seconds or start == 0.0:
        end = min(seconds, start + CUE_SECONDS) if seconds else CUE_SECONDS
        lines += [f"{_stamp(start)} --> {_stamp(end)}", messages.CAPTION_TO_FILL, ""]
        start = end
        if end >= seconds:
            break
    return "\n".join(lines)


def _stamp(seconds: float) -> str:
    millis = int(round(seconds * 1000))
    return f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d}.{millis % 1000:03d}"


def duration(path: Path) -> float:
    with _av().open(str(path)) as inp:
        return inp.duration / 1_000_000 if inp.duration else 0.0


@dataclass(frozen=True)
class Prepared:
    files: tuple[Path, ...]
    seconds: float
    shrunk: tuple[tuple[str, int], ...] = ()  # (file name, short side) made smaller than 480p to fit the budget


class SameAsSource(ValueError):
    """An output would overwrite the recording it is made from (a phone's VID_….mp4 beside it)."""

    def __init__(self, target: Path):
        super().__init__(str(target))
        self.target = target


def outputs(source: Path, folder: Path, name: str | None = None, narration: bool = False) -> list[Path]:
    """The files `prepare` (or `narration`) writes, refused before anything is written when one
    of them is the source: the writer's only copy of the recording."""
    stem = name or source.stem
    suffixes = [NARRATION.suffix] if narration else [encoding.suffix for encoding in ENCODINGS] + [".jpg", ".vtt"]
    paths = [folder / f"{stem}{suffix}" for suffix in suffixes]
    for path in paths:
        # samefile: on a case-blind disk (macOS, Windows under WSL) VID.MP4 and VID.mp4 are one file.
        if path.exists() and path.samefile(source):
            raise SameAsSource(path)
    return paths


def _picture(source: Path, short_side: int) -> tuple[int, int]:
    """The size `_encode` gives the source's picture for `short_side`."""
    with _av().open(str(source)) as inp:
        context = inp.streams.video[0].codec_context
        return fit(context.width, context.height, LONG_SIDE * short_side // SHORT_SIDE // 2 * 2, short_side)


# Smaller pictures, tried in turn while a video is over the course's budget: grain in every frame
# (a dim room) costs VP8 most (tests/bench_video.py), and a smaller picture has less of it.
SMALLER = (360, 240)


def _encode_whole(source: Path, target: Path, encoding: Encoding, with_video: bool = True,
                  budget: float | None = None) -> int:
    """Encoded beside the target under a temporary name, then renamed: a failed or interrupted run
    leaves no half file under the name a lesson uses. Over `budget` (bytes a minute), encoded again
    smaller; returns the picture's short side (0 for sound)."""
    partial = target.with_name(target.name + ".dang-lam")
    try:
        made, picture = None, 0
        for short_side in (SHORT_SIDE, *SMALLER) if with_video else (0,):
            if with_video and made is not None and _picture(source, short_side) == made:
                break  # a small recording: no smaller picture to try
            _encode(source, partial, encoding, with_video, short_side or SHORT_SIDE)
            made, picture = (_picture(source, short_side), short_side) if with_video else (None, 0)
            seconds = duration(partial)
            if budget is None or not seconds or partial.stat().st_size * 60 / seconds <= budget:
                break
        partial.replace(target)
        return picture
    finally:
        partial.unlink(missing_ok=True)


def prepare(source: Path, folder: Path, name: str | None = None, budget: float | None = None) -> Prepared:
    """`hocvuso video SOURCE`: the encodings, a poster and a caption skeleton, in `folder`; each
    encoding within `budget` bytes a minute where a smaller picture gets it there."""
    *encoded, poster, captions = outputs(source, folder, name)
    folder.mkdir(parents=True, exist_ok=True)
    shrunk = []
    for encoding, target in zip(ENCODINGS, encoded):
        short_side = _encode_whole(source, target, encoding, budget=budget)
        if short_side != SHORT_SIDE:
            shrunk.append((target.name, short_side))
    made = encoded
    make_poster(made[0], poster)
    seconds = duration(made[0])
    if not captions.exists():  # never over a writer's filled-in captions
        captions.write_text(caption_skeleton(seconds), encoding="utf-8")
    return Prepared((*made, poster, captions), seconds, tuple(shrunk))


def narration(source: Path, folder: Path, name: str | None = None) -> Prepared:
    """`hocvuso video --narration SOURCE`: the voice only, Opus in WebM."""
    (target,) = outputs(source, folder, name, narration=True)
    folder.mkdir(parents=True, exist_ok=True)
    _encode_whole(source, target, NARRATION, with_video=False)
    return Prepared((target,), duration(target))

