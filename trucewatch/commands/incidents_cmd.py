"""The `incidents` command group: read stored incidents and correct their fusion by hand.

A thin layer over `trucewatch.incidents.stored`; merges, splits and undos are kept in the
database's journal and replayed by every later fusion (`trucewatch check`).
"""
from __future__ import annotations

import json
from contextlib import contextmanager

import typer
from rich.table import Table

from trucewatch.cli_app import DASK_HELP, DB_HELP, app, db_url, err_console, out_console, show_progress
from trucewatch.terminal import SafeConsole, json_line

PIPED_WIDTH = 200

incidents_app = typer.Typer(
    help="Stored incidents: list, show, and correct their fusion (merge, split, undo, journal).\n\n"
         "[bold]Example[/bold]:\n\n    trucewatch incidents list --db sqlite:///tw.db",
    no_args_is_help=True,
    rich_markup_mode="rich",
)
app.add_typer(incidents_app, name="incidents")

DB_OPTION = typer.Option(None, "--db", help=DB_HELP)


@contextmanager
def _store(db: str | None):
    from trucewatch.store import open_store

    with open_store(db_url(db)) as store:
        yield store


@contextmanager
def _busy(what: str):
    """A spinner while the stored events are fused again (only for a person at a terminal)."""
    if show_progress():
        with err_console.status(what):
            yield
    else:
        yield


def _print_table(table: Table) -> None:
    if out_console.is_terminal:
        out_console.print(table)
    else:  # piped: no terminal width to respect, so do not wrap cells
        SafeConsole(width=max(out_console.width, PIPED_WIDTH)).print(table)


# -- formatting ------------------------------------------------------------------------------

def _dates(inc: dict) -> str:
    start, end = inc.get("start"), inc.get("end")
    if not start:
        return "undated"
    text = start if start == end or not end else f"{start} – {end}"
    precision = inc.get("time_precision")
    return text if precision in (None, "day") else f"{text} ({precision})"


def _place(inc: dict) -> str:
    loc = inc.get("location") or {}
    name = loc.get("name") or loc.get("text")
    if not name:
        return "unknown"
    country = loc.get("country")
    return f"{name}, {country}" if country and country != name else name


def _count(figures: dict | None) -> str:
    figures = figures or {}
    low, best, high = figures.get("low"), figures.get("best"), figures.get("high")
    if low is None and best is None and high is None:
        return "—"
    low = low if low is not None else best
    high = high if high is not None else best
    if high is None:
        return f"≥{low}"
    return str(low) if low == high else f"{low}–{high}"


def _parties(inc: dict) -> str:
    return ", ".join(f"{p['party']} ({p['grade']})" for p in inc.get("parties", [])) or "unattributed"


def _short(event_id: str) -> str:
    document, _, n = event_id.rpartition(":")
    return f"{document[:12]}:{n}" if len(document) > 12 else event_id


def _say(message: str) -> None:
    out_console.print(message, highlight=False, soft_wrap=True)


def _findings_hint(store) -> None:
    from trucewatch.incidents.stored import has_findings

    if has_findings(store):
        err_console.print("Stored findings predate this change: run `trucewatch check TRUCE.yaml` again.",
                          highlight=False)


# -- commands --------------------------------------------------------------------------------

@incidents_app.command("list")
def list_incidents(
    as_json: bool = typer.Option(False, "--json", help="One JSON incident per line (event ids, no texts)."),
    limit: int | None = typer.Option(None, "--limit", min=0, help="Show at most N incidents."),
    db: str | None = DB_OPTION,
) -> None:
    """List the stored incidents, earliest first: dates, place, sources, parties with grades, killed.

    [bold]Example[/bold]:

        trucewatch incidents list --db sqlite:///tw.db --limit 20
    """
    from trucewatch.incidents.stored import stored_incidents, where

    with _store(db) as store:
        found = stored_incidents(store, limit=limit)
        if as_json:
            for inc in found:
                typer.echo(json_line(inc))
            return
        if not found:
            err_console.print(f"No incidents stored in {where(store)}: run `trucewatch check TRUCE.yaml` "
                              "(or `trucewatch incidents fuse`) first to fuse incidents.", highlight=False)
            return
    table = Table("incident", "type", "when", "place", "sources", "parties", "killed",
                  title=f"{len(found)} incident(s)")
    for inc in found:
        sources = f"{inc['independent_sources']} of {inc['documents']}"
        mark = " (manual)" if inc.get("manual") else ""
        table.add_row(inc["id"] + mark, inc["type"], _dates(inc), _place(inc), sources, _parties(inc),
                      _count(inc.get("fatalities")))
    _print_table(table)


