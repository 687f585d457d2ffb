"""The Elasticsearch backend: ``--index http://host:9200`` or ``LUREWATCH_INDEX``.

Same semantics and JSON shapes as the embedded SQLite index (see ``base.py``); the layout and the
text analysis are explained in ``es_mapping.py``.

Writes go in batches through the client's bulk helper (chunked by count and bytes, retried with
backoff on 429/5xx by both the helper and the transport). Page documents keep the newest capture
with optimistic concurrency: each batch reads the current documents, merges (newest capture wins,
entities accumulate) and writes back only if nobody changed them meanwhile, re-reading on conflict.
Nothing here needs server-side scripts, which the integration-test distribution does not ship.

The client connects lazily: opening the backend never fails, so a crawl can start while the cluster
is down (the WARC files stay the source of truth) and learn it from the first write's error.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from elasticsearch import ApiError, Elasticsearch, NotFoundError, helpers
from elastic_transport import TransportError

from lurewatch.index.base import EntitySummary, IndexBackendError, SearchQuery, SearchResult
from lurewatch.index.es_docs import (
    capture_millis,
    doc_id,
    hit_from_source,
    page_doc,
    page_from_source,
    seen_key,
    sighting_actions,
)
from lurewatch.index.es_errors import RejectedPages, describe, error_reason, rejected_page
from lurewatch.index.es_mapping import MAPPING_VERSION, PAGES_MAPPING, SIGHTINGS_MAPPING, index_settings
from lurewatch.index.es_query import search_body
from lurewatch.index.textseg import query_phrases
from lurewatch.models import PageRecord

log = logging.getLogger(__name__)

RETRY_STATUS = (429, 502, 503, 504)
BATCH_PAGES = 500  # pages per read-merge-write round
CHUNK_BYTES = 8 * 1024 * 1024  # bulk request size cap
_CAS_ROUNDS = 5  # re-reads of a batch when another writer changed the same pages


@dataclass(frozen=True)
class _Layout:
    """Concrete index names behind the two aliases."""

    pages: str
    sightings: str


class ElasticsearchIndex:
    """``IndexBackend`` on an Elasticsearch 9 cluster."""

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "lurewatch",
        api_key: str | None = None,
        username: str | None = None,
        password: str | None = None,
        ca_certs: str | None = None,
        shards: int = 1,
        replicas: int = 1,
        retries: int = 5,
        backoff: float = 0.5,
        timeout: float = 30.0,
    ) -> None:
        if prefix != prefix.lower() or not prefix or prefix.startswith(("_", "-", "+")):
            raise IndexBackendError(f"LUREWATCH_ES_INDEX {prefix!r} must be a lower-case index name prefix")
        parts = urlsplit(url)
        if parts.username and not username:  # http://user:pass@host:9200
            username, password = unquote(parts.username), unquote(parts.password or "")
        netloc = parts.hostname or ""
        if parts.port:
            netloc += f":{parts.port}"
        self.url = urlunsplit((parts.scheme, netloc, parts.path, "", ""))  # never log credentials
        self.prefix = prefix
        self.pages_alias = f"{prefix}-pages"
        self.sightings_alias = f"{prefix}-sightings"
        self.shards, self.replicas = shards, replicas
        self.retries, self.backoff = retries, backoff
        options: dict[str, Any] = {
            "request_timeout": timeout,
            "max_retries": retries,
            "retry_on_status": RETRY_STATUS,
            "retry_on_timeout": True,
            "retry_backoff_base": backoff,
            "retry_backoff_cap": 30.0,
        }
        if api_key:
            options["api_key"] = api_key
        elif username:
            options["basic_auth"] = (username, password or "")
        if ca_certs:
            options["ca_certs"] = ca_certs
        self._client = Elasticsearch(self.url, **options)
        self._ready = False
        self._dirty = False

    @classmethod
    def from_env(cls, uri: str, environ: Mapping[str, str]) -> ElasticsearchIndex:
        """Options from ``LUREWATCH_ES_*`` variables (see the README)."""

        def number(name: str, default: float) -> float:
            raw = environ.get(name, "")
            try:
                return float(raw) if raw else default
            except ValueError as exc:
                raise IndexBackendError(f"{name}={raw!r} is not a number") from exc

        return cls(
            uri,
            prefix=environ.get("LUREWATCH_ES_INDEX") or "lurewatch",
            api_key=environ.get("LUREWATCH_ES_API_KEY") or None,
            username=environ.get("LUREWATCH_ES_USERNAME") or None,
            password=environ.get("LUREWATCH_ES_PASSWORD") or None,
            ca_certs=environ.get("LUREWATCH_ES_CA_CERTS") or None,
            shards=int(number("LUREWATCH_ES_SHARDS", 1)),
            replicas=int(number("LUREWATCH_ES_REPLICAS", 1)),
            retries=int(number("LUREWATCH_ES_RETRIES", 5)),
            timeout=number("LUREWATCH_ES_TIMEOUT", 30.0),
        )

    # -- cluster calls --------------------------------------------------------------------------

    def _call(self, what: str, fn: Any, /, **kwargs: Any) -> Any:
        """One API call; the transport has already retried with backoff when this raises."""
        try:
            return fn(**kwargs)
        except (ApiError, TransportError) as exc:
            raise describe(exc, self.url) from exc

    def _ensure_ready(self) -> None:
        """Create the first indices and aliases, or check the existing ones' mapping version."""
        if self._ready:
            return
        for alias, kind, mapping in (
            (self.pages_alias, "pages", PAGES_MAPPING),
            (self.sightings_alias, "sightings", SIGHTINGS_MAPPING),
        ):
            try:
                found = self._client.indices.get_alias(name=alias)
            except NotFoundError:
                found = None
            except (ApiError, TransportError) as exc:
                raise describe(exc, self.url) from exc
            if found:
                self._check_version(alias, list(found.body))
                continue
            if self._exists_as_index(alias):
                raise IndexBackendError(
                    f"{alias} on {self.url} is an index, not a lurewatch alias: delete it or set LUREWATCH_ES_INDEX"
                )
            self._create(f"{alias}-v{MAPPING_VERSION}-initial", mapping, alias=alias, kind=kind)
        self._ready = True

    def _exists_as_index(self, name: str) -> bool:
        return bool(self._call("exists", self._client.indices.exists, index=name))

    def _check_version(self, alias: str, indices: list[str]) -> None:
        mappings = self._call("get mapping", self._client.indices.get_mapping, index=alias).body
        for name in indices:
            meta = mappings.get(name, {}).get("mappings", {}).get("_meta", {})
            version = meta.get("mapping_version")
            if version != MAPPING_VERSION:
                raise IndexBackendError(
                    f"index {name} on {self.url} has mapping version {version}, this lurewatch needs "
                    f"{MAPPING_VERSION}: run `lurewatch index rebuild`"
                )

    def _create(self, name: str, mapping: dict[str, Any], *, alias: str | None, kind: str, bulk_load: bool = False) -> None:
        body: dict[str, Any] = {
            "settings": index_settings(self.shards, self.replicas, bulk_load=bulk_load),
            "mappings": mapping,
        }
        if alias:
            body["aliases"] = {alias: {"is_write_index": True}}
        try:
            self._client.indices.create(index=name, **body)
            log.info("created %s index %s on %s", kind, name, self.url)
        except ApiError as exc:
            if exc.meta.status == 400 and "resource_already_exists" in str(exc.body):
                return  # another process created it first: same name, same mapping
            raise describe(exc, self.url) from exc
        except TransportError as exc:
            raise describe(exc, self.url) from exc

    # -- writes ---------------------------------------------------------------------------------

    def index_pages(self, pages: Iterable[PageRecord]) -> int:
        try:
            self._ensure_ready()
        except IndexBackendError as exc:
            raise IndexBackendError(
                f"{exc} — nothing indexed; `lurewatch index rebuild` fills the gap from the WARC files"
            ) from exc
        written = self._write(pages, _Layout(self.pages_alias, self.sightings_alias))
        self._dirty = True
        return written

    def _write(self, pages: Iterable[PageRecord], layout: _Layout) -> int:
        """Index ``pages`` batch by batch. A page refused for its content is named at the end and
        never stops the others; an unavailable cluster stops at once, saying what is missing."""
        written = 0
        done = 0
        rejected: list[str] = []
        iterator = iter(pages)
        while batch := list(islice(iterator, BATCH_PAGES)):
            try:
                written += self._write_batch(batch, layout, rejected)
            except IndexBackendError as exc:
                raise IndexBackendError(
                    f"{exc} — {done} pages indexed, the batch from {batch[0].url} on was not; "
                    "`lurewatch index rebuild` fills the gap from the WARC files"
                ) from exc
            done += len(batch)
        if rejected:
            more = f" (and {len(rejected) - 1} more pages refused)" if len(rejected) > 1 else ""
            raise RejectedPages(rejected[0] + more)
        return written

    def _write_batch(self, batch: list[PageRecord], layout: _Layout, rejected: list[str]) -> int:
        captures: dict[str, list[tuple[PageRecord, int]]] = {}
        sightings: list[dict[str, Any]] = []
        for page in batch:
            try:
                millis = capture_millis(page.url, page.captured_at)
            except IndexBackendError as exc:
                rejected.append(str(exc))
                continue
            captures.setdefault(page.url, []).append((page, millis))
            sightings.extend(sighting_actions(layout.sightings, page, millis))
        # Sightings first: if the page write fails, a retry or a rebuild re-sends them harmlessly.
        self._bulk(sightings, {}, rejected, ignore_conflicts=True)
        written = 0
        pending = captures
        for _ in range(_CAS_ROUNDS):
            actions, counts = self._merge(pending, layout.pages)
            urls = {doc_id(url): url for url in pending}
            conflicts, refused = self._bulk(actions, urls, rejected, ignore_conflicts=False)
            written += sum(n for url, n in counts.items() if url not in conflicts and url not in refused)
            if not conflicts:
                return written
            pending = {url: pending[url] for url in conflicts}
        raise IndexBackendError(
            f"pages kept changing under concurrent writers on {self.url}: {', '.join(sorted(pending)[:3])}"
        )

    def _merge(
        self, captures: dict[str, list[tuple[PageRecord, int]]], index: str
    ) -> tuple[list[dict[str, Any]], dict[str, int]]:
        """Bulk actions that bring each page to its newest capture, with entities of all captures."""
        if not captures:
            return [], {}
        ids = [doc_id(url) for url in captures]
        found = self._call("mget", self._client.mget, index=index, ids=ids).body["docs"]
        actions: list[dict[str, Any]] = []
        counts: dict[str, int] = {}
        for (url, versions), current in zip(captures.items(), found, strict=True):
            newest: PageRecord | None = None
            newest_ms: int | None = None
            seen: set[str] = set()
            if current.get("found"):
                stored = current["_source"]
                newest, newest_ms = page_from_source(stored), capture_millis(url, stored["captured_at"])
                seen = set(stored.get("seen") or ())
            before = (newest_ms, frozenset(seen))
            count = 0
            for page, millis in versions:  # in arrival order, like one write after another
                seen.update(seen_key(e) for e in page.entities)
                if newest_ms is None or millis >= newest_ms:
                    newest, newest_ms, count = page, millis, count + 1
            counts[url] = count
            if count == 0 and before == (newest_ms, frozenset(seen)):
                continue  # only older captures with nothing new: leave the document alone
            assert newest is not None and newest_ms is not None
            action: dict[str, Any] = {
                "_index": index,
                "_id": doc_id(url),
                "_source": page_doc(newest, newest_ms, seen),
            }
            if current.get("found"):
                action.update(_op_type="index", if_seq_no=current["_seq_no"], if_primary_term=current["_primary_term"])
            else:
                action["_op_type"] = "create"
            actions.append(action)
        return actions, counts

    def _bulk(
        self, actions: list[dict[str, Any]], urls: dict[str, str], rejected: list[str], *, ignore_conflicts: bool
    ) -> tuple[set[str], set[str]]:
        """Send ``actions``; returns the URLs whose page write lost a race (409, to retry) and those
        refused, adding a line naming page and field to ``rejected`` for each refusal."""
        conflicts: set[str] = set()
        refused: set[str] = set()
        if not actions:
            return conflicts, refused
        try:
            results = helpers.streaming_bulk(
                self._client,
                actions,
                chunk_size=BATCH_PAGES,
                max_chunk_bytes=CHUNK_BYTES,
                raise_on_error=False,
                max_retries=self.retries,
                initial_backoff=self.backoff,
                max_backoff=30.0,
                retry_on_status=RETRY_STATUS,
                yield_ok=False,
            )
            for _ok, item in results:
                _op, info = next(iter(item.items()))
                status = int(info.get("status", 0))
                if status == 409:
                    if not ignore_conflicts:
                        conflicts.add(urls.get(info.get("_id", ""), ""))
                    continue
                if status in (403, 429) or status >= 500:  # blocked or overloaded, not a bad page
                    raise IndexBackendError(
                        f"Elasticsearch at {self.url} refuses writes ({status}): {error_reason(info.get('error'))}"
                    )
                url = urls.get(info.get("_id", "")) or self._sighting_url(actions, info.get("_id"))
                refused.add(url)
                rejected.append(rejected_page(url, info.get("error"), status))
        except (ApiError, TransportError) as exc:
            raise describe(exc, self.url) from exc
        return conflicts, refused

    @staticmethod
    def _sighting_url(actions: list[dict[str, Any]], _id: str | None) -> str:
        for action in actions:
            if action.get("_id") == _id:
                return str(action["_source"].get("url", _id))
        return str(_id)

    def flush(self) -> None:
        self._ensure_ready()
        self._call(
            "refresh", self._client.indices.refresh, index=f"{self.pages_alias},{self.sightings_alias}"
        )
        self._dirty = False

    # -- rebuild --------------------------------------------------------------------------------

    def rebuild(self, pages: Iterable[PageRecord]) -> int:
        """Fill fresh indices, then move both aliases to them in one atomic alias update."""
        generation = time.strftime("%Y%m%dt%H%M%S", time.gmtime()) + "-" + secrets.token_hex(3)
        fresh = _Layout(
            f"{self.pages_alias}-v{MAPPING_VERSION}-{generation}",
            f"{self.sightings_alias}-v{MAPPING_VERSION}-{generation}",
        )
        self._create(fresh.pages, PAGES_MAPPING, alias=None, kind="pages", bulk_load=True)
        try:
            self._create(fresh.sightings, SIGHTINGS_MAPPING, alias=None, kind="sightings", bulk_load=True)
            count = self._write(pages, fresh)
            live = index_settings(self.shards, self.replicas)
            for name in (fresh.pages, fresh.sightings):
                self._call(
                    "settings",
                    self._client.indices.put_settings,
                    index=name,
                    settings={k: live[k] for k in ("number_of_replicas", "refresh_interval")},
                )
            self._call("refresh", self._client.indices.refresh, index=f"{fresh.pages},{fresh.sightings}")
            old = self._swap_aliases(fresh)
        except BaseException:
            self._drop([fresh.pages, fresh.sightings])
            raise
        self._drop(old)
        self._ready = True
        log.info("rebuilt %s with %d pages into %s", self.pages_alias, count, fresh.pages)
        return count

    def _swap_aliases(self, fresh: _Layout) -> list[str]:
        """Point both aliases at ``fresh`` in one request; returns the indices they pointed at."""
        old: list[str] = []
        actions: list[dict[str, Any]] = []
        for alias, target in ((self.pages_alias, fresh.pages), (self.sightings_alias, fresh.sightings)):
            try:
                current = list(self._client.indices.get_alias(name=alias).body)
            except NotFoundError:
                current = []
            except (ApiError, TransportError) as exc:
                raise describe(exc, self.url) from exc
            if not current and self._exists_as_index(alias):
                raise IndexBackendError(f"{alias} on {self.url} is an index, not a lurewatch alias: delete it first")
            old.extend(current)
            actions.extend({"remove": {"index": name, "alias": alias}} for name in current)
            actions.append({"add": {"index": target, "alias": alias, "is_write_index": True}})
        self._call("aliases", self._client.indices.update_aliases, actions=actions)
        return old

    def _drop(self, names: list[str]) -> None:
        for name in names:
            try:
                self._client.indices.delete(index=name, ignore_unavailable=True)
            except (ApiError, TransportError) as exc:
                log.warning("could not delete old index %s: %s", name, describe(exc, self.url))

    # -- reads ----------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        body = search_body(query)  # validates the query before any network traffic
        self._ensure_ready()
        response = self._call("search", self._client.search, index=self.pages_alias, **body).body
        terms = [t for phrase in query_phrases(query.text or "") for t in phrase]
        hits = [hit_from_source(h["_source"], terms) for h in response["hits"]["hits"]]
        return SearchResult(total=int(response["hits"]["total"]["value"]), hits=hits)

    def entities(self, entity_type: str | None = None) -> list[EntitySummary]:
        """Every (type, value) with its pages and first/last seen, from a composite aggregation."""
        self._ensure_ready()
        grouped: dict[tuple[str, str], EntitySummary] = {}
        for etype, value, url, seen in self._sighting_buckets(entity_type):
            summary = grouped.get((etype, value))
            if summary is None:
                grouped[(etype, value)] = EntitySummary(etype, value, 1, [url], seen, seen)
                continue
            if summary.pages[-1] != url:  # buckets arrive sorted by type, value, url, seen
                summary.pages.append(url)
                summary.count += 1
            summary.first_seen = min(summary.first_seen, seen)
            summary.last_seen = max(summary.last_seen, seen)
        return sorted(grouped.values(), key=lambda s: (-s.count, s.type, s.value))

    def _sighting_buckets(self, entity_type: str | None) -> Iterator[tuple[str, str, str, str]]:
        query: dict[str, Any] = {"term": {"type": entity_type}} if entity_type else {"match_all": {}}
        after: dict[str, Any] | None = None
        while True:
            composite: dict[str, Any] = {
                "size": 5000,
                "sources": [{f: {"terms": {"field": f}}} for f in ("type", "value", "url", "seen")],
            }
            if after:
                composite["after"] = after
            response = self._call(
                "entities",
                self._client.search,
                index=self.sightings_alias,
                size=0,
                query=query,
                aggs={"sightings": {"composite": composite}},
            ).body
            agg = response["aggregations"]["sightings"]
            for bucket in agg["buckets"]:
                key = bucket["key"]
                yield key["type"], key["value"], key["url"], key["seen"]
            after = agg.get("after_key")
            if not agg["buckets"] or not after:
                return

    def close(self) -> None:
        if self._dirty:
            try:
                self.flush()
            except IndexBackendError as exc:  # closing must not mask the crawl's own outcome
                log.warning("could not refresh the index on close: %s", exc)
        self._client.close()
