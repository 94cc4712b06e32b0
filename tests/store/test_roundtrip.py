"""Records go into the store and come out unchanged, once, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest

from trucewatch.errors import TruceWatchError
from trucewatch.records import Event, Extraction, When
from trucewatch.store import open_store


def test_extractions_round_trip_exactly(store, samples):
    flags = store.add([sample.document for sample in samples], samples)
    assert flags == [True, True, True]
    stored = {extraction.document.id: extraction for extraction in store.extractions()}
    assert stored == {sample.document.id: sample for sample in samples}


def test_documents_round_trip_with_provenance(store, samples):
    documents = [sample.document for sample in samples]
    store.add(documents)
    by_id = {document.id: document for document in store.documents()}
    assert by_id == {document.id: document for document in documents}
    clinic = by_id[samples[1].document.id]
    assert clinic.published_given is False and clinic.retrieved.tzinfo is not None


def test_adding_again_stores_nothing_new(store, samples):
    documents = [sample.document for sample in samples]
    store.add(documents, samples)
    before = store.counts()
    assert store.add(documents, samples) == [False, False, False]
    assert store.counts() == before
    assert before["documents"] == 3 and before["events"] == 3


def test_a_repeat_within_one_call_is_reported_as_skipped(store, samples):
    document = samples[0].document
    assert store.add([document, document]) == [True, False]
    assert store.counts()["documents"] == 1


def test_extraction_is_stored_only_with_its_new_document(store, samples):
    market = samples[0]
    store.add([market.document])  # stored earlier without events
    assert store.add([market.document], [market]) == [False]
    assert store.counts()["events"] == 0


def test_unpacked_tables_hold_actors_claims_evidence_places(store, samples):
    store.add([sample.document for sample in samples], samples)
    counts = store.counts()
    assert counts["actors"] == 3  # two on the market event, one target of the clinic strike
    assert counts["claims"] == 1 and counts["evidence"] == 1
    assert counts["places"] == 2  # Darayya by GeoNames id, Taiz by name and coordinates


def test_add_extractions_replaces_stored_events(store, samples):
    market = samples[0]
    store.add([market.document], [market])
    replacement = Event(id=f"{market.document.id}:0", type="air_strike",
                        when=When(start=market.events[0].when.start, end=market.events[0].when.end,
                                  precision="day"))
    assert store.add_extractions([Extraction(document=market.document, events=[replacement])]) == [False]
    (stored,) = store.extractions()
    assert stored.events == [replacement]
    assert store.counts()["actors"] == 0 and store.counts()["claims"] == 0


def test_add_extractions_stores_a_missing_document(store, samples):
    assert store.add_extractions([samples[1]]) == [True]
    assert list(store.extractions()) == [samples[1]]


def test_extraction_without_its_document_is_refused(store, samples):
    with pytest.raises(TruceWatchError, match="without the document"):
        store.add([], [samples[0]])
    assert store.counts()["documents"] == 0


def test_conflicting_event_ids_roll_back_the_whole_call(store, samples):
    market, clinic = samples[0], samples[1]
    clashing = clinic.model_copy(update={"events": [market.events[0]]})
    with pytest.raises(TruceWatchError, match="conflict"):
        store.add([market.document, clinic.document], [market, clashing])
    assert store.counts()["documents"] == 0  # one transaction: nothing half-stored


def test_known_names_the_stored_ids(store, samples):
    store.add([samples[0].document])
    assert store.known([samples[0].document.id, samples[1].document.id]) == {samples[0].document.id}


def test_reopening_keeps_the_records(store_url, samples):
    with open_store(store_url) as first:
        first.add([samples[0].document], [samples[0]])
    with open_store(store_url) as second:
        assert list(second.extractions()) == [samples[0]]
