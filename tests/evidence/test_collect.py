"""What an export takes along: a revisit brings the record it refers to; a rendered page brings
its subresources, DOM and screenshot (records written here with the project's own WARC writer)."""

from __future__ import annotations

import base64
import io
import json
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from lurewatch.evidence.ledger import ledger_hook
from lurewatch.warc import cdxj
from lurewatch.warc.records import (
    HttpExchange,
    build_exchange,
    build_resource,
    build_revisit,
    record_header,
    warc_date,
)
from lurewatch.warc.writer import RotatingWarcWriter, WriterConfig
from tests.evidence.conftest import OPERATOR, lurewatch
from tests.evidence.packages import member, member_json

LATER = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)


def _writer(home: Path, job: str) -> RotatingWarcWriter:
    writer = RotatingWarcWriter(WriterConfig(directory=home / "warcs", job_id=job, operator=OPERATOR))
    writer.on_sealed.append(ledger_hook(home, OPERATOR))
    return writer


def _exchange(url: str, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> HttpExchange:
    return HttpExchange(
        url=url,
        method="GET",
        request_target="/" + url.split("/", 3)[3],
        request_headers=[("Host", url.split("/")[2])],
        request_body=b"",
        protocol="HTTP/1.1",
        status=200,
        response_headers=[("Content-Type", content_type)],
        body=body,
        started=LATER,
        ip_address="127.0.0.1",
        extra_warc_headers=extra or {},
    )


def _types(package: Path) -> list[str]:
    index = member(package, "indexes/index.cdx.gz")
    import gzip

    return [json.loads(line.split(" ", 2)[2])["type"] for line in gzip.decompress(index).decode().splitlines()]


def test_revisit_brings_its_original(home: Path, site: str, tmp_path: Path) -> None:
    url = site + "job1.html"
    original = [e for e in cdxj.lookup(home / "warcs" / cdxj.MERGED_NAME, url) if e.record_type == "response"][-1]
    writer = _writer(home, "recrawl")
    exchange = _exchange(url, b"", "text/html")
    writer.write_group(
        lambda info: [
            build_revisit(
                exchange,
                info,
                original.fields["digest"],
                original.fields["record_id"],
                url,
                warc_date(datetime.strptime(original.timestamp, "%Y%m%d%H%M%S").replace(tzinfo=UTC)),
            )
        ]
    )
    writer.close()
    cdxj.merge(home / "warcs")

    newest = tmp_path / "newest.wacz"
    done = lurewatch(home, "evidence", "export", url, "-o", str(newest), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["capture"]["type"] == "revisit"
    sources = member_json(newest, "datapackage.json")["lurewatch"]["sources"]
    ids = {s["record_id"] for s in sources}
    assert original.fields["record_id"] in ids and len({s["warc"] for s in sources}) == 2
    assert sorted(_types(newest)) == ["response", "revisit"]
    html = member(newest, "report/report.html").decode()
    assert "hr_global_jobs" in html  # entities come from the original's payload
    assert lurewatch(home, "evidence", "verify", str(newest)).returncode == 0

    before = tmp_path / "before.wacz"
    at = f"{original.timestamp[:4]}-{original.timestamp[4:6]}-{original.timestamp[6:8]}T23:59:59Z"
    assert lurewatch(home, "evidence", "export", url, "--at", at, "-o", str(before)).returncode == 0
    assert _types(before) == ["response"]  # the later revisit is another capture, not part of this one


def test_rendered_page_brings_subresources_dom_and_screenshot(home: Path, tmp_path: Path) -> None:
    page_url = "http://render.test/jobs/42"
    shot = io.BytesIO()
    Image.new("RGB", (64, 40), (200, 30, 30)).save(shot, format="PNG")
    page_id = "page-1"
    writer = _writer(home, "render")

    def group(info: str) -> list:  # type: ignore[type-arg]
        main, main_req = build_exchange(
            _exchange(
                page_url,
                b"<html><title>Job 42</title><body>Telegram @render_recruiter</body></html>",
                "text/html",
                {"WARC-Page-ID": page_id},
            ),
            info,
        )
        css, css_req = build_exchange(
            _exchange("http://render.test/site.css", b"body{}", "text/css", {"WARC-Page-ID": page_id}), info
        )
        main_id = record_header(main, "WARC-Record-ID")
        dom = build_resource(
            "urn:lurewatch:dom:" + page_url,
            "conversion",
            b"<html>dom</html>",
            "text/html",
            info,
            LATER,
            {"WARC-Page-ID": page_id, "WARC-Refers-To": main_id},
        )
        png = build_resource(
            "urn:lurewatch:screenshot:" + page_url,
            "resource",
            shot.getvalue(),
            "image/png",
            info,
            LATER,
            {"WARC-Page-ID": page_id, "WARC-Concurrent-To": main_id},
        )
        return [main, main_req, css, css_req, dom, png]

    writer.write_group(group)
    writer.write_group(
        lambda info: list(build_exchange(_exchange("http://render.test/other", b"x", "text/plain"), info))
    )
    writer.close()
    cdxj.merge(home / "warcs")

    out = tmp_path / "rendered.wacz"
    done = lurewatch(home, "evidence", "export", page_url, "-o", str(out))
    assert done.returncode == 0, done.stderr
    sources = member_json(out, "datapackage.json")["lurewatch"]["sources"]
    assert len(sources) == 7  # warcinfo + page, css (each with request) + DOM + screenshot; not /other
    html = member(out, "report/report.html").decode()
    assert "data:image/png;base64," + base64.b64encode(shot.getvalue()).decode() in html
    assert "render_recruiter" in html
    assert lurewatch(home, "evidence", "verify", str(out)).returncode == 0
