"""The ``lurewatch`` typer application: global options and the command groups."""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from lurewatch import __version__
from lurewatch.cli import changes as changes_cmd
from lurewatch.cli import crawl as crawl_cmd
from lurewatch.cli import evidence as evidence_cmd
from lurewatch.cli import index as index_cmd
from lurewatch.cli import jobs as jobs_cmd
from lurewatch.cli import schedule as schedule_cmd
from lurewatch.cli import scheduler as scheduler_cmd
from lurewatch.cli import search as search_cmd

app = typer.Typer(
    name="lurewatch",
    help="Crawl, archive as WARC evidence, and search the traces of scam-compound recruitment.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class OneLineFormatter(logging.Formatter):
    """``LEVEL logger: message``, one line per record; tracebacks only when asked for (-vv)."""

    def __init__(self, tracebacks: bool) -> None:
        super().__init__("%(levelname)s %(name)s: %(message)s")
        self.tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        if self.tracebacks:
            return super().format(record)
        saved = record.exc_info, record.exc_text, record.stack_info
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        try:
            return super().format(record)
        finally:
            record.exc_info, record.exc_text, record.stack_info = saved


_REPEATED_BY_SPIDER = ("scrapy.downloadermiddlewares.retry", "scrapy.downloadermiddlewares.robotstxt")


def _quiet_scrapy_failures(record: logging.LogRecord) -> bool:
    return not record.name.startswith(_REPEATED_BY_SPIDER)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lurewatch {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    home: Annotated[str | None, typer.Option("--home", envvar="LUREWATCH_HOME", help="Data directory.")] = None,
    index: Annotated[str | None, typer.Option("--index", envvar="LUREWATCH_INDEX", help="sqlite or http(s)://host:9200")] = None,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More log output (-vv: debug).")] = 0,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
) -> None:
    ctx.obj = {"home": home, "index": index}
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    # The level sits on the handler too: Scrapy sets its own loggers to DEBUG when a crawl starts.
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(level)
    handler.setFormatter(OneLineFormatter(tracebacks=verbose >= 2))
    logging.root.addHandler(handler)
    logging.root.setLevel(level)
    if verbose == 0:
        # Scrapy reports every retry and robots.txt failure itself; our spider already logs each
        # failed fetch in one line. A handler filter, because Scrapy resets logger levels later.
        handler.addFilter(_quiet_scrapy_failures)


app.command()(crawl_cmd.crawl)
app.command()(search_cmd.search)
app.command()(search_cmd.entities)
app.add_typer(evidence_cmd.app, name="evidence")
app.add_typer(index_cmd.app, name="index")
app.command()(jobs_cmd.jobs)
app.command()(changes_cmd.changes)
app.add_typer(schedule_cmd.app, name="schedule")
app.add_typer(scheduler_cmd.app, name="scheduler")
