"""Bad input: one clear message, a non-zero exit, nothing written over."""

from __future__ import annotations

from pathlib import Path

from tests.evidence.conftest import lurewatch


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip() and "created a new signing key" not in line]
    assert len(lines) == 1, stderr
    return lines[0]


def test_unknown_url(home: Path, site: str, tmp_path: Path) -> None:
    done = lurewatch(home, "evidence", "export", site + "nowhere.html", "-o", str(tmp_path / "x.wacz"))
    assert done.returncode == 4
    assert "no capture of " + site + "nowhere.html" in _one_line(done.stderr)
    assert not (tmp_path / "x.wacz").exists()


def test_time_before_first_capture(home: Path, site: str, tmp_path: Path) -> None:
    done = lurewatch(
        home, "evidence", "export", site + "job1.html", "--at", "2001-01-01T00:00:00Z", "-o", str(tmp_path / "x.wacz")
    )
    assert done.returncode == 4
    assert "was first captured at" in _one_line(done.stderr) and "2001-01-01T00:00:00Z" in done.stderr
    assert not (tmp_path / "x.wacz").exists()


def test_not_a_time(home: Path, site: str, tmp_path: Path) -> None:
    done = lurewatch(
        home, "evidence", "export", site + "job1.html", "--at", "last tuesday", "-o", str(tmp_path / "x.wacz")
    )
    assert done.returncode == 2 and "not an ISO 8601 time" in _one_line(done.stderr)


def test_existing_output_needs_force(home: Path, site: str, tmp_path: Path) -> None:
    out = tmp_path / "case.wacz"
    out.write_bytes(b"someone else's package")
    done = lurewatch(home, "evidence", "export", site + "job1.html", "-o", str(out))
    assert done.returncode == 8 and "exists; use --force" in _one_line(done.stderr)
    assert out.read_bytes() == b"someone else's package"
    assert not (tmp_path / "case.report.html").exists()
    forced = lurewatch(home, "evidence", "export", site + "job1.html", "-o", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert out.read_bytes().startswith(b"PK")
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


def test_report_beside_is_protected_too(home: Path, site: str, tmp_path: Path) -> None:
    (tmp_path / "case.report.pdf").write_bytes(b"keep me")
    done = lurewatch(home, "evidence", "export", site + "job1.html", "-o", str(tmp_path / "case.wacz"))
    assert done.returncode == 8 and "case.report.pdf exists" in done.stderr
    assert not (tmp_path / "case.wacz").exists() and (tmp_path / "case.report.pdf").read_bytes() == b"keep me"


def test_output_must_be_wacz(home: Path, site: str, tmp_path: Path) -> None:
    done = lurewatch(home, "evidence", "export", site + "job1.html", "-o", str(tmp_path / "case.zip"))
    assert done.returncode == 2 and "must end in .wacz" in _one_line(done.stderr)


def test_export_refuses_damaged_evidence(home: Path, site: str, tmp_path: Path) -> None:
    from lurewatch.warc import cdxj

    entry = [
        e for e in cdxj.lookup(home / "warcs" / cdxj.MERGED_NAME, site + "job1.html") if e.record_type == "response"
    ][-1]
    warc = home / "warcs" / entry.filename
    data = bytearray(warc.read_bytes())
    data[entry.offset + entry.length - 12] ^= 0x10
    warc.write_bytes(bytes(data))
    done = lurewatch(home, "evidence", "export", site + "job1.html", "-o", str(tmp_path / "x.wacz"))
    assert done.returncode != 0
    line = _one_line(done.stderr)
    assert entry.filename in line and str(entry.offset) in line
    assert not (tmp_path / "x.wacz").exists()


def test_package_that_is_not_a_zip(home: Path, tmp_path: Path) -> None:
    fake = tmp_path / "fake.wacz"
    fake.write_bytes(b"not a zip at all")
    done = lurewatch(home, "evidence", "verify", str(fake))
    assert done.returncode == 1 and "package: fake.wacz: not a ZIP file" in _one_line(done.stderr)


def test_missing_path(home: Path, tmp_path: Path) -> None:
    done = lurewatch(home, "evidence", "verify", str(tmp_path / "absent.warc.gz"))
    assert done.returncode == 1 and "no such file" in _one_line(done.stderr)


def test_broken_ledger_blocks_export_and_is_left_as_found(home: Path, site: str, tmp_path: Path) -> None:
    ledger_file = home / "custody.jsonl"
    ledger_file.write_bytes(ledger_file.read_bytes().replace(b'"records":', b'"records" :', 1))
    before = ledger_file.read_bytes()
    done = lurewatch(home, "evidence", "export", site + "job1.html", "-o", str(tmp_path / "x.wacz"))
    assert done.returncode == 1 and "custody ledger" in _one_line(done.stderr)
    assert lurewatch(home, "evidence", "ledger", "verify").returncode == 1
    assert ledger_file.read_bytes() == before
