"""Parse one HTML page once (lxml) into everything downstream needs.

Structured data comes first (schema.org JSON-LD via extruct: a ``JobPosting`` gives the title, the
description and the posting date as the site states them); otherwise trafilatura finds the readable
main text. The visible text of the whole page is kept too, because contacts often sit outside the
main text (footers, sidebars, "apply via" boxes).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any

import lxml.html
import trafilatura
from extruct.jsonld import JsonLdExtractor
from lxml import etree

from lurewatch.parse.kind import classify, is_detail_link
from lurewatch.parse.language import detect_language
from lurewatch.parse.links import links_of

log = logging.getLogger(__name__)

_JSONLD = JsonLdExtractor()
_INVISIBLE = {"script", "style", "noscript", "template", "head", "svg"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


@dataclass
class ParsedPage:
    title: str = ""
    text: str = ""  # the readable main text
    visible_text: str = ""  # all visible text of the page
    lang: str = ""
    kind: str = "other"
    published: str | None = None
    links: list[str] = field(default_factory=list)  # as written in the page (href/src values)
    jsonld: list[dict[str, Any]] = field(default_factory=list)


def _tidy(text: str) -> str:
    text = _SPACES.sub(" ", text)
    return _BLANK_LINES.sub("\n\n", "\n".join(line.strip() for line in text.splitlines())).strip()


def _visible_text(tree: lxml.html.HtmlElement) -> str:
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.lower() in _INVISIBLE:
            if el.tail:
                parts.append(el.tail)
            return
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
        if tag in ("p", "div", "li", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "td", "dd", "dt"):
            parts.append("\n")
        else:
            parts.append(" ")
        if el.tail:
            parts.append(el.tail)

    body = tree.find(".//body")
    walk(body if body is not None else tree)
    return _tidy("".join(parts))


def _jsonld_items(tree: lxml.html.HtmlElement, url: str) -> list[dict[str, Any]]:
    try:
        items = _JSONLD.extract_items(tree, base_url=url)
    except (ValueError, json.JSONDecodeError) as exc:
        log.info("ignored malformed JSON-LD on %s: %s", url, exc)
        return []
    flat: list[dict[str, Any]] = []
    for item in items or []:
        graph = item.get("@graph") if isinstance(item, dict) else None
        for node in graph if isinstance(graph, list) else [item]:
            if isinstance(node, dict):
                flat.append(node)
    return flat


def _types(item: dict[str, Any]) -> list[str]:
    value = item.get("@type", [])
    return [str(v) for v in (value if isinstance(value, list) else [value])]


def _strip_html(fragment: str) -> str:
    if "<" not in fragment:
        return fragment
    try:
        return lxml.html.fromstring(fragment).text_content()
    except (etree.ParserError, ValueError):
        return fragment


def _declared_date(tree: lxml.html.HtmlElement) -> str | None:
    """The publication date a page declares in its markup (meta tags, <time>), without guessing."""
    for xpath in (
        '//meta[@property="article:published_time"]/@content',
        '//meta[@itemprop="datePosted" or @itemprop="datePublished"]/@content',
        '//meta[@name="date" or @name="pubdate"]/@content',
        "//time[@datetime][1]/@datetime",
    ):
        found = tree.xpath(xpath)
        if found:
            return str(found[0]).strip() or None
    return None


def parse_html(url: str, html: str) -> ParsedPage:
    """Parse a decoded HTML document. Never raises on malformed markup; an unparsable document
    yields an empty ``ParsedPage``."""
    if not html.strip():
        return ParsedPage()
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        log.info("unparsable HTML at %s: %s", url, exc)
        return ParsedPage()

    links = links_of(tree)
    jsonld = _jsonld_items(tree, url)
    types = [t for item in jsonld for t in _types(item)]
    title_el = tree.find(".//title")
    title = _tidy(title_el.text_content()) if title_el is not None else ""
    published: str | None = None
    main_text = ""

    for item in jsonld:
        item_types = {t.lower() for t in _types(item)}
        if item_types & {"jobposting", "discussionforumposting", "socialmediaposting", "article", "newsarticle"}:
            title = _tidy(str(item.get("title") or item.get("headline") or title))
            main_text = _tidy(_strip_html(str(item.get("description") or item.get("articleBody") or item.get("text") or "")))
            published = str(item.get("datePosted") or item.get("datePublished") or "") or None
            break

    visible = _visible_text(tree)
    heading = tree.find(".//h1")
    heading_text = _tidy(heading.text_content()) if heading is not None else ""
    published = published or _declared_date(tree)
    lang = detect_language(tree.get("lang") or "", main_text or visible)
    if not main_text:
        # Last use of the tree: trafilatura prunes it in place, which spares a second parse.
        extracted = trafilatura.bare_extraction(
            tree, url=url, fast=True, favor_precision=True, include_comments=True, deduplicate=False
        )
        main_text = _tidy(extracted.text or "") if extracted is not None else ""
        # trafilatura treats the first heading as metadata; an ad's heading is its most telling line
        if main_text and heading_text and heading_text not in main_text and heading_text != title:
            main_text = f"{heading_text}\n{main_text}"
    if not main_text:
        main_text = visible
    detail_links = sum(1 for link in links if is_detail_link(link))
    return ParsedPage(
        title=title,
        text=main_text,
        visible_text=visible,
        lang=lang,
        kind=classify(url, types, detail_links),
        published=published,
        links=links,
        jsonld=jsonld,
    )
