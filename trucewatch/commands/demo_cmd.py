"""The `demo` command: the whole chain on the bundled, invented demo reports and demo truce."""
from __future__ import annotations

from pathlib import Path

import typer

from trucewatch.cli_app import DB_HELP, app, db_url, out_console, show_progress
from trucewatch.commands.ingest_cmd import print_input_error
from trucewatch.demo import run_demo


@app.command()
def demo(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    out: Path = typer.Option(Path("trucewatch-report.html"), "--out", help="Where to write the HTML report."),
) -> None:
    """Ingest the bundled demo reports, fuse incidents, check the demo truce and write the report.

    Example:

        trucewatch demo                      # writes trucewatch.db and trucewatch-report.html here
    """
    from trucewatch.outputs import check_target

    url = db_url(db)
    check_target(out, "html", db_url=url)
    progress = show_progress()
    result = run_demo(url, out, progress=progress,
                      on_error=None if progress else print_input_error)  # a bar prints them above itself
    ingest = result.ingest
    out_console.print(
        f"Ingested the demo reports: {ingest.new} new, {ingest.skipped} skipped, {ingest.failed} failed."
    )
    out_console.print(
        f"{result.events} events fused into {result.incidents} incidents; "
        f"checked against '{result.truce}': {result.verdict_summary}."
    )
    out_console.print(f"Pledges by one side (trucewatch commitments list): {result.commitment_summary}.")
    out_console.print(f"Report written to {result.report} — open it in a browser (works offline).")
    if result.login:
        name, password = result.login
        where = f" --db {db}" if db else ""
        out_console.print(f"Dashboard: run `trucewatch serve{where}`, open http://127.0.0.1:8000/ and log in as "
                          f"{name} with the password {password}", highlight=False, markup=False, soft_wrap=True)
    else:
        out_console.print("The dashboard needs the web extra: pip install 'trucewatch[web]'.",
                          highlight=False, markup=False)  # as markup, "[web]" would vanish
    if ingest.failed:
        raise typer.Exit(1)
