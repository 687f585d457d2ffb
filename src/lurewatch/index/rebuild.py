"""Rebuild the search index from the WARC files alone (they are the source of truth)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

from lurewatch.analysis import analyze
from lurewatch.index.base import IndexBackend
from lurewatch.models import PageRecord
from lurewatch.warc.captures import iter_html_captures

log = logging.getLogger(__name__)


def pages_from_archive(warc_dir: Path, on_page: Callable[[], None] | None = None) -> Iterator[PageRecord]:
    for capture in iter_html_captures(warc_dir):
        try:
            record = analyze(capture)
        except Exception as exc:  # one bad page must not stop the rebuild
            log.error("skipped %s: %s: %s", capture.url, type(exc).__name__, exc)
            continue
        if on_page is not None:
            on_page()
        yield record


def rebuild_index(backend: IndexBackend, warc_dir: Path, on_page: Callable[[], None] | None = None) -> int:
    return backend.rebuild(pages_from_archive(warc_dir, on_page))
