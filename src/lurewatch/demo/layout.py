"""Page chrome shared by the job board and the forum: head, navigation, footer.

The chrome never contains an entity, so a page's entities are exactly its content's tokens. The
footer links every trap on purpose: a crawler meets them from any page.
"""

from __future__ import annotations

import html
import json
from typing import Any

SITE_NAME = "AsiaJobLink"
FORUM_NAME = "Expat Voices"

_NAV = (
    ("/", "Home"),
    ("/jobs/", "Jobs"),
    ("/jobs/category/", "Categories"),
    ("/forum/", FORUM_NAME),
    ("/about/", "About"),
)

_FOOTER = (
    ("/about/", "About us"),
    ("/lab/", "Archive"),
    ("/events/calendar?month=2026-11", "Events"),
    ("/private/staff-notes.html", "Staff area"),
    ("/js/", "App edition"),
    ("/sitemap.xml", "Sitemap"),
)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def jsonld_script(data: dict[str, Any]) -> str:
    # sort_keys keeps the bytes stable; "</" is escaped so text can never close the script.
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{payload}\n</script>\n'


def pager(base: str, page: int, pages: int) -> str:
    """Numbered pagination; page 1 is the bare path so each page has exactly one URL."""
    if pages <= 1:
        return ""
    items = []
    for n in range(1, pages + 1):
        href = base if n == 1 else f"{base}?page={n}"
        if n == page:
            items.append(f'<li class="current">{n}</li>')
        else:
            items.append(f'<li><a href="{esc(href)}">{n}</a></li>')
    if page < pages:
        items.append(f'<li><a rel="next" href="{esc(f"{base}?page={page + 1}")}">Next &raquo;</a></li>')
    return '<nav class="pager"><ul>' + "".join(items) + "</ul></nav>\n"


def page_url(base: str, page: int) -> str:
    return base if page == 1 else f"{base}?page={page}"


def document(
    title: str,
    main: str,
    *,
    lang: str = "en",
    jsonld: list[dict[str, Any]] | None = None,
    head: str = "",
    section: str = SITE_NAME,
) -> bytes:
    nav = "".join(f'<a href="{esc(href)}">{esc(label)}</a> ' for href, label in _NAV)
    footer = " | ".join(f'<a href="{esc(href)}">{esc(label)}</a>' for href, label in _FOOTER)
    scripts = "".join(jsonld_script(d) for d in jsonld or [])
    text = (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(title)} - {esc(section)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="stylesheet" href="/static/site.css">\n'
        f"{head}{scripts}</head>\n<body>\n"
        '<header><a class="brand" href="/"><img src="/static/img/ajl-logo.png" '
        'srcset="/static/img/ajl-logo@2x.png 2x" alt="AsiaJobLink" width="120" height="32"></a>\n'
        f"<nav>{nav}</nav></header>\n"
        f"<main>\n{main}</main>\n"
        f"<footer><p>{footer}</p>\n"
        "<p>AsiaJobLink and Expat Voices are a fictional demo site shipped with lurewatch. "
        "Every company, person and contact on it is invented.</p></footer>\n"
        "</body>\n</html>\n"
    )
    return text.encode("utf-8")
