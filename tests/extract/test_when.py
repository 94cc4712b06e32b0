"""Time expressions resolved against the publication date (examples written for these tests)."""
from datetime import date, datetime

import pytest

from trucewatch.extract.when import default_when, find_times, resolve
from trucewatch.records import When

WEDNESDAY = date(2015, 8, 12)  # publication date used throughout: a Wednesday


def span(when: When | None) -> tuple[str, str, str] | None:
    if when is None:
        return None
    return when.start.isoformat(), when.end.isoformat(), when.precision


@pytest.mark.parametrize("expression, expected", [
    ("today", ("2015-08-12", "2015-08-12", "day")),
    ("this morning", ("2015-08-12", "2015-08-12", "day")),
    ("yesterday", ("2015-08-11", "2015-08-11", "day")),
    ("yesterday evening", ("2015-08-11", "2015-08-11", "day")),
    ("the day before yesterday", ("2015-08-10", "2015-08-10", "day")),
    ("tomorrow", ("2015-08-13", "2015-08-13", "day")),
    ("overnight", ("2015-08-11", "2015-08-12", "days")),
    ("last night", ("2015-08-11", "2015-08-12", "days")),
    ("last week", ("2015-08-03", "2015-08-09", "week")),
    ("last month", ("2015-07-01", "2015-07-31", "month")),
    ("last year", ("2014-01-01", "2014-12-31", "year")),
    ("this week", ("2015-08-10", "2015-08-12", "week")),
    ("this month", ("2015-08-01", "2015-08-12", "month")),
    ("next month", ("2015-09-01", "2015-09-30", "month")),
    ("three days ago", ("2015-08-09", "2015-08-09", "day")),
    ("two weeks ago", ("2015-07-26", "2015-08-01", "week")),
    ("two months ago", ("2015-06-01", "2015-06-30", "month")),
    ("for the past ten days", ("2015-08-02", "2015-08-12", "days")),
    ("over the past two weeks", ("2015-07-29", "2015-08-12", "days")),
    ("in the last 24 hours", ("2015-08-11", "2015-08-12", "days")),
    ("over the past 72 hours", ("2015-08-09", "2015-08-12", "days")),
    ("in recent days", ("2015-08-05", "2015-08-12", "days")),
    ("earlier this year", ("2015-01-01", "2015-08-11", "year")),
    ("earlier this month", ("2015-08-01", "2015-08-11", "month")),
    ("earlier this week", ("2015-08-10", "2015-08-11", "week")),
    ("later this month", ("2015-08-13", "2015-08-31", "month")),
    ("since March 1", ("2015-03-01", "2015-08-12", "days")),
    ("since Monday", ("2015-08-10", "2015-08-12", "days")),
    ("Since 2011", ("2011-01-01", "2015-08-12", "year")),
    ("since August 2014", ("2014-08-01", "2015-08-12", "month")),
    ("between 3 and 5 March", ("2015-03-03", "2015-03-05", "days")),
    ("from March 3 to 5", ("2015-03-03", "2015-03-05", "days")),
    ("March 3", ("2015-03-03", "2015-03-03", "day")),
    ("3 March 2016", ("2016-03-03", "2016-03-03", "day")),
    ("March 3, 2016", ("2016-03-03", "2016-03-03", "day")),
    ("on the 3rd of March", ("2015-03-03", "2015-03-03", "day")),
    ("Oct. 9", ("2014-10-09", "2014-10-09", "day")),
    ("Sept. 9", ("2015-09-09", "2015-09-09", "day")),  # within 45 days ahead: that one is meant
    ("in the next ten days", ("2015-08-12", "2015-08-22", "days")),
    ("in the coming months", ("2015-08-12", "2015-11-10", "month")),
    ("over the past weeks", ("2015-07-15", "2015-08-12", "days")),
    ("2016-03-03", ("2016-03-03", "2016-03-03", "day")),
    ("3/3/2016", ("2016-03-03", "2016-03-03", "day")),
    ("25/12/2014", ("2014-12-25", "2014-12-25", "day")),
    ("12/25/2014", ("2014-12-25", "2014-12-25", "day")),
    ("in March", ("2015-03-01", "2015-03-31", "month")),
    ("in September", ("2014-09-01", "2014-09-30", "month")),
    ("in August", ("2015-08-01", "2015-08-12", "month")),
    ("in July 2014", ("2014-07-01", "2014-07-31", "month")),
    ("early March", ("2015-03-01", "2015-03-10", "days")),
    ("in mid-July", ("2015-07-11", "2015-07-20", "days")),
    ("in 2015", ("2015-01-01", "2015-12-31", "year")),
    ("in 2014 was", ("2014-01-01", "2014-12-31", "year")),
    ("late 2014", ("2014-09-01", "2014-12-31", "month")),
    ("on the 5th", ("2015-08-05", "2015-08-05", "day")),
    ("on the 20th", ("2015-07-20", "2015-07-20", "day")),
    ("last weekend", ("2015-08-08", "2015-08-09", "days")),
    ("over the weekend", ("2015-08-08", "2015-08-09", "days")),
    ("Monday, August 3", ("2015-08-03", "2015-08-03", "day")),
    ("in the first week of March", ("2015-03-01", "2015-03-07", "days")),
    ("the last week of February 2016", ("2016-02-23", "2016-02-29", "days")),
    ("the second half of July", ("2015-07-16", "2015-07-31", "days")),
    ("2016-03-03T10:30:00Z", ("2016-03-03", "2016-03-03", "day")),
    ("mid-2014", ("2014-05-01", "2014-08-31", "month")),
    ("the end of March", ("2015-03-21", "2015-03-31", "days")),
    ("in the 1990s", ("1990-01-01", "1999-12-31", "year")),
    ("the early 1990s", ("1990-01-01", "1992-12-31", "year")),
    ("last summer", ("2014-06-01", "2014-08-31", "month")),
    ("this summer", ("2015-06-01", "2015-08-12", "month")),
    ("in the spring of 2014", ("2014-03-01", "2014-05-31", "month")),
    ("last winter", ("2014-12-01", "2015-02-28", "month")),
    ("between 2012 and 2014", ("2012-01-01", "2014-12-31", "year")),
    ("from March to May", ("2015-03-01", "2015-05-31", "month")),
    ("from November to February", ("2014-11-01", "2015-02-28", "month")),
    ("from March 3 to April 5", ("2015-03-03", "2015-04-05", "days")),
    ("from Monday to Wednesday", ("2015-08-10", "2015-08-12", "days")),
    ("between 3 March and 5 April 2014", ("2014-03-03", "2014-04-05", "days")),
    ("from December 28 to January 3, 2014", ("2013-12-28", "2014-01-03", "days")),
])
def test_expressions_resolve_to_honest_intervals(expression, expected):
    assert span(resolve(expression, WEDNESDAY)) == expected


