"""``lurewatch scheduler run [--once]``"""

from __future__ import annotations

from typing import Annotated

import typer

from lurewatch.cli.output import console, emit_json
from lurewatch.cli.state import config_of
from lurewatch.config import LurewatchError
from lurewatch.schedule.runner import Scheduler, SchedulerOptions

app = typer.Typer(help="Run scheduled crawls.", no_args_is_help=True)

EXIT_JOB_FAILED = 1


@app.command()
def run(
    ctx: typer.Context,
    once: Annotated[bool, typer.Option("--once", help="Run what is due now, wait for it, and exit.")] = False,
    max_parallel: Annotated[int, typer.Option("--max-parallel", min=1, help="Crawls of different schedules at once.")] = 2,
    poll: Annotated[float, typer.Option("--poll", min=1.0, help="Seconds between looks at the schedules at most.")] = 30.0,
    grace: Annotated[float, typer.Option("--grace", min=0.0, help="Seconds a crawl may take to stop on SIGTERM.")] = 60.0,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Start due crawls (one at a time per schedule) until SIGTERM; missed runs are caught up once."""
    config = config_of(ctx)
    report = Scheduler(config, SchedulerOptions(max_parallel, poll, grace)).run(once=once)
    if json_out:
        emit_json({"started": report.started, "failed": report.failed})
    else:
        console.print(f"started {len(report.started)} crawl(s), {len(report.failed)} failed (see `lurewatch jobs`)")
    if report.failed:
        raise LurewatchError(
            f"{len(report.failed)} crawl(s) failed: {', '.join(report.failed)} (see `lurewatch jobs`)", exit_code=EXIT_JOB_FAILED
        )
