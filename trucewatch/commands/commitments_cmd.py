"""The `commitments` command group: pledges and whether each side kept them.

A thin layer over `trucewatch.commitments` (check_commitments, list_commitments, show_commitment).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import typer

from trucewatch.cli_app import DB_HELP, app, db_url, out_console
from trucewatch.commands.export_cmd import _day  # the same YYYY-MM-DD option reading
from trucewatch.commands.incidents_cmd import _busy  # the same spinner for a fusion
from trucewatch.commands.list_cmd import id_table, print_table
from trucewatch.terminal import json_line

commitments_app = typer.Typer(
    help="Pledges by one side (scale back strikes, accept a ceasefire, let aid in) and whether it kept "
         "them: check, list, show.\n\n[bold]Example[/bold]:\n\n    trucewatch commitments check --db sqlite:///tw.db",
    no_args_is_help=True,
    rich_markup_mode="rich",
)
app.add_typer(commitments_app, name="commitments")

DB_OPTION = typer.Option(None, "--db", help=DB_HELP)
JSON_OPTION = typer.Option(False, "--json", help="One JSON object per commitment (with its assessment).")


def _rate(window) -> str:
    if window is None:
        return "—"
    return f"{window.per_day:.2f}/day ({window.breaches} in {window.days} d; {window.reports} reports)"


def _interval(c) -> str:
    start = f"{c.starts.at:%Y-%m-%d %H:%M}"
    return f"{start} → {c.ends.at:%Y-%m-%d %H:%M}" if c.ends else f"{start} →"


def print_views(views, title: str) -> None:
    table = id_table("commitment", "party", "pledge", "place", "interval", "firmness", "verdict", "before",
                     "after", title=title)
    for v in views:
        c, a = v.commitment, v.assessment
        firmness = c.firmness.grade + (", conditional" if c.conditional else "")
        table.add_row(c.id, c.party.label, c.label + (f": {', '.join(c.acts)}" if c.acts else ""), c.place_label,
                      _interval(c), firmness, v.verdict, _rate(a.before if a else None),
                      _rate(a.after if a else None))
    print_table(table, out_console)
    totals = Counter(v.verdict for v in views)
    if views:
        out_console.print(", ".join(f"{verdict}: {n}" for verdict, n in totals.most_common()), highlight=False)


def _print_json(views) -> None:
    for v in views:
        typer.echo(json_line(v.as_dict()))


@commitments_app.command("check")
def check(
    files: list[Path] = typer.Option([], "--file", help="YAML file of hand-written commitments (repeatable); "
                                     "see trucewatch/commitments/examples/example_commitments.yaml."),
    as_of: str = typer.Option(None, "--as-of", metavar="YYYY-MM-DD",
                              help="Judge as of this day (default: the newest stored report's day)."),
    as_json: bool = JSON_OPTION,
    db: str = DB_OPTION,
) -> None:
    """Build commitments from the stored reports (and --file), check each against the incidents, store them.

    A pledge is checked as a truce with one party: its incidents of the acts it promised to stop,
    in its area, after it began (and in as many days before). Verdicts: kept, broken (with the
    incidents), possibly broken (only possible violations), not yet assessable.

    Example:

        trucewatch commitments check --file pledges.yaml --db sqlite:///tw.db
    """
    from trucewatch.commitments import check_commitments

    with _busy("fusing reports and checking commitments"):
        views = check_commitments(db_url(db), files=files, as_of=_day(as_of, "--as-of"))
    if as_json:
        _print_json(views)
        return
    print_views(views, f"{len(views)} commitment(s)")


@commitments_app.command("list")
def list_(
    verdict: str = typer.Option(None, "--verdict", help="Only this verdict: kept, broken, possibly broken, "
                                "not yet assessable, unchecked."),
    party: str = typer.Option(None, "--party", help="Only this party (its key, like SYR, or its name)."),
    kind: str = typer.Option(None, "--kind", help="Only this kind (de_escalation, ceasefire_acceptance, ...)."),
    as_json: bool = JSON_OPTION,
    db: str = DB_OPTION,
) -> None:
    """List the stored commitments with their latest verdicts, earliest first.

    Example:

        trucewatch commitments list --verdict broken --party SYR
    """
    from trucewatch.commitments import list_commitments

    views = list_commitments(db_url(db), verdict=verdict, party=party, kind=kind)
    if as_json:
        _print_json(views)
        return
    print_views(views, f"{len(views)} commitment(s)")


@commitments_app.command("show")
def show(
    commitment_id: str = typer.Argument(..., help="A commitment id (or an unambiguous start of it)."),
    as_json: bool = JSON_OPTION,
    db: str = DB_OPTION,
) -> None:
    """Show one commitment: who pledged what, where and when, who reports it, the verdict and why.

    Example:

        trucewatch commitments show cmt-3f2a
    """
    from trucewatch.commitments import show_commitment

    view = show_commitment(db_url(db), commitment_id)
    if as_json:
        _print_json([view])
        return
    for line in describe(view):
        out_console.print(line, highlight=False, markup=False, soft_wrap=True)


def describe(view) -> list[str]:
    """The commitment as lines of plain text, for `show`."""
    c, a = view.commitment, view.assessment
    lines = [f"{c.id}: {c.label} by {c.party.label} ({c.origin})",
             f"  promises: {c.promise} {', '.join(c.acts) or '—'}"
             + (f"; obligations: {', '.join(c.obligations)}" if c.obligations else ""),
             f"  where: {c.place_label}" + (f" ({c.place.precision})" if c.place else ""),
             f"  when: {c.interval_label()}; start read as {c.starts.how}",
             f"  firmness: {c.firmness.grade} (rank {c.firmness.rank}, {c.firmness.independent_sources} "
             f"independent source(s)){'; ' + '; '.join(c.firmness.reasons) if c.firmness.reasons else ''}"]
    if c.conditional:
        lines.append(f"  conditional: {c.condition or 'yes'}")
    if c.note:
        lines.append(f"  note: {c.note}")
    lines.append("  reported by:")
    for r in c.reports:
        who = r.claimant.text if r.claimant else "the outlet itself"
        lines.append(f"    {r.outlet}, {r.published or 'undated'} — {who} ({r.reporter}), "
                     f"characters {r.start}-{r.end}: “{r.quote}”")
    if a is None:
        lines.append("  not checked yet: run `trucewatch commitments check`")
        return lines
    lines.append(f"  verdict as of {a.as_of}: {a.verdict} — {a.reason}")
    for key in ("before", "after"):
        window = getattr(a, key)
        if window is not None:
            lines.append(f"  {key}: {window.start:%Y-%m-%d %H:%M} to {window.end:%Y-%m-%d %H:%M}, {window.summary()}")
    for finding in a.breaches:
        lines.append(f"  incident {finding['incident']} ({finding.get('start')}, {finding.get('type')}, "
                     f"{finding.get('place')}): {finding['verdict']}")
    for finding in a.fulfilled_by:
        lines.append(f"  done: incident {finding['incident']} ({finding.get('start')}, {finding.get('type')})")
    lines.append("  why:")
    lines += [f"    {n}. {step}" for n, step in enumerate(a.trace, 1)]
    lines += [f"  caveat: {caveat}" for caveat in a.caveats]
    return lines