@pytest.mark.parametrize("expression", ["3/4/2016", "the march on the capital", "you may go",
                                        "shells fell on 2000 homes", "in 1990 tents",
                                        "31 February", "no time here", ""])
def test_ambiguous_or_absent_dates_give_none(expression):
    assert resolve(expression, WEDNESDAY) is None


def test_the_when_keeps_the_words_it_was_read_from():
    assert resolve("they met last week in Geneva", WEDNESDAY).text == "last week"


class TestWeekdaysReadWithTense:
    def test_past_verb_points_to_the_monday_before(self):
        (mention,) = find_times("The two ministers talked by phone on Monday.", WEDNESDAY)
        assert span(mention.when) == ("2015-08-10", "2015-08-10", "day")

    def test_future_verb_points_to_the_coming_friday(self):
        (mention,) = find_times("The envoy will fly to Paris on Friday.", WEDNESDAY)
        assert span(mention.when) == ("2015-08-14", "2015-08-14", "day")

    def test_publication_weekday_is_that_day_in_either_tense(self):
        for sentence in ("Talks resumed on Wednesday.", "Talks will resume on Wednesday."):
            (mention,) = find_times(sentence, WEDNESDAY)
            assert span(mention.when) == ("2015-08-12", "2015-08-12", "day")

    def test_unknown_tense_reads_as_past(self):
        assert span(resolve("on Friday", WEDNESDAY)) == ("2015-08-07", "2015-08-07", "day")

    def test_explicit_tense_overrides_the_sentence(self):
        (mention,) = find_times("Talks on Friday.", WEDNESDAY, tense="future")
        assert mention.when.start == date(2015, 8, 14)

    def test_present_tense_weekday_is_the_nearest(self):
        assert resolve("on Friday", WEDNESDAY, tense="present").start == date(2015, 8, 14)
        assert resolve("on Monday", WEDNESDAY, tense="present").start == date(2015, 8, 10)

    def test_last_and_next_weekday_skip_the_publication_day(self):
        assert resolve("last Wednesday", WEDNESDAY).start == date(2015, 8, 5)
        assert resolve("next Wednesday", WEDNESDAY).start == date(2015, 8, 19)

    def test_mixed_tenses_in_one_sentence(self):
        text = "Shelling that began on Monday stopped, and talks will open on Friday."
        monday, friday = find_times(text, WEDNESDAY)
        assert monday.when.start == date(2015, 8, 10)
        assert friday.when.start == date(2015, 8, 14)

    def test_future_month_points_ahead(self):
        (mention,) = find_times("Elections will be held in March.", WEDNESDAY)
        assert span(mention.when) == ("2016-03-01", "2016-03-31", "month")

    def test_tense_stops_at_a_quoted_sentence_end(self):
        text = 'He said: "Talks will go on." On Monday the guns fell silent again.'
        (mention,) = find_times(text, WEDNESDAY)
        assert mention.when.start == date(2015, 8, 10)

    def test_future_seen_from_the_past_takes_the_nearest_day(self):
        (friday,) = find_times("Officials said the deal would be signed on Friday.", WEDNESDAY)
        assert friday.when.start == date(2015, 8, 14)
        (monday,) = find_times("Officials said the deal would be signed on Monday.", WEDNESDAY)
        assert monday.when.start == date(2015, 8, 10)
        (deadline,) = find_times("The withdrawal was supposed to end by August 1.", WEDNESDAY)
        assert deadline.when.start == date(2015, 8, 1)
        (month,) = find_times("Envoys said the convoy would leave in early July.", WEDNESDAY)
        assert (month.when.start, month.when.end) == (date(2015, 7, 1), date(2015, 7, 10))

    def test_weekend_by_tense(self):
        friday = date(2015, 8, 14)
        assert resolve("this weekend", friday).start == date(2015, 8, 8)
        assert resolve("this weekend", friday, tense="future").start == date(2015, 8, 15)
        (mention,) = find_times("Ministers would meet this weekend.", friday)
        assert mention.when.start == date(2015, 8, 15)
        assert resolve("next weekend", friday).start == date(2015, 8, 15)
        assert resolve("last weekend", friday).start == date(2015, 8, 8)
        assert resolve("last weekend", date(2015, 8, 16)).start == date(2015, 8, 8)

    def test_proper_noun_ending_in_ed_is_not_a_past_marker(self):
        (mention,) = find_times("The minister will visit the United States on Friday.", WEDNESDAY)
        assert mention.when.start == date(2015, 8, 14)


