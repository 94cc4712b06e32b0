"""The `place` command: look a name up in the offline gazetteer and show the candidates."""
from __future__ import annotations

import json

import typer
from rich.table import Table

from trucewatch.cli_app import app, out_console
from trucewatch.errors import InputError


@app.command()
def place(
    name: str = typer.Argument(..., help="A place name as a report writes it (any spelling, or Arabic script)."),
    country: str | None = typer.Option(None, "--country", help="Only places in this country (ISO2 or ISO3 code)."),
    limit: int = typer.Option(10, "--limit", min=1, max=100, help="At most this many candidates."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (one array of places) instead of a table."),
) -> None:
    """Show the places a name may denote, best first, with ids, coordinates and admin names.

    Spelling variants meet ("Deir Ezzor", "Dayr az Zawr"); demonyms give countries ("Syrian").

    [bold]Example[/bold]:

        trucewatch place "Khan Sheikhoun" --country SY
        trucewatch place Tripoli --json
    """
    from trucewatch.places import search

    from trucewatch.places.gazetteer import MAX_NAME_CHARS

    if len(name) > MAX_NAME_CHARS:
        raise InputError(f"{name[:40]}…", f"is {len(name):,} characters long; place names are at most "
                                         f"{MAX_NAME_CHARS} characters")
    if country is not None and len(country) not in (2, 3):
        raise InputError("--country", f"{country!r} is not an ISO 3166 country code (two or three letters).")
    places = search(name, country=country, limit=limit)
    if as_json:
        print(json.dumps([p.as_dict() for p in places], ensure_ascii=False, indent=1))
        return
    if not places:
        where = f" in {country.upper()}" if country else ""
        out_console.print(f"No place called {name!r}{where} is in the gazetteer.", highlight=False)
        raise typer.Exit(1)
    table = Table(title=f"Places for {name!r}", title_justify="left")
    for column in ("id", "name", "type", "country", "admin1", "admin2", "lat", "lon", "precision", "population"):
        table.add_column(column, overflow="fold")
    for p in places:
        table.add_row(p.id, p.name, p.fcode, p.country3 or p.country or "", p.admin1 or "", p.admin2 or "",
                      f"{p.lat:.4f}", f"{p.lon:.4f}", p.precision, str(p.population or ""))
    out_console.print(table)
