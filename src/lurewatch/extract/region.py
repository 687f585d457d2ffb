"""Which country a page is about, when the page itself says so.

The phone extractor needs a region to read national numbers (``012 345 678`` is Cambodian only if
we know the page is about Cambodia). Evidence, each weighted: the country and its recruiting hubs
named in the text (in the languages of the region), the country-code TLD of the URL, ``+855``-style
dialling codes, and a language spoken in only one country. A clear winner or nothing: a wrong
region would turn reference numbers into phones, so ``None`` is the answer when unsure.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from urllib.parse import urlsplit

import phonenumbers

__all__ = ["infer_region", "language_region", "region_from_url"]

# ISO code -> names of the country and of its cities/zones that recruitment ads mention.
# Latin-script entries are whole words, case-insensitive; the others are matched as substrings, so
# they are chosen long enough not to occur inside unrelated words.
_PLACES: dict[str, tuple[str, ...]] = {
    "KH": (
        "Cambodia", "Kampuchea", "Phnom Penh", "Sihanoukville", "Sihanouk", "Siem Reap", "Poipet",
        "Bavet", "Koh Kong", "Kampot", "Campuchia", "Kamboja", "Kemboja", "Kambodya",
        "Cam-pu-chia", "Phnôm Pênh", "Xihanuc",
        "柬埔寨", "柬国", "金边", "金邊", "西港", "西哈努克", "波贝", "波貝", "巴域", "暹粒", "木牌",
        "กัมพูชา", "พนมเปญ", "สีหนุวิลล์", "ปอยเปต", "เกาะกง",
        "កម្ពុជា", "ភ្នំពេញ", "ព្រះសីហនុ", "ប៉ោយប៉ែត", "បាវិត",
        "ကမ္ဘောဒီးယား", "ກຳປູເຈຍ",
    ),
    "TH": (
        "Thailand", "Bangkok", "Mae Sot", "Chiang Mai", "Chiang Rai", "Pattaya", "Phuket",
        "Thái Lan", "Bangkok", "Tailandia", "Taylandiya", "Thai Lan",
        "泰国", "泰國", "曼谷", "美索", "清迈", "芭提雅", "普吉",
        "ประเทศไทย", "กรุงเทพ", "แม่สอด", "เชียงใหม่", "เชียงราย", "พัทยา",
        "ប្រទេសថៃ", "ထိုင်းနိုင်ငံ", "ປະເທດໄທ",
    ),
    "VN": (
        "Vietnam", "Viet Nam", "Việt Nam", "Hanoi", "Hà Nội", "Ho Chi Minh", "Hồ Chí Minh",
        "Saigon", "Sài Gòn", "Da Nang", "Đà Nẵng", "Moc Bai", "Mộc Bài", "Biyetnam",
        "越南", "胡志明", "河内", "河內", "岘港", "木排",
        "เวียดนาม", "វៀតណាម", "ဗီယက်နမ်", "ຫວຽດນາມ",
    ),
    "LA": (
        "Laos", "Lao PDR", "Vientiane", "Bokeo", "Golden Triangle", "Ton Pheung", "Boten", "Lào",
        "老挝", "老撾", "寮国", "万象", "萬象", "金三角", "磨丁", "博胶",
        "ประเทศลาว", "สปป.ลาว", "เวียงจันทน์", "สามเหลี่ยมทองคำ",
        "ប្រទេសឡាវ", "လာအို", "ປະເທດລາວ", "ສປປ ລາວ", "ວຽງຈັນ",
    ),
    "MM": (
        "Myanmar", "Burma", "Myawaddy", "Yangon", "Rangoon", "Tachileik", "Shwe Kokko", "KK Park",
        "Laukkaing", "Shan State", "Miến Điện", "Mandalay",
        "缅甸", "緬甸", "妙瓦底", "大其力", "仰光", "果敢", "佤邦", "亚太城", "掸邦", "KK园区",
        "พม่า", "เมียนมา", "เมียวดี", "ท่าขี้เหล็ก",
        "မြန်မာ", "ရန်ကုန်", "မြဝတီ", "တာချီလိတ်", "មីយ៉ាន់ម៉ា", "ມຽນມາ",
    ),
    "MY": (
        "Malaysia", "Kuala Lumpur", "Johor Bahru", "Penang", "Ma-lai-xi-a",
        "马来西亚", "馬來西亞", "吉隆坡", "大马", "新山",
        "มาเลเซีย", "ម៉ាឡេស៊ី",
    ),
    "ID": (
        "Indonesia", "Jakarta", "Batam", "Surabaya", "Bali", "In-đô-nê-xi-a",
        "印尼", "印度尼西亚", "雅加达", "巴淡",
        "อินโดนีเซีย", "ឥណ្ឌូណេស៊ី",
    ),
    "PH": (
        "Philippines", "Pilipinas", "Filipina", "Manila", "Pasay", "Pampanga", "Cebu", "Makati",
        "Philippin", "Phi-líp-pin",
        "菲律宾", "菲律賓", "马尼拉", "馬尼拉", "克拉克",
        "ฟิลิปปินส์", "ហ្វីលីពីន",
    ),
    "SG": ("Singapore", "Singapura", "新加坡", "สิงคโปร์"),
    "CN": ("Trung Quốc", "Tiongkok", "中国大陆", "中國大陸", "ประเทศจีน"),
    "AE": ("Dubai", "Abu Dhabi", "United Arab Emirates", "迪拜", "阿联酋", "ดูไบ"),
}

_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff .\-]+")
_LETTERS = "a-z\u00c0-\u024f\u1e00-\u1eff"
_WORD = re.compile(rf"[{_LETTERS}]+")


def _compile() -> tuple[dict[str, list[tuple[str, str]]], re.Pattern[str], dict[str, str]]:
    """Latin names indexed by their first word (looked up in the page's word counts, much faster
    than one big alternation); other scripts as one alternation of literals."""
    by_first_word: dict[str, list[tuple[str, str]]] = {}
    owner: dict[str, str] = {}
    other: list[str] = []
    for region, names in _PLACES.items():
        for name in names:
            if _LATIN.fullmatch(name):
                words = _WORD.findall(name.lower())
                by_first_word.setdefault(words[0], []).append((" ".join(words), region))
            else:
                owner[name.lower()] = region
                other.append(name)
    ordered = sorted(set(other), key=len, reverse=True)
    return by_first_word, re.compile("|".join(map(re.escape, ordered))), owner


_LATIN_NAMES, _OTHER_PLACES, _OWNER = _compile()


@lru_cache(maxsize=256)
def _phrase(name: str) -> re.Pattern[str]:
    words = name.split(" ")
    return re.compile(
        rf"(?<![{_LETTERS}])" + rf"[^{_LETTERS}]{{1,3}}".join(map(re.escape, words)) + rf"(?![{_LETTERS}])"
    )


def _latin_mentions(low: str) -> Counter[str]:
    """Mentions per region of the Latin-script names, from the page's word counts."""
    words = Counter(_WORD.findall(low))
    counts: Counter[str] = Counter()
    for word in words.keys() & _LATIN_NAMES.keys():
        for name, region in _LATIN_NAMES[word]:
            if name == word:
                counts[region] += words[word]
            else:  # several words ("phnom penh"): counted where they stand together
                counts[region] += len(_phrase(name).findall(low))
    return counts


