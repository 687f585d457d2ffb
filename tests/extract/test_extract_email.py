from __future__ import annotations

import pytest

from lurewatch.extract import EmailExtractor, ExtractionInput
from lurewatch.extract.normalize import deobfuscate_emails


def emails(text: str, links: tuple[str, ...] = ()) -> set[str]:
    return {e.value for e in EmailExtractor().extract(ExtractionInput(text, links))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Send CV to HR.Asia@Example.COM.", "hr.asia@example.com"),
        ("email: jobs+kh@recruit-asia.com.kh", "jobs+kh@recruit-asia.com.kh"),
        ("name[at]domain[dot]com", "name@domain.com"),
        ("name [at] domain [dot] com", "name@domain.com"),
        ("name (at) domain (dot) com", "name@domain.com"),
        ("name{at}mail{dot}co{dot}th", "name@mail.co.th"),
        ("name AT domain DOT com", "name@domain.com"),
        ("name＠domain．com", "name@domain.com"),
        ("邮箱：hr888＠qq．com", "hr888@qq.com"),
        ("邮箱 hr888@163点com", "hr888@163.com"),
        ("hr_th at gmail.com", "hr_th@gmail.com"),
        ("hr (at) company.vn", "hr@company.vn"),
        ("hr.kh @ gmail.com", "hr.kh@gmail.com"),
        ("hr.kh @ company (dot) com", "hr.kh@company.com"),
    ],
)
def test_positive_and_obfuscated(text: str, expected: str) -> None:
    assert emails(text) == {expected}


@pytest.mark.parametrize(
    "text",
    [
        "<img src='logo@2x.png'> icon@3x.webp image@3x.jpg sprite@1.5x.svg",
        "Apply at jobs.example.com or visit us at example.org",
        "Follow us @ facebook.com/jobs",
        "user@localhost and admin@server.invalidtld",
        "meet me at the office dot com",
        "a@b",
        "Telegram @hr_asia.",
    ],
)
def test_negatives(text: str) -> None:
    assert emails(text) == set()


def test_mailto_links() -> None:
    links = ("mailto:HR@Example.com?subject=Job%20application", "MAILTO:a%40b.co,c@d.org", "mailto:")
    assert emails("", links) == {"hr@example.com", "a@b.co", "c@d.org"}


def test_deobfuscation_only_where_it_forms_an_address() -> None:
    prose = "We work at Google and meet at noon. Dot com era."
    assert deobfuscate_emails(prose) == prose
    assert deobfuscate_emails("x [at] y [dot] com") == "x@y.com"
