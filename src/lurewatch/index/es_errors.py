"""Elasticsearch failures as one-line ``IndexBackendError`` messages a user can act on."""

from __future__ import annotations

import re
from typing import Any

from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout, TransportError
from elasticsearch import ApiError

from lurewatch.index.base import IndexBackendError

_FIELD = re.compile(r"field \[([^\]]+)\]")
_NOISE = re.compile(r"^\[\d+:\d+\] | in document with id '[^']*'")
_ERRNO = re.compile(r"\[Errno -?\d+\] ([^)\]]+)")


def _one_line(text: str, limit: int = 300) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def describe(exc: Exception, where: str) -> IndexBackendError:
    """The error for ``exc`` raised while talking to the cluster at ``where``."""
    if isinstance(exc, ConnectionTimeout):
        return IndexBackendError(f"Elasticsearch at {where} did not answer in time: {_one_line(str(exc))}")
    if isinstance(exc, TransportConnectionError):
        errno = _ERRNO.search(str(exc))  # "[Errno 111] Connection refused" says it all
        cause = errno.group(1) if errno else _one_line(str(exc))
        return IndexBackendError(f"Elasticsearch at {where} is unreachable: {cause}")
    if isinstance(exc, ApiError):
        status = exc.meta.status if exc.meta is not None else "?"
        if status in (401, 403):
            return IndexBackendError(
                f"Elasticsearch at {where} refused the request ({status}): {_one_line(error_reason(exc.body))}; "
                "check LUREWATCH_ES_API_KEY or LUREWATCH_ES_USERNAME/LUREWATCH_ES_PASSWORD and the key's privileges"
            )
        return IndexBackendError(
            f"Elasticsearch at {where} answered {status}: {_one_line(error_reason(exc.body))}"
        )
    if isinstance(exc, TransportError):
        return IndexBackendError(f"Elasticsearch at {where}: {_one_line(str(exc))}")
    return IndexBackendError(f"Elasticsearch at {where}: {type(exc).__name__}: {_one_line(str(exc))}")


def error_reason(body: Any) -> str:
    """The innermost ``reason`` of an error body (the cause is more telling than the wrapper)."""
    if isinstance(body, dict):
        error = body.get("error", body)
        if isinstance(error, dict):
            caused = error.get("caused_by")
            reason = str(error.get("reason") or error.get("type") or error)
            if isinstance(caused, dict) and caused.get("reason"):
                return f"{reason} ({caused['reason']})"
            root = error.get("root_cause")
            if isinstance(root, list) and root and isinstance(root[0], dict) and not error.get("reason"):
                return str(root[0].get("reason"))
            return reason
        return str(error)
    return str(body)


class RejectedPages(IndexBackendError):
    """Some pages were refused for what they contain; the others of the same call were indexed."""


def rejected_page(url: str, item_error: Any, status: int) -> str:
    """One line naming the page and, when Elasticsearch says which, the field it rejected."""
    reason = _one_line(error_reason(item_error if isinstance(item_error, dict) else {"reason": item_error}))
    reason = _NOISE.sub("", reason)  # the page is named below; its hash id and JSON offset help nobody
    match = _FIELD.search(reason)
    field = f" field {match.group(1)!r}:" if match else ""
    return f"Elasticsearch rejected page {url} ({status}):{field} {reason}"
