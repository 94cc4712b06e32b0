"""Hand-written commitments (YAML), for pledges made where no reporter was: closed meetings, letters.

Same fields as extracted commitments, with short forms for what a person types (a party's name, a
place's name, a date). Validated like truce terms — parties against the actor dictionary with
suggestions, acts and obligations against the known ones, places through the gazetteer — and
every error names the file, the field (`commitments.0.party`) and the reason. See
trucewatch/commitments/examples/example_commitments.yaml.
"""
from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from trucewatch.datafiles import read_yaml
from trucewatch.errors import ConfigError
from trucewatch.incidents.actors import country_names, party_label
from trucewatch.records import Claimant, Location, PlacePrecision
from trucewatch.truce.area import build_area
from trucewatch.truce.terms import (AreaSpec, PlaceSpec, TruceTerms, explain_errors, known_acts, known_actors,
                                    known_obligations)

from .firmness import firmness_of, grade_rank, reporter_kind
from .kinds import kind_named, kinds
from .record import Commitment, Firmness, Grade, Moment, Party, Report, commitment_id

END_OF_DAY = time(23, 59)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlaceIn(_Strict):
    """A gazetteer name, or a name with coordinates (then the gazetteer is not asked)."""

    name: str
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    country: str | None = None  # ISO3
    admin1: str | None = None
    precision: PlacePrecision = "city"


class MomentIn(_Strict):
    at: date | datetime
    text: str | None = None


class ReportIn(_Strict):
    """Who says the pledge was made, in their words."""

    claimant: str
    quote: str
    outlet: str | None = None
    published: date | None = None


class HandWritten(_Strict):
    id: str | None = None
    kind: str
    party: str
    acts: list[str] | None = None  # default: what the kind stops
    obligations: list[str] | None = None
    performs: list[str] | None = None
    place: PlaceIn | None = None
    starts: MomentIn
    ends: MomentIn | None = None
    condition: str | None = None
    conditional: bool = False
    firmness: Grade = "reported"
    reports: list[ReportIn] = Field(default_factory=list)
    note: str | None = None

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if kind_named(value) is None:
            raise ValueError(f"unknown kind '{value}'; known: {', '.join(k.name for k in kinds())}")
        return value

    @field_validator("party")
    @classmethod
    def _known_party(cls, value: str) -> str:
        known_actors([value])  # raises, naming it, when the dictionary does not know it
        return value

    @field_validator("acts")
    @classmethod
    def _known_acts(cls, value):
        return None if value is None else known_acts(value)

    @field_validator("obligations")
    @classmethod
    def _known_obligations(cls, value):
        return None if value is None else known_obligations(value)

    @field_validator("performs")
    @classmethod
    def _known_performs(cls, value):
        return None if value is None else known_acts(value)

    @field_validator("place", "starts", "ends", mode="before")
    @classmethod
    def _short_forms(cls, value, info):
        """'Hama' for a place, a bare date or date-time for a moment."""
        if isinstance(value, str) and info.field_name == "place":
            return {"name": value}
        if isinstance(value, (date, datetime, str)) and info.field_name != "place":
            return {"at": value}
        return value

    @model_validator(mode="after")
    def _consistent(self):
        if self.place is not None and (self.place.lat is None) != (self.place.lon is None):
            raise ValueError("place: give both lat and lon, or neither (then the gazetteer resolves the name)")
        if self.ends is not None and _at(self.ends, end=True) <= _at(self.starts):
            raise ValueError(f"ends ({self.ends.at}) must come after starts ({self.starts.at})")
        return self


class CommitmentFile(_Strict):
    commitments: list[HandWritten] = Field(min_length=1)


def _at(moment: MomentIn, *, end: bool = False) -> datetime:
    if isinstance(moment.at, datetime):
        return moment.at.replace(tzinfo=None)
    return datetime.combine(moment.at, END_OF_DAY if end else time.min)


def _moment(moment: MomentIn, source: str, *, end: bool = False) -> Moment:
    at = _at(moment, end=end)
    return Moment(at=at, earliest=at.date(), latest=at.date(), precision="day", text=moment.text,
                  how=f"given in {Path(source).name}")


