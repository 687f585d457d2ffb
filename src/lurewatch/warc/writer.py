"""A rotating WARC writer: one gzip member per record, files sealed on rotation.

Files are written as ``NAME.warc.gz.open`` and renamed to ``NAME.warc.gz`` only once complete, so
the archive never holds a half-written file under a final name (a killed crawl leaves an ``.open``
file that ``lurewatch`` repairs or quarantines). On sealing, the file's SHA-256 is written beside
it (``NAME.warc.gz.sha256``), its CDXJ lines are written sorted (``NAME.cdxj``), and the
``on_sealed`` callbacks (custody ledger, job record) are told.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from warcio.recordloader import ArcWarcRecord

from lurewatch import __version__
from lurewatch.warc import cdxj
from lurewatch.warc.records import build_warcinfo, record_header, serialize

log = logging.getLogger(__name__)

OPEN_SUFFIX = ".open"
GZIP_LEVEL = 6  # level 9 (warcio's default) costs ~2x the CPU for ~3% smaller files


@dataclass(frozen=True)
class WrittenRecord:
    """Where a record landed: enough to seek straight to it and prove its bytes."""

    warc: str
    offset: int
    length: int
    record_id: str
    sha256: str  # hex, over the stored (gzipped) bytes of this record


@dataclass(frozen=True)
class SealedFile:
    path: Path
    sha256: str
    size: int
    records: int


@dataclass
class WriterConfig:
    directory: Path
    prefix: str = "lurewatch"
    max_bytes: int = 1_000_000_000
    job_id: str = ""
    operator: str = ""
    description: str = ""
    extra_info: dict[str, str] = field(default_factory=dict)


class _OpenWarc:
    def __init__(self, path: Path, name: str) -> None:
        self.path = path
        self.name = name
        self.fh = open(path, "xb")
        self.file_hash = hashlib.sha256()
        self.size = 0
        self.records = 0
        self.cdx_lines: list[str] = []
        self.warcinfo_id = ""

    def append(self, data: bytes) -> tuple[int, int, str]:
        member = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        blob = member.compress(data) + member.flush()
        offset = self.size
        self.fh.write(blob)
        self.file_hash.update(blob)
        self.size += len(blob)
        self.records += 1
        return offset, len(blob), hashlib.sha256(blob).hexdigest()


class RotatingWarcWriter:
    """Writes records to ``directory``, rotating to a new file past ``max_bytes``."""

    def __init__(self, config: WriterConfig) -> None:
        self.config = config
        self.config.directory.mkdir(parents=True, exist_ok=True)
        self.on_sealed: list[Callable[[SealedFile], None]] = []
        self._current: _OpenWarc | None = None
        self._serial = 0
        self.sealed: list[SealedFile] = []
        self.bytes_written = 0

    # -- files ----------------------------------------------------------------------------------

    def _new_name(self) -> str:
        self._serial += 1
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        job = f"-{self.config.job_id}" if self.config.job_id else ""
        return f"{self.config.prefix}{job}-{stamp}-{self._serial:05d}.warc.gz"

    def _open(self) -> _OpenWarc:
        name = self._new_name()
        warc = _OpenWarc(self.config.directory / (name + OPEN_SUFFIX), name)
        info = {
            "software": f"lurewatch/{__version__}",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "hostname": socket.gethostname(),
            "operator": self.config.operator,
            "isPartOf": self.config.job_id,
            "description": self.config.description,
            **self.config.extra_info,
        }
        record = build_warcinfo(name, {k: v for k, v in info.items() if v})
        warc.warcinfo_id = record_header(record, "WARC-Record-ID")
        warc.append(serialize(record))
        self._current = warc
        log.debug("opened %s", warc.path)
        return warc

    def write_group(self, build: Callable[[str], list[ArcWarcRecord]]) -> list[WrittenRecord]:
        """Write records that belong together (a response and its request, a page and its
        screenshot) into one file. Rotation happens only before a group, and ``build`` gets the
        warcinfo id of the file the group lands in."""
        warc = self._current
        if warc is not None and warc.size >= self.config.max_bytes:
            self._seal(warc)
            warc = None
        warc = warc or self._open()
        return [self._write(warc, record) for record in build(warc.warcinfo_id)]

    def _write(self, warc: _OpenWarc, record: ArcWarcRecord) -> WrittenRecord:
        offset, length, digest = warc.append(serialize(record))
        self.bytes_written += length
        line = cdxj.line_for(record, warc.name, offset, length, digest)
        if line:
            warc.cdx_lines.append(line)
        return WrittenRecord(warc.name, offset, length, record_header(record, "WARC-Record-ID"), digest)

    def _seal(self, warc: _OpenWarc) -> SealedFile:
        warc.fh.flush()
        os.fsync(warc.fh.fileno())
        warc.fh.close()
        final = self.config.directory / warc.name
        cdxj.write_sorted(self.config.directory / cdxj.cdxj_name(warc.name), warc.cdx_lines)
        digest = warc.file_hash.hexdigest()
        (self.config.directory / (warc.name + ".sha256")).write_text(f"{digest}  {warc.name}\n")
        os.replace(warc.path, final)
        sealed = SealedFile(final, digest, warc.size, warc.records)
        self.sealed.append(sealed)
        self._current = None
        log.info("sealed %s (%d records, %d bytes, sha256 %s)", final.name, warc.records, warc.size, digest)
        for callback in self.on_sealed:
            callback(sealed)
        return sealed

    def close(self) -> list[SealedFile]:
        if self._current is not None:
            self._seal(self._current)
        return self.sealed
