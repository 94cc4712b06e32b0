"""The `list` command: stored documents or events, filtered; a table, or JSON Lines with --json."""
from __future__ import annotations

import json
import re
from enum import Enum

import typer
from rich.console import Console
from rich.table import Table

from trucewatch.cli_app import DB_HELP, app, db_url, out_console
from trucewatch.errors import TruceWatchError
from trucewatch.records import Document, Event


PIPED_WIDTH = 200


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
        None, "--type", metavar="TYPE", help="Events of this type, e.g. air_strike (commas for several).",
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
    countries = _country_codes(country)
    with open_store(db_url(db)) as store:
        if what is What.documents:
            found = store.documents(since=start, until=end, text=text, limit=limit)
            _print_documents(found, as_json)
        else:
            found = store.events(
                since=start, until=end, country=countries, type=type_, text=text, limit=limit
            )
            _print_events(found, as_json)


def _country_codes(country: str | None) -> list[str] | None:
    if not country:
        return None
    codes = [code.strip().upper() for code in country.split(",") if code.strip()]
    for code in codes:
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise TruceWatchError(
                f"--country {code!r} is not an ISO 3166-1 alpha-3 code (for example SYR or YEM)."
            )
    return codes


def event_json(document: Document, event: Event) -> dict:
    """An event in the record contract, with the id of the document it came from."""
    return {"document_id": document.id, **event.model_dump(mode="json")}


def _print_documents(found, as_json: bool) -> None:
    if as_json:
        for document in found:
            typer.echo(json.dumps(document.contract(), ensure_ascii=False))
        return
    table = Table("id", "published", "source", "ref / title", "chars", title="Documents")
    for document in found:
        published = document.published.isoformat() if document.published else "—"
        if document.published and not document.published_given:
            published += " (guessed)"
        table.add_row(
            document.id[:12], published, document.source or "",
            document.title or document.ref or document.path or "", str(len(document.text)),
        )
    _print_table(table)


def _print_events(found, as_json: bool) -> None:
    if as_json:
        for document, event in found:
            typer.echo(json.dumps(event_json(document, event), ensure_ascii=False))
        return
    table = Table("event", "when", "type", "status", "place", "killed", "actors", title="Events")
    for document, event in found:
        table.add_row(
            _short_id(event.id), _when(event), event.type, event.status,
            _place(event), _count(event.fatalities),
            ", ".join(actor.name or actor.text for actor in event.actors),
        )
    _print_table(table)


def _print_table(table: Table) -> None:
    if table.row_count == 0:
        out_console.print("No matching records.", highlight=False)
    elif out_console.is_terminal:
        out_console.print(table)
    else:  # piped or redirected: no terminal width to respect, so do not wrap cells
        Console(width=max(out_console.width, PIPED_WIDTH)).print(table)


def _short_id(event_id: str) -> str:
    """"<12 hex digits>:<n>" for contract ids, which start with a 64-digit document hash."""
    document_id, colon, number = event_id.rpartition(":")
    return f"{document_id[:12]}:{number}" if colon and len(document_id) > 12 else event_id


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
