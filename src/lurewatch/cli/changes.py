"""``lurewatch changes``: pages that changed or disappeared between their last two captures."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from lurewatch.changes import detect_changes
from lurewatch.cli.output import console, emit_json
from lurewatch.cli.state import config_of


def changes(
    ctx: typer.Context,
    all_pages: Annotated[
        bool, typer.Option("--all", help="Also list navigation pages (listings, hubs) whose content changed.")
    ] = False,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Pages whose content changed or that disappeared (404/410, dropped from their listing)."""
    config = config_of(ctx)
    found = detect_changes(config.warc_dir, include_navigation=all_pages)
    if json_out:
        emit_json([c.to_dict() for c in found])
        return
    if not found:
        console.print("no changed or removed pages between the last two captures")
        return
    table = Table(title=f"{len(found)} changes")
    for column in ("change", "url", "before", "after"):
        table.add_column(column)
    for c in found:
        table.add_row(c.change, c.url, c.before, c.after)
    console.print(table)
