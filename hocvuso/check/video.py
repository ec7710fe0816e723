"""Checks a page's ```video blocks and its recorded narration against the real files.

The block's keys are declared in course/fields.py (VIDEO_FIELDS), the narration field there too.
The files are read with PyAV (FFmpeg's libraries: container, codecs, size, length) and the
captions with webvtt-py, both in the optional extra `video`: a course with no video never needs
them. What the check finds (sizes, lengths, caption text) is what the markup shows
(pages/video.py), so the page and the check agree.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from hocvuso.catalogue import messages, site_paths
from hocvuso.catalogue.diagnostics import WARNING, Diagnostic
from hocvuso.course.fields import NARRATION, VIDEO_FIELDS
from hocvuso.course.project import MediaBudget
from hocvuso.source import yaml_reader
from hocvuso.source.blocks import VIDEO_LANGUAGE

# Measured on this project's engines (README "Video"): every one of Chromium, WebKitGTK and
# Firefox ESR plays these. Container by file name, then codecs as FFmpeg names them.
VIDEO_CODECS = {
    ".webm": ({"vp8", "vp9"}, {"opus", "vorbis"}, "video/webm"),
    ".mp4": ({"h264"}, {"aac"}, "video/mp4"),
}
NARRATION_CODECS = {
    ".webm": ({"opus", "vorbis"}, "audio/webm"),
    ".ogg": ({"opus", "vorbis"}, "audio/ogg"),
    ".opus": ({"opus"}, "audio/ogg"),
    ".m4a": ({"aac"}, "audio/mp4"),
    ".mp4": ({"aac"}, "audio/mp4"),
}
ACCEPTED_VIDEO = "WebM (VP8 hoặc VP9, tiếng Opus hoặc Vorbis) và MP4 (H.264, tiếng AAC)"
ACCEPTED_NARRATION = "Opus trong .webm, .ogg hoặc .opus, và AAC trong .m4a"
# FFmpeg names the containers it found; the file name must not lie about it.
_CONTAINERS = {".webm": "matroska", ".mp4": "mp4", ".m4a": "mp4", ".ogg": "ogg", ".opus": "ogg"}
# 480p: the short side at most 480 pixels, the long side at most 854 (16:9), upright or sideways.
SHORT_SIDE, LONG_SIDE = 480, 854
CAPTION_TOLERANCE = 3  # seconds the last caption may end before the video does
# A poster loads with the page, before the learner chooses to play: the build's own are 15-60 KB.
POSTER_BYTES = 100_000
POSTER_TYPES = (".jpg", ".jpeg", ".png", ".webp")
_ADDRESS = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
_CUE_TAGS = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Media:
    """A checked file: where it is in content/ (and so in the site), its weight and length."""

    path: str  # inside content/, posix
    url: str  # relative to the page (use_directory_urls is off: the page sits in its source's folder)
    bytes: int
    seconds: float
    mime: str  # the <source type> value


@dataclass(frozen=True)
class Cue:
    """One caption: its text and when it shows (seconds), written in the transcript's markup so the
    player can show captions where the .vtt cannot load (Chromium refuses a track from file://)."""

    start: float
    end: float
    text: str


def cue_seconds(clock_text: str) -> float:
    """"00:01:02.500" (webvtt-py's cue times; its *_in_seconds are whole seconds) -> 62.5."""
    seconds = 0.0
    for part in clock_text.strip().split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


@dataclass
class CheckedVideo:
    body: str
    opener_line: int
    indent: int
    title: str = ""
    sources: list[Media] = field(default_factory=list)
    captions_url: str = ""
    poster_url: str = ""
    poster_made: str = ""  # inside content/: the video whose poster the build makes (none written)
    cues: list[Cue] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.diagnostics and bool(self.sources)


@dataclass(frozen=True)
class PageMedia:
    """A page's checked videos (in page order) and narration, and every file its blocks and
    narration name that exists (inside content/), found good or not."""

    videos: tuple[CheckedVideo, ...] = ()
    narration: Media | None = None
    narration_problems: tuple[Diagnostic, ...] = ()
    named: frozenset[str] = frozenset()


# What a writer may leave in content/ besides what lessons play: a phone's raw recording above all.
# Every file there is published (site, zip, ZIM), so one no page uses is told.
STRAY_MEDIA = {*VIDEO_CODECS, *NARRATION_CODECS, ".mov", ".m4v", ".mkv", ".avi", ".3gp", ".mp3", ".wav", ".aac",
               ".amr", ".flac", ".wma", ".wmv"}


def unused_media(docs_dir: Path, shown, named: set[str], page_texts) -> list[Diagnostic]:
    """A warning for each video or sound file under content/ that no block or narration names and
    no page mentions by its file name (a plain link to it)."""
    found = sorted(path for path in docs_dir.rglob("*") if path.suffix.lower() in STRAY_MEDIA and path.is_file())
    if not found:
        return []
    texts = urllib.parse.unquote("\n".join(page_texts))  # a link may write bai%201.mp4
    problems = []
    for path in found:
        inside = path.relative_to(docs_dir).as_posix()
        # The name alone, not inside another (a.mp4 in data.mp4).
        if inside not in named and not re.search(rf"(?<![\w.-]){re.escape(path.name)}(?![\w.-])", texts):
            size = megabytes(path.stat().st_size)
            problems.append(Diagnostic(shown(path), 0, 0, messages.media_unused(inside, size), WARNING))
    return problems


def _libraries():
    try:
        import av  # noqa: F401
        import webvtt  # noqa: F401
    except ImportError:
        return None
    return av, webvtt


def _probe(av, path: Path):
    """(format names, video codec, width, height, audio codec, seconds) of a file, as FFmpeg reads it."""
    with av.open(str(path)) as container:
        video = container.streams.video[0] if container.streams.video else None
        audio = container.streams.audio[0] if container.streams.audio else None
        seconds = container.duration / 1_000_000 if container.duration else 0.0
        if not seconds:
            stream = video or audio
            if stream is not None and stream.duration and stream.time_base:
                seconds = float(stream.duration * stream.time_base)
        return (set(container.format.name.split(",")),
                video.codec_context.name if video else None,
                video.codec_context.width if video else 0,
                video.codec_context.height if video else 0,
                audio.codec_context.name if audio else None,
                seconds)


class _Reader:
    def __init__(self, shown: str, docs_dir: Path, folder: str, budget: MediaBudget):
        self.shown, self.docs_dir, self.folder, self.budget = shown, docs_dir, folder, budget
        self.libraries = _libraries()
        self.told_library = False
        self.named: set[str] = set()  # the files the page's blocks and narration name, inside content/

    def problem(self, line: int, column: int, message: str, severity: str = "error") -> Diagnostic:
        return Diagnostic(self.shown, line, column, message, severity)

    def locate(self, key: str, value: str, line: int, column: int) -> tuple[str | None, list[Diagnostic]]:
        """A written file name as a path inside content/, or the problem with it."""
        value = value.strip()
        if _ADDRESS.match(value):
            return None, [self.problem(line, column, messages.video_address(key, value))]
        path = posixpath.normpath(posixpath.join(self.folder, value))
        if path.startswith("../") or path == ".." or value.startswith("/"):
            return None, [self.problem(line, column, messages.media_outside_content(key, value))]
        if not (self.docs_dir / path).is_file():
            return None, [self.problem(line, column, messages.media_missing(key, value))]
        self.named.add(path)
        return path, []

    def url(self, path: str) -> str:
        # Quoted: a name with "#", "?" or "%" (bai #1.webm) is a file, not a fragment or a query.
        return urllib.parse.quote(posixpath.relpath(path, self.folder or "."))

    def media(self, key: str, value: str, line: int, column: int, narration: bool) -> tuple[Media | None, list[Diagnostic]]:
        path, problems = self.locate(key, value, line, column)
        if path is None:
            return None, problems
        if self.libraries is None:  # said once a page, at its first video or narration
            told, self.told_library = self.told_library, True
            return None, [] if told else [self.problem(line, column, messages.media_needs_library())]
        file = self.docs_dir / path
        try:
            formats, video, width, height, audio, seconds = _probe(self.libraries[0], file)
        except Exception as error:  # FFmpeg's errors have many types: any means unreadable
            reason = getattr(error, "strerror", None) or str(error) or type(error).__name__  # no temporary paths
            return None, [self.problem(line, column, messages.media_unreadable(value, reason))]
        size = file.stat().st_size
        suffix = posixpath.splitext(path)[1].lower()
        found = ", ".join(name for name in (suffix.lstrip(".") or "?", video, audio) if name)
        container_ok = _CONTAINERS.get(suffix) in formats or (suffix == ".mp4" and "mov" in formats)
        if narration:
            if video:
                return None, [self.problem(line, column, messages.narration_has_picture(value))]
            codecs, mime = NARRATION_CODECS.get(suffix, (set(), ""))
            if not container_ok or audio not in codecs:
                return None, [self.problem(line, column, messages.narration_format(value, found, ACCEPTED_NARRATION))]
            limit = self.budget.narration
        else:
            if not video:
                return None, [self.problem(line, column, messages.video_no_picture(value))]
            pictures, sounds, mime = VIDEO_CODECS.get(suffix, (set(), set(), ""))
            if not container_ok or video not in pictures or (audio and audio not in sounds):
                return None, [self.problem(line, column, messages.video_format(value, found, ACCEPTED_VIDEO))]
            if min(width, height) > SHORT_SIDE or max(width, height) > LONG_SIDE:
                problems.append(self.problem(line, column, messages.video_resolution(value, width, height, LONG_SIDE, SHORT_SIDE)))
            limit = self.budget.video
            codecs = f'{video}, {audio}' if suffix == ".webm" and audio else video if suffix == ".webm" else ""
            mime = f'{mime}; codecs="{codecs}"' if codecs else mime
        if seconds > 0 and size * 60 / seconds > limit:
            problems.append(self.problem(line, column, messages.media_over_budget(
                value, megabytes(size * 60 / seconds), megabytes(limit), narration)))
        return Media(path, self.url(path), size, seconds, mime), problems

    def captions(self, value: str, line: int, column: int, seconds: float) -> tuple[list[str], list[Diagnostic]]:
        path, problems = self.locate("captions", value, line, column)
        if path is None or self.libraries is None:
            return [], problems
        webvtt = self.libraries[1]
        file = self.docs_dir / path
        try:
            raw = file.read_bytes().decode("utf-8-sig")
            captions = list(webvtt.read(str(file)))
        except (UnicodeDecodeError, OSError) as error:
            return [], [self.problem(line, column, messages.captions_unreadable(value, str(error)))]
        except Exception as error:  # webvtt-py's MalformedFileError and its parsers' errors
            return [], [self.problem(line, column, messages.captions_unreadable(value, str(error) or type(error).__name__))]
        if not unicodedata.is_normalized("NFC", raw):
            spot = next(word for word in raw.split() if not unicodedata.is_normalized("NFC", word))
            problems.append(self.problem(line, column, messages.captions_not_nfc(value, spot)))
        # WebVTT cue text: tags (<v>, <i>) dropped, then its entities (&lt;) read as the text they stand for.
        texts = [html.unescape(_CUE_TAGS.sub("", caption.raw_text if hasattr(caption, "raw_text") else caption.text)).strip()
                 for caption in captions]
        cues = [Cue(cue_seconds(caption.start), cue_seconds(caption.end), unicodedata.normalize("NFC", text))
                for caption, text in zip(captions, texts) if text]
        if not cues:
            return [], problems + [self.problem(line, column, messages.captions_empty(value))]
        unfilled = sum(cue.text == messages.CAPTION_TO_FILL for cue in cues)
        if unfilled:
            problems.append(self.problem(line, column, messages.captions_unfilled(value, unfilled)))
        covered = max(caption.end_in_seconds for caption in captions)
        if seconds and covered < seconds - CAPTION_TOLERANCE:
            problems.append(self.problem(line, column, messages.captions_short(
                value, clock(covered), clock(seconds), CAPTION_TOLERANCE)))
        return cues, problems


def megabytes(count: float) -> str:
    """MB of 1,000,000 bytes with a Vietnamese decimal comma: 4,2."""
    return f"{max(count, 100_000) / 1_000_000:.1f}".replace(".", ",")


def clock(seconds: float) -> str:
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def _entries(body: str, first_line: int, indent: int, shown: str):
    """The block's YAML as {key: (value, line, column)}, or the problems reading it."""
    try:
        root = yaml_reader.compose(body)
    except yaml_reader.YamlProblem as problem:
        return None, [Diagnostic(shown, first_line + problem.line, indent + problem.column + 1,
                                 problem.text(messages.video_yaml_syntax, first_line))]
    if root is None or not hasattr(root, "value") or not isinstance(root.value, list) or root.tag != "tag:yaml.org,2002:map":
        return None, [Diagnostic(shown, first_line, indent + 1, messages.video_not_a_mapping())]
    entries = {}
    for key, node in root.value:
        entries[str(key.value)] = (yaml_reader.construct(node), first_line + key.start_mark.line, indent + key.start_mark.column + 1)
    return entries, []


def check_video(reader: _Reader, body: str, opener_line: int, indent: int) -> CheckedVideo:
    checked = CheckedVideo(body, opener_line, indent)
    entries, problems = _entries(body, opener_line + 1, indent, reader.shown)
    checked.diagnostics += problems
    if entries is None:
        return checked
    names = [spec.name for spec in VIDEO_FIELDS]
    for key, (_, line, column) in entries.items():
        if key not in names:
            checked.diagnostics.append(reader.problem(line, column, messages.video_unknown_key(key, names)))
    values = {}
    for spec in VIDEO_FIELDS:
        if spec.name not in entries:
            if spec.required:
                checked.diagnostics.append(reader.problem(opener_line, indent + 1, messages.missing_key(spec.name, spec.example_line())))
            continue
        value, line, column = entries[spec.name]
        if not spec.is_valid(value):
            checked.diagnostics.append(reader.problem(line, column, messages.video_bad_value(spec.name, spec.expected())))
            continue
        values[spec.name] = (value, line, column)
    if "title" in values:
        checked.title = unicodedata.normalize("NFC", values["title"][0].strip())
    first = None  # the `file:` video: its length is the captions' and its poster the block's
    if "file" in values:
        value, line, column = values["file"]
        first, problems = reader.media("file", value, line, column, narration=False)
        checked.diagnostics += problems
        also = values.get("also", ([], 0, 0))
        others = [reader.media("also", item, also[1], also[2], narration=False) for item in also[0]]
        checked.diagnostics += [problem for _, problems in others for problem in problems]
        checked.sources = [first, *(media for media, _ in others)] if first else []
        checked.sources = [media for media in checked.sources if media is not None]
    if "captions" in values:
        value, line, column = values["captions"]
        checked.cues, problems = reader.captions(value, line, column, first.seconds if first else 0)
        checked.diagnostics += problems
        checked.captions_url = reader.url(posixpath.normpath(posixpath.join(reader.folder, value.strip())))
    if "poster" in values:
        value, line, column = values["poster"]
        path, problems = reader.locate("poster", value, line, column)
        if path and posixpath.splitext(path)[1].lower() not in POSTER_TYPES:
            problems.append(reader.problem(line, column, messages.poster_type(value)))
        elif path and (reader.docs_dir / path).stat().st_size > POSTER_BYTES:
            problems.append(reader.problem(line, column, messages.poster_too_heavy(
                value, round((reader.docs_dir / path).stat().st_size / 1000), POSTER_BYTES // 1000)))
        checked.diagnostics += problems
        checked.poster_url = reader.url(path) if path else ""
    elif first is not None:
        # Made by the build beside the video (site_paths.video_poster), from the video itself.
        checked.poster_made = first.path
        checked.poster_url = reader.url(site_paths.video_poster(first.path))
    if checked.sources and not checked.diagnostics and not any(media.mime.startswith("video/mp4") for media in checked.sources):
        # Told once the block is otherwise right: older iPhones (every browser on them is Safari's
        # engine) play no WebM, so a WebM video needs its H.264 MP4 beside it.
        value, line, column = values["file"]
        checked.diagnostics.append(reader.problem(line, column, messages.video_without_mp4(value), WARNING))
    return checked


def check_page_media(shown: str, src_uri: str, text: str, blocks, meta, docs_dir: Path, budget: MediaBudget) -> PageMedia:
    """A page's video blocks and narration, each with its problems (file:line)."""
    folder = posixpath.dirname(src_uri)
    reader = _Reader(shown, docs_dir, folder, budget)
    videos = tuple(check_video(reader, block.body, block.opener_line, block.indent)
                   for block in blocks if block.language == VIDEO_LANGUAGE)
    narration = None
    written = meta.values.get(NARRATION.name) if isinstance(meta.values, dict) else None
    if written is not None:
        line = meta.lines.get(NARRATION.name, 1)
        if not NARRATION.is_valid(written):
            problems = [reader.problem(line, 1, messages.video_bad_value(NARRATION.name, NARRATION.expected()))]
        else:
            narration, problems = reader.media(NARRATION.name, written, line, 1, narration=True)
        if problems:
            return PageMedia(videos, None, tuple(problems), frozenset(reader.named))
    return PageMedia(videos, narration, (), frozenset(reader.named))


def media_diagnostics(media: PageMedia) -> list[Diagnostic]:
    return [problem for video in media.videos for problem in video.diagnostics] + list(media.narration_problems)
