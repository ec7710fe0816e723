"""The course as one ZIM file, for Kiwix (phones, classes, a school's kiwix-serve).

A ZIM edition of the built site (`hocvuso zim` builds it with HOCVUSO_EDITION=zim, a setting of
the build, hocvuso/site/build.py: no service worker, no "download this module" button, since
Kiwix is offline already) is packed as it is:
every file one entry at its site path, HTML pages as articles titled from their <title>, the
home page as the main page, plus the metadata Kiwix shows in its library and a 48x48 PNG
illustration. Only the pages our own search indexes go into Kiwix's search (answer keys and
module tests stay out of it, as they stay out of ours).

Pure Python: the site folder and a mapping read from mkdocs.yml in, a .zim out; nothing of
MkDocs. libzim (python-libzim, GPL-3.0) is an optional dependency, `pip install hocvuso[zim]`,
imported only when a ZIM is written.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Mapping

import yaml

from hocvuso.publish.media_types import media_type
from hocvuso.search.shards import read_docs
from hocvuso.text.normalise import slugify

from . import illustration as zim_illustration

DEFAULT_FILE = "khoa-hoc.zim"
MAIN_PAGE = "index.html"
ILLUSTRATION_SIZE = 48
# Kiwix's limits for what its library shows (openZIM metadata conventions), in characters.
LIMITS = {"Title": 30, "Description": 80, "LongDescription": 4000}
# Kiwix's own tags: the content has pictures, no videos, a full-text index.
KIWIX_TAGS = ("_category:other", "_pictures:yes", "_videos:no", "_details:yes", "_ftindex:yes")

_NOT_ARTICLES = {"404.html"}


# ---- Metadata, from mkdocs.yml --------------------------------------------------------------


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as plain data: MkDocs' own tags (!ENV, !relative, !!python/name:) are read as
    the value they carry; only site_name, site_description, site_author, theme and extra are used."""


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


_ConfigLoader.add_multi_constructor("!", _plain)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)


def _merged(base: dict, child: dict) -> dict:
    # MkDocs' INHERIT: mappings are merged key by key, anything else is replaced.
    result = dict(base)
    for key, value in child.items():
        result[key] = _merged(result[key], value) if isinstance(value, dict) and isinstance(result.get(key), dict) else value
    return result


def read_config(path: Path) -> dict:
    """mkdocs.yml (or a fork's mkdocs.local.yml with its INHERIT chain) as one mapping."""
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    parent = config.pop("INHERIT", None)
    if parent:
        config = _merged(read_config((path.parent / str(parent)).resolve()), config)
    return config


