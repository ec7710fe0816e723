"""What a page needs to read well on paper (the rules themselves are in print.css).

On paper a link cannot be tapped, so print.css writes an outside link's address after its
text. Most of our links already show their address as their text (facts such as
dichvucong.gov.vn): those are marked here, so the address is not printed twice.
"""

from __future__ import annotations

import re

ADDRESS_CLASS = "hvs-address"
_OUTSIDE_LINK = re.compile(r'<a href="(?P<href>https?://[^"]+)"(?P<rest>[^>]*)>(?P<text>[^<]*)</a>')


def _bare(address: str) -> str:
    address = address.strip().lower()
    for prefix in ("https://", "http://", "www."):
        address = address.removeprefix(prefix)
    return address.rstrip("/")


def mark_address_links(html: str) -> str:
    """Adds ADDRESS_CLASS to outside links whose text is already their address."""
    if 'href="http' not in html:
        return html

    def mark(match: re.Match) -> str:
        if "class=" in match.group("rest") or _bare(match.group("text")) != _bare(match.group("href")):
            return match.group(0)
        return f'<a href="{match.group("href")}" class="{ADDRESS_CLASS}"{match.group("rest")}>{match.group("text")}</a>'

    return _OUTSIDE_LINK.sub(mark, html)
