"""Time expressions read in their document: anchors, tense, seasons, quarters, parts of periods.

Sentences are our own. `resolve_at` reads the expression at given offsets with the tense of its
clause and the story's anchor, as extraction does; `resolve` reads one expression alone.
"""
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch.extract.when import find_times, resolve, resolve_at
from trucewatch.records import When

THURSDAY = date(2016, 3, 10)  # the publication day of most cases below


def at(text: str, expression: str, published: date = THURSDAY, nth: int = 0) -> When | None:
    start = -1
    for _ in range(nth + 1):
        start = text.index(expression, start + 1)
    return resolve_at(text, start, start + len(expression), published)


def span(when: When | None) -> tuple[str, str, str] | None:
    return None if when is None else (when.start.isoformat(), when.end.isoformat(), when.precision)


class TestAnchors:
    def test_the_following_day_counts_from_the_act_not_from_when_someone_spoke(self):
        text = ("Helicopters bombed the town on Tuesday, activists said on Thursday. "
                "A second raid hit the market the following day.")
        assert span(at(text, "the following day")) == ("2016-03-09", "2016-03-09", "day")

    def test_a_speech_date_anchors_its_own_sentence(self):
        text = "The army said on Thursday that it had shelled the ridge two days earlier."
        assert span(at(text, "two days earlier")) == ("2016-03-08", "2016-03-08", "day")

    def test_a_lead_date_anchors_the_story(self):
        text = "As reported on 7 March, shells hit the clinic. It had been hit once the day before."
        assert span(at(text, "the day before")) == ("2016-03-06", "2016-03-06", "day")

    def test_since_a_date_anchors_from_that_date(self):
        text = "Attacks have grown since 1 March. Two days later a checkpoint fell."
        assert span(at(text, "Two days later")) == ("2016-03-03", "2016-03-03", "day")

    def test_the_previous_evening(self):
        text = "Drones struck the base on Sunday. Troops had left it the previous evening."
        assert span(at(text, "the previous evening")) == ("2016-03-05", "2016-03-05", "day")


class TestTense:
    def test_year_less_months_by_tense(self):
        assert at("Elections will be held in April.", "April").start == date(2016, 4, 1)
        assert at("The last vote was held in June.", "June").start == date(2015, 6, 1)
        assert at("The mandate runs until July.", "July").start == date(2016, 7, 1)  # present: nearest

    def test_weekdays_by_tense(self):
        assert at("Talks will resume on Monday.", "Monday").start == date(2016, 3, 14)
        assert at("Talks resumed on Monday.", "Monday").start == date(2016, 3, 7)
        # the future seen from the past leans forward on a near tie
        assert at("Diplomats said talks would resume on Monday.", "Monday").start == date(2016, 3, 14)

    def test_modal_and_hoping_clauses_look_ahead(self):
        assert at("Preparations should begin in early December.", "early December",
                  date(2020, 11, 25)).start == date(2020, 12, 1)
        assert at("Mediators hope to sign a deal by the end of January.", "the end of January",
                  date(2022, 12, 30)).start == date(2023, 1, 21)


