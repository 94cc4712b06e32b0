"""The `list` command: stored documents or events, filtered; a table, or JSON Lines with --json."""
from __future__ import annotations

import re
from datetime import date
from enum import Enum

import typer
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from trucewatch.cli_app import DB_HELP, app, db_url, out_console
from trucewatch.errors import TruceWatchError
from trucewatch.records import Document, Event
from trucewatch.terminal import SafeConsole, json_line

PIPED_WIDTH = 200
# Room a wrapping column needs at least, the room it gets when the ids make the table wider
# than the terminal anyway, and a column's borders and padding.
WRAPPED_COLUMN_WIDTH = 6
WIDENED_COLUMN_WIDTH = 16
COLUMN_FRAME = 3


class What(str, Enum):
    documents = "documents"
    events = "events"


@app.command("list")
def list_(
    what: What = typer.Argument(..., help="documents or events."),
    start: str | None = typer.Option(
        None, "--from", metavar="YYYY-MM-DD",
        help="Documents published, or events happening, on or after this day.",
    ),
    end: str | None = typer.Option(
        None, "--to", metavar="YYYY-MM-DD",
        help="Documents published, or events happening, on or before this day.",
    ),
    country: str | None = typer.Option(
        None, "--country", metavar="ISO3",
        help="Events located in this country (ISO 3166-1 alpha-3, e.g. SYR; commas for several).",
    ),
    type_: str | None = typer.Option(
        None, "--type", metavar="TYPE", help="Events of this act type, e.g. air_strike (commas for several); the types are those of "
             "trucewatch/ontology/acts.yaml, and an unknown one is an error listing them.",
    ),
    text: str | None = typer.Option(
        None, "--text", metavar="WORDS",
        help='Only reports containing every word or "quoted phrase" (case-insensitive).',
    ),
    limit: int | None = typer.Option(None, "--limit", min=0, help="Show at most N rows."),
    as_json: bool = typer.Option(False, "--json", help="JSON Lines in the record contract."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """List stored documents or events, oldest first.

    Events are kept when their date range overlaps --from/--to.

    --json prints one record of the contract per line; events carry "document_id".

    [bold]Examples[/bold]:

        trucewatch list events --country SYR --from 2016-02-27 --type shelling

        trucewatch list documents --text "field hospital" --limit 20 --json
    """
    from trucewatch.store import open_store

    if what is What.documents and (country or type_):
        raise TruceWatchError(
            "--country and --type filter events; use `trucewatch list events` with them."
        )
    since, until = date_range(start, end)
    countries = country_codes(country)
    types = act_types(type_)
    with open_store(db_url(db)) as store:
        if what is What.documents:
            found = store.documents(since=since, until=until, text=text, limit=limit)
            _print_documents(found, as_json)
        else:
            found = store.events(
                since=since, until=until, country=countries, type=types, text=text, limit=limit
            )
            _print_events(found, as_json)


def date_range(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """--from and --to as dates; an error when either is no date or --from comes after --to."""
    from trucewatch.store.filters import as_date

    since, until = as_date(start, "--from"), as_date(end, "--to")
    if since and until and since > until:
        raise TruceWatchError(
            f"--from {since.isoformat()} is after --to {until.isoformat()}: "
            "the range would hold nothing; swap the two dates."
        )
    return since, until


def country_codes(country: str | None) -> list[str] | None:
    """Comma-separated ISO 3166-1 alpha-3 codes, upper-cased; an error for anything else."""
    if country is None:
        return None
    codes = [code.strip().upper() for code in country.split(",") if code.strip()]
    if not codes:
        raise TruceWatchError("--country is empty: give an ISO 3166-1 alpha-3 code such as SYR.")
    for code in codes:
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise TruceWatchError(
                f"--country {code!r} is not an ISO 3166-1 alpha-3 code (for example SYR or YEM)."
            )
    return codes


def act_types(type_: str | None) -> list[str] | None:
    """Comma-separated act types, each checked against the ontology; an error lists the valid ones."""
    if type_ is None:
        return None
    from trucewatch.ontology import default_ontology

    known = default_ontology().acts
    types = [name.strip().lower() for name in type_.split(",") if name.strip()]
    unknown = [name for name in types if name not in known]
    if unknown or not types:
        what = ", ".join(repr(name) for name in unknown) or "an empty name"
        raise TruceWatchError(
            f"--type {what} is not an act type. Valid types: {', '.join(sorted(known))}."
        )
    return types


def event_json(document: Document, event: Event) -> dict:
    """An event in the record contract, with the id of the document it came from."""
    return {"document_id": document.id, **event.model_dump(mode="json")}


def document_json(document: Document) -> dict:
    """The contract's document object plus the provenance a reviewer needs: whether the
    publication date was given or guessed, when the report was read, and from where."""
    return {
        **document.contract(),
        "published_given": document.published_given,
        "retrieved": document.retrieved.isoformat() if document.retrieved else None,
        "path": document.path,
    }


def _print_documents(found, as_json: bool) -> None:
    if as_json:
        for document in found:
            typer.echo(json_line(document_json(document)))
        return
    table = id_table("id", "published", "source", "ref / title", "chars", title="Documents")
    for document in found:
        published = document.published.isoformat() if document.published else "—"
        if document.published and not document.published_given:
            published += " (guessed)"
        table.add_row(
            document.id, published, document.source or "",
            document.title or document.ref or document.path or "", str(len(document.text)),
        )
    print_table(table)


def _print_events(found, as_json: bool) -> None:
    if as_json:
        for document, event in found:
            typer.echo(json_line(event_json(document, event)))
        return
    table = id_table("event", "when", "type", "status", "place", "killed", "actors", title="Events")
    for document, event in found:
        table.add_row(
            event.id, _when(event), event.type, event.status,
            _place(event), _count(event.fatalities),
            ", ".join(actor.name or actor.text for actor in event.actors),
        )
    print_table(table)


def id_table(id_header: str, *headers: str, title: str | None = None) -> Table:
    """A table whose first column holds ids: never wrapped nor cut, so they can be copied;
    the other columns wrap (long words fold rather than vanish behind an ellipsis)."""
    table = Table(title=title)
    table.add_column(id_header, no_wrap=True, overflow="ignore")
    for header in headers:
        table.add_column(header, overflow="fold")
    return table


def _needed_width(table: Table, wrapped_width: int) -> int:
    """The width showing every no_wrap cell whole, other columns at most `wrapped_width` wide."""
    width = 1
    for column in table.columns:
        cells = [cell_len(str(column.header))] + [cell_len(str(cell)) for cell in column.cells]
        widest = max(cells)
        width += COLUMN_FRAME + (widest if column.no_wrap else min(widest, wrapped_width))
    return width


def print_table(table: Table, console: Console | None = None) -> None:
    """Print a table without ever cutting an id: when the terminal is too narrow for them,
    the lines run longer than the terminal rather than lose characters."""
    console = console or out_console
    if table.row_count == 0:
        console.print("No matching records.", highlight=False)
        return
    base = console.width if console.is_terminal else max(console.width, PIPED_WIDTH)
    width = base
    if _needed_width(table, WRAPPED_COLUMN_WIDTH) > base:  # lines will run long: keep cells legible
        width = _needed_width(table, WIDENED_COLUMN_WIDTH)
    if width > console.width:  # rich caps print(width=) at the console's width: widen a copy
        console = SafeConsole(file=console.file, width=width, force_terminal=console.is_terminal,
                          color_system=console.color_system, no_color=console.no_color)
    console.print(table, crop=False)


def _when(event: Event) -> str:
    start, end = event.when.start.isoformat(), event.when.end.isoformat()
    return start if start == end else f"{start} – {end}"


def _place(event: Event) -> str:
    location = event.location
    if location is None:
        return ""
    name = location.name or location.text
    return f"{name} ({location.country})" if location.country else name


def _count(casualties) -> str:
    if casualties is None:
        return ""
    if casualties.best is not None:
        return str(casualties.best)
    if casualties.low is not None:
        return f"≥{casualties.low}"
    return ""
