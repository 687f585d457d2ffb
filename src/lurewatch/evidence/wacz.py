"""Export one capture as a signed WACZ 1.1.1 package.

Layout (as the ``wacz`` tool writes it): ``archive/data.warc.gz`` (the records, each gzip member
copied byte for byte from the archive so its SHA-256 stays the one in the index), ``indexes/
index.cdx.gz`` + ``index.idx`` (a one-block ZipNum CDXJ index), ``pages/pages.jsonl``,
``report/report.html`` + ``report.pdf``, ``datapackage.json`` (a SHA-256 for every file) and
``datapackage-digest.json`` (the hash of datapackage.json, its anonymous signature, and RFC 3161
tokens over that same hash). Every member is stored uncompressed, so a changed byte stays where
it was and the verifier can say which file it is in.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import logging
import os
import secrets
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lurewatch import __version__
from lurewatch.config import Config, LurewatchError
from lurewatch.evidence import keys, ledger, report, tsa
from lurewatch.evidence.captures import CaptureInfo, capture_at
from lurewatch.evidence.collect import CollectedRecord, collect
from lurewatch.evidence.signing import sign_hash
from lurewatch.warc import cdxj

log = logging.getLogger(__name__)

WACZ_VERSION = "1.1.1"
WARC_PATH = "archive/data.warc.gz"
CDX_PATH = "indexes/index.cdx.gz"
IDX_PATH = "indexes/index.idx"
PAGES_PATH = "pages/pages.jsonl"
REPORT_HTML = "report/report.html"
REPORT_PDF = "report/report.pdf"
DATAPACKAGE = "datapackage.json"
DIGEST = "datapackage-digest.json"
EXIT_EXISTS = 8


@dataclass(frozen=True)
class ExportTargets:
    wacz: Path
    html: Path
    pdf: Path

    @classmethod
    def for_output(cls, output: Path) -> ExportTargets:
        if output.suffix != ".wacz":
            raise LurewatchError(f"{output}: the output name must end in .wacz", exit_code=2)
        stem = output.with_suffix("")
        return cls(output, stem.with_name(stem.name + ".report.html"), stem.with_name(stem.name + ".report.pdf"))

    def all(self) -> tuple[Path, Path, Path]:
        return self.wacz, self.html, self.pdf


@dataclass(frozen=True)
class ExportResult:
    targets: ExportTargets
    sha256: str
    capture: CaptureInfo
    records: int
    key_fingerprint: str
    timestamps: list[str]
    ledger_seq: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "package": str(self.targets.wacz),
            "sha256": self.sha256,
            "report_html": str(self.targets.html),
            "report_pdf": str(self.targets.pdf),
            "capture": self.capture.to_dict(),
            "records": self.records,
            "signing_key_sha256": self.key_fingerprint,
            "timestamps": self.timestamps,
            "ledger_entry": self.ledger_seq,
        }


def iso_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sha256_label(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def pack_warc(records: list[CollectedRecord]) -> tuple[bytes, list[str]]:
    """The records' stored bytes, concatenated, and their CDXJ lines at their new offsets."""
    blob = bytearray()
    lines: list[str] = []
    for item in records:
        parsed, _ = report.parse_raw(item.raw)
        line = cdxj.line_for(parsed, os.path.basename(WARC_PATH), len(blob), len(item.raw), item.sha256)
        if line:
            lines.append(line)
        blob.extend(item.raw)
    return bytes(blob), sorted(lines)


def zipnum_index(lines: list[str]) -> tuple[bytes, bytes]:
    """One gzip block of CDXJ lines and the ``.idx`` that points at it (the ZipNum layout)."""
    block = gzip.compress("".join(line + "\n" for line in lines).encode("utf-8"), mtime=0)
    first = lines[0].split(" ", 2) if lines else ["", ""]
    meta = json.dumps({"format": "cdxj-gzip-1.0", "filename": os.path.basename(CDX_PATH)})
    entry = json.dumps(
        {"offset": 0, "length": len(block), "digest": sha256_label(block), "filename": os.path.basename(CDX_PATH)}
    )
    idx = f"!meta 0 {meta}\n{first[0]} {first[1]} {entry}\n"
    return block, idx.encode("utf-8")


def pages_jsonl(capture: CaptureInfo, title: str) -> bytes:
    header = {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}
    page = {
        "id": capture.record_id.strip("<>").removeprefix("urn:uuid:"),
        "url": capture.url,
        "ts": capture.captured_at,
        "title": title or capture.url,
    }
    return (json.dumps(header) + "\n" + json.dumps(page, ensure_ascii=False) + "\n").encode("utf-8")


def datapackage(
    files: dict[str, bytes],
    created: str,
    capture: CaptureInfo,
    title: str,
    records: list[CollectedRecord],
    ledger_head: str,
) -> bytes:
    package = {
        "profile": "data-package",
        "resources": [
            {"name": os.path.basename(path).lower(), "path": path, "hash": sha256_label(data), "bytes": len(data)}
            for path, data in files.items()
        ],
        "title": f"Capture of {capture.url} at {capture.captured_at}",
        "description": title or capture.url,
        "mainPageURL": capture.url,
        "mainPageDate": capture.captured_at,
        "created": created,
        "wacz_version": WACZ_VERSION,
        "software": f"lurewatch {__version__}",
        "lurewatch": {
            "capture": capture.to_dict(),
            "sources": [
                {
                    "warc": r.head.warc,
                    "warc_sha256": r.source_file_sha256,
                    "offset": r.head.offset,
                    "length": r.head.length,
                    "record_id": r.head.record_id,
                    "sha256": r.sha256,
                }
                for r in records
            ],
            "ledger_head": ledger_head,
        },
    }
    return json.dumps(package, indent=2, ensure_ascii=False).encode("utf-8")


