"""Thin command line over the library: parse arguments, call the library, print."""
from __future__ import annotations

import os
import sys

from rich.markup import escape

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
    commitments_cmd,
    serve_cmd,
    users_cmd,
    doctor_cmd,
    watch_cmd,
    audit_cmd,
)


def main() -> None:
    """Run the CLI; errors become one sentence and exit status 1 (`--debug` anywhere: the traceback)."""
    if "--debug" in sys.argv[1:]:
        sys.argv = [sys.argv[0], "--debug"] + [a for a in sys.argv[1:] if a != "--debug"]
        os.environ["TRUCEWATCH_DEBUG"] = "1"
    debug = bool(os.environ.get("TRUCEWATCH_DEBUG"))
    try:
        app()
    except TruceWatchError as exc:
        if debug:
            raise
        err_console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)  # brackets are text
        sys.exit(1)
    except KeyboardInterrupt:
        err_console.print("interrupted; whatever was stored before is kept, and a re-run goes on from there.")
        sys.exit(130)
    except Exception as exc:  # a bug of ours: say so plainly, keep the traceback for --debug
        if debug:
            raise
        err_console.print(
            f"[red]error:[/red] unexpected {type(exc).__name__}: {exc}. "
            "Run the same command with --debug to see the traceback, and please report it.",
            highlight=False,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
