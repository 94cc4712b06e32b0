"""The shapes of API responses and request bodies: FastAPI turns them into the OpenAPI schema.

List items have every field optional because `fields=` may leave any out (the id stays).
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from trucewatch.records import Acled, ActorRef, Casualties, Claim, Location, Plover, Span, When


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Figures(Open):
    low: int | None = None
    best: int | None = None
    high: int | None = None


class PartyGradeOut(Open):
    party: str | None = None
    label: str | None = None
    grade: str | None = None


class IncidentItem(Open):
    id: str
    type: str | None = None
    family: str | None = None
    status: str | None = None
    start: date | None = None
    end: date | None = None
    time_precision: str | None = None
    place: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    place_precision: str | None = None
    independent_sources: int | None = None
    documents: int | None = None
    act_disputed: bool | None = None
    outlets: list[str] | None = None
    parties: list[PartyGradeOut] | None = None
    fatalities: Figures | None = None
    injured: Figures | None = None
    verdict: str | None = None
    truce: str | None = None
    review_status: str | None = None
    version: int | None = None
    updated_at: datetime | None = None


class PageOut(Open):
    next: str | None = Field(None, description="URL of the next page; null on the last page.")
    total: int = Field(description="How many records match the filters, on all pages.")
    truce: str | None = None


class IncidentPage(PageOut):
    items: list[IncidentItem]


class DocumentRef(Open):
    id: str | None = None
    ref: str | None = None
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None


class EventItem(Open):
    id: str
    type: str | None = None
    status: str | None = None
    plover: Plover | None = None
    cameo: str | None = None
    acled: Acled | None = None
    actors: list[ActorRef] | None = None
    targets: list[ActorRef] | None = None
    location: Location | None = None
    when: When | None = None
    fatalities: Casualties | None = None
    injured: Casualties | None = None
    claims: list[Claim] | None = None
    evidence: list[Span] | None = None
    document: DocumentRef | None = None
    incident: str | None = None
    verdict: str | None = None
    truce: str | None = None
    review_status: str | None = None
    assignee: str | None = None
    corrections: dict[str, Any] | None = Field(None, description="Corrected fields: {field: {machine, corrected}}.")
    version: int | None = None
    updated_at: datetime | None = None


class EventPage(PageOut):
    items: list[EventItem]


class DocumentItem(Open):
    id: str
    ref: str | None = None
    title: str | None = None
    published: date | None = None
    published_given: bool | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    ingested_at: datetime | None = None


class DocumentPage(PageOut):
    items: list[DocumentItem]


class DocumentOut(DocumentItem):
    text: str
    events: list[dict[str, Any]]


class FindingItem(Open):
    incident: str
    truce: str | None = None
    verdict: str | None = None
    start: date | None = None
    end: date | None = None
    type: str | None = None
    place: str | None = None
    provisions: list[str] | None = None
    parties: list[dict[str, Any]] | None = None
    trace: list[str] | None = None
    distance_km: float | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    checked_at: datetime | None = None
    review_status: str | None = None
    version: int | None = None
    updated_at: datetime | None = None


class FindingPage(PageOut):
    items: list[FindingItem]


class HistoryEntry(Open):
    id: int
    at: datetime
    user: str
    via: str
    action: str
    kind: str
    key: str
    version: int | None = None
    before: Any = None
    after: Any = None
    reason: str | None = None


class IncidentOut(Open):
    id: str
    review_status: str
    version: int
    mentions: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    history: list[HistoryEntry]


class TruceOut(Open):
    id: str
    name: str
    version: int
    terms: dict[str, Any]
    yaml: str
    source: str | None = None
    created_at: datetime
    updated_at: datetime
    last_checked_at: datetime | None = None
    checked_version: int | None = None
    findings_current: bool


class TruceIn(BaseModel):
    """New terms: YAML text (as in a truce file) or the same fields as an object."""

    model_config = ConfigDict(extra="forbid")
    yaml: str | None = Field(None, max_length=100_000, description="The terms as YAML, as in a truce file.")
    terms: dict[str, Any] | None = Field(None, description="The terms as an object (same fields as the YAML).")
    reason: str | None = Field(None, max_length=2000, description="Why: kept in the audit log.")


class TruceEdit(TruceIn):
    version: int = Field(ge=1, description="The version you edited (409 if someone changed it since).")


class CheckOut(Open):
    truce: str
    incidents: int
    verdicts: dict[str, int]


class PlaceOut(Open):
    id: str | None = Field(None, description="The gazetteer's id: give it as location.place_id to correct an event's place.")
    name: str
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str | None = None
    population: int | None = None
    geonameid: int | None = None


class UserOut(Open):
    id: int
    name: str
    role: str
    disabled: bool
    created_at: datetime
    version: int


class UserIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=64)
    role: str
    password: str = Field(min_length=1, max_length=1024)
    reason: str | None = Field(None, max_length=2000)


class UserEdit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int = Field(ge=1)
    role: str | None = None
    disabled: bool | None = None
    password: str | None = Field(None, min_length=1, max_length=1024)
    reason: str | None = Field(None, max_length=2000)


class TokenOut(Open):
    id: int
    user: str
    name: str
    prefix: str
    scope: str
    created_at: datetime
    expires_at: datetime | None = None
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None


class TokenIssued(TokenOut):
    token: str = Field(description="The secret: shown this once only. Send it as 'Authorization: Bearer <token>'.")


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=120)
    scope: str = Field("read", description="read or write")
    expires_days: int | None = Field(None, ge=1, le=3660)


class SearchOut(Open):
    id: int
    name: str
    query: str
    created_at: datetime


class SearchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=120)
    query: str = Field("", max_length=2000, description="The dashboard's URL query string.")


class MeOut(Open):
    name: str
    role: str
    permissions: list[str]
    via: str


class Tombstone(Open):
    kind: str
    id: str
    deleted_at: datetime
    replaced_by: str | None = None


class DeletedPage(Open):
    items: list[Tombstone]
    next: str | None = None


class MapOut(Open):
    type: str
    features: list[dict[str, Any]]
    zoom: int
    in_view: int
    total: int
    unplaced: int
    extent: list[float] | None = None
    truce: str | None = None


class TimelineOut(Open):
    days: list[dict[str, Any]]
    imprecise: dict[str, int]
    undated: dict[str, int]
    total: int
    truce: str | None = None


class CommitmentItem(Open):
    """One commitment as a flat row (the CSV export's columns, `id` for commitment_id)."""

    id: str
    kind: str | None = None
    promise: str | None = None
    party: str | None = None
    party_label: str | None = None
    acts: str | None = None
    place: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    place_precision: str | None = None
    starts: str | None = Field(None, description="Local time to the minute, as written in the CSV (2016-03-05T00:00).")
    starts_precision: str | None = None
    starts_text: str | None = None
    ends: str | None = Field(None, description="Local time to the minute; null when no end was given.")
    ends_text: str | None = None
    conditional: bool | None = None
    condition: str | None = None
    firmness: str | None = None
    firmness_rank: int | None = None
    independent_sources: int | None = None
    reports: int | None = None
    outlets: str | None = None
    origin: str | None = None
    verdict: str | None = None
    reason: str | None = None
    as_of: date | None = None
    before_days: int | None = None
    before_incidents: int | None = None
    before_per_day: float | None = None
    before_reports: int | None = None
    after_days: int | None = None
    after_incidents: int | None = None
    after_per_day: float | None = None
    after_reports: int | None = None
    breach_incidents: list[str] | None = None


class CommitmentPage(PageOut):
    items: list[CommitmentItem]


class IncidentLink(Open):
    id: str
    role: str = Field(description="statement, breaks, fulfils, after or before: why the commitment names it.")
    verdict: str | None = None
    href: str = Field(description="The incident in the API.")
    page: str = Field(description="The incident's page.")


class CommitmentOut(Open):
    id: str
    kind: str
    label: str
    promise: str
    party: dict[str, Any]
    acts: list[str]
    place: dict[str, Any] | None = None
    starts: dict[str, Any]
    ends: dict[str, Any] | None = None
    conditional: bool
    condition: str | None = None
    firmness: dict[str, Any]
    reports: list[dict[str, Any]] = Field(description="Who reports it: claimant, quote and its offsets in the document.")
    origin: str
    assessment: dict[str, Any] | None = Field(None, description="The verdict's reason and trace, the breaching "
                                              "findings, and the before/after windows with the reports read.")
    verdict: str
    incidents: list[IncidentLink]
