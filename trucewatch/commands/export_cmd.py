"""The `export` command: a thin layer over `trucewatch.exports.export_events`."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from trucewatch.cli_app import DB_HELP, app, db_url, err_console
from trucewatch.errors import InputError


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(option, f"{value!r} is not a date in the form YYYY-MM-DD") from None


@app.command()
def export(
    format: str = typer.Option("jsonl", "--format", "-f",
                               help="jsonl (the record contract), csv, acled, plover, geojson or parquet."),
    out: Path | None = typer.Option(None, "--out", "-o", help="File to write (default: standard output)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    start: str | None = typer.Option(None, "--from", metavar="YYYY-MM-DD", help="Only events on or after this day."),
    end: str | None = typer.Option(None, "--to", metavar="YYYY-MM-DD", help="Only events on or before this day."),
) -> None:
    """Write the stored events in a format other tools read.

    An event is kept when its date range overlaps --from/--to. Parquet needs --out.

    [bold]Example[/bold]:

        trucewatch export --format acled --from 2016-02-27 --to 2016-03-31 --out events.csv
    """
    from trucewatch.exports import export_events
    from trucewatch.store import open_store

    first, last = _day(start, "--from"), _day(end, "--to")
    store = open_store(db_url(db))
    count = export_events(store, format.lower(), out, start=first, end=last)
    if out is not None:
        err_console.print(f"{count} rows written to {out}", highlight=False)
