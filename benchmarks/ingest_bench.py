"""Ingest rate: documents per second stored through `trucewatch.ingest.ingest`.

Stores N synthetic reports (invented sentences, unique per run so none is skipped as a copy)
without extraction, into a fresh SQLite file and, when $TRUCEWATCH_TEST_PG names a PostgreSQL
cluster, into a fresh database there (dropped afterwards); then a smaller set with extraction into SQLite, for the end-to-end rate.
Prints one JSON object. Usage: python benchmarks/ingest_bench.py [--quick] [--documents N]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

PLACES = ["Hama", "Idlib", "Aleppo", "Homs", "Daraa", "Deir ez-Zor", "Raqqa", "Latakia"]
ACTORS = ["Government aircraft", "Rebel fighters", "Unidentified gunmen", "Artillery units",
          "Drones", "Militants"]
ACTS = ["struck a market in", "shelled the outskirts of", "attacked a checkpoint near",
        "fired rockets at", "clashed with local defence forces in"]
SOURCES = ["Levant Wire", "Orontes Gazette", "Civil Monitors", "Valley Radio"]


def synthetic_reports(count: int, run: str, seed: int = 7) -> list[dict]:
    """Short invented reports; the run token keeps their hashes new on every run."""
    rng = random.Random(seed)
    start = date(2016, 3, 1)
    rows = []
    for n in range(count):
        day = start + timedelta(days=rng.randrange(60))
        killed = rng.randrange(0, 15)
        text = (f"{rng.choice(ACTORS)} {rng.choice(ACTS)} {rng.choice(PLACES)} on "
                f"{day.strftime('%A')}, killing {killed} people, residents said. "
                f"Local officials said the attack broke the truce agreed last month. "
                f"Report {run}-{n}.")
        rows.append({"id": f"{run}-{n}", "text": text, "published": day.isoformat(),
                     "source": rng.choice(SOURCES)})
    return rows


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def children_peak_mb() -> float:
    """Largest resident set among finished worker processes (extraction pools)."""
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


def measure(rows: list[dict], db: str, folder: Path, *, extract: bool, workers: int | None) -> dict:
    from trucewatch.ingest import ingest

    path = folder / f"reports-{uuid.uuid4().hex[:8]}.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    started = time.perf_counter()
    summary = ingest([str(path)], db=db, extract=extract, workers=workers)
    seconds = time.perf_counter() - started
    return {"documents": len(rows), "new": summary.new, "skipped": summary.skipped,
            "failed": summary.failed, "seconds": round(seconds, 2),
            "docs_per_s": round(len(rows) / seconds, 1), "peak_mb": peak_mb(),
            "worker_peak_mb": children_peak_mb() if extract else None}


def measure_postgres(admin_url: str, rows: list[dict], folder: Path) -> dict:
    """Ingest into a fresh database on the cluster, dropped afterwards, so runs never mix."""
    import sqlalchemy as sa

    admin = sa.make_url(admin_url)
    name = f"tw_bench_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = admin.set(database=name).render_as_string(hide_password=False)
        return measure(rows, url, folder, extract=False, workers=1)
    finally:  # FORCE closes the store's pooled connections (PostgreSQL 13+)
        with engine.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def guarded(run) -> dict:
    """A missing module or unreachable database becomes a note, not a crash of the whole bench."""
    try:
        return run()
    except ImportError as exc:
        return {"skipped": f"ingest/store not available ({exc})"}
    except Exception as exc:  # noqa: BLE001 - report any failure as a figure we could not take
        return {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--documents", type=int, default=None)
    parser.add_argument("--with-extraction", type=int, default=None,
                        help="documents for the end-to-end run (0 to skip)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    count = args.documents or (300 if args.quick else 5000)
    extracted = args.with_extraction if args.with_extraction is not None else (20 if args.quick else 200)
    run = uuid.uuid4().hex[:10]
    result: dict = {"run": run}
    with tempfile.TemporaryDirectory(prefix="trucewatch-bench-") as tmp:
        folder = Path(tmp)
        rows = synthetic_reports(count, run)
        result["sqlite"] = guarded(lambda: measure(
            rows, f"sqlite:///{folder / 'bench.db'}", folder, extract=False, workers=1))
        pg = os.environ.get("TRUCEWATCH_TEST_PG")
        if pg:
            result["postgresql"] = guarded(lambda: measure_postgres(
                pg, synthetic_reports(count, run + "pg"), folder))
        else:
            result["postgresql"] = {"skipped": "TRUCEWATCH_TEST_PG is not set (no cluster running)"}
        if extracted:
            result["sqlite_with_extraction"] = guarded(lambda: measure(
                synthetic_reports(extracted, run + "x"), f"sqlite:///{folder / 'bench-x.db'}",
                folder, extract=True, workers=args.workers))
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
