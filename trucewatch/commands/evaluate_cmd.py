"""`trucewatch evaluate`: score extraction on gold data and write the misses for error analysis."""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from trucewatch.cli_app import app, err_console, out_console, show_progress
from trucewatch.terminal import styled

FORMAT_HELP = ("Gold format: petrarch, plover, acled, gtd, case, timeml, geoparsing, contract, "
               "event_location or wikipedia.")


@app.command()
def evaluate(
    gold: list[Path] = typer.Argument(..., help="Gold file(s) in the chosen format."),
    format: str = typer.Option(..., "--format", "-f", help=FORMAT_HELP),
    limit: int | None = typer.Option(None, "--limit", min=1, help="Score only the first N items."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of a table."),
    misses: Path = typer.Option(Path("evaluate-misses.jsonl"), "--misses",
                                help="Where to write every miss, one JSON object per line."),
    lag: int = typer.Option(2, "--lag", min=0,
                            help="ACLED/GTD: publication date = event date + this many days."),
    workers: int | None = typer.Option(None, "--workers", min=1,
                                       help="Extraction processes (default: all cores)."),
    half: int | None = typer.Option(None, "--half", min=0, max=1,
                                    help="Score every other item: 0 the even positions, 1 the odd "
                                         "(develop on one half, confirm on the other)."),
) -> None:
    """Score extraction against gold-coded texts, field by field.

    Example:

        trucewatch evaluate --format plover PLOVER_GSR_CAMEO.txt --misses plover-misses.jsonl

        trucewatch evaluate --format petrarch PETR2_GSR_validation.xml --half 0
    """
    from trucewatch.evaluate import evaluate as run_evaluation

    result = run_evaluation(format.lower(), gold, limit=limit, lag=lag, misses_path=misses,
                            workers=workers, progress=show_progress(), half=half)
    if as_json:
        out_console.print_json(json.dumps(result.as_json()))
    else:
        out_console.print(scores_table(result))
        if result.confusions:
            out_console.print(confusions_table(result))
    for reason in result.skipped[:10]:
        err_console.print(styled("skipped", "yellow", reason))
    if len(result.skipped) > 10:
        err_console.print(styled("skipped", "yellow", f"{len(result.skipped) - 10} more items"))
    if result.errors:
        err_console.print(styled(f"{result.errors} items failed in extraction", "red", f"(see {misses})"))


def scores_table(result) -> Table:
    table = Table(title=f"{result.format}: {result.items} gold items, {result.misses} misses "
                        f"written to {result.misses_file}")
    table.add_column("field")
    table.add_column("score", justify="right")
    table.add_column("n", justify="right")
    table.add_column("note", style="dim")
    for score in result.scores:
        if score.value is None:
            shown = "—"
        elif isinstance(score.value, int):
            shown = f"{score.value:,}"  # a count (of items that must stay at 0, say)
        elif float(score.value).is_integer() and score.value > 1:
            shown = f"{int(score.value):,}"  # a count
        elif abs(score.value) > 1:
            shown = f"{score.value:,.1f}"  # km or a percentage
        else:
            shown = f"{score.value:.3f}"
        table.add_row(score.name, shown, str(score.n), score.note)
    return table


def confusions_table(result) -> Table:
    table = Table(title="most frequent misses")
    for column in ("field", "gold", "predicted", "count"):
        table.add_column(column, justify="right" if column == "count" else "left")
    for row in result.top_confusions(8):
        table.add_row(row["field"], row["gold"], row["predicted"], str(row["count"]))
    return table
