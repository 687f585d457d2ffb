"""The links a page offers, as written (``href``/``src``/``action`` values)."""

from __future__ import annotations

import lxml.html
from lxml import etree

_LINK_ATTRS = (("a", "href"), ("area", "href"), ("link", "href"), ("iframe", "src"), ("form", "action"))


def links_of(tree: lxml.html.HtmlElement) -> list[str]:
    return [value for tag, attr in _LINK_ATTRS for el in tree.iter(tag) if (value := el.get(attr))]


def page_links(html: str) -> list[str]:
    """Only the links: what the spider needs to crawl on, without the cost of a full analysis."""
    if not html.strip():
        return []
    try:
        return links_of(lxml.html.document_fromstring(html))
    except (etree.ParserError, ValueError):
        return []
