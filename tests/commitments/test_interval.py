"""When a pledge holds, read from its sentence with honest precision (dates by extract/when.py)."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch.commitments.interval import read_interval

THURSDAY = date(2016, 3, 10)


@pytest.mark.parametrize("sentence, start, start_precision, end", [
    # the day it was said, read as past even with "would" after it; 72 hours from that day
    ("The army said on Wednesday it had decided to scale back air strikes and shelling in Hama for 72 hours.",
     datetime(2016, 3, 10), "days", datetime(2016, 3, 11, 23, 59)),
    # "midnight on Thursday" may be the start or the end of that day: checked from the later
    ("The Free Syrian Army accepted the ceasefire from midnight on Thursday, a spokesman said.",
     datetime(2016, 3, 11), "days", None),
    # "from midnight" with no day: the midnight after the statement
    ("The group said on Wednesday it would halt its shelling from midnight.",
     datetime(2016, 3, 10), "day", None),
    # a weekday after "from" said the day before is tomorrow, not last week
    ("The government agreed to a 48-hour humanitarian pause in Douma from Friday, the UN said.",
     datetime(2016, 3, 11), "day", datetime(2016, 3, 12, 23, 59)),
    ("Russia said it would stop air strikes on Idlib from Friday until Sunday.",
     datetime(2016, 3, 11), "day", datetime(2016, 3, 13, 23, 59)),
    ("The army will halt strikes over the next two weeks.", datetime(2016, 3, 11), "days",
     datetime(2016, 3, 24, 23, 59)),
    # "in the coming days": it begins some day in the next week; checked from the last of them
    ("The army will scale back strikes on Daraa in the coming days.", datetime(2016, 3, 17), "days", None),
    ("The army agreed to a three-day truce in Daraa starting 12 March.", datetime(2016, 3, 12), "day",
     datetime(2016, 3, 14, 23, 59)),
])
def test_start_and_end(sentence, start, start_precision, end):
    starts, ends = read_interval(sentence, THURSDAY)
    assert starts.at == start and starts.precision == start_precision
    assert (ends.at if ends else None) == end
    assert starts.earliest <= starts.latest


def test_a_pledge_to_act_in_the_coming_days_is_due_by_their_end():
    starts, ends = read_interval("The rebels will withdraw heavy weapons from the line in the coming days.",
                                 THURSDAY, promise="performs")
    assert starts.earliest == THURSDAY
    assert ends.at == datetime(2016, 3, 17, 23, 59) and ends.how == "the time it is due"


def test_a_deadline_ends_the_pledge():
    starts, ends = read_interval("The group will release 30 prisoners by Saturday.", THURSDAY, promise="performs")
    assert ends.at == datetime(2016, 3, 12, 23, 59) and ends.how == "a deadline named in the statement"


def test_without_any_date_it_starts_the_day_after_publication():
    starts, ends = read_interval("The army would scale back its strikes, officials said.", THURSDAY)
    assert starts.earliest == THURSDAY and starts.at == datetime(2016, 3, 11) and ends is None


def test_a_statement_date_known_from_extraction_is_used():
    starts, _ = read_interval("The army would scale back its strikes.", THURSDAY, made=date(2016, 3, 8))
    assert starts.earliest == date(2016, 3, 8)


WORDS = ["from", "until", "for", "by", "midnight", "said", "on", "Friday", "Monday", "72", "hours", "two",
         "weeks", "48-hour", "in", "the", "coming", "days", "next", "12", "March", "2016", "if", "starting",
         "through", "tomorrow", "pause", "over", "-", "and", "a", "day"]


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), max_size=14),
       published=st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)),
       promise=st.sampled_from(["stops", "performs"]))
def test_any_wording_gives_an_ordered_interval(words, published, promise):
    starts, ends = read_interval(" ".join(words), published, promise=promise)
    assert starts.earliest <= starts.latest
    assert starts.at.date() in (starts.earliest, starts.latest)
    if ends is not None:
        assert ends.at > starts.at
