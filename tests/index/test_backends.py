"""One suite for every index backend: the same corpus, the same queries, the same answers.

Each case runs against the embedded SQLite index and against Elasticsearch on the real local node
(see conftest.py). Expected URL sets are written out, so passing on both backends means both give
the same result set and total; ``test_backends_agree`` also compares them with each other directly.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from lurewatch.index import open_index
from lurewatch.index.base import IndexBackend, IndexBackendError, SearchQuery
from lurewatch.models import Entity, PageRecord

from .conftest import BackendFactory
from .corpus import ALL, CORPUS, EMAIL, EN, EN2, ETH, FORUM, ID, PHONE, TG, TH, VI, WA, WECHAT, ZH, ZH_SPLIT, page


@pytest.fixture
def loaded(backend: IndexBackend) -> IndexBackend:
    assert backend.index_pages(CORPUS) == len(CORPUS)
    backend.flush()
    return backend


def urls(backend: IndexBackend, **query: object) -> set[str]:
    """The full result set: asks for every hit and checks it against the reported total."""
    result = backend.search(SearchQuery(limit=1000, **query))  # type: ignore[arg-type]
    found = {hit.url for hit in result.hits}
    assert result.total == len(found) == len(result.hits)
    return found


TEXT_CASES = {
    # English: AND of terms, case-insensitive, phrases
    "salary": {EN, EN2},
    "SALARY Visa": {EN},
    '"high salary"': {EN},
    '"salary high"': {EN2},
    "sihanoukville": {EN, FORUM},
    "passport sihanoukville": {FORUM},
    "casino": set(),
    # punctuation inside a term is a phrase of its parts
    "hr_asia_jobs": {EN, TH, FORUM},
    "jobs@recruit.example": {EN2, ID},
    # Chinese: a two-character word matches as a run, not as scattered characters
    "招聘": {ZH},
    "招工": {ZH_SPLIT},
    "柬埔寨": {ZH},
    "高薪 包吃包住": {ZH},
    # Thai: substrings of unspaced text
    "สมัคร": {TH},
    "เงินเดือน": {TH},
    # Vietnamese, with and without diacritics
    "tuyển dụng": {VI},
    "tuyen dung": {VI},
    "lương": {VI},
    "luong": {VI},
    '"chăm sóc khách hàng"': {VI},
    '"cham soc khach hang"': {VI},
    # Indonesian
    "lowongan kerja": {ID},
    '"gaji tinggi"': {ID},
    "pesawat": {ID},
    # user syntax is just text: no operators, no field names, no breakage
    "salary OR visa": {EN},  # "or" is a word of page 1
    "-salary": {EN, EN2},
    "title:salary": set(),
    '"unbalanced salary': set(),
    "salary AND (visa": set(),
}


@pytest.mark.parametrize("text", list(TEXT_CASES))
def test_text_queries(loaded: IndexBackend, text: str) -> None:
    assert urls(loaded, text=text) == TEXT_CASES[text]


def test_query_without_searchable_words_is_an_error(loaded: IndexBackend) -> None:
    with pytest.raises(IndexBackendError, match="no searchable words"):
        loaded.search(SearchQuery(text="* ?? ::"))


FILTER_CASES: list[tuple[dict[str, object], set[str]]] = [
    ({}, ALL),
    ({"site": "forum.example"}, {ZH, ZH_SPLIT, FORUM}),
    ({"site": "FORUM.example"}, {ZH, ZH_SPLIT, FORUM}),
    ({"site": "nowhere.example"}, set()),
    ({"since": "2026-11-21"}, {ZH, TH, FORUM}),
    ({"since": "2026-11-21T08:00:00Z"}, {ZH, TH, FORUM}),
    ({"since": "2026-11-21T08:00:01Z"}, {TH, FORUM}),
    ({"since": "2026-11-21T10:00:00+02:00"}, {ZH, TH, FORUM}),
    ({"min_risk": 0.8}, {EN, ZH, TH}),
    ({"min_risk": 0.0}, ALL),
    ({"min_risk": 0.95}, set()),
    ({"entity_type": "telegram"}, {EN, TH, FORUM}),
    ({"entity_value": PHONE.value}, {EN, VI}),
    ({"entity_type": "whatsapp", "entity_value": WA.value}, {EN}),
    ({"entity_type": "phone", "entity_value": PHONE.value}, {EN, VI}),
    ({"entity_type": "eth_address"}, {ID, FORUM}),
    ({"entity_type": "email", "entity_value": EMAIL.value}, {EN2, ID}),
    ({"entity_type": "line"}, set()),
    ({"entity_type": "wechat", "entity_value": "not-there"}, set()),
    ({"site": "forum.example", "entity_type": "telegram"}, {FORUM}),
    ({"since": "2026-11-20", "min_risk": 0.5}, {EN, ZH, TH}),
    ({"site": "jobs.example", "since": "2026-11-19", "min_risk": 0.9, "entity_type": "telegram"}, {EN}),
    ({"text": "sihanoukville", "entity_type": "eth_address"}, {FORUM}),
    ({"text": "hr_asia_jobs", "min_risk": 0.5}, {EN, TH}),
    ({"text": "salary", "site": "jobs.example", "since": "2026-11-19", "min_risk": 0.9, "entity_value": TG.value}, {EN}),
    ({"text": "招聘", "site": "forum.example", "entity_type": "wechat"}, {ZH}),
    ({"text": "luong", "entity_type": "phone", "since": "2026-11-18"}, set()),
]


@pytest.mark.parametrize(("query", "expected"), FILTER_CASES, ids=[str(q) for q, _ in FILTER_CASES])
def test_filters_alone_and_combined(loaded: IndexBackend, query: dict[str, object], expected: set[str]) -> None:
    assert urls(loaded, **query) == expected


def test_bad_since_is_an_error(loaded: IndexBackend) -> None:
    with pytest.raises(IndexBackendError, match="since"):
        loaded.search(SearchQuery(since="last tuesday"))


def test_order_and_pages_without_text(loaded: IndexBackend) -> None:
    newest_first = [FORUM, TH, ZH, EN, ZH_SPLIT, EN2, VI, ID]
    assert [h.url for h in loaded.search(SearchQuery(limit=20)).hits] == newest_first
    page2 = loaded.search(SearchQuery(limit=3, offset=2))
    assert page2.total == len(CORPUS)
    assert [h.url for h in page2.hits] == newest_first[2:5]
    assert loaded.search(SearchQuery(limit=3, offset=100)).hits == []


def test_hit_shape(loaded: IndexBackend) -> None:
    result = loaded.search(SearchQuery(text="visa"))
    assert result.total == 1
    hit = result.hits[0].to_dict()
    source = next(p for p in CORPUS if p.url == EN)
    assert hit["url"] == EN and hit["title"] == source.title and hit["captured_at"] == source.captured_at
    assert hit["site"] == "jobs.example" and hit["lang"] == "en" and hit["kind"] == "job_ad"
    assert hit["risk"] == {"score": 0.91, "reasons": ["reason 1"]}
    assert hit["entities"] == [e.to_dict() for e in source.entities]
    assert hit["evidence"] == source.evidence.to_dict()  # type: ignore[union-attr]
    assert "visa" in hit["snippet"]


def test_entities_pivot(loaded: IndexBackend) -> None:
    got = [e.to_dict() for e in loaded.entities()]
    assert got == [
        {"type": "telegram", "value": TG.value, "count": 3, "pages": sorted([EN, TH, FORUM]),
         "first_seen": "2026-11-20T10:00:00Z", "last_seen": "2026-11-23T06:00:00Z"},
        {"type": "email", "value": EMAIL.value, "count": 2, "pages": sorted([EN2, ID]),
         "first_seen": "2026-11-16T11:00:00Z", "last_seen": "2026-11-18T09:30:00Z"},
        {"type": "eth_address", "value": ETH.value, "count": 2, "pages": sorted([ID, FORUM]),
         "first_seen": "2026-11-16T11:00:00Z", "last_seen": "2026-11-23T06:00:00Z"},
        {"type": "phone", "value": PHONE.value, "count": 2, "pages": sorted([EN, VI]),
         "first_seen": "2026-11-17T15:45:00Z", "last_seen": "2026-11-20T10:00:00Z"},
        {"type": "wechat", "value": WECHAT.value, "count": 1, "pages": [ZH],
         "first_seen": "2026-11-21T08:00:00Z", "last_seen": "2026-11-21T08:00:00Z"},
        {"type": "whatsapp", "value": WA.value, "count": 1, "pages": [EN],
         "first_seen": "2026-11-20T10:00:00Z", "last_seen": "2026-11-20T10:00:00Z"},
    ]
    assert [(e.type, e.count) for e in loaded.entities("phone")] == [("phone", 2)]
    assert loaded.entities("line") == []


def _capture(captured_at: str, title: str, entities: list[Entity], n: int = 50) -> PageRecord:
    return page(n, "https://ads.example/x", "ads.example", captured_at, title, f"{title} body", "en", entities, 0.5)


LINE = Entity("line", "recruiter01")


def test_newest_capture_wins_and_sightings_accumulate(backend: IndexBackend) -> None:
    assert backend.index_pages([_capture("2026-11-20T10:00:00Z", "middle capture", [TG])]) == 1
    assert backend.index_pages([_capture("2026-11-18T10:00:00Z", "oldest capture", [LINE])]) == 0
    backend.flush()
    assert urls(backend, text="middle") == {"https://ads.example/x"}
    assert urls(backend, text="oldest") == set()  # an older capture never overwrites a newer one
    assert urls(backend, entity_type="line") == {"https://ads.example/x"}  # ...but its entities count

    assert backend.index_pages([_capture("2026-11-22T10:00:00Z", "newest capture", [])]) == 1
    backend.flush()
    result = backend.search(SearchQuery(text="newest"))
    assert result.total == 1 and result.hits[0].captured_at == "2026-11-22T10:00:00Z"
    assert result.hits[0].entities == []  # the hit shows the newest capture as it is
    assert urls(backend, text="middle") == set()
    assert urls(backend, entity_value=TG.value) == {"https://ads.example/x"}  # edited out, still found
    assert urls(backend, since="2026-11-21") == {"https://ads.example/x"}
    summaries = {(e.type, e.value): e.to_dict() for e in backend.entities()}
    assert summaries[("telegram", TG.value)]["first_seen"] == "2026-11-20T10:00:00Z"
    assert summaries[("line", LINE.value)]["last_seen"] == "2026-11-18T10:00:00Z"

    # The same entity seen again earlier and later widens its first/last seen.
    backend.index_pages([_capture("2026-11-15T10:00:00Z", "early", [TG]), _capture("2026-11-25T10:00:00Z", "late", [TG])])
    backend.flush()
    telegram = next(e for e in backend.entities("telegram"))
    assert (telegram.count, telegram.first_seen, telegram.last_seen) == (1, "2026-11-15T10:00:00Z", "2026-11-25T10:00:00Z")
    assert urls(backend, text="late") == {"https://ads.example/x"}


def test_captures_in_one_batch_apply_in_order(backend: IndexBackend) -> None:
    older, newer = _capture("2026-11-01T00:00:00Z", "older", [LINE]), _capture("2026-11-02T00:00:00Z", "newer", [TG])
    assert backend.index_pages([newer, older]) == 1
    backend.flush()
    assert urls(backend, text="newer") == {"https://ads.example/x"}
    assert urls(backend, entity_type="line") == {"https://ads.example/x"}


def test_reindexing_is_idempotent(loaded: IndexBackend) -> None:
    before = [e.to_dict() for e in loaded.entities()]
    assert loaded.index_pages(CORPUS) == len(CORPUS)  # same captures again: rewritten, not added
    assert loaded.index_pages(reversed(CORPUS)) == len(CORPUS)
    loaded.flush()
    assert urls(loaded) == ALL
    assert urls(loaded, text="salary") == {EN, EN2}
    assert [e.to_dict() for e in loaded.entities()] == before


def test_rebuild_is_atomic(backend_factory: BackendFactory) -> None:
    live = backend_factory()
    live.index_pages(CORPUS)
    live.flush()
    reader = backend_factory()
    seen_during: list[set[str]] = []

    def replay() -> Iterator[PageRecord]:
        for n, record in enumerate(CORPUS[:3]):
            if n == 2:  # half-way through the rebuild, both handles still see the old index whole
                seen_during.append(urls(live))
                seen_during.append(urls(reader))
                seen_during.append(urls(reader, text="salary"))
            yield record

    assert live.rebuild(replay()) == 3
    assert seen_during == [ALL, ALL, {EN, EN2}]
    assert urls(live) == {p.url for p in CORPUS[:3]}
    assert urls(live, entity_type="email") == {EN2}
    assert [(e.type, e.count) for e in live.entities("email")] == [("email", 1)]
    # A rebuilt index takes new writes like any other.
    live.index_pages(CORPUS[3:])
    live.flush()
    assert urls(live) == ALL


def test_malformed_document_names_field_and_page(backend: IndexBackend) -> None:
    bad = _capture("not a date", "broken", [])
    with pytest.raises(IndexBackendError) as caught:
        backend.index_pages([CORPUS[0], bad])
    message = str(caught.value)
    assert "captured_at" in message and bad.url in message and "\n" not in message
    backend.flush()
    assert urls(backend) == {CORPUS[0].url}  # one bad page does not cost the others


# -- Elasticsearch only ---------------------------------------------------------------------------


def _es(url: str, prefix: str, **options: object) -> IndexBackend:
    from lurewatch.index.elasticsearch import ElasticsearchIndex

    return ElasticsearchIndex(url, prefix=prefix, replicas=0, **options)  # type: ignore[arg-type]


@pytest.mark.elasticsearch
def test_backends_agree(es_prefix: tuple[str, str], tmp_path: Path) -> None:
    from lurewatch.index.sqlite import SqliteIndex

    url, prefix = es_prefix
    backends = [SqliteIndex(tmp_path / "index.sqlite"), _es(url, prefix)]
    for b in backends:
        b.index_pages(CORPUS)
        b.flush()
    queries = [SearchQuery(text=t, limit=1000) for t in TEXT_CASES]
    queries += [SearchQuery(limit=1000, **q) for q, _ in FILTER_CASES]  # type: ignore[arg-type]
    for query in queries:
        sqlite_result, es_result = (b.search(query) for b in backends)
        assert sqlite_result.total == es_result.total, query
        assert {h.url for h in sqlite_result.hits} == {h.url for h in es_result.hits}, query
        if not query.text:  # without text the order is defined: newest first, then URL
            assert [h.to_dict() for h in sqlite_result.hits] == [h.to_dict() for h in es_result.hits], query
    assert [e.to_dict() for e in backends[0].entities()] == [e.to_dict() for e in backends[1].entities()]
    for b in backends:
        b.close()


@pytest.mark.elasticsearch
def test_mapping_rejection_names_field_and_page(es_prefix: tuple[str, str]) -> None:
    backend = _es(*es_prefix)
    bad = _capture("2026-11-20T10:00:00Z", "bad status", [])
    bad.status = "two hundred"  # type: ignore[assignment]
    good = page(60, "https://ads.example/good", "ads.example", "2026-11-20T10:00:00Z", "good", "fine", "en", [], 0.1)
    with pytest.raises(IndexBackendError) as caught:
        backend.index_pages([good, bad])
    message = str(caught.value)
    assert "'status'" in message and bad.url in message and "\n" not in message
    backend.flush()
    assert urls(backend) == {good.url}  # the good page of the batch is not lost with the bad one


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_elasticsearch_down_is_a_clear_error() -> None:
    backend = _es(f"http://127.0.0.1:{_closed_port()}", "lwdown", retries=1, backoff=0.01, timeout=2)
    with pytest.raises(IndexBackendError, match="unreachable") as caught:
        backend.index_pages(CORPUS)
    assert "rebuild" in str(caught.value)  # says how the gap gets filled
    with pytest.raises(IndexBackendError, match=r"127\.0\.0\.1"):
        backend.search(SearchQuery(text="salary"))
    backend.close()


@pytest.mark.elasticsearch
def test_alias_taken_by_a_foreign_index(es_prefix: tuple[str, str]) -> None:
    url, prefix = es_prefix
    from elasticsearch import Elasticsearch

    with Elasticsearch(url) as client:
        client.indices.create(index=f"{prefix}-pages")
    with pytest.raises(IndexBackendError, match="not a lurewatch alias"):
        _es(url, prefix).search(SearchQuery())


@pytest.mark.elasticsearch
def test_old_mapping_version_asks_for_rebuild(es_prefix: tuple[str, str]) -> None:
    url, prefix = es_prefix
    from elasticsearch import Elasticsearch

    with Elasticsearch(url) as client:
        for kind in ("pages", "sightings"):
            client.indices.create(
                index=f"{prefix}-{kind}-v0-old",
                mappings={"_meta": {"mapping_version": 0}},
                aliases={f"{prefix}-{kind}": {}},
            )
    backend = _es(url, prefix)
    with pytest.raises(IndexBackendError, match="index rebuild"):
        backend.search(SearchQuery())
    assert backend.rebuild(CORPUS) == len(CORPUS)
    assert urls(backend) == ALL


@pytest.mark.elasticsearch
def test_open_index_reads_the_environment(es_prefix: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url, prefix = es_prefix
    monkeypatch.setenv("LUREWATCH_ES_INDEX", prefix)
    monkeypatch.setenv("LUREWATCH_ES_REPLICAS", "0")
    backend = open_index(url, tmp_path)
    backend.index_pages(CORPUS[:2])
    backend.close()  # closing makes a finished crawl searchable at once
    again = open_index(url, tmp_path)
    assert urls(again) == {EN, EN2}
    again.close()


@pytest.mark.elasticsearch
def test_cluster_refusing_writes_is_reported(es_prefix: tuple[str, str]) -> None:
    url, prefix = es_prefix
    backend = _es(url, prefix, retries=1, backoff=0.01)
    backend.index_pages(CORPUS[:1])
    from elasticsearch import Elasticsearch

    with Elasticsearch(url) as client:
        client.indices.put_settings(index=f"{prefix}-pages,{prefix}-sightings", settings={"index.blocks.write": True})
        try:
            with pytest.raises(IndexBackendError, match="refuses writes") as caught:
                backend.index_pages(CORPUS[1:])
            assert "rebuild" in str(caught.value) and CORPUS[1].url in str(caught.value)
        finally:
            client.indices.put_settings(index=f"{prefix}-pages,{prefix}-sightings", settings={"index.blocks.write": False})
    assert backend.index_pages(CORPUS[1:]) == len(CORPUS) - 1  # once writes are accepted again
    backend.flush()
    assert urls(backend) == ALL
