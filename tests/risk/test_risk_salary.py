from __future__ import annotations

import pytest

from lurewatch.risk.matching import normalize
from lurewatch.risk.salary import Salary, excessive_salary, salaries


@pytest.mark.parametrize(
    "text, currency, monthly",
    [
        ("Salary USD 3,000/month", "USD", 3_000),
        ("$1,500 - $3,000", "USD", 3_000),
        ("1500-3000 usd", "USD", 3_000),
        ("3000$ mỗi tháng", "USD", 3_000),
        ("月薪3000U", "USD", 3_000),
        ("３０００ＵＳＤ", "USD", 3_000),  # full-width, folded by NFKC
        ("lương 25-30 triệu", "VND", 30_000_000),
        ("lương 30tr", "VND", 30_000_000),
        ("月薪1.5万", "RMB", 15_000),
        ("月薪2万-3万", "RMB", 30_000),
        ("3万泰铢", "THB", 30_000),
        ("เงินเดือน 50,000 บาท", "THB", 50_000),
        ("gaji Rp 15.000.000", "IDR", 15_000_000),
        ("gaji 10 juta", "IDR", 10_000_000),
        ("RM 6,000", "MYR", 6_000),
        ("₱ 60,000", "PHP", 60_000),
        ("日薪500元", "RMB", 13_000),  # daily pay x 26
        ("USD 60,000 per year", "USD", 5_000),
    ],
)
def test_salary_figures(text: str, currency: str, monthly: float) -> None:
    assert salaries(normalize(text)) == [Salary(currency, monthly)]


@pytest.mark.parametrize(
    "text",
    ["age 18-35", "call +855 12 345 678", "founded in 2015", "USD 50/hour", "room 3000"],
)
def test_not_salaries(text: str) -> None:
    assert salaries(normalize(text)) == []


def test_excessive_salary_picks_the_most_excessive() -> None:
    text = normalize("Basic USD 800, with bonus up to USD 2,500, or 30 triệu")
    best = excessive_salary(text)
    assert best == Salary("VND", 30_000_000) or best == Salary("USD", 2_500)
    assert excessive_salary(normalize("USD 900 per month")) is None
    assert excessive_salary(normalize("registered capital USD 10,000,000")) is None
