"""Export a crawled capture, validate it independently (hashes recomputed, ``wacz validate``,
the signature checked with ``cryptography`` alone), and verify it with lurewatch."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from lurewatch.evidence.ledger import read_entries
from lurewatch.warc import cdxj
from tests.evidence.conftest import OPERATOR, lurewatch
from tests.evidence.packages import member, member_json


def export(
    home: Path, url: str, out: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return lurewatch(home, "evidence", "export", url, "-o", str(out), "--json", *extra, env=env)


def test_export_is_a_valid_signed_wacz(home: Path, site: str, tmp_path: Path) -> None:
    url = site + "job1.html"
    out = tmp_path / "job1.wacz"
    done = export(home, url, out)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["package"] == str(out) and result["capture"]["url"] == url

    # The reference validator of the format.
    check = subprocess.run(
        [sys.executable, "-m", "wacz", "validate", "-f", str(out)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Validation succeeded" in check.stdout

    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        package = json.loads(zf.read("datapackage.json"))
        # Every file's hash and size, recomputed here.
        for res in package["resources"]:
            data = zf.read(res["path"])
            assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), res["path"]
            assert res["bytes"] == len(data)
        assert names == {r["path"] for r in package["resources"]} | {"datapackage.json", "datapackage-digest.json"}
        assert {
            "archive/data.warc.gz",
            "indexes/index.cdx.gz",
            "indexes/index.idx",
            "pages/pages.jsonl",
            "report/report.html",
            "report/report.pdf",
        } <= names
        digest = json.loads(zf.read("datapackage-digest.json"))
        warc = zf.read("archive/data.warc.gz")
        index_lines = gzip.decompress(zf.read("indexes/index.cdx.gz")).decode().splitlines()
    assert package["wacz_version"] == "1.1.1" and package["mainPageURL"] == url
    assert digest["hash"] == "sha256:" + hashlib.sha256(member(out, "datapackage.json")).hexdigest()

    # The anonymous signature, checked with nothing but the key the package carries.
    signed = digest["signedData"]
    assert set(signed) == {"hash", "created", "software", "version", "signature", "publicKey"}
    assert signed["created"] == package["created"]
    public_key = serialization.load_der_public_key(base64.b64decode(signed["publicKey"]))
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    raw_sig = base64.b64decode(signed["signature"])
    der_sig = encode_dss_signature(int.from_bytes(raw_sig[:32], "big"), int.from_bytes(raw_sig[32:], "big"))
    public_key.verify(der_sig, signed["hash"].encode("ascii"), ec.ECDSA(hashes.SHA256()))

    # Records copied byte for byte: the page's stored gzip member is in the package unchanged,
    # and its sha256 is the one the archive's index recorded.
    entry = [e for e in cdxj.lookup(home / "warcs" / cdxj.MERGED_NAME, url) if e.record_type == "response"][-1]
    stored = (home / "warcs" / entry.filename).read_bytes()[entry.offset : entry.offset + entry.length]
    assert hashlib.sha256(stored).hexdigest() == entry.fields["sha256"]
    assert stored in warc
    page_line = next(json.loads(line.split(" ", 2)[2]) for line in index_lines if '"type": "response"' in line)
    assert page_line["url"] == url and page_line["sha256"] == entry.fields["sha256"]
    assert warc[int(page_line["offset"]) : int(page_line["offset"]) + int(page_line["length"])] == stored
    types = [s["record_id"] for s in package["lurewatch"]["sources"]]
    assert entry.fields["record_id"] in types and len(types) == 3  # warcinfo, response, request

    # lurewatch's own verifier agrees, and says what it checked.
    verified = lurewatch(home, "evidence", "verify", str(out), "--json")
    assert verified.returncode == 0, verified.stderr
    steps = " | ".join(json.loads(verified.stdout)["steps"])
    for step in ("datapackage digest", "signature", "file hashes", "record digests"):
        assert step in steps


def test_report_inside_and_beside(home: Path, site: str, tmp_path: Path) -> None:
    url = site + "job1.html"
    out = tmp_path / "case-17.wacz"
    assert export(home, url, out).returncode == 0
    html = (tmp_path / "case-17.report.html").read_text(encoding="utf-8")
    assert member(out, "report/report.html").decode("utf-8") == html
    assert (tmp_path / "case-17.report.pdf").read_bytes() == member(out, "report/report.pdf")
    assert member(out, "report/report.pdf").startswith(b"%PDF-")
    sources = member_json(out, "datapackage.json")["lurewatch"]["sources"]
    for text in (
        url,
        "127.0.0.1",
        "User-Agent",
        "Content-Type",
        "hr_global_jobs",
        "recruit.team@example.org",
        OPERATOR,
        "warc.sealed",
        "Customer service, high salary",
    ):
        assert text in html, text
    for source in sources:  # every hash: records and the source file
        assert source["sha256"] in html and source["warc_sha256"] in html
    assert "Not applicable: the page was fetched over plain HTTP" in html


def test_signing_key_is_per_installation_and_private(home: Path, site: str, tmp_path: Path) -> None:
    first, second = tmp_path / "a.wacz", tmp_path / "b.wacz"
    assert export(home, site + "job1.html", first).returncode == 0
    key_file = home / "keys" / "signing-key.pem"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(key_file.parent).st_mode) == 0o700
    assert export(home, site + "job2.html", second).returncode == 0
    key_a = member_json(first, "datapackage-digest.json")["signedData"]["publicKey"]
    key_b = member_json(second, "datapackage-digest.json")["signedData"]["publicKey"]
    assert key_a == key_b
    own = serialization.load_pem_private_key(key_file.read_bytes(), None).public_key()
    der = own.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    assert base64.b64decode(key_a) == der
    assert b"PRIVATE KEY" not in first.read_bytes()


def test_export_and_verification_go_into_the_ledger(home: Path, site: str, tmp_path: Path) -> None:
    out = tmp_path / "p.wacz"
    done = export(home, site + "job1.html", out)
    assert lurewatch(home, "evidence", "verify", str(out)).returncode == 0
    entries = read_entries(home / "custody.jsonl")
    sealed = [e for e in entries if e.action == "warc.sealed"]
    warcs = sorted((home / "warcs").glob("*.warc.gz"))
    assert {e.subject for e in sealed} == {p.name for p in warcs}
    for e in sealed:
        assert e.sha256 == (home / "warcs" / (e.subject + ".sha256")).read_text().split()[0]
    exported = [e for e in entries if e.action == "export"][-1]
    assert exported.sha256 == hashlib.sha256(out.read_bytes()).hexdigest() == json.loads(done.stdout)["sha256"]
    assert exported.operator == OPERATOR and exported.tool.startswith("lurewatch/")
    verified = [e for e in entries if e.action == "verify"][-1]
    assert verified.details["result"] == "intact" and verified.sha256 == exported.sha256
    assert lurewatch(home, "evidence", "ledger", "verify").returncode == 0


def test_warc_verifies_with_sidecar_and_ledger(home: Path) -> None:
    warc = sorted((home / "warcs").glob("*.warc.gz"))[0]
    done = lurewatch(home, "evidence", "verify", str(warc), "--json")
    assert done.returncode == 0, done.stderr
    steps = " | ".join(json.loads(done.stdout)["steps"])
    assert "record digests" in steps and "index" in steps and "file hash" in steps and "custody ledger" in steps
    check = subprocess.run(
        [sys.executable, "-c", "import sys; from warcio.cli import main; sys.exit(main())", "check", str(warc)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout
