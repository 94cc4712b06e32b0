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
    what: str = typer.Option("events", "--what", help="events (one row per reported event), incidents "
                             "(one row per fused incident, with attribution grades; run `check` first), "
                             "documents (the stored reports, text and provenance; jsonl, csv or parquet) or "
                             "commitments (one row per pledge with its verdict; jsonl or csv)."),
    all_events: bool = typer.Option(False, "--all-events", help="Every event, not only each report's main and "
                                    "salient ones (background mentions included, with their status)."),
    raw_cells: bool = typer.Option(False, "--raw-cells", help="csv/acled: write text cells exactly as stored, "
                                   "for programs (by default a cell starting with = + - @ tab or CR gets a "
                                   "leading ' so spreadsheets show it instead of running it as a formula)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing --out file of another kind "
                               "(never the database in use)."),
    partition_by: str | None = typer.Option(None, "--partition-by", metavar="month",
                                            help="parquet only: write a dataset folder (--out DIR) with "
                                                 "one month=YYYY-MM partition per month."),
) -> None:
    """Write the stored events or incidents in a format other tools read.

    An event is kept when its date range overlaps --from/--to. Only each report's main event and its
    salient ones are written unless --all-events is given. Parquet needs --out.

    csv and acled are written for spreadsheets: text that a spreadsheet would run as a formula
    (starting with = + - @, tab or carriage return) gets a leading single quote (OWASP's rule
    against CSV injection); --raw-cells turns that off for programs that read the file.
    --out is written whole or not at all, never onto the database in use, and not over a file
    of another kind without --force.

    acled leaves out the events ACLED would not code: acts with no ACLED event type
    (statements, meetings, accusations ...) and planned, negated or hypothetical acts; only
    occurred or ongoing events with an ACLED mapping become rows. How many were left out is
    said on stderr. The codes it uses are in trucewatch/exports_data/acled_codes.yaml.

    [bold]Example[/bold]:

        trucewatch export --format acled --from 2016-02-27 --to 2016-03-31 --out events.csv

        trucewatch export --what incidents --format geojson --out incidents.geojson

        trucewatch export --what commitments --format csv --out pledges.csv

        trucewatch export --format parquet --partition-by month --out events/
    """
    from trucewatch.exports import export_documents_counted, export_events_counted
    from trucewatch.store import open_store

    from trucewatch.outputs import check_target

    first, last = _day(start, "--from"), _day(end, "--to")
    if what not in ("events", "incidents", "documents", "commitments"):
        raise InputError("--what", f"{what!r} is none of 'events', 'incidents', 'documents', 'commitments'")
    if partition_by is not None and what == "commitments":
        raise InputError("--partition-by", "commitments are written as jsonl or csv, not partitioned")
    options = {"start": first, "end": last, "partition_by": partition_by}
    url = db_url(db)
    if out is not None:
        check_target(out, OUTPUT_KIND.get(format.lower(), "csv"), db_url=url, force=force)
    with open_store(url) as store:
        if what == "commitments":
            from trucewatch.commitments.export import export_commitments_counted

            counts = export_commitments_counted(store, format.lower(), out, start=first, end=last,
                                                raw_cells=raw_cells)
        elif what == "incidents":
            from trucewatch.incidents.export import export_incidents_counted

            counts = export_incidents_counted(store, format.lower(), out, raw_cells=raw_cells, **options)
        elif what == "documents":
            counts = export_documents_counted(store, format.lower(), out, raw_cells=raw_cells, **options)
        else:
            counts = export_events_counted(store, format.lower(), out, raw_cells=raw_cells, all_events=all_events,
                                           **options)
    if counts.skipped:
        err_console.print(_skipped_line(counts.skipped, format.lower()), highlight=False, markup=False)
    if out is not None:
        err_console.print(f"{counts.written} rows written to {out}", highlight=False, markup=False)


# The kind of file each export format writes, for `check_target`.
OUTPUT_KIND = {"jsonl": "jsonl", "plover": "jsonl", "csv": "csv", "acled": "csv", "geojson": "geojson",
               "parquet": "parquet"}


def _skipped_line(skipped: int, fmt: str) -> str:
    events = "event" if skipped == 1 else "events"
    if fmt == "acled":
        return (f"{skipped} {events} left out: ACLED codes only occurred or ongoing events "
                "whose act has an ACLED event type.")
    return f"{skipped} {events} left out: the {fmt} format cannot express them."
