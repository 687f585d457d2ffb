"""Bytes → text for captured HTML, the same way for the live crawl and for ``index rebuild``.

Scrapy's rules come first (HTTP charset, BOM, ``<meta>``, then detection), with one correction:
a body declared as Latin-1/Windows-1252 that is in fact valid UTF-8 with multi-byte characters is
read as UTF-8. Servers of Asian job boards often send a default ``iso-8859-1`` over UTF-8 pages, and
text that is valid UTF-8 by accident is vanishingly rare, while mojibake would hide every
Chinese/Thai label and contact on the page.
"""

from __future__ import annotations

from scrapy.http import HtmlResponse, TextResponse

_LATIN_DEFAULTS = {"cp1252", "iso-8859-1", "latin-1", "latin1", "windows-1252", "ascii", "us-ascii"}


def _utf8_hiding_behind_latin(response: TextResponse) -> str | None:
    if response.encoding.lower() not in _LATIN_DEFAULTS or response.body.isascii():
        return None
    try:
        return response.body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def response_text(response: TextResponse) -> str:
    """The text of a live Scrapy response."""
    return _utf8_hiding_behind_latin(response) or response.text


def decode_html(url: str, content_type: str, body: bytes) -> str:
    """The text of an archived payload, exactly as ``response_text`` read it live."""
    headers = {"Content-Type": content_type} if content_type else {}
    return response_text(HtmlResponse(url=url, body=body, headers=headers))