@incidents_app.command("show")
def show(
    incident_id: str = typer.Argument(..., metavar="ID", help="An incident id (or one merged away, or an event id)."),
    as_json: bool = typer.Option(False, "--json", help="The incident with every mention as one JSON object."),
    db: str | None = DB_OPTION,
) -> None:
    """Show one incident with every report that tells of it: document, outlet, event, evidence.

    An id merged or split away resolves to the incident that holds its events now, and says so.

    [bold]Example[/bold]:

        trucewatch incidents show inc-0123456789abcdef --db sqlite:///tw.db
    """
    from trucewatch.incidents.stored import find_incident

    with _store(db) as store:
        found = find_incident(store, incident_id)
    if found.note:
        err_console.print(f"note: {found.note}", highlight=False)
    if as_json:
        typer.echo(json_line(found.as_dict()))
        return
    _print_incident(found)


def _print_incident(found) -> None:
    inc = found.incident
    loc = inc.get("location") or {}
    _say(f"[bold]Incident {inc['id']}[/bold]" + (" (shaped by a manual merge or split)" if inc.get("manual") else ""))
    _say(f"act: {inc['type']} ({inc['family']}), status {inc['status']}"
         + (f"; reports also say {', '.join(t for t in inc['types'] if t != inc['type'])}"
            if len(inc.get("types", [])) > 1 else ""))
    _say(f"when: {_dates(inc)}")
    coords = f" at {loc['lat']:.4f}, {loc['lon']:.4f}" if loc.get("lat") is not None else ""
    _say(f"where: {_place(inc)} ({loc.get('precision', 'unknown')}){coords}")
    _say(f"sources: {inc['independent_sources']} independent of {inc['documents']} report(s): "
         + ", ".join(inc.get("outlets", [])))
    for party in inc.get("parties", []):
        reasons = "; ".join(party.get("reasons", []))
        _say(f"party: {party['party']} — {party['grade']}" + (f" ({reasons})" if reasons else ""))
    if inc.get("act_disputed"):
        _say("act disputed: " + "; ".join(inc.get("act_dispute_reasons", [])))
    for label, key in (("killed", "fatalities"), ("injured", "injured")):
        figures = inc.get(key) or {}
        if figures.get("figures"):
            given = ", ".join(f"{_count(f)} ({f['outlet']})" for f in figures["figures"])
            _say(f"{label}: {_count(figures)} — {given}")
    table = Table("event", "published", "outlet", "type", "when", "evidence", title="Mentions")
    for m in found.mentions:
        event, document = m.event, m.document
        evidence = " … ".join(span.text for span in event.evidence) or "—"
        when = event.when.start.isoformat() if event.when.start == event.when.end else \
            f"{event.when.start} – {event.when.end}"
        table.add_row(_short(event.id), str(document.published or "—"), m.outlet, event.type,
                      f"{when} ({event.when.precision})", evidence)
    _print_table(table)
    if found.missing_events:
        _say(f"{len(found.missing_events)} mention(s) no longer stored: " + ", ".join(map(_short, found.missing_events)))


@incidents_app.command()
def merge(
    a: str = typer.Argument(..., metavar="A", help="An incident id."),
    b: str = typer.Argument(..., metavar="B", help="Another incident id, of the same act."),
    db: str | None = DB_OPTION,
) -> None:
    """Merge incidents A and B: their reports tell of one act. Kept in the journal; undo with its id.

    The merged incident keeps the id of its earliest report; the other id still resolves to it.

    [bold]Example[/bold]:

        trucewatch incidents merge inc-0123456789abcdef inc-fedcba9876543210
    """
    from trucewatch.incidents.stored import merge_stored

    with _store(db) as store, _busy("fusing stored events again"):
        op, merged = merge_stored(store, a, b)
        _say(f"Merged {a} and {b} ({_describe(op)}): incident {merged.id} now has {len(merged.mentions)} "
             f"mention(s). Undo with `trucewatch incidents undo {op.op_id}`.")
        _findings_hint(store)


