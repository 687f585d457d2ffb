"""``lurewatch crawl --render``: what the browser received is evidence, the DOM is what is indexed."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.render.conftest import REPO, Crawl, processes_tagged

pytestmark = pytest.mark.browser

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _by_type(crawl: Crawl, rec_type: str) -> list:
    return [r for r in crawl.records() if r.rec_type == rec_type]


def _uri(record) -> str:  # type: ignore[no-untyped-def]
    return record.rec_headers.get_header("WARC-Target-URI")


def test_xhr_responses_are_response_records_with_their_requests(rendered_crawl: Crawl) -> None:
    records = rendered_crawl.records()
    requests = {r.rec_headers.get_header("WARC-Concurrent-To"): r for r in records if r.rec_type == "request"}
    xhr = [r for r in records if r.rec_type == "response" and "/api/ad/" in _uri(r)]
    assert {_uri(r).rsplit("/", 1)[1] for r in xhr} == {"1", "2"}
    for response in xhr:
        assert b"Contact Telegram @" in response.payload  # the body as the browser received it
        request = requests[response.rec_headers.get_header("WARC-Record-ID")]
        assert _uri(request) == _uri(response)
        assert request.http_headers.protocol == "GET"
        assert request.http_headers.statusline.startswith("/api/ad/")
        assert request.http_headers.get_header("Host")
        assert request.http_headers.get_header("Cookie")  # the context's cookies were sent
        assert response.rec_headers.get_header("WARC-IP-Address") == "127.0.0.1"
        # gzip was removed by the browser: the header that no longer describes the body is renamed
        assert response.http_headers.get_header("Content-Encoding") is None
        assert response.http_headers.get_header("X-Lurewatch-Orig-Content-Encoding") == "gzip"
        assert response.rec_headers.get_header("WARC-Lurewatch-Decoded") == "gzip"


def test_subresources_and_repeated_headers_are_kept(rendered_crawl: Crawl) -> None:
    responses = _by_type(rendered_crawl, "response")
    uris = [_uri(r) for r in responses]
    assert sum(u.endswith("/style.css") for u in uris) == 2  # once per page: the cache is off
    assert sum(u.endswith("/logo.gif") for u in uris) == 2
    ad = next(r for r in responses if _uri(r).endswith("/ad/1"))
    assert ad.http_headers.get_header("Content-Type", "").startswith("text/html")
    cookies = [v for n, v in ad.http_headers.headers if n.lower() == "set-cookie"]
    assert len(cookies) == 2


def test_one_screenshot_and_one_dom_per_page_linked_to_the_page(rendered_crawl: Crawl) -> None:
    records = rendered_crawl.records()
    by_id = {r.rec_headers.get_header("WARC-Record-ID"): r for r in records}
    shots = [r for r in records if r.rec_type == "resource" and _uri(r).startswith("urn:lurewatch:screenshot:")]
    doms = [r for r in records if r.rec_type == "conversion"]
    rendered_pages = {"/ad/1", "/ad/2", "/dialog", "/never", "/plain/1", "/"}
    shot_pages = [_uri(r).split("/", 3)[3] for r in shots]
    assert sorted(shot_pages) == sorted(p.lstrip("/") for p in rendered_pages)  # one each
    for shot in shots:
        assert shot.payload.startswith(PNG_MAGIC)
        main = by_id[shot.rec_headers.get_header("WARC-Concurrent-To")]
        assert main.rec_type == "response"
        assert main.rec_headers.get_header("WARC-Page-ID") == shot.rec_headers.get_header("WARC-Page-ID")
    dom = next(r for r in doms if _uri(r).endswith("/ad/1"))
    assert b"Contact Telegram @hr_sihanouk_jobs" in dom.payload  # the rendered DOM, not the shell
    main = by_id[dom.rec_headers.get_header("WARC-Refers-To")]
    assert _uri(main) == dom.rec_headers.get_header("WARC-Refers-To-Target-URI")
    assert b"hr_sihanouk_jobs" not in main.payload  # the shell as served has no ad in it
    page_id = main.rec_headers.get_header("WARC-Page-ID")
    xhr = next(r for r in records if r.rec_type == "response" and _uri(r).endswith("/api/ad/1"))
    assert xhr.rec_headers.get_header("WARC-Page-ID") == page_id


def test_entities_from_xhr_text_are_indexed_and_dom_links_followed(rendered_crawl: Crawl) -> None:
    hits = {h["url"].split("/", 3)[3]: h for h in rendered_crawl.search()["hits"]}
    values = {e["value"] for e in hits["ad/1"]["entities"]}
    assert {"hr_sihanouk_jobs", "+85512345678"} <= values
    # /ad/2 is linked only from ad 1's XHR-loaded HTML
    assert "visa_paid_team" in {e["value"] for e in hits["ad/2"]["entities"]}
    # the evidence of a rendered page is its main document's response record
    records = {r.rec_headers.get_header("WARC-Record-ID"): r for r in rendered_crawl.records()}
    main = records[hits["ad/1"]["evidence"]["record_id"]]
    assert main.rec_type == "response" and _uri(main).endswith("/ad/1")


def test_warcio_check_passes(rendered_crawl: Crawl) -> None:
    warcs = sorted(str(p) for p in (rendered_crawl.home / "warcs").glob("*.warc.gz"))
    done = subprocess.run([sys.executable, "-m", "warcio.cli", "check", *warcs], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr


def test_misbehaving_pages_are_bounded_and_the_crawl_goes_on(rendered_crawl: Crawl) -> None:
    assert rendered_crawl.summary["finish_reason"] == "finished"
    hits = {h["url"].split("/", 3)[3]: h for h in rendered_crawl.search()["hits"]}
    # an alert() is dismissed and the page's fetched text is still read
    assert "dialog_hr" in {e["value"] for e in hits["dialog"]["entities"]}
    # an image and a fetch that never end: the page is captured with what arrived
    assert "never_ending_hr" in {e["value"] for e in hits["never"]["entities"]}
    # an endless script: the page is closed, the document as received is kept and indexed
    assert "busy" in hits, [line for line in rendered_crawl.stderr.splitlines() if "busy" in line]
    assert "busy_recruiter" in {e["value"] for e in hits["busy"]["entities"]}
    busy = [r for r in rendered_crawl.records() if r.rec_type == "response" and _uri(r).endswith("/busy")]
    assert len(busy) == 1
    # a navigation to a download is not followed, and fails with one logged line
    lines = [line for line in rendered_crawl.stderr.splitlines() if "/files/brochure" in line]
    assert len(lines) == 1 and "download" in lines[0].lower()


def test_no_browser_process_outlives_the_crawl(rendered_crawl: Crawl) -> None:
    assert processes_tagged(rendered_crawl.tag) == []


def test_index_rebuild_reads_the_rendered_dom(rendered_crawl: Crawl) -> None:
    from tests.render.conftest import cli

    done = cli(rendered_crawl.home, "index", "rebuild")
    assert done.returncode == 0, done.stderr
    hits = {h["url"].split("/", 3)[3]: h for h in rendered_crawl.search()["hits"]}
    assert "hr_sihanouk_jobs" in {e["value"] for e in hits["ad/1"]["entities"]}
