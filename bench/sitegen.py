"""Deterministic generator of a static job-ad / forum site for the crawl benchmark.

    .venv/bin/python bench/sitegen.py [--pages 3000] [--out bench/out/site] [--seed 20261201]

Writes exactly ``--pages`` HTML files of about 20 KB each: a home page, paginated section listings
and content pages (job ads and forum threads in English, Chinese, Thai, Vietnamese and Indonesian)
with navigation, prev/next pagination and about ten cross links per page, so the whole site is
reachable from ``/``. Pages carry phone numbers, Telegram handles, e-mail, WeChat and LINE ids and
salary figures, drawn from a shared pool the way recruiters reuse contacts, so the extractors do
real work. Same seed and page count, same bytes. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import html
import logging
import math
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("sitegen")

DEFAULT_SEED = 20261201
DEFAULT_PAGES = 3000
PER_LISTING = 40
CROSS_LINKS = 8  # besides prev/next, the section index and the home page

# Section path, language, display name, URL slugs (ASCII, as real sites romanise them).
SECTIONS: list[tuple[str, str, str, list[str]]] = [
    ("jobs", "en", "Jobs", ["customer-service", "typing-staff", "online-sales", "chat-support", "hr-assistant", "marketing-team"]),
    ("zhaopin", "zh", "招聘", ["kefu", "dazi-yuan", "wangluo-xiaoshou", "caiwu", "renshi", "tuiguang"]),
    ("ngan", "th", "หางาน", ["phanakngan-khai", "admin-online", "call-center", "bancha", "kanprachasamphan"]),
    ("viec-lam", "vi", "Việc làm", ["cham-soc-khach-hang", "nhan-vien-van-phong", "ban-hang-online", "ke-toan", "tuyen-gap"]),
    ("lowongan", "id", "Lowongan", ["customer-service", "admin-kantor", "operator-chat", "marketing-online", "staf-gudang"]),
    ("forum", "mix", "Forum", ["thread", "topic", "discussion", "question", "warning", "experience"]),
]

SENTENCES: dict[str, list[str]] = {
    "en": [
        "High salary customer service job in Sihanoukville, visa and flight ticket provided.",
        "No experience needed, we train you; food and accommodation are included.",
        "Typing staff wanted for an online project, basic computer skills are enough.",
        "Contact our HR manager today to book an interview over Telegram.",
        "Work in a modern office with a friendly international team and monthly bonus.",
        "Passport required; the company handles the work permit after arrival.",
        "Candidates aged 18 to 35, English or Chinese speakers preferred.",
        "Salary paid in USDT every month, commission on top of the base pay.",
        "We cover the flight from Bangkok and the transfer to the compound.",
        "Has anyone worked for this company? My cousin never came back from the job.",
        "Be careful, they took my passport and said I owed them for the ticket.",
        "The recruiter stopped answering after I asked for the company address.",
    ],
    "zh": [
        "高薪招聘客服人员，包吃包住，机票报销。",
        "无需经验，公司提供培训，每月奖金丰厚。",
        "柬埔寨西港工作，签证由公司办理，落地即上岗。",
        "招聘打字员，会基本电脑操作即可，待遇从优。",
        "月薪一万五起，另有提成，年底双薪。",
        "有意者请加微信或者飞机联系人事主管。",
        "要求年龄十八到三十五岁，会中文和英文优先。",
        "公司位于园区内，环境优美，宿舍四人一间。",
        "有人在这家公司干过吗？朋友去了以后就联系不上了。",
        "小心这种招聘，护照被收走以后就走不了了。",
    ],
    "th": [
        "รับสมัครพนักงานด่วน เงินเดือนสูง มีที่พักและอาหารฟรี",
        "ไม่ต้องมีประสบการณ์ บริษัทสอนงานให้ทั้งหมด",
        "ทำงานที่กัมพูชา บริษัทออกค่าตั๋วเครื่องบินให้",
        "รับพนักงานแอดมินออนไลน์ พิมพ์ภาษาไทยได้คล่อง",
        "สนใจติดต่อฝ่ายบุคคลผ่านเทเลแกรมหรือไลน์",
        "อายุ 18 ถึง 35 ปี มีพาสปอร์ตพร้อมเดินทาง",
        "โบนัสทุกเดือนตามยอดขาย จ่ายเป็นเงินดอลลาร์",
        "มีใครเคยไปทำงานที่นี่บ้าง เพื่อนติดต่อไม่ได้เลย",
        "ระวังงานแบบนี้ เขายึดพาสปอร์ตแล้วไม่ให้กลับบ้าน",
    ],
    "vi": [
        "Tuyển dụng nhân viên chăm sóc khách hàng, lương cao, bao ăn ở.",
        "Không cần kinh nghiệm, công ty đào tạo từ đầu.",
        "Hỗ trợ vé máy bay miễn phí, làm việc tại Campuchia.",
        "Tuyển gấp nhân viên văn phòng biết đánh máy tiếng Trung.",
        "Liên hệ phòng nhân sự qua Telegram hoặc Zalo để phỏng vấn.",
        "Độ tuổi từ 18 đến 35, có hộ chiếu là được.",
        "Thưởng hàng tháng theo doanh số, trả lương bằng USDT.",
        "Có ai từng làm ở công ty này chưa? Em họ tôi đi rồi mất liên lạc.",
        "Cẩn thận, họ giữ hộ chiếu và bắt trả tiền vé máy bay.",
    ],
    "id": [
        "Lowongan kerja di Kamboja, gaji tinggi, tiket pesawat gratis.",
        "Tanpa pengalaman kerja, perusahaan memberikan pelatihan.",
        "Mess dan makan ditanggung perusahaan, bonus setiap bulan.",
        "Dibutuhkan segera operator chat yang bisa mengetik cepat.",
        "Hubungi HRD kami lewat Telegram atau WhatsApp untuk wawancara.",
        "Usia 18 sampai 35 tahun, memiliki paspor aktif.",
        "Gaji dibayar dengan USDT, komisi tambahan sesuai target.",
        "Ada yang pernah kerja di sini? Teman saya tidak bisa dihubungi lagi.",
        "Hati-hati, paspor ditahan dan disuruh bayar utang tiket.",
    ],
}

TITLES: dict[str, list[str]] = {
    "en": ["Customer service staff wanted", "Typing job, high salary", "Online sales team hiring", "Chat support, visa provided"],
    "zh": ["高薪招聘客服", "招聘打字员", "网络销售急聘", "西港公司招人事"],
    "th": ["รับสมัครพนักงานด่วน", "งานแอดมินออนไลน์", "รับคอลเซ็นเตอร์", "งานต่างประเทศรายได้ดี"],
    "vi": ["Tuyển nhân viên CSKH", "Việc làm lương cao", "Tuyển gấp văn phòng", "Việc làm tại Campuchia"],
    "id": ["Lowongan customer service", "Dicari operator chat", "Lowongan kerja luar negeri", "Admin kantor gaji tinggi"],
}

CITIES = ["Sihanoukville", "Phnom Penh", "Bavet", "Poipet", "Myawaddy", "Golden Triangle", "Manila", "Dubai"]
MAIL_DOMAINS = ["gmail.com", "outlook.com", "yahoo.com", "proton.me", "163.com", "qq.com", "hotmail.com"]
PHONE_FORMATS = [  # country code and digit groups, as posters write them
    ("+855", (2, 3, 3)),
    ("+66", (2, 3, 4)),
    ("+84", (3, 3, 3)),
    ("+62", (3, 4, 4)),
    ("+86", (3, 4, 4)),
    ("+63", (3, 3, 4)),
]
_SYLLABLES = ["ka", "ri", "mo", "tan", "lee", "win", "hr", "job", "max", "sun", "lin", "ng", "vy", "dewi", "chai"]


@dataclass(frozen=True)
class Contacts:
    phones: list[str]
    telegram: list[str]
    emails: list[str]
    wechat: list[str]
    line: list[str]


@dataclass
class Page:
    path: str  # URL path, "/jobs/customer-service-12.html"
    section: str
    lang: str
    title: str
    links: list[tuple[str, str]] = field(default_factory=list)  # (path, title)


def _handle(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))) + str(rng.randint(1, 999))


def _phone(rng: random.Random) -> str:
    code, groups = rng.choice(PHONE_FORMATS)
    first = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(groups[0] - 1))
    rest = ["".join(str(rng.randint(0, 9)) for _ in range(n)) for n in groups[1:]]
    sep = rng.choice([" ", " ", "-"])
    return code + " " + sep.join([first, *rest])


def make_contacts(rng: random.Random, size: int = 300) -> Contacts:
    return Contacts(
        phones=[_phone(rng) for _ in range(size)],
        telegram=[_handle(rng) for _ in range(size)],
        emails=[f"{_handle(rng)}@{rng.choice(MAIL_DOMAINS)}" for _ in range(size)],
        wechat=["wxid_" + _handle(rng) for _ in range(size // 3)],
        line=[_handle(rng) for _ in range(size // 3)],
    )


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _contact_block(rng: random.Random, contacts: Contacts) -> str:
    tg = rng.choice(contacts.telegram)
    items = [
        f'<li>Telegram: <a href="https://t.me/{tg}">t.me/{tg}</a></li>',
        f"<li>WhatsApp / Tel: {rng.choice(contacts.phones)}</li>",
        f'<li>Email: <a href="mailto:{(mail := rng.choice(contacts.emails))}">{mail}</a></li>',
    ]
    if rng.random() < 0.4:
        items.append(f"<li>微信 WeChat: {rng.choice(contacts.wechat)}</li>")
    if rng.random() < 0.3:
        items.append(f"<li>LINE ID: {rng.choice(contacts.line)}</li>")
    return '<ul class="contact">' + "".join(items) + "</ul>"


def _salary(rng: random.Random, lang: str) -> str:
    low = rng.randrange(800, 2000, 100)
    high = low + rng.randrange(500, 3000, 100)
    return {
        "en": f"Salary: ${low:,} - ${high:,} per month",
        "zh": f"月薪 {low}-{high} 美元",
        "th": f"เงินเดือน {low * 35:,} - {high * 35:,} บาท",
        "vi": f"Lương {low:,} - {high:,} USD/tháng",
        "id": f"Gaji {low:,} - {high:,} USD per bulan",
    }[lang]


def _paragraph(rng: random.Random, lang: str, n: int) -> str:
    sep = "" if lang in ("zh", "th") else " "
    return "<p>" + _esc(sep.join(rng.choice(SENTENCES[lang]) for _ in range(n))) + "</p>"


def _lang_of(rng: random.Random, section_lang: str) -> str:
    return rng.choice(list(SENTENCES)) if section_lang == "mix" else section_lang


def plan_site(rng: random.Random, total: int) -> tuple[list[Page], dict[str, list[list[Page]]]]:
    """Content pages and per-section listing pages, ``1 + len(content) + listings == total``."""
    if total < 1 + 2 * len(SECTIONS):
        raise ValueError(f"--pages must be at least {1 + 2 * len(SECTIONS)}")

    def listings_for(content: int) -> int:
        per = [content // len(SECTIONS) + (1 if i < content % len(SECTIONS) else 0) for i in range(len(SECTIONS))]
        return sum(max(1, math.ceil(n / PER_LISTING)) for n in per)

    content = total - 1
    while 1 + content + listings_for(content) > total:
        content -= 1
    # The loop may undershoot by one page when a listing boundary is crossed; a listing then takes it.
    pages: list[Page] = []
    for i in range(content):
        section, lang, _, slugs = SECTIONS[i % len(SECTIONS)]
        number = 1000 + i * 7 + rng.randint(0, 6)
        path = f"/{section}/{rng.choice(slugs)}-{number}.html"
        page_lang = _lang_of(rng, lang)
        pages.append(Page(path, section, page_lang, rng.choice(TITLES[page_lang])))
    by_section: dict[str, list[Page]] = {s[0]: [p for p in pages if p.section == s[0]] for s in SECTIONS}
    listings: dict[str, list[list[Page]]] = {}
    for section, members in by_section.items():
        chunks = [members[i : i + PER_LISTING] for i in range(0, len(members), PER_LISTING)] or [[]]
        listings[section] = chunks
    spare = total - (1 + content + sum(len(c) for c in listings.values()))
    for section, _, _, _ in SECTIONS[:spare]:  # pad with empty trailing listing pages
        listings[section].append([])
    return pages, listings


def listing_path(section: str, index: int) -> str:
    return f"/{section}/" if index == 0 else f"/{section}/p{index + 1}.html"


def _nav(current: str) -> str:
    items = ['<a href="/">Home</a>'] + [
        f'<a href="/{s}/"{" class=active" if s == current else ""}>{_esc(name)}</a>' for s, _, name, _ in SECTIONS
    ]
    return '<nav class="top">' + " | ".join(items) + "</nav>"


def _shell(lang: str, title: str, section: str, body: str) -> str:
    html_lang = "en" if lang == "mix" else lang
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
        f"<title>{_esc(title)}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "</head><body>"
        f'<header><div class="logo">AsiaJobs Board</div>{_nav(section)}</header>'
        f'<main>{body}</main><footer><p>&copy; AsiaJobs Board. <a href="/">Home</a></p></footer>'
        "</body></html>\n"
    )


def render_content(rng: random.Random, page: Page, prev: Page | None, nxt: Page | None, listing: str, contacts: Contacts) -> str:
    lang = page.lang
    parts = [
        f'<div class="crumbs"><a href="/">Home</a> &rsaquo; <a href="{listing}">{_esc(page.section)}</a></div>',
        f"<article><h1>{_esc(page.title)} — {_esc(rng.choice(CITIES))}</h1>",
        f'<p class="meta">{_esc(_salary(rng, lang))}</p>',
        _paragraph(rng, lang, rng.randint(3, 6)),
        _contact_block(rng, contacts),
        _paragraph(rng, lang, rng.randint(2, 5)),
        "</article>",
        '<aside class="related"><h2>Related</h2><ul>'
        + "".join(f'<li><a href="{href}">{_esc(text)}</a></li>' for href, text in page.links)
        + "</ul></aside>",
        '<div class="pager">'
        + (f'<a rel="prev" href="{prev.path}">&laquo; prev</a> ' if prev else "")
        + (f'<a rel="next" href="{nxt.path}">next &raquo;</a>' if nxt else "")
        + "</div>",
        '<section class="replies"><h2>Replies</h2>',
    ]
    target = rng.randint(17_500, 22_500)
    size = sum(len(p.encode()) for p in parts)
    reply = 0
    while size < target:
        reply += 1
        reply_lang = lang if rng.random() < 0.8 else rng.choice(list(SENTENCES))
        chunk = (
            f'<div class="reply" id="r{reply}"><p class="who">{_esc(_handle(rng))} #{reply}</p>'
            + _paragraph(rng, reply_lang, rng.randint(1, 4))
            + (f"<p>tg: @{rng.choice(contacts.telegram)} / {rng.choice(contacts.phones)}</p>" if rng.random() < 0.15 else "")
            + "</div>"
        )
        parts.append(chunk)
        size += len(chunk.encode())
    parts.append("</section>")
    return _shell(lang, page.title, page.section, "".join(parts))


def render_listing(rng: random.Random, section: str, lang: str, name: str, index: int, chunks: list[list[Page]]) -> str:
    members = chunks[index]
    rows = "".join(
        f'<li><a href="{p.path}">{_esc(p.title)}</a> <span class="city">{_esc(rng.choice(CITIES))}</span></li>' for p in members
    )
    pager = " ".join(
        f'<a href="{listing_path(section, i)}">{i + 1}</a>' if i != index else f"<b>{i + 1}</b>" for i in range(len(chunks))
    )
    body = [f"<h1>{_esc(name)} — page {index + 1}</h1>", f'<ul class="listing">{rows}</ul>', f'<div class="pager">{pager}</div>']
    size = sum(len(b.encode()) for b in body)
    page_lang = "en" if lang == "mix" else lang
    while size < 18_000:  # listing pages carry teaser text too, to keep every page about 20 KB
        teaser = _paragraph(rng, page_lang, 3)
        body.append(teaser)
        size += len(teaser.encode())
    return _shell(lang, f"{name} — page {index + 1}", section, "".join(body))


def render_home(rng: random.Random, pages: list[Page], listings: dict[str, list[list[Page]]]) -> str:
    body = ["<h1>AsiaJobs Board</h1>"]
    for section, lang, name, _ in SECTIONS:
        latest = listings[section][0][:8]
        body.append(
            f'<h2><a href="/{section}/">{_esc(name)}</a></h2><ul>'
            + "".join(f'<li><a href="{p.path}">{_esc(p.title)}</a></li>' for p in latest)
            + "</ul>"
        )
    size = sum(len(b.encode()) for b in body)
    while size < 18_000:
        teaser = _paragraph(rng, rng.choice(list(SENTENCES)), 3)
        body.append(teaser)
        size += len(teaser.encode())
    return _shell("en", "AsiaJobs Board", "", "".join(body))


def generate(out: Path, total: int = DEFAULT_PAGES, seed: int = DEFAULT_SEED) -> int:
    """Write the site into ``out`` (emptied first); return the number of HTML files written."""
    rng = random.Random(seed)
    contacts = make_contacts(rng)
    pages, listings = plan_site(rng, total)
    for page in pages:
        others = rng.sample(pages, min(CROSS_LINKS, len(pages)))
        page.links = [(o.path, o.title) for o in others if o is not page]
    if out.exists():
        shutil.rmtree(out)
    written = 0

    def write(url_path: str, text: str) -> None:
        nonlocal written
        target = out / (url_path.lstrip("/") + ("index.html" if url_path.endswith("/") else ""))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written += 1

    write("/", render_home(rng, pages, listings))
    for section, lang, name, _ in SECTIONS:
        chunks = listings[section]
        for index in range(len(chunks)):
            write(listing_path(section, index), render_listing(rng, section, lang, name, index, chunks))
        members = [p for p in pages if p.section == section]
        for i, page in enumerate(members):
            prev = members[i - 1] if i > 0 else None
            nxt = members[i + 1] if i + 1 < len(members) else None
            listing = listing_path(section, i // PER_LISTING)
            write(page.path, render_content(rng, page, prev, nxt, listing, contacts))
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=DEFAULT_PAGES)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out" / "site")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    n = generate(args.out, args.pages, args.seed)
    size = sum(p.stat().st_size for p in args.out.rglob("*.html"))
    log.info("wrote %d pages, %.1f MB (%.1f KB/page) into %s", n, size / 1e6, size / n / 1e3, args.out)


if __name__ == "__main__":
    main()
