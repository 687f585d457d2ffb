"""The options every command shares (--home, --index), resolved once per invocation."""

from __future__ import annotations

import typer

from lurewatch.config import Config


def config_of(ctx: typer.Context) -> Config:
    obj = ctx.find_root().obj or {}
    return Config.resolve(obj.get("home"), obj.get("index"))
