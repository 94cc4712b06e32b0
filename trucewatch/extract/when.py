"""When: time expressions in a report, resolved against its publication date to honest intervals.

Plain regular expressions over the text (no parser needed), compiled once from `data/time.yaml`.
Every result is a `When` with inclusive `start` <= `end` and a precision that says how much the
text really tells: "last month" is the whole previous calendar month (precision "month"), never
one invented day; "overnight" is the night before publication (start the day before, end the
publication day, precision "days").

Tense decides which way an undated weekday, day or month points: "talked by phone on Monday" is
the Monday before publication, "will fly to Paris on Friday" the coming Friday, and the
publication's own weekday is that day. Callers may pass the tense (from a parser); otherwise
`find_times` reads it from the nearest tense marker in the sentence, and without one it is past,
because news mostly reports what has happened. The future seen from the past ("said the deal
would be signed on Friday", "was to end by May 1") and a present-tense weekday ("talks resume
on Monday") take the nearest such day on either side. A day without its year ("April 26") and
without tense is in the past unless it falls within 45 days after publication (time.yaml).

Expressions that point back into the story ("the next day", "two days later") resolve against an
`anchor`: the caller's, or the latest dated expression earlier in the same text.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Callable, Literal


from trucewatch.datafiles import read_lexicon
from trucewatch.extract.datafiles import alternation
from trucewatch.records import When

# "nearest": the future seen from the past ("would"); a present-tense weekday is read the same
# way ("talks resume on Monday"), since headlines use the present for both directions.
Tense = Literal["past", "present", "future", "nearest"]

__all__ = ["TimeMention", "find_times", "resolve", "resolve_at", "default_when", "season_of",
           "part_bounds", "Tense"]


@dataclass(frozen=True)
class TimeMention:
    """A time expression at [start, end) of the text, and the interval it stands for."""

    start: int
    end: int
    text: str
    when: When
    # the date later relative expressions count from, when it differs from `when`: "since
    # 30 March" stands for 30 March to publication, but "two days later" counts from 30 March
    anchor: When | None = None


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    return read_lexicon("trucewatch.extract", "data/time.yaml")


def default_when(published: date | datetime | None = None) -> When:
    """The interval of an event with no time expression: it happened by publication, and most
    likely within the lookback before it (30 days in time.yaml); precision "unknown" says so."""
    end = _as_date(published) or date.today()
    start = _shift(end, -int(_lexicon()["default_lookback_days"]))
    return When(start=start, end=end, precision="unknown")


# ---------------------------------------------------------------- calendar arithmetic

def _as_date(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def _shift(day: date, days: int) -> date:
    """`day` moved by `days`, held inside the calendar's range instead of overflowing."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _week_start(day: date) -> date:
    return _shift(day, -day.weekday())


def _interval(start: date, end: date, precision: str, text: str | None = None) -> When:
    if start > end:
        start, end = end, start
    return When(start=start, end=end, precision=precision, text=text)


def _clip_to_tense(start: date, end: date, published: date, tense: str | None) -> tuple[date, date]:
    """A period that contains the publication date is cut there: the past part for past events,
    the rest for future ones ("this week", "in March" written in March)."""
    if start <= published <= end:
        if tense == "nearest":
            return start, end  # "would happen this week": either side of publication
        if tense == "future":
            return published, end
        return start, published
    return start, end


# ---------------------------------------------------------------- the grammar

class _Context:
    """What a handler needs: publication date, tense and the story's anchor date."""

    __slots__ = ("published", "tense", "anchor")

    def __init__(self, published: date | None, tense: str | None, anchor: When | None):
        self.published = published
        self.tense = tense
        self.anchor = anchor


Handler = Callable[[re.Match, _Context], When | None]