# "+855", "(+66)", "+84-": a dialling code written out is a strong hint for national numbers nearby.
_DIAL_CODE = re.compile(r"\+(?<![\w+]\+)\s?\(?(\d{1,3})")  # "+" first: a fast scan

# Languages spoken as a national language in one country only.
_LANG_REGION = {"th": "TH", "vi": "VN", "km": "KH", "lo": "LA", "my": "MM", "id": "ID", "tl": "PH",
                "fil": "PH", "ms": "MY"}

# Country-code TLDs that are sold as generic names and say nothing about a country.
_VANITY_TLDS = frozenset({"io", "co", "me", "tv", "ai", "ly", "gg", "cc", "ws", "fm", "am", "to",
                          "sh", "so", "nu", "tk", "ml", "ga", "cf", "gq", "vc", "bz", "xyz", "app"})

_PLACE_WEIGHT, _TLD_WEIGHT, _DIAL_WEIGHT, _LANG_WEIGHT = 2, 3, 2, 1
_PLACE_CAP, _DIAL_CAP = 6, 4


# Scripts written for one national language; counted to tell a Thai-language ad from a Khmer one.
_SCRIPTS = (
    ("TH", re.compile(r"[\u0e01-\u0e5b]")),
    ("LA", re.compile(r"[\u0e81-\u0edf]")),
    ("KH", re.compile(r"[\u1780-\u17f9]")),
    ("MM", re.compile(r"[\u1000-\u109f]")),
    # Vietnamese: Latin letters with the stacked diacritics only Vietnamese uses.
    ("VN", re.compile(r"[\u1ea0-\u1ef9\u01a0\u01a1\u01af\u01b0\u0110\u0111]")),
)
# Chinese-language ads list mainland numbers (recruiters and victims alike come from there); Han
# characters count only as a fallback region and need a real run of Chinese text.
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_MIN = 10
_SCRIPT_MIN = 3
_SCRIPT_SAMPLE = 8000


