"""The menu each page carries: its own neighbourhood, not the whole course (issue #27).

MkDocs' `nav` still holds the whole course (made by nav.py; previous/next and a fork's tabs read
it). The theme's menu (hocvuso/theme/partials/nav.html) shows only:
- on a page inside a module: home, the course list, that module (its page, its lessons, its
  generated pages such as the test): what the issue asks a lesson to carry, nothing more (the
  top-level pages, such as progress, the glossary and the guides, were 200 bytes gzip of every
  lesson; they are a tap away on the home page and the course list);
- on any other page: home, the course list, one link per module (not on the course list, which
  lists them itself), the top-level pages.

`SiteMenu.from_nav` reads the nav once per build (the hook calls it at on_nav); `for_page` then
hands each page its part, in time proportional to its module, never to the course. Nav items are
duck-typed (MkDocs' Page, Section and Link: `title`, `url`, `children`, `parent`, `is_page`,
`is_index`, `is_homepage`, `file.src_uri`): nothing here imports MkDocs. Titles are read when a
page's menu is made, after every page is read (a page's title may come from its heading).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping


@dataclass(frozen=True)
class MenuLink:
    """One link of a page's menu. `title` is HTML text, as MkDocs' titles are (nav.py escapes them)."""

    title: str
    url: str  # site-relative, for the theme's `url` filter
    current: bool = False  # the page shown: marked, and carries its table of contents
    section: bool = False  # a group of pages, shown as one link to its first page


@dataclass(frozen=True)
class ModuleMenu:
    """The module a page is in: its own page (None when it has no index page) and what it holds."""

    title: str
    index: MenuLink | None
    links: tuple[MenuLink, ...]


@dataclass(frozen=True)
class PageMenu:
    """What one page's menu shows, in order: home, the course list, its module or every module, the rest."""

    home: MenuLink | None
    course_list: MenuLink | None
    module: ModuleMenu | None  # the page's module, opened
    modules: tuple[MenuLink, ...]  # every module, on pages outside modules only
    pages: tuple[MenuLink, ...]  # the course's top-level pages, on pages outside modules only


def _is_section(item) -> bool:
    return getattr(item, "children", None) is not None and not getattr(item, "is_page", False)


def first_page(section):
    """The page a section opens on: its first page, looking into sections inside it."""
    for child in section.children:
        found = first_page(child) if _is_section(child) else child
        if found is not None:
            return found
    return None


def _link(item, page, section: bool = False) -> MenuLink:
    target = first_page(item) if section else item
    return MenuLink(item.title or "", target.url if target is not None else "", item is page, section)


@dataclass(frozen=True)
class SiteMenu:
    """The nav as the menus need it, read once per build."""

    home: object | None
    course_list: object | None
    modules: tuple  # the nav's top-level sections, in order
    pages: tuple  # top-level pages and links other than home and the course list
    by_folder: Mapping[str, object]  # a module's folder -> its section (pages kept out of the nav, e.g. answer sheets)

    @classmethod
    def from_nav(cls, items, course_list_uri: str) -> "SiteMenu":
        home = course_list = None
        modules, pages = [], []
        for item in items:
            if _is_section(item):
                modules.append(item)
            elif getattr(item, "is_homepage", False) and home is None:
                home = item
            elif _src_uri(item) == course_list_uri and course_list is None:
                course_list = item
            else:
                pages.append(item)
        by_folder = {}
        for module in modules:
            folder = _folder(first_page(module))
            if folder:
                by_folder.setdefault(folder, module)
        return cls(home, course_list, tuple(modules), tuple(pages), MappingProxyType(by_folder))

    def for_page(self, page) -> PageMenu:
        """One page's menu: work proportional to its module (the walk up to it, its children)."""
        module = _top_section(page)
        if module is None and getattr(page, "parent", None) is None:
            module = self.by_folder.get(_folder(page) or "")
        home = _link(self.home, page) if self.home is not None else None
        course_list = _link(self.course_list, page) if self.course_list is not None else None
        if module is None:
            pages = tuple(_link(item, page) for item in self.pages)
            # The course list's own menu does not repeat the modules the page lists.
            modules = () if page is not None and page is self.course_list else self.modules
            return PageMenu(home, course_list, None, tuple(_link(item, page, section=True) for item in modules), pages)
        index, links = None, []
        for child in module.children:
            if index is None and not links and getattr(child, "is_index", False):
                index = _link(child, page)
            else:
                links.append(_link(child, page, section=_is_section(child)))
        return PageMenu(home, course_list, ModuleMenu(module.title or "", index, tuple(links)), (), ())


def _src_uri(item) -> str | None:
    file = getattr(item, "file", None)
    return getattr(file, "src_uri", None)


def _folder(page) -> str | None:
    """The folder of a page inside one (a module's), None for a page at the top."""
    src_uri = _src_uri(page) or ""
    return src_uri.split("/", 1)[0] if "/" in src_uri else None


def _top_section(page):
    """The top-level section holding `page` (None for a top-level page)."""
    item, top = page, None
    while getattr(item, "parent", None) is not None:
        item = top = item.parent
    return top
