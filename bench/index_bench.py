"""Index benchmark: the same generated corpus into the SQLite and the Elasticsearch backend.

    .venv/bin/python bench/index_bench.py [--pages 100000] [--es-url http://127.0.0.1:9200]

Prints indexing throughput (docs/s, flush included) and p50/p95 search latency for term, phrase and
entity-filter queries, side by side. The corpus is deterministic (fixed seed), multilingual, with
entities shared across pages the way recruiters reuse handles. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import logging
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from rich.console import Console
from rich.table import Table

from lurewatch.index.base import IndexBackend, SearchQuery
from lurewatch.index.elasticsearch import ElasticsearchIndex
from lurewatch.index.sqlite import SqliteIndex
from lurewatch.models import Entity, EvidenceRef, PageRecord, RiskAssessment

log = logging.getLogger("index_bench")

SEED = 20261123
BATCH = 1000

# Sentences per language; pages draw a few, so every word and phrase occurs on many pages.
SENTENCES = {
    "en": [
        "High salary customer service job in Sihanoukville",
        "Visa provided and free flight for typing staff",
        "No experience needed, food and accommodation included",
        "Contact our HR manager today for an interview",
        "Work from a modern office with a friendly team",
        "Bonus paid every month for good performance",
    ],
    "zh": ["高薪招聘客服人员", "包吃包住机票报销", "柬埔寨西港工作", "无需经验欢迎咨询", "每月奖金丰厚"],
    "th": ["รับสมัครพนักงานด่วน", "เงินเดือนสูงมาก", "ทำงานที่กัมพูชา", "มีที่พักและอาหารฟรี"],
    "vi": [
        "Tuyển dụng nhân viên chăm sóc khách hàng",
        "Lương cao bao ăn ở",
        "Hỗ trợ vé máy bay miễn phí",
        "Không cần kinh nghiệm",
    ],
    "id": ["Lowongan kerja di Kamboja", "Gaji tinggi tiket pesawat gratis", "Tanpa pengalaman kerja", "Hubungi kami segera"],
}
TERMS = ["salary", "visa", "招聘", "เงินเดือน", "luong", "lowongan", "interview", "包住", "pesawat", "bonus"]
PHRASES = ['"free flight"', '"customer service"', '"chăm sóc khách hàng"', '"gaji tinggi"', '"高薪招聘"', '"no experience needed"']
SITES = [f"site{n}.example" for n in range(40)]
ENTITY_TYPES = ["telegram", "phone", "email", "wechat", "line"]


@dataclass
class Figures:
    docs_per_second: float
    latency_ms: dict[str, tuple[float, float]]  # kind -> (p50, p95)


def entity_pool(rng: random.Random, size: int) -> list[Entity]:
    pool: list[Entity] = []
    for n in range(size):
        kind = ENTITY_TYPES[n % len(ENTITY_TYPES)]
        value = {
            "telegram": f"hr_asia_{n}",
            "phone": f"+8551{n:07d}",
            "email": f"jobs{n}@recruit.example",
            "wechat": f"kefu_{n}",
            "line": f"agent{n}",
        }[kind]
        pool.append(Entity(kind, value))
    rng.shuffle(pool)
    return pool


def generate(count: int) -> Iterator[PageRecord]:
    rng = random.Random(SEED)
    pool = entity_pool(rng, 5000)
    langs = list(SENTENCES)
    for n in range(count):
        lang = langs[n % len(langs)]
        sentences = rng.sample(SENTENCES[lang], k=min(3, len(SENTENCES[lang])))
        # Reused contacts: a few handles appear on many pages (a Pareto-ish draw).
        entities = sorted({pool[min(int(rng.paretovariate(1.2)) - 1, len(pool) - 1)] for _ in range(rng.randint(0, 3))})
        day, minute = 1 + n % 28, n % 1440
        yield PageRecord(
            url=f"https://{SITES[n % len(SITES)]}/ad/{n}",
            site=SITES[n % len(SITES)],
            captured_at=f"2026-11-{day:02d}T{minute // 60:02d}:{minute % 60:02d}:00Z",
            status=200,
            title=sentences[0],
            text=" ".join(sentences) + " " + " ".join(e.value for e in entities),
            lang=lang,
            kind="job_ad",
            entities=list(entities),
            risk=RiskAssessment(round(rng.random(), 2), ("generated",)),
            evidence=EvidenceRef(f"bench-{n // 10000:05d}.warc.gz", n * 2048, 2000, f"<urn:uuid:{n:032x}>", f"{n:064x}"),
        )


def index_all(backend: IndexBackend, count: int) -> float:
    pages = generate(count)
    started = time.perf_counter()
    while batch := list(islice(pages, BATCH)):
        backend.index_pages(batch)
    backend.flush()
    return count / (time.perf_counter() - started)


def latencies(run: Callable[[SearchQuery], object], queries: list[SearchQuery]) -> tuple[float, float]:
    for query in queries[:10]:  # warm caches: we measure steady state, not first touch
        run(query)
    samples = []
    for query in queries:
        started = time.perf_counter()
        run(query)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def query_sets(rounds: int) -> dict[str, list[SearchQuery]]:
    rng = random.Random(SEED + 1)
    pool = entity_pool(random.Random(SEED), 5000)
    hot = pool[:50]
    return {
        "term": [SearchQuery(text=rng.choice(TERMS)) for _ in range(rounds)],
        "phrase": [SearchQuery(text=rng.choice(PHRASES)) for _ in range(rounds)],
        "entity filter": [
            SearchQuery(entity_type=e.type, entity_value=e.value) for e in (rng.choice(hot) for _ in range(rounds))
        ],
    }


def measure(backend: IndexBackend, count: int, rounds: int) -> Figures:
    rate = index_all(backend, count)
    log.info("indexed %d pages into %s at %.0f docs/s", count, type(backend).__name__, rate)
    return Figures(rate, {kind: latencies(backend.search, qs) for kind, qs in query_sets(rounds).items()})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200, help="queries per kind")
    parser.add_argument("--es-url", default="http://127.0.0.1:9200")
    parser.add_argument("--es-prefix", default="lwbench")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)

    results: dict[str, Figures] = {}
    with tempfile.TemporaryDirectory(prefix="lurewatch-bench-") as tmp:
        sqlite = SqliteIndex(Path(tmp) / "index.sqlite")
        results["sqlite (FTS5)"] = measure(sqlite, args.pages, args.queries)
        sqlite.close()
    es = ElasticsearchIndex(args.es_url, prefix=args.es_prefix, replicas=0)
    # Start from empty indices so both backends index the same corpus from nothing.
    results["elasticsearch"] = measure(_fresh(es), args.pages, args.queries)
    es.close()

    table = Table(title=f"lurewatch index benchmark: {args.pages:,} pages, {args.queries} queries per kind")
    table.add_column("metric")
    for name in results:
        table.add_column(name, justify="right")
    table.add_row("index docs/s", *(f"{f.docs_per_second:,.0f}" for f in results.values()))
    for kind in ("term", "phrase", "entity filter"):
        for label, pick in (("p50", 0), ("p95", 1)):
            table.add_row(f"{kind} {label} ms", *(f"{f.latency_ms[kind][pick]:.1f}" for f in results.values()))
    Console().print(table)


def _fresh(es: ElasticsearchIndex) -> ElasticsearchIndex:
    es.rebuild([])  # new empty indices behind the aliases; the previous run's are dropped
    return es


if __name__ == "__main__":
    main()