@lru_cache(maxsize=32)
def language_region(text: str, lang: str = "") -> str | None:
    """The country whose national language the page is written in, when only one speaks it.

    Recruiters list numbers of the country they recruit from: a Thai-language ad for a job in
    Cambodia gives Thai numbers. ``lang`` (a detected language code) wins; otherwise the script.
    """
    by_lang = _LANG_REGION.get(lang.split("-")[0].lower()) if lang else None
    if by_lang:
        return by_lang
    if text.isascii():
        return None
    sample = text[:_SCRIPT_SAMPLE]  # the language shows long before the end of a page
    best, best_count = None, 0
    for region, pattern in _SCRIPTS:
        count = len(pattern.findall(sample))
        if count > best_count:
            best, best_count = region, count
    if best_count >= _SCRIPT_MIN:
        return best
    return "CN" if len(_HAN.findall(sample)) >= _HAN_MIN else None


def region_from_url(url: str) -> str | None:
    """The country of a URL's country-code TLD (``.kh``, ``.com.kh``), ignoring vanity TLDs."""
    host = (urlsplit(url).hostname or "") if "//" in url else url
    tld = host.rstrip(".").rsplit(".", 1)[-1].lower()
    if len(tld) != 2 or not tld.isalpha() or tld in _VANITY_TLDS:
        return None
    region = "GB" if tld == "uk" else tld.upper()
    return region if region in phonenumbers.SUPPORTED_REGIONS else None


def _dial_code_region(digits: str) -> str | None:
    for size in (1, 2, 3):
        code = int(digits[:size])
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            region = phonenumbers.region_code_for_country_code(code)
            return None if region == phonenumbers.UNKNOWN_REGION else region
    return None


@lru_cache(maxsize=32)
def infer_region(text: str, url: str = "", lang: str = "") -> str | None:
    """ISO 3166 alpha-2 code of the country the page is about, or ``None`` when unsure."""
    places: Counter[str] = Counter()
    for region, count in _latin_mentions(text.lower()).items():
        places[region] += _PLACE_WEIGHT * count
    for match in _OTHER_PLACES.finditer(text):
        region = _OWNER.get(match.group(0).lower())
        if region:
            places[region] += _PLACE_WEIGHT
    dials: Counter[str] = Counter()
    for match in _DIAL_CODE.finditer(text):
        region = _dial_code_region(match.group(1))
        if region:
            dials[region] += _DIAL_WEIGHT

    scores: Counter[str] = Counter()
    for region, score in places.items():
        scores[region] += min(score, _PLACE_CAP)
    for region, score in dials.items():
        scores[region] += min(score, _DIAL_CAP)
    tld_region = region_from_url(url) if url else None
    if tld_region:
        scores[tld_region] += _TLD_WEIGHT
    lang_region = _LANG_REGION.get(lang.split("-")[0].lower()) if lang else None
    if lang_region:
        scores[lang_region] += _LANG_WEIGHT

    ranked = scores.most_common(2)
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) == 2 and ranked[0][1] < 1.5 * ranked[1][1]:
        return None  # two countries with similar evidence: reading national numbers is a guess
    return ranked[0][0]
