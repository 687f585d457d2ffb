"""``evidence verify``: recompute every digest of a WARC file, a WACZ package or the custody ledger
and name the first file, record or step that fails.

WARC: each record's WARC-Block/Payload-Digest (warcio's checker), the stored-bytes SHA-256 of each
indexed record (the file's ``.cdxj``), the file's ``.sha256`` sidecar, and its custody ledger entry.
WACZ: datapackage.json against datapackage-digest.json, the signature, every RFC 3161 token, then
every file against datapackage.json (none missing, none unlisted), then the records inside.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import logging
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from lurewatch.evidence import keys, ledger, signing, tsa
from lurewatch.evidence.collect import short_error
from lurewatch.warc import cdxj
from lurewatch.warc.records import file_sha256

log = logging.getLogger(__name__)


class VerificationFailed(Exception):
    """``step`` failed for ``subject`` (a file, a record, an entry); the message says how."""

    def __init__(self, step: str, subject: str, message: str) -> None:
        super().__init__(f"{step}: {subject}: {message}")
        self.step = step
        self.subject = subject
        self.message = message


@dataclass
class Verified:
    kind: str  # warc | wacz | ledger
    path: Path
    sha256: str
    steps: list[str] = field(default_factory=list)  # what was checked, in order
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "path": str(self.path),
            "sha256": self.sha256,
            "intact": True,
            "steps": self.steps,
            "notes": self.notes,
        }


def kind_of(path: Path) -> str:
    name = path.name
    if name.endswith(".wacz"):
        return "wacz"
    if name.endswith((".warc.gz", ".warc")):
        return "warc"
    if name.endswith(".jsonl"):
        return "ledger"
    if zipfile.is_zipfile(path):
        return "wacz"
    return "warc"


# -- WARC -------------------------------------------------------------------------------------------


def check_warc_records(stream: io.BufferedIOBase | io.BytesIO, name: str) -> list[tuple[int, int]]:
    """Every record's digests; returns (offset, length) per record."""
    positions: list[tuple[int, int]] = []
    next_offset = 0
    try:
        iterator = ArchiveIterator(stream, check_digests=True)
        for record in iterator:
            offset = iterator.get_record_offset()
            rec_id = record.rec_headers.get_header("WARC-Record-ID") or "?"
            record.content_stream().read()
            iterator.read_to_end(record)
            if record.digest_checker.passed is False:
                problems = "; ".join(str(p) for p in record.digest_checker.problems)
                raise VerificationFailed("record digests", f"{name} record {rec_id} at offset {offset}", problems)
            positions.append((offset, iterator.get_record_length()))
            next_offset = offset + iterator.get_record_length()
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError) as exc:
        where = f"{name} record {len(positions) + 1} at offset {next_offset}"
        raise VerificationFailed("record digests", where, f"unreadable: {short_error(exc)}") from exc
    if not positions:
        raise VerificationFailed("record digests", name, "no WARC records")
    _check_framing(stream, name, positions)
    return positions


def _check_framing(stream: io.BufferedIOBase | io.BytesIO, name: str, positions: list[tuple[int, int]]) -> None:
    """warcio reads a cut-off last gzip member without complaint: every member must be complete
    and the records must cover the file to its last byte."""
    for n, (offset, length) in enumerate(positions, 1):
        stream.seek(offset)
        raw = stream.read(length)
        if raw[:2] == b"\x1f\x8b":
            member = zlib.decompressobj(zlib.MAX_WBITS | 16)
            try:
                member.decompress(raw)
            except zlib.error as exc:
                raise VerificationFailed(
                    "record digests", f"{name} record {n} at offset {offset}", f"damaged gzip member ({exc})"
                ) from exc
            if not member.eof or member.unused_data:
                raise VerificationFailed(
                    "record digests",
                    f"{name} record {n} at offset {offset}",
                    "truncated: its gzip member is incomplete",
                )
    end = positions[-1][0] + positions[-1][1]
    size = stream.seek(0, io.SEEK_END)
    if size != end:
        raise VerificationFailed(
            "record digests", f"{name} at offset {end}", f"{size - end} bytes that are no complete record (truncated?)"
        )


