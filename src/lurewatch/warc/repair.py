"""Repair or quarantine the ``.warc.gz.open`` files a killed crawl leaves behind.

A file is kept up to its last complete gzip member whose record parses and whose digests verify;
a trailing response/revisit whose request never made it to disk is cut too, so every response in
the archive keeps its request. The kept prefix is sealed exactly like the writer seals a file
(sorted CDXJ, ``.sha256`` sidecar, rename, ``on_sealed`` hooks such as the custody ledger). Bytes
cut off are never thrown away: they go to ``quarantine/NAME.tail``. A file with no valid warcinfo
record at its start is moved whole to ``quarantine/``.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import shutil
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from lurewatch.warc import cdxj
from lurewatch.warc.writer import OPEN_SUFFIX, SealedFile

log = logging.getLogger(__name__)

QUARANTINE = "quarantine"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class RepairResult:
    path: Path  # the sealed file, or where the file went in quarantine
    action: str  # "sealed" | "quarantined"
    records: int
    cut_bytes: int


@dataclass(frozen=True)
class _Member:
    offset: int
    length: int
    sha256: str
    record: ArcWarcRecord


def _gzip_members(fh: BinaryIO) -> Iterator[tuple[int, bytes, bytes]]:
    """(offset, stored bytes, decompressed bytes) of each complete gzip member; stops at the first
    incomplete or corrupt one."""
    offset = 0
    pending = b""
    while True:
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        stored: list[bytes] = []
        plain: list[bytes] = []
        data = pending or fh.read(_CHUNK)
        if not data:
            return
        while True:
            try:
                plain.append(inflater.decompress(data))
            except zlib.error as exc:
                log.info("corrupt gzip member at offset %d: %s", offset, exc)
                return
            if inflater.eof:
                used = len(data) - len(inflater.unused_data)
                stored.append(data[:used])
                pending = inflater.unused_data
                break
            stored.append(data)
            data = fh.read(_CHUNK)
            if not data:
                return  # the process died inside this member
        blob = b"".join(stored)
        yield offset, blob, b"".join(plain)
        offset += len(blob)


def _parse(plain: bytes) -> ArcWarcRecord | None:
    """The one record in a member, read to the end with its digests checked, or None."""
    try:
        for record in ArchiveIterator(io.BytesIO(plain), check_digests="raise"):
            record.content_stream().read()
            return record
    except (ArchiveLoadFailed, ValueError, EOFError) as exc:
        log.info("unparsable record: %s", exc)
    return None


def _valid_prefix(path: Path) -> list[_Member]:
    members: list[_Member] = []
    with open(path, "rb") as fh:
        for offset, blob, plain in _gzip_members(fh):
            record = _parse(plain)
            if record is None:
                break
            members.append(_Member(offset, len(blob), hashlib.sha256(blob).hexdigest(), record))
    if members and members[-1].record.rec_type in ("response", "revisit"):
        members.pop()  # its request was never written: drop the half group
    return members


def in_use(path: Path) -> bool:
    """Whether a live process (a crawl still running) has the file open. Linux: /proc."""
    target = str(path.resolve())
    proc = Path("/proc")
    if not proc.is_dir():
        return False
    for fd_dir in proc.glob("[0-9]*/fd"):
        try:
            for fd in fd_dir.iterdir():
                if os.readlink(fd) == target:
                    return True
        except OSError:  # processes come and go, others' fds are unreadable: neither holds the file
            continue
    return False


def _quarantine(path: Path, quarantine: Path, reason: str) -> RepairResult:
    quarantine.mkdir(parents=True, exist_ok=True)
    target = quarantine / path.name
    shutil.move(path, target)
    log.warning("quarantined %s: %s", path.name, reason)
    return RepairResult(target, "quarantined", 0, target.stat().st_size)


def repair_file(path: Path, on_sealed: Iterable[Callable[[SealedFile], None]] = ()) -> RepairResult:
    """Seal the valid prefix of one ``.open`` file, or quarantine the file."""
    directory = path.parent
    quarantine = directory / QUARANTINE
    members = _valid_prefix(path)
    if not members or members[0].record.rec_type != "warcinfo":
        return _quarantine(path, quarantine, "no readable warcinfo record at its start")
    keep = members[-1].offset + members[-1].length
    size = path.stat().st_size
    name = path.name.removesuffix(OPEN_SUFFIX)
    if size > keep:
        quarantine.mkdir(parents=True, exist_ok=True)
        with open(path, "rb") as src, open(quarantine / (name + ".tail"), "wb") as tail:
            src.seek(keep)
            shutil.copyfileobj(src, tail)
    with open(path, "r+b") as fh:
        fh.truncate(keep)
        fh.flush()
        os.fsync(fh.fileno())
    lines = [cdxj.line_for(m.record, name, m.offset, m.length, m.sha256) for m in members]
    cdxj.write_sorted(directory / cdxj.cdxj_name(name), [line for line in lines if line])
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    (directory / (name + ".sha256")).write_text(f"{digest.hexdigest()}  {name}\n")
    final = directory / name
    os.replace(path, final)
    sealed = SealedFile(final, digest.hexdigest(), keep, len(members))
    for callback in on_sealed:
        callback(sealed)
    log.warning("repaired %s: kept %d records, cut %d bytes", name, len(members), size - keep)
    return RepairResult(final, "sealed", len(members), size - keep)


def repair_all(warc_dir: Path, on_sealed: Iterable[Callable[[SealedFile], None]] = ()) -> list[RepairResult]:
    """Repair every ``.open`` file no live process is writing, then refresh the merged index."""
    hooks = list(on_sealed)
    results = [
        repair_file(path, hooks)
        for path in sorted(warc_dir.glob("*.warc.gz" + OPEN_SUFFIX))
        if not in_use(path)
    ]
    if any(r.action == "sealed" for r in results):
        cdxj.merge(warc_dir)
    return results
