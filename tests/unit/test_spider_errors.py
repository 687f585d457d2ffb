from twisted.python.failure import Failure

from lurewatch.crawl.spider import failure_reason


def test_wrapped_twisted_failures_become_one_readable_line() -> None:
    wrapped = (
        "[<twisted.python.failure.Failure twisted.internet.error.ConnectionLost: "
        "Connection to the other side was lost in a non-clean fashion.>]"
    )
    assert failure_reason(Failure(RuntimeError(wrapped))) == (
        "ConnectionLost: Connection to the other side was lost in a non-clean fashion"
    )


def test_plain_messages_are_kept() -> None:
    assert failure_reason(Failure(TimeoutError("took longer than 3.0 seconds"))) == "took longer than 3.0 seconds"


def test_render_failure_falls_back_to_one_plain_fetch() -> None:
    from scrapy import Request

    from lurewatch.crawl.render_middleware import META_PLAIN_FALLBACK, META_RECORDED_BY_BROWSER, plain_fallback

    rendered = Request(
        "http://127.0.0.1/busy",
        meta={"playwright": True, "playwright_include_page": True, META_RECORDED_BY_BROWSER: True, "lurewatch_depth": 2},
    )
    plain = plain_fallback(rendered)
    assert not any(key.startswith("playwright") for key in plain.meta)
    assert META_RECORDED_BY_BROWSER not in plain.meta  # the recorder archives the plain fetch
    assert plain.meta["lurewatch_depth"] == 2 and plain.meta[META_PLAIN_FALLBACK] is True
    assert plain.dont_filter
