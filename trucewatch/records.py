"""The record types every stage passes on; their JSON is the contract in docs/contract.md.

Each stage takes the previous stage's record and returns the next, so these models are the
only thing two stages must agree on.
"""
from __future__ import annotations

import hashlib
import unicodedata
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# "background": an act the report mentions only as context (the war's toll since 2011, a truce
# "due to take effect"): kept for the record, never fed to incidents or findings.
Status = Literal["occurred", "ongoing", "planned", "negated", "hypothetical", "background"]
TimePrecision = Literal["day", "days", "week", "month", "year", "unknown"]
PlacePrecision = Literal[
    "exact", "neighbourhood", "city", "admin2", "admin1", "country", "region", "unknown"
]
Stance = Literal[
    "asserts", "accuses", "denies", "confirms", "claims_responsibility", "retracts", "disputes"
]
About = Literal["occurrence", "perpetrator", "type", "casualties", "location", "date"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


def normalise_text(text: str) -> str:
    """NFC, unified newlines, no trailing blanks, no NUL characters: the form we hash, so copies
    hash alike, and the form every store can hold (PostgreSQL refuses NUL in text)."""
    text = unicodedata.normalize("NFC", text.replace("\x00", ""))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def text_id(text: str) -> str:
    """SHA-256 of the normalised text: a document's identity."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


class Document(Record):
    """One report with its provenance. `text` is the normalised text all offsets point into."""

    id: str
    text: str
    ref: str | None = None
    title: str | None = None
    published: date | None = None
    published_given: bool = True  # False when the date was guessed (e.g. from a file's mtime)
    source: str | None = None  # the outlet
    url: str | None = None
    path: str | None = None  # file path or URL the document was read from
    language: str = "en"
    retrieved: datetime | None = None

    @classmethod
    def from_text(cls, text: str, **fields) -> "Document":
        clean = normalise_text(text)
        return cls(id=text_id(clean), text=clean, **fields)

    def contract(self) -> dict:
        """The `document` object of the record contract (no text, no internal provenance)."""
        return {
            "id": self.id,
            "ref": self.ref,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "url": self.url,
            "language": self.language,
        }


class Span(Record):
    text: str
    start: int
    end: int


class ActorRef(Record):
    """A participant as written (`text`) and as resolved through the actor dictionary."""

    text: str
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # PLOVER sector code, or AID
    role: str | None = None  # initiator | target (actors only)
    protected: bool | None = None  # targets only: aid, medical, schools, markets, civilians, press


class Claimant(Record):
    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None


class Claim(Record):
    claimant: Claimant
    stance: Stance
    about: About
    value: str | None = None
    text: str
    start: int
    end: int


class Location(Record):
    text: str
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    precision: PlacePrecision = "unknown"
    note: str | None = None


class When(Record):
    start: date
    end: date
    precision: TimePrecision
    text: str | None = None


class Casualties(Record):
    low: int | None = None
    best: int | None = None
    high: int | None = None
    text: str | None = None


class Plover(Record):
    event: str
    mode: str | None = None


class Acled(Record):
    event_type: str
    sub_event_type: str


class Salience(Record):
    """How central an event is to its report (0-1), and why: the headline or first paragraph
    names it, it has a toll, place, date or actor; a background mention scores low."""

    score: float = Field(ge=0.0, le=1.0)
    salient: bool = True  # salient enough to be exported, fused and checked by default
    reasons: list[str] = Field(default_factory=list)


class Event(Record):
    id: str
    type: str
    status: Status = "occurred"
    main: bool = False  # the report's headline act: one per report that has events
    salience: Salience | None = None
    plover: Plover | None = None
    cameo: str | None = None
    acled: Acled | None = None
    actors: list[ActorRef] = Field(default_factory=list)
    targets: list[ActorRef] = Field(default_factory=list)
    location: Location | None = None
    when: When
    fatalities: Casualties | None = None
    injured: Casualties | None = None
    claims: list[Claim] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)

    def reported(self, all_events: bool = False) -> bool:
        """Whether exports and truce checks count this event by default: never a background
        mention; the report's main event and its salient ones, or every other event too when
        `all_events` is asked for. Events stored before salience existed count."""
        if self.status == "background":
            return False
        return all_events or self.main or self.salience is None or self.salience.salient

    def coding_columns(self) -> dict:
        """Type, status, codes and time as flat columns: one definition for the store's event
        rows and the spreadsheet exports, so the two never name or fill a column differently."""
        return {
            "type": self.type,
            "status": self.status,
            "plover_event": self.plover.event if self.plover else None,
            "plover_mode": self.plover.mode if self.plover else None,
            "cameo": self.cameo,
            "acled_event_type": self.acled.event_type if self.acled else None,
            "acled_sub_event_type": self.acled.sub_event_type if self.acled else None,
            "when_start": self.when.start,
            "when_end": self.when.end,
            "when_precision": self.when.precision,
            "when_text": self.when.text,
        }


class Extraction(Record):
    """What extraction returns for one document: the contract's top-level object."""

    document: Document
    events: list[Event] = Field(default_factory=list)

    def contract(self) -> dict:
        return {
            "document": self.document.contract(),
            "events": [event.model_dump(mode="json") for event in self.events],
        }
