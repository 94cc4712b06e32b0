"""Any valid document or event survives storage unchanged (SQLite in memory, for speed)."""
from __future__ import annotations

from datetime import timezone

from hypothesis import HealthCheck, given, settings, strategies as st

from trucewatch.errors import TruceWatchError
from trucewatch.records import Casualties, Document, Event, Extraction, Location, When

# PostgreSQL cannot store NUL characters: a separate test checks that this is a clear error.
no_nul = st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))
texts = st.text(no_nul, min_size=1, max_size=300).filter(lambda text: text.strip())
optional_text = st.none() | st.text(no_nul, max_size=40)
documents = st.builds(
    Document.from_text,
    texts,
    ref=optional_text,
    title=optional_text,
    published=st.none() | st.dates(),
    published_given=st.booleans(),
    source=optional_text,
    url=optional_text,
    retrieved=st.none() | st.datetimes(timezones=st.none() | st.just(timezone.utc)),
)
counts = st.none() | st.builds(Casualties, low=st.none() | st.integers(0, 10**6),
                               best=st.none() | st.integers(0, 10**6), text=optional_text)
locations = st.none() | st.builds(
    Location, text=st.text(no_nul, min_size=1, max_size=30), name=optional_text,
    geonameid=st.none() | st.integers(1, 2**31 - 1),
    lat=st.none() | st.floats(-90, 90), lon=st.none() | st.floats(-180, 180),
    country=st.none() | st.sampled_from(["SYR", "YEM", "UKR"]),
)


@st.composite
def extractions(draw) -> Extraction:
    document = draw(documents)
    days = draw(st.lists(st.dates(), min_size=0, max_size=3))
    events = [
        Event(id=f"{document.id}:{n}", type=draw(st.sampled_from(["shelling", "air_strike"])),
              when=When(start=day, end=day, precision="day"), fatalities=draw(counts),
              location=draw(locations))
        for n, day in enumerate(days)
    ]
    return Extraction(document=document, events=events)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batch=st.lists(extractions(), min_size=1, max_size=3))
def test_any_extraction_round_trips(store, batch):
    # One store serves every example, so compare only this example's documents.
    unique = list({extraction.document.id: extraction for extraction in batch}.values())
    ids = [extraction.document.id for extraction in unique]
    already = store.known(ids)
    flags = store.add([e.document for e in unique], unique)
    assert flags == [doc_id not in already for doc_id in ids]
    stored = {extraction.document.id: extraction for extraction in store.extractions(ids=ids)}
    fresh = {e.document.id: e for e in unique if e.document.id not in already}
    assert {doc_id: stored[doc_id] for doc_id in fresh} == fresh


def test_nul_characters_are_a_clear_error_or_stored(store):
    document = Document.from_text("before\x00after", ref="nul-report")
    try:
        store.add([document])
    except TruceWatchError as error:  # PostgreSQL
        assert "Document nul-report cannot be stored" in str(error)
        assert store.counts()["documents"] == 0
    else:  # SQLite stores it
        assert list(store.documents()) == [document]
