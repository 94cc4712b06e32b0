"""Store throughput (not a test; run by hand): documents/s written, rows/s read.

    . ./.test-services.env; .venv/bin/python tests/store/bench_store.py [COUNT]

Writes COUNT invented reports (two events each) in batches of 50 into a temporary SQLite file
and, when $TRUCEWATCH_TEST_PG is set, into a temporary PostgreSQL database.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).parent))
from conftest import market_extraction  # noqa: E402

from trucewatch.records import Document, Extraction  # noqa: E402
from trucewatch.store import open_store  # noqa: E402

BATCH = 50


def reports(first: int, count: int) -> list[Extraction]:
    template = market_extraction()
    out = []
    for n in range(first, first + count):
        document = Document.from_text(f"{template.document.text} Report {n}.",
                                      published=template.document.published)
        events = [event.model_copy(update={"id": f"{document.id}:{k}"})
                  for k, event in enumerate(template.events * 2)]
        out.append(Extraction(document=document, events=events))
    return out


def measure(url: str, label: str, total: int) -> None:
    with open_store(url) as store:
        started = time.perf_counter()
        for first in range(0, total, BATCH):
            batch = reports(first, BATCH)
            store.add([extraction.document for extraction in batch], batch)
        writing = time.perf_counter() - started
        started = time.perf_counter()
        events = sum(1 for _ in store.events(country="SYR"))
        reading = time.perf_counter() - started
        started = time.perf_counter()
        documents = sum(1 for _ in store.extractions())
        rebuilding = time.perf_counter() - started
    print(f"{label}: add {total / writing:.0f} docs/s ({2 * total} events); "
          f"events() {events / reading:.0f} rows/s; extractions() {documents / rebuilding:.0f} docs/s")


def main(total: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        measure(f"sqlite:///{folder}/bench.db", "sqlite", total)
    admin_url = os.environ.get("TRUCEWATCH_TEST_PG")
    if not admin_url:
        return
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql("CREATE DATABASE tw_store_bench")
    try:
        url = sa.make_url(admin_url).set(database="tw_store_bench")
        measure(url.render_as_string(hide_password=False), "postgresql", total)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql("DROP DATABASE tw_store_bench WITH (FORCE)")
        admin.dispose()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