def _check_index(path: Path, data_offsets: dict[int, int]) -> int:
    """The stored bytes at every indexed offset must hash to the sha256 the index recorded."""
    index = path.with_name(cdxj.cdxj_name(path.name))
    if not index.exists():
        return 0
    checked = 0
    with open(path, "rb") as fh:
        for entry in cdxj.iter_entries(index):
            fh.seek(entry.offset)
            data = fh.read(entry.length)
            expected = entry.fields.get("sha256", "")
            actual = hashlib.sha256(data).hexdigest()
            if data_offsets.get(entry.offset) != entry.length or (expected and actual != expected):
                raise VerificationFailed(
                    "index",
                    f"{path.name} record {entry.fields.get('record_id', '?')} at offset {entry.offset}",
                    f"stored bytes sha256 {actual} is not the indexed {expected}",
                )
            checked += 1
    return checked


def verify_warc(path: Path, home: Path | None) -> Verified:
    with open(path, "rb") as fh:
        records = check_warc_records(fh, path.name)
    result = Verified("warc", path, file_sha256(path), [f"record digests ({len(records)} records)"])
    indexed = _check_index(path, dict(records))
    if indexed:
        result.steps.append(f"index ({indexed} indexed records)")
    sidecar = path.with_name(path.name + ".sha256")
    in_archive = home is not None and path.resolve().parent == (home / "warcs").resolve()
    if sidecar.exists():
        recorded = (sidecar.read_text(encoding="utf-8").split() or [""])[0]
        if recorded != result.sha256:
            raise VerificationFailed(
                "file hash", path.name, f"sha256 {result.sha256} is not the sealed {recorded} ({sidecar.name})"
            )
        result.steps.append("file hash (sidecar)")
    elif in_archive:
        raise VerificationFailed("file hash", path.name, f"no {sidecar.name}: the file was never sealed")
    if home is not None:
        ledger_file = ledger.ledger_path(home)
        sealed = [
            e for e in ledger.read_entries(ledger_file) if e.action == ledger.WARC_SEALED and e.sha256 == result.sha256
        ]
        if sealed:
            result.steps.append(f"custody ledger (sealed, entry #{sealed[0].seq})")
        elif in_archive:
            raise VerificationFailed(
                "custody ledger",
                path.name,
                f"no {ledger.WARC_SEALED} entry with sha256 {result.sha256} in {ledger_file}",
            )
        else:
            result.notes.append("not in this installation's custody ledger")
    return result


# -- WACZ -------------------------------------------------------------------------------------------