def _location(place: PlaceIn | None, source: str, field: str) -> Location | None:
    if place is None:
        return None
    if place.lat is not None or place.precision in ("country", "region"):
        return Location(text=place.name, name=place.name, lat=place.lat, lon=place.lon, country=place.country,
                        admin1=place.admin1, precision=place.precision)
    try:
        area = build_area(TruceTerms.model_construct(area=AreaSpec(places=[PlaceSpec(name=place.name)]),
                                                     source_file=source))
    except ConfigError as exc:  # the gazetteer's reason, with the field it concerns
        raise ConfigError(f"{source}: field '{field}': {str(exc).removeprefix(source + ': ')}") from None
    found = area.places[0]  # the gazetteer's reading, as truce areas resolve their places
    return Location(text=place.name, name=place.name, lat=found.lat, lon=found.lon,
                    country=place.country or found.country, admin1=place.admin1 or found.admin1,
                    precision=place.precision, note=found.how)


def _party(key: str, written: str) -> Party:
    """The party in dictionary form: a state under its ISO3 code, any other actor by its name."""
    ref = _claimant(written)
    state = country_names().get(key)
    return Party(key=key, label=party_label(key), text=written, name=state or ref.name,
                 country=key if state else ref.country, sector=None if state else ref.sector)


def to_commitment(entry: HandWritten, source: str, n: int) -> Commitment:
    """One validated entry as a Commitment (the schema extracted ones use)."""
    kind = kind_named(entry.kind)
    party = _party(known_actors([entry.party])[0], entry.party)
    stops = entry.acts if entry.acts is not None else list(kind.stops)
    reports = []
    for r in entry.reports:
        claimant = _claimant(r.claimant)
        reports.append(Report(document=source, outlet=r.outlet or Path(source).name, published=r.published,
                              claimant=claimant, stance="asserts", quote=r.quote, start=0, end=len(r.quote),
                              reporter=reporter_kind(claimant, party)))
    firmness = Firmness(grade=entry.firmness, rank=grade_rank(entry.firmness), independent_sources=len(reports),
                        reasons=[f"given in {Path(source).name}"])
    if entry.firmness == "reported" and reports:  # who the sources are may say more than the default
        firmness = firmness_of(None, [r.reporter for r in reports], len(reports), firmness.reasons)
    starts = _moment(entry.starts, source)
    return Commitment(
        id=entry.id or commitment_id(Path(source).name, n, entry.party, entry.kind, starts.at.isoformat()),
        kind=kind.name, label=kind.label, promise=kind.promise, party=party,
        acts=stops if kind.promise == "stops" else list(entry.performs or kind.performs),
        breached_by=stops, obligations=entry.obligations if entry.obligations is not None else list(kind.obligations),
        performs=entry.performs if entry.performs is not None else list(kind.performs),
        place=_location(entry.place, source, f"commitments.{n}.place"), starts=starts,
        ends=_moment(entry.ends, source, end=True) if entry.ends else None,
        conditional=entry.conditional or entry.condition is not None, condition=entry.condition,
        firmness=firmness, reports=reports, origin="hand-written", source=source, note=entry.note)


def _claimant(text: str) -> Claimant:
    """A written claimant resolved through the actor dictionary, so its side can be told."""
    from trucewatch.actors import resolve_actor

    ref = resolve_actor(text)
    if ref is None:
        return Claimant(text=text)
    return Claimant(text=text, name=ref.name, country=ref.country, sector=ref.sector)


def parse_commitments(data, source: str = "<commitments>") -> list[Commitment]:
    """Validate a mapping `{commitments: [...]}`; ConfigError naming the source, field and reason."""
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: a commitments file is a mapping with a list under `commitments:`")
    try:
        parsed = CommitmentFile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{source}: {explain_errors(exc.errors())}") from None
    return [to_commitment(entry, source, n) for n, entry in enumerate(parsed.commitments)]


def load_commitments(path: str | Path) -> list[Commitment]:
    """Read and validate a YAML file of hand-written commitments."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: no such commitments file")
    return parse_commitments(read_yaml(path, "commitments"), str(path))
