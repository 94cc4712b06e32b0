"""Background jobs: work too long for one request (an export of a large selection, the re-check
that corrections call for), queued in the database and done by a worker thread in the server.

Any server process may claim a pending job (an UPDATE that only one claimant wins); a job whose
worker died is taken again when its lease runs out. Re-checks coalesce: while one is waiting,
asking again adds nothing. Export files go to a folder; the person who asked downloads them.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlalchemy as sa

from trucewatch.audit.log import SYSTEM, Actor, writing
from trucewatch.background import Loop
from trucewatch.audit.versions import as_utc
from trucewatch.errors import NotFound, TruceWatchError

from .rules import export_max_rows
from .tables import review_jobs

log = logging.getLogger("trucewatch.jobs")
KINDS = ("export", "recheck")
EXPORTS = {"incidents": ("jsonl", "csv", "acled", "geojson"), "events": ("jsonl", "csv", "acled", "geojson"),
           "findings": ("jsonl", "csv", "geojson")}
SUFFIX = {"jsonl": "jsonl", "csv": "csv", "acled": "csv", "geojson": "geojson"}
LEASE = timedelta(minutes=10)
PAGE = 1000


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    params: dict
    state: str
    user_name: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    result: dict | None
    error: str | None

    def as_dict(self) -> dict:
        stamp = (lambda t: t.isoformat() if t else None)
        return {"id": self.id, "kind": self.kind, "params": self.params, "state": self.state, "user": self.user_name,
                "created_at": stamp(self.created_at), "started_at": stamp(self.started_at),
                "finished_at": stamp(self.finished_at), "result": self.result, "error": self.error}

    @property
    def file_name(self) -> str | None:
        return (self.result or {}).get("file")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _job(row) -> Job:
    return Job(row.id, row.kind, dict(row.params or {}), row.state, row.user_name, as_utc(row.created_at),
               as_utc(row.started_at), as_utc(row.finished_at), row.result, row.error)


def check_export(params: dict) -> dict:
    """The export's resource, format and filters, checked before it is queued."""
    from trucewatch.query.filters import parse_query_string

    resource, fmt = params.get("resource"), params.get("format") or "jsonl"
    if resource not in EXPORTS:
        raise TruceWatchError(f"Export what? Choose {', '.join(EXPORTS)} (not {resource!r}).")
    if fmt not in EXPORTS[resource]:
        raise TruceWatchError(f"{resource} export as {', '.join(EXPORTS[resource])} (not {fmt!r}).")
    query = str(params.get("query") or "").lstrip("?")
    parse_query_string(query)  # bad filters are refused now, not in the background
    return {"resource": resource, "format": fmt, "query": query}


def enqueue(store, kind: str, params: dict, *, actor: Actor, coalesce: bool = False) -> Job:
    """Queue a job; with `coalesce`, a job of the same kind still waiting is returned instead."""
    if kind not in KINDS:
        raise TruceWatchError(f"There is no job of kind {kind!r}.")
    if kind == "export":
        params = check_export(params)
    with writing(store) as connection:
        if coalesce:
            waiting = connection.execute(sa.select(review_jobs).where(
                review_jobs.c.kind == kind, review_jobs.c.state == "pending").order_by(review_jobs.c.id).limit(1)).first()
            if waiting is not None:
                return _job(waiting)
        new_id = connection.execute(review_jobs.insert().values(
            kind=kind, params=params, state="pending", user_name=actor.name, created_at=_now())).inserted_primary_key[0]
        return _job(connection.execute(sa.select(review_jobs).where(review_jobs.c.id == new_id)).first())


def get_job(store, job_id: int) -> Job:
    with store.engine.connect() as connection:
        row = connection.execute(sa.select(review_jobs).where(review_jobs.c.id == job_id)).first()
    if row is None:
        raise NotFound(f"There is no job {job_id}.")
    return _job(row)


def list_jobs(store, *, user: str | None = None, limit: int = 50) -> list[Job]:
    query = sa.select(review_jobs).order_by(review_jobs.c.id.desc()).limit(limit)
    if user is not None:
        query = query.where(review_jobs.c.user_name == user)
    with store.engine.connect() as connection:
        return [_job(row) for row in connection.execute(query)]


def claim(store, *, at: datetime | None = None) -> Job | None:
    """The oldest job waiting (or whose worker's lease ran out), now ours; None if there is none."""
    at = at or _now()
    table = review_jobs
    ready = sa.or_(table.c.state == "pending", sa.and_(table.c.state == "running", table.c.lease_until < at))
    with store.engine.connect() as connection:
        candidates = list(connection.scalars(sa.select(table.c.id).where(ready).order_by(table.c.id).limit(5)))
    for job_id in candidates:
        with writing(store) as connection:
            won = connection.execute(table.update().where(table.c.id == job_id, ready).values(
                state="running", started_at=at, lease_until=at + LEASE)).rowcount == 1
        if won:
            return get_job(store, job_id)
    return None


