"""Date sums that stay inside the calendar, and the range of dates users may ask about.

Python's dates end at 9999-12-31: one stored far-future date plus a day of tolerance used to
raise OverflowError in every later `check` and `report`. Sums that can reach the edge go
through `shift`; dates a user types (truce windows, report periods) are held to `SUPPORTED`.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

EARLIEST = date(1900, 1, 1)  # no news report (and no truce) TruceWatch reads is older
LATEST = date(2199, 12, 31)  # the far edge of dates a user may ask about
LONGEST_REPORT_DAYS = 7305  # twenty years: a longer period is a typo, and a chart of 73,000 bars


def shift(value: date | datetime, delta: timedelta) -> date | datetime:
    """`value + delta`, held at the calendar's first or last moment instead of overflowing."""
    try:
        return value + delta
    except OverflowError:
        kind = datetime if isinstance(value, datetime) else date
        return kind.max if delta > timedelta(0) else kind.min


def outside_supported(value: date | datetime) -> bool:
    day = value.date() if isinstance(value, datetime) else value
    return not EARLIEST <= day <= LATEST


def supported_range() -> str:
    return f"{EARLIEST.isoformat()} to {LATEST.isoformat()}"