@dataclass(frozen=True)
class ZimMetadata:
    name: str
    title: str
    description: str
    long_description: str
    creator: str
    publisher: str
    date: str  # YYYY-MM-DD
    tags: tuple[str, ...]
    flavour: str
    language: str = "vie"  # ISO 639-3
    file_name: str = DEFAULT_FILE
    site_name: str = ""  # what page titles end with (" - site_name"), cut off in Kiwix's titles
    illustration: str | None = None  # a PNG of the project, relative to the config's folder
    logo: str | None = None  # the theme's logo or favicon, a path in the built site

    def entries(self) -> dict[str, str]:
        """The metadata as Kiwix reads it (the illustration is added apart)."""
        return {
            "Name": self.name, "Title": self.title, "Description": self.description,
            "LongDescription": self.long_description, "Language": self.language, "Creator": self.creator,
            "Publisher": self.publisher, "Date": self.date, "Tags": ";".join(self.tags), "Flavour": self.flavour,
            "Scraper": "hocvuso",
        }


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def metadata_from_config(config: Mapping, today: date) -> tuple[ZimMetadata, list[str]]:
    """Kiwix's metadata for this course, and what is wrong with it (Vietnamese messages).

    From site_name, site_description and site_author; `extra.zim` in a fork's config overrides
    any of: name, title, description, long_description, creator, publisher, tags (added to
    ours), flavour, language, file, illustration. The Name stays the same from one edition to
    the next (Kiwix offers the newer file as an update of the same book)."""
    extra = config.get("extra") or {}
    own = extra.get("zim") or {}
    if not isinstance(own, Mapping):
        return _empty_metadata(today), ["extra.zim trong mkdocs.yml phải là một bảng (tên: giá trị)."]
    site_name = _text(config.get("site_name"))
    author = _text(config.get("site_author")) or site_name
    description = _text(own.get("description") or config.get("site_description") or site_name)
    long_description = _text(own.get("long_description")) or (
        f"{description} Có bài học, hình vẽ, câu hỏi ôn tập, từ điển, tìm kiếm và trang tiến độ;"
        " tiến độ học được lưu ngay trên máy, không cần mạng, không cần tài khoản.")
    tags = own.get("tags") or []
    if isinstance(tags, str):
        tags = tags.split(";")
    theme = config.get("theme") or {}
    logo = theme.get("logo") or theme.get("favicon") if isinstance(theme, Mapping) else None
    file_name = _text(own.get("file")) or DEFAULT_FILE
    metadata = ZimMetadata(
        name=_text(own.get("name")) or f"hocvuso_vi_{slugify(site_name) or 'khoa-hoc'}",
        title=_text(own.get("title")) or site_name,
        description=description,
        long_description=long_description,
        creator=_text(own.get("creator")) or author,
        publisher=_text(own.get("publisher")) or author,
        date=today.isoformat(),
        tags=tuple(dict.fromkeys([*KIWIX_TAGS, "hocvuso", *(_text(tag) for tag in tags if _text(tag))])),
        flavour=_text(own.get("flavour")) or "maxi",
        language=_text(own.get("language")) or "vie",
        file_name=file_name if file_name.endswith(".zim") else file_name + ".zim",
        site_name=site_name,
        illustration=_text(own.get("illustration")) or None,
        logo=str(logo) if logo and str(logo).lower().endswith(".png") else None,
    )
    return metadata, metadata_problems(metadata)


def _empty_metadata(today: date) -> ZimMetadata:
    return ZimMetadata("", "", "", "", "", "", today.isoformat(), (), "")


def metadata_problems(metadata: ZimMetadata) -> list[str]:
    problems = []
    for key, value in metadata.entries().items():
        if not value:
            problems.append(f"Thiếu {key} cho tệp ZIM: hãy ghi site_name, site_description hoặc extra.zim trong mkdocs.yml.")
        elif key in LIMITS and len(value) > LIMITS[key]:
            field_name = {"Title": "title", "Description": "description", "LongDescription": "long_description"}[key]
            problems.append(f"{key} của tệp ZIM dài {len(value)} ký tự, Kiwix chỉ hiện {LIMITS[key]}: "
                            f"hãy ghi bản ngắn hơn ở extra.zim.{field_name} trong mkdocs.yml.")
    if metadata.long_description == metadata.description:
        problems.append("LongDescription của tệp ZIM phải khác Description: hãy ghi extra.zim.long_description dài hơn.")
    if not re.fullmatch(r"[a-z]{3}(,[a-z]{3})*", metadata.language):
        problems.append(f"Language của tệp ZIM phải là mã ISO 639-3, ví dụ vie (đang có: {metadata.language}).")
    if not re.fullmatch(r"[\w.-]+\.zim", metadata.file_name, re.ASCII):
        problems.append(f"Tên tệp ZIM chỉ dùng chữ không dấu, số, dấu - và . (đang có: {metadata.file_name}).")
    return problems


# ---- The 48x48 illustration (hocvuso/zim/illustration.py) ------------------------------------


def illustration(metadata: ZimMetadata, site_dir: Path, project_dir: Path) -> tuple[bytes, str]:
    """The 48x48 PNG for Kiwix and where it comes from: extra.zim.illustration, else the theme's
    PNG logo (or favicon) as the site has it, scaled to 48x48; else our own drawing."""
    candidates = []
    if metadata.illustration:
        candidates.append(project_dir / metadata.illustration)
    if metadata.logo:
        candidates.append(site_dir / metadata.logo)
    return zim_illustration.illustration(candidates, ILLUSTRATION_SIZE)


# ---- The entries ----------------------------------------------------------------------------


