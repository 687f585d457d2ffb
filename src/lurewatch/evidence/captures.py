"""All captures of a URL, and the one in force at a given time, from the CDXJ index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lurewatch.config import LurewatchError
from lurewatch.warc import cdxj
from lurewatch.warc.cdxj import CdxEntry


@dataclass(frozen=True)
class CaptureInfo:
    url: str
    captured_at: str
    status: int
    warc: str
    offset: int
    length: int
    sha256: str
    record_type: str
    record_id: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "captured_at": self.captured_at,
            "status": self.status,
            "warc": self.warc,
            "offset": self.offset,
            "length": self.length,
            "sha256": self.sha256,
            "type": self.record_type,
            "record_id": self.record_id,
        }

    @classmethod
    def from_entry(cls, entry: CdxEntry) -> CaptureInfo:
        ts = entry.timestamp
        return cls(
            url=entry.url,
            captured_at=f"{ts[0:4]}-{ts[4:6]}-{ts[6:8]}T{ts[8:10]}:{ts[10:12]}:{ts[12:14]}Z",
            status=entry.status,
            warc=entry.filename,
            offset=entry.offset,
            length=entry.length,
            sha256=entry.fields.get("sha256", ""),
            record_type=entry.record_type,
            record_id=entry.fields.get("record_id", ""),
        )


def list_captures(warc_dir: Path, url: str) -> list[CaptureInfo]:
    """Every HTTP capture (response or revisit) of ``url``, oldest first."""
    return [
        CaptureInfo.from_entry(e)
        for e in cdxj.lookup(warc_dir / cdxj.MERGED_NAME, url)
        if e.record_type in ("response", "revisit")
    ]


def capture_at(warc_dir: Path, url: str, at: str | None) -> CaptureInfo:
    """The capture in force at ``at`` (the newest one at or before it; the newest if ``at`` is None)."""
    captures = list_captures(warc_dir, url)
    if not captures:
        raise LurewatchError(f"no capture of {url} in {warc_dir}", exit_code=4)
    if at is None:
        return captures[-1]
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError as exc:
        raise LurewatchError(f"--at {at!r} is not an ISO 8601 time", exit_code=2) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    stamp = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    in_force = [c for c in captures if c.captured_at <= stamp]
    if not in_force:
        raise LurewatchError(
            f"{url} was first captured at {captures[0].captured_at}, after {stamp}", exit_code=4
        )
    return in_force[-1]
