"""Build WARC 1.1 records (request, response, revisit, resource, conversion, metadata, warcinfo)
with SHA-256 block and payload digests.

warcio builds and serialises the records; the only change from its defaults is the digest algorithm
(warcio writes SHA-1 unless told otherwise), which evidence handling needs to be SHA-256.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path

from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

WARC_VERSION = "1.1"

# Hop-by-hop framing that no longer describes the bytes we store (the body was de-chunked by the
# HTTP client); the original value is kept under this name so no header value is lost.
_FRAMING_HEADERS = {"transfer-encoding"}
ORIGINAL_HEADER_PREFIX = "X-Lurewatch-Orig-"


class Sha256WarcWriter(WARCWriter):
    """A warcio writer whose record builder digests with SHA-256."""

    @staticmethod
    def _create_digester() -> Digester:  # type: ignore[override]
        return Digester("sha256")


_BUILDER = Sha256WarcWriter(io.BytesIO(), gzip=False, warc_version=WARC_VERSION)


def new_record_id() -> str:
    return f"<urn:uuid:{uuid.uuid4()}>"


def warc_date(moment: datetime) -> str:
    """WARC 1.1 date with microseconds, always UTC."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def sha256_label(data: bytes) -> str:
    """The ``sha256:<base32>`` label warcio writes and checks, computed over ``data``."""
    digester = Digester("sha256")
    digester.update(data)
    return str(digester)


@dataclass
class HttpExchange:
    """One HTTP request/response as it crossed the wire (body as received, before decoding)."""

    url: str
    method: str
    request_target: str  # path + query, as in the request line
    request_headers: list[tuple[str, str]]
    request_body: bytes
    protocol: str  # "HTTP/1.1", "HTTP/2"
    status: int
    response_headers: list[tuple[str, str]]
    body: bytes
    started: datetime
    ip_address: str | None = None
    truncated: str | None = None  # WARC-Truncated reason: "length", "time", "disconnect"
    certificate: bytes | None = None  # the server's TLS certificate (DER), for HTTPS
    extra_warc_headers: dict[str, str] = field(default_factory=dict)


def _response_status_line(status: int) -> str:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    return f"{status} {phrase}".rstrip()


