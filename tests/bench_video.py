"""What `hocvuso video` makes of a recording, a minute at a time (issue #28), beside the peers'
published figures: the numbers behind README's offline table and its "Video" section.

    .venv/bin/python tests/bench_video.py          # the table (about two minutes on 2 cores)
    from bench_video import video_report; video_report()   # the same, from tests/bench.py

The recordings are made here (tools/make-sample-media.py, never committed), 20 seconds of 720p at
30 frames a second, H.264 at 8 Mbit/s as a phone records: FFmpeg's moving test picture as it is
(a bright, steady shot), the same with sensor noise in every frame (a dim room: what costs an
encoder most), and still colour bars (a slide). A synthetic picture is not a filmed hand, so the
figures say what the encoder settings do, not what every recording will weigh; the check
(`make check`) measures each real file against the course's budget.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import media_samples  # noqa: E402

SECONDS = 20
SOURCES = (
    ("bright, steady (testsrc2)", {"pattern": "testsrc2"}),
    ("dim room, grain in every frame", {"pattern": "testsrc2", "noise": 40}),
    ("a still slide (smptebars)", {"pattern": "smptebars"}),
)
# The anchors, as published (not measured here).
PEERS = ("Kiwix/openZIM scrapers: WebM (VP8 128k + 48k, 480 px wide) about 1.3 MB a minute, MP4 about 2.6, "
         "voice-only about 0.36",
         "Kolibri: MP4 H.264 480p CRF 32 + 32k mono: a 5-10 minute video under 15 MB (at most 1.5-3 MB a minute)")


def per_minute(path: Path, seconds: float) -> float:
    return path.stat().st_size * 60 / seconds / 1_000_000


def video_report(work: Path | None = None) -> dict:
    from hocvuso.course.project import MediaBudget
    from hocvuso.publish import video_media

    work = work or Path(tempfile.mkdtemp(prefix="hocvuso-video-bench-"))
    tool, budget = media_samples.tool(), MediaBudget()
    rows = {}
    print(f"\n`hocvuso video` on {SECONDS} s of 720p30 (H.264 8 Mbit/s), budget {budget.video / 1e6:.1f} MB a minute")
    print(f"{'recording':34} {'WebM MB/min':>12} {'MP4 MB/min':>11} {'picture':>8} {'encode s':>9}")
    for index, (name, options) in enumerate(SOURCES):
        source = tool.write_video(work / f"nguon-{index}.mp4", seconds=SECONDS, width=1280, height=720, video_codec="libx264",
                                  audio_codec="aac", bit_rate=8_000_000, frame_rate=30, **options)
        start = time.perf_counter()
        made = video_media.prepare(source, work / f"ra-{index}", budget=budget.video)
        took = time.perf_counter() - start
        webm, mp4 = made.files[0], made.files[1]
        shrunk = dict(made.shrunk)
        picture = f"{shrunk.get(webm.name, video_media.SHORT_SIDE)}p"
        rows[name] = {"webm": per_minute(webm, made.seconds), "mp4": per_minute(mp4, made.seconds),
                      "webm_short_side": shrunk.get(webm.name, video_media.SHORT_SIDE), "seconds": took}
        print(f"{name:34} {rows[name]['webm']:12.2f} {rows[name]['mp4']:11.2f} {picture:>8} {took:9.1f}")
    voice = tool.write_audio(work / "giong.m4a", seconds=SECONDS, audio_codec="aac", bit_rate=96_000)
    narration = video_media.narration(voice, work / "loi-doc")
    rows["narration"] = {"opus": per_minute(narration.files[0], narration.seconds)}
    print(f"{'narration (a tone), Opus':34} {rows['narration']['opus']:12.2f}")
    for line in PEERS:
        print(f"  peers: {line}")
    return rows


if __name__ == "__main__":
    video_report()
