"""The `check` command: evaluate every stored incident against a truce's terms."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import typer

from trucewatch.cli_app import DASK_HELP, DB_HELP, app, db_url, out_console, show_progress
from trucewatch.commands.list_cmd import id_table, print_table
from trucewatch.terminal import json_line


@app.command()
def check(
    truce: Path = typer.Argument(..., help="Truce terms YAML file (see trucewatch/truce/examples/example_truce.yaml)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON finding per line instead of a table."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    all_events: bool = typer.Option(False, "--all-events", help="Fuse and check every event, not only each "
                                    "report's main and salient ones (background mentions never count)."),
    dask: str | None = typer.Option(None, "--dask", metavar="ADDRESS", help=DASK_HELP),
) -> None:
    """Fuse stored events into incidents and give a verdict on each under the truce's terms.

    Also checks every pledge by one side (see `trucewatch commitments`) and stores the results.

    Example:

        trucewatch check trucewatch/truce/examples/example_truce.yaml --json --db sqlite:///tw.db
    """
    from trucewatch.commitments import check_commitments
    from trucewatch.scale.cluster import optional_fuser
    from trucewatch.truce.run import run_check

    with optional_fuser(dask) as fuser:
        terms, incidents, findings = run_check(truce, db_url(db), progress=show_progress(), fuser=fuser,
                                               all_events=all_events)
    pledges = check_commitments(db_url(db), incidents=incidents)  # `commitments list` shows them
    if as_json:
        for finding in findings:
            typer.echo(json_line(finding.as_dict()))
        return
    by_id = {inc.id: inc for inc in incidents}
    # incident ids are never cut (they are what `incidents show` and merges take); others wrap
    table = id_table("incident", "date", "act", "place", "verdict", "parties",
                     title=f"{terms.name}: {len(findings)} incident(s)")
    for f in findings:
        inc = by_id[f.incident]
        place = inc.place_name if inc.location else "?"
        parties = ", ".join(f"{p.party} ({p.grade})" for p in f.parties)
        table.add_row(f.incident, str(inc.start or "undated"), inc.type, place, f.verdict, parties)
    if findings:
        print_table(table, out_console)
    totals = Counter(f.verdict for f in findings)
    out_console.print(", ".join(f"{v}: {n}" for v, n in totals.most_common()) or "no incidents stored")
    if pledges:
        kept = Counter(v.verdict for v in pledges)
        out_console.print(f"{len(pledges)} commitment(s) by one side: "
                          + ", ".join(f"{v}: {n}" for v, n in kept.most_common())
                          + " (details: trucewatch commitments list)", highlight=False)
