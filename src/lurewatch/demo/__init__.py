"""The bundled demo site: a fictional job board and forum served on 127.0.0.1.

``DemoSite`` serves it (day 1 or day 2 of its life), ``load_labels`` returns the answer key a perfect
crawler and extractor would reproduce, ``load_changes`` what differs on day 2.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lurewatch.demo.answers import PageLabel, load_changes, load_labels
    from lurewatch.demo.server import DemoSite, serve_forever

__all__ = ["DemoSite", "PageLabel", "load_changes", "load_labels", "serve_forever"]

_HOMES = {
    "DemoSite": "lurewatch.demo.server",
    "serve_forever": "lurewatch.demo.server",
    "PageLabel": "lurewatch.demo.answers",
    "load_labels": "lurewatch.demo.answers",
    "load_changes": "lurewatch.demo.answers",
}


def __getattr__(name: str) -> Any:
    # Imported lazily so `python -m lurewatch.demo.server` does not import itself twice.
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_HOMES[name]), name)
