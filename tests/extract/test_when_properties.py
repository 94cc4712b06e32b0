"""Property tests: the time resolver never crashes and never returns start > end."""
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch.extract.when import default_when, find_times, resolve
from trucewatch.records import When

WORDS = ["on", "last", "next", "this", "Monday", "Friday", "week", "month", "year", "ago", "two",
         "days", "since", "March", "May", "3", "31", "2016", "in", "the", "past", "earlier",
         "later", "yesterday", "overnight", "between", "and", "5th", "will", "was", "day", "after",
         "12/13/2014", "2015-02-29", "-", "weekend", "recent", "mid-", "late", "early", ",", ".",
         "summer", "winter", "from", "to", "1990s", "between", "0001", "9999", "Dec", "29 February",
         "later", "next", "following", "2015-13-45", "since 9999", "\"", "Wednesday's",
         "first", "week", "half", "of", "February"]

any_date = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
tenses = st.sampled_from([None, "past", "present", "future"])
phrases = st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join)
texts = st.one_of(st.text(max_size=120), phrases)


def anchors():
    return st.one_of(st.none(), st.builds(
        lambda a, b: When(start=min(a, b), end=max(a, b), precision="days"), any_date, any_date))


def well_formed(when: When) -> bool:
    return when.start <= when.end and when.precision in ("day", "days", "week", "month", "year", "unknown")


@settings(max_examples=300, deadline=None)
@given(texts, any_date, tenses, anchors())
def test_resolve_never_crashes_and_is_ordered(expression, published, tense, anchor):
    when = resolve(expression, published, tense, anchor=anchor)
    assert when is None or well_formed(when)


@settings(max_examples=300, deadline=None)
@given(texts, st.one_of(st.none(), any_date), tenses, st.integers(min_value=0, max_value=10_000),
       anchors())
def test_find_times_never_crashes_and_spans_are_in_the_text(text, published, tense, offset, anchor):
    for mention in find_times(text, published, offset=offset, tense=tense, anchor=anchor):
        assert well_formed(mention.when)
        assert text[mention.start - offset:mention.end - offset] == mention.text
        assert mention.when.text == mention.text


@given(any_date)
def test_default_when_is_ordered_and_unknown(published):
    when = default_when(published)
    assert when.start <= when.end == published
    assert when.precision == "unknown"
