"""Run by test_concurrency in two processes at once: add the same reports, print the flags.

Usage: python race_worker.py URL SYNC_DIR COUNT BATCH [backward]. Both processes wait for SYNC_DIR/go, open
(and so migrate) the fresh database together, wait for each other, then write the same reports
in small batches (one of them last report first), so their transactions interleave. Prints one
flag per report, in report order.
"""
import json
import os
import sys
import time
from pathlib import Path

from trucewatch.records import Document, Event, Extraction, When
from trucewatch.store import open_store


def report(n: int) -> Extraction:
    document = Document.from_text(f"Report number {n}: two shells fell near checkpoint {n}.")
    day = When(start="2016-03-01", end="2016-03-01", precision="day")
    return Extraction(document=document, events=[Event(id=f"{document.id}:0", type="shelling", when=day)])


def wait_for(condition) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("the other racer never came")
        time.sleep(0.002)


def main(url: str, sync_dir: str, count: int, batch: int, backward: bool) -> None:
    sync = Path(sync_dir)
    order = list(range(count))[::-1] if backward else list(range(count))
    extractions = [report(n) for n in order]
    wait_for((sync / "go").exists)
    flags = []
    with open_store(url) as store:
        (sync / f"ready-{os.getpid()}").touch()
        wait_for(lambda: len(list(sync.glob("ready-*"))) == 2)
        for start in range(0, count, batch):
            chunk = extractions[start:start + batch]
            flags += store.add([e.document for e in chunk], chunk)
            time.sleep(0.001)  # let the other process in between our transactions
    by_report = dict(zip(order, flags))
    print(json.dumps([by_report[n] for n in range(count)]))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), "backward" in sys.argv[5:])
