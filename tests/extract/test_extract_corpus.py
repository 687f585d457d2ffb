"""A small labelled corpus of job ads and forum posts as recruiters write them, with the exact
entities each must yield. Precision and recall over the corpus are asserted as well, so a change
that trades one for the other shows up as a number, not only as a failing paragraph."""

from __future__ import annotations

from dataclasses import dataclass, field

import base58
import pytest

from lurewatch.extract import ExtractionInput, extract_entities
from lurewatch.models import Entity
from tests.extract.extract_helpers import HASH160

TRON = base58.b58encode_check(b"\x41" + HASH160).decode()
BTC_P2PKH = base58.b58encode_check(b"\x00" + HASH160).decode()
TAPROOT = "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y"
ETH = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"


@dataclass(frozen=True)
class Sample:
    name: str
    text: str
    expected: frozenset[tuple[str, str]]
    links: tuple[str, ...] = ()
    lang: str = ""
    url: str = ""
    region: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _e(*pairs: tuple[str, str]) -> frozenset[tuple[str, str]]:
    return frozenset(pairs)


CORPUS = [
    Sample(
        "zh-sihanoukville",
        "【高薪诚聘】柬埔寨西港园区招聘客服/打字员，月薪8000U-15000U，包吃包住，落地报销机票。"
        "要求：18-35岁，会电脑。有意者请联系飞机：@xg_hr2026 或 纸飞机号 kk_boss888，"
        "微信：xiaoming_hr88，电话/微信同号：13812345678。编号：20261123-0042，发布时间2026-11-23 10:30。",
        _e(("telegram", "xg_hr2026"), ("telegram", "kk_boss888"), ("wechat", "xiaoming_hr88"),
           ("phone", "+8613812345678")),
    ),
    Sample(
        "zh-fullwidth-myawaddy",
        "缅甸妙瓦底急招，底薪１５０００，联系电话：＋９５　９　７８１　２３４　５６７，"
        "ＴＧ：ｍｍ＿ｒｅｃｒｕｉｔ９９，邮箱ｈｒ９９＠ｑｑ．ｃｏｍ。USDT收款：" + TRON,
        _e(("phone", "+959781234567"), ("telegram", "mm_recruit99"), ("email", "hr99@qq.com"),
           ("tron_address", TRON)),
    ),
    Sample(
        "en-phnom-penh",
        "URGENT HIRING in Phnom Penh, Cambodia! Customer Service (English/Thai). Salary $1,500-3,000 + "
        "commission. Age 18-35. Free visa & flight. Ref: KH-20261123-0042. Apply now: WhatsApp "
        "+855 96 123 4567 or call 012 345 678. Email: hr.team[at]asia-careers[dot]com. "
        "Telegram: https://t.me/pp_jobs_hr",
        _e(("phone", "+855961234567"), ("whatsapp", "+855961234567"), ("phone", "+85512345678"),
           ("email", "hr.team@asia-careers.com"), ("telegram", "pp_jobs_hr")),
        links=("https://t.me/pp_jobs_hr", "https://asia-careers.com/logo@2x.png"),
    ),
    Sample(
        "th-poipet",
        "รับสมัครพนักงานแอดมิน ทำงานที่ปอยเปต กัมพูชา เงินเดือน ฿30,000–50,000 บาท อายุ 20-35 ปี "
        "ที่พักฟรี สนใจติดต่อ ไลน์: @poipet_job หรือ ไอดีไลน์ hr_thai2026 โทร 081-234-5678 "
        "เทเลแกรม @th_admin_job",
        _e(("line", "poipet_job"), ("line", "hr_thai2026"), ("phone", "+66812345678"),
           ("telegram", "th_admin_job")),
    ),
    Sample(
        "vi-bavet",
        "Tuyển dụng nhân viên CSKH làm việc tại Bavet, Campuchia. Lương 1500 - 3000 USD, bao ăn ở. "
        "Liên hệ Zalo 0912 345 678 hoặc Tele: @bavet_tuyendung. WhatsApp: +84 983 456 789. "
        "Mã tin: 884512.",
        _e(("phone", "+84912345678"), ("telegram", "bavet_tuyendung"), ("phone", "+84983456789"),
           ("whatsapp", "+84983456789")),
        lang="vi",
    ),
    Sample(
        "id-kamboja",
        "Lowongan kerja di Kamboja, gaji Rp 15.000.000/bulan, usia 18-30 tahun. Hubungi WA "
        "0812-3456-7890 atau tele: @indo_loker_kh. Email: loker.kamboja(at)gmail(dot)com",
        _e(("phone", "+6281234567890"), ("whatsapp", "+6281234567890"),
           ("telegram", "indo_loker_kh"), ("email", "loker.kamboja@gmail.com")),
        lang="id",
    ),
    Sample(
        "km-phnom-penh",
        "ក្រុមហ៊ុនត្រូវការបុគ្គលិកនៅភ្នំពេញ ប្រាក់ខែ $800 ទាក់ទង ០១២ ៣៤៥ ៦៧៨ ឬ តេឡេក្រាម @pp_khmer_jobs",
        _e(("phone", "+85512345678"), ("telegram", "pp_khmer_jobs")),
    ),
    Sample(
        "forum-wallets",
        "Scam warning thread. They asked victims to deposit to TRC20 " + TRON + " and BTC "
        + BTC_P2PKH + " / " + TAPROOT + ". The ERC20 one is " + ETH + ". Tx hash "
        "0x" + "9f" * 32 + " on 2026-11-20. Fake support: support@usdt-wallet-help.com, "
        "image@3x.jpg, banner@2x.webp. Their Telegram bot t.me/usdt_help_bot?start=ref123.",
        _e(("tron_address", TRON), ("btc_address", BTC_P2PKH), ("btc_address", TAPROOT),
           ("eth_address", ETH.lower()), ("email", "support@usdt-wallet-help.com"),
           ("telegram", "usdt_help_bot")),
    ),
    Sample(
        "tl-manila",
        "HIRING! Chat support sa Pasay, Pilipinas. Sahod ₱25,000-35,000. Pwede walang experience. "
        "Text o Viber 0917 123 4567, Telegram @pasay_csr_hiring. tel link below.",
        _e(("phone", "+639171234567"), ("telegram", "pasay_csr_hiring"), ("phone", "+639281234567")),
        links=("tel:09281234567",),
    ),
    Sample(
        "en-laos-golden-triangle",
        "Golden Triangle SEZ, Bokeo, Laos. Typing job, USD 1200/month. Version v2.10.3 of our app. "
        "Server 192.168.100.200. Contact: WeChat ID: gt_sez_hr, LINE ID: gt.sez, "
        "WhatsApp wa.me/8562055512345",
        _e(("wechat", "gt_sez_hr"), ("line", "gt.sez"), ("phone", "+8562055512345"),
           ("whatsapp", "+8562055512345")),
    ),
    Sample(
        "en-negatives-only",
        "Posted 23/11/2026. Job ID 884512. Salary 1500 - 3000 USD. Age 18-35. Office hours 09:00-18:00. "
        "Postal code 10110. Telegram channel coming soon. Production line: Assembly. "
        "Follow us @ facebook.com/jobs. Logo: logo@2x.png",
        _e(),
    ),
    Sample(
        "my-kuala-lumpur",
        "Kerja kosong di Kuala Lumpur, Malaysia. Gaji RM3,500. Hubungi 012-345 6789 (WhatsApp) atau "
        "e-mel kerja.kl@syarikat.com.my",
        _e(("phone", "+60123456789"), ("whatsapp", "+60123456789"), ("email", "kerja.kl@syarikat.com.my")),
    ),
]


def _found(sample: Sample) -> set[tuple[str, str]]:
    doc = ExtractionInput(sample.text, sample.links, sample.region, sample.lang, sample.url)
    return {(e.type, e.value) for e in extract_entities(doc)}


@pytest.mark.parametrize("sample", CORPUS, ids=[s.name for s in CORPUS])
def test_exact_entities(sample: Sample) -> None:
    assert _found(sample) == set(sample.expected)


def test_precision_and_recall() -> None:
    true_pos = false_pos = false_neg = 0
    for sample in CORPUS:
        found, expected = _found(sample), set(sample.expected)
        true_pos += len(found & expected)
        false_pos += len(found - expected)
        false_neg += len(expected - found)
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    assert precision >= 0.97 and recall >= 0.95, (precision, recall)
    assert all(isinstance(e, Entity) for e in extract_entities(ExtractionInput(CORPUS[0].text)))
