from scrapy.http import HtmlResponse

from lurewatch.parse.decode import decode_html, response_text

CHINESE = "微信：xg_kefu_2026，联系飞机"


def test_utf8_body_declared_latin1_is_read_as_utf8() -> None:
    assert decode_html("http://x/", "text/html; charset=iso-8859-1", CHINESE.encode("utf-8")) == CHINESE


def test_real_latin1_stays_latin1() -> None:
    body = "Café à Phnom Penh".encode("latin-1")
    assert decode_html("http://x/", "text/html; charset=iso-8859-1", body) == "Café à Phnom Penh"


def test_gbk_without_a_declared_charset_and_live_equals_archived() -> None:
    body = f"<html><body>{CHINESE}</body></html>".encode("gbk")
    live = response_text(HtmlResponse(url="http://x/", body=body, headers={"Content-Type": "text/html"}))
    assert live == decode_html("http://x/", "text/html", body)