def _stored_bytes(zf: zipfile.ZipFile, raw: bytes, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes read straight from the archive (no CRC check), so a changed byte is
    reported against the datapackage hash of the file it is in, not as a generic ZIP error."""
    if info.compress_type != zipfile.ZIP_STORED:
        try:
            return zf.read(info)
        except (zipfile.BadZipFile, zlib.error) as exc:
            raise VerificationFailed("file hashes", info.filename, f"damaged inside the package ({exc})") from exc
    start = info.header_offset
    if raw[start : start + 4] != b"PK\x03\x04":
        raise VerificationFailed("package", info.filename, "ZIP local header is damaged")
    name_len, extra_len = struct.unpack("<HH", raw[start + 26 : start + 30])
    begin = start + 30 + name_len + extra_len
    data = raw[begin : begin + info.compress_size]
    if len(data) != info.compress_size:
        raise VerificationFailed("file hashes", info.filename, "truncated inside the package")
    return data


def _json(data: bytes, name: str, step: str) -> dict[str, Any]:
    try:
        document = json.loads(data)
    except ValueError as exc:
        raise VerificationFailed(step, name, f"not valid JSON ({exc})") from exc
    if not isinstance(document, dict):
        raise VerificationFailed(step, name, "not a JSON object")
    return document


def verify_wacz(path: Path, home: Path | None, tsa_config: tsa.TsaConfig) -> Verified:
    raw = path.read_bytes()
    result = Verified("wacz", path, hashlib.sha256(raw).hexdigest())
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile as exc:
        raise VerificationFailed("package", path.name, f"not a ZIP file ({exc})") from exc
    members = {info.filename: info for info in zf.infolist() if not info.is_dir()}
    for required in ("datapackage.json", "datapackage-digest.json"):
        if required not in members:
            raise VerificationFailed("package", path.name, f"{required} is missing")
    package_bytes = _stored_bytes(zf, raw, members["datapackage.json"])
    digest_doc = _json(
        _stored_bytes(zf, raw, members["datapackage-digest.json"]), "datapackage-digest.json", "datapackage digest"
    )

    package_hash = "sha256:" + hashlib.sha256(package_bytes).hexdigest()
    if digest_doc.get("hash") != package_hash:
        raise VerificationFailed(
            "datapackage digest",
            "datapackage.json",
            f"{package_hash} is not the {digest_doc.get('hash')} recorded in datapackage-digest.json",
        )
    result.steps.append("datapackage digest")

    signed = digest_doc.get("signedData")
    if not isinstance(signed, dict):
        raise VerificationFailed("signature", "datapackage-digest.json", "no signedData (the package is not signed)")
    try:
        public_key = signing.verify_signed_data(signed, package_hash)
    except signing.SignatureInvalid as exc:
        raise VerificationFailed("signature", "datapackage-digest.json", str(exc)) from exc
    fingerprint = keys.fingerprint(public_key)
    result.steps.append(f"signature (key sha256 {fingerprint})")
    if home is not None and keys.key_path(home).exists():
        own = keys.fingerprint(keys.load_or_create(home).public_key())
        result.notes.append(
            "signed by this installation's key" if own == fingerprint else "signed by another installation's key"
        )

    stamps = digest_doc.get("timestamps") or []
    if stamps:
        trust = tsa_config.trust_anchors()
        for n, stamp in enumerate(stamps, 1):
            where = f"timestamp {n} ({stamp.get('tsa', '?') if isinstance(stamp, dict) else '?'})"
            try:
                token = base64.b64decode(stamp["token"], validate=True)
                info = tsa.verify_token(token, hashlib.sha256(package_bytes).digest(), trust)
            except (KeyError, TypeError, binascii.Error) as exc:
                raise VerificationFailed("timestamp", where, "not a base64 token") from exc
            except tsa.TimestampInvalid as exc:
                raise VerificationFailed("timestamp", where, str(exc)) from exc
            result.steps.append(f"timestamp {n}: {info.gen_time:%Y-%m-%dT%H:%M:%SZ} by {info.tsa_subject}")

    package = _json(package_bytes, "datapackage.json", "datapackage")
    if package.get("created") != signed.get("created"):
        raise VerificationFailed(
            "signature", "datapackage-digest.json", "signedData.created is not datapackage.json's created"
        )
    resources = package.get("resources")
    if not isinstance(resources, list) or not resources:
        raise VerificationFailed("datapackage", "datapackage.json", "no resources listed")
    listed: set[str] = set()
    for res in resources:
        name = str(res.get("path", "")) if isinstance(res, dict) else ""
        listed.add(name)
        if name not in members:
            raise VerificationFailed(
                "file hashes", name or "?", "listed in datapackage.json but missing from the package"
            )
        data = _stored_bytes(zf, raw, members[name])
        actual = "sha256:" + hashlib.sha256(data).hexdigest()
        if actual != res.get("hash"):
            raise VerificationFailed("file hashes", name, f"{actual} is not the {res.get('hash')} in datapackage.json")
        if res.get("bytes") is not None and res.get("bytes") != len(data):
            raise VerificationFailed(
                "file hashes", name, f"{len(data)} bytes, datapackage.json says {res.get('bytes')}"
            )
    unlisted = set(members) - listed - {"datapackage.json", "datapackage-digest.json"}
    if unlisted:
        raise VerificationFailed(
            "file hashes", sorted(unlisted)[0], "in the package but not listed in datapackage.json"
        )
    result.steps.append(f"file hashes ({len(listed)} files)")

    for name in sorted(n for n in listed if n.startswith("archive/")):
        records = check_warc_records(io.BytesIO(_stored_bytes(zf, raw, members[name])), name)
        result.steps.append(f"record digests ({name}: {len(records)} records)")
    return result


# -- entry point ------------------------------------------------------------------------------------


def verify_path(path: Path, home: Path | None, tsa_config: tsa.TsaConfig | None = None) -> Verified:
    if not path.exists():
        raise VerificationFailed("open", str(path), "no such file")
    kind = kind_of(path)
    if kind == "ledger":
        try:
            status = ledger.verify_ledger(path)
        except ledger.LedgerBroken as exc:
            raise VerificationFailed("ledger chain", path.name, str(exc)) from exc
        return Verified(
            "ledger", path, file_sha256(path), [f"ledger chain ({status.entries} entries, head {status.head})"]
        )
    if kind == "wacz":
        return verify_wacz(path, home, tsa_config or tsa.TsaConfig.from_env())
    return verify_warc(path, home)
