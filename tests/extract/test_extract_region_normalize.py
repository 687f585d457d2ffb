from __future__ import annotations

import pytest

from lurewatch.extract import infer_region, normalize_text
from lurewatch.extract.region import language_region, region_from_url


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jobs in Phnom Penh and Sihanoukville, Cambodia", "KH"),
        ("高薪诚聘 柬埔寨西港 包吃包住", "KH"),
        ("งานที่กัมพูชา ปอยเปต", "KH"),
        ("Tuyển dụng tại Campuchia", "KH"),
        ("Lowongan kerja di Kamboja", "KH"),
        ("ការងារនៅភ្នំពេញ កម្ពុជា", "KH"),
        ("缅甸妙瓦底园区招聘", "MM"),
        ("မြဝတီ အလုပ်", "MM"),
        ("Golden Triangle SEZ, Bokeo, Laos", "LA"),
        ("ວຽງຈັນ ສປປ ລາວ", "LA"),
        ("Work in Bangkok, Thailand", "TH"),
        ("Hiring in Manila / Pasay, Philippines", "PH"),
        ("Trabaho sa Pilipinas", "PH"),
        ("Kerja di Kuala Lumpur, Malaysia", "MY"),
        ("Call +855 12 345 678 or our office", "KH"),
    ],
)
def test_region_from_words(text: str, expected: str) -> None:
    assert infer_region(normalize_text(text)) == expected


def test_region_none_when_unsure() -> None:
    assert infer_region("We are hiring customer service staff.") is None
    assert infer_region("Jobs in Cambodia and Thailand") is None  # two countries, equal evidence


def test_region_from_url_and_lang() -> None:
    assert region_from_url("https://jobs.example.com.kh/post/1") == "KH"
    assert region_from_url("https://example.co.uk/") == "GB"
    assert region_from_url("https://hr.example.io/") is None  # vanity TLD
    assert infer_region("Customer service staff wanted", url="https://jobs.example.kh") == "KH"
    assert language_region("anything", lang="th") == "TH"
    assert language_region("สมัครงานด่วน รายได้ดี") == "TH"
    assert language_region("Tuyển dụng nhân viên, lương cao") == "VN"
    assert language_region("plain english text") is None


def test_normalize_full_width_and_invisibles() -> None:
    assert normalize_text("＋８５５　１２３") == "+855 123"
    assert normalize_text("ＡＢＣ＠ｑｑ．ｃｏｍ") == "ABC@qq.com"
    assert normalize_text("t.me/hr\u200b_asia") == "t.me/hr_asia"
    assert normalize_text("โทร ๐๘๑") == "โทร 081"
    assert normalize_text("plain ascii") == "plain ascii"
