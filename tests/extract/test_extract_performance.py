"""A page of realistic length with contacts repeated throughout: everything is found once, in its
normal form (speed itself is measured in bench/, never asserted in tests)."""

from __future__ import annotations

from lurewatch.extract import ExtractionInput, extract_entities
from lurewatch.models import Entity

_PARAGRAPH = (
    "URGENT HIRING in Phnom Penh! Customer service at our office, salary $1,500-3,000, age 18-35. "
    "Posted 2026-11-23 10:30, Job ID 884512. Contact WhatsApp +855 96 123 4567, Telegram @pp_jobs_hr, "
    "email hr.team[at]asia-careers[dot]com. 高薪诚聘，联系飞机：@xg_hr2026，微信：xiaoming_hr88。"
    "สนใจติดต่อ ไลน์: @poipet_job โทร 081-234-5678. Deposit 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n"
)


def test_a_20kb_page_yields_each_entity_once() -> None:
    page = (_PARAGRAPH * (20_000 // len(_PARAGRAPH) + 1))[:20_000]
    found = extract_entities(ExtractionInput(page))
    assert len(found) == len(set(found))
    assert Entity("telegram", "pp_jobs_hr") in found
    assert Entity("whatsapp", "+855961234567") in found
    assert Entity("eth_address", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed") in found
    assert Entity("email", "hr.team@asia-careers.com") in found
