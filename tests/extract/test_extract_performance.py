"""A guard against accidental slow paths (a regex that rescans the page per character, a heavy
object built per call). The bound is loose on purpose: CI machines are slow and shared."""

from __future__ import annotations

import time

from lurewatch.extract import ExtractionInput, extract_entities

_PARAGRAPH = (
    "URGENT HIRING in Phnom Penh! Customer service at our office, salary $1,500-3,000, age 18-35. "
    "Posted 2026-11-23 10:30, Job ID 884512. Contact WhatsApp +855 96 123 4567, Telegram @pp_jobs_hr, "
    "email hr.team[at]asia-careers[dot]com. 高薪诚聘，联系飞机：@xg_hr2026，微信：xiaoming_hr88。"
    "สนใจติดต่อ ไลน์: @poipet_job โทร 081-234-5678. Deposit 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n"
)


def test_a_20kb_page_is_extracted_in_milliseconds() -> None:
    page = (_PARAGRAPH * (20_000 // len(_PARAGRAPH) + 1))[:20_000]
    extract_entities(ExtractionInput(page))  # lazy one-time set-up (public suffix list)
    rounds = 20
    started = time.process_time()
    for i in range(rounds):
        found = extract_entities(ExtractionInput(f"{page} {i}"))
    per_page = (time.process_time() - started) / rounds
    assert len(found) >= 8
    assert per_page < 0.05, f"{per_page * 1000:.1f} ms CPU per 20 KB page"
