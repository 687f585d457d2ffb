"""A small multilingual corpus with known answers, indexed into every backend under test."""

from __future__ import annotations

from lurewatch.models import Entity, EvidenceRef, PageRecord, RiskAssessment

TG = Entity("telegram", "hr_asia_jobs")
PHONE = Entity("phone", "+85512345678")
WA = Entity("whatsapp", "+85512345678")
WECHAT = Entity("wechat", "kefu_888")
EMAIL = Entity("email", "jobs@recruit.example")
ETH = Entity("eth_address", "0x52908400098527886e0f7030069857d2e4169ee7")


def _evidence(n: int) -> EvidenceRef:
    return EvidenceRef(f"lurewatch-20261120-{n:05d}.warc.gz", n * 1000, 900 + n, f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>", f"{n:064x}")


def page(
    n: int,
    url: str,
    site: str,
    captured_at: str,
    title: str,
    text: str,
    lang: str,
    entities: list[Entity],
    risk: float,
    kind: str = "job_ad",
) -> PageRecord:
    return PageRecord(
        url=url,
        site=site,
        captured_at=captured_at,
        status=200,
        title=title,
        text=text,
        lang=lang,
        kind=kind,
        entities=entities,
        risk=RiskAssessment(risk, (f"reason {n}",)),
        evidence=_evidence(n),
        payload_digest=f"sha256:{n:064x}",
        content_hash=f"{n:016x}",
    )


EN = "https://jobs.example/ads/1"
EN2 = "https://jobs.example/ads/2"
ZH = "https://forum.example/t/88"
ZH_SPLIT = "https://forum.example/t/89"
TH = "https://th-jobs.example/post/7"
VI = "https://viec.example/tin/42"
ID = "https://loker.example/lowongan/5"
FORUM = "https://forum.example/t/90"

CORPUS: list[PageRecord] = [
    page(1, EN, "jobs.example", "2026-11-20T10:00:00Z", "Customer Service job in Sihanoukville",
         "High salary, visa provided, free flight. Contact HR on Telegram @hr_asia_jobs or +855 12 345 678.",
         "en", [TG, PHONE, WA], 0.91),
    page(2, EN2, "jobs.example", "2026-11-18T09:30:00Z", "Data entry staff wanted",
         "Salary high for typing staff in Phnom Penh. Email jobs@recruit.example to apply.",
         "en", [EMAIL], 0.55),
    page(3, ZH, "forum.example", "2026-11-21T08:00:00Z", "高薪招聘客服",
         "柬埔寨西港高薪招聘，包吃包住，机票报销。微信：kefu_888", "zh", [WECHAT], 0.88, "forum_thread"),
    page(4, ZH_SPLIT, "forum.example", "2026-11-19T12:00:00Z", "工厂招工",
         "我们招工，聘请普工，工资日结。", "zh", [], 0.2, "forum_thread"),
    page(5, TH, "th-jobs.example", "2026-11-22T07:15:00Z", "รับสมัครพนักงานด่วน",
         "รับสมัครพนักงานขายออนไลน์ เงินเดือนสูง ติดต่อ Telegram hr_asia_jobs", "th", [TG], 0.8),
    page(6, VI, "viec.example", "2026-11-17T15:45:00Z", "Tuyển dụng nhân viên chăm sóc khách hàng",
         "Lương cao, bao ăn ở, hỗ trợ vé máy bay. Liên hệ Zalo +855 12 345 678.", "vi", [PHONE], 0.75),
    page(7, ID, "loker.example", "2026-11-16T11:00:00Z", "Lowongan kerja di Kamboja",
         "Gaji tinggi, tiket pesawat gratis, tanpa pengalaman. Hubungi jobs@recruit.example.",
         "id", [EMAIL, ETH], 0.7),
    page(8, FORUM, "forum.example", "2026-11-23T06:00:00Z", "Warning: this agency is a scam",
         "They took my passport in Sihanoukville. Avoid hr_asia_jobs and the wallet 0x52908400098527886e0f7030069857d2e4169ee7.",
         "en", [TG, ETH], 0.35, "forum_thread"),
]

ALL = {p.url for p in CORPUS}
