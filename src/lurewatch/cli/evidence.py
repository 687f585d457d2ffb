"""``lurewatch evidence ...``: captures of a URL for legal teams."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from lurewatch.cli.output import console, emit_json, human_bytes
from lurewatch.cli.state import config_of
from lurewatch.config import LurewatchError
from lurewatch.evidence.captures import list_captures

app = typer.Typer(help="Retrieve, verify and export captures as evidence.", no_args_is_help=True)


@app.command("list")
def list_(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="The page URL as crawled.")],
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """All captures of a URL."""
    config = config_of(ctx)
    captures = list_captures(config.warc_dir, url)
    if json_out:
        emit_json([c.to_dict() for c in captures])
        return
    if not captures:
        raise LurewatchError(f"no capture of {url}", exit_code=4)
    table = Table(title=url)
    for column in ("captured", "status", "type", "warc", "offset", "size", "sha256"):
        table.add_column(column)
    for c in captures:
        table.add_row(c.captured_at, str(c.status), c.record_type, c.warc, str(c.offset), human_bytes(c.length), c.sha256[:16] + "…")
    console.print(table)
