"""The `report` command: a self-contained HTML (or Markdown) report for a truce and a period."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from trucewatch.cli_app import DB_HELP, app, db_url, err_console, show_progress
from trucewatch.errors import InputError


def _day(value: str, option: str):
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise InputError(option, f"'{value}' is not a date like 2016-03-01") from None


@app.command()
def report(
    truce: Path = typer.Argument(..., help="Truce terms YAML file."),
    date_from: str = typer.Option(..., "--from", help="First day of the period (YYYY-MM-DD)."),
    date_to: str = typer.Option(..., "--to", help="Last day of the period, inclusive (YYYY-MM-DD)."),
    out: Path = typer.Option(Path("report.html"), "--out", help="File to write."),
    format: str = typer.Option(None, "--format", help="html or md (default: from the --out suffix)."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Write a report: counts against the previous period, daily chart, map, findings, caveats.

    Example:

        trucewatch report trucewatch/truce/examples/example_truce.yaml --from 2016-03-01 --to 2016-03-14 --out report.html
    """
    from trucewatch.report import write_report
    from trucewatch.truce.run import run_check

    start, end = _day(date_from, "--from"), _day(date_to, "--to")
    terms, incidents, findings = run_check(truce, db_url(db), progress=show_progress())
    path = write_report(terms, incidents, findings, start=start, end=end, out=out, format=format)
    err_console.print(f"wrote {path}")
