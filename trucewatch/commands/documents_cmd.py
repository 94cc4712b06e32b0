"""The `documents` command group: delete or correct a stored document, journalled.

A thin layer over `trucewatch.store.corrections`. The journal keeps what each change removed or
replaced, so the record can be audited (and a deleted report restored by hand from it).
"""
from __future__ import annotations

import typer
from rich.table import Table

from trucewatch.cli_app import DB_HELP, app, db_url, err_console, out_console
from trucewatch.terminal import json_line

documents_app = typer.Typer(
    help="Stored documents: delete or correct one (with its events), and read the journal of such changes.\n\n"
         "[bold]Example[/bold]:\n\n    trucewatch documents correct 2444aead --published 2016-03-07 --reason \"date typo\"",
    no_args_is_help=True,
    rich_markup_mode="rich",
)
app.add_typer(documents_app, name="documents")

DB_OPTION = typer.Option(None, "--db", help=DB_HELP)
REASON_OPTION = typer.Option(None, "--reason", help="Why, for the journal.")


def _open(db: str | None):
    from trucewatch.store import open_store

    return open_store(db_url(db))


def _refuse_hint() -> None:
    err_console.print("Stored incidents and findings still count the old record: run `trucewatch check "
                      "TRUCE.yaml` again.")


@documents_app.command("delete")
def delete(
    ids: list[str] = typer.Argument(..., metavar="ID...", help="Document ids (or their first 6+ characters)."),
    reason: str | None = REASON_OPTION,
    db: str | None = DB_OPTION,
) -> None:
    """Delete stored documents and their events; the journal keeps each document whole.

    [bold]Example[/bold]:

        trucewatch documents delete 2444aead9ebf --reason "far-future date from a broken feed"
    """
    from trucewatch.store.corrections import delete_document

    with _open(db) as store:
        for key in ids:
            entry = delete_document(store, key, reason=reason)
            out_console.print(f"deleted {entry['document_id']} with {entry['events_before']} event(s)")
    _refuse_hint()


@documents_app.command("correct")
def correct(
    key: str = typer.Argument(..., metavar="ID", help="Document id (or its first 6+ characters)."),
    published: str | None = typer.Option(None, "--published", metavar="YYYY-MM-DD", help="The right publication date."),
    title: str | None = typer.Option(None, "--title", help="The right title."),
    source: str | None = typer.Option(None, "--source", help="The right outlet."),
    url: str | None = typer.Option(None, "--url", help="The right URL."),
    ref: str | None = typer.Option(None, "--ref", help="The right reference (the input's own id)."),
    reason: str | None = REASON_OPTION,
    extract: bool = typer.Option(True, "--extract/--no-extract", help="Re-extract its events (default: "
                                 "a new date changes what 'on Monday' means)."),
    db: str | None = DB_OPTION,
) -> None:
    """Correct a stored document's metadata; its events are extracted again, and the change journalled.

    [bold]Example[/bold]:

        trucewatch documents correct 2444aead --published 2016-03-07 --reason "date typo in the feed"
    """
    from trucewatch.errors import TruceWatchError
    from trucewatch.store.corrections import correct_document

    given = {"published": published, "title": title, "source": source, "url": url, "ref": ref}
    changes = {name: value for name, value in given.items() if value is not None}
    if not changes:
        raise TruceWatchError("Nothing to correct: give --published, --title, --source, --url or --ref.")
    with _open(db) as store:
        entry = correct_document(store, key, changes, reason=reason, extract=extract)
    if entry is None:
        out_console.print("nothing changed: the document already says that")
        return
    what = ", ".join(f"{name} {entry['before'].get(name)!r} -> {value!r}" for name, value in entry["after"].items())
    out_console.print(f"corrected {entry['document_id']}: {what}; events {entry['events_before']} -> "
                      f"{entry['events_after']}")
    _refuse_hint()


@documents_app.command("journal")
def journal(
    key: str | None = typer.Argument(None, metavar="[ID]", help="Only this document's entries."),
    as_json: bool = typer.Option(False, "--json", help="One JSON entry per line (deleted texts included)."),
    db: str | None = DB_OPTION,
) -> None:
    """Show the journal of deletions, corrections and re-ingests with changed metadata, oldest first.

    [bold]Example[/bold]:

        trucewatch documents journal --json
    """
    from trucewatch.store.corrections import read_journal

    with _open(db) as store:
        entries = read_journal(store, key)
    if as_json:
        for entry in entries:
            typer.echo(json_line({**entry, "at": entry["at"].isoformat() if entry["at"] else None}))
        return
    if not entries:
        out_console.print("The document journal is empty.")
        return
    table = Table("#", "when", "action", "document", "changes", "events", "reason", title="Document journal")
    for entry in entries:
        after = entry["after"] or {}
        changes = "; ".join(f"{name}: {entry['before'].get(name)} -> {value}" for name, value in after.items())
        table.add_row(str(entry["seq"]), f"{entry['at']:%Y-%m-%d %H:%M}", entry["action"], entry["document_id"][:16],
                      changes or "(removed)", f"{entry['events_before']} -> {entry['events_after']}",
                      entry["reason"] or "")
    out_console.print(table)