class TestPeriods:
    @pytest.mark.parametrize("expression, published, expected", [
        ("last month", THURSDAY, ("2016-02-01", "2016-02-29", "month")),
        ("earlier this month", THURSDAY, ("2016-03-01", "2016-03-09", "month")),
        ("the past two weeks", THURSDAY, ("2016-02-25", "2016-03-10", "days")),
        ("the past five months", date(2017, 2, 15), ("2016-09-15", "2017-02-15", "month")),
        ("mid-March", THURSDAY, ("2016-03-11", "2016-03-20", "days")),
        ("late 2015", THURSDAY, ("2015-09-01", "2015-12-31", "month")),
        ("the first quarter of 2016", THURSDAY, ("2016-01-01", "2016-03-31", "month")),
        ("the second half of 2023", THURSDAY, ("2023-07-01", "2023-12-31", "month")),
        ("the spring of 2017", THURSDAY, ("2017-03-01", "2017-05-31", "month")),
        ("the 20th century", THURSDAY, ("1900-01-01", "1999-12-31", "year")),
        ("Christmas Day", date(2022, 12, 30), ("2022-12-25", "2022-12-25", "day")),
        ("January", THURSDAY, ("2016-01-01", "2016-01-31", "month")),
        ("2014", THURSDAY, ("2014-01-01", "2014-12-31", "year")),
    ])
    def test_one_expression(self, expression, published, expected):
        assert span(resolve(expression, published)) == expected

    def test_a_quarter_without_year_is_placed_by_tense(self):
        assert resolve("the fourth quarter", THURSDAY, tense="past").start == date(2015, 10, 1)
        assert resolve("the fourth quarter", THURSDAY, tense="future").start == date(2016, 10, 1)

    def test_the_end_of_the_year_is_placed_by_tense(self):
        assert resolve("the end of the year", THURSDAY, tense="past").start == date(2015, 9, 1)
        assert resolve("the end of the year", THURSDAY, tense="future").start == date(2016, 9, 1)
        assert resolve("the end of next year", THURSDAY).start == date(2017, 9, 1)

    def test_the_last_week_of_a_month_still_ahead_is_this_year(self):
        when = resolve("the last week of March", THURSDAY, tense="future")
        assert span(when) == ("2016-03-25", "2016-03-31", "days")

    def test_two_consecutive_days_are_one_span_and_two_apart_stay_apart(self):
        joined = find_times("The envoy will visit on Tuesday and Wednesday.", THURSDAY)
        assert [span(m.when) for m in joined] == [("2016-03-15", "2016-03-16", "days")]
        apart = find_times("The envoy will visit on Monday and Wednesday.", THURSDAY)
        assert len(apart) == 2

    def test_a_named_part_of_last_month(self):
        when = resolve("late last July", date(2013, 3, 22))
        assert span(when) == ("2012-07-21", "2012-07-31", "days")

    def test_a_relative_expression_without_anchor_stays_unread(self):
        assert resolve("the following day", THURSDAY) is None


# ---------------------------------------------------------------- properties

PHRASES = ["the first quarter of", "the second half of", "the end of", "the beginning of",
           "the middle of", "the year", "this year", "next year", "last year", "the month",
           "mid-", "late", "early", "the previous evening", "Christmas Day", "New Year's Day",
           "the 19th century", "the 21st century", "said on Thursday", "As reported on",
           "two days later", "the day before", "Tuesday and Wednesday", "since", "2016", "1999",
           "March", "the spring of", "this autumn", "the coming months", "the past five months"]
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
tenses = st.sampled_from([None, "past", "present", "future", "nearest"])
texts = st.lists(st.sampled_from(PHRASES + [".", ",", "on", "in", "by", "will", "was"]),
                 min_size=1, max_size=10).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(texts, dates, st.data())
def test_resolve_at_never_crashes_and_is_ordered(text, published, data):
    start = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=start, max_value=len(text)))
    when = resolve_at(text, start, end, published)
    assert when is None or when.start <= when.end


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["first", "second", "third", "fourth"]), st.integers(1950, 2090), dates)
def test_a_quarter_is_three_whole_months_of_its_year(nth, year, published):
    when = resolve(f"the {nth} quarter of {year}", published)
    assert when.start.year == when.end.year == year
    assert when.start.day == 1 and (when.end.month - when.start.month) == 2
    assert when.start.month == {"first": 1, "second": 4, "third": 7, "fourth": 10}[nth]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["January", "April", "July", "October", "December"]),
       st.sampled_from(["early", "mid-", "late", ""]), dates)
def test_year_less_months_fall_on_the_side_the_tense_says(month, part, published):
    expression = f"{part} {month}".replace("- ", "-").strip()
    past = resolve(expression, published, tense="past")
    future = resolve(expression, published, tense="future")
    assert past.start <= published
    assert future.end >= published


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["beginning", "middle", "end"]), st.sampled_from(["year", "month"]), dates)
def test_a_part_of_the_period_placed_by_tense(part, unit, published):
    past = resolve(f"the {part} of the {unit}", published, tense="past")
    future = resolve(f"the {part} of the {unit}", published, tense="future")
    assert past.start <= published <= future.end or past == future
    assert past.start <= past.end and future.start <= future.end
