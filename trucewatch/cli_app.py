"""The typer application object and the shared CLI conventions.

Command modules in `trucewatch/commands/` import `app` from here and register themselves;
`trucewatch.cli` imports them all. Keeping the app here avoids import cycles.
"""
from __future__ import annotations

import os
import sys

import typer

from trucewatch.terminal import SafeConsole

app = typer.Typer(
    name="trucewatch",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

# Data from reports reaches these consoles: no markup, control characters escaped (see terminal).
err_console = SafeConsole(stderr=True, soft_wrap=True)
out_console = SafeConsole()

DB_HELP = "Database URL (any SQLAlchemy URL); default $TRUCEWATCH_DB or sqlite:///trucewatch.db."
DASK_HELP = ("Run on a Dask cluster: a scheduler address (tcp://host:8786), or local:N for N worker "
             "processes here; default $TRUCEWATCH_DASK. Needs: pip install 'trucewatch[scale]'.")


def db_url(option: str | None) -> str:
    """The database URL from the option, the environment, or the store's default (imported late:
    the store pulls in SQLAlchemy, which `--help` and `--version` do not need)."""
    from trucewatch.store.engine import resolve_url

    return resolve_url(option)


def show_progress() -> bool:
    """Progress bars only for a person at a terminal."""
    return sys.stderr.isatty()


def _print_version(value: bool) -> None:
    if value:
        from trucewatch.about import version_lines

        for line in version_lines():
            out_console.print(line, highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit()


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show the full traceback on errors."),
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print the versions of TruceWatch, its spaCy model and its gazetteer data, and exit."),
) -> None:
    """Monitor truces from open-source reports: ingest, extract, check, report.

    Example:

        trucewatch demo

        trucewatch ingest reports/

        trucewatch check truce.yaml
    """
    if debug:
        os.environ["TRUCEWATCH_DEBUG"] = "1"
