import gzip
import io
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from lurewatch.warc import cdxj
from lurewatch.warc.reader import read_record, warc_files
from lurewatch.warc.records import HttpExchange, build_exchange, serialize
from lurewatch.warc.writer import RotatingWarcWriter, WriterConfig


def _exchange(i: int, body: bytes = b"<html>hello</html>") -> HttpExchange:
    return HttpExchange(
        url=f"http://127.0.0.1:8000/p?x={i}",
        method="GET",
        request_target=f"/p?x={i}",
        request_headers=[("Host", "127.0.0.1:8000"), ("User-Agent", "t")],
        request_body=b"",
        protocol="HTTP/1.1",
        status=200,
        response_headers=[
            ("Content-Type", "text/html"),
            ("Set-Cookie", "a=1"),
            ("Set-Cookie", "b=2"),
            ("Transfer-Encoding", "chunked"),
        ],
        body=body,
        started=datetime(2026, 11, 23, 10, 0, 0, 123456, tzinfo=UTC),
        ip_address="127.0.0.1",
    )


def test_records_are_paired_dated_and_keep_every_header() -> None:
    response, request = build_exchange(_exchange(1), "<urn:uuid:info>")
    headers = response.rec_headers
    assert headers.get_header("WARC-Date") == "2026-11-23T10:00:00.123456Z"
    assert request.rec_headers.get_header("WARC-Date") == headers.get_header("WARC-Date")
    assert request.rec_headers.get_header("WARC-Concurrent-To") == headers.get_header("WARC-Record-ID")
    assert headers.get_header("WARC-IP-Address") == "127.0.0.1"
    assert headers.get_header("WARC-Payload-Digest").startswith("sha256:")
    raw = serialize(response)
    assert raw.count(b"Set-Cookie:") == 2
    assert b"\r\nTransfer-Encoding" not in raw  # never claims chunking over a de-chunked body
    assert b"X-Lurewatch-Orig-Transfer-Encoding: chunked" in raw
    assert b"GET /p?x=1 HTTP/1.1" in serialize(request)


def test_serialisation_is_byte_stable_for_fixed_ids_and_dates() -> None:
    def build() -> bytes:
        response, _ = build_exchange(_exchange(1), "<urn:uuid:info>")
        response.rec_headers.replace_header("WARC-Record-ID", "<urn:uuid:fixed>")
        return serialize(response)

    assert build() == build()


def test_rotation_cdxj_lookup_and_seek(tmp_path: Path) -> None:
    writer = RotatingWarcWriter(WriterConfig(directory=tmp_path, job_id="t", max_bytes=1500))
    refs = [writer.write_group(lambda wid, i=i: list(build_exchange(_exchange(i, b"x" * 900), wid))) for i in range(4)]
    sealed = writer.close()
    cdxj.merge(tmp_path)
    assert len(sealed) >= 2
    assert not list(tmp_path.glob("*.open"))
    for path in warc_files(tmp_path):
        records = list(ArchiveIterator(open(path, "rb")))
        assert records[0].rec_type == "warcinfo"
        info_id = records[0].rec_headers.get_header("WARC-Record-ID")
        assert all(r.rec_headers.get_header("WARC-Warcinfo-ID") == info_id for r in records[1:])
        sidecar = path.with_name(path.name + ".sha256").read_text().split()[0]
        import hashlib

        assert sidecar == hashlib.sha256(path.read_bytes()).hexdigest()
    entries = cdxj.lookup(tmp_path / cdxj.MERGED_NAME, "http://127.0.0.1:8000/p?x=2")
    assert len(entries) == 1 and entries[0].status == 200
    response_ref = refs[2][0]
    stored = read_record(tmp_path / response_ref.warc, response_ref.offset, response_ref.length, response_ref.sha256)
    assert stored.record.rec_headers.get_header("WARC-Target-URI") == "http://127.0.0.1:8000/p?x=2"
    assert stored.content == b"x" * 900
    # each record is its own gzip member
    with open(tmp_path / response_ref.warc, "rb") as fh:
        fh.seek(response_ref.offset)
        member = fh.read(response_ref.length)
    assert gzip.decompress(member).startswith(b"WARC/1.1\r\n")
    assert io.BytesIO(member).read(2) == b"\x1f\x8b"


def test_lookup_on_missing_index_is_empty(tmp_path: Path) -> None:
    assert cdxj.lookup(tmp_path / "index.cdxj", "http://x/") == []


def test_tls_certificate_is_kept_beside_its_response() -> None:
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    from lurewatch.warc.records import build_certificate

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "jobs.example")])
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(7).not_valid_before(now).not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    der = cert.public_bytes(serialization.Encoding.DER)
    exchange = _exchange(1)
    exchange.certificate = der
    record = build_certificate(exchange, "<urn:uuid:info>", "<urn:uuid:resp>")
    assert record.rec_type == "metadata"
    assert record.rec_headers.get_header("WARC-Concurrent-To") == "<urn:uuid:resp>"
    assert record.rec_headers.get_header("Content-Type") == "application/pkix-cert"
    stored = serialize(record)
    assert stored.endswith(der + b"\r\n\r\n")