class _Grammar:
    """Every regex and table, built once from the lexicon."""

    def __init__(self, lex: dict):
        self.month_of: dict[str, int] = {}
        for number, names in lex["months"].items():
            for name in names:
                self.month_of[name.lower()] = int(number)
        self.ambiguous = {m.lower() for m in lex["ambiguous_months"]}
        self.weekday_of = {name.lower(): int(n) for n, names in lex["weekdays"].items() for name in names}
        self.count_of = {k.lower(): int(v) for k, v in lex["count_words"].items()}
        self.ordinal_of = {k.lower(): int(v) for k, v in lex["ordinal_words"].items()}
        self.recent = {k: int(v) for k, v in lex["recent_days"].items()}
        self.part_of_month = {k: tuple(v) for k, v in lex["part_of_month"].items()}
        self.part_of_year = {k: tuple(v) for k, v in lex["part_of_year"].items()}
        self.seasons = {k.lower(): tuple(v) for k, v in lex["seasons"].items()}
        self.holidays = {k.lower(): tuple(v) for k, v in lex["holidays"].items()}
        self.future_window = int(lex["undated_future_window_days"])

        full_names = [names[0] for names in lex["months"].values()]
        short_names = [n for names in lex["months"].values() for n in names[1:]]
        month = rf"(?:{alternation(full_names)}|{alternation(short_names)}\.?)"
        weekday = alternation(self.weekday_of)
        day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
        year = r"(?:1[89]\d\d|2[01]\d\d)"
        count = rf"(?:\d{{1,3}}|{alternation(self.count_of)})"
        range_to = r"(?:and|to|until|till|through|-|–)"  # joins the two ends of a range
        part = (r"(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
                r"the\s+middle\s+of)")

        def part_slot(name: str) -> str:
            return rf"(?:(?P<{name}>{part})(?:\s+|-)(?:of\s+)?)"
        b = r"(?<![\w-])"  # word start that is not glued to a hyphenated word
        e = r"(?![\w-])"
        wd_prefix = rf"(?:(?:on\s+)?{weekday},?\s+(?:the\s+)?)?"
        # "in 2000 homes" counts homes: a year is not followed by a lower-case plural noun.
        not_a_count = (r"(?!\s+(?!(?:was|has|as|is|this|his|its|thus|unless|across|whereas|plus)\b)"
                       r"(?-i:[a-z]+s)\b)")

        specs: list[tuple[str, Handler, bool, str]] = [
            (rf"{b}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?{e}",
             self._iso, False, "digit"),
            (rf"{b}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}}){e}", self._slashed, False, "digit"),
            (rf"{b}(?:(?:between|from)\s+)?(?:the\s+)?(?P<d1>{day})\s*{range_to}\s*"
             rf"(?:the\s+)?(?P<d2>{day})\s+(?:of\s+)?(?P<m>{month})(?:,?\s+(?P<y>{year}))?{e}",
             self._day_range, False, "month"),
            (rf"{b}(?:(?:between|from)\s+)?(?P<m>{month})\s+(?P<d1>{day})\s*{range_to}\s*"
             rf"(?:(?P=m)\s+)?(?P<d2>{day})(?:,?\s+(?P<y>{year}))?{e}", self._day_range, False, "month"),
            (rf"{b}(?:on\s+)?{wd_prefix}(?:the\s+)?(?P<d>{day})\s+(?:of\s+)?(?P<m>{month})(?:,?\s+(?P<y>{year}))?{e}",
             self._day_month, False, "month"),
            (rf"{b}(?:on\s+)?{wd_prefix}(?P<m>{month})\s+(?:the\s+)?(?P<d>{day})(?!\d)(?:,?\s+(?P<y>{year}))?{e}",
             self._day_month, False, "month"),
            (rf"{b}(?:(?:in|during|of|since|by|until|from)\s+)?{part_slot('part')}?(?P<m>{month}),?\s+"
             rf"(?:of\s+)?(?P<y>{year}){e}", self._month, False, "month"),
            (rf"{b}(?:(?P<prep>in|during|since|by|until|of|last|this|next)\s+{part_slot('part')}?|{part_slot('part2')}"
             rf"(?:(?P<rel>last|this|next)\s+)?)(?P<m>{month}){e}(?!\.?\s*\d)", self._month, False, "month"),
            (rf"{b}(?:(?P<prep>in|during|since|by|until|of|throughout)\s+{part_slot('part')}?|{part_slot('part2')})"
             rf"(?:the\s+year\s+)?(?P<y>{year}){e}(?!\s*(?:-|–)\s*\d){not_a_count}", self._year, False, "digit"),
            (rf"{b}(?:(?:in|during|since|by|until|of|throughout)\s+)?(?:the\s+)?{part_slot('part')}?(?:the\s+)?"
             rf"(?P<decade>1[89]\d0|20\d0)s{e}", self._decade, False, "decade"),
            (rf"{b}(?:between|from)\s+(?:(?P<m1>{month})\s+)?(?P<y1>{year})\s*{range_to}\s*"
             rf"(?:(?P<m2>{month})\s+)?(?P<y2>{year}){e}", self._month_or_year_range, False, "digit"),
            (rf"{b}(?:between|from)\s+(?P<m1>{month})\s*{range_to}\s*(?P<m2>{month})"
             rf"(?:,?\s+(?P<y2>{year}))?{e}(?!\s*\d)", self._month_or_year_range, False, "month"),
            (rf"{b}(?:(?P<where>last|this|next|past|coming)\s+|(?:in|during|over|through|throughout)\s+"
             rf"(?:the\s+)?)(?P<season>{alternation(self.seasons)})(?:\s+(?:of\s+)?(?P<y>{year}))?{e}",
             self._season, False, "season"),
            (rf"{b}(?:(?:in|during|over)\s+)?the\s+(?P<nth>first|second|third|fourth|last|final)\s+"
             rf"(?P<unit>week|half|fortnight)\s+of\s+(?P<m>{month})(?:,?\s+(?P<y>{year}))?{e}",
             self._part_of_named_month, False, "month"),
            (rf"{b}(?:(?:in|during|over|for|throughout)\s+)?the\s+(?P<nth>first|second|third|fourth|last|final)\s+"
             rf"(?P<unit>quarter|half)(?:\s+of\s+(?:(?P<y>{year})|(?P<rel>the|this|last|next)\s+year))?{e}",
             self._part_of_year, False, "quarter"),
            (rf"{b}the\s+(?P<part>beginning|start|middle|end)\s+of\s+(?:(?P<rel>the|this|last|next)\s+)?"
             rf"(?P<unit>year|month){e}", self._part_of_current, False, "partof"),
            (rf"{b}(?:(?:in|during|of|throughout)\s+)?(?:the\s+)?(?P<c>1\d|2[01])(?:st|nd|rd|th)\s+century{e}",
             self._century, False, "century"),
            (rf"{b}(?P<hol>{alternation(self.holidays)})(?:,?\s+(?P<y>{year}))?{e}", self._holiday, False,
             "holiday"),
            (rf"{b}(?:(?P<rel>last|this\s+past|past|this|next|coming|this\s+coming)\s+|on\s+|overnight\s+(?:on\s+)?)?"
             rf"(?P<wd>{weekday})(?:'s)?(?:\s+(?:morning|afternoon|evening|night))?{e}", self._weekday, False, "weekday"),
            (rf"{b}(?:the\s+day\s+(?P<dir>before|after)\s+)?(?P<word>today|tonight|yesterday|tomorrow)"
             rf"(?:\s+(?:morning|afternoon|evening|night))?{e}", self._day_word, False, "dayword"),
            (rf"{b}this\s+(?:morning|afternoon|evening){e}", self._day_word, False, "this"),
            (rf"{b}(?:overnight|last\s+night|during\s+the\s+night){e}", self._overnight, False, "night"),
            (rf"{b}(?:(?P<where>last|past|previous|this|next|coming)\s+)(?P<unit>week|month|year|weekend){e}",
             self._period, False, "period"),
            (rf"{b}(?:over|at|during|on)\s+the\s+weekend{e}", self._weekend, False, "weekend"),
            (rf"{b}(?:(?:for|over|in|during|within|throughout)\s+)?the\s+(?!previous\s+(?:day|week)\b)(?:past|last|previous)\s+"
             rf"(?:(?P<n>{count})\s+)?(?P<unit>days?|weeks?|months?|years?|24\s+hours|48\s+hours|hours){e}",
             self._rolling, False, "rolling"),
            (rf"{b}(?:(?:in|over|during)\s+)?recent\s+(?P<unit>days|weeks|months){e}", self._recent, False, "recent"),
            (rf"{b}(?:in|within|over|during|for)\s+the\s+(?:next|coming|following)\s+(?:(?P<n>{count})\s+)?"
             rf"(?P<unit>days?|weeks?|months?|years?|hours){e}", self._rolling_ahead, False, "ahead"),
            (rf"{b}(?P<n>{count})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago{e}", self._ago, False, "ago"),
            (rf"{b}(?P<side>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year){e}",
             self._earlier_later, False, "earlier"),
            (rf"{b}on\s+the\s+(?P<d>[12]\d(?:st|nd|rd|th)|3[01](?:st|th)|0?[1-9](?:st|nd|rd|th)|"
             rf"{alternation(self.ordinal_of)})"
             rf"(?:\s+of\s+(?:this|the)\s+month)?(?=\s*(?:[,.;:)]|$|and\b|when\b|as\b|at\b|in\b|after\b|before\b))",
             self._ordinal_day, False, "onthe"),
            (rf"{b}(?:the\s+(?:next|following)\s+(?P<unit>day|morning|week)|(?:a|one)\s+day\s+(?P<d1>later|earlier|before)|"
             rf"the\s+day\s+(?P<d2>after|before)|the\s+(?:previous|preceding)\s+(?P<unit2>day|week|morning|afternoon|evening|night)|"
             rf"(?:later\s+)?(?:that|the\s+same)\s+(?:same\s+)?(?:day|night|morning|evening|afternoon)|"
             rf"(?:earlier|later)\s+in\s+the\s+day|"
             rf"(?P<n>{count})\s+(?P<unit3>days?|weeks?)\s+(?P<d3>later|earlier|afterwards|"
             rf"(?:before|after)(?=\s*(?:[,.;:)]|$)))){e}",
             self._relative_to_anchor, True, "anaphora"),
        ]
        self.patterns = [(re.compile(p, re.IGNORECASE), handler, anaphoric, gate)
                         for p, handler, anaphoric, gate in specs]
        # Words without which a pattern cannot match: plain substring tests on the lower-cased
        # text cost far less than running the pattern, so most patterns are never run.
        self.gates: dict[str, tuple[str, ...]] = {
            "digit": tuple("0123456789"),
            "month": tuple(self.month_of),
            "decade": ("0s",),
            "season": tuple(self.seasons),
            "quarter": ("quarter", "half"),
            "partof": ("beginning", "start", "middle", "end"),
            "century": ("century",),
            "holiday": tuple(self.holidays),
            "weekday": tuple(self.weekday_of),
            "dayword": ("today", "tonight", "yesterday", "tomorrow"),
            "this": ("this",),
            "night": ("night",),
            "period": ("week", "month", "year"),
            "weekend": ("weekend",),
            "rolling": ("past", "last", "previous"),
            "recent": ("recent",),
            "ahead": ("next", "coming", "following"),
            "ago": ("ago",),
            "earlier": ("earlier", "later"),
            "onthe": ("the",),
            "anaphora": ("day", "week", "morning", "night", "evening", "afternoon"),
        }
        self.since_re = re.compile(r"(?:since|starting|beginning)\s+$", re.IGNORECASE)
        future = alternation(lex["future_markers"])
        nearest = alternation(lex["future_in_past_markers"])
        past = alternation(lex["past_markers"])
        present = alternation(lex["present_markers"])
        self.tense_re = re.compile(
            rf"(?P<nearest>\b{nearest}\b)|(?P<future>(?<![\w']){future}\b|'ll\b)"
            rf"|(?P<present>\b{present}\b)"
            rf"|(?P<past>\b{past}\b|(?-i:\b[a-z]{{2,}}ed\b)(?!\s+to\b))",
            re.IGNORECASE)
        self.not_past = {w.lower() for w in lex["not_past_markers"]}
        # "said on Thursday", "told reporters on Monday"; not a lead "As reported on 12 June"
        self.speech_re = re.compile(
            rf"(?<![Aa]s\s)\b{alternation(lex['speech_verbs'])}(?:\s+\w+){{0,2}}?\s+(?:(?:late|early)\s+)?(?:on\s+)?$",
            re.IGNORECASE)
        self.sentence_end_re = re.compile(r"[.!?;][\"'”’)]*\s|\n")
        self.auxiliary_re = re.compile(
            r"(?:(?P<will>\b(?:will|shall)|'ll)|\b(?:would|to))\s+(?:not\s+)?(?:be|have\s+been|have|get)\s+$",
            re.IGNORECASE)

    # -------------------------------------------------------------- helpers for handlers

    def _month_number(self, word: str) -> int | None:
        key = word.rstrip(".").lower()
        if key in self.ambiguous and word[:1].islower():
            return None  # "may", "march" as ordinary words
        return self.month_of.get(key)

    @staticmethod
    def _day_number(text: str) -> int:
        return int(re.match(r"\d+", text).group())

    def _year_for(self, month: int, day: int, ctx: _Context) -> int | None:
        """The year of an undated day: the latest not after publication, unless future."""
        if ctx.published is None:
            return None
        year = ctx.published.year
        if ctx.tense == "nearest":
            def distance(y: int) -> int:
                return abs((date(y, month, min(day, calendar.monthrange(y, month)[1])) - ctx.published).days)
            return min((year, year - 1, year + 1), key=distance)
        candidate = date(year, month, min(day, calendar.monthrange(year, month)[1]))
        if ctx.tense == "future":
            return year if candidate >= ctx.published else year + 1
        if ctx.tense in (None, "present") and 0 < (candidate - ctx.published).days <= self.future_window:
            return year  # "the April 26 election" a month ahead: dates that near are meant
        return year if candidate <= ctx.published else year - 1

    # -------------------------------------------------------------- handlers

    def _iso(self, m, ctx):
        found = date(int(m["y"]), int(m["m"]), int(m["d"]))
        return _interval(found, found, "day")

    def _slashed(self, m, ctx):
        a, b_, year = int(m["a"]), int(m["b"]), int(m["y"])
        if a > 12 and b_ <= 12:
            day, month = a, b_
        elif b_ > 12 and a <= 12:
            month, day = a, b_
        elif a == b_:
            day = month = a
        else:
            return None  # 3/4/2016: March 4 or 3 April? Say nothing rather than guess.
        found = date(year, month, day)
        return _interval(found, found, "day")

    def _day_range(self, m, ctx):
        month = self._month_number(m["m"])
        if month is None:
            return None
        first, last = self._day_number(m["d1"]), self._day_number(m["d2"])
        first, last = min(first, last), max(first, last)
        year = int(m["y"]) if m["y"] else self._year_for(month, first, ctx)
        if year is None:
            return None
        return _interval(date(year, month, first), date(year, month, last), "days")

    def _day_month(self, m, ctx):
        month = self._month_number(m["m"])
        if month is None:
            return None
        day = self._day_number(m["d"])
        year = int(m["y"]) if m["y"] else self._year_for(month, day, ctx)
        if year is None:
            return None
        found = date(year, month, day)
        return _interval(found, found, "day")

    @staticmethod
    def _part_key(part: str) -> str:
        """'mid', 'the middle of' -> mid; 'the end of' -> late; 'the beginning of' -> early."""
        part = part.lower()
        if part.startswith("mid") or "middle" in part:
            return "mid"
        if "end" in part:
            return "late"
        if "beginning" in part or "start" in part:
            return "early"
        return part

    def _part_of_month(self, year: int, month: int, part: str | None) -> tuple[date, date, str]:
        first, last = date(year, month, 1), _month_end(year, month)
        if not part:
            return first, last, "month"
        low, high = self.part_of_month[self._part_key(part)]
        return date(year, month, low), date(year, month, min(high, last.day)), "days"

    @staticmethod
    def _part(m: re.Match) -> str | None:
        groups = m.groupdict()
        return groups.get("part") or groups.get("part2")

    def _month(self, m, ctx):
        month = self._month_number(m["m"])
        if month is None:
            return None
        prep = (m.groupdict().get("prep") or m.groupdict().get("rel") or "").lower()  # "late last July"
        part = self._part(m)
        if m.groupdict().get("y"):
            year = int(m["y"])
        elif ctx.published is None:
            return None
        elif prep == "last":
            year = ctx.published.year if month < ctx.published.month else ctx.published.year - 1
        elif prep == "next":
            year = ctx.published.year if month > ctx.published.month else ctx.published.year + 1
        elif prep == "this":
            year = ctx.published.year
        elif part:
            # "mid-January" written on 1 January in the past tense is last year's: the part of
            # the month, not the month, is placed by the tense
            part_in = lambda y: self._part_of_month(y, month, part)[:2]  # noqa: E731
            tense = ctx.tense
            if tense is None:  # as an undated day: ahead only when it is near (time.yaml)
                ahead = (part_in(ctx.published.year)[0] - ctx.published).days
                tense = "future" if 0 < ahead <= self.future_window else "past"
            start, end = self._placed(part_in, _Context(ctx.published, tense, ctx.anchor))
            return _interval(start, end, "days")
        elif ctx.tense == "future":
            year = ctx.published.year if month >= ctx.published.month else ctx.published.year + 1
        elif ctx.tense in ("nearest", "present"):
            here = ctx.published.year * 12 + ctx.published.month
            year = min((ctx.published.year, ctx.published.year - 1, ctx.published.year + 1),
                       key=lambda y: abs(y * 12 + month - here))
        else:
            year = ctx.published.year if month <= ctx.published.month else ctx.published.year - 1
        start, end, precision = self._part_of_month(year, month, part)
        if ctx.published is not None and not m.groupdict().get("y"):
            start, end = _clip_to_tense(start, end, ctx.published, ctx.tense)
        return _interval(start, end, precision)

    def _part_of_named_month(self, m, ctx):
        """'the first week of March', 'the second half of May 2014': days of that month; without
        a year, the month's part itself is placed by the tense (the last week of this February
        is still ahead when the report is written on the 15th)."""
        month = self._month_number(m["m"])
        if month is None:
            return None
        nth, unit = m["nth"].lower(), m["unit"].lower()

        def days_of(year: int) -> tuple[date, date] | None:
            last = _month_end(year, month).day
            if unit == "week":
                first, span = {"first": 1, "second": 8, "third": 15, "fourth": 22}.get(nth, last - 6), 7
            else:  # half, fortnight
                first = 1 if nth == "first" else 16 if nth in ("second", "last", "final") else None
                if first is None:
                    return None
                span = 15 if first == 1 else last - 15
            return date(year, month, first), date(year, month, min(last, first + span - 1))

        if m["y"]:
            found = days_of(int(m["y"]))
        elif ctx.published is None:
            return None
        else:
            found = self._placed(days_of, ctx)
        return _interval(*found, "days") if found else None

    @staticmethod
    def _placed(period_in, ctx) -> tuple[date, date] | None:
        """A yearly period (`period_in(year) -> (start, end)`) placed around publication by tense:
        the latest one begun for the past, the next one not yet over for the future, the nearer
        of the two otherwise."""
        pub = ctx.published
        this = period_in(pub.year)
        if this is None:
            return None
        if this[0] <= pub <= this[1]:
            return this
        if this[1] < pub:
            before, after = this, period_in(pub.year + 1)
        else:
            before, after = period_in(pub.year - 1), this
        if ctx.tense == "future":
            return after
        if ctx.tense in ("nearest", "present"):
            return after if (after[0] - pub) <= (pub - before[1]) else before
        return before

    def _year(self, m, ctx):
        year = int(m["y"])
        part = self._part(m)
        if not part:
            return _interval(date(year, 1, 1), date(year, 12, 31), "year")
        low, high = self.part_of_year[self._part_key(part)]
        return _interval(date(year, low, 1), _month_end(year, high), "month")

    def _decade(self, m, ctx):
        first = int(m["decade"])
        part = self._part(m)
        if part:
            key = self._part_key(part)
            first += {"early": 0, "mid": 3, "late": 7}[key]
            return _interval(date(first, 1, 1), date(first + 2, 12, 31), "year")
        return _interval(date(first, 1, 1), date(first + 9, 12, 31), "year")

    def _month_or_year_range(self, m, ctx):
        groups = m.groupdict()
        y2 = int(groups["y2"]) if groups.get("y2") else (ctx.published.year if ctx.published else None)
        y1 = int(groups["y1"]) if groups.get("y1") else y2
        if y1 is None or y2 is None:
            return None
        if groups.get("m1") or groups.get("m2"):
            m1 = self._month_number(groups["m1"]) if groups.get("m1") else 1
            m2 = self._month_number(groups["m2"]) if groups.get("m2") else 12
            if m1 is None or m2 is None:
                return None
            if not groups.get("y1") and m1 > m2:
                y1 -= 1  # "from November to February 2016"
            if not groups.get("y2") and ctx.published is not None and date(y2, m2, 1) > ctx.published \
                    and ctx.tense != "future":
                y1, y2 = y1 - 1, y2 - 1
            return _interval(date(y1, m1, 1), _month_end(y2, m2), "month")
        return _interval(date(y1, 1, 1), date(y2, 12, 31), "year")

    def _season(self, m, ctx):
        first, last = self.seasons[" ".join(m["season"].lower().split())]

        def bounds(end_year: int) -> tuple[date, date]:
            """A season named by the year it ends in (winter runs across New Year)."""
            return date(end_year - 1 if first > last else end_year, first, 1), _month_end(end_year, last)

        if m["y"]:
            start, end = bounds(int(m["y"]))
            return _interval(start, end, "month")
        if ctx.published is None:
            return None
        pub = ctx.published
        year = pub.year + 1
        while bounds(year)[0] > pub:  # the latest season begun by publication
            year -= 1
        running = bounds(year)[1] >= pub
        where = (m["where"] or "").lower()
        if where in ("last", "past"):
            year -= 1 if running else 0
        elif where in ("next", "coming") or (ctx.tense == "future" and not running):
            year += 1
        start, end = bounds(year)
        start, end = _clip_to_tense(start, end, pub, ctx.tense)
        return _interval(start, end, "month")

    def _part_of_year(self, m, ctx):
        """'the third quarter (of 2020)', 'the first half of the year': whole quarters and halves;
        without a year, the one of publication, or the nearest one on the side the tense says."""
        nth, unit = m["nth"].lower(), m["unit"].lower()
        size = 3 if unit == "quarter" else 6
        count = 12 // size
        index = {"first": 0, "second": 1, "third": 2, "fourth": 3}.get(nth, count - 1)
        if index >= count:
            return None
        first = index * size + 1
        if m["y"]:
            year = int(m["y"])
        elif ctx.published is None:
            return None
        else:
            year = ctx.published.year + {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
            if not m["rel"]:
                begins, ends = date(year, first, 1), _month_end(year, first + size - 1)
                if ctx.tense == "past" and begins > ctx.published:
                    year -= 1
                elif ctx.tense == "future" and ends < ctx.published:
                    year += 1
        return _interval(date(year, first, 1), _month_end(year, first + size - 1), "month")

    def _part_of_current(self, m, ctx):
        """'the end of this year', 'the beginning of next month': that part of the period; with
        no 'this' ('by the end of the year'), the part is placed by the tense like a month name."""
        if ctx.published is None:
            return None
        pub, unit = ctx.published, m["unit"].lower()
        rel = (m["rel"] or "the").lower()
        key = self._part_key(m["part"])

        def part_in(step: int):
            if unit == "year":
                low, high = self.part_of_year[key]
                return date(pub.year + step, low, 1), _month_end(pub.year + step, high)
            year, month = _add_months(pub.year, pub.month, step)
            low, high = self.part_of_month[key]
            return date(year, month, low), date(year, month, min(high, _month_end(year, month).day))

        precision = "month" if unit == "year" else "days"
        if rel == "the":
            found = self._placed_relative(part_in, ctx)
        else:
            found = part_in({"last": -1, "next": 1}.get(rel, 0))
        return _interval(*found, precision)

    @staticmethod
    def _placed_relative(part_in, ctx) -> tuple[date, date]:
        """Like `_placed`, for a part of the current period (`part_in(step)` for step -1, 0, 1)."""
        pub = ctx.published
        this = part_in(0)
        if this[0] <= pub <= this[1]:
            return this
        before, after = (this, part_in(1)) if this[1] < pub else (part_in(-1), this)
        if ctx.tense == "past":
            return before
        if ctx.tense == "future":
            return after
        return this  # "by the end of the year" with no tense: the current one

    @staticmethod
    def _century(m, ctx):
        """'the 20th century': 1900 to 1999."""
        first = (int(m["c"]) - 1) * 100
        return _interval(date(first, 1, 1), date(first + 99, 12, 31), "year")

    def _holiday(self, m, ctx):
        """Fixed-date holidays ("Christmas Day", "New Year's Day"), in the year the tense says."""
        month, day = self.holidays[" ".join(m["hol"].lower().split())]
        year = int(m["y"]) if m["y"] else self._year_for(month, day, ctx)
        if year is None:
            return None
        found = date(year, month, day)
        return _interval(found, found, "day")

    def _weekday(self, m, ctx):
        if ctx.published is None:
            return None
        target = self.weekday_of[m["wd"].lower()]
        rel = " ".join((m["rel"] or "").lower().split())
        back = (ctx.published.weekday() - target) % 7
        ahead = (target - ctx.published.weekday()) % 7
        if rel in ("last", "this past", "past"):
            found = _shift(ctx.published, -(back or 7))
        elif rel in ("next", "coming", "this coming"):
            found = _shift(ctx.published, ahead or 7)
        elif ctx.tense == "future" or (ctx.tense == "present" and ahead < back) or \
                (ctx.tense == "nearest" and ahead <= back + 1):
            # "would resume on Monday" written on a Thursday: reports announce more than they
            # look back, so a near tie goes to the coming day
            found = _shift(ctx.published, ahead)
        else:
            found = _shift(ctx.published, -back)
        if m.group(0).lower().startswith("overnight"):
            return _interval(found, _shift(found, 1), "days")
        return _interval(found, found, "day")

    def _day_word(self, m, ctx):
        if ctx.published is None:
            return None
        word = (m.groupdict().get("word") or "today").lower()
        step = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        direction = (m.groupdict().get("dir") or "").lower()
        step += {"before": -1, "after": 1, "": 0}[direction]
        found = _shift(ctx.published, step)
        return _interval(found, found, "day")

    def _overnight(self, m, ctx):
        if ctx.published is None:
            return None
        return _interval(_shift(ctx.published, -1), ctx.published, "days")

    def _period(self, m, ctx):
        if ctx.published is None:
            return None
        where, unit, pub = m["where"].lower(), m["unit"].lower(), ctx.published
        step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[where]
        if unit == "weekend":
            if step == 0:
                return self._weekend(m, ctx)
            saturday = _shift(_week_start(pub), 5)  # this week's
            if step < 0:  # the last weekend fully over by publication: the previous week's
                saturday = _shift(saturday, -7)
            elif saturday <= pub:  # the next weekend not yet begun
                saturday = _shift(saturday, 7)
            return _interval(saturday, _shift(saturday, 1), "days")
        if unit == "week":
            start = _shift(_week_start(pub), 7 * step)
            end = _shift(start, 6)
        elif unit == "month":
            year, month = _add_months(pub.year, pub.month, step)
            start, end = date(year, month, 1), _month_end(year, month)
        else:
            start, end = date(pub.year + step, 1, 1), date(pub.year + step, 12, 31)
        if step == 0:
            start, end = _clip_to_tense(start, end, pub, ctx.tense)
        return _interval(start, end, unit)

    @staticmethod
    def _weekend_saturday(pub: date, tense: str | None) -> date:
        """The Saturday of the weekend meant: the one begun by publication, the coming one for
        the future, the closer of the two for the future seen from the past."""
        coming = _shift(_week_start(pub), 5)
        if coming <= pub or tense == "future":
            return coming
        gone = _shift(coming, -7)
        if tense == "nearest" and (coming - pub) < (pub - _shift(gone, 1)):
            return coming
        return gone

    def _weekend(self, m, ctx):
        if ctx.published is None:
            return None
        saturday = self._weekend_saturday(ctx.published, ctx.tense)
        return _interval(saturday, _shift(saturday, 1), "days")

    def _count(self, text: str | None) -> int:
        if not text:
            return 1
        key = " ".join(text.lower().split())
        return int(key) if key.isdigit() else self.count_of.get(key, 1)

    def _rolling(self, m, ctx):
        if ctx.published is None:
            return None
        unit = m["unit"].lower()
        n = self._count(m["n"])
        if m["n"] is None and unit in self.recent:
            return self._recent(m, ctx)  # "over the past weeks"
        if "hour" in unit:
            hours = int(unit.split()[0]) if unit[0].isdigit() else (n if m["n"] else 24)
            days, precision = max(1, -(-hours // 24)), "days"
        elif unit.startswith("day"):
            days, precision = n, "days"
        elif unit.startswith("week"):
            days, precision = 7 * n, "days"
        else:  # months and years back on the calendar: "the past five months" from 15 Feb is 15 Sep
            months = n if unit.startswith("month") else 12 * n
            year, month = _add_months(ctx.published.year, ctx.published.month, -months)
            start = date(year, month, min(ctx.published.day, _month_end(year, month).day))
            return _interval(start, ctx.published, "month" if unit.startswith("month") else "year")
        return _interval(_shift(ctx.published, -days), ctx.published, precision)

    def _rolling_ahead(self, m, ctx):
        """'in the next ten days': an interval starting at publication."""
        if ctx.published is None:
            return None
        unit, n = m["unit"].lower(), self._count(m["n"])
        days = {"h": 1, "d": n, "w": 7 * n, "m": 30 * n, "y": 365 * n}[unit[0]]
        if m["n"] is None and unit in self.recent:
            days = self.recent[unit]  # "in the coming weeks": as long as "in recent weeks"
        precision = {"h": "days", "d": "days", "w": "days", "m": "month", "y": "year"}[unit[0]]
        return _interval(ctx.published, _shift(ctx.published, days), precision)

    def _recent(self, m, ctx):
        if ctx.published is None:
            return None
        unit = m["unit"].lower()
        precision = "month" if unit == "months" else "days"
        return _interval(_shift(ctx.published, -self.recent[unit]), ctx.published, precision)

    def _ago(self, m, ctx):
        if ctx.published is None:
            return None
        n, unit, pub = self._count(m["n"]), m["unit"].lower(), ctx.published
        if unit.startswith("day"):
            found = _shift(pub, -n)
            return _interval(found, found, "day")
        if unit.startswith("week"):  # "two weeks ago": that week, give or take a few days
            centre = _shift(pub, -7 * n)
            return _interval(_shift(centre, -3), _shift(centre, 3), "week")
        if unit.startswith("month"):
            year, month = _add_months(pub.year, pub.month, -n)
            return _interval(date(year, month, 1), _month_end(year, month), "month")
        return _interval(date(pub.year - n, 1, 1), date(pub.year - n, 12, 31), "year")

    def _earlier_later(self, m, ctx):
        if ctx.published is None:
            return None
        unit, pub = m["unit"].lower(), ctx.published
        if unit == "week":
            start, end = _week_start(pub), _shift(_week_start(pub), 6)
        elif unit == "month":
            start, end = date(pub.year, pub.month, 1), _month_end(pub.year, pub.month)
        else:
            start, end = date(pub.year, 1, 1), date(pub.year, 12, 31)
        if m["side"].lower() == "earlier":
            return _interval(start, max(start, _shift(pub, -1)), unit)
        return _interval(min(end, _shift(pub, 1)), end, unit)

    def _ordinal_day(self, m, ctx):
        if ctx.published is None:
            return None
        token = m["d"].lower()
        day = self.ordinal_of[token] if token in self.ordinal_of else self._day_number(token)
        pub = ctx.published
        step = 0
        for _ in range(13):  # the nearest month (backwards, or forwards if future) with that day
            year, month = _add_months(pub.year, pub.month, step)
            if day <= calendar.monthrange(year, month)[1]:
                found = date(year, month, day)
                if ctx.tense == "future" and found >= pub or ctx.tense != "future" and found <= pub:
                    return _interval(found, found, "day")
            step += 1 if ctx.tense == "future" else -1
        return None

    def _relative_to_anchor(self, m, ctx):
        anchor = ctx.anchor
        if anchor is None:
            return None  # "the next day" with nothing before it: no honest reading
        unit = (m["unit"] or m["unit2"] or "").lower()
        if unit == "week":
            step = 7 if m["unit"] else -7
            start = _shift(_week_start(anchor.end if step > 0 else anchor.start), step)
            return _interval(start, _shift(start, 6), "week")
        if m["unit"]:
            days = 1  # "the next day", "the following morning"
        elif m["unit2"]:
            days = -1  # "the previous day"
        elif m["d1"] or m["d2"]:
            days = 1 if (m["d1"] or m["d2"]).lower() in ("later", "after") else -1
        elif m["n"]:
            n = self._count(m["n"]) * (7 if m["unit3"].lower().startswith("week") else 1)
            days = -n if m["d3"].lower() in ("earlier", "before") else n
        else:
            days = 0  # "that day", "the same day", "later that day"
        precision = anchor.precision if anchor.precision == "day" else "days"
        return _interval(_shift(anchor.start, days), _shift(anchor.end, days), precision)

    # -------------------------------------------------------------- tense from the sentence

    def infer_tense(self, text: str, start: int, end: int) -> str | None:
        """The tense marker nearest before the expression in its sentence, else nearest after."""
        left = max(0, start - 200)
        sentence_start = left
        for match in self.sentence_end_re.finditer(text, left, start):
            sentence_start = match.end()
        last = None
        for match in self.tense_re.finditer(text, sentence_start, start):
            if self._is_marker(match):
                last = match
        if last is not None:
            if last["past"]:
                return self._auxiliary_before(text, last) or "past"
            if last["present"]:
                return "present"
            return "future" if last["future"] else "nearest"
        stop = self.sentence_end_re.search(text, end, end + 200)
        limit = stop.start() if stop else min(len(text), end + 200)
        for match in self.tense_re.finditer(text, end, limit):
            if self._is_marker(match):
                if match["present"]:
                    return "present"
                return "future" if match["future"] else "nearest" if match["nearest"] else "past"
        return None

    def _auxiliary_before(self, text: str, marker: re.Match) -> str | None:
        """'will be held' is future; 'would be signed', 'was to be concluded' point either way."""
        found = self.auxiliary_re.search(text, max(0, marker.start() - 25), marker.start())
        if found is None:
            return None
        return "future" if found["will"] else "nearest"

    def is_speech_date(self, text: str, start: int) -> bool:
        """Does a reporting verb just before this date make it the date of a statement?"""
        return self.speech_re.search(text, max(0, start - 40), start) is not None

    def _is_marker(self, match: re.Match) -> bool:
        return not match["past"] or match.group(0).lower() not in self.not_past


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    return _Grammar(_lexicon())


# ---------------------------------------------------------------- public functions

def _normal_tense(tense: str | None) -> str | None:
    if tense is None:
        return None
    tense = tense.lower()
    return tense if tense in ("future", "nearest", "present") else "past"


def _scan(text: str, published: date | None, tense: str | None,
          anchor: When | None) -> list[TimeMention]:
    """All patterns over the text; longest non-overlapping matches win; then resolution in text
    order, so each dated expression becomes the anchor of the relative ones after it."""
    grammar = _grammar()
    candidates = []
    lowered = text.lower()
    open_gates: dict[str, bool] = {}
    for order, (pattern, handler, anaphoric, gate) in enumerate(grammar.patterns):
        if gate not in open_gates:
            open_gates[gate] = any(word in lowered for word in grammar.gates[gate])
        if not open_gates[gate]:
            continue
        for match in pattern.finditer(text):
            candidates.append((match.start(), match.end(), order, match, handler, anaphoric))
    chosen = []
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        if any(candidate[0] < c[1] and c[0] < candidate[1] for c in chosen):
            continue
        chosen.append(candidate)
    mentions: list[TimeMention] = []
    for start, end, _order, match, handler, anaphoric in sorted(chosen, key=lambda c: c[0]):
        clause_tense = tense
        if clause_tense is None:
            clause_tense = grammar.infer_tense(text, start, end)
        context = _Context(published, _normal_tense(clause_tense),
                           _pick_anchor(text, mentions, start, anchor) if anaphoric else anchor)
        try:
            when = handler(match, context)
        except (ValueError, OverflowError, KeyError):
            when = None  # "31 February", dates beyond the calendar: not a date
        if when is None:
            continue
        since = grammar.since_re.search(text, max(0, start - 12), start)
        opens = since is not None or match.group(0)[:5].lower() == "since"
        opened_from = None
        if opens and published is not None and not anaphoric and when.start <= published:
            start = since.start() if since else start
            precision = "days" if when.precision in ("day", "days") else when.precision
            opened_from = when
            when = _interval(when.start, max(when.start, published), precision)
        when = When(start=when.start, end=when.end, precision=when.precision, text=text[start:end])
        mentions.append(TimeMention(start, end, text[start:end], when, opened_from))
    return _join_ranges(text, mentions)


def _pick_anchor(text: str, mentions: list[TimeMention], position: int,
                 default: When | None) -> When | None:
    """The latest day-dated expression before `position`. A date that only says when someone
    spoke ("activists said on Thursday") anchors its own sentence ("said on Thursday that it had
    struck two days earlier") but not the story after it; a lead "As reported on 12 June" does."""
    grammar = _grammar()
    for mention in reversed(mentions):
        when = mention.anchor or mention.when
        if mention.start >= position or when.precision not in ("day", "days"):
            continue
        if grammar.is_speech_date(text, mention.start) and \
                grammar.sentence_end_re.search(text, mention.end, position):
            continue
        return when
    return default


_PRECISION_RANK = {"day": 0, "days": 1, "week": 2, "month": 3, "year": 4, "unknown": 5}
_RANGE_LINK = re.compile(r"\s*(?:(?P<and>and)|to|until|till|through|-|–)\s*", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?:between|from)\s+$", re.IGNORECASE)


def _same_year_before(first: When, second: When) -> When:
    """The start of a range written without its year takes the end's: 'between 3 March and
    5 April 2014' begins in 2014, not in the publication year."""
    if first.start <= second.start:
        return first
    for year in (second.start.year, second.start.year - 1):
        try:
            moved = When(start=first.start.replace(year=year), end=first.end.replace(year=year),
                         precision=first.precision)
        except ValueError:
            continue
        if moved.start <= second.start and moved.start <= moved.end:
            return moved
    return first


def _join_ranges(text: str, mentions: list[TimeMention]) -> list[TimeMention]:
    """'from Monday to Wednesday', 'between 3 March and 5 April': two ends, one interval.
    'and' joins after 'between' and between two consecutive days ('on Tuesday and Wednesday' is
    a two-day span); 'on Monday and Wednesday' stays two days."""
    joined: list[TimeMention] = []
    index = 0
    while index < len(mentions):
        first = mentions[index]
        if index + 1 < len(mentions):
            second = mentions[index + 1]
            link = _RANGE_LINK.fullmatch(text, first.end, second.start)
            opening = _RANGE_OPEN.search(text, max(0, first.start - 10), first.start)
            adjacent = first.when.precision == second.when.precision == "day" and \
                second.when.start == _shift(first.when.end, 1)
            if link and (opening or not link["and"] or adjacent) and \
                    not first.text.lower().startswith("since"):
                start = opening.start() if opening else first.start
                coarser = max(first.when.precision, second.when.precision, key=_PRECISION_RANK.get)
                precision = "days" if _PRECISION_RANK[coarser] <= 1 else coarser
                begin = _same_year_before(first.when, second.when)
                when = _interval(min(begin.start, second.when.start),
                                 max(begin.end, second.when.end), precision)
                words = text[start:second.end]
                joined.append(TimeMention(start, second.end, words, When(
                    start=when.start, end=when.end, precision=when.precision, text=words)))
                index += 2
                continue
        joined.append(first)
        index += 1
    return joined


def find_times(text: str, published: date | datetime | None, *, offset: int = 0,
               tense: Tense | None = None, anchor: When | None = None) -> list[TimeMention]:
    """Every time expression in `text`, in order, resolved against `published`.

    `offset` is added to the character offsets (for a sentence cut from a longer document);
    `tense` forces the reading of undated weekdays and months, otherwise each expression takes
    the tense of its clause; `anchor` is a date carried from earlier in the story.
    """
    if not text:
        return []
    mentions = _scan(text, _as_date(published), tense, anchor)
    if offset:
        mentions = [TimeMention(m.start + offset, m.end + offset, m.text, m.when) for m in mentions]
    return mentions


def resolve(expression: str, published: date | datetime | None, tense: Tense | None = None,
            anchor: When | None = None) -> When | None:
    """The interval one time expression stands for ("last month", "on Friday"), or None.

    With no tense given, the expression's own words decide ("will", "next"), else past.
    """
    if not expression:
        return None
    pub = _as_date(published)
    best = _longest(_scan(expression, pub, tense, anchor), 0)
    covered = best.end - best.start if best else 0
    if covered < len(expression.strip()) and not _read_whole(expression):
        # a bare "January", "2015" or "the summer", as a TimeML span gives it: read it as it
        # would be read after a preposition ("in January"), which many patterns require so
        # that ordinary words and counts in running text are not taken for dates
        prefixed = _longest(_scan(_PREPOSITION + expression, pub, tense, anchor), len(_PREPOSITION))
        if prefixed is not None and prefixed.end - max(prefixed.start, len(_PREPOSITION)) > covered:
            best = prefixed
    return best.when if best else None


_PREPOSITION = "in "


def _read_whole(expression: str) -> bool:
    """Does some pattern read the whole expression (even if it cannot resolve it, as "the next
    day" without an anchor)? Then a preposition must not give it another reading."""
    text = expression.strip()
    return any(pattern.fullmatch(text) for pattern, _handler, _anaphoric, _gate in _grammar().patterns)


def _longest(mentions: list[TimeMention], skip: int) -> TimeMention | None:
    """The mention covering most of the text after its first `skip` characters."""
    if not mentions:
        return None
    return max(mentions, key=lambda m: (m.end - max(m.start, skip), -m.start))


def resolve_at(text: str, start: int, end: int, published: date | datetime | None) -> When | None:
    """The interval of the expression at text[start:end], read in its document as extraction
    reads it: with the tense of its clause and, for relative expressions ("the day before"),
    the story's anchor at that point."""
    if not text or start >= end:
        return None
    pub = _as_date(published)
    tense = _grammar().infer_tense(text, start, end)
    anchor = _anchor_at(text, start, pub)
    return resolve(text[start:end], pub, tense=tense, anchor=anchor)


def _anchor_at(text: str, position: int, published: date | None) -> When | None:
    """The anchor relative expressions at `position` count from: the latest dated expression
    before it (see `_scan`)."""
    mentions = _scan(text[:position], published, None, None)
    return _pick_anchor(text, mentions, position, None)


def season_of(day: date) -> tuple[str, int] | None:
    """The season (time.yaml) a day falls in and the year it is named by: winter by the year
    of its January, so December 2015 is in the winter of 2016."""
    for name, (first, last) in _grammar().seasons.items():
        if name == "fall":
            continue
        months = range(first, last + 1) if first <= last else [*range(first, 13), *range(1, last + 1)]
        if day.month in months:
            year = day.year + 1 if first > last and day.month >= first else day.year
            return name, year
    return None


def part_bounds() -> tuple[dict, dict]:
    """How "early / mid / late" cut a month (days) and a year (months), from time.yaml."""
    grammar = _grammar()
    return grammar.part_of_month, grammar.part_of_year
