"""The shape of one actor-dictionary entry, validated so a bad data file fails with a reason.

SCHEMA.md in data/ documents the same fields for users who write their own files.
"""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

# PLOVER sector codes plus AID (humanitarian actors), as in the record contract.
SECTORS = frozenset(
    "GOV MIL REB OPP CVL IGO NGO MED JRN REF UAF UNK AID COP LEG JUD BUS EDU REL ELI PTY LAB SPY CRM"
    .split()
)

Kind = Literal["country", "military", "group", "organisation", "person", "people", "term"]


def _check_sector(value: str | None) -> str | None:
    if value is not None and value not in SECTORS:
        raise ValueError(f"unknown sector {value!r}; use one of {', '.join(sorted(SECTORS))}")
    return value


def _check_iso3(value: str | None) -> str | None:
    if value is not None and not (len(value) == 3 and value.isalpha() and value.isupper()):
        raise ValueError(f"country {value!r} is not an ISO 3166-1 alpha-3 code such as SYR")
    return value


# Field types that carry their own check, so Role and Entry share it instead of each repeating it.
Sector = Annotated[str, AfterValidator(_check_sector)]
ISO3 = Annotated[str, AfterValidator(_check_iso3)]


class Role(BaseModel):
    """A dated role: while it lasts, the entry acts as `country` + `sector`."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    country: ISO3 | None = None
    sector: Sector
    org: str | None = None  # id of the organisation the role is in ("un"), for its CAMEO code
    start: date
    end: date | None = None  # None: still held
    uncertain: bool = False  # dates or role not certain; kept, but flagged

    @model_validator(mode="after")
    def _ordered(self) -> "Role":
        if self.end is not None and self.end < self.start:
            raise ValueError(f"role {self.title or ''!r} ends ({self.end}) before it starts ({self.start})")
        return self

    def holds_on(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


class Entry(BaseModel):
    """One actor, or one generic term ("warplanes", "a field hospital") with its sector."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    kind: Kind
    name: str | None = None
    country: ISO3 | None = None
    sector: Sector | None = None
    aliases: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list)
    metonyms: dict[str, str] = Field(default_factory=dict)
    capital: str | None = None  # countries: the capital, read as the government ("Damascus")
    operates_in: list[str] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    protected: bool = False
    implies_state: bool = False
    cameo: str | None = None
    uncertain: bool = False
    note: str | None = None

    @field_validator("operates_in")
    @classmethod
    def _iso_list(cls, values: list[str]) -> list[str]:
        for value in values:
            _check_iso3(value)
        return values

    @field_validator("metonyms")
    @classmethod
    def _metonym_sectors(cls, values: dict[str, str]) -> dict[str, str]:
        for sector in values.values():
            _check_sector(sector)
        return values

    @field_validator("cameo")
    @classmethod
    def _cameo_form(cls, value: str | None) -> str | None:
        if value is not None and (len(value) % 3 or not value.replace("-", "").isalpha()):
            raise ValueError(f"cameo code {value!r} must be 3-letter blocks such as IGOUNO")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> "Entry":
        if not (self.aliases or self.demonyms or self.metonyms or self.capital):
            raise ValueError("has no aliases, demonyms or metonyms, so nothing could ever match it")
        if self.kind != "term" and not self.name:
            raise ValueError(f"a {self.kind} needs a name")
        if self.kind == "term" and self.sector is None:
            raise ValueError("a term needs a sector")
        if self.capital and self.kind != "country":
            raise ValueError("only a country has a capital")
        if self.kind == "country" and self.country != self.id:
            raise ValueError("a country's id and country must be the same ISO3 code")
        return self

    def countries_named(self) -> set[str]:
        """Every ISO3 code the entry refers to, for cross-checking against the country list."""
        codes = {self.country, *self.operates_in, *(role.country for role in self.roles)}
        return {code for code in codes if code}
