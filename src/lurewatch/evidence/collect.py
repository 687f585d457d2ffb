"""Which records a capture needs to stand on its own, read byte for byte from the archive.

Starting from the page's record, the set is closed over the WARC links in both directions:
``WARC-Concurrent-To`` (its request; for rendered pages the subresource responses the browser
capture links to the page, and their requests) and ``WARC-Refers-To`` (rendered DOM, screenshot
and other resource/conversion records that refer to the page; for a revisit, the original it
refers to, looked up through the index when it lives in another file). A browser-rendered page's
records all carry one ``WARC-Page-ID``: every record with the page's id is taken, with its links.
The ``warcinfo`` record of each file involved comes along, as it names the software, operator
and job.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from lurewatch.config import LurewatchError
from lurewatch.evidence.captures import CaptureInfo
from lurewatch.warc import cdxj
from lurewatch.warc.reader import RecordMismatch, read_raw

LINK_HEADERS = ("WARC-Concurrent-To", "WARC-Refers-To")
PAGE_ID_HEADER = "WARC-Page-ID"  # as the browser capture (crawl/render_capture.py) writes it


@dataclass(frozen=True)
class RecordHead:
    """Where a record is and how it links, read from its headers alone."""

    warc: str
    offset: int
    length: int
    record_id: str
    rec_type: str
    uri: str
    date: str
    warcinfo_id: str
    links: tuple[str, ...]  # record ids named by WARC-Concurrent-To / WARC-Refers-To
    refers_to: str
    page_id: str  # WARC-Page-ID: shared by every record of one browser-rendered page


@dataclass(frozen=True)
class CollectedRecord:
    head: RecordHead
    raw: bytes  # the stored gzip member, exactly as in the source file
    sha256: str  # of ``raw``
    source_file_sha256: str  # from the sealed file's sidecar


def header_values(record: ArcWarcRecord, name: str) -> list[str]:
    lowered = name.lower()
    return [value for key, value in record.rec_headers.headers if key.lower() == lowered]


def short_error(exc: BaseException) -> str:
    """One printable line: a damaged record's bytes must never end up in a message."""
    text = str(exc).split(", first line:")[0].splitlines()[0] if str(exc) else ""
    text = "".join(ch if ch.isprintable() and ord(ch) < 127 else "?" for ch in text)[:120]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def scan_heads(path: Path) -> list[RecordHead]:
    """Every record's headers and position, without reading the payloads into memory."""
    heads: list[RecordHead] = []
    next_offset = 0
    try:
        with open(path, "rb") as fh:
            iterator = ArchiveIterator(fh)
            for record in iterator:
                headers = record.rec_headers
                links = tuple(v for name in LINK_HEADERS for v in header_values(record, name))
                offset = iterator.get_record_offset()
                iterator.read_to_end(record)
                heads.append(
                    RecordHead(
                        warc=path.name,
                        offset=offset,
                        length=iterator.get_record_length(),
                        record_id=headers.get_header("WARC-Record-ID") or "",
                        rec_type=record.rec_type,
                        uri=headers.get_header("WARC-Target-URI") or "",
                        date=headers.get_header("WARC-Date") or "",
                        warcinfo_id=headers.get_header("WARC-Warcinfo-ID") or "",
                        links=links,
                        refers_to=headers.get_header("WARC-Refers-To") or "",
                        page_id=headers.get_header(PAGE_ID_HEADER) or "",
                    )
                )
                next_offset = offset + iterator.get_record_length()
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as exc:
        raise LurewatchError(
            f"the archived evidence does not verify: {path.name}: record at offset {next_offset}"
            f" cannot be read ({short_error(exc)})",
            exit_code=1,
        ) from exc
    return heads


def check_record_digests(raw: bytes, where: str) -> None:
    """Recompute the record's WARC-Block-Digest and WARC-Payload-Digest (warcio's checker), after
    making sure its gzip member is complete (warcio reads a cut-off member without complaint)."""
    if raw[:2] == b"\x1f\x8b":
        member = zlib.decompressobj(zlib.MAX_WBITS | 16)
        try:
            member.decompress(raw)
        except zlib.error as exc:
            raise RecordMismatch(f"{where}: damaged gzip member ({exc})") from exc
        if not member.eof or member.unused_data:
            raise RecordMismatch(f"{where}: truncated or overlong gzip member")
    try:
        iterator = ArchiveIterator(io.BytesIO(raw), check_digests=True)
        for record in iterator:
            record.content_stream().read()
            iterator.read_to_end(record)
            if record.digest_checker.passed is False:
                raise RecordMismatch(f"{where}: {'; '.join(str(p) for p in record.digest_checker.problems)}")
    except (ArchiveLoadFailed, EOFError, ValueError, OSError) as exc:
        raise RecordMismatch(f"{where}: unreadable record ({short_error(exc)})") from exc