class TestAnchoredExpressions:
    def test_dates_carry_through_the_story(self):
        text = ("Shells hit the old market on 3 August 2015. The next day, the militia pulled back. "
                "Two days later the army entered the town.")
        first, second, third = find_times(text, WEDNESDAY)
        assert first.when.start == date(2015, 8, 3)
        assert (second.text, second.when.start) == ("The next day", date(2015, 8, 4))
        assert (third.text, third.when.start) == ("Two days later", date(2015, 8, 6))

    def test_caller_anchor_from_an_earlier_sentence(self):
        anchor = resolve("on Monday", WEDNESDAY)
        assert resolve("that day", WEDNESDAY, anchor=anchor).start == date(2015, 8, 10)
        assert resolve("the previous day", WEDNESDAY, anchor=anchor).start == date(2015, 8, 9)
        assert resolve("a week later", WEDNESDAY, anchor=anchor).start == date(2015, 8, 17)
        assert resolve("three days earlier", WEDNESDAY, anchor=anchor).start == date(2015, 8, 7)
        assert resolve("earlier in the day", WEDNESDAY, anchor=anchor).start == date(2015, 8, 10)

    def test_without_anchor_a_relative_expression_is_left_unresolved(self):
        assert resolve("the next day", WEDNESDAY) is None

    def test_after_a_noun_phrase_is_not_relative_to_the_anchor(self):
        anchor = resolve("on Monday", WEDNESDAY)
        assert resolve("two days after the raid", WEDNESDAY, anchor=anchor) is None


