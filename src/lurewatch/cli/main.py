"""The ``lurewatch`` console script: offline-safe environment, then the app; user errors become one
line on stderr and an exit code, never a traceback."""

from __future__ import annotations

import os
import sys


def run() -> None:
    # tldextract (used by Scrapy's cookie handling and by surt) would otherwise try to download the
    # public suffix list from the internet on first use; the bundled snapshot is what we want.
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

    import typer

    from lurewatch.cli.app import app
    from lurewatch.cli.output import err_console
    from lurewatch.config import LurewatchError
    from lurewatch.index import IndexBackendError

    try:
        app(standalone_mode=False)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err_console.print("interrupted")
        sys.exit(130)
    except LurewatchError as exc:
        err_console.print(f"[red]error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except IndexBackendError as exc:
        err_console.print(f"[red]error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(5)
    except typer.TyperException as exc:  # unknown option, bad value: one line, not the usage text
        err_console.print(f"[red]error:[/] {exc.format_message()}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except OSError as exc:  # disk full, permission denied, ...
        where = f": {exc.filename}" if exc.filename else ""
        err_console.print(f"[red]error:[/] {exc.strerror or exc}{where}", highlight=False, soft_wrap=True)
        sys.exit(6)


if __name__ == "__main__":
    run()
