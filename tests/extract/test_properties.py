"""Property tests: extraction never crashes on odd text, and every offset points at its words."""
from __future__ import annotations

import warnings
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trucewatch.extract import extract
from trucewatch.records import Document

WORDS = ["Jets", "struck", "the", "market", "rebels", "shelled", "a", "hospital", "on", "Monday",
         "killing", "12", "people", ",", ".", "denied", "said", "not", "will", "attack", "truce",
         "yesterday", "last", "week", "and", "by", "government", "forces", "were", "hit", "no", "one",
         "hurt", "accused", "of", "violating", "the", "ceasefire", "talks", "phone", "\n", "«", "—"]

sentences = st.lists(st.sampled_from(WORDS), min_size=0, max_size=40).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=sentences, published=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))
def test_never_crashes_and_offsets_are_true(nlp, text, published):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = extract(text, published=published)
    body = result.document.text
    assert result.document.id == Document.from_text(text).id
    for n, event in enumerate(result.events, start=1):
        assert event.id == f"{result.document.id}:{n}"
        assert event.when.start <= event.when.end
        for span in [*event.evidence, *event.claims]:
            assert body[span.start:span.end] == span.text
        for count in (event.fatalities, event.injured):
            if count is not None and count.low is not None and count.high is not None:
                assert count.low <= (count.best if count.best is not None else count.low) <= count.high
