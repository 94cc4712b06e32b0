"""Worker processes: order is kept, and a dying worker is an error, never a hang."""
import os

import pytest

from trucewatch.errors import TruceWatchError
from trucewatch.extract import pipeline
from trucewatch.records import Document, Extraction


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


# Our own invented reports: places, dates, tolls, claims and a denial, so every part of a record
# makes the trip from a worker to the parent.
REPORTS = [
    "Government jets struck a bakery in Saraqib on Monday, killing at least seven people, "
    "medics said. The army denied the raid.",
    "Rebels shelled a checkpoint near Hama overnight. Two soldiers were wounded, officials said.",
    "Aid trucks reached eastern Aleppo on Tuesday after a two-day delay.",
]


def _dated_documents():
    from datetime import date

    return [Document.from_text(text, ref=f"d{i}", published=date(2016, 3, 10)) for i, text in enumerate(REPORTS)]


@pytest.mark.real_places
def test_records_from_workers_equal_records_made_in_one_process():
    alone = list(pipeline.run_pipeline(_dated_documents(), workers=1))
    over_workers = list(pipeline.run_pipeline(_dated_documents(), workers=2, batch_size=1))
    assert over_workers == alone
    assert any(event.location is not None for record in alone for event in record.events)


def _report_frozen_heap(batch):
    import gc

    return [Extraction(document=document.model_copy(update={"ref": str(gc.get_freeze_count())}))
            for document in batch]


def test_workers_run_with_the_shared_heap_frozen_and_the_parent_gets_it_back(monkeypatch):
    import gc

    monkeypatch.setattr(pipeline, "extract_batch", _report_frozen_heap)
    before = gc.get_freeze_count()
    refs = [x.document.ref for x in pipeline.run_pipeline(_documents(2), workers=2, batch_size=1)]
    assert all(int(ref) > 1000 for ref in refs)  # the model and tables, at least
    assert gc.get_freeze_count() == before


def test_warm_up_loads_the_admin_polygons_before_workers_fork(monkeypatch):
    from trucewatch.places import areas

    monkeypatch.setattr(pipeline, "_warm", False)
    areas._layers.cache_clear()
    areas.admin_of.cache_clear()
    pipeline.warm_up()
    assert areas._layers.cache_info().currsize == 1
