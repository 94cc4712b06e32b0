"""End to end over the real store (runs once trucewatch.store.open_store exists)."""
from __future__ import annotations

import pytest

from trucewatch.incidents.persist import load_findings, load_incidents
from trucewatch.incidents.samples import GOV, make_document, make_event
from trucewatch.records import Extraction
from trucewatch.truce.run import run_check


def test_run_check_over_open_store(tmp_path, example_path):
    store_module = pytest.importorskip("trucewatch.store")
    if not hasattr(store_module, "open_store"):
        pytest.skip("trucewatch.store.open_store is not there yet")
    url = f"sqlite:///{tmp_path / 'tw.db'}"
    a = make_document("Government jets bombed a bakery in Idlib on Friday, witnesses said.", "A", "2016-03-04")
    b = make_document("A bakery in Idlib was hit by a government air raid on Friday; four died.", "B", "2016-03-05")
    store = store_module.open_store(url)
    store.add([a, b], [Extraction(document=a, events=[make_event(a, actors=[GOV])]),
                       Extraction(document=b, events=[make_event(b, day="2016-03-04", actors=[GOV])])])
    terms, incidents, findings = run_check(example_path, url)
    assert len(incidents) == 1 and findings[0].verdict == "probable violation"
    assert len(load_incidents(store)) == 1
    assert load_findings(store, terms.name)[0]["verdict"] == "probable violation"
    _, again, _ = run_check(example_path, url)  # stable ids across re-runs
    assert [i.id for i in again] == [i.id for i in incidents]
