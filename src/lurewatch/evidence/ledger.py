"""The custody ledger: an append-only, hash-chained JSON Lines log at ``HOME/custody.jsonl``.

Every entry carries the hash of the entry before it (``prev``) and its own hash over all its other
fields (``hash``), so editing, removing or reordering any entry breaks the chain at that entry.
The evidence files themselves are never touched; entries refer to them by SHA-256.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from lurewatch import __version__
from lurewatch.warc.writer import SealedFile

log = logging.getLogger(__name__)

LEDGER_NAME = "custody.jsonl"
GENESIS = "0" * 64
TOOL = f"lurewatch/{__version__}"

# Actions written by lurewatch itself.
WARC_SEALED = "warc.sealed"
EXPORT = "export"
VERIFY = "verify"


class LedgerBroken(Exception):
    """The chain does not hold; ``seq`` and ``line`` name the first entry that is wrong."""

    def __init__(self, message: str, line: int, seq: int | None) -> None:
        super().__init__(message)
        self.line = line
        self.seq = seq


@dataclass(frozen=True)
class LedgerEntry:
    seq: int
    time: str
    operator: str
    tool: str
    action: str
    subject: str
    sha256: str
    prev: str
    details: dict[str, Any] = field(default_factory=dict)
    hash: str = ""

    def body(self) -> dict[str, Any]:
        fields = asdict(self)
        fields.pop("hash")
        return fields

    def computed_hash(self) -> str:
        return entry_hash(self.body())

    def to_line(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def ledger_path(home: Path) -> Path:
    return home / LEDGER_NAME


@contextmanager
def _locked(path: Path) -> Iterator[IO[bytes]]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)  # crawls, exports and verifications may overlap
        try:
            yield fh
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _last_line(fh: IO[bytes]) -> bytes:
    fh.seek(0, os.SEEK_END)
    end = fh.tell()
    pos, tail = end, b""
    while pos > 0 and tail.count(b"\n") < 2:
        step = min(4096, pos)
        pos -= step
        fh.seek(pos)
        tail = fh.read(step) + tail
    lines = [line for line in tail.split(b"\n") if line.strip()]
    return lines[-1] if lines else b""


def _chain_head(last: bytes) -> tuple[int, str]:
    """(next seq, prev hash) after ``last``; a damaged last line still chains on its bytes, so
    the damage stays visible to ``verify_ledger`` instead of being papered over."""
    if not last:
        return 1, GENESIS
    try:
        data = json.loads(last)
        return int(data["seq"]) + 1, str(data["hash"])
    except (ValueError, KeyError, TypeError):
        log.error("the last custody ledger line is damaged; chaining the new entry onto its bytes")
        return 0, hashlib.sha256(last).hexdigest()


def append(
    home: Path,
    action: str,
    subject: str,
    sha256: str,
    operator: str,
    details: dict[str, Any] | None = None,
) -> LedgerEntry:
    """Append one entry under an exclusive lock and fsync it before returning."""
    with _locked(ledger_path(home)) as fh:
        seq, prev = _chain_head(_last_line(fh))
        entry = LedgerEntry(
            seq=seq,
            time=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            operator=operator,
            tool=TOOL,
            action=action,
            subject=subject,
            sha256=sha256,
            prev=prev,
            details=dict(details or {}),
        )
        entry = LedgerEntry(**{**asdict(entry), "hash": entry.computed_hash()})
        fh.seek(0, os.SEEK_END)
        fh.write(entry.to_line().encode("utf-8") + b"\n")
        fh.flush()
        os.fsync(fh.fileno())
    log.info("custody ledger: #%d %s %s", entry.seq, action, subject)
    return entry


def _parse_entry(raw: str, line_no: int) -> LedgerEntry:
    try:
        data = json.loads(raw)
        return LedgerEntry(
            seq=int(data["seq"]),
            time=str(data["time"]),
            operator=str(data["operator"]),
            tool=str(data["tool"]),
            action=str(data["action"]),
            subject=str(data["subject"]),
            sha256=str(data["sha256"]),
            prev=str(data["prev"]),
            details=dict(data.get("details") or {}),
            hash=str(data["hash"]),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise LedgerBroken(f"line {line_no}: not a ledger entry ({exc})", line_no, None) from exc


def read_entries(path: Path) -> list[LedgerEntry]:
    """Every entry, parsed but not checked (use ``verify_ledger`` for that)."""
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        return [_parse_entry(raw, n) for n, raw in enumerate(fh, 1) if raw.strip()]


@dataclass(frozen=True)
class LedgerStatus:
    path: Path
    entries: int
    head: str  # hash of the last entry (GENESIS when empty)


def verify_ledger(path: Path) -> LedgerStatus:
    """Walk the chain; raise ``LedgerBroken`` naming the first entry that is edited, missing or
    out of order."""
    if not path.exists():
        raise LedgerBroken(f"{path}: no custody ledger", 0, None)
    prev, expected_seq, count = GENESIS, 1, 0
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line_no, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            entry = _parse_entry(raw, line_no)
            where = f"line {line_no} (entry #{entry.seq})"
            if entry.computed_hash() != entry.hash:
                raise LedgerBroken(f"{where}: edited (its hash does not match its content)", line_no, entry.seq)
            if entry.to_line() != raw.rstrip("\n"):  # same meaning, other bytes: still an edit
                raise LedgerBroken(f"{where}: edited (not the bytes lurewatch wrote)", line_no, entry.seq)
            if entry.seq != expected_seq:
                raise LedgerBroken(
                    f"{where}: out of sequence, expected #{expected_seq} (an entry was removed or moved)",
                    line_no,
                    entry.seq,
                )
            if entry.prev != prev:
                raise LedgerBroken(f"{where}: does not chain to the entry before it", line_no, entry.seq)
            prev, expected_seq, count = entry.hash, expected_seq + 1, count + 1
    return LedgerStatus(path, count, prev)


def entries_about(path: Path, sha256s: set[str], record_id: str = "") -> list[LedgerEntry]:
    """The entries that concern these files (by SHA-256) or this record (exports, verifications)."""
    return [
        e for e in read_entries(path) if e.sha256 in sha256s or (record_id and e.details.get("record_id") == record_id)
    ]


def ledger_hook(home: Path, operator: str) -> Callable[[SealedFile], None]:
    """An ``on_sealed`` callback for the WARC writer: every sealed file goes into the ledger."""

    def on_sealed(sealed: SealedFile) -> None:
        append(
            home,
            WARC_SEALED,
            sealed.path.name,
            sealed.sha256,
            operator,
            {"size": sealed.size, "records": sealed.records},
        )

    return on_sealed
