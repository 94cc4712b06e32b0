"""The assessment of one commitment: its verdict, the incidents behind it, and the rates before/after.

Rates come with the number of reports read in each window, because fewer reports is not fewer
acts: a quiet week after a pledge may be a week nobody reported from.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal

from pydantic import Field

from trucewatch.records import Record

CommitmentVerdict = Literal["kept", "broken", "possibly broken", "not yet assessable"]
COMMITMENT_VERDICTS = ["broken", "possibly broken", "kept", "not yet assessable"]
VERDICT_COLOURS = {"broken": "#b2182b", "possibly broken": "#f4c542", "kept": "#1a7f37",
                   "not yet assessable": "#999999"}


class DayCount(Record):
    day: date
    breaches: int = 0  # incidents of the promised acts by the party in the area, dated to that day
    reports: int = 0  # reports about the area published that day


class Window(Record):
    """Before or after the pledge: how many breaching incidents, over how many days and reports.

    Per-day counts are kept only for days that have any (a pledge may run a year); `daily` gives
    every day of the window."""

    label: Literal["before", "after"]
    start: datetime
    end: datetime
    days: int
    breaches: int
    reports: int
    incidents: list[str] = Field(default_factory=list)
    breaches_by_day: dict[date, int] = Field(default_factory=dict)  # day-precise incidents only
    reports_by_day: dict[date, int] = Field(default_factory=dict)

    @property
    def daily(self) -> list[DayCount]:
        first = self.start.date()
        return [DayCount(day=day, breaches=self.breaches_by_day.get(day, 0), reports=self.reports_by_day.get(day, 0))
                for day in (first + timedelta(days=n) for n in range(self.days))]

    @property
    def per_day(self) -> float:
        return self.breaches / self.days if self.days else 0.0

    @property
    def reports_per_day(self) -> float:
        return self.reports / self.days if self.days else 0.0

    def summary(self) -> str:
        return (f"{self.breaches} incident(s) in {self.days} day(s) ({self.per_day:.2f}/day), "
                f"{self.reports} report(s) about the area read")


class Assessment(Record):
    commitment: str
    verdict: CommitmentVerdict
    reason: str
    as_of: date
    after: Window | None = None
    before: Window | None = None
    breaches: list[dict] = Field(default_factory=list)  # the checker's findings, one per incident
    fulfilled_by: list[dict] = Field(default_factory=list)  # findings of the promised act done
    trace: list[str] = Field(default_factory=list)
    caveats: list[str] = Field(default_factory=list)

    @property
    def colour(self) -> str:
        return VERDICT_COLOURS[self.verdict]

    def as_dict(self) -> dict:
        data = self.model_dump(mode="json")
        for key in ("after", "before"):
            window = getattr(self, key)
            if window is not None:
                data[key]["per_day"] = round(window.per_day, 3)
                data[key]["reports_per_day"] = round(window.reports_per_day, 3)
        return data
