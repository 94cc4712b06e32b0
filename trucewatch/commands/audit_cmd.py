"""The `audit` command group: the history of every change, as a file."""
from __future__ import annotations

from pathlib import Path

import typer

from trucewatch.cli_app import DB_HELP, app, db_url, err_console

audit_app = typer.Typer(
    help="The audit log: who changed what, when, before -> after, and why.\n\n"
         "[bold]Example[/bold]:\n\n    trucewatch audit export --kind event --format csv --out corrections.csv",
    no_args_is_help=True, rich_markup_mode="rich")
app.add_typer(audit_app, name="audit")


@audit_app.command("export")
def export(
    kind: str | None = typer.Option(None, "--kind", help="Only records of this kind (event, incident, finding, truce, ...)."),
    key: list[str] | None = typer.Option(None, "--id", help="Only this record (repeat for several); needs --kind."),
    since: str | None = typer.Option(None, "--since", metavar="ISO-TIME", help="Only changes at or after this time."),
    format: str = typer.Option("jsonl", "--format", help="jsonl or csv."),
    out: Path | None = typer.Option(None, "--out", "-o", help="File to write (default: standard output)."),
    raw_cells: bool = typer.Option(False, "--raw-cells", help="CSV cells exactly as stored, for programs: without "
                                   "it, text starting with = + - @ tab or CR gets a leading ' so a "
                                   "spreadsheet shows it instead of running it."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing --out file of another kind "
                               "(never the database in use)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Write the audit log (oldest change first) as JSON Lines or CSV.

    [bold]Example[/bold]:

        trucewatch audit export --since 2016-03-01 --format csv --out changes.csv
    """
    from datetime import datetime, timezone

    from trucewatch.audit.export import entries, write_entries
    from trucewatch.errors import TruceWatchError
    from trucewatch.store import open_store

    if key and not kind:
        raise TruceWatchError("--id needs --kind (an id means something only within its kind).")
    moment = None
    if since:
        try:
            moment = datetime.fromisoformat(since)
        except ValueError:
            raise TruceWatchError(f"--since {since!r} is not an ISO time such as 2016-03-01 or 2016-03-01T12:00.") from None
        moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    url = db_url(db)
    if out is not None:
        from trucewatch.outputs import check_target

        check_target(out, "csv" if format.lower() == "csv" else "jsonl", db_url=url, force=force)
    with open_store(url) as store:
        found = entries(store, kind=kind, keys=list(key) if key else None, since=moment)
        written = write_entries(found, format.lower(), out, raw_cells=raw_cells)
    if out is not None:
        err_console.print(f"{written} change(s) written to {out}", highlight=False, markup=False)
