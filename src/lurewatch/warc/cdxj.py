"""CDXJ: the sorted ``SURT timestamp {json}`` index pywb reads, one per WARC file plus a merged one.

A capture of a URL is found by binary search in the merged, sorted index, without scanning WARCs.
"""

from __future__ import annotations

import heapq
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import surt
from warcio.recordloader import ArcWarcRecord

MERGED_NAME = "index.cdxj"
_INDEXED_TYPES = {"response", "revisit", "resource", "conversion"}


def cdxj_name(warc_name: str) -> str:
    return warc_name.removesuffix(".warc.gz") + ".cdxj"


def surt_key(url: str) -> str:
    try:
        return surt.surt(url)
    except Exception:  # surt rejects some odd URLs; fall back to the URL itself so nothing is unindexed
        return url.lower()


def timestamp14(warc_date: str) -> str:
    """``2026-11-23T10:00:00.123456Z`` → ``20261123100000``."""
    return "".join(ch for ch in warc_date if ch.isdigit())[:14]


def line_for(record: ArcWarcRecord, filename: str, offset: int, length: int, sha256: str = "") -> str | None:
    """The CDXJ line of one record, or None for records nobody looks up (request, warcinfo)."""
    if record.rec_type not in _INDEXED_TYPES:
        return None
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    fields: dict[str, object] = {"url": url}
    if record.rec_type == "revisit":
        fields["mime"] = "warc/revisit"
    elif record.http_headers is not None:
        fields["mime"] = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip()
    else:
        fields["mime"] = headers.get_header("Content-Type") or ""
    if record.http_headers is not None and record.rec_type in ("response", "revisit"):
        fields["status"] = record.http_headers.get_statuscode()
    digest = headers.get_header("WARC-Payload-Digest") or headers.get_header("WARC-Block-Digest")
    if digest:
        fields["digest"] = digest
    fields.update(
        {
            "length": str(length),
            "offset": str(offset),
            "filename": filename,
            "record_id": headers.get_header("WARC-Record-ID"),
            "type": record.rec_type,
            "sha256": sha256,
        }
    )
    return f"{surt_key(url)} {timestamp14(headers.get_header('WARC-Date'))} {json.dumps(fields, ensure_ascii=False)}"


def write_sorted(path: Path, lines: Iterable[str]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for line in sorted(lines):
            fh.write(line + "\n")
    os.replace(tmp, path)


def merge(directory: Path) -> Path:
    """Rebuild the merged index of ``directory`` from the per-file CDXJ files (all sorted)."""
    parts = sorted(p for p in directory.glob("*.cdxj") if p.name != MERGED_NAME)
    target = directory / MERGED_NAME
    tmp = target.with_name(target.name + ".tmp")
    handles = [open(p, encoding="utf-8") for p in parts]
    try:
        with open(tmp, "w", encoding="utf-8") as out:
            out.writelines(heapq.merge(*handles))
    finally:
        for handle in handles:
            handle.close()
    os.replace(tmp, target)
    return target


@dataclass(frozen=True)
class CdxEntry:
    urlkey: str
    timestamp: str
    fields: dict[str, str]

    @property
    def url(self) -> str:
        return self.fields["url"]

    @property
    def filename(self) -> str:
        return self.fields["filename"]

    @property
    def offset(self) -> int:
        return int(self.fields["offset"])

    @property
    def length(self) -> int:
        return int(self.fields["length"])

    @property
    def status(self) -> int:
        return int(self.fields.get("status") or 0)

    @property
    def record_type(self) -> str:
        return self.fields.get("type", "response")

    @classmethod
    def parse(cls, line: str) -> CdxEntry:
        key, stamp, payload = line.rstrip("\n").split(" ", 2)
        return cls(key, stamp, json.loads(payload))


def _line_start_at_or_after(fh: BinaryIO, pos: int) -> int:
    if pos == 0:
        fh.seek(0)
        return 0
    fh.seek(pos - 1)
    fh.readline()  # finishes the line that holds byte pos-1 (just its newline if pos is a start)
    return fh.tell()


def _first_line_not_below(fh: BinaryIO, key: bytes, size: int) -> int:
    """Byte offset of the first line whose urlkey is >= key: a binary search over positions, where
    each position stands for the first line starting at or after it (monotone in the position)."""
    lo, hi = 0, size
    while lo < hi:
        mid = (lo + hi) // 2
        _line_start_at_or_after(fh, mid)
        line = fh.readline()
        if line and line.split(b" ", 1)[0] < key:
            lo = mid + 1
        else:
            hi = mid
    return _line_start_at_or_after(fh, lo)


def lookup(index_path: Path, url: str) -> list[CdxEntry]:
    """Every capture of ``url`` in the sorted index, oldest first."""
    if not index_path.exists():
        return []
    key = surt_key(url).encode("utf-8")
    found: list[CdxEntry] = []
    with open(index_path, "rb") as fh:
        fh.seek(_first_line_not_below(fh, key, index_path.stat().st_size))
        for raw in fh:
            line_key = raw.split(b" ", 1)[0]
            if line_key != key:
                break
            found.append(CdxEntry.parse(raw.decode("utf-8")))
    return sorted(found, key=lambda e: e.timestamp)


def iter_entries(index_path: Path) -> Iterator[CdxEntry]:
    if not index_path.exists():
        return
    with open(index_path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield CdxEntry.parse(line)