def _close(store, job: Job, **values) -> None:
    with writing(store) as connection:
        connection.execute(review_jobs.update().where(review_jobs.c.id == job.id).values(
            finished_at=_now(), lease_until=None, **values))


def run_one(store, job: Job, folder: Path) -> Job:
    """Do a claimed job and record how it ended (a failure is a sentence on the job, not a crash)."""
    try:
        if job.kind == "export":
            result = write_export(store, job, folder)
        else:
            result = recheck(store)
        _close(store, job, state="done", result=result)
    except Exception as exc:  # noqa: BLE001 - the job records the failure; the worker goes on
        log.exception("job %s (%s) failed", job.id, job.kind)
        reason = str(exc) if isinstance(exc, TruceWatchError) else f"{exc.__class__.__name__}: {exc}"
        _close(store, job, state="failed", error=reason[:2000])
    return get_job(store, job.id)


def recheck(store) -> dict:
    """Fuse the reviewed events again and check every stored truce: findings follow corrections."""
    from trucewatch.truce.run import run_check
    from trucewatch.truce.stored import list_truces

    verdicts = {}
    for truce in list_truces(store):
        _, _, found = run_check(truce.parsed(), store, actor=SYSTEM)
        verdicts[truce.name] = len(found)
    return {"truces": verdicts}


def _pages(store, resource: str, filters):
    from trucewatch.query import list_events, list_findings, list_incidents

    cursor = None
    while True:
        if resource == "incidents":
            page = list_incidents(store, filters, cursor=cursor, limit=PAGE, with_data=True)
        elif resource == "events":
            from .overrides import overlay

            page = list_events(store, filters, cursor=cursor, limit=PAGE)
            overlay(store, page.items)
        else:
            page = list_findings(store, filters, cursor=cursor, limit=PAGE)
        yield page.items
        cursor = page.next_cursor
        if not cursor:
            return


def _rows(store, resource: str, fmt: str, filters):
    """The records of the selection, page by page, as rows of the format's shape."""
    from trucewatch.query.shapes import incident_rows

    for items in _pages(store, resource, filters):
        if fmt == "jsonl":
            yield from ({k: v for k, v in item.items() if not k.startswith("_")} for item in items)
        elif resource == "incidents":
            yield from incident_rows(items)
        elif resource == "events":
            yield from (item["_pair"] for item in items)
        else:
            yield from items


def write_export(store, job: Job, folder: Path) -> dict:
    """The selection written to `folder/<job id>.<suffix>` through the exports' writers."""
    from itertools import islice

    from trucewatch.exports import Shape, export_records
    from trucewatch.query.filters import parse_query_string
    from trucewatch.query.shapes import EVENT_PAGE_SHAPES, FINDING_PAGE_SHAPES, INCIDENT_PAGE_SHAPES

    params = check_export(job.params)
    resource, fmt = params["resource"], params["format"]
    shapes = {"incidents": INCIDENT_PAGE_SHAPES, "events": EVENT_PAGE_SHAPES, "findings": FINDING_PAGE_SHAPES}
    shape = Shape(lambda row: row, "jsonl") if fmt == "jsonl" else shapes[resource][fmt]
    folder.mkdir(parents=True, exist_ok=True)
    name = f"trucewatch-{resource}-{job.id}.{SUFFIX[fmt]}"
    partial = folder / (name + ".part")
    rows = islice(_rows(store, resource, fmt, parse_query_string(params["query"])), export_max_rows())
    with partial.open("w", encoding="utf-8", newline="") as out:
        written = export_records(rows, shape, out)
    partial.replace(folder / name)
    return {"file": name, "rows": written, "bytes": (folder / name).stat().st_size}


def export_path(folder: Path, job: Job) -> Path:
    """Where a finished export's file is (NotFound when the job made none or it was removed)."""
    name = job.file_name
    if job.state != "done" or not name:
        raise NotFound(f"Job {job.id} has no file to download ({job.state}).")
    path = folder / Path(name).name
    if not path.is_file():
        raise NotFound(f"The file of job {job.id} is no longer on the server; export again.")
    return path


class Worker(Loop):
    """A thread that does queued jobs one at a time; `wake()` after queueing one saves the wait."""

    name = "trucewatch-jobs"

    def __init__(self, store, folder: Path, *, poll: float = 2.0):
        super().__init__()
        self.store, self.folder, self.poll = store, Path(folder), poll

    def step(self) -> float:
        job = claim(self.store)
        if job is None:
            return self.poll
        run_one(self.store, job, self.folder)
        return 0.0
