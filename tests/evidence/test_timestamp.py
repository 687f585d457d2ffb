"""RFC 3161 timestamps from a real local TSA (``openssl ts -reply`` on 127.0.0.1), checked by
lurewatch and by ``openssl ts -verify``; expired and foreign TSA certificates are refused."""

from __future__ import annotations

import base64
import json
import subprocess
from pathlib import Path

import pytest

from tests.evidence.conftest import lurewatch
from tests.evidence.packages import member, member_json
from tests.evidence.pki import Issued
from tests.evidence.tsa_server import running_tsa


def _env(urls: list[str], ca: Issued) -> dict[str, str]:
    return {"LUREWATCH_TSA_URLS": " ".join(urls), "LUREWATCH_TSA_CA": str(ca.cert_path)}


def _export_stamped(home: Path, site: str, out: Path, pki: dict[str, Issued]) -> None:
    """Export job1 with a token from the test TSA (trusted by the test CA)."""
    with running_tsa(pki["tsa"], pki["ca"]) as url:
        done = lurewatch(home, "evidence", "export", site + "job1.html", "-o", str(out), env=_env([url], pki["ca"]))
        assert done.returncode == 0, done.stderr


def test_package_carries_verified_timestamps(home: Path, site: str, tmp_path: Path, pki: dict[str, Issued]) -> None:
    out = tmp_path / "stamped.wacz"
    with running_tsa(pki["tsa"], pki["ca"]) as first, running_tsa(pki["tsa2"], pki["ca"]) as second:
        done = lurewatch(
            home,
            "evidence",
            "export",
            site + "job1.html",
            "-o",
            str(out),
            "--json",
            env=_env([first, second], pki["ca"]),
        )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["timestamps"] == [first, second]
    stamps = member_json(out, "datapackage-digest.json")["timestamps"]
    assert [s["tsa"] for s in stamps] == [first, second]

    verified = lurewatch(home, "evidence", "verify", str(out), "--json", env=_env([], pki["ca"]))
    assert verified.returncode == 0, verified.stderr
    steps = json.loads(verified.stdout)["steps"]
    assert any(s.startswith("timestamp 1:") and "CN=Test TSA" in s for s in steps)
    assert any(s.startswith("timestamp 2:") and "CN=Second TSA" in s for s in steps)

    # The token stands on its own: openssl checks it over datapackage.json with the CA alone.
    (tmp_path / "datapackage.json").write_bytes(member(out, "datapackage.json"))
    (tmp_path / "token.der").write_bytes(base64.b64decode(stamps[0]["token"]))
    check = subprocess.run(
        [
            "openssl",
            "ts",
            "-verify",
            "-data",
            str(tmp_path / "datapackage.json"),
            "-in",
            str(tmp_path / "token.der"),
            "-token_in",
            "-CAfile",
            str(pki["ca"].cert_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0 and "Verification: OK" in check.stdout, check.stdout + check.stderr


def test_timestamp_from_untrusted_ca_fails_verification(
    home: Path, site: str, tmp_path: Path, pki: dict[str, Issued]
) -> None:
    out = tmp_path / "stamped.wacz"
    _export_stamped(home, site, out, pki)
    done = lurewatch(home, "evidence", "verify", str(out), "--tsa-ca", str(pki["other_ca"].cert_path))
    assert done.returncode == 1
    assert "timestamp: timestamp 1" in done.stderr and "does not chain to a trusted CA" in done.stderr
    unconfigured = lurewatch(home, "evidence", "verify", str(out))
    assert unconfigured.returncode == 2 and "LUREWATCH_TSA_CA" in unconfigured.stderr


def test_flipped_byte_in_token(home: Path, site: str, tmp_path: Path, pki: dict[str, Issued]) -> None:
    import io
    import zipfile

    out = tmp_path / "stamped.wacz"
    _export_stamped(home, site, out, pki)
    digest = member_json(out, "datapackage-digest.json")
    token = bytearray(base64.b64decode(digest["timestamps"][0]["token"]))
    token[len(token) // 3] ^= 0x01  # inside the signed TSTInfo / attributes
    digest["timestamps"][0]["token"] = base64.b64encode(bytes(token)).decode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            data = json.dumps(digest).encode() if info.filename == "datapackage-digest.json" else src.read(info)
            dst.writestr(info, data)
    out.write_bytes(buffer.getvalue())
    done = lurewatch(home, "evidence", "verify", str(out), env=_env([], pki["ca"]))
    assert done.returncode == 1 and "timestamp: timestamp 1" in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("signer", "issuer", "expected"),
    [("expired", "ca", "expired on"), ("foreign", "other_ca", "does not chain to a trusted CA")],
)
def test_export_refuses_an_untrustworthy_tsa(
    home: Path, site: str, tmp_path: Path, pki: dict[str, Issued], signer: str, issuer: str, expected: str
) -> None:
    out = tmp_path / "never.wacz"
    with running_tsa(pki[signer], pki[issuer]) as url:
        done = lurewatch(home, "evidence", "export", site + "job1.html", "-o", str(out), env=_env([url], pki["ca"]))
    assert done.returncode == 7, done.stderr
    assert "no trusted timestamp" in done.stderr and expected in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == []  # nothing written


def test_one_bad_tsa_among_several_is_skipped(home: Path, site: str, tmp_path: Path, pki: dict[str, Issued]) -> None:
    out = tmp_path / "stamped.wacz"
    with running_tsa(pki["foreign"], pki["other_ca"]) as bad, running_tsa(pki["tsa"], pki["ca"]) as good:
        done = lurewatch(
            home, "evidence", "export", site + "job1.html", "-o", str(out), "--json", env=_env([bad, good], pki["ca"])
        )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["timestamps"] == [good]
    assert "does not chain" in done.stderr  # the refusal is logged, not hidden
