"""Two processes adding the same reports to a fresh database store each report once."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from trucewatch.store import open_store

WORKER = Path(__file__).with_name("race_worker.py")
COUNT, BATCH = 80, 2


def test_racing_processes_store_each_document_once(store_url, tmp_path):
    racers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), store_url, str(tmp_path), str(COUNT), str(BATCH), order],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for order in ("forward", "backward")
    ]
    (tmp_path / "go").touch()
    outputs = [racer.communicate(timeout=120) for racer in racers]
    for racer, (_, err) in zip(racers, outputs):
        assert racer.returncode == 0, err
    first, second = (json.loads(out) for out, _ in outputs)
    # Every report was new to exactly one of the two processes.
    assert [a + b for a, b in zip(first, second)] == [1] * COUNT
    assert len(first) == len(second) == COUNT
    with open_store(store_url) as store:
        counts = store.counts()
    assert counts["documents"] == COUNT and counts["events"] == COUNT
