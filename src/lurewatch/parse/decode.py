"""Bytes → text for archived HTML, exactly as the live crawl decoded it.

The spider reads ``response.text`` (Scrapy's rules: HTTP charset, BOM, ``<meta>``, then detection);
``index rebuild`` must reach the same text from the WARC payload, so it asks Scrapy too.
"""

from __future__ import annotations

from scrapy.http import HtmlResponse


def decode_html(url: str, content_type: str, body: bytes) -> str:
    headers = {"Content-Type": content_type} if content_type else {}
    return HtmlResponse(url=url, body=body, headers=headers).text
