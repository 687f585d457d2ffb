"""Dates given by users (``--since 2026-11-01``) in the form captures are stored in."""

from __future__ import annotations

from datetime import UTC, datetime

from lurewatch.index.base import IndexBackendError


def normalize_since(value: str) -> str:
    """``2026-11-01`` or any ISO 8601 date-time → ``2026-11-01T00:00:00Z`` (UTC, seconds)."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise IndexBackendError(f"--since {value!r} is not an ISO 8601 date (e.g. 2026-11-01)") from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
