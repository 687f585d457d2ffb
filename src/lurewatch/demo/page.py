"""One served resource of the demo site together with its answer-key facts."""

from __future__ import annotations

from dataclasses import dataclass

from lurewatch.demo.tokens import Entity

HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Page:
    path: str  # path plus query exactly as the site links it
    body: bytes
    kind: str  # job_ad | forum_thread | listing | other
    entities: frozenset[Entity] = frozenset()
    content_type: str = HTML
    status: int = 200
    needs_render: bool = False
    trap: bool = False
    lang: str = "en"
    scam: bool | None = None  # job ads only: is it a lure
    headers: tuple[tuple[str, str], ...] = ()  # extra headers; repeats allowed (Set-Cookie)
    delivery: str = "normal"  # normal | chunked | reset | slow | hang
