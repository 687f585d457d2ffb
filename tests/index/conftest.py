"""Backends for the shared index suite: embedded SQLite, and Elasticsearch on the real local node.

``make test`` starts the node (scripts/elasticsearch.sh) and exports ``LUREWATCH_TEST_ES_URL``.
Without it the Elasticsearch cases are skipped on a developer machine and fail in CI (``CI`` set),
so CI can never go green without having run them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lurewatch.index.base import IndexBackend

ES_URL_ENV = "LUREWATCH_TEST_ES_URL"

BackendFactory = Callable[[], IndexBackend]


def es_url() -> str:
    """The test node's URL, or skip/fail with the reason (never a silent skip in CI)."""
    url = os.environ.get(ES_URL_ENV, "")
    if url:
        return url
    reason = f"{ES_URL_ENV} is not set: run `make elasticsearch` and export {ES_URL_ENV}=http://127.0.0.1:9200"
    if os.environ.get("CI"):
        pytest.fail(f"Elasticsearch tests must run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def _reachable_client(url: str):  # type: ignore[no-untyped-def]
    from elasticsearch import Elasticsearch

    client = Elasticsearch(url, request_timeout=10)
    try:
        client.cluster.health(wait_for_status="yellow", timeout="30s")
    except Exception as exc:  # any failure here means the node is not usable: say why, loudly
        client.close()
        pytest.fail(f"the Elasticsearch test node at {url} is not usable: {exc}", pytrace=False)
    return client


@pytest.fixture
def es_prefix(request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """(url, a unique index prefix) for one test; its indices are deleted afterwards."""
    url = es_url()
    client = _reachable_client(url)
    prefix = f"lwtest-{uuid.uuid4().hex[:10]}"
    try:
        yield url, prefix
    finally:
        names = list(client.indices.get(index=f"{prefix}-*", expand_wildcards="all").body)
        for name in names:
            client.indices.delete(index=name, ignore_unavailable=True)
        client.close()


@pytest.fixture(params=["sqlite", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def backend_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[BackendFactory]:
    """Opens backends on the same store: call it twice for a second reader/writer."""
    opened: list[IndexBackend] = []
    if request.param == "sqlite":
        from lurewatch.index.sqlite import SqliteIndex

        def make() -> IndexBackend:
            backend = SqliteIndex(tmp_path / "index.sqlite")
            opened.append(backend)
            return backend

    else:
        from lurewatch.index.elasticsearch import ElasticsearchIndex

        url, prefix = request.getfixturevalue("es_prefix")

        def make() -> IndexBackend:
            backend = ElasticsearchIndex(url, prefix=prefix, replicas=0)
            opened.append(backend)
            return backend

    yield make
    for backend in opened:
        backend.close()


@pytest.fixture
def backend(backend_factory: BackendFactory) -> IndexBackend:
    return backend_factory()
