"""Reading records back: by file + offset (evidence references, CDXJ entries) or file by file."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from lurewatch.warc.writer import OPEN_SUFFIX


class RecordMismatch(Exception):
    """The bytes at a reference are not the record it promised (altered, truncated, wrong file)."""


@dataclass
class StoredRecord:
    """A record read from the archive with where it was and the digest of its stored bytes."""

    warc: str
    offset: int
    length: int
    sha256: str
    record: ArcWarcRecord
    content: bytes  # the record's content; for HTTP records the payload with content-encoding undone


def read_raw(path: Path, offset: int, length: int) -> bytes:
    with open(path, "rb") as fh:
        fh.seek(offset)
        data = fh.read(length)
    if len(data) != length:
        raise RecordMismatch(f"{path.name}: only {len(data)} of {length} bytes at offset {offset}")
    return data


def read_record(path: Path, offset: int, length: int, expect_sha256: str | None = None) -> StoredRecord:
    """Seek to one record and parse it; if ``expect_sha256`` is given, the stored bytes must match."""
    raw = read_raw(path, offset, length)
    digest = hashlib.sha256(raw).hexdigest()
    if expect_sha256 and digest != expect_sha256:
        raise RecordMismatch(f"{path.name}@{offset}: sha256 {digest} does not match the recorded {expect_sha256}")
    for record in ArchiveIterator(io.BytesIO(raw)):
        return StoredRecord(path.name, offset, length, digest, record, record.content_stream().read())
    raise RecordMismatch(f"{path.name}@{offset}: no WARC record there")


def iter_records(path: Path) -> Iterator[StoredRecord]:
    """Every record of a WARC file with its offset, length and stored-bytes digest."""
    with open(path, "rb") as fh, open(path, "rb") as slices:
        iterator = ArchiveIterator(fh)
        for record in iterator:
            content = record.content_stream().read()
            offset = iterator.get_record_offset()
            length = iterator.get_record_length()
            slices.seek(offset)
            digest = hashlib.sha256(slices.read(length)).hexdigest()
            yield StoredRecord(path.name, offset, length, digest, record, content)


def warc_files(directory: Path) -> list[Path]:
    """The sealed WARC files of an archive directory, oldest first (names sort by time)."""
    return sorted(p for p in directory.glob("*.warc.gz") if not p.name.endswith(OPEN_SUFFIX))
