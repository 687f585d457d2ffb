"""Single flipped bytes in the WARC, in datapackage.json, in the signature, and in the ledger:
each is rejected at the right step, with the file, record or entry named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from lurewatch.warc import cdxj
from tests.evidence.conftest import lurewatch
from tests.evidence.packages import flip_byte, member, member_span, rewrite_without


@pytest.fixture
def package(home: Path, site: str, tmp_path: Path) -> Path:
    out = tmp_path / "pkg" / "evidence.wacz"
    done = lurewatch(home, "evidence", "export", site + "job1.html", "-o", str(out))
    assert done.returncode == 0, done.stderr
    return out


def rejected(home: Path, path: Path) -> str:
    done = lurewatch(home, "evidence", "verify", str(path))
    assert done.returncode == 1, done.stdout + done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr  # one line naming what failed
    return lines[0]


def test_flipped_byte_in_the_archived_warc(home: Path, site: str) -> None:
    entry = [
        e for e in cdxj.lookup(home / "warcs" / cdxj.MERGED_NAME, site + "job1.html") if e.record_type == "response"
    ][-1]
    warc = home / "warcs" / entry.filename
    flip_byte(warc, entry.offset + entry.length // 2)
    message = rejected(home, warc)
    assert "record digests" in message and warc.name in message
    assert f"offset {entry.offset}" in message or entry.fields["record_id"] in message


def test_flipped_byte_in_warc_header_is_named_by_record(home: Path, site: str) -> None:
    """A change that leaves the gzip stream readable (headers rewritten, same length): the
    record's block digest catches it, and the message names the record id."""
    import gzip
    import zlib

    entry = [
        e for e in cdxj.lookup(home / "warcs" / cdxj.MERGED_NAME, site + "job2.html") if e.record_type == "response"
    ][-1]
    warc = home / "warcs" / entry.filename
    data = warc.read_bytes()
    member_bytes = gzip.decompress(data[entry.offset : entry.offset + entry.length])
    altered = member_bytes.replace(b"WhatsApp +855", b"WhatsApp +856", 1)
    assert altered != member_bytes
    packer = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    new_member = packer.compress(altered) + packer.flush()
    warc.write_bytes(data[: entry.offset] + new_member + data[entry.offset + entry.length :])
    message = rejected(home, warc)
    assert "record digests" in message and entry.fields["record_id"] in message and "digest" in message


def test_truncated_warc(home: Path) -> None:
    warc = sorted((home / "warcs").glob("*.warc.gz"))[0]
    data = warc.read_bytes()
    warc.write_bytes(data[: len(data) - 37])
    message = rejected(home, warc)
    assert "record digests" in message and warc.name in message and "truncated" in message


def test_sealed_file_hash_and_ledger_are_checked(home: Path, tmp_path: Path) -> None:
    warc = sorted((home / "warcs").glob("*.warc.gz"))[0]
    sidecar = warc.with_name(warc.name + ".sha256")
    original = sidecar.read_text()
    sidecar.write_text("0" * 64 + "  " + warc.name + "\n")
    assert "file hash" in rejected(home, warc)
    sidecar.write_text(original)
    # A copy outside the archive is still checked record by record; its hash is found in the ledger.
    copy = tmp_path / warc.name
    shutil.copy(warc, copy)
    done = lurewatch(home, "evidence", "verify", str(copy), "--json")
    assert done.returncode == 0, done.stderr
    assert any("custody ledger" in s for s in json.loads(done.stdout)["steps"])


def test_flipped_byte_in_package_warc(home: Path, package: Path) -> None:
    start, length = member_span(package, "archive/data.warc.gz")
    flip_byte(package, start + length // 2)
    message = rejected(home, package)
    assert "file hashes: archive/data.warc.gz" in message and "datapackage.json" in message


def test_flipped_byte_in_datapackage_json(home: Path, package: Path) -> None:
    start, length = member_span(package, "datapackage.json")
    text = member(package, "datapackage.json")
    position = text.index(b'"mainPageURL"') + 2  # inside a key: still JSON-shaped, different bytes
    flip_byte(package, start + position)
    message = rejected(home, package)
    assert "datapackage digest: datapackage.json" in message


def test_flipped_byte_in_signature(home: Path, package: Path) -> None:
    start, _ = member_span(package, "datapackage-digest.json")
    digest = member(package, "datapackage-digest.json")
    signature = json.loads(digest)["signedData"]["signature"].encode()
    position = digest.index(signature) + 10
    flip_byte(package, start + position, mask=0x02)  # one base64 letter for another
    message = rejected(home, package)
    assert "signature: datapackage-digest.json" in message


def test_flipped_byte_in_public_key(home: Path, package: Path) -> None:
    start, _ = member_span(package, "datapackage-digest.json")
    digest = member(package, "datapackage-digest.json")
    key = json.loads(digest)["signedData"]["publicKey"].encode()
    flip_byte(package, start + digest.index(key) + len(key) - 8, mask=0x02)
    assert "signature: datapackage-digest.json" in rejected(home, package)


def test_missing_file_in_package(home: Path, package: Path) -> None:
    rewrite_without(package, "report/report.pdf")
    message = rejected(home, package)
    assert "report/report.pdf" in message and "missing" in message


def test_package_is_never_modified_by_verification(home: Path, package: Path) -> None:
    before = package.read_bytes()
    assert lurewatch(home, "evidence", "verify", str(package)).returncode == 0
    assert package.read_bytes() == before
