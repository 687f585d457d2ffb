"""``lurewatch search`` and ``lurewatch entities``: reads from the index backend."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from lurewatch.cli.output import console, emit_json
from lurewatch.cli.state import config_of
from lurewatch.entity_values import normalize_value
from lurewatch.index import SearchQuery, open_index


def search(
    ctx: typer.Context,
    query: Annotated[str | None, typer.Argument(help="Full-text query; \"quotes\" for a phrase.")] = None,
    entity_type: Annotated[str | None, typer.Option("--type", help="Entity type, e.g. telegram.")] = None,
    value: Annotated[str | None, typer.Option("--value", help="Entity value, e.g. hr_asia_jobs.")] = None,
    site: Annotated[str | None, typer.Option("--site", help="Host name.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Captured at or after (ISO date).")] = None,
    min_risk: Annotated[float | None, typer.Option("--min-risk", min=0.0, max=1.0, help="Minimum risk score.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many hits.")] = 20,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Full-text and filter search over the newest capture of each page."""
    config = config_of(ctx)
    if value and entity_type:
        value = normalize_value(entity_type, value)
    backend = open_index(config.index_uri, config.home)
    try:
        result = backend.search(
            SearchQuery(text=query, entity_type=entity_type, entity_value=value, site=site, since=since,
                        min_risk=min_risk, limit=limit)
        )
    finally:
        backend.close()
    if json_out:
        document = result.to_dict()
        emit_json(document)
        return
    table = Table(title=f"{result.total} pages", show_lines=False)
    for column in ("risk", "captured", "title / url", "entities"):
        table.add_column(column)
    for hit in result.hits:
        entities = ", ".join(f"{e.type}:{e.value}" for e in hit.entities[:6])
        if len(hit.entities) > 6:
            entities += f" (+{len(hit.entities) - 6})"
        table.add_row(f"{hit.risk.score:.2f}", hit.captured_at, f"{hit.title}\n[dim]{hit.url}[/]", entities)
    console.print(table)


def entities(
    ctx: typer.Context,
    entity_type: Annotated[str | None, typer.Option("--type", help="Only this entity type.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=0, help="Show at most this many (0: all).")] = 0,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Every entity with where and when it was seen."""
    config = config_of(ctx)
    backend = open_index(config.index_uri, config.home)
    try:
        found = backend.entities(entity_type)
    finally:
        backend.close()
    if limit:
        found = found[:limit]
    if json_out:
        emit_json([e.to_dict() for e in found])
        return
    table = Table(title=f"{len(found)} entities")
    for column in ("type", "value", "pages", "first seen", "last seen"):
        table.add_column(column)
    for e in found:
        table.add_row(e.type, e.value, str(e.count), e.first_seen, e.last_seen)
    console.print(table)
