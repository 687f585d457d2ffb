"""Numbers that look like phone numbers but are not: masked before libphonenumber reads the text.

Dates, times, reference and job numbers, salary and price figures, IP addresses, version numbers,
hashes and wallets are replaced by ``;`` of the same length. Keeping the length keeps every offset
valid, so the context around a real number (the "WhatsApp" before it) is read at the same place.
"""

from __future__ import annotations

import re

__all__ = ["mask_noise"]

_FILL = ";"

_DATE_YMD = (
    r"(?<![\d+\-./])(?:19|20)\d{2}\s?[-/.年]\s?(?:0?[1-9]|1[0-2])\s?[-/.月]\s?(?:0?[1-9]|[12]\d|3[01])日?(?!\d)"
)
_DATE_DMY = (
    r"(?<![\d+\-./])(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:(?:19|20)\d{2}|\d{2})(?![\d.\-/])"
)
_DATE_MDY = r"(?<![\d+\-./])(?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])[-/.](?:19|20)\d{2}(?![\d.\-/])"
_TIME = r"(?<![\d:])(?:[01]?\d|2[0-3])[:h][0-5]\d(?::[0-5]\d)?(?![\d:])"
_IP = r"(?<![\d.+])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\d.])"
_VERSION = r"(?i:(?<![A-Za-z])(?:v|ver\.?\s?|version\s?)\d+(?:\.\d+)+)"
# Hashes, wallets, tracking codes: long tokens mixing letters and digits, or digit runs longer
# than any phone number.
_TOKEN = r"(?<![A-Za-z0-9])(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{16,}(?![A-Za-z0-9])|(?<!\d)\d{16,}(?!\d)"
# A reference keyword and the identifier after it. Ambiguous words (order, case...) need a colon.
_REF = (
    r"(?:(?i:(?<![A-Za-z])(?:ref(?:erence)?|job\s?(?:id|no|code|number)|post\s?id|vacancy\s?(?:id|no)"
    r"|id\s?no|no\.?\s?lowongan|mã\s(?:số|tin|việc|công việc)|kode)(?![A-Za-z]))"
    r"|รหัส|เลขที่|编号|編號|单号|單號|订单号|职位编号|工号)"
    r"\.?\s?(?i:no\.?|number|#)?\s?[:：#]?\s?"
    r"[A-Za-z0-9][A-Za-z0-9\-/_.]*"
    r"|(?i:(?<![A-Za-z])(?:order|invoice|ticket|case|tracking|booking)\s?(?:no\.?|number|id|#)?\s?[:：#]\s?)"
    r"[A-Za-z0-9][A-Za-z0-9\-/_.]*"
)
_NUM = r"\d[\d,.]*+(?:\s?(?:k|K|m|M|万|千))?"
_RANGE_SEP = r"\s?(?:[-–—~～]|to|đến|ถึง|至|hingga|sampai|-)\s?"
_CUR_BEFORE = r"(?:US\$|S\$|HK\$|[$฿€£¥₱₫₹៛]|(?<![A-Za-z])(?:RM|Rp\.?|RMB|USDT?|THB|VND|PHP|IDR|MYR|CNY|SGD|KHR))"
_CUR_AFTER_SPACED = (
    r"(?i:usdt?|dollars?|baht|บาท|vnd|đồng|dong|triệu|juta|ribu|pesos?|php|ringgit|riel|khr|"
    r"rmb|元|块|美金|美元|万元|千元)"
)
_CUR_AFTER_TIGHT = r"(?:U|u|đ|₫|\$|tr|jt|rb|៛|฿)"
_MONEY = (
    rf"{_CUR_BEFORE}\s?{_NUM}(?:{_RANGE_SEP}{_CUR_BEFORE}?\s?{_NUM})?"
    rf"|(?<![\d+]){_NUM}(?:{_RANGE_SEP}{_NUM})?(?:\s?{_CUR_AFTER_SPACED}|{_CUR_AFTER_TIGHT})(?![A-Za-z])"
)
# Bare ranges that only salaries write: thousands separators, or both ends in round hundreds.
_RANGE = (
    r"(?<![\d+])\d{1,3}(?:,\d{3})+\s?[-–—~]\s?\d{1,3}(?:,\d{3})+(?!\d)"
    r"|(?<![\d+])\d+00\s?[-–—~]\s?\d+00(?!\d)"
)
# An amount after a salary word; amounts never start with 0 or "+", phone numbers usually do.
_AMOUNT = r"[1-9]\d{0,2}(?:[,.]\d{3})+(?:\s?[kK])?|[1-9]\d{0,5}(?:\s?(?:[kK]|万|千))?"
_SALARY = (
    r"(?i:salary|lương|gaji|เงินเดือน|月薪|薪资|薪水|底薪|工资|income|wage)[^\n\d+]{0,16}"
    rf"(?:{_AMOUNT})(?:{_RANGE_SEP}(?:{_AMOUNT}))?(?![\d])"
)

_NOISE = re.compile(
    "|".join(
        f"(?:{part})"
        for part in (_TOKEN, _REF, _DATE_YMD, _DATE_DMY, _DATE_MDY, _IP, _VERSION, _TIME, _MONEY,
                     _RANGE, _SALARY)
    )
)


def _fill(match: re.Match[str]) -> str:
    return _FILL * len(match.group(0))


def mask_noise(text: str) -> str:
    """``text`` with every non-phone numeric span replaced by ``;`` (same length)."""
    return _NOISE.sub(_fill, text)
