"""Thin command line over the library: parse arguments, call the library, print."""
from __future__ import annotations

import os
import signal
import sys

from trucewatch.cli_app import app, err_console
from trucewatch.errors import TruceWatchError
from trucewatch.terminal import styled, visible

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
    documents_cmd,
    commitments_cmd,
    serve_cmd,
    users_cmd,
    doctor_cmd,
    watch_cmd,
    audit_cmd,
)

INTERRUPTED = "interrupted; whatever was stored before is kept, and a re-run goes on from there."


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so it unwinds like Ctrl-C: transactions roll back,
    worker processes are stopped, temporary files removed."""


def _raise_terminated(signum, frame) -> None:
    raise Terminated()


def _say(message) -> None:
    """Print to stderr; if even that fails (closed pipe, odd terminal), write plain text."""
    try:
        err_console.print(message)
    except Exception:  # noqa: BLE001 - the error handler itself must never crash
        try:
            sys.stderr.write(visible(str(message)) + "\n")
        except Exception:  # noqa: BLE001
            pass


def main() -> None:
    """Run the CLI; errors become one sentence and exit status 1 (`--debug` anywhere: the traceback).
    Ctrl-C exits 130 and SIGTERM 143, both after the same clean-up."""
    if "--debug" in sys.argv[1:]:
        sys.argv = [sys.argv[0], "--debug"] + [a for a in sys.argv[1:] if a != "--debug"]
        os.environ["TRUCEWATCH_DEBUG"] = "1"
    debug = bool(os.environ.get("TRUCEWATCH_DEBUG"))
    signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        try:
            app()
        except SystemExit as exc:  # typer turns Ctrl-C into a silent exit 130: say it, and tell SIGTERM apart
            interrupt = _interrupt_behind(exc)
            if interrupt is None:
                raise
            raise interrupt from None
    except TruceWatchError as exc:
        if debug:
            raise
        _say(styled("error:", "red", exc))
        sys.exit(1)
    except Terminated:
        _say("terminated (SIGTERM); " + INTERRUPTED)
        sys.exit(128 + signal.SIGTERM)
    except KeyboardInterrupt:
        _say(INTERRUPTED)
        sys.exit(130)
    except BrokenPipeError:  # the reader went away (`... | head`): nothing left to say to it
        _quiet_stdout()
        sys.exit(1)
    except Exception as exc:  # a bug of ours: say so plainly, keep the traceback for --debug
        if debug:
            raise
        _say(styled("error:", "red", f"unexpected {type(exc).__name__}: {exc}. Run the same command "
                                      "with --debug to see the traceback, and please report it."))
        sys.exit(1)


def _interrupt_behind(exc: BaseException) -> KeyboardInterrupt | None:
    """The Ctrl-C or SIGTERM that an exit stands for, if any (through typer's Exit)."""
    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, KeyboardInterrupt):
            return exc
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so Python's exit-time flush does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    main()
