"""Truce terms as data: a YAML file validated with pydantic, with errors naming file, field and reason."""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from trucewatch.errors import ConfigError
from trucewatch.incidents.families import known_families, known_types


@lru_cache(maxsize=1)
def provisions_data() -> dict:
    text = resources.files("trucewatch.truce").joinpath("data/provisions.yaml").read_text("utf-8")
    return yaml.safe_load(text)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlaceSpec(_Strict):
    """A place of the area: a gazetteer name, or a name with coordinates given in the file."""

    name: str
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    country: str | None = None
    admin1: str | None = None

    @model_validator(mode="after")
    def _both_or_neither(self):
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both lat and lon, or neither (then the gazetteer resolves the name)")
        return self


class AreaSpec(_Strict):
    places: list[PlaceSpec] = Field(default_factory=list)
    buffer_km: float = Field(default=5.0, ge=0, le=2000)
    geojson: str | None = None
    countries: list[str] = Field(default_factory=list)

    @field_validator("places", mode="before")
    @classmethod
    def _names_to_specs(cls, value):
        if isinstance(value, list):
            return [{"name": v} if isinstance(v, str) else v for v in value]
        return value

    @model_validator(mode="after")
    def _something(self):
        if not self.places and not self.geojson:
            raise ValueError("an area needs `places` or a `geojson` polygon file")
        return self


class Exemption(_Strict):
    """Acts the truce allows, optionally only for some parties (e.g. evacuation flights)."""

    acts: list[str] = Field(default_factory=list)
    parties: list[str] = Field(default_factory=list)
    reason: str


class TruceTerms(_Strict):
    name: str = Field(min_length=1)
    description: str | None = None
    parties: list[str] = Field(min_length=1)
    excluded: list[str] = Field(default_factory=list)
    area: AreaSpec
    start: datetime
    end: datetime
    timezone: str = "UTC"
    prohibited: list[str] = Field(min_length=1)
    obligations: list[str] = Field(default_factory=list)
    exemptions: list[Exemption] = Field(default_factory=list)
    source_file: str | None = None  # set by load_truce; relative geojson paths start from here

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"'{value}' is not an IANA time zone name (like Asia/Damascus)") from None
        return value

    @field_validator("start", "end")
    @classmethod
    def _naive_local(cls, value: datetime) -> datetime:
        return value.replace(tzinfo=None)  # times are local to `timezone`

    @field_validator("prohibited")
    @classmethod
    def _known_acts(cls, value: list[str]) -> list[str]:
        special = set(provisions_data()["special_prohibitions"])
        known = known_types() | known_families() | special
        unknown = [v for v in value if v not in known]
        if unknown:
            raise ValueError(f"unknown act type or family {', '.join(unknown)}; known ones include "
                             f"{', '.join(sorted(known_families() | special))}")
        return value

    @field_validator("obligations")
    @classmethod
    def _known_obligations(cls, value: list[str]) -> list[str]:
        known = set(provisions_data()["obligations"])
        unknown = [v for v in value if v not in known]
        if unknown:
            raise ValueError(f"unknown obligation {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return value

    @model_validator(mode="after")
    def _ordered(self):
        if self.end <= self.start:
            raise ValueError(f"end ({self.end.isoformat()}) must come after start ({self.start.isoformat()})")
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def _explain(errors: list[dict]) -> str:
    parts = []
    for err in errors:
        field = ".".join(str(p) for p in err["loc"]) or "(top level)"
        msg = err["msg"].removeprefix("Value error, ")
        parts.append(f"field '{field}': {msg}")
    return "; ".join(parts)


def parse_truce(data: dict, source: str = "<truce>") -> TruceTerms:
    """Validate a mapping as truce terms; ConfigError naming the source, field and reason."""
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: truce terms must be a mapping of fields (name, parties, area, ...)")
    try:
        terms = TruceTerms.model_validate({**data, "source_file": source})
    except ValidationError as exc:
        raise ConfigError(f"{source}: {_explain(exc.errors())}") from None
    return terms


def load_truce(path: str | Path) -> TruceTerms:
    """Read and validate a truce YAML file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such truce file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 1}" if where else ""
        raise ConfigError(f"{path}: is not valid YAML{line}") from None
    return parse_truce(data, str(path))
