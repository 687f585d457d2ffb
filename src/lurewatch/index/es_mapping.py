"""Index layout and mappings for the Elasticsearch backend.

Two indices, each behind an alias so ``rebuild`` can swap both atomically:

* ``{prefix}-pages``: one document per URL, the newest capture, plus the entities seen on *any*
  capture (``seen*`` fields) so entity filters need no join;
* ``{prefix}-sightings``: per (entity, page) the first and the last capture it was seen in.

Text analysis: the integration-test distribution ships no analysis plugins (no ``analysis-common``,
so no ``cjk_bigram``, ``thai`` tokenizer, ``asciifolding`` or ICU), and production clusters differ in
what they have. So text is tokenised on the client by ``lurewatch.index.textseg`` (the same tokens the
SQLite backend stores) and indexed with the built-in ``whitespace`` analyzer, which every distribution
has. Both backends therefore see identical tokens for English, CJK, Thai, Vietnamese or Indonesian.

Bump ``MAPPING_VERSION`` on any incompatible change: it is part of the concrete index names and of
``_meta``, and an index with another version asks for ``lurewatch index rebuild``.
"""

from __future__ import annotations

from typing import Any

MAPPING_VERSION = 1

_KEYWORD: dict[str, Any] = {"type": "keyword"}
_STORED_ONLY: dict[str, Any] = {"type": "keyword", "index": False, "doc_values": False}
_TOKENS: dict[str, Any] = {
    "type": "text",
    "analyzer": "whitespace",
    # Title and text are separate fields, so a phrase never spans from one into the other.
    "index_options": "positions",
}

PAGES_MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "_meta": {"lurewatch": "pages", "mapping_version": MAPPING_VERSION},
    # The token fields are derived from title/text; keeping them out of _source halves its size.
    "_source": {"excludes": ["title_terms", "body_terms"]},
    "properties": {
        "url": _KEYWORD,
        "site": _KEYWORD,
        "captured_at": _KEYWORD,  # the string as captured, returned verbatim
        "captured_ms": {"type": "date", "format": "epoch_millis"},  # for sorting and --since
        "status": {"type": "integer"},
        "title": {"type": "text", "index": False},
        "text": {"type": "text", "index": False},
        "title_terms": _TOKENS,
        "body_terms": _TOKENS,
        "lang": _KEYWORD,
        "kind": _KEYWORD,
        "published": _KEYWORD,
        "risk": {
            "properties": {
                "score": {"type": "double"},
                "reasons": _STORED_ONLY,
            }
        },
        "entities": {"properties": {"type": _KEYWORD, "value": _KEYWORD}},
        # "type\x1fvalue", type and value of every entity seen on any capture of the page.
        "seen": _KEYWORD,
        "seen_type": _KEYWORD,
        "seen_value": _KEYWORD,
        "evidence": {
            "properties": {
                "warc": _KEYWORD,
                "offset": {"type": "long"},
                "length": {"type": "long"},
                "record_id": _KEYWORD,
                "sha256": _KEYWORD,
            }
        },
        "payload_digest": _KEYWORD,
        "content_hash": _KEYWORD,
    },
}

SIGHTINGS_MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "_meta": {"lurewatch": "sightings", "mapping_version": MAPPING_VERSION},
    "properties": {
        "type": _KEYWORD,
        "value": _KEYWORD,
        "url": _KEYWORD,
        "site": _KEYWORD,
        "role": _KEYWORD,  # "first" or "last"
        "seen": _KEYWORD,  # captured_at as captured, so first/last seen come back verbatim
    },
}


def index_settings(shards: int, replicas: int, *, bulk_load: bool = False) -> dict[str, Any]:
    """Settings for a new index; ``bulk_load`` skips refreshes and replicas while a rebuild fills it."""
    return {
        "number_of_shards": shards,
        "number_of_replicas": 0 if bulk_load else replicas,
        "refresh_interval": "-1" if bulk_load else "1s",
        # Exact totals and deep pages up to this many hits (from + size).
        "max_result_window": 100_000,
    }
