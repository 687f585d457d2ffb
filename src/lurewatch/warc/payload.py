"""The payload of a capture, whether it is a full ``response`` or a ``revisit`` that refers to one.

A revisit holds only headers; its payload is the original's, found by ``WARC-Refers-To`` in the
merged CDXJ index and read by file + offset.
"""

from __future__ import annotations

from pathlib import Path

from lurewatch.warc import cdxj
from lurewatch.warc.cdxj import CdxEntry
from lurewatch.warc.reader import RecordMismatch, StoredRecord, read_record


class PayloadResolver:
    def __init__(self, warc_dir: Path) -> None:
        self.warc_dir = warc_dir
        self._originals: dict[str, CdxEntry] | None = None

    def _original_entry(self, record_id: str) -> CdxEntry:
        if self._originals is None:  # built on the first revisit only: most reads never need it
            self._originals = {
                e.fields["record_id"]: e
                for e in cdxj.iter_entries(self.warc_dir / cdxj.MERGED_NAME)
                if e.record_type == "response" and e.fields.get("record_id")
            }
        entry = self._originals.get(record_id)
        if entry is None:
            raise RecordMismatch(f"revisit refers to {record_id}, which is not in the archive index")
        return entry

    def read(self, entry: CdxEntry) -> StoredRecord:
        return read_record(self.warc_dir / entry.filename, entry.offset, entry.length, entry.fields.get("sha256") or None)

    def content(self, stored: StoredRecord) -> bytes:
        """The payload (content-encoding undone) of a response, or of the original of a revisit."""
        if stored.record.rec_type != "revisit":
            return stored.content
        refers_to = stored.record.rec_headers.get_header("WARC-Refers-To") or ""
        original = self.read(self._original_entry(refers_to))
        return original.content
