"""``lurewatch index rebuild``"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from lurewatch.cli.output import console, emit_json, err_console
from lurewatch.cli.state import config_of
from lurewatch.index import open_index
from lurewatch.index.rebuild import rebuild_index

app = typer.Typer(help="Manage the search index.", no_args_is_help=True)


@app.command()
def rebuild(ctx: typer.Context, json_out: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Rebuild the index from the WARC files (atomically: searches see the old index until done)."""
    config = config_of(ctx)
    backend = open_index(config.index_uri, config.home)
    try:
        with Progress(SpinnerColumn(), TextColumn("rebuilding: {task.completed} pages"), TimeElapsedColumn(),
                      console=err_console, transient=True, disable=json_out) as progress:
            task = progress.add_task("rebuild", total=None)
            count = rebuild_index(backend, config.warc_dir, lambda: progress.advance(task))
    finally:
        backend.close()
    if json_out:
        emit_json({"indexed": count, "index": config.index_uri})
    else:
        console.print(f"indexed {count} pages from {config.warc_dir}")
