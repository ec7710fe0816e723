"""Tiny media files made at test time with PyAV (never committed): a few seconds of WebM VP8
video (with an Opus tone, optional: PyAV's wheels since 18 carry no Vorbis encoder), and a
voice-only Opus narration.

Every frame differs (a moving bar, the frame's number in its colours), keyframes come each
second, so a player seeking to the middle has somewhere to land."""

from __future__ import annotations

import array
import math
from fractions import Fraction
from pathlib import Path

import pytest


def _av():
    return pytest.importorskip("av", reason="PyAV (the `video` extra) makes the test media")


def make_webm(path: Path, seconds: int = 6, width: int = 160, height: int = 96, fps: int = 10,
              audio: bool = True) -> Path:
    """A WebM of `seconds` seconds: VP8 video, and a 440 Hz Opus tone when `audio`."""
    av = _av()
    from PIL import Image, ImageDraw

    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w", format="webm") as container:
        video = container.add_stream("libvpx", rate=fps)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.codec_context.gop_size = fps  # a keyframe each second
        video.bit_rate = 200_000
        sound = None
        if audio:
            sound = container.add_stream("libopus", rate=48000)
            sound.layout = "mono"
            sound.bit_rate = 24_000
        for index in range(seconds * fps):
            image = Image.new("RGB", (width, height), ((index * 7) % 256, 40, 255 - (index * 13) % 256))
            bar = (index * 4) % width
            ImageDraw.Draw(image).rectangle((bar, 0, bar + 7, height), fill=(0, 255, 0))
            frame = av.VideoFrame.from_image(image)
            frame.pts = index
            frame.time_base = Fraction(1, fps)
            container.mux(video.encode(frame))
        container.mux(video.encode())
        if sound is not None:
            _tone(av, container, sound, seconds)
    return path


def make_voice(path: Path, seconds: int = 3) -> Path:
    """A voice-only recording: an Opus tone in WebM (what a narration is)."""
    av = _av()
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w", format="webm") as container:
        sound = container.add_stream("libopus", rate=48000)
        sound.layout = "mono"
        sound.bit_rate = 24_000  # a voice: about 0.2 MB a minute, under the course's narration budget
        _tone(av, container, sound, seconds)
    return path


def _tone(av, container, stream, seconds: int) -> None:
    rate, chunk = 48000, 960
    for start in range(0, seconds * rate, chunk):
        samples = array.array("f", (0.2 * math.sin(2 * math.pi * 440 * (start + i) / rate) for i in range(chunk)))
        frame = av.AudioFrame(format="flt", layout="mono", samples=chunk)
        frame.planes[0].update(samples.tobytes())
        frame.sample_rate = rate
        frame.pts = start
        frame.time_base = Fraction(1, rate)
        container.mux(stream.encode(frame))
    container.mux(stream.encode())
