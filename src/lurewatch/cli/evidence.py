"""``lurewatch evidence ...``: captures of a URL for legal teams: list, export, verify, replay,
and the custody ledger."""

from __future__ import annotations

import logging
import signal
import time
import webbrowser
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from lurewatch.cli.output import console, emit_json, human_bytes
from lurewatch.cli.state import config_of
from lurewatch.config import Config, LurewatchError
from lurewatch.evidence import ledger, tsa
from lurewatch.evidence import replay as replay_mod
from lurewatch.evidence.captures import list_captures
from lurewatch.evidence.verify import (
    VerificationFailed,
    Verified,
    kind_of,
    verify_path,
)
from lurewatch.evidence.wacz import export as export_capture
from lurewatch.warc.records import file_sha256

log = logging.getLogger(__name__)

EXIT_NOT_INTACT = 1

app = typer.Typer(help="Retrieve, verify and export captures as evidence.", no_args_is_help=True)
ledger_app = typer.Typer(help="The custody ledger: every sealed WARC, export and verification.", no_args_is_help=True)
app.add_typer(ledger_app, name="ledger")

AtOption = Annotated[
    str | None, typer.Option("--at", help="ISO 8601 time: the capture in force then (default: the newest).")
]
TsaCaOption = Annotated[
    str | None, typer.Option("--tsa-ca", help=f"PEM bundle of trusted TSA CAs (default ${tsa.ENV_CA}).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]


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


@app.command()
def export(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="The page URL as crawled.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The package to write, FILE.wacz (reports go beside it).")
    ],
    at: AtOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace existing output files.")] = False,
    tsa_urls: Annotated[
        list[str] | None, typer.Option("--tsa", help=f"RFC 3161 TSA URL (repeatable; default ${tsa.ENV_URLS}).")
    ] = None,
    tsa_ca: TsaCaOption = None,
    json_out: JsonOption = False,
) -> None:
    """The capture in force at a time as a signed, self-contained WACZ package with its report."""
    config = config_of(ctx)
    result = export_capture(config, url, at, output, force, tsa.TsaConfig.from_env(tsa_urls, tsa_ca))
    if json_out:
        emit_json(result.to_dict())
        return
    table = Table(title=f"exported {result.capture.url}", show_header=False)
    table.add_column("what")
    table.add_column("value", overflow="fold")  # hashes in full: people compare them
    table.add_row("capture", f"{result.capture.captured_at} ({result.capture.record_type}, {result.records} records)")
    table.add_row("package", str(result.targets.wacz))
    table.add_row("sha256", result.sha256)
    table.add_row("reports", f"{result.targets.html}\n{result.targets.pdf}")
    table.add_row("signing key", result.key_fingerprint)
    table.add_row("timestamps", "\n".join(result.timestamps) or "none (no TSA configured)")
    table.add_row("custody", f"ledger entry #{result.ledger_seq}")
    console.print(table)


def _record_verification(config: Config, path: Path, kind: str, outcome: str, detail: str) -> None:
    """Every verification of a file goes into the ledger; a broken ledger is left as found."""
    if kind == "ledger" and outcome != "intact":
        return
    if not config.home.is_dir():
        return
    ledger.append(config.home, ledger.VERIFY, path.name, file_sha256(path) if path.is_file() else "",
                  config.operator, {"kind": kind, "path": str(path.resolve()), "result": outcome, "detail": detail})


def _print_verified(result: Verified) -> None:
    console.print(
        f"[green]intact[/]: {result.kind} {result.path} (sha256 {result.sha256})", highlight=False, soft_wrap=True
    )
    for step in result.steps:
        console.print(f"  ok  {step}", highlight=False, soft_wrap=True)
    for note in result.notes:
        console.print(f"  note {note}", highlight=False, soft_wrap=True)


@app.command()
def verify(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A WARC file, a WACZ package, or the custody ledger (custody.jsonl).")],
    tsa_ca: TsaCaOption = None,
    json_out: JsonOption = False,
) -> None:
    """Exit 0 if the file is intact; otherwise name the file, record or step that failed."""
    config = config_of(ctx)
    try:
        result = verify_path(path, config.home, tsa.TsaConfig.from_env(None, tsa_ca))
    except VerificationFailed as exc:
        if path.is_file():
            _record_verification(config, path, kind_of(path), "failed", str(exc))
        raise LurewatchError(f"not intact: {exc}", exit_code=EXIT_NOT_INTACT) from exc
    _record_verification(config, path, result.kind, "intact", "; ".join(result.steps))
    if json_out:
        emit_json(result.to_dict())
    else:
        _print_verified(result)


@app.command()
def replay(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="The page URL as crawled.")],
    at: AtOption = None,
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port on 127.0.0.1 (0: a free one).")] = 0,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Only print the replay URL.")] = False,
) -> None:
    """Open the capture in a private local pywb instance (Ctrl-C stops it)."""
    config = config_of(ctx)
    server = replay_mod.start(config, url, at, port)

    def stop_on_term(signum: int, frame: object) -> None:
        raise typer.Exit(0)  # unwinds to the finally below, which stops pywb

    signal.signal(signal.SIGTERM, stop_on_term)
    try:
        console.print(
            f"replaying {server.capture.url} as captured at {server.capture.captured_at}", highlight=False, soft_wrap=True
        )
        console.print(server.url, highlight=False, soft_wrap=True)
        console.file.flush()
        if not no_browser:
            webbrowser.open(server.url)
        while server.process.poll() is None:
            time.sleep(0.5)
        raise LurewatchError(f"pywb stopped (exit {server.process.returncode})", exit_code=1)
    finally:
        server.stop()


@ledger_app.command("verify")
def ledger_verify(ctx: typer.Context, json_out: JsonOption = False) -> None:
    """Check the whole chain: any edited, removed or reordered entry is named."""
    config = config_of(ctx)
    path = ledger.ledger_path(config.home)
    try:
        result = verify_path(path, config.home)
    except VerificationFailed as exc:
        raise LurewatchError(f"not intact: {exc}", exit_code=EXIT_NOT_INTACT) from exc
    _record_verification(config, path, "ledger", "intact", "; ".join(result.steps))
    if json_out:
        emit_json(result.to_dict())
    else:
        _print_verified(result)


@ledger_app.command("show")
def ledger_show(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", min=0, help="Only the last N entries (0: all).")] = 0,
    json_out: JsonOption = False,
) -> None:
    """The ledger's entries, oldest first (not checked: use `evidence ledger verify`)."""
    config = config_of(ctx)
    path = ledger.ledger_path(config.home)
    try:
        entries = ledger.read_entries(path)
    except ledger.LedgerBroken as exc:
        raise LurewatchError(f"{path}: {exc}", exit_code=EXIT_NOT_INTACT) from exc
    if limit:
        entries = entries[-limit:]
    if json_out:
        emit_json([{**e.body(), "hash": e.hash} for e in entries])
        return
    table = Table(title=str(path))
    for column in ("#", "time", "operator", "action", "subject", "sha256"):
        table.add_column(column)
    for e in entries:
        table.add_row(str(e.seq), e.time, e.operator, e.action, e.subject, e.sha256[:16] + "…" if e.sha256 else "")
    console.print(table)