def mime_type(path: str) -> str:
    """The entry's type (hocvuso/publish/media_types.py, shared with the classroom's server); a
    file without a suffix (a LICENSE) is text."""
    return media_type(path) or ("text/plain" if not Path(path).suffix else "application/octet-stream")


_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL | re.IGNORECASE)


def page_title(page_html: str, site_name: str) -> str:
    """The page's <title> as Kiwix lists it: without the " - <site name>" every page ends with."""
    match = _TITLE.search(page_html)
    title = " ".join(html.unescape(match.group(1)).split()) if match else ""
    suffix = f" - {site_name}"
    return title[: -len(suffix)] if site_name and title.endswith(suffix) and title != suffix else title


def searched_pages(site_dir: Path) -> set[str]:
    """The pages our search indexes (search/docs/, see search_shards): the only ones Kiwix's search gets too."""
    return {doc[0].split("#")[0] for doc in read_docs(site_dir)}


@dataclass(frozen=True)
class Entry:
    path: str  # site path, as pages link to it
    file: Path
    mimetype: str
    title: str = ""
    article: bool = False  # listed by Kiwix (title suggestions, random page)
    searched: bool = False  # in Kiwix's full-text search


def site_entries(site_dir: Path, site_name: str = "") -> list[Entry]:
    """Every file of the built site, as one entry each."""
    searched = searched_pages(site_dir)
    entries = []
    for file in sorted(site_dir.rglob("*")):
        if not file.is_file():
            continue
        path = file.relative_to(site_dir).as_posix()
        kind = mime_type(path)
        if kind == "text/html":
            title = page_title(file.read_text(encoding="utf-8", errors="replace"), site_name) or path
            entries.append(Entry(path, file, kind, title, path not in _NOT_ARTICLES, path in searched))
        else:
            entries.append(Entry(path, file, kind))
    return entries


@dataclass
class ZimResult:
    path: Path
    entries: int
    size: int  # bytes
    illustration_source: str
    problems: list[str] = field(default_factory=list)


def write_zim(site_dir: Path, metadata: ZimMetadata, target: Path, project_dir: Path | None = None) -> ZimResult:
    """Packs the built ZIM edition in `site_dir` into `target` (replaced if it exists)."""
    from libzim.writer import Creator, FileProvider, Hint, IndexData, Item  # optional: hocvuso[zim]

    problems = metadata_problems(metadata)
    if not (site_dir / MAIN_PAGE).is_file():
        problems.append(f"Không thấy trang chủ {MAIN_PAGE} trong {site_dir}: hãy tạo trang web trước.")
    if problems:
        return ZimResult(target, 0, 0, "", problems)

    class NotSearched(IndexData):
        def has_indexdata(self):
            return False

        def get_title(self):
            return ""

        def get_content(self):
            return ""

        def get_keywords(self):
            return ""

        def get_wordcount(self):
            return 0

        def get_geoposition(self):
            return None

    class FileItem(Item):
        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry

        def get_path(self):
            return self.entry.path

        def get_title(self):
            return self.entry.title

        def get_mimetype(self):
            return self.entry.mimetype

        def get_contentprovider(self):
            return FileProvider(str(self.entry.file))

        def get_hints(self):
            return {Hint.FRONT_ARTICLE: self.entry.article}

    # Without get_indexdata, libzim indexes an HTML page's text itself; with it, it uses ours.
    class UnsearchedItem(FileItem):
        def get_indexdata(self):
            return NotSearched()

    entries = site_entries(site_dir, metadata.site_name)
    picture, source = illustration(metadata, site_dir, project_dir or site_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".tmp")
    partial.unlink(missing_ok=True)
    with Creator(str(partial)).config_verbose(False).config_indexing(True, metadata.language) as creator:
        creator.set_mainpath(MAIN_PAGE)
        for key, value in metadata.entries().items():
            creator.add_metadata(key, value)
        creator.add_illustration(ILLUSTRATION_SIZE, picture)
        for entry in entries:
            creator.add_item((FileItem if entry.searched or entry.mimetype != "text/html" else UnsearchedItem)(entry))
    partial.replace(target)  # a reader of the old file never sees half a new one
    return ZimResult(target, len(entries), target.stat().st_size, source)
