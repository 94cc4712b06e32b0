"""The `doctor` command: a thin layer over `trucewatch.doctor.run_checks`."""
from __future__ import annotations

import json

import typer

from trucewatch.cli_app import DB_HELP, app, out_console


@app.command()
def doctor(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per check instead of lines."),
) -> None:
    """Check this install: Python, the spaCy model, the place index, the readers, the database, optional parts.

    One line per check, with what to do when something is missing. The exit status is 0 when the
    core is usable (optional parts may be absent), 1 otherwise.

    Example:

        trucewatch doctor

        trucewatch doctor --db postgresql://analyst@db.example.org/trucewatch
    """
    from trucewatch.doctor import core_usable, run_checks

    checks = run_checks(db)
    usable = core_usable(checks)
    for check in checks:
        if as_json:
            out_console.print(json.dumps(check.as_dict(), ensure_ascii=False), highlight=False, markup=False,
                              soft_wrap=True)
        else:
            out_console.print(check.line(), highlight=False, markup=False, soft_wrap=True)
    if not as_json:
        out_console.print("The core is usable." if usable else
                          "The core is NOT usable: fix the 'fail' lines above.", highlight=False)
    if not usable:
        raise typer.Exit(1)