@incidents_app.command()
def split(
    incident_id: str = typer.Argument(..., metavar="ID", help="The incident to split."),
    event_ids: list[str] = typer.Argument(..., metavar="EVENT_ID",
                                          help="Events to move out (full ids or the short ids `show` prints)."),
    db: str | None = DB_OPTION,
) -> None:
    """Move some events out of an incident into a new one: they tell of another act.

    [bold]Example[/bold]:

        trucewatch incidents split inc-0123456789abcdef 3f9c2a41be07:0
    """
    from trucewatch.incidents.stored import split_stored

    with _store(db) as store, _busy("fusing stored events again"):
        op, (kept, moved) = split_stored(store, incident_id, event_ids)
        _say(f"Split {incident_id}: {kept.id} keeps {len(kept.mentions)} mention(s), new incident "
             f"{moved.id} has {len(moved.mentions)}. Undo with `trucewatch incidents undo {op.op_id}`.")
        _findings_hint(store)


@incidents_app.command()
def undo(
    op_id: str = typer.Argument(..., metavar="OP_ID", help="A journal entry's id (see `trucewatch incidents journal`)."),
    db: str | None = DB_OPTION,
) -> None:
    """Undo one manual merge or split; later operations stay.

    [bold]Example[/bold]:

        trucewatch incidents undo 5b1d0c9e2a7f
    """
    from trucewatch.incidents.stored import undo_stored

    with _store(db) as store, _busy("fusing stored events again"):
        op, incident_set = undo_stored(store, op_id)
        _say(f"Undid {op.kind} {op.op_id} ({_describe(op)}); {len(incident_set)} incident(s) stored.")
        _findings_hint(store)


def _describe(op) -> str:
    if op.kind == "merge":  # which id stays is fusion's choice (the earliest report's), so say neither
        return f"{op.args['a']} merged with {op.args['b']}"
    if op.kind == "split":
        return f"{', '.join(map(_short, op.args['event_ids']))} out of {op.args['incident']}"
    return json.dumps(op.args)


@incidents_app.command()
def journal(
    as_json: bool = typer.Option(False, "--json", help="One JSON operation per line."),
    db: str | None = DB_OPTION,
) -> None:
    """List the manual merges and splits in the order they are replayed, undone ones marked.

    [bold]Example[/bold]:

        trucewatch incidents journal --db sqlite:///tw.db
    """
    from trucewatch.incidents.persist import load_journal

    with _store(db) as store:
        ops, _ = load_journal(store)
    if as_json:
        for op in ops:
            data = op.as_dict()
            data.pop("applied", None)  # known only after a replay
            typer.echo(json_line(data))
        return
    if not ops:
        _say("No manual operations: the incidents are as fusion made them.")
        return
    table = Table("operation", "kind", "what", "when", "state", title="Journal")
    for op in ops:
        table.add_row(op.op_id, op.kind, _describe(op), op.created[:19].replace("T", " "),
                      "undone" if op.undone else "active")
    _print_table(table)


@incidents_app.command()
def fuse(db: str | None = DB_OPTION,
         all_events: bool = typer.Option(False, "--all-events", help="Fuse every event, not only each report's "
                                         "main and salient ones (background mentions never count)."),
         dask: str | None = typer.Option(None, "--dask", metavar="ADDRESS", help=DASK_HELP)) -> None:
    """Fuse the stored events into incidents (replaying the journal) without checking a truce.

    With --dask the workers read their share of the events from the database themselves and
    fuse it in parallel; the incidents are the same as without.

    [bold]Example[/bold]:

        trucewatch incidents fuse --db sqlite:///tw.db

        trucewatch incidents fuse --db postgresql://tw@db/trucewatch --dask tcp://10.0.0.5:8786
    """
    from trucewatch.incidents.stored import refuse_stored
    from trucewatch.scale.cluster import optional_fuser

    with optional_fuser(dask) as fuser, _store(db) as store, _busy("fusing stored events"):
        incident_set = refuse_stored(store, fuser=fuser, all_events=all_events)
        _say(f"{len(incident_set)} incident(s) stored from {sum(len(i.mentions) for i in incident_set)} "
             "event mention(s).")
