"""The whole check as one call over a database: fuse, store incidents, check, store findings.

The `check` and `report` commands, the demo and the web layer share it.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from trucewatch.errors import TruceWatchError
from trucewatch.incidents.persist import fuse_and_save, save_findings
from trucewatch.review.workflow import without_rejected

from .checker import check
from .stored import record_check
from .terms import TruceTerms, load_truce


def open_store(url: str):
    """The project's store (imported late so this module loads without the storage package)."""
    try:
        from trucewatch.store import open_store as opener
    except ImportError:
        raise TruceWatchError("the storage package (trucewatch.store) is not installed, so there are no "
                              "stored events to check") from None
    return opener(url)


@contextmanager
def _steps(progress: bool):
    """A rich progress display with one line per step when asked for, else a silent stand-in."""
    if not progress:
        yield lambda description: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), transient=True) as bar:
        current = {}

        def step(description: str) -> None:
            if "task" in current:
                bar.update(current["task"], completed=1, total=1)
            current["task"] = bar.add_task(description, total=None)

        yield step


def run_check(truce: TruceTerms | str | Path, db, *, progress: bool = False, actor=None, fuser=None,
              all_events: bool = False):
    """(terms, incident set, findings) for the events stored in `db` (a URL or an open Store);
    incidents and findings are saved, and the terms too (trucewatch.truce.stored), marked as the
    ones the findings came from; `actor` (default: the person at the shell) is who ran the check.
    `fuser` stands in for `incidents.fuse` (trucewatch.scale.fusion.cluster_fuser fuses on Dask).
    Each report's main and salient events are checked (`all_events`: every event but background)."""
    terms = truce if isinstance(truce, TruceTerms) else load_truce(truce)
    store = db if hasattr(db, "engine") else open_store(db)
    with _steps(progress) as step:
        step("fusing events into incidents and saving them")
        incidents, _ = fuse_and_save(store, fuser=fuser, all_events=all_events)
        step(f"checking {len(incidents)} incidents against {terms.name}")
        findings = check(terms, without_rejected(store, incidents))
        step("saving findings")
        save_findings(store, terms.name, findings)
        record_check(store, terms, actor=actor)
    return terms, incidents, findings
