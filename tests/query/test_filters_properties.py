"""The filter parser takes any text: it either gives checked filters or a FilterError naming the
filter, and filters written back as a query string parse to the same filters."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlencode

from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch.query.filters import NAMES, FilterError, parse_filters, parse_query_string

texts = st.text(max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(NAMES), st.one_of(texts, st.lists(texts, max_size=3))))
def test_any_text_parses_or_names_the_filter(params):
    try:
        parse_filters(params)
    except FilterError as exc:
        assert exc.name in NAMES and str(exc).startswith(f"The filter '{exc.name}'")


valid = st.fixed_dictionaries({}, optional={
    "date_after": st.dates(date(1990, 1, 1), date(2030, 1, 1)).map(date.isoformat),
    "country": st.lists(st.sampled_from(["SYR", "LBN", "IRQ"]), min_size=1, max_size=3, unique=True).map(",".join),
    "verdict": st.sampled_from(["violation", "possible violation", "unchecked"]),
    "bbox": st.tuples(st.floats(-180, 0), st.floats(-90, 0), st.floats(0, 180), st.floats(0, 90)).map(
        lambda box: ",".join(f"{v:.5f}" for v in box)),
    "near": st.tuples(st.floats(-90, 90), st.floats(-180, 180)).map(lambda p: f"{p[0]:.5f},{p[1]:.5f}"),
    "q": st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(str.strip),
})


@settings(max_examples=200, deadline=None)
@given(valid)
def test_filters_survive_a_trip_through_the_url(params):
    filters = parse_filters(params)
    again = parse_query_string(urlencode(filters.query_pairs()))
    assert again == filters


@settings(max_examples=200, deadline=None)
@given(st.datetimes(datetime(1990, 1, 1), datetime(2030, 1, 1)),
       st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes))))
def test_a_time_with_any_offset_becomes_the_same_instant_in_utc(moment, zone):
    """SQLite compares stored times as text and drops a bound value's offset, so the filter holds
    every time in UTC (a naive one is taken as UTC)."""
    given_time = moment.replace(tzinfo=zone)
    parsed = parse_filters({"updated_since": given_time.isoformat()}).updated_since
    assert parsed == given_time and parsed.utcoffset() == timedelta(0)
    assert parse_filters({"updated_since": moment.isoformat()}).updated_since == moment.replace(tzinfo=timezone.utc)