# Records pulled in because they point at a chosen record. A later response or revisit that
# points at the page (a revisit of it) is another capture, never part of this one.
_DEPENDENT_TYPES = {"request", "resource", "conversion", "metadata"}


def _closure(heads: list[RecordHead], seeds: set[str]) -> set[str]:
    ids = set(seeds)
    by_id = {h.record_id: h for h in heads}
    changed = True
    while changed:
        changed = False
        for head in heads:
            if head.record_id in ids:
                new = {link for link in head.links if link in by_id} - ids
            elif head.rec_type in _DEPENDENT_TYPES and ids.intersection(head.links):
                new = {head.record_id}
            else:
                continue
            if new:
                ids |= new
                changed = True
    return ids


def _sidecar_sha256(path: Path) -> str:
    sidecar = path.with_name(path.name + ".sha256")
    if not sidecar.exists():
        raise LurewatchError(f"{path.name}: no {sidecar.name} beside it (not a sealed file)", exit_code=1)
    return sidecar.read_text(encoding="utf-8").split()[0]


def _find_by_id(warc_dir: Path, record_id: str, uri: str) -> cdxj.CdxEntry | None:
    for entry in cdxj.lookup(warc_dir / cdxj.MERGED_NAME, uri):
        if entry.fields.get("record_id") == record_id:
            return entry
    return None


def collect(warc_dir: Path, capture: CaptureInfo) -> list[CollectedRecord]:
    """The capture's record and every record it needs, each checked against its digests."""
    files: dict[str, list[RecordHead]] = {}
    chosen: dict[str, RecordHead] = {}

    def heads_of(name: str) -> list[RecordHead]:
        if name not in files:
            path = warc_dir / name
            if not path.exists():
                raise LurewatchError(
                    f"{name}: the WARC file named by the index is missing from {warc_dir}", exit_code=1
                )
            files[name] = scan_heads(path)
        return files[name]

    def add_group(name: str, record_id: str) -> RecordHead:
        heads = heads_of(name)
        page_id = next((h.page_id for h in heads if h.record_id == record_id), "")
        ids = _closure(heads, {record_id} | {h.record_id for h in heads if page_id and h.page_id == page_id})
        for head in heads:
            if head.record_id in ids:
                chosen[head.record_id] = head
        return next(h for h in heads if h.record_id == record_id)

    if not any(h.offset == capture.offset for h in heads_of(capture.warc)):
        raise LurewatchError(f"{capture.warc}: no record at offset {capture.offset} (index out of date?)", exit_code=1)
    main_id = next(h.record_id for h in heads_of(capture.warc) if h.offset == capture.offset)
    main = add_group(capture.warc, main_id)
    if main.rec_type == "revisit" and main.refers_to not in chosen:
        entry = _find_by_id(warc_dir, main.refers_to, main.uri) if main.refers_to else None
        if entry is None:
            raise LurewatchError(f"revisit {main_id}: the record it refers to is not in the archive", exit_code=1)
        add_group(entry.filename, main.refers_to)
    for name, heads in files.items():  # the warcinfo of every file a chosen record comes from
        infos = {h.warcinfo_id for h in chosen.values() if h.warc == name}
        for head in heads:
            if head.record_id in infos:
                chosen[head.record_id] = head
    try:
        return _read_checked(warc_dir, chosen.values(), capture)
    except RecordMismatch as exc:
        raise LurewatchError(f"the archived evidence does not verify: {exc}", exit_code=1) from exc


def _read_checked(warc_dir: Path, heads: Iterable[RecordHead], capture: CaptureInfo) -> list[CollectedRecord]:
    ordered = sorted(heads, key=lambda h: (h.rec_type != "warcinfo", h.warc, h.offset))
    collected: list[CollectedRecord] = []
    for head in ordered:
        path = warc_dir / head.warc
        raw = read_raw(path, head.offset, head.length)
        digest = hashlib.sha256(raw).hexdigest()
        where = f"{head.warc}@{head.offset} ({head.rec_type} {head.record_id})"
        if head.offset == capture.offset and head.warc == capture.warc and capture.sha256 and digest != capture.sha256:
            raise RecordMismatch(f"{where}: stored bytes sha256 {digest} is not the indexed {capture.sha256}")
        check_record_digests(raw, where)
        collected.append(CollectedRecord(head, raw, digest, _sidecar_sha256(path)))
    return collected
