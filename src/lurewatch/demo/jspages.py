"""Pages that only show their content after JavaScript runs, for browser-capture tests.

The HTML shells carry no entities; the ads arrive as JSON from ``/api/...`` and are rendered into
the DOM, so a crawler without a browser sees an empty page.
"""

from __future__ import annotations

import json
from typing import Any

from lurewatch.demo import content
from lurewatch.demo.board import ad_article, html_lang
from lurewatch.demo.content import Ad
from lurewatch.demo.layout import document, esc
from lurewatch.demo.page import Page
from lurewatch.demo.tokens import Collector, plain_text, render_text

LIST_BATCH = 2
JSON = "application/json"


def js_ad_url(ad: Ad) -> str:
    return f"/js/jobs/{ad.id}"


def _script(code: str) -> str:
    return f"<script>\n{code.strip()}\n</script>\n"


def _json_page(path: str, data: Any) -> Page:
    body = json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return Page(path, body, "api", content_type=JSON)


_AD_SHELL = """
fetch("/api/jobs/{id}")
  .then(function (r) {{ return r.json(); }})
  .then(function (ad) {{
    document.title = ad.title + " - AsiaJobLink";
    document.getElementById("app").innerHTML = ad.html;
  }});
"""

_LAZY = """
var offset = 0, busy = false, done = false;
function more() {
  if (busy || done) return;
  busy = true;
  fetch("/api/jobs?offset=" + offset + "&limit=%d")
    .then(function (r) { return r.json(); })
    .then(function (page) {
      var list = document.getElementById("jobs");
      page.items.forEach(function (item) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = item.url; a.textContent = item.title;
        li.appendChild(a); list.appendChild(li);
      });
      offset += page.items.length; done = !page.more; busy = false;
    });
}
new IntersectionObserver(function (entries) {
  if (entries[0].isIntersecting) more();
}).observe(document.getElementById("sentinel"));
more();
""" % LIST_BATCH

_SNIPPET = """
fetch("/api/snippets/{name}")
  .then(function (r) {{ return r.json(); }})
  .then(function (s) {{ document.getElementById("app").innerHTML = s.html; }})
  .then(function () {{ return fetch("/api/poll"); }});
"""

_ALERT = """
alert("Only 3 seats left on this week's flight! Contact the recruiter now.");
fetch("/api/snippets/{name}")
  .then(function (r) {{ return r.json(); }})
  .then(function (s) {{ document.getElementById("app").innerHTML = s.html; }});
"""


def list_api(offset: int, limit: int) -> bytes:
    ads = content.js_ads()
    chunk = ads[offset : offset + max(0, min(limit, 10))]
    data = {
        "items": [{"title": plain_text(a.title), "url": js_ad_url(a)} for a in chunk],
        "more": offset + len(chunk) < len(ads),
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


def js_pages() -> list[Page]:
    pages: list[Page] = []
    for ad in content.js_ads():
        collector = Collector()
        article = ad_article(ad, collector)
        shell = '<div id="app"><p>Loading&hellip;</p></div>\n' + _script(
            _AD_SHELL.format(id=ad.id)
        )
        pages.append(
            Page(js_ad_url(ad), document("Job", shell, lang=html_lang(ad.lang)), "job_ad",
                 frozenset(collector.entities), needs_render=True, lang=ad.lang, scam=ad.scam)
        )
        pages.append(_json_page(f"/api/jobs/{ad.id}", {"id": ad.id, "title": ad.title,
                                                       "html": article}))
    snippets = content.read_json("jsjobs.json")["snippets"]
    for name, title, code in (
        ("longpoll", "Live chat with a recruiter", _SNIPPET),
        ("alert", "Urgent hiring", _ALERT),
    ):
        collector = Collector()
        html = "".join(f"<p>{render_text(p, collector)}</p>\n" for p in snippets[name])
        shell = f"<h1>{esc(title)}</h1>\n" + '<div id="app"></div>\n' + _script(
            code.format(name=name)
        )
        if name == "longpoll":
            # An image that never arrives keeps the load event from ever firing.
            shell += '<img src="/api/poll?avatar=1" alt="" width="1" height="1">\n'
        pages.append(Page(f"/js/{name}", document(title, shell), "other",
                          frozenset(collector.entities), needs_render=True))
        pages.append(_json_page(f"/api/snippets/{name}", {"html": html}))
    lazy = (
        "<h1>Latest jobs (app edition)</h1>\n<ul id=\"jobs\"></ul>\n"
        '<div style="height:2400px"></div>\n<div id="sentinel"></div>\n' + _script(_LAZY)
    )
    pages.append(Page("/js/jobs/", document("Latest jobs", lazy), "listing", needs_render=True))
    first = content.js_ads()[:LIST_BATCH]
    links = "".join(f'<li><a href="{js_ad_url(a)}">{esc(a.title)}</a></li>\n' for a in first)
    index = (
        "<h1>AsiaJobLink app edition</h1>\n<p>Our new pages load as you scroll.</p>\n<ul>\n"
        '<li><a href="/js/jobs/">Latest jobs</a></li>\n' + links
        + '<li><a href="/js/longpoll">Live chat</a></li>\n'
        '<li><a href="/js/alert">Urgent hiring</a></li>\n</ul>\n'
    )
    pages.append(Page("/js/", document("App edition", index), "listing"))
    return pages
