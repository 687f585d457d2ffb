"""``lurewatch schedule add/list/remove``: recurring crawls."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

import typer
from rich.table import Table

from lurewatch.cli.crawl import _check_seeds, parse_settings
from lurewatch.cli.output import console, emit_json
from lurewatch.cli.state import config_of
from lurewatch.schedule.schedules import add_schedule, list_schedules, remove_schedule

app = typer.Typer(help="Recurring crawls.", no_args_is_help=True)


@app.command()
def add(
    ctx: typer.Context,
    urls: Annotated[list[str], typer.Argument(help="Seed URLs; each one's host is crawled.")],
    every: Annotated[str, typer.Option("--every", help="30m, 6h, 1d, 1h30m, or a cron expression such as '0 */6 * * *' (UTC).")],
    name: Annotated[str, typer.Option("--name", help="The schedule's name (default: the first seed's host).")] = "",
    render: Annotated[bool, typer.Option("--render", help="Drive Chromium through Playwright for every page.")] = False,
    max_pages: Annotated[int, typer.Option("--max-pages", min=0, help="Stop after this many pages (0: no limit).")] = 0,
    depth: Annotated[int, typer.Option("--depth", min=0, help="Follow links this many hops from the seeds (0: no limit).")] = 0,
    ignore_robots: Annotated[bool, typer.Option("--ignore-robots", help="Do not obey robots.txt.")] = False,
    setting: Annotated[list[str] | None, typer.Option("--set", "-s", help="A crawl setting NAME=VALUE (repeatable).")] = None,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Crawl the seeds now (the first run is due at once) and then on the cadence."""
    _check_seeds(urls)
    config = config_of(ctx)
    options = {
        "max_pages": max_pages,
        "depth": depth,
        "render": render,
        "obey_robots": not ignore_robots,
        "name": name,
        "settings": parse_settings(setting or []),
    }
    schedule_name = name or (urlsplit(urls[0]).hostname or urls[0])
    schedule = add_schedule(config.home, schedule_name, list(urls), every, options)
    if json_out:
        emit_json(schedule.to_dict())
    else:
        console.print(f"schedule [bold]{schedule.name}[/]: every {schedule.every}, next run {schedule.next_run}")


@app.command("list")
def list_(ctx: typer.Context, json_out: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Every schedule with its cadence, last and next run."""
    schedules = list_schedules(config_of(ctx).home)
    if json_out:
        emit_json([s.to_dict() for s in schedules])
        return
    if not schedules:
        console.print("no schedules (add one with `lurewatch schedule add URL --every 6h`)")
        return
    table = Table(title="schedules")
    for column in ("name", "every", "seeds", "last run", "next run", "enabled"):
        table.add_column(column)
    for s in schedules:
        table.add_row(s.name, s.every, "\n".join(s.seeds), s.last_run or "-", s.next_run, "yes" if s.enabled else "no")
    console.print(table)


@app.command()
def remove(ctx: typer.Context, name: Annotated[str, typer.Argument(help="The schedule's name.")]) -> None:
    """Remove a schedule (its past jobs and captures stay)."""
    remove_schedule(config_of(ctx).home, name)
    console.print(f"removed schedule {name}")
