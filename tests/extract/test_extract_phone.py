from __future__ import annotations

import pytest

from lurewatch.extract import ExtractionInput, PhoneExtractor
from lurewatch.models import Entity


def phones(
    text: str, region: str | None = None, links: tuple[str, ...] = (), lang: str = ""
) -> set[str]:
    found = PhoneExtractor().extract(ExtractionInput(text, links, region, lang))
    return {e.value for e in found if e.type == "phone"}


def whatsapp(text: str, region: str | None = None, links: tuple[str, ...] = ()) -> set[str]:
    found = PhoneExtractor().extract(ExtractionInput(text, links, region))
    return {e.value for e in found if e.type == "whatsapp"}


@pytest.mark.parametrize(
    "text",
    [
        "Call +855 12 345 678 today",
        "Hotline: 00855-12-345678",
        "(+855) 12 345 678",
        "+855 (0)12 345 678",
        "+855-12-345-678.",
        "联系电话：＋８５５　１２　３４５　６７８",
        "tel:+85512345678",
    ],
)
def test_international_formats_without_region(text: str) -> None:
    assert phones(text) == {"+85512345678"}


def test_thai_international_in_parentheses() -> None:
    assert phones("Contact (+66) 81 234 5678 for details") == {"+66812345678"}


def test_national_format_needs_a_region() -> None:
    assert phones("Call 012 345 678 now") == set()
    assert phones("Call 012 345 678 now", region="KH") == {"+85512345678"}
    assert phones("โทร 081-234-5678", region="TH") == {"+66812345678"}


def test_region_inferred_from_text() -> None:
    assert phones("Work in Phnom Penh, Cambodia. Call 012 345 678") == {"+85512345678"}
    # Thai script: Thai numbers even when the job is in Cambodia.
    assert phones("งานที่กัมพูชา รายได้ดี สนใจโทร 081-234-5678") == {"+66812345678"}


def test_native_digits() -> None:
    assert phones("โทร ๐๘๑-๒๓๔-๕๖๗๘", region="TH") == {"+66812345678"}
    assert phones("ទូរស័ព្ទ ០១២ ៣៤៥ ៦៧៨", region="KH") == {"+85512345678"}


@pytest.mark.parametrize(
    "text",
    [
        "Posted 2026-11-23, closes 23/11/2026, interview 11/23/2026",
        "Interview at 10:30-11:45, shift 09:00 - 18:00",
        "Ref: 20261123-0042",
        "Job ID 884512",
        "Job No. 202611230042",
        "Salary $1,500-3,000 per month",
        "Salary 1500 - 3000 USD",
        "เงินเดือน ฿30,000–50,000",
        "Age 18-35, height 155-175 cm",
        "Address: 120101 Phnom Penh; Bangkok 10110",
        "Price: 15.000.000 VND; Rp 15.000.000; 8000U; ₱25,000",
        "Server 192.168.100.200 and 10.0.0.1",
        "App v2.10.3, version 10.2.1.1234",
        "tx 0x" + "12" * 32,
        "hash 1234567890123456789012345678901234567890",
    ],
)
@pytest.mark.parametrize("region", [None, "KH", "TH", "VN", "ID", "PH", "CN"])
def test_not_phones(text: str, region: str | None) -> None:
    assert phones(text, region=region) == set()


def test_arbitrary_region_numbers_are_not_phones() -> None:
    # Valid as a national number somewhere, but the page gives no country: not a phone.
    assert phones("Call 0812 345 678 or 13812345678") == set()


def test_phone_next_to_noise_survives() -> None:
    text = "Ref: 20261123-0042. Salary 1500-3000 USD. Tel: +855 12 345 678 (2026-11-23)"
    assert phones(text) == {"+85512345678"}


def test_whatsapp_label_before_and_after() -> None:
    assert whatsapp("WhatsApp: +855 12 345 678") == {"+85512345678"}
    assert whatsapp("WA +66 81 234 5678") == {"+66812345678"}
    assert whatsapp("+66 81 234 5678 (WhatsApp)") == {"+66812345678"}
    assert whatsapp("واتساب +971 50 123 4567") == {"+971501234567"}
    assert whatsapp("วอทส์แอป 081-234-5678", region="TH") == {"+66812345678"}
    assert whatsapp("Tel/WhatsApp: +855 12 345 678") == {"+85512345678"}


def test_whatsapp_is_also_a_phone() -> None:
    found = set(PhoneExtractor().extract(ExtractionInput("WhatsApp +855 12 345 678")))
    assert found == {Entity("phone", "+85512345678"), Entity("whatsapp", "+85512345678")}


def test_whatsapp_label_does_not_leak_to_other_numbers() -> None:
    text = "Tel: +855 23 991 234. WhatsApp: +855 12 345 678 / +855 98 765 432. Telegram: +66 81 234 5678"
    assert phones(text) == {"+85523991234", "+85512345678", "+85598765432", "+66812345678"}
    assert whatsapp(text) == {"+85512345678", "+85598765432"}
    assert whatsapp("Message us on WhatsApp or visit the office. Tel: +855 12 345 678") == set()


def test_whatsapp_links() -> None:
    links = (
        "https://wa.me/85512345678",
        "https://api.whatsapp.com/send?phone=66812345678&text=Hi",
        "whatsapp://send?phone=+84912345678",
        "https://wa.me/message/ABCDEF123",
        "tel:+855%2023%20991%20234",
        "tel:012345679",
    )
    assert whatsapp("", links=links) == {"+85512345678", "+66812345678", "+84912345678"}
    assert phones("", links=links) == {"+85512345678", "+66812345678", "+84912345678", "+85523991234"}
    assert phones("", links=links, region="KH") >= {"+85512345679"}
    assert whatsapp("Chat: wa.me/85512345678") == {"+85512345678"}


def test_telegram_phone_is_just_a_phone() -> None:
    found = set(PhoneExtractor().extract(ExtractionInput("Telegram: +855 12 345 678")))
    assert found == {Entity("phone", "+85512345678")}


def test_a_country_named_beside_a_national_number_decides_its_region() -> None:
    from lurewatch.extract import ExtractionInput, extract_entities
    from lurewatch.models import Entity

    found = extract_entities(ExtractionInput("Admin input data Kamboja: WA 0857 1234 5678 (nomor Indonesia)."))
    assert Entity("phone", "+6285712345678") in found
    assert Entity("phone", "+8562055512345") in extract_entities(ExtractionInput("Laos office: 020 55 512 345"))
    assert Entity("phone", "+8613812345678") in extract_entities(ExtractionInput("电话：138 1234 5678（中国）"))
