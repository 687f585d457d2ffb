"""SearchQuery → an Elasticsearch request body with the semantics of ``index/base.py``.

User text never reaches a query parser: it is split by ``textseg.query_phrases`` (the same split the
SQLite backend uses) and every phrase becomes a ``match_phrase`` on pre-tokenised fields, so quotes,
operators or brackets typed by a user are just characters.
"""

from __future__ import annotations

from typing import Any

from lurewatch.index.base import IndexBackendError, SearchQuery
from lurewatch.index.es_docs import capture_millis, seen_key
from lurewatch.index.querytime import normalize_since
from lurewatch.index.textseg import query_phrases
from lurewatch.models import Entity

TITLE_BOOST = 4.0  # as the SQLite backend weighs title over body in bm25


def text_clauses(text: str) -> list[dict[str, Any]]:
    """One clause per phrase, all required; a phrase matches within the title or within the body."""
    phrases = query_phrases(text)
    if not phrases:
        raise IndexBackendError(f"the query {text!r} has no searchable words")
    clauses: list[dict[str, Any]] = []
    for tokens in phrases:
        joined = " ".join(tokens)
        clauses.append(
            {
                "bool": {
                    "should": [
                        {"match_phrase": {"title_terms": {"query": joined, "boost": TITLE_BOOST}}},
                        {"match_phrase": {"body_terms": {"query": joined}}},
                    ],
                    "minimum_should_match": 1,
                }
            }
        )
    return clauses


def filter_clauses(query: SearchQuery) -> list[dict[str, Any]]:
    filters: list[dict[str, Any]] = []
    if query.entity_type and query.entity_value:
        filters.append({"term": {"seen": seen_key(Entity(query.entity_type, query.entity_value))}})
    elif query.entity_type:
        filters.append({"term": {"seen_type": query.entity_type}})
    elif query.entity_value:
        filters.append({"term": {"seen_value": query.entity_value}})
    if query.site:
        filters.append({"term": {"site": query.site.lower()}})
    if query.since:
        since = normalize_since(query.since)
        filters.append({"range": {"captured_ms": {"gte": capture_millis("--since", since)}}})
    if query.min_risk is not None:
        filters.append({"range": {"risk.score": {"gte": query.min_risk}}})
    return filters


def search_body(query: SearchQuery) -> dict[str, Any]:
    if query.limit < 0 or query.offset < 0:
        raise IndexBackendError("limit and offset must not be negative")
    must = text_clauses(query.text) if query.text else []
    filters = filter_clauses(query)
    if query.text:
        sort: list[Any] = [{"_score": "desc"}, {"url": "asc"}]
    else:
        sort = [{"captured_ms": "desc"}, {"url": "asc"}]
    bool_query: dict[str, Any] = {"filter": filters}
    if must:
        bool_query["must"] = must
    return {
        "query": {"bool": bool_query},
        "sort": sort,
        "from": query.offset,
        "size": query.limit,
        "track_total_hits": True,
    }
