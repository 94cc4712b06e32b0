"""Worker processes: order is kept, and a dying worker is an error, never a hang."""
import os

import pytest

from trucewatch.errors import TruceWatchError
from trucewatch.extract import pipeline
from trucewatch.records import Document


def _documents(n):
    return [Document.from_text(f"Report {i}: shelling hit Hama on Monday.", ref=f"r{i}") for i in range(n)]


def test_results_come_back_in_input_order_over_two_workers():
    refs = [x.document.ref for x in pipeline.run_pipeline(_documents(7), workers=2, batch_size=2)]
    assert refs == [f"r{i}" for i in range(7)]


def _die(batch):
    os._exit(3)


def test_a_worker_that_dies_is_reported_as_a_sentence(monkeypatch):
    monkeypatch.setattr(pipeline, "extract_batch", _die)
    with pytest.raises(TruceWatchError, match="worker process died"):
        list(pipeline.run_pipeline(_documents(3), workers=2, batch_size=1))
