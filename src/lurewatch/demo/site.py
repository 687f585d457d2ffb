"""The whole demo site for one day: every static resource keyed by the path the site links."""

from __future__ import annotations

from functools import cache

from lurewatch.demo import board, content, forum, jspages, lab
from lurewatch.demo.binaries import png
from lurewatch.demo.layout import document
from lurewatch.demo.page import Page
from lurewatch.demo.tokens import Collector, render_text

DAYS = (1, 2)
DISALLOWED_PREFIX = "/private/"

ROBOTS = f"User-agent: *\nDisallow: {DISALLOWED_PREFIX}\n\nSitemap: /sitemap.xml\n"

CSS = (
    "body{font-family:sans-serif;max-width:60rem;margin:auto;padding:0 1rem}"
    "header,footer{border-bottom:1px solid #ccc;padding:.5rem 0}footer{border-top:1px solid #ccc}"
    ".pager ul{list-style:none;display:flex;gap:.5rem;padding:0}.post{border-top:1px solid #eee}\n"
)


def _home(day: int) -> Page:
    main = (
        "<h1>Find your next job in Asia</h1>\n"
        "<p>AsiaJobLink lists jobs from employers across Southeast Asia. "
        'Before you travel, read the <a href="/forum/scam-alerts/">scam alerts</a>.</p>\n'
        f'<h2>Latest jobs</h2>\n<ul class="jobs">\n{board.latest_rows(day, 5)}</ul>\n'
        '<p><a href="/jobs/">All jobs</a></p>\n'
        f'<h2>From the forum</h2>\n<ul class="threads">\n{forum.latest_rows(5)}</ul>\n'
    )
    return Page("/", document("Home", main), "other")


def _about() -> Page:
    c = Collector()
    text = render_text(
        "AsiaJobLink Co., Ltd. (fictional), 88 Sukhumvit Soi 21, Bangkok 10110, Thailand. "
        "Office: [[tel:+6621234567|02 123 4567]]. Editorial desk: [[mailto:editor@asiajoblink.example]]. "
        "To report a suspicious ad write to [[email:report@asiajoblink.example|report[at]asiajoblink[dot]example]].",
        c,
    )
    main = (
        "<h1>About AsiaJobLink</h1>\n<p>We check every employer before an ad goes live, "
        "but scammers still try. Never pay a recruitment fee.</p>\n"
        f"<p>{text}</p>\n"
    )
    return Page("/about/", document("About", main), "other", frozenset(c.entities))


def _private() -> Page:
    c = Collector()
    text = render_text("Moderator on call this week: [[telegram:ajl_mod_team|@ajl_mod_team]].", c)
    main = f"<h1>Staff notes</h1>\n<p>Internal page, not for search engines.</p>\n<p>{text}</p>\n"
    return Page(f"{DISALLOWED_PREFIX}staff-notes.html", document("Staff notes", main), "other",
                frozenset(c.entities))


def _assets() -> list[Page]:
    logo = png(16, 16)
    logo2x = png(32, 32)
    out = [
        Page("/robots.txt", ROBOTS.encode(), "asset", content_type="text/plain; charset=utf-8"),
        Page("/static/site.css", CSS.encode(), "asset", content_type="text/css; charset=utf-8"),
    ]
    for name in ("ajl", "goldenbay", "mekong", "sunrise", "lotus", "harbor", "poster"):
        out.append(Page(f"/static/img/{name}-logo.png", logo, "asset", content_type="image/png"))
        out.append(Page(f"/static/img/{name}-logo@2x.png", logo2x, "asset",
                        content_type="image/png"))
    out.append(Page("/static/img/poster@2x.png", logo2x, "asset", content_type="image/png"))
    return out


@cache
def build(day: int) -> dict[str, Page]:
    """All static resources of ``day``; later entries never silently replace earlier ones."""
    if day not in DAYS:
        raise ValueError(f"day must be one of {DAYS}, not {day}")
    pages = [
        _home(day),
        _about(),
        _private(),
        *board.board_pages(day),
        *forum.forum_pages(),
        *jspages.js_pages(),
        *lab.static_pages(),
        *_assets(),
    ]
    site: dict[str, Page] = {}
    for page in pages:
        if page.path in site:
            raise ValueError(f"duplicate path {page.path}")
        site[page.path] = page
    return site


def gone_paths(day: int) -> frozenset[str]:
    """Ads taken down with 410 Gone on ``day`` (the others simply 404)."""
    return frozenset(f"/jobs/{i}/" for i in content.day2().gone) if day == 2 else frozenset()
