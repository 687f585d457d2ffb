"""The WARC records of one rendered page, written as one group (one file):

1. every exchange the browser received, main document first: ``response`` + ``request`` pairs;
2. the rendered DOM: a ``conversion`` record, ``WARC-Target-URI: urn:lurewatch:dom:<url>``,
   ``WARC-Refers-To`` the main response record;
3. the full-page PNG screenshot: a ``resource`` record, ``urn:lurewatch:screenshot:<url>``,
   ``WARC-Concurrent-To`` the main response record;
4. if anything happened worth knowing (a dialog, a download, a page cut short), a ``metadata``
   record listing it.

Every one of them carries the same ``WARC-Page-ID``, which is how the evidence exporter collects a
rendered page's records. The DOM and screenshot use ``urn:`` target URIs so that replay and the
CDXJ lookup of the page URL find the HTTP response, never the DOM.
"""

from __future__ import annotations

from warcio.recordloader import ArcWarcRecord

from lurewatch.crawl.render_capture import PAGE_ID_HEADER, Collected
from lurewatch.warc.records import build_exchange, build_resource, record_header, warc_date

DOM_URN = "urn:lurewatch:dom:"
SCREENSHOT_URN = "urn:lurewatch:screenshot:"
NOTES_URN = "urn:lurewatch:render-notes:"


def page_records(collected: Collected, warcinfo_id: str) -> list[ArcWarcRecord]:
    records: list[ArcWarcRecord] = []
    main = collected.main
    ordered = ([main] if main else []) + [x for x in collected.exchanges if x is not main]
    main_id = ""
    for exchange in ordered:
        response, request = build_exchange(exchange, warcinfo_id)
        if exchange is main:
            main_id = record_header(response, "WARC-Record-ID")
        records += [response, request]
    page_url = main.url if main else collected.url
    links = {PAGE_ID_HEADER: collected.page_id}
    if main is not None:
        refers = {
            "WARC-Refers-To": main_id,
            "WARC-Refers-To-Target-URI": main.url,
            "WARC-Refers-To-Date": warc_date(main.started),
        }
    else:
        refers = {}
    moment = collected.captured_at
    if collected.dom is not None:
        records.append(
            build_resource(
                DOM_URN + page_url, "conversion", collected.dom.encode("utf-8"), "text/html; charset=utf-8",
                warcinfo_id, moment, {**links, **refers},
            )
        )
    if collected.screenshot:
        shot_links = {**links, **({"WARC-Concurrent-To": main_id} if main_id else {})}
        records.append(
            build_resource(SCREENSHOT_URN + page_url, "resource", collected.screenshot, "image/png", warcinfo_id, moment, shot_links)
        )
    if collected.notes:
        body = "".join(f"note: {n.replace(chr(10), ' ').replace(chr(13), ' ')}\r\n" for n in collected.notes)
        records.append(
            build_resource(
                NOTES_URN + page_url, "metadata", body.encode("utf-8"), "application/warc-fields",
                warcinfo_id, moment, {**links, **({"WARC-Concurrent-To": main_id} if main_id else {})},
            )
        )
    return records
