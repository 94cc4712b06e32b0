"""Thin command line over the library: parse arguments, call the library, print."""
from __future__ import annotations

import os
import sys

from trucewatch.cli_app import app, err_console
from trucewatch.errors import TruceWatchError

# Each module registers its commands on `app`.
from trucewatch.commands import (  # noqa: F401  (imported for registration)
    ingest_cmd,
    extract_cmd,
    list_cmd,
    export_cmd,
    demo_cmd,
    place_cmd,
    evaluate_cmd,
    check_cmd,
    report_cmd,
    incidents_cmd,
)


def main() -> None:
    """Run the CLI; user errors become one sentence and exit status 1."""
    try:
        app()
    except TruceWatchError as exc:
        if os.environ.get("TRUCEWATCH_DEBUG") or "--debug" in sys.argv:
            raise
        err_console.print(f"[red]error:[/red] {exc}", highlight=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
