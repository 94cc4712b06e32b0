"""The filters of documents() and events(), on both databases, and the text/date parsers."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, strategies as st

from trucewatch.errors import TruceWatchError
from trucewatch.store.filters import as_date, words


@pytest.fixture
def filled(store, samples):
    store.add([sample.document for sample in samples], samples)
    return store


def refs(documents):
    return [document.ref for document in documents]


def event_types(pairs):
    return [(document.ref, event.type) for document, event in pairs]


def test_documents_come_oldest_first_undated_last(filled):
    assert refs(filled.documents()) == ["report-1", "report-2", "report-3"]


def test_documents_by_publication_range(filled):
    assert refs(filled.documents(since="2016-03-03")) == ["report-2"]
    assert refs(filled.documents(until=date(2016, 3, 2))) == ["report-1"]
    assert refs(filled.documents(since="2016-03-01", until="2016-03-31")) == ["report-1", "report-2"]


def test_documents_by_words_any_case_and_phrases(filled):
    assert refs(filled.documents(text="GENEVA")) == ["report-3"]
    assert refs(filled.documents(text='"vegetable market" darayya')) == ["report-1"]
    assert refs(filled.documents(text="market clinic")) == []


def test_text_filter_ignores_case_beyond_ascii(store, samples):
    school = samples[2].document.model_copy(update={"id": "e" * 64, "text": "L'ÉCOLE DE ḤAMA fut touchée."})
    store.add([school])
    assert [d.id for d in store.documents(text="école ḥama")] == [school.id]


def test_text_filter_treats_wildcards_literally(filled):
    assert refs(filled.documents(text="%")) == []
    assert refs(filled.documents(text="_")) == []


def test_documents_limit_and_ids(filled, samples):
    assert refs(filled.documents(limit=1)) == ["report-1"]
    assert refs(filled.documents(ids=[samples[2].document.id])) == ["report-3"]


def test_events_in_time_order_with_their_documents(filled):
    assert event_types(filled.events()) == [
        ("report-2", "shelling"), ("report-1", "shelling"), ("report-2", "air_strike"),
    ]


def test_events_whose_span_overlaps_the_range(filled):
    # The month-long February event overlaps a range that starts on 29 February.
    assert event_types(filled.events(since="2016-02-29", until="2016-03-01")) == [
        ("report-2", "shelling"), ("report-1", "shelling"),
    ]
    assert event_types(filled.events(since="2016-03-02")) == [("report-2", "air_strike")]


def test_events_by_country_type_and_text(filled):
    assert event_types(filled.events(country="yem")) == [("report-2", "air_strike")]
    assert event_types(filled.events(country=["SYR", "YEM"], type="air_strike,shelling")) == [
        ("report-1", "shelling"), ("report-2", "air_strike"),
    ]
    assert event_types(filled.events(type="shelling", text="clinic")) == [("report-2", "shelling")]
    assert event_types(filled.events(limit=0)) == []


def test_a_bad_date_is_a_sentence():
    with pytest.raises(TruceWatchError, match="--from date '2016-13-01' is not a date"):
        as_date("2016-13-01", "--from")


def test_a_negative_limit_is_refused(filled):
    with pytest.raises(TruceWatchError, match="limit"):
        list(filled.documents(limit=-1))


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Cc")),
                        min_size=1, max_size=8), max_size=5))
def test_plain_words_split_back_into_themselves(parts):
    plain = [part for part in parts if '"' not in part and "'" not in part and "\\" not in part]
    assert words(" ".join(plain)) == plain


@given(st.text(max_size=40))
def test_words_never_fails_and_never_yields_empty_words(text):
    assert all(word for word in words(text))


@given(st.dates())
def test_iso_dates_parse_to_themselves(day):
    assert as_date(day.isoformat(), "--to") == day
