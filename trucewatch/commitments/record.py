"""The commitment record: one party's pledge, where and when it holds, who reports it, how firm it is.

Extracted pledges and hand-written ones (YAML) share this one schema, so everything downstream
(checking, storage, exports, the report) treats them alike.
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from trucewatch.records import Claimant, Location, Record, TimePrecision

Promise = Literal["stops", "performs"]
Grade = Literal["announced", "reported", "alleged", "disputed", "retracted"]
Origin = Literal["extracted", "hand-written"]
ReporterKind = Literal["the party", "another side", "third party", "unnamed", "the outlet"]


class Party(Record):
    """The committing party: a resolved actor (key as incidents key parties), or words nobody resolved."""

    key: str | None = None  # ISO3 for a state and its forces, else the dictionary name; None: unidentified
    label: str  # "Syria (SYR)", "Free Syrian Army", or the words as written
    text: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None


class Moment(Record):
    """One end of a pledge's interval, as precisely as the words allow.

    `at` is the moment checking uses: for a start, the latest it can be (an act on a day the
    pledge may not yet have begun is not held against it); for an end, the earliest.
    """

    at: datetime
    earliest: date
    latest: date
    precision: TimePrecision
    text: str | None = None  # the words read ("from midnight on Thursday", "for 72 hours")
    how: str  # how it was read, for readers


class Report(Record):
    """One report of the pledge: who says it, in which words, where in the document."""

    document: str
    outlet: str
    published: date | None = None
    ref: str | None = None
    url: str | None = None
    claimant: Claimant | None = None  # None: the outlet's own words
    stance: str | None = None
    reporter: ReporterKind
    quote: str
    start: int
    end: int


class Firmness(Record):
    grade: Grade
    rank: int
    independent_sources: int = 0
    reasons: list[str] = Field(default_factory=list)


class Commitment(Record):
    id: str
    kind: str
    label: str  # the kind as readers see it
    promise: Literal["stops", "performs"]
    party: Party
    acts: list[str] = Field(default_factory=list)  # what it stops, or performs
    breached_by: list[str] = Field(default_factory=list)  # act types/families whose incidents break it
    obligations: list[str] = Field(default_factory=list)  # truce obligations it takes on
    performs: list[str] = Field(default_factory=list)  # act types that, done, fulfil it
    place: Location | None = None
    starts: Moment
    ends: Moment | None = None  # None: no end given
    conditional: bool = False
    condition: str | None = None
    firmness: Firmness
    reports: list[Report] = Field(default_factory=list)
    origin: Origin = "extracted"
    source: str | None = None  # the statement's incident id, or the YAML file
    event_ids: list[str] = Field(default_factory=list)
    note: str | None = None

    @property
    def place_label(self) -> str:
        if self.place is None:
            return "no place given"
        return self.place.name or self.place.text

    def interval_label(self) -> str:
        start = f"from {self.starts.at:%Y-%m-%d %H:%M}"
        if self.starts.text:
            start += f" (“{self.starts.text}”)"
        if self.ends is None:
            return start + ", no end given"
        end = f"until {self.ends.at:%Y-%m-%d %H:%M}"
        if self.ends.text:
            end += f" (“{self.ends.text}”)"
        return f"{start} {end}"


def commitment_id(*parts: object) -> str:
    """A stable id from what identifies a pledge (its statement's incident, party and kind)."""
    text = "|".join("" if p is None else str(p) for p in parts)
    return "cmt-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
