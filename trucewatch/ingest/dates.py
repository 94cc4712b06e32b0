"""Publication dates: the `date YYYY-MM-DD` first line and the `published` field of rows.

Monitoring feeds often put the date on the report's first line; it is metadata, so it is cut
from the text. A date that is written but impossible (2015-02-30) is an error, never a guess.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from trucewatch.daymath import EARLIEST
from trucewatch.errors import shown_value

# Publication dates we accept: news reports are not older than this, and not dated more than a
# year after we read them (a clock or time zone off by days is fine; 9999-12-31 is not). Dates
# outside would only poison every later range, comparison and date sum.
EARLIEST_PUBLISHED = EARLIEST
FUTURE_SLACK = timedelta(days=366)

# `date 2015-08-12` at the start of the first line, perhaps indented, perhaps with a colon;
# the report may go on on the same line. Only digits count, so "Date palms burned" is text.
DATE_LINE = re.compile(
    r"\A[\s\ufeff]*date:?[ \t]+(?P<date>[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})(?=\s|\Z)[ \t]*",
    re.IGNORECASE,
)


class BadDate(ValueError):
    """A date was written but cannot be read; the message says why, for the user."""


def latest_published(retrieved: date) -> date:
    """The last publication date accepted for a report read on `retrieved`."""
    return retrieved + FUTURE_SLACK


def out_of_range(day: date, retrieved: date) -> str | None:
    """Why `day` cannot be a publication date of a report read on `retrieved`, or None."""
    latest = latest_published(retrieved)
    if EARLIEST_PUBLISHED <= day <= latest:
        return None
    return (f"{day.isoformat()} is outside the publication dates accepted "
            f"({EARLIEST_PUBLISHED.isoformat()} to {latest.isoformat()}, a year after it was read)")


def split_date_line(text: str) -> tuple[date | None, str]:
    """Return (publication date, text without the date line) or (None, text) when absent.

    Raises BadDate when the first line carries a date that does not exist.
    """
    match = DATE_LINE.match(text)
    if not match:
        return None, text
    written = match.group("date")
    return parse_iso_day(written, what="date line"), text[match.end():]


def parse_iso_day(written: str, *, what: str) -> date:
    """YYYY-MM-DD (one-digit month/day allowed) to a date, or BadDate naming the field."""
    try:
        year, month, day = (int(part) for part in written.split("-"))
        return date(year, month, day)
    except ValueError:
        raise BadDate(f"impossible date {shown_value(written)} in the {what}") from None


def parse_published(value: object, *, what: str = "published field") -> date:
    """A row's `published` value (ISO date or datetime, RFC 2822, epoch seconds) to a date."""
    if isinstance(value, bool) or value is None:
        raise BadDate(f"unreadable date {shown_value(value)} in the {what}")
    if isinstance(value, (int, float)):
        try:
            return datetime.fromtimestamp(value, tz=timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            raise BadDate(f"unreadable date {shown_value(value)} in the {what}") from None
    if not isinstance(value, str):
        raise BadDate(f"unreadable date {shown_value(value)} in the {what}")
    written = value.strip()
    if re.fullmatch(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", written):
        return parse_iso_day(written, what=what)
    try:
        return datetime.fromisoformat(written.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(written).date()
    except (TypeError, ValueError, IndexError):
        raise BadDate(f"unreadable date {shown_value(value)} in the {what}") from None
