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