def digest_document(package_bytes: bytes, signed: dict[str, Any], tokens: list[tuple[str, bytes]]) -> bytes:
    document: dict[str, Any] = {"path": DATAPACKAGE, "hash": sha256_label(package_bytes), "signedData": signed}
    if tokens:
        # RFC 3161 tokens over SHA-256(datapackage.json), i.e. over ``hash``: kept beside signedData,
        # which the signing spec closes to other fields.
        document["timestamps"] = [
            {"tsa": url, "token": base64.b64encode(token).decode("ascii")} for url, token in tokens
        ]
    return json.dumps(document, indent=2).encode("utf-8")


def write_zip(path: Path, members: dict[str, bytes], created: str) -> None:
    stamp = datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ").timetuple()[:6]
    with zipfile.ZipFile(path, "x", compression=zipfile.ZIP_STORED) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED
            zf.writestr(info, data)


def _tmp_beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.tmp-{secrets.token_hex(4)}")


def place(files: dict[Path, bytes], force: bool) -> None:
    """Write every file to a temporary name beside its target, then move them into place; without
    ``force`` an existing target is never replaced (checked again at the moment of the move)."""
    if not force:
        for target in files:
            if target.exists():
                raise LurewatchError(f"{target} exists; use --force to replace it", exit_code=EXIT_EXISTS)
    temps: dict[Path, Path] = {}
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = _tmp_beside(target)
            with open(tmp, "xb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            temps[target] = tmp
        for target, tmp in temps.items():
            if force:
                os.replace(tmp, target)
            else:
                try:
                    os.link(tmp, target)  # fails if the target appeared meanwhile
                except FileExistsError as exc:
                    raise LurewatchError(f"{target} exists; use --force to replace it", exit_code=EXIT_EXISTS) from exc
                os.unlink(tmp)
    finally:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)


def export(
    config: Config, url: str, at: str | None, output: Path, force: bool = False, tsa_config: tsa.TsaConfig | None = None
) -> ExportResult:
    targets = ExportTargets.for_output(output.resolve())
    if not force:
        for target in targets.all():
            if target.exists():
                raise LurewatchError(f"{target} exists; use --force to replace it", exit_code=EXIT_EXISTS)
    capture = capture_at(config.warc_dir, url, at)
    records = collect(config.warc_dir, capture)
    key = keys.load_or_create(config.home)
    fingerprint = keys.fingerprint(key.public_key())
    ledger_file = ledger.ledger_path(config.home)
    try:
        head = ledger.verify_ledger(ledger_file).head if ledger_file.exists() else ledger.GENESIS
    except ledger.LedgerBroken as exc:
        raise LurewatchError(f"custody ledger {ledger_file}: {exc}; nothing exported", exit_code=1) from exc
    tsa_config = tsa_config or tsa.TsaConfig.from_env()
    created = iso_now()

    warc_bytes, lines = pack_warc(records)
    cdx_block, idx = zipnum_index(lines)
    context = report.ReportContext(
        url=capture.url,
        requested_at=at or "",
        custody=ledger.entries_about(ledger_file, {r.source_file_sha256 for r in records}, capture.record_id),
        ledger_head=head,
        key_fingerprint=fingerprint,
        tool=f"lurewatch/{__version__}",
        operator=config.operator,
        generated_at=created,
        tsa_urls=list(tsa_config.urls),
    )
    data = report.build_report_data(records, capture.record_id, context)
    html = report.render_html(data).encode("utf-8")
    pdf = report.render_pdf(data)
    files = {
        WARC_PATH: warc_bytes,
        CDX_PATH: cdx_block,
        IDX_PATH: idx,
        PAGES_PATH: pages_jsonl(capture, data.title),
        REPORT_HTML: html,
        REPORT_PDF: pdf,
    }
    package_bytes = datapackage(files, created, capture, data.title, records, head)
    package_hash = sha256_label(package_bytes)
    tokens = tsa.stamp(tsa_config, hashlib.sha256(package_bytes).digest())
    digest_bytes = digest_document(package_bytes, sign_hash(key, package_hash, created), tokens)

    targets.wacz.parent.mkdir(parents=True, exist_ok=True)
    tmp_zip = _tmp_beside(targets.wacz)
    try:
        write_zip(tmp_zip, {**files, DATAPACKAGE: package_bytes, DIGEST: digest_bytes}, created)
        wacz_bytes = tmp_zip.read_bytes()
    finally:
        tmp_zip.unlink(missing_ok=True)
    place({targets.wacz: wacz_bytes, targets.html: html, targets.pdf: pdf}, force)
    wacz_sha = hashlib.sha256(wacz_bytes).hexdigest()
    entry = ledger.append(
        config.home,
        ledger.EXPORT,
        targets.wacz.name,
        wacz_sha,
        config.operator,
        {
            "url": capture.url,
            "captured_at": capture.captured_at,
            "record_id": capture.record_id,
            "datapackage": package_hash,
            "path": str(targets.wacz),
            "signing_key_sha256": fingerprint,
            "timestamps": [u for u, _ in tokens],
        },
    )
    log.info("exported %s (%d records) to %s", capture.url, len(records), targets.wacz)
    return ExportResult(targets, wacz_sha, capture, len(records), fingerprint, [u for u, _ in tokens], entry.seq)
