"""Where data lives and which index to use, from options, environment and defaults (CONTRACT.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class LurewatchError(Exception):
    """An error the user can act on: printed as one line, with ``exit_code``."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


@dataclass(frozen=True)
class Config:
    home: Path
    index_uri: str
    operator: str

    @property
    def warc_dir(self) -> Path:
        return self.home / "warcs"

    @classmethod
    def resolve(cls, home: str | None = None, index: str | None = None) -> Config:
        return cls(
            home=Path(home or os.environ.get("LUREWATCH_HOME") or "lurewatch-data").resolve(),
            index_uri=index or os.environ.get("LUREWATCH_INDEX") or "sqlite",
            operator=os.environ.get("LUREWATCH_OPERATOR") or os.environ.get("USER") or "",
        )
