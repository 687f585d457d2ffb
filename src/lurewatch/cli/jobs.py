"""``lurewatch jobs``: every crawl, scheduled or not, with its outcome."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from lurewatch.cli.output import console, emit_json, human_bytes
from lurewatch.cli.state import config_of
from lurewatch.schedule.jobs import list_jobs


def jobs(
    ctx: typer.Context,
    schedule: Annotated[str | None, typer.Option("--schedule", help="Only the jobs of this schedule.")] = None,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Crawl jobs, newest first: status, figures, WARC files, and why a job failed."""
    config = config_of(ctx)
    found = list_jobs(config.home, schedule)
    if json_out:
        emit_json([j.to_dict() for j in found])
        return
    if not found:
        console.print("no crawl jobs yet")
        return
    table = Table(title="crawl jobs")
    for column in ("job", "schedule", "started", "finished", "status", "pages", "archived", "errors", "WARC files", "reason"):
        table.add_column(column)
    colour = {"succeeded": "green", "failed": "red", "killed": "yellow", "running": "cyan"}
    for j in found:
        table.add_row(
            j.id, j.schedule or "-", j.started, j.finished or "-", f"[{colour.get(j.status, 'white')}]{j.status}[/]",
            str(j.pages), human_bytes(j.bytes), str(j.errors), str(len(j.warc_files)), j.reason,
        )
    console.print(table)
