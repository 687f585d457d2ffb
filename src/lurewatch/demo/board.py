"""The AsiaJobLink job board: ad pages, paginated listings, category pages."""

from __future__ import annotations

from typing import Any

from lurewatch.demo import content
from lurewatch.demo.content import Ad
from lurewatch.demo.layout import document, esc, page_url, pager
from lurewatch.demo.page import Page
from lurewatch.demo.tokens import Collector, plain_text, render_text

PER_PAGE = 10

# Field labels in the ad's own language, as a multilingual board would show them.
_LABELS: dict[str, tuple[str, str, str, str, str]] = {
    "en": ("Location", "Salary", "Posted", "Reference", "How to apply"),
    "zh": ("工作地点", "薪资", "发布日期", "编号", "联系方式"),
    "th": ("สถานที่ทำงาน", "เงินเดือน", "วันที่ลงประกาศ", "เลขที่อ้างอิง", "วิธีสมัคร"),
    "vi": ("Địa điểm", "Mức lương", "Ngày đăng", "Mã tin", "Cách ứng tuyển"),
    "id": ("Lokasi", "Gaji", "Diposting", "Referensi", "Cara melamar"),
    "km": ("ទីតាំង", "ប្រាក់ខែ", "ថ្ងៃប្រកាស", "លេខយោង", "របៀបដាក់ពាក្យ"),
    "my": ("နေရာ", "လစာ", "ကြော်ငြာသည့်နေ့", "ရည်ညွှန်းနံပါတ်", "လျှောက်ထားရန်"),
}

_HTML_LANG = {"zh": "zh-Hans"}


def html_lang(lang: str) -> str:
    return _HTML_LANG.get(lang, lang)


def ad_url(ad: Ad) -> str:
    return f"/jobs/{ad.id}/"


def category_url(slug: str) -> str:
    return f"/jobs/category/{slug}/"


def _jsonld(ad: Ad) -> dict[str, Any]:
    assert ad.jsonld is not None
    return {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": plain_text(ad.title),
        "datePosted": ad.posted,
        "employmentType": "FULL_TIME",
        "identifier": {"@type": "PropertyValue", "name": "AsiaJobLink", "value": ad.ref},
        "hiringOrganization": {"@type": "Organization", "name": plain_text(ad.company)},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": plain_text(ad.location),
                "addressCountry": ad.country,
            },
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": ad.jsonld.currency,
            "value": {
                "@type": "QuantitativeValue",
                "minValue": ad.jsonld.minimum,
                "maxValue": ad.jsonld.maximum,
                "unitText": ad.jsonld.unit,
            },
        },
    }


def ad_article(ad: Ad, collector: Collector) -> str:
    """The ad's HTML (also what the JavaScript pages inject after load)."""
    loc, sal, posted, ref, apply = _LABELS[ad.lang]
    logo = ""
    if ad.logo:
        logo = (
            f'<img class="logo" src="/static/img/{esc(ad.logo)}-logo.png" '
            f'srcset="/static/img/{esc(ad.logo)}-logo@2x.png 2x" alt="" width="64" height="64"> '
        )
    body = "".join(f"<p>{render_text(p, collector)}</p>\n" for p in ad.body)
    how = "".join(f"<p>{render_text(p, collector)}</p>\n" for p in ad.apply)
    return (
        f'<article class="job" lang="{esc(html_lang(ad.lang))}">\n'
        f"<h1>{esc(plain_text(ad.title))}</h1>\n"
        f'<p class="company">{logo}{esc(plain_text(ad.company))}</p>\n'
        f"<dl><dt>{loc}</dt><dd>{esc(plain_text(ad.location))}</dd>\n"
        f"<dt>{sal}</dt><dd>{esc(plain_text(ad.salary))}</dd>\n"
        f"<dt>{posted}</dt><dd><time>{esc(ad.posted)}</time></dd>\n"
        f"<dt>{ref}</dt><dd>{esc(ad.ref)}</dd></dl>\n"
        f'<section class="description">\n{body}</section>\n'
        f'<section class="apply"><h2>{apply}</h2>\n{how}</section>\n'
        "</article>\n"
    )


def ad_page(ad: Ad) -> Page:
    collector = Collector()
    cat = content.categories()[ad.category]
    main = (
        f'<p class="crumbs"><a href="/jobs/">Jobs</a> &rsaquo; '
        f'<a href="{category_url(ad.category)}">{esc(cat)}</a></p>\n' + ad_article(ad, collector)
    )
    doc = document(
        plain_text(ad.title),
        main,
        lang=html_lang(ad.lang),
        jsonld=[_jsonld(ad)] if ad.jsonld else None,
    )
    return Page(
        ad_url(ad), doc, "job_ad", frozenset(collector.entities), lang=ad.lang, scam=ad.scam
    )


def ordered(ads: tuple[Ad, ...]) -> list[Ad]:
    """Newest first, as job boards list them."""
    return sorted(ads, key=lambda a: (a.posted, a.id), reverse=True)


def _row(ad: Ad) -> str:
    return (
        f'<li class="job-row"><a href="{ad_url(ad)}">{esc(plain_text(ad.title))}</a>'
        f' <span class="company">{esc(plain_text(ad.company))}</span>'
        f' <span class="where">{esc(plain_text(ad.location))}</span>'
        f' <span class="salary">{esc(plain_text(ad.salary))}</span>'
        f" <time>{esc(ad.posted)}</time></li>\n"
    )


def listing(ads: list[Ad], base: str, title: str) -> list[Page]:
    pages = max(1, -(-len(ads) // PER_PAGE))
    out = []
    for n in range(1, pages + 1):
        chunk = ads[(n - 1) * PER_PAGE : n * PER_PAGE]
        main = (
            f"<h1>{esc(title)}</h1>\n<p>{len(ads)} jobs, page {n} of {pages}</p>\n"
            f'<ul class="jobs">\n{"".join(_row(a) for a in chunk)}</ul>\n'
            + pager(base, n, pages)
        )
        out.append(Page(page_url(base, n), document(title, main), "listing"))
    return out


def board_pages(day: int) -> list[Page]:
    ads = ordered(content.ads(day))
    pages = [ad_page(a) for a in ads]
    pages += listing(ads, "/jobs/", "All jobs")
    cats = content.categories()
    rows = "".join(
        f'<li><a href="{category_url(slug)}">{esc(name)}</a> '
        f"({sum(a.category == slug for a in ads)})</li>\n"
        for slug, name in cats.items()
    )
    main = f'<h1>Job categories</h1>\n<ul class="categories">\n{rows}</ul>\n'
    pages.append(Page("/jobs/category/", document("Job categories", main), "listing"))
    for slug, name in cats.items():
        pages += listing([a for a in ads if a.category == slug], category_url(slug), name)
    return pages


def latest_rows(day: int, count: int) -> str:
    return "".join(_row(a) for a in ordered(content.ads(day))[:count])