class TestOffsets:
    def test_offsets_point_into_the_document(self):
        document = "Header line.\nFighting flared overnight near the airport."
        sentence_start = document.index("Fighting")
        (mention,) = find_times(document[sentence_start:], WEDNESDAY, offset=sentence_start)
        assert document[mention.start:mention.end] == "overnight"

    def test_and_joins_a_range_only_after_between(self):
        assert [m.text for m in find_times("Raids on Monday and Wednesday.", WEDNESDAY)] == [
            "on Monday", "Wednesday"]

    def test_several_mentions_come_in_text_order(self):
        text = "Aid arrived yesterday after a pause last week and more is due next month."
        assert [m.text for m in find_times(text, WEDNESDAY)] == ["yesterday", "last week", "next month"]


def test_publication_datetime_is_accepted():
    assert resolve("yesterday", datetime(2015, 8, 12, 23, 59)).start == date(2015, 8, 11)


def test_without_publication_only_absolute_dates_resolve():
    assert resolve("yesterday", None) is None
    assert resolve("3 March 2016", None).start == date(2016, 3, 3)


def test_default_when_is_unknown_and_ends_at_publication():
    when = default_when(WEDNESDAY)
    assert when.precision == "unknown"
    assert when.end == WEDNESDAY
    assert when.start == date(2015, 7, 13)  # 30 days before: see time.yaml


class TestBetterThanDateparser:
    """dateparser turns a period into one false day; we keep the whole period."""

    base = datetime(2015, 8, 12)

    @pytest.mark.parametrize("expression, period", [
        ("last month", (date(2015, 7, 1), date(2015, 7, 31))),
        ("last week", (date(2015, 8, 3), date(2015, 8, 9))),
    ])
    def test_periods(self, expression, period):
        dateparser = pytest.importorskip("dateparser")
        theirs = dateparser.parse(expression, settings={"RELATIVE_BASE": self.base})
        ours = resolve(expression, self.base)
        # dateparser: one datetime, a day picked inside the period as if it were known
        assert isinstance(theirs, datetime) and period[0] <= theirs.date() <= period[1]
        # ours: the whole calendar period, with a precision that admits it
        assert (ours.start, ours.end) == period
        assert (ours.end - ours.start).days >= 6
        assert ours.precision == expression.split()[-1]


def test_invalid_time_lexicon_is_a_config_error(monkeypatch):
    import trucewatch.datafiles as datafiles
    import trucewatch.extract.when as when
    from trucewatch.errors import ConfigError

    class BrokenLexicon:
        def joinpath(self, _name):
            return self

        def read_text(self, _encoding):
            return "months: [unclosed\n"

    when._lexicon.cache_clear()
    monkeypatch.setattr(datafiles.resources, "files", lambda _package: BrokenLexicon())
    try:
        with pytest.raises(ConfigError, match="time.yaml is not valid YAML"):
            when._lexicon()
    finally:
        when._lexicon.cache_clear()
