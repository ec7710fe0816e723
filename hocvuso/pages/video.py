"""The markup of a video block and of a lesson's recorded narration (contract of issue #28).

No script is needed: the native player shows the poster and fetches nothing before play
(preload="none", never autoplay). The track is not marked `default`: engines load a default
track with the page whatever `preload` says; video.js turns the captions on when the video
starts (without script they are one tap away in the player's menu, and in the transcript). The
caption text is written in the page as "Lời trong video", so the search and "Nghe bài" read it
and print shows it; each cue's paragraph carries its times (data-start, data-end), from which
video.js shows the captions where the track cannot load (Chromium, from file://). Every text a
writer typed (title, cue text) is escaped here.
"""

from __future__ import annotations

import html
import math

from hocvuso.catalogue import messages
from hocvuso.catalogue.diagnostics import Diagnostic
from hocvuso.check.rendered_fences import block_key
from hocvuso.check.video import CheckedVideo, Media, megabytes


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _time(seconds: float) -> str:
    """Seconds as the player reads them, to the millisecond: "62.5"."""
    return f"{seconds:.3f}".rstrip("0").rstrip(".")


def length_text(seconds: float) -> str:
    """"3 phút", or "45 giây" under a minute; halves round up (Python's round() takes them to even:
    150 s was "2 phút" and 210 s "4 phút"), and 59.6 s is "1 phút", not "60 giây"."""
    whole = max(1, math.floor(seconds + 0.5))
    if whole < 60:
        return f"{whole} giây"
    return f"{math.floor(whole / 60 + 0.5)} phút"


def size_text(prefix: str, media: Media, total_bytes: int | None = None) -> str:
    """"Video 3 phút · 4,2 MB": what pressing play costs, before anything loads."""
    return f"{prefix} {length_text(media.seconds)} · {megabytes(total_bytes if total_bytes is not None else media.bytes)} MB"


def video_html(video: CheckedVideo) -> str:
    first = video.sources[0]
    title = html.escape(video.title, quote=False)
    poster = f' poster="{_attr(video.poster_url)}"' if video.poster_url else ""
    # Each source says what playing it costs: an iPhone playing the MP4 pays the MP4's size, and
    # video.js shows the one the browser will choose (the figcaption, without script, the first).
    sources = "".join(f'\n    <source src="{_attr(media.url)}" type=\'{media.mime.replace(chr(39), "")}\' '
                      f'data-hvs-size="{_attr(size_text(messages.VIDEO_SIZE_PREFIX, media))}">' for media in video.sources)
    # Each cue's times on its paragraph: where the .vtt cannot load (from file://), video.js makes
    # the captions from these.
    transcript = "".join(f'\n    <p data-start="{_time(cue.start)}" data-end="{_time(cue.end)}">{html.escape(cue.text, quote=False)}</p>'
                         for cue in video.cues)
    return (
        f'<figure class="hvs-video" data-hvs-video data-hvs-bytes="{first.bytes}" data-hvs-seconds="{math.floor(first.seconds + 0.5)}">\n'
        f'  <video controls preload="none" playsinline{poster} aria-label="{_attr(video.title)}">{sources}\n'
        f'    <track kind="captions" srclang="vi" label="{messages.VIDEO_CAPTIONS_LABEL}" src="{_attr(video.captions_url)}">\n'
        f'    <a href="{_attr(first.url)}">{messages.VIDEO_DOWNLOAD}</a>\n'
        "  </video>\n"
        f'  <figcaption><span class="hvs-video-title">{title}</span>\n'
        f'    <span class="hvs-video-size">{html.escape(size_text(messages.VIDEO_SIZE_PREFIX, first))}</span></figcaption>\n'
        f'  <details class="hvs-transcript"><summary>{messages.VIDEO_TRANSCRIPT}</summary>{transcript}</details>\n'
        "</figure>"
    )


def broken_html(problems: list[str]) -> str:
    """In place of a video block with mistakes (seen under `mkdocs serve`; the strict build fails)."""
    items = "".join(f"<li>{html.escape(problem)}</li>" for problem in problems)
    return f'<div class="hvs-video-error" role="alert"><p><strong>{messages.VIDEO_BROKEN}</strong></p><ul>{items}</ul></div>'


def narration_html(media: Media) -> str:
    """Under the lesson's header box: the recorded narration, its size shown before it loads."""
    return (
        f'<div class="hvs-narration" data-hvs-narration data-hvs-bytes="{media.bytes}" '
        f'data-hvs-seconds="{int(math.floor(media.seconds + 0.5))}">'
        f'<audio controls preload="none" src="{_attr(media.url)}"></audio>'
        f'<span class="hvs-narration-size">{html.escape(size_text(messages.NARRATION_SIZE_PREFIX, media))}</span></div>'
    )


class PageVideos:
    """One page's checked video blocks, handed to the renderer in page order (as PageQuizzes)."""

    def __init__(self, videos: tuple[CheckedVideo, ...], path: str = "", problems: list[Diagnostic] | None = None,
                 text: str = "") -> None:
        self.videos, self.path, self.text = videos, path, text
        self.problems = problems if problems is not None else []  # the page's rendering problems, shared
        self._next = 0

    def render(self, source: str) -> str:
        key = block_key(source)
        for index in range(self._next, len(self.videos)):
            video = self.videos[index]
            if block_key(video.body) == key:
                self._next = index + 1
                if video.ok:
                    return video_html(video)
                return broken_html([problem.format() for problem in video.diagnostics])
        first = next((line.strip() for line in source.split("\n") if line.strip()), None)
        line = next((number for number, written in enumerate(self.text.split("\n"), start=1) if first and first in written), 0)
        problem = Diagnostic(self.path, line, 1 if line else 0, messages.video_not_checked())
        self.problems.append(problem)
        return broken_html([problem.format()])