def stored_response_headers(headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Response headers as stored: framing headers renamed so the record never claims
    ``Transfer-Encoding: chunked`` over a de-chunked body."""
    stored = []
    for name, value in headers:
        if name.lower() in _FRAMING_HEADERS:
            stored.append((ORIGINAL_HEADER_PREFIX + name, value))
        else:
            stored.append((name, value))
    return stored


def build_exchange(
    exchange: HttpExchange, warcinfo_id: str
) -> tuple[ArcWarcRecord, ArcWarcRecord]:
    """The (response, request) pair for one exchange, linked and dated as ARCHITECTURE.md requires."""
    date = warc_date(exchange.started)
    response_id = new_record_id()
    resp_headers = {
        "WARC-Record-ID": response_id,
        "WARC-Date": date,
        "WARC-Warcinfo-ID": warcinfo_id,
    }
    if exchange.ip_address:
        resp_headers["WARC-IP-Address"] = exchange.ip_address
    if exchange.truncated:
        resp_headers["WARC-Truncated"] = exchange.truncated
    resp_headers.update(exchange.extra_warc_headers)
    http_resp = StatusAndHeaders(
        _response_status_line(exchange.status),
        stored_response_headers(exchange.response_headers),
        protocol=exchange.protocol,
    )
    response = _BUILDER.create_warc_record(
        exchange.url,
        "response",
        payload=io.BytesIO(exchange.body),
        length=len(exchange.body),
        warc_headers_dict=resp_headers,
        http_headers=http_resp,
    )
    request = build_request(exchange, warcinfo_id, response_id)
    return response, request


def build_certificate(exchange: HttpExchange, warcinfo_id: str, response_id: str) -> ArcWarcRecord:
    """The server's TLS certificate as a ``metadata`` record beside its response (evidence reports
    show who the server claimed to be)."""
    assert exchange.certificate is not None
    return _BUILDER.create_warc_record(
        exchange.url,
        "metadata",
        payload=io.BytesIO(exchange.certificate),
        length=len(exchange.certificate),
        warc_content_type="application/pkix-cert",
        warc_headers_dict={
            "WARC-Record-ID": new_record_id(),
            "WARC-Date": warc_date(exchange.started),
            "WARC-Warcinfo-ID": warcinfo_id,
            "WARC-Concurrent-To": response_id,
            "Content-Type": "application/pkix-cert",
        },
    )


def build_request(exchange: HttpExchange, warcinfo_id: str, concurrent_to: str) -> ArcWarcRecord:
    """The request record of an exchange, linked to its response or revisit record."""
    http_req = StatusAndHeaders(
        f"{exchange.method} {exchange.request_target} {exchange.protocol}",
        list(exchange.request_headers),
        is_http_request=True,
    )
    headers = {
        "WARC-Record-ID": new_record_id(),
        "WARC-Date": warc_date(exchange.started),
        "WARC-Warcinfo-ID": warcinfo_id,
        "WARC-Concurrent-To": concurrent_to,
    }
    if exchange.ip_address:
        headers["WARC-IP-Address"] = exchange.ip_address
    return _BUILDER.create_warc_record(
        exchange.url,
        "request",
        payload=io.BytesIO(exchange.request_body),
        length=len(exchange.request_body),
        warc_headers_dict=headers,
        http_headers=http_req,
    )


def build_revisit(
    exchange: HttpExchange,
    warcinfo_id: str,
    payload_digest: str,
    refers_to_id: str,
    refers_to_uri: str,
    refers_to_date: str,
) -> ArcWarcRecord:
    """A revisit record (identical-payload-digest profile): headers only, pointing at the original."""
    headers = {
        "WARC-Record-ID": new_record_id(),
        "WARC-Date": warc_date(exchange.started),
        "WARC-Warcinfo-ID": warcinfo_id,
        "WARC-Refers-To": refers_to_id,
    }
    if exchange.ip_address:
        headers["WARC-IP-Address"] = exchange.ip_address
    http_resp = StatusAndHeaders(
        _response_status_line(exchange.status),
        stored_response_headers(exchange.response_headers),
        protocol=exchange.protocol,
    )
    return _BUILDER.create_revisit_record(
        exchange.url,
        payload_digest,
        refers_to_uri,
        refers_to_date,
        http_headers=http_resp,
        warc_headers_dict=headers,
    )


def build_resource(
    uri: str,
    record_type: str,
    content: bytes,
    content_type: str,
    warcinfo_id: str,
    moment: datetime,
    links: Mapping[str, str] | None = None,
) -> ArcWarcRecord:
    """A ``resource``/``conversion``/``metadata`` record, e.g. a rendered DOM or a screenshot,
    linked to the page by ``links`` (``WARC-Refers-To``, ``WARC-Concurrent-To``)."""
    headers = {
        "WARC-Record-ID": new_record_id(),
        "WARC-Date": warc_date(moment),
        "WARC-Warcinfo-ID": warcinfo_id,
        "Content-Type": content_type,
        **(links or {}),
    }
    record = _BUILDER.create_warc_record(
        uri,
        record_type,
        payload=io.BytesIO(content),
        length=len(content),
        warc_content_type=content_type,
        warc_headers_dict=headers,
    )
    return record


def build_warcinfo(filename: str, fields: Mapping[str, str]) -> ArcWarcRecord:
    record = _BUILDER.create_warcinfo_record(filename, dict(fields))
    return record


def serialize(record: ArcWarcRecord) -> bytes:
    """The uncompressed bytes of one record, digests filled in."""
    out = io.BytesIO()
    _BUILDER._write_warc_record(out, record)  # warcio's own serialiser; gzip is applied per record by us
    return out.getvalue()


def record_header(record: ArcWarcRecord, name: str) -> str:
    return record.rec_headers.get_header(name) or ""


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
