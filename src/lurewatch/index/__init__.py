"""Search backends, chosen by URI: ``sqlite`` (embedded default) or an Elasticsearch URL."""

from __future__ import annotations

import os
from pathlib import Path

from lurewatch.index.base import (
    EntitySummary,
    IndexBackend,
    IndexBackendError,
    SearchHit,
    SearchQuery,
    SearchResult,
)

__all__ = [
    "EntitySummary",
    "IndexBackend",
    "IndexBackendError",
    "SearchHit",
    "SearchQuery",
    "SearchResult",
    "open_index",
]


def open_index(uri: str, home: Path) -> IndexBackend:
    """Open the backend named by ``uri``: ``sqlite``, ``sqlite:///path/to/file`` or ``http(s)://host:port``."""
    if uri in ("", "sqlite"):
        from lurewatch.index.sqlite import SqliteIndex

        return SqliteIndex(home / "index.sqlite")
    if uri.startswith("sqlite:///"):
        from lurewatch.index.sqlite import SqliteIndex

        return SqliteIndex(Path(uri[len("sqlite:///") - 1 :]))
    if uri.startswith(("http://", "https://")):
        from lurewatch.index.elasticsearch import ElasticsearchIndex

        return ElasticsearchIndex.from_env(uri, os.environ)
    raise IndexBackendError(f"unknown index URI {uri!r}: use 'sqlite', 'sqlite:///FILE' or http(s)://HOST:PORT")
