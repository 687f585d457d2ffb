from datetime import UTC, datetime

from lurewatch.crawl.traps import TrapFilter, canonical_url, url_pattern


def test_canonical_url_drops_session_ids_and_tracking() -> None:
    assert canonical_url("http://h/jobs/1;jsessionid=ABC?utm_source=x&page=2#top") == "http://h/jobs/1?page=2"
    assert canonical_url("HTTP://H.example/a?sid=123") == "http://h.example/a"


def test_url_pattern_blanks_numbers_and_values() -> None:
    assert url_pattern("http://h/jobs/12?page=3") == "/jobs/#?page="


def test_repeated_segments_and_depth_are_traps() -> None:
    traps = TrapFilter()
    assert traps.reject_reason("http://h/a/b/a/b/a/x") == "repeated-path-segment"
    assert traps.reject_reason("http://h/" + "/".join(f"s{i}" for i in range(20))) == "path-too-deep"
    assert traps.reject_reason("http://h/jobs/12") is None


def test_calendar_outside_window_and_budget() -> None:
    traps = TrapFilter(now=datetime(2026, 11, 23, tzinfo=UTC), max_per_calendar_pattern=3)
    assert traps.reject_reason("http://h/events/calendar?month=2031-01") == "calendar-out-of-window"
    assert traps.reject_reason("http://h/events/calendar?month=2026-12") is None
    results = [traps.admit(f"http://h/events/calendar?month=2026-{m:02d}") for m in range(1, 6)]
    assert results[:3] == [None, None, None]
    assert results[3] == "pattern-budget-exhausted"


def test_ordinary_ads_have_a_large_budget() -> None:
    traps = TrapFilter(max_per_pattern=1000)
    assert all(traps.admit(f"http://h/jobs/{i}") is None for i in range(500))
