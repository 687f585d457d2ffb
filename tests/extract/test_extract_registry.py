from __future__ import annotations

import logging
from collections.abc import Iterable

import pytest

from lurewatch.extract import ExtractionInput, default_extractors, extract_entities
from lurewatch.models import Entity


class _Exploding:
    name = "exploding"

    def extract(self, doc: ExtractionInput) -> Iterable[Entity]:
        raise RuntimeError("boom")


class _Fixed:
    name = "fixed"

    def __init__(self, *entities: Entity) -> None:
        self._entities = entities

    def extract(self, doc: ExtractionInput) -> Iterable[Entity]:
        return self._entities


def test_a_raising_extractor_does_not_stop_the_others(caplog: pytest.LogCaptureFixture) -> None:
    doc = ExtractionInput("Telegram: @hr_asia_jobs", url="https://example.test/a")
    extractors = (_Exploding(), *default_extractors(), _Exploding())
    with caplog.at_level(logging.ERROR, logger="lurewatch.extract.registry"):
        found = extract_entities(doc, extractors)
    assert found == [Entity("telegram", "hr_asia_jobs")]
    failures = [r for r in caplog.records if "exploding" in r.getMessage()]
    assert len(failures) == 2
    assert all(r.exc_info for r in failures)
    assert "https://example.test/a" in failures[0].getMessage()


def test_results_are_deduplicated_and_sorted() -> None:
    a, b = Entity("phone", "+85512345678"), Entity("email", "a@b.co")
    found = extract_entities(ExtractionInput(""), (_Fixed(a, b, a), _Fixed(b)))
    assert found == [b, a]


def test_default_extractors_cover_every_type() -> None:
    doc = ExtractionInput(
        "WhatsApp +855 12 345 678, hr@example.com, Telegram @hr_asia_jobs, 微信：abc_hr888, "
        "Line ID: thaijob99, 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa, "
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, TLeUZDGLWnyiJVFcp3m3M1782uBsGWa8uf"
    )
    types = {e.type for e in extract_entities(doc)}
    assert types == {"phone", "whatsapp", "email", "telegram", "wechat", "line", "btc_address",
                     "eth_address", "tron_address"}
    assert len({x.name for x in default_extractors()}) == len(default_extractors())


def test_empty_and_odd_input_never_raises() -> None:
    for text in ("", "@", "+", "0x", "t.me/", "微信：", "\x00\ufffd" * 10, "1" * 5000, "@" * 3000):
        extract_entities(ExtractionInput(text, links=("tel:", "mailto:", "https://wa.me/")))
