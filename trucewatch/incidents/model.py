"""The incident record: one real-world act, with every report (mention) that tells of it."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from trucewatch.records import Document, Event, Location


@dataclass
class Mention:
    """One event as one document told it; it stays attached to its incident whatever happens."""

    document: Document
    event: Event

    @property
    def event_id(self) -> str:
        return self.event.id

    @property
    def outlet(self) -> str:
        """The outlet's name; without one, the report's file name (not its whole path) or id."""
        if self.document.source:
            return self.document.source
        ref = self.document.ref or self.document.path
        if ref and "://" in ref:
            return ref  # a URL names where it came from better than its last segment
        if ref:
            return ref.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or ref
        return self.document.id[:12]

    def sort_key(self) -> tuple:
        """Earliest mention first: by publication date, then ids, so ids are stable across runs."""
        published = self.document.published or date.max
        return (published, self.document.id, self.event.id)

    def contract(self) -> dict:
        return {"document": self.document.contract(), "event": self.event.model_dump(mode="json")}


def incident_id_for(mention: Mention) -> str:
    """Stable incident id derived from the earliest member mention's event id."""
    return "inc-" + hashlib.sha1(mention.event.id.encode("utf-8")).hexdigest()[:16]


@dataclass
class SourceReport:
    """Which document and outlet said something (a casualty figure, an attribution)."""

    document: str
    outlet: str
    cluster: int  # independent-source cluster: copies of one story share a cluster

    def as_dict(self) -> dict:
        return {"document": self.document, "outlet": self.outlet, "cluster": self.cluster}


@dataclass
class CasualtyFigure:
    low: int | None
    best: int | None
    high: int | None
    text: str | None
    source: SourceReport

    def as_dict(self) -> dict:
        return {"low": self.low, "best": self.best, "high": self.high, "text": self.text,
                **self.source.as_dict()}


@dataclass
class CasualtyRange:
    """Low/best/high across sources, each figure kept with the source that gave it."""

    low: int | None = None
    best: int | None = None
    high: int | None = None
    figures: list[CasualtyFigure] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"low": self.low, "best": self.best, "high": self.high,
                "figures": [f.as_dict() for f in self.figures]}


@dataclass
class PartyGrade:
    """An actor's attribution grade for one incident, with the reasons."""

    party: str  # actor key: dictionary name, else ISO3 country, else text
    name: str | None
    country: str | None
    sector: str | None
    grade: str  # Confirmed | Fair | Weak | Contested | Discounted
    independent_sources: int
    sources: list[SourceReport] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    label: str = ""  # how readers see it: "Syria (SYR)", "Free Syrian Army"

    def as_dict(self) -> dict:
        return {"party": self.party, "label": self.label or self.party, "name": self.name, "country": self.country, "sector": self.sector,
                "grade": self.grade, "independent_sources": self.independent_sources,
                "sources": [s.as_dict() for s in self.sources], "reasons": self.reasons}


@dataclass
class Incident:
    """A fused incident. `start`/`end` bound when it happened; the location is its finest report's."""

    id: str
    family: str
    type: str
    status: str
    start: date | None
    end: date | None
    time_precision: str
    location: Location | None
    mentions: list[Mention] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    independent_sources: int = 0
    source_clusters: dict[str, int] = field(default_factory=dict)  # document id -> cluster
    parties: list[PartyGrade] = field(default_factory=list)
    unidentified_actors: list[str] = field(default_factory=list)  # initiators no dictionary resolved
    act_disputed: bool = False
    act_dispute_reasons: list[str] = field(default_factory=list)
    fatalities: CasualtyRange = field(default_factory=CasualtyRange)
    injured: CasualtyRange = field(default_factory=CasualtyRange)
    manual: bool = False  # shaped by a manual merge or split

    @property
    def documents(self) -> list[Document]:
        seen: dict[str, Document] = {}
        for m in self.mentions:
            seen.setdefault(m.document.id, m.document)
        return list(seen.values())

    @property
    def outlets(self) -> list[str]:
        return sorted({m.outlet for m in self.mentions})

    @property
    def event_ids(self) -> list[str]:
        return [m.event.id for m in self.mentions]

    @property
    def place_name(self) -> str | None:
        """The place as readers see it: the gazetteer's name, else the report's words (None: unplaced)."""
        return (self.location.name or self.location.text) if self.location else None

    def as_dict(self, *, with_mentions: bool = True) -> dict:
        loc = self.location.model_dump(mode="json") if self.location else None
        data = {
            "id": self.id, "family": self.family, "type": self.type, "types": self.types,
            "status": self.status,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "time_precision": self.time_precision, "location": loc,
            "independent_sources": self.independent_sources,
            "documents": len(self.documents), "outlets": self.outlets,
            "parties": [p.as_dict() for p in self.parties],
            "unidentified_actors": self.unidentified_actors,
            "act_disputed": self.act_disputed, "act_dispute_reasons": self.act_dispute_reasons,
            "fatalities": self.fatalities.as_dict(), "injured": self.injured.as_dict(),
            "manual": self.manual,
        }
        if with_mentions:
            data["mentions"] = [m.contract() for m in self.mentions]
        else:
            data["event_ids"] = self.event_ids
        return data
