"""``lurewatch crawl URL...``"""

from __future__ import annotations

import logging
from typing import Annotated
from urllib.parse import urlsplit

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from lurewatch.cli.output import console, emit_json, err_console, human_bytes
from lurewatch.cli.state import config_of
from lurewatch.config import LurewatchError
from lurewatch.crawl.runner import CrawlOptions, CrawlSummary, run_crawl
from lurewatch.schedule.crawljob import resume_options, run_recorded

log = logging.getLogger(__name__)

EXIT_SEEDS_UNREACHABLE = 3


def parse_settings(pairs: list[str]) -> dict[str, str]:
    settings: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise LurewatchError(f"--set expects NAME=VALUE, got {pair!r}", exit_code=2)
        settings[name.strip()] = value
    return settings


def _check_seeds(urls: list[str]) -> None:
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise LurewatchError(f"not an http(s) URL: {url!r}", exit_code=2)


def crawl(
    ctx: typer.Context,
    urls: Annotated[list[str] | None, typer.Argument(help="Seed URLs; each one's host is crawled.")] = None,
    render: Annotated[bool, typer.Option("--render", help="Drive Chromium through Playwright for every page.")] = False,
    render_pattern: Annotated[
        list[str] | None,
        typer.Option("--render-pattern", help="Render only URLs matching this regex (repeatable); fetch the rest plainly."),
    ] = None,
    max_pages: Annotated[int, typer.Option("--max-pages", min=0, help="Stop after this many pages (0: no limit).")] = 0,
    depth: Annotated[int, typer.Option("--depth", min=0, help="Follow links this many hops from the seeds (0: no limit).")] = 0,
    name: Annotated[str, typer.Option("--name", help="A name for this crawl (job record, warcinfo).")] = "",
    ignore_robots: Annotated[bool, typer.Option("--ignore-robots", help="Do not obey robots.txt.")] = False,
    setting: Annotated[
        list[str] | None,
        typer.Option("--set", "-s", help="A Scrapy or LUREWATCH_* setting, NAME=VALUE (repeatable)."),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the summary as one JSON document.")] = False,
    resume: Annotated[
        str | None, typer.Option("--resume", metavar="JOB", help="Go on with a killed or stopped crawl job.")
    ] = None,
    job_id: Annotated[str | None, typer.Option("--job-id", hidden=True)] = None,  # set by the scheduler
) -> None:
    """Crawl the sites of the seed URLs (same host), archive to WARC, extract entities, index."""
    config = config_of(ctx)
    if resume:
        if urls:
            raise LurewatchError("--resume JOB takes no URLs: the job's own seeds and options are used", exit_code=2)
        options = resume_options(config, resume)
        summary = run_recorded(config, options, lambda: _run_with_progress(config, options, show=not json_out))
        _report(summary, json_out)
        return
    if not urls:
        raise LurewatchError("give at least one seed URL (or --resume JOB)", exit_code=2)
    _check_seeds(urls)
    options = CrawlOptions(
        seeds=urls,
        max_pages=max_pages,
        depth=depth,
        render=render,
        render_patterns=list(render_pattern or []),
        name=name,
        obey_robots=not ignore_robots,
        settings=parse_settings(setting or []),
    )
    if job_id:
        options.job_id = job_id
    summary = run_recorded(config, options, lambda: _run_with_progress(config, options, show=not json_out))
    _report(summary, json_out)


def _report(summary: CrawlSummary, json_out: bool) -> None:
    if json_out:
        emit_json(summary.to_dict())
    else:
        _print_summary(summary)
    if summary.all_seeds_failed:
        first = next(iter(summary.seed_errors.items()))
        raise LurewatchError(f"no seed could be fetched: {first[0]}: {first[1]}", exit_code=EXIT_SEEDS_UNREACHABLE)


def _run_with_progress(config, options: CrawlOptions, show: bool) -> CrawlSummary:  # type: ignore[no-untyped-def]
    if not show:
        return run_crawl(config, options)
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]crawling[/] {task.fields[seeds]}"),
        TextColumn("pages {task.fields[pages]}  responses {task.fields[responses]}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task("crawl", seeds=" ".join(options.seeds), pages=0, responses=0)
        counts = {"page": 0, "response": 0}

        def on_progress(kind: str, n: int) -> None:
            counts[kind] += n
            progress.update(task, pages=counts["page"], responses=counts["response"])

        return run_crawl(config, options, on_progress)


def _print_summary(summary: CrawlSummary) -> None:
    table = Table(title=f"crawl {summary.job_id}", show_header=False)
    table.add_row("pages", str(summary.pages))
    table.add_row("responses", str(summary.responses))
    table.add_row("archived", human_bytes(summary.bytes))
    table.add_row("WARC files", "\n".join(summary.warc_files) or "-")
    table.add_row("entities", str(summary.entities))
    errors = ", ".join(f"{k} {v}" for k, v in sorted(summary.error_counts.items())) or "none"
    table.add_row("errors", f"{summary.errors} ({errors})" if summary.errors else "0")
    if summary.unindexed:
        table.add_row("not indexed", f"{summary.unindexed} (run `lurewatch index rebuild`)")
    table.add_row("finished", summary.finish_reason)
    console.print(table)
