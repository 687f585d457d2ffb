"""The combined score: legitimate ads stay low, typical lures saturate, bugs stay contained."""

from __future__ import annotations

import logging
import math

import pytest

from lurewatch.models import Entity, PageRecord, RiskAssessment
from lurewatch.risk import INDICATORS, WEIGHTS, Finding, RiskInput, assess, combine, evaluate

LEGIT_AD = RiskInput(
    title="Customer Service Officer (Thai/English) - Siam Logistics Co., Ltd.",
    text=(
        "Siam Logistics Co., Ltd. is hiring a Customer Service Officer for our Bangkok office, "
        "89 Rama IV Road, Pathum Wan, Bangkok 10330.\n"
        "Requirements: bachelor's degree, at least 2 years of experience in customer service, "
        "good English.\nSalary THB 22,000 - 28,000 per month plus social security and "
        "annual bonus.\nSelection: online test, then two interviews at our office.\n"
        "Apply with your CV to careers@siamlogistics.co.th or call 02-123-4567. "
        "Applications close 30 June."
    ),
    lang="en",
    kind="job_ad",
    entities=[Entity("email", "careers@siamlogistics.co.th"), Entity("phone", "+6621234567")],
    has_company_contact=True,
)

SCAM_AD = RiskInput(
    title="URGENT HIRING: Customer Service - work in Cambodia",
    text=(
        "Online company in Sihanoukville is hiring customer service staff.\n"
        "Salary USD 3,000/month + commission. No experience needed, we train you.\n"
        "Free flight ticket and free accommodation provided.\n"
        "Limited places! Contact HR on Telegram @hr_asia_jobs"
    ),
    lang="en",
    kind="job_ad",
    entities=[Entity("telegram", "hr_asia_jobs")],
)


def test_legitimate_ad_scores_low_with_no_reasons() -> None:
    result = assess(LEGIT_AD)
    assert result.score < 0.3
    assert result == RiskAssessment(0.0, ())


def test_typical_scam_ad_scores_high_with_expected_codes() -> None:
    result = assess(SCAM_AD)
    assert result.score > 0.8
    codes = {f.code for f in evaluate(SCAM_AD)}
    assert {
        "messenger_only",
        "no_experience",
        "high_salary",
        "free_travel",
        "compound_location",
        "urgency",
    } <= codes


def test_scam_ad_in_chinese_scores_high() -> None:
    inp = RiskInput(
        title="急招客服 月薪2万起",
        text="西港公司急招客服，无需经验，包机票包吃住，月薪2万-3万，USDT结算。联系飞机 @hr_xg88",
        kind="job_ad",
        entities=[Entity("telegram", "hr_xg88")],
    )
    assert assess(inp).score > 0.8


def test_scam_ad_in_vietnamese_scores_high() -> None:
    inp = RiskInput(
        title="Tuyển gấp nhân viên CSKH làm việc tại Campuchia",
        text=(
            "Việc nhẹ lương cao 30-40 triệu, không cần kinh nghiệm, bao vé máy bay, bao ăn ở. "
            "Độ tuổi 18-30. Chỉ cần có hộ chiếu. Liên hệ Zalo/Telegram."
        ),
        kind="job_ad",
        entities=[Entity("telegram", "tuyendung_cam")],
    )
    result = assess(inp)
    assert result.score > 0.9
    assert {f.code for f in evaluate(inp)} >= {"passport_collected", "easy_high_pay", "high_salary"}


def test_forum_thread_naming_a_handle() -> None:
    inp = RiskInput(
        title="Warning about @hr_asia_jobs",
        text="My brother answered this Telegram ad, was trafficked to KK Park and held captive.",
        kind="forum_thread",
        entities=[Entity("telegram", "hr_asia_jobs")],
    )
    codes = [f.code for f in evaluate(inp)]
    assert codes[0] == "forum_warning_contact"
    assert "messenger_only" not in codes
    assert assess(inp).score >= 0.7


def test_reasons_are_human_sentences_ordered_by_weight() -> None:
    findings = evaluate(SCAM_AD)
    assert [f.weight for f in findings] == sorted((f.weight for f in findings), reverse=True)
    result = assess(SCAM_AD)
    assert result.reasons == tuple(f.reason for f in findings)
    assert "Salary far above local norms for low-skill work (USD 3,000/month)" in result.reasons
    assert "Contact only via Telegram, no company e-mail or phone" in result.reasons
    for reason in result.reasons:
        assert reason[0].isupper() and "\n" not in reason and len(reason) < 160
        assert not any(code in reason for code in WEIGHTS)  # codes are for machines


def test_score_is_saturating_product() -> None:
    findings = evaluate(SCAM_AD)
    assert math.isclose(assess(SCAM_AD).score, 1 - math.prod(1 - f.weight for f in findings))
    assert combine([]) == 0.0
    assert combine([0.5, 0.5]) == pytest.approx(0.75)
    assert 0.0 <= combine([1.0, 0.9, 2.0, -1.0]) <= 1.0


def _broken(inp: RiskInput) -> Finding | None:
    raise RuntimeError("boom")


def test_raising_indicator_is_logged_and_skipped(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="lurewatch.risk.score"):
        result = assess(SCAM_AD, indicators=(_broken, *INDICATORS))
    assert result == assess(SCAM_AD)
    assert any("_broken" in r.getMessage() and r.exc_info for r in caplog.records)


def test_every_weight_is_used_and_in_range() -> None:
    assert all(0 < w < 1 for w in WEIGHTS.values())
    produced = {f.code for inp in (SCAM_AD,) for f in evaluate(inp)}
    assert produced <= set(WEIGHTS)


def test_empty_and_odd_input() -> None:
    assert assess(RiskInput(title="", text="")) == RiskAssessment(0.0, ())
    assert assess(RiskInput(title="\x00\ufffd", text="$$$ ¥ 万 triệu 18-")).score == 0.0


def test_from_page_record() -> None:
    page = PageRecord(
        url="http://x/",
        site="x",
        captured_at="2026-11-23T10:00:00Z",
        status=200,
        title=SCAM_AD.title,
        text=SCAM_AD.text,
        kind="job_ad",
        entities=list(SCAM_AD.entities),
    )
    assert assess(RiskInput.from_page(page)) == assess(SCAM_AD)


def test_long_page_finds_an_ad_buried_at_the_end() -> None:
    # ~20 KB with the scam ad at the very end: the single scan must still reach it.
    filler = "Our team values integrity and growth. " * 520
    inp = RiskInput(title="x", text=filler + SCAM_AD.text, kind="job_ad", entities=list(SCAM_AD.entities))
    result = assess(inp)
    assert result.score > 0.8
