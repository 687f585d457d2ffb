"""Which crawl job a WARC file belongs to: the ``isPartOf`` field of its warcinfo record (the
writer puts the job id there), so the answer comes from the archive itself, not from a database."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from lurewatch.warc.reader import warc_files

log = logging.getLogger(__name__)


@lru_cache(maxsize=65536)
def _job_of(path: Path, size: int) -> str:
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type != "warcinfo":
                break
            for line in record.content_stream().read().decode("utf-8", "replace").splitlines():
                key, _, value = line.partition(":")
                if key.strip() == "isPartOf" and value.strip():
                    return value.strip()
            break
    return ""


def job_of(path: Path) -> str:
    """The job id of a WARC file, or the file's name if it names no job (each such file then
    stands for a crawl of its own)."""
    try:
        return _job_of(path, path.stat().st_size) or path.name
    except (OSError, ArchiveLoadFailed) as exc:
        log.error("cannot read the warcinfo of %s: %s", path.name, exc)
        return path.name


def files_of_job(warc_dir: Path, job_id: str) -> list[Path]:
    """The sealed WARC files written by ``job_id``, oldest first."""
    return [p for p in warc_files(warc_dir) if job_id in p.name and job_of(p) == job_id]
