"""Each indicator fires on its red flag, in several languages, and stays quiet on look-alikes."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from lurewatch.models import Entity
from lurewatch.risk import RiskInput
from lurewatch.risk import indicators as ind
from lurewatch.risk.base import Finding


def make(
    text: str,
    *,
    kind: str = "job_ad",
    entities: Iterable[tuple[str, str]] = (),
    has_company_contact: bool | None = None,
) -> RiskInput:
    return RiskInput(
        title="",
        text=text,
        kind=kind,
        entities=[Entity(t, v) for t, v in entities],
        has_company_contact=has_company_contact,
    )


def _code(finding: Finding | None) -> str | None:
    return finding.code if finding else None


# --- messenger_only -------------------------------------------------------------------------


def test_messenger_only_telegram_without_company_contact() -> None:
    f = ind.messenger_only(make("Apply now", entities=[("telegram", "hr_asia_jobs")]))
    assert f is not None and f.code == "messenger_only"
    assert f.reason == "Contact only via Telegram, no company e-mail or phone"


def test_messenger_only_names_every_messenger() -> None:
    f = ind.messenger_only(
        make("x", entities=[("whatsapp", "+85512345678"), ("telegram", "a"), ("wechat", "b")])
    )
    assert f is not None and "Telegram/WhatsApp/WeChat" in f.reason


@pytest.mark.parametrize(
    "entities, company",
    [
        ([("telegram", "hr"), ("email", "jobs@acme-logistics.co.th")], None),
        ([("line", "hr_th")], True),
        ([("email", "jobs@gmail.com"), ("phone", "+6621234567")], None),  # no messenger at all
        ([], None),
    ],
)
def test_messenger_only_negative(entities: list[tuple[str, str]], company: bool | None) -> None:
    assert ind.messenger_only(make("x", entities=entities, has_company_contact=company)) is None


def test_messenger_only_free_mailbox_is_not_a_company() -> None:
    inp = make("x", entities=[("telegram", "hr"), ("email", "hr.asia.jobs@gmail.com")])
    assert _code(ind.messenger_only(inp)) == "messenger_only"
    inp = make("x", entities=[("wechat", "hr"), ("email", "hr@yahoo.co.th")])
    assert _code(ind.messenger_only(inp)) == "messenger_only"


def test_messenger_only_explicit_false_overrides_email_inference() -> None:
    entities = [("telegram", "hr"), ("email", "a@corp.com")]
    inp = make("x", entities=entities, has_company_contact=False)
    assert _code(ind.messenger_only(inp)) == "messenger_only"


def test_messenger_only_not_on_forum_threads() -> None:
    assert ind.messenger_only(make("x", kind="forum_thread", entities=[("telegram", "a")])) is None


# --- no_experience --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Customer support, NO EXPERIENCE NEEDED, training given",
        "招聘客服，无需经验，包培训",
        "經驗不限，歡迎應徵",
        "รับสมัครพนักงาน ไม่ต้องมีประสบการณ์",
        "ไม่จำเป็นต้องมีประสบการณ์ก็สมัครได้",
        "Tuyển nhân viên, không cần kinh nghiệm",
        "tuyen nhan vien khong can kinh nghiem",
        "Lowongan admin, tanpa pengalaman",
        "အလုပ်ခေါ်နေသည် အတွေ့အကြုံမလို",
        "ជ្រើសរើសបុគ្គលិក មិនត្រូវការបទពិសោធន៍",
    ],
)
def test_no_experience_positive(text: str) -> None:
    assert _code(ind.no_experience(make(text))) == "no_experience"


@pytest.mark.parametrize(
    "text",
    [
        "At least 3 years of experience required",
        "要求三年以上工作经验",
        "ต้องมีประสบการณ์อย่างน้อย 2 ปี",  # "must have at least 2 years' experience"
        "Yêu cầu kinh nghiệm 2 năm",
        "Pengalaman minimal 2 tahun",
    ],
)
def test_no_experience_negative(text: str) -> None:
    assert ind.no_experience(make(text)) is None


def test_no_experience_reason_quotes_evidence() -> None:
    f = ind.no_experience(make("không cần kinh nghiệm"))
    assert f is not None and f.reason == "Says no experience is needed ('không cần kinh nghiệm')"


# --- high_salary ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, shown",
    [
        ("Customer service, salary USD 3,000/month", "USD 3,000/month"),
        ("Data entry job $2500 per month, no experience needed", "USD 2,500/month"),
        ("招聘客服，月薪2万-3万，无需经验", "RMB 30,000/month"),
        ("打字员 月薪3000U", "USD 3,000/month"),
        ("รับสมัครแอดมิน เงินเดือน 60,000 บาท", "THB 60,000/month"),
        ("Tuyển nhân viên đánh máy, lương 30-40 triệu", "VND 40,000,000/month"),
        ("Lowongan admin online gaji Rp 20.000.000", "IDR 20,000,000/month"),
        ("Customer service, RM 8,000 sebulan", "MYR 8,000/month"),
        ("Customer service ₱ 90,000 monthly", "PHP 90,000/month"),
    ],
)
def test_high_salary_positive(text: str, shown: str) -> None:
    f = ind.high_salary(make(text))
    assert f is not None and f.code == "high_salary"
    assert f.reason == f"Salary far above local norms for low-skill work ({shown})"


@pytest.mark.parametrize(
    "text",
    [
        "Customer service, salary USD 600/month",  # normal pay
        "Senior backend engineer, salary USD 4,000/month",  # skilled work pays well
        "รับสมัครแอดมิน เงินเดือน 15,000 บาท",
        "Tuyển nhân viên nhập liệu, lương 8 triệu",
        "Customer service, age 18-35, call 012 345 678",  # no currency, no figure
        "Customer service, company capital USD 5,000,000",  # not a salary
    ],
)
def test_high_salary_negative(text: str) -> None:
    assert ind.high_salary(make(text)) is None


# --- easy_high_pay --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Việc nhẹ lương cao, đi ngay", "轻松高薪，日结", "Easy job high salary!", "งานสบายรายได้ดี"]
)
def test_easy_high_pay_positive(text: str) -> None:
    assert _code(ind.easy_high_pay(make(text))) == "easy_high_pay"


def test_easy_high_pay_negative() -> None:
    assert ind.easy_high_pay(make("Competitive salary and an easy commute")) is None


# --- free_travel ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Free flight ticket and free accommodation",
        "包机票 包吃住",
        "ตั๋วเครื่องบินฟรี มีที่พักให้",
        "Bao vé máy bay, bao ăn ở",
        "Tiket pesawat gratis dan mess gratis",
        "ផ្តល់សំបុត្រយន្តហោះឥតគិតថ្លៃ",
    ],
)
def test_free_travel_positive(text: str) -> None:
    assert _code(ind.free_travel(make(text))) == "free_travel"


@pytest.mark.parametrize(
    "text",
    ["Free parking and a canteen", "We sponsor your visa", "Flights to Bangkok from USD 80"],
)
def test_free_travel_negative(text: str) -> None:
    assert ind.free_travel(make(text)) is None


# --- compound_location ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, place",
    [
        ("Office in Sihanoukville, Cambodia", "Sihanoukville"),
        ("公司位于西港", "Sihanoukville"),
        ("ทำงานที่สีหนุวิลล์", "Sihanoukville"),
        ("工作地点：妙瓦底KK园区", "Myawaddy, KK Park"),
        ("làm việc tại Myawaddy", "Myawaddy"),
        ("Bekerja di KK Park", "KK Park"),
        ("亚太城招聘", "Shwe Kokko"),
        ("金三角特区", "Golden Triangle SEZ"),
        ("Casino in Bavet near the border", "Bavet"),
        ("งานที่ปอยเปต", "Poipet"),
        ("Laukkaing office", "Laukkaing"),
        ("မြဝတီ", "Myawaddy"),
        ("ប៉ោយប៉ែត", "Poipet"),
    ],
)
def test_compound_location_positive(text: str, place: str) -> None:
    f = ind.compound_location(make(text))
    assert f is not None and f.reason == f"Names a known scam-compound location: {place}"


@pytest.mark.parametrize(
    "text",
    [
        "Office in Phnom Penh",
        "Visit the Golden Triangle viewpoint in Chiang Saen",  # tourist spot, not the SEZ
        "Bavaria and Poipeta are not places we list",
    ],
)
def test_compound_location_negative(text: str) -> None:
    assert ind.compound_location(make(text)) is None


# --- lowskill_abroad ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Typing job in Cambodia",
        "Game promoter, relocation to Dubai",
        "招聘客服 柬埔寨",
        "รับสมัครแอดมินออนไลน์ ทำงานกัมพูชา",
        "Tuyển nhân viên nhập liệu làm việc ở nước ngoài",
        "Lowongan customer service di Kamboja",
        "Data entry in Sihanoukville",
    ],
)
def test_lowskill_abroad_positive(text: str) -> None:
    assert _code(ind.lowskill_abroad(make(text))) == "lowskill_abroad"


@pytest.mark.parametrize(
    "text", ["Customer service in Bangkok office", "Senior engineer, relocation to Singapore"]
)
def test_lowskill_abroad_negative(text: str) -> None:
    assert ind.lowskill_abroad(make(text)) is None


# --- urgency --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "URGENT hiring!",
        "Limited places left",
        "急招客服",
        "รับสมัครด่วน",
        "Tuyển gấp",
        "Dibutuhkan segera",
    ],
)
def test_urgency_positive(text: str) -> None:
    assert _code(ind.urgency(make(text))) == "urgency"


@pytest.mark.parametrize(
    "text", ["Office near the expressway ใกล้ทางด่วน", "Insurgent groups", "Apply by 30 June"]
)
def test_urgency_negative(text: str) -> None:
    assert ind.urgency(make(text)) is None


# --- crypto_payment -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Salary paid in USDT (TRC20)", "工资泰达币结算", "Trả lương bằng USDT hàng tháng"]
)
def test_crypto_payment_positive(text: str) -> None:
    assert _code(ind.crypto_payment(make(text))) == "crypto_payment"


def test_crypto_payment_wallet_entity() -> None:
    f = ind.crypto_payment(make("Deposit for uniform", entities=[("tron_address", "T9yD...")]))
    assert f is not None and f.reason == "Lists a crypto wallet on a job ad (TRON)"


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Salary paid in USDT", "forum_thread"),  # discussion of crypto fraud, not an offer
        ("We never pay salaries in USDT.", "job_ad"),
        ("Salary paid monthly by bank transfer", "job_ad"),
    ],
)
def test_crypto_payment_negative(text: str, kind: str) -> None:
    assert ind.crypto_payment(make(text, kind=kind)) is None


# --- passport_collected ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Bring your passport on arrival, the company will keep your passport",
        "入职需上交护照",
        "ต้องส่งพาสปอร์ตให้บริษัท",
        "Chỉ cần có hộ chiếu là đi được",
        "Cukup bawa paspor saja",
    ],
)
def test_passport_positive(text: str) -> None:
    assert _code(ind.passport_collected(make(text))) == "passport_collected"


@pytest.mark.parametrize(
    "text",
    [
        "We will never ask you to hand over your passport.",
        "Passport copy for visa application",
        "公司不会扣押护照",
        "Kami tidak akan bawa paspor anda",
    ],
)
def test_passport_negative(text: str) -> None:
    assert ind.passport_collected(make(text)) is None


# --- young_no_qualification -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, ages",
    [
        ("Age 18-30, no experience needed", "18-30"),
        ("年龄18-35岁，学历不限", "18-35"),
        ("อายุ 18-30 ปี ไม่จำกัดวุฒิ", "18-30"),
        ("Độ tuổi 18 đến 28, không cần bằng cấp", "18-28"),
        ("Usia 18-27 tahun, tanpa pengalaman", "18-27"),
    ],
)
def test_young_no_qualification_positive(text: str, ages: str) -> None:
    f = ind.young_no_qualification(make(text))
    assert f is not None
    assert f.reason == f"Targets young applicants (age {ages}) with no qualification required"


@pytest.mark.parametrize(
    "text",
    [
        "Age 18-30, bachelor degree and 2 years of experience required",  # qualification asked
        "Age 25-50, no experience needed",  # not a young bracket
        "No experience needed, 2019-2024 projects",  # years, not ages
    ],
)
def test_young_no_qualification_negative(text: str) -> None:
    assert ind.young_no_qualification(make(text)) is None


# --- forum_warning --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "My cousin was trafficked and held captive in a compound",
        "我朋友被骗到缅北",
        "น้องชายถูกหลอกไปทำงาน",
        "Cảnh báo lừa đảo việc làm",
        "Awas penipuan lowongan kerja",
        "သတိပေး လူကုန်ကူး",
        "ប្រយ័ត្នការឆបោក",
    ],
)
def test_forum_warning_positive(text: str) -> None:
    assert _code(ind.forum_warning(make(text, kind="forum_thread"))) == "forum_warning"


def test_forum_warning_about_a_handle_has_its_own_code() -> None:
    inp = make(
        "Beware: this recruiter scammed my brother",
        kind="forum_thread",
        entities=[("telegram", "hr_asia_jobs"), ("phone", "+85512345678")],
    )
    f = ind.forum_warning(inp)
    assert f is not None and f.code == "forum_warning_contact"
    assert "telegram hr_asia_jobs" in f.reason and "phone +85512345678" in f.reason


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Scam warning: beware of fake recruiters", "job_ad"),  # only forum threads
        ("Which visa do I need for Thailand?", "forum_thread"),
        ("Best scampi recipe", "forum_thread"),
    ],
)
def test_forum_warning_negative(text: str, kind: str) -> None:
    assert ind.forum_warning(make(text, kind=kind)) is None
