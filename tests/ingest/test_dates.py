from datetime import date

import pytest
from hypothesis import given, strategies as st

from trucewatch.ingest.dates import BadDate, parse_published, split_date_line

body_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)


@pytest.mark.parametrize("text, day, rest", [
    ("date 2015-08-12 Shells hit the town.", date(2015, 8, 12), "Shells hit the town."),
    ("  date 2015-08-12\nShells hit the town.", date(2015, 8, 12), "\nShells hit the town."),
    ("\n\tDate: 2015-8-2 text", date(2015, 8, 2), "text"),
    ("date 2015-08-12", date(2015, 8, 12), ""),
])
def test_date_line_is_cut_from_the_text(text, day, rest):
    assert split_date_line(text) == (day, rest)


@pytest.mark.parametrize("text", [
    "Date palms were burned near the river.",
    "dated 2015-08-12 reports",
    "The date 2015-08-12 is on the second word.",
    "date 2015-08-12x glued",
    "first line\ndate 2015-08-12 second line",
])
def test_text_without_a_date_line_is_left_alone(text):
    assert split_date_line(text) == (None, text)


@pytest.mark.parametrize("text", ["date 2015-02-30 text", "date 2015-13-01 text", "date 2015-00-10"])
def test_impossible_date_is_an_error_naming_it(text):
    with pytest.raises(BadDate, match="impossible date"):
        split_date_line(text)


@given(st.dates(), body_text)
def test_any_real_date_round_trips(day, body):
    published, rest = split_date_line(f"date {day.isoformat()} {body}")
    assert published == day
    assert rest == body.lstrip(" \t")


@given(st.text(max_size=60))
def test_date_line_parser_never_crashes(text):
    try:
        published, rest = split_date_line(text)
    except BadDate as exc:
        assert "impossible date" in str(exc)
    else:
        assert (published is None and rest == text) or (isinstance(published, date) and text.endswith(rest))


@pytest.mark.parametrize("value, day", [
    ("2016-03-04", date(2016, 3, 4)),
    ("2016-03-04T23:10:00+02:00", date(2016, 3, 4)),
    ("2016-03-04T10:00:00Z", date(2016, 3, 4)),
    ("Fri, 04 Mar 2016 10:00:00 +0000", date(2016, 3, 4)),
    (1457085600, date(2016, 3, 4)),
])
def test_published_values_are_read(value, day):
    assert parse_published(value) == day


@given(st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.none(), st.booleans(),
                 st.lists(st.integers(), max_size=2)))
def test_published_parser_returns_a_date_or_says_why(value):
    try:
        assert isinstance(parse_published(value), date)
    except BadDate as exc:
        assert "date" in str(exc)
