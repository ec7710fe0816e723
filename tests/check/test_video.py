"""Video blocks and narration: the check's settings, the markup, `hocvuso video` (issue #28).

The check's messages, one fixture per case, are golden (tests/golden/messages/video-*, narration);
the media are made at test time (tests/media_samples.py, tools/make-sample-media.py).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

import media_samples
from hocvuso import cli
from hocvuso.check import video as video_check
from hocvuso.course.project import Project
from hocvuso.site.reading import read_course, render_pages, source_pages


def _course(tmp_path: Path, block: str, media: list[str], config: str = "") -> Path:
    root = tmp_path / "khoa"
    (root / "content").mkdir(parents=True)
    (root / "content" / "bai.md").write_text(f"# Bài\n\n{block}\n", encoding="utf-8")
    for line in media:
        media_samples.make(line, root)
    if config:
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


GOOD = ["content/video/mau.webm video seconds=4", "content/video/mau.mp4 video seconds=4 video_codec=libx264 audio_codec=aac",
        "content/video/mau.vtt captions seconds=4 texts=Lời_&lt;script&gt;alert(1)&lt;/script&gt;_đây.|Hết."]
BLOCK = "```video\nfile: video/mau.webm\nalso: [video/mau.mp4]\ncaptions: video/mau.vtt\ntitle: Xem <script>alert(1)</script> & học\n```"


def _read(root: Path):
    project = Project.at(root)
    return read_course(project, source_pages(project.docs_dir))


def test_markup_follows_the_contract_and_escapes_every_text(tmp_path):
    reading = _read(_course(tmp_path, BLOCK, GOOD))
    assert not [p for p in reading.diagnostics if p.severity != "notice"], [p.format() for p in reading.diagnostics]
    page = render_pages(reading).html["bai.md"]
    assert "<script" not in page
    assert "Xem &lt;script&gt;alert(1)&lt;/script&gt; &amp; học" in page
    # Each cue's paragraph carries its times: video.js shows captions from them where the .vtt cannot load (file://).
    assert '<p data-start="0" data-end="2">Lời &lt;script&gt;alert(1)&lt;/script&gt; đây.</p>' in page
    assert '<p data-start="2" data-end="4">Hết.</p>' in page
    figure = re.search(r'<figure class="hvs-video" data-hvs-video data-hvs-bytes="(\d+)" data-hvs-seconds="(\d+)">', page)
    assert figure and int(figure.group(1)) == (reading.project.docs_dir / "video/mau.webm").stat().st_size
    assert figure.group(2) == "4"
    assert '<video controls preload="none" playsinline poster="video/mau.poster.jpg"' in page
    webm, mp4 = (reading.project.docs_dir / "video" / name for name in ("mau.webm", "mau.mp4"))
    assert (f"<source src=\"video/mau.webm\" type='video/webm; codecs=\"vp8, opus\"' "
            f'data-hvs-size="Video 4 giây · {video_check.megabytes(webm.stat().st_size)} MB">') in page
    assert f"<source src=\"video/mau.mp4\" type='video/mp4' data-hvs-size=\"Video 4 giây · {video_check.megabytes(mp4.stat().st_size)} MB\">" in page
    assert '<track kind="captions" srclang="vi" label="Tiếng Việt" src="video/mau.vtt">' in page
    assert '<a href="video/mau.webm">Tải video về máy</a>' in page
    size = html.unescape(re.search(r'<span class="hvs-video-size">([^<]*)</span>', page).group(1))
    assert re.fullmatch(r"Video 4 giây · \d+,\d MB", size)
    assert '<details class="hvs-transcript"><summary>Lời trong video</summary>' in page
    assert "autoplay" not in page


def test_a_fork_changes_the_budget_in_its_config(tmp_path):
    heavy = ["content/video/mau.webm video seconds=4 bit_rate=400000", GOOD[1]]
    root = _course(tmp_path, BLOCK, heavy)
    assert any("MB mỗi phút" in p.message for p in _read(root).diagnostics)
    (root / "mkdocs.yml").write_text("site_name: x\nextra:\n  video:\n    mb_per_minute: 50\n", encoding="utf-8")
    assert not any("MB mỗi phút" in p.message for p in _read(root).diagnostics)
    # A fork's mkdocs.local.yml inherits and wins.
    (root / "mkdocs.local.yml").write_text("INHERIT: mkdocs.yml\nextra:\n  video:\n    mb_per_minute: 0.5\n", encoding="utf-8")
    assert any("0,5 MB mỗi phút" in p.message for p in _read(root).diagnostics)


def test_without_pyav_the_check_says_how_to_install_it(tmp_path, monkeypatch):
    root = _course(tmp_path, BLOCK, GOOD)
    monkeypatch.setattr(video_check, "_libraries", lambda: None)
    problems = [p for p in _read(root).diagnostics if "pip install" in p.message]
    assert len(problems) == 1 and problems[0].line == 4
    assert "'.[video]'" in problems[0].message


def test_the_build_makes_the_missing_poster(tmp_path):
    from hocvuso.publish import video_media

    root = _course(tmp_path, BLOCK, GOOD)
    site = tmp_path / "site"
    video_media.write_posters(root / "content", site, ["video/mau.webm"])
    poster = (site / "video" / "mau.poster.jpg").read_bytes()
    assert poster[:3] == b"\xff\xd8\xff" and len(poster) < 60_000


def test_hocvuso_video_prepares_a_phone_recording_the_check_accepts(tmp_path, capsys):
    """A 720p H.264 "phone recording" (a steady picture, as a screen being filmed): within budget, accepted."""
    phone = media_samples.tool().write_video(tmp_path / "quay.mp4", seconds=6, width=1280, height=720, video_codec="libx264",
                                             audio_codec="aac", bit_rate=3_000_000, frame_rate=30, pattern="smptebars")
    root = _course(tmp_path, BLOCK.replace("mau.", "quay.")
                   + "\n\n```video\nfile: video/quay.mp4\ncaptions: video/quay.vtt\ntitle: Bản MP4\n```", [])
    assert cli.main(["video", str(phone), "--output", str(root / "content" / "video")]) == 0
    printed = capsys.readouterr().out
    assert "quay.webm" in printed and "MB mỗi phút" in printed
    captions = root / "content" / "video" / "quay.vtt"
    assert "(Ghi lời nói ở đoạn này)" in captions.read_text(encoding="utf-8")
    problems = [p.message for p in _read(root).diagnostics]
    assert any("chưa điền" in message for message in problems)  # the skeleton must be filled in
    captions.write_text(captions.read_text(encoding="utf-8").replace("(Ghi lời nói ở đoạn này)", "Bấm vào ô Thanh toán."), encoding="utf-8")
    assert [p.format() for p in _read(root).diagnostics if p.severity != "notice"] == []
    assert cli.main(["video", "--narration", str(phone), "--output", str(root / "content")]) == 0
    assert (root / "content" / "quay.loi-doc.webm").is_file()


@pytest.mark.parametrize("encoding", ["WEBM", "MP4"])
def test_encodings_choose_their_own_key_frames_and_keep_to_their_bit_rate(tmp_path, encoding):
    """A source whose every frame is marked I (FFmpeg's still bars, as an all-intra or MJPEG recording):
    the encoder used to obey the decoded frames' picture type, made every frame a key frame and came
    out many times its bit rate (the WebM at 2-20x)."""
    from hocvuso.publish import video_media

    source = media_samples.tool().write_video(tmp_path / "nguon.mp4", seconds=4, width=640, height=360, video_codec="libx264",
                                              audio_codec=None, bit_rate=2_000_000, frame_rate=25, pattern="smptebars")
    chosen = getattr(video_media, encoding)
    target = tmp_path / f"ra{chosen.suffix}"
    video_media._encode(source, target, chosen)
    import av

    with av.open(str(target)) as made:
        keys = sum(1 for packet in made.demux(video=0) if packet.size and packet.is_keyframe)
    assert keys < 40  # of 100 frames: each one was a key frame
    assert target.stat().st_size * 8 / 4 < chosen.video_rate * 2.5  # a 4 s clip: the first key frame weighs


def test_narration_markup_follows_the_contract(tmp_path):
    """A lesson's narration (#28): the contract's div, size and length before anything loads, the URL escaped."""
    from hocvuso.pages import video as video_pages

    media = video_check.Media("bai/a&b.loi-doc.webm", "a&b.loi-doc.webm", 1_400_000, 239.6, "audio/webm")
    assert video_pages.narration_html(media) == (
        '<div class="hvs-narration" data-hvs-narration data-hvs-bytes="1400000" data-hvs-seconds="240">'
        '<audio controls preload="none" src="a&amp;b.loi-doc.webm"></audio>'
        '<span class="hvs-narration-size">Lời đọc 4 phút · 1,4 MB</span></div>')


def test_cue_times_keep_their_milliseconds():
    # webvtt-py's start_in_seconds is whole seconds: the times are read from the cue's clock text.
    assert video_check.cue_seconds("01:02:03.250") == 3723.25
    assert video_check.cue_seconds("00:00:00.040") == pytest.approx(0.04)


def test_hocvuso_video_never_writes_over_the_recording(tmp_path, capsys):
    """A phone's VID.mp4 with no --output: the MP4 it makes would have the recording's own name.
    Refused before anything is written; the recording is untouched (it was overwritten: 88 MB in,
    98 KB out)."""
    phone = media_samples.tool().write_video(tmp_path / "VID.mp4", seconds=2, video_codec="libx264", audio_codec="aac")
    before = phone.read_bytes()
    assert cli.main(["video", str(phone)]) == 2
    said = capsys.readouterr().err
    assert said.startswith("Không làm: tệp ra `") and "VID.mp4` trùng với tệp quay gốc" in said and "--output" in said
    assert phone.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["VID.mp4"]  # nothing else written either


def test_hocvuso_video_prints_the_block_to_paste_and_small_files_in_kb(tmp_path, capsys, monkeypatch):
    phone = media_samples.tool().write_video(tmp_path / "quay" / "tra-tien.mp4", seconds=2, video_codec="libx264",
                                             audio_codec="aac")
    module = tmp_path / "content" / "thanh-toan-so"
    monkeypatch.chdir(tmp_path)
    assert cli.main(["video", str(phone), "--output", str(module / "video")]) == 0
    printed = capsys.readouterr().out
    assert ("```video\nfile: video/tra-tien.webm\nalso: [video/tra-tien.mp4]\ncaptions: video/tra-tien.vtt\n"
            "poster: video/tra-tien.jpg\ntitle: Tên video\n```") in printed
    assert re.search(r"tra-tien\.vtt: \d+ KB\n", printed), printed  # was "0,1 MB" for a few hundred bytes
    assert not list((module / "video").glob("*.dang-lam"))


def test_hocvuso_video_says_when_what_it_made_is_over_the_budget(tmp_path, capsys, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text("extra:\n  video:\n    mb_per_minute: 0.1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    phone = media_samples.tool().write_video(tmp_path / "quay.mp4", seconds=2, video_codec="libx264", audio_codec="aac")
    assert cli.main(["video", str(phone), "--output", str(tmp_path / "ra")]) == 0
    said = capsys.readouterr().err
    assert said.startswith("Chú ý: `quay.webm`, `quay.mp4` nặng hơn mức 0,1 MB mỗi phút của khoá học"), said


def test_file_names_are_quoted_in_the_page(tmp_path):
    """A name with "#" or spaces is a file, not a fragment: unquoted, the browser asked for `video/bài `."""
    block = BLOCK.replace("video/mau.webm", '"video/bài #1.webm"').replace("[video/mau.mp4]", '["video/bài #1.mp4"]') \
        .replace("video/mau.vtt", '"video/bài #1.vtt"')
    root = _course(tmp_path, block, [])
    folder, tool = root / "content" / "video", media_samples.tool()
    tool.write_video(folder / "bài #1.webm", seconds=4)
    tool.write_video(folder / "bài #1.mp4", seconds=4, video_codec="libx264", audio_codec="aac")
    tool.write_captions(folder / "bài #1.vtt", 4)
    reading = _read(root)
    assert not [p for p in reading.diagnostics if p.severity != "notice"], [p.format() for p in reading.diagnostics]
    page = render_pages(reading).html["bai.md"]
    assert '<source src="video/b%C3%A0i%20%231.webm"' in page and 'src="video/b%C3%A0i%20%231.vtt"' in page
    assert 'poster="video/b%C3%A0i%20%231.poster.jpg"' in page


@pytest.mark.parametrize("seconds, shown", [(4.4, "4 giây"), (59.4, "59 giây"), (59.6, "1 phút"), (150, "3 phút"),
                                            (210, "4 phút"), (89, "1 phút"), (0.2, "1 giây")])
def test_lengths_round_halves_up(seconds, shown):
    from hocvuso.pages.video import length_text

    assert length_text(seconds) == shown


def test_a_recording_no_page_uses_is_told(tmp_path):
    """Every file under content/ is published (site, zip, ZIM): a raw phone recording left beside the
    lesson would make them all heavier, and the offline save used to offer it."""
    root = _course(tmp_path, BLOCK, [*GOOD, "content/video/VID_goc.mov bytes text=x size=260000",
                                     "content/video/lien-ket.mp3 bytes text=x", "content/video/a.mp3 bytes text=x",
                                     "content/video/data.mp3 bytes text=x"])
    (root / "content" / "video" / "bài hát.mp3").write_bytes(b"x")
    (root / "content" / "bai.md").write_text((root / "content" / "bai.md").read_text(encoding="utf-8")
                                             + "\n[Tải bài hát](video/lien-ket.mp3), [bài khác](video/b%C3%A0i%20h%C3%A1t.mp3), "
                                             "[tệp](video/data.mp3)\n", encoding="utf-8")
    # A link written percent-encoded (bài%20hát) leads to its file, as the engine reads it: no "broken link".
    problems = [p.format() for p in _read(root).diagnostics if p.severity != "notice"]
    assert [problem.split(":")[0] for problem in problems] == ["content/video/VID_goc.mov", "content/video/a.mp3"]
    assert problems[0] == ("content/video/VID_goc.mov: cảnh báo: Tệp `video/VID_goc.mov` (0,3 MB) nằm trong content/ nhưng "
                        "không bài nào dùng. Mọi tệp trong content/ đều được đăng lên trang và chép vào tệp zip, tệp ZIM, "
                        "làm chúng nặng thêm. Nếu đây là tệp quay gốc, hãy chuyển nó ra ngoài content/; nếu bài cần, hãy "
                        "ghi tên tệp vào khối video hoặc trường `narration:`.")


def test_a_grainy_recording_is_made_smaller_to_fit_the_budget(tmp_path, capsys, monkeypatch):
    """Sensor noise in every frame (a dim room): VP8 at 480p came out over 3 MB a minute, which the
    check then refused and told the writer to run `hocvuso video` again, in a circle."""
    import av

    (tmp_path / "mkdocs.yml").write_text("extra:\n  video:\n    mb_per_minute: 1.5\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    grainy = media_samples.tool().write_video(tmp_path / "toi.mp4", seconds=3, width=854, height=480, video_codec="libx264",
                                              audio_codec="aac", bit_rate=6_000_000, frame_rate=30, pattern="testsrc2",
                                              noise=60)
    assert cli.main(["video", str(grainy), "--output", str(tmp_path / "ra")]) == 0
    printed = capsys.readouterr()
    webm = tmp_path / "ra" / "toi.webm"
    with av.open(str(webm)) as made:
        height, seconds = made.streams.video[0].codec_context.height, made.duration / 1_000_000
    assert height < 480 and webm.stat().st_size * 60 / seconds <= 1_500_000
    assert re.search(r"Bản `toi.webm` được làm nhỏ lại \((360|240)p\) để không quá 1,5 MB mỗi phút", printed.out), printed.out
    assert "Chú ý" not in printed.err


def test_hocvuso_video_never_writes_over_the_recording_on_a_case_blind_disk(tmp_path, capsys):
    """On macOS or a Windows drive a camera's VID.MP4 and the output VID.mp4 are one file; here a hard
    link stands for that (resolve() compared names and let the encode replace the recording)."""
    phone = media_samples.tool().write_video(tmp_path / "VID.MP4", seconds=2, video_codec="libx264", audio_codec="aac")
    (tmp_path / "VID.mp4").hardlink_to(phone)
    before = phone.read_bytes()
    assert cli.main(["video", str(phone)]) == 2
    assert "trùng với tệp quay gốc" in capsys.readouterr().err
    assert phone.read_bytes() == before
