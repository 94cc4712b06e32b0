"""When a pledge holds: its start and end read from the statement's sentence, with honest precision.

Dates come from trucewatch/extract/when.py (`find_times`, `resolve`); this module only decides
what role each plays — the day the pledge was made ("said on Monday"), its start ("from
Friday", "from midnight"), its end ("until Sunday", "for 72 hours") or a window in which it
begins ("in the coming days") — with the marker words in data/wording.yaml.

Checking is conservative: a start known only to a few days is checked from the last of them, an
end from the first, so an act is never held against a pledge that may not yet have begun.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from trucewatch.daymath import shift
from trucewatch.extract.datafiles import load
from trucewatch.extract.when import TimeMention, find_times, resolve

from .record import Moment
from .wording import patterns, unit_hours

ARTICLE = re.compile(r"^(?:an?|the)\s+", re.IGNORECASE)
LOOKBACK = 40  # characters before a date searched for its marker word
MIDNIGHT_GAP = 6  # characters between "midnight" and the day it names ("midnight on Thursday")
END_OF_DAY = time(23, 59)
RANGE = re.compile(r"\w\s*(?:-|–|\b(?:until|till|to|through|and)\b)\s*\w", re.IGNORECASE)  # two ends in one


@dataclass(frozen=True)
class _Dated:
    role: str  # start | end | deadline | said | duration | when
    mention: TimeMention


def _role(sentence: str, mention: TimeMention) -> str:
    before = sentence[max(0, mention.start - LOOKBACK):mention.start]
    marks = patterns()
    if marks["opens_duration"].match(mention.text):
        return "duration"
    for role in ("start", "end", "deadline", "said"):
        if marks[role].search(before) or marks[role].search(mention.text.split(" ", 1)[0] + " "):
            return role
    return "when"


def _reread(mention: TimeMention, role: str, published: date | None) -> TimeMention:
    """The day a pledge was made is past; a marked start or end is the nearest such day either way
    ("from Wednesday" said on a Tuesday is tomorrow, not six days ago)."""
    tense = {"said": "past", "start": "nearest", "end": "nearest", "deadline": "nearest"}.get(role)
    if tense is None or published is None:
        return mention
    when = resolve(mention.text, published, tense=tense)
    return TimeMention(mention.start, mention.end, mention.text, when) if when else mention


def _dated(sentence: str, published: date | None) -> list[_Dated]:
    found = []
    for mention in find_times(sentence, published):
        role = _role(sentence, mention)
        found.append(_Dated(role, _reread(mention, role, published)))
    return found


def _moment(first: date, last: date, precision: str, text: str | None, how: str, *,
            at: datetime | None = None) -> Moment:
    return Moment(at=at or datetime.combine(last, time.min), earliest=first, latest=last,
                  precision=precision, text=text, how=how)


def _from_day_made(made: date) -> Moment:
    """No start named: from the day it was made, checked from the next day (its hour is unknown,
    so an act that day may have come before it)."""
    return _moment(made, shift(made, timedelta(days=1)), "days", None,
                   f"from the day it was made ({made.isoformat()}), checked from the next day")


def _midnight(sentence: str, dated: list[_Dated], made: date) -> Moment | None:
    found = patterns()["midnight"].search(sentence)
    if not found:
        return None
    for d in dated:
        if 0 <= d.mention.start - found.end() <= MIDNIGHT_GAP:  # "midnight on Thursday"
            day = d.mention.when.start
            return _moment(day, shift(day, timedelta(days=1)), "days",
                           sentence[found.start():d.mention.end],
                           f"midnight on {day:%A %d %B %Y}: the start or the end of that day")
    day = shift(made, timedelta(days=1))
    return _moment(day, day, "day", found.group(0),
                   f"the midnight after the statement of {made.isoformat()}")


def _count(word: str) -> int | None:
    """A duration's count: digits, or a count word of the time lexicon when.py reads ("two")."""
    word = word.lower()
    return int(word) if word.isdigit() else load("time.yaml")["count_words"].get(word)


def _duration(sentence: str, dated: list[_Dated]) -> tuple[timedelta, str] | None:
    """'for 72 hours', 'a 48-hour pause', 'for two weeks' — unless when.py read those words as dates."""
    for found in patterns()["duration"].finditer(sentence):
        if any(d.mention.start < found.end() and found.start() < d.mention.end for d in dated):
            continue
        count = _count(found.group("n") or found.group("n2"))
        if not count:
            continue
        hours = count * unit_hours(found.group("unit") or found.group("unit2"))
        return timedelta(hours=hours), ARTICLE.sub("", found.group(0).strip())
    return None


def read_interval(sentence: str, published: date | None, *, made: date | None = None,
                  promise: str = "stops") -> tuple[Moment, Moment | None]:
    """(start, end or None) of a pledge stated in `sentence`, published on `published`.

    `made` is the statement's own date when extraction knows it (else read here, else publication).
    """
    dated = _dated(sentence, published)
    made = next((d.mention.when.start for d in dated if d.role == "said" and d.mention.when.precision == "day"),
                made or published or date.today())
    starts = ends = None
    for d in dated:
        w, words = d.mention.when, d.mention.text
        if d.role == "start" and starts is None:
            if RANGE.search(words):  # "from 6 March until 20 March": one expression, both ends
                starts = _moment(w.start, w.start, "day", words, "a start named in the statement")
                ends = _moment(w.end, w.end, "day", words, "an end named in the statement",
                               at=datetime.combine(w.end, END_OF_DAY))
            else:
                starts = _moment(w.start, w.start if w.precision == "day" else w.end, w.precision, words,
                                 "a start named in the statement")
        elif d.role in ("end", "deadline") and ends is None:
            ends = _moment(w.start, w.end, w.precision, words,
                           "a deadline named in the statement" if d.role == "deadline"
                           else "an end named in the statement",
                           at=datetime.combine(w.start, END_OF_DAY))
        elif d.role == "duration" and ends is None and w.end >= made:
            starts = starts or _from_day_made(made)
            ends = _moment(w.end, w.end, w.precision, words, "a period named in the statement",
                           at=datetime.combine(w.end, END_OF_DAY))
        elif d.role == "when" and starts is None and w.end > made:
            if promise == "performs":  # "will withdraw in the coming days": done by its end
                ends = ends or _moment(w.start, w.end, w.precision, words, "the time it is due",
                                       at=datetime.combine(w.end, END_OF_DAY))
            else:
                starts = _moment(w.start, w.end, w.precision, words,
                                 "a time named in the statement; checked from its last day")
    starts = starts or _midnight(sentence, dated, made) or _from_day_made(made)
    if ends is None:
        span = _duration(sentence, dated)
        if span is not None:
            length, words = span
            finish = shift(datetime.combine(starts.earliest, time.min), length)  # the earliest it can end
            last = (finish - timedelta(minutes=1)).date()
            ends = _moment(last, last, starts.precision, words, f"{words} from its start",
                           at=finish - timedelta(minutes=1))
    if ends is not None and ends.at <= starts.at:
        ends = None  # an end before the start is a misreading, not a pledge of no length
    return starts, ends
