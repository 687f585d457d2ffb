from __future__ import annotations

import pytest

from lurewatch.extract import ExtractionInput, LineExtractor, TelegramExtractor, WeChatExtractor
from lurewatch.models import Entity


def telegram(text: str, links: tuple[str, ...] = ()) -> set[str]:
    return {e.value for e in TelegramExtractor().extract(ExtractionInput(text, links))}


def wechat(text: str, region: str | None = None) -> set[Entity]:
    return set(WeChatExtractor().extract(ExtractionInput(text, region=region)))


def line(text: str, links: tuple[str, ...] = ()) -> set[str]:
    return {e.value for e in LineExtractor().extract(ExtractionInput(text, links))}


# --- Telegram ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Join https://t.me/HR_Asia_Jobs now",
        "telegram.me/hr_asia_jobs",
        "t.me/hr_asia_jobs/123",
        "tg://resolve?domain=hr_asia_jobs",
        "hr_asia_jobs.t.me",
        "Telegram: @HR_Asia_Jobs",
        "Telegram: hr_asia_jobs",
        "TG：hr_asia_jobs",
        "tele @hr_asia_jobs",
        "飞机：@hr_asia_jobs",
        "纸飞机 hr_asia_jobs",
        "小飞机号：hr_asia_jobs",
        "电报 @hr_asia_jobs",
        "ติดต่อ เทเลแกรม @hr_asia_jobs",
        "Liên hệ Tele: @hr_asia_jobs",
        "Hubungi telegram @hr_asia_jobs",
        "ទាក់ទង តេឡេក្រាម @hr_asia_jobs",
        "@hr_asia_jobs (Telegram)",
    ],
)
def test_telegram_positive(text: str) -> None:
    assert telegram(text) == {"hr_asia_jobs"}


@pytest.mark.parametrize(
    "text",
    [
        "t.me/joinchat/AAAAAEkk2WdoDGNuX",
        "https://t.me/+AbCdEfGhIjK",
        "t.me/addstickers/CatPack",
        "t.me/share/url?url=https://x.example",
        "t.me/s/somechannel",
        "t.me/c/1234567/89",
        "t.me/proxy?server=1.2.3.4&port=443",
        "t.me/socks?server=1.2.3.4",
        "t.me/abcd",  # too short
        "t.me/hr_asia_",  # ends with underscore
        "t.me/1hrasia",  # starts with a digit
        "gift.me/hr_asia_jobs",
        "Follow @hr_asia_jobs on Instagram",
        "Email hr_asia_jobs@gmail.com",
        "Telegram channel available for members",
        "Telegram: Contact us",
        "Line: @hr_asia_jobs",
        "Telegram: @x, Zalo: @hr_asia_jobs",
    ],
)
def test_telegram_negative(text: str) -> None:
    assert telegram(text) == set()


def test_telegram_links_and_lists() -> None:
    assert telegram("", links=("https://t.me/Recruit_KH",)) == {"recruit_kh"}
    assert telegram("Telegram: @hr_one, @hr_two; Line: @not_tg") == {"hr_one", "hr_two"}


# --- WeChat -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "微信：Abc_HR888",
        "微信号 abc_hr888",
        "加微信abc_hr888",
        "WeChat: abc_hr888",
        "wechat abc_hr888",
        "VX：abc_hr888",
        "vx abc_hr888",
        "V信：abc_hr888",
        "威信 abc_hr888",
        "薇信：abc_hr888",
        "wx: abc_hr888",
        "加V：abc_hr888",
        "WeChat ID: abc_hr888",
    ],
)
def test_wechat_positive(text: str) -> None:
    assert wechat(text) == {Entity("wechat", "abc_hr888")}


@pytest.mark.parametrize(
    "text",
    [
        "WeChat account required",
        "wechat group available",
        "微信：abc",  # too short
        "微信：8abcdefg",  # starts with a digit
        "微信：" + "a" * 21,  # too long
        "vxlan abc_hr888",
        "Salary paid via WeChat Pay",
    ],
)
def test_wechat_negative(text: str) -> None:
    assert {e for e in wechat(text) if e.type == "wechat"} == set()


def test_wechat_phone_number_is_a_phone() -> None:
    assert wechat("微信：13812345678") == {Entity("phone", "+8613812345678")}
    assert wechat("VX同号 +855 12 345 678") == {Entity("phone", "+85512345678")}
    assert wechat("wechat: +855 12 345 678") == {Entity("phone", "+85512345678")}
    assert wechat("微信 012 345 678", region="KH") == {Entity("phone", "+85512345678")}


# --- LINE -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "https://line.me/ti/p/~ThaiJob99",
        "line.me/R/ti/p/@thaijob99",
        "https://line.me/R/ti/p/%40thaijob99",
        "Line ID: ThaiJob99",
        "LINE：@thaijob99",
        "Line @thaijob99",
        "ไลน์: thaijob99",
        "ไอดีไลน์ thaijob99",
        "แอดไลน์ @thaijob99",
        "ID Line: thaijob99",
        "Contact via LINE: thaijob99",
    ],
)
def test_line_positive(text: str) -> None:
    assert line(text) == {"thaijob99"}


@pytest.mark.parametrize(
    "text",
    [
        "Production line: Assembly",
        "Hotline: 1234 5678",
        "Deadline: 2026-11-30",
        "Online: everyday",
        "line manager approval",
        "ไลน์: 0812345678",
        "Line ID: 0812345678",
        "Line: ab",
    ],
)
def test_line_negative(text: str) -> None:
    assert line(text) == set()


def test_line_links_from_the_link_list() -> None:
    assert line("", links=("https://line.me/R/ti/p/~HR.Thai",)) == {"hr.thai"}


def test_line_label_before_a_link_is_not_the_host_name() -> None:
    from lurewatch.extract import ExtractionInput, extract_entities
    from lurewatch.models import Entity

    found = extract_entities(ExtractionInput("Line: line.me/ti/p/~kl_recruit | Line ID: abc_hr"))
    assert Entity("line", "line.me") not in found
    assert {Entity("line", "kl_recruit"), Entity("line", "abc_hr")} <= set(found)


def test_line_ids_after_everyday_lead_words_and_official_accounts() -> None:
    from lurewatch.extract import ExtractionInput, extract_entities
    from lurewatch.models import Entity

    assert extract_entities(ExtractionInput("They also use Line ~kl_recruit.")) == [Entity("line", "kl_recruit")]
    assert extract_entities(ExtractionInput("หรือ LINE Official @lannaconnect")) == [Entity("line", "lannaconnect")]
    assert extract_entities(ExtractionInput("LINE OA: @shop_th")) == [Entity("line", "shop_th")]
    assert extract_entities(ExtractionInput("the production line: assembly work")) == []


def test_a_mention_right_after_another_messengers_label_is_not_telegram() -> None:
    from lurewatch.extract import ExtractionInput, extract_entities
    from lurewatch.models import Entity

    found = extract_entities(ExtractionInput("Line: @sunrise_global - Telegram: @SunriseGlobal_HR"))
    assert Entity("telegram", "sunrise_global") not in found
    assert {Entity("telegram", "sunriseglobal_hr"), Entity("line", "sunrise_global")} <= set(found)
