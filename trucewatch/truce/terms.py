"""Truce terms as data: a YAML file validated with pydantic, with errors naming file, field and reason.

Names in `parties`, `excluded` and exemptions' `parties` must be known to the actor dictionary.
Each is stored in the form incidents key their parties by (trucewatch.incidents.actors.actor_key):
a state or its forces as its ISO3 code ("Syria", "Syrian army" -> SYR), any other actor as its
dictionary name ("ISIS" -> Islamic State), so the checker compares like with like.
"""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from trucewatch.daymath import outside_supported, supported_range
from trucewatch.datafiles import read_user_text
from trucewatch.errors import ConfigError
from trucewatch.terminal import visible
from trucewatch.incidents.actors import actor_key
from trucewatch.incidents.families import known_families, known_types

MAX_TRUCE_BYTES = 1_000_000  # a truce's terms are a few kB; a 60 MB file is a mistake, refused at once
SUGGESTIONS = 3
SUGGESTION_SCORE = 80  # rapidfuzz WRatio out of 100
SUGGESTION_SPREAD = 5  # only names nearly as close as the closest


@lru_cache(maxsize=1)
def provisions_data() -> dict:
    text = resources.files("trucewatch.truce").joinpath("data/provisions.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _dictionary():
    from trucewatch.actors import get_dictionary

    return get_dictionary()


def actor_name(text: str) -> str | None:
    """The dictionary form of a party or group name, or None when the dictionary does not know it.

    An ISO3 code of a known country stays as it is. Any other name must be covered word for word
    by the dictionary's aliases, one of them a named actor (not just "rebels" or "army").
    """
    from trucewatch.actors import resolve_actor
    from trucewatch.actors.text import ARTICLES

    text = text.strip()
    dictionary = _dictionary()
    if len(text) == 3 and text.isalpha() and text.isupper() and text in dictionary.country_names:
        return text
    tokens, hits = dictionary.index.scan(text)
    words = [t for t in tokens if t.key not in ARTICLES]
    covered = sum(hit.last - hit.first for hit in hits)
    named = any(c.entry.kind != "term" for hit in hits for c in hit.candidates)
    if not words or covered != len(words) or not named:
        return None
    ref = resolve_actor(text)
    if ref is None or not (ref.name or ref.country):
        return None
    return actor_key(ref.name, ref.country, ref.sector, None)


@lru_cache(maxsize=1)
def _suggestion_choices() -> dict[str, str]:
    """Every spelling of a named actor -> the name to suggest."""
    choices: dict[str, str] = {}
    for entry in _dictionary().entries.values():
        if entry.kind != "term" and entry.name:
            for spelling in (entry.name, *entry.aliases):
                choices.setdefault(spelling, entry.name)
    return choices


def close_actor_names(text: str) -> list[str]:
    """Up to three dictionary names spelt like `text` (ISO3 codes for a code-like text), best first."""
    from rapidfuzz import fuzz, process

    text = text.strip()
    if len(text) == 3 and text.isalpha() and text.isupper():
        choices = {code: code for code in _dictionary().country_names}
        scorer, cutoff = fuzz.ratio, 60
    else:
        choices, scorer, cutoff = _suggestion_choices(), fuzz.WRatio, SUGGESTION_SCORE
    hits = process.extract(text, list(choices), scorer=scorer, score_cutoff=cutoff, limit=SUGGESTIONS * 4)
    found: list[str] = []
    for spelling, score, _ in hits:
        if score >= hits[0][1] - SUGGESTION_SPREAD and choices[spelling] not in found:
            found.append(choices[spelling])
    return found[:SUGGESTIONS]


def _known_actors(names: list[str]) -> list[str]:
    """The names in dictionary form; ValueError naming each unknown one, with close suggestions."""
    resolved, problems = [], []
    for name in names:
        canonical = actor_name(name)
        if canonical is not None:
            if canonical not in resolved:
                resolved.append(canonical)
            continue
        close = close_actor_names(name)
        hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
        problems.append(f"'{name}' is not in the actor dictionary{hint}")
    if problems:
        raise ValueError("; ".join(problems) + ". Use an ISO3 code (like SYR) for a state and its forces, "
                         "or add the actor to a YAML file named by $TRUCEWATCH_ACTORS")
    return resolved


def known_actors(names: list[str]) -> list[str]:
    """Party names in dictionary form, or ValueError naming each unknown one (with suggestions)."""
    return _known_actors(names)


def known_acts(value: list[str]) -> list[str]:
    """Prohibited entries (act types, families, special provisions), or ValueError naming unknown ones."""
    return _known_act_names(value)


def known_obligations(value: list[str]) -> list[str]:
    """Obligation names from provisions.yaml, or ValueError naming unknown ones."""
    known = set(provisions_data()["obligations"])
    unknown = [v for v in value if v not in known]
    if unknown:
        raise ValueError(f"unknown obligation {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return value


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

    @field_validator("parties")
    @classmethod
    def _known_parties(cls, value: list[str]) -> list[str]:
        return _known_actors(value)


class Capability(_Strict):
    """Who alone has the means for some acts in this conflict ("only the government flies
    aircraft"). The ONLY way a finding may name a likely perpetrator nobody reported: when no
    report identifies who did an act listed here, the parties in `only` are named as its likely
    perpetrators, and the finding's trace quotes `basis`. Never inferred by the checker itself."""

    acts: list[str] = Field(min_length=1)
    only: list[str] = Field(min_length=1)
    basis: str = Field(min_length=10)

    @field_validator("acts")
    @classmethod
    def _known_acts(cls, value: list[str]) -> list[str]:
        return _known_act_names(value)

    @field_validator("only")
    @classmethod
    def _known_parties(cls, value: list[str]) -> list[str]:
        return _known_actors(value)


def _known_act_names(value: list[str]) -> list[str]:
    """Act types, fusion families, ontology families or special prohibitions; ValueError otherwise."""
    special = set(provisions_data()["special_prohibitions"])
    known = known_types() | known_families() | special
    unknown = [v for v in value if v not in known]
    if unknown:
        raise ValueError(f"unknown act type or family {', '.join(unknown)}; known ones include "
                         f"{', '.join(sorted(known_families() | special))}")
    return value


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
    capabilities: list[Capability] = Field(default_factory=list)
    source_file: str | None = None  # set by load_truce; relative geojson paths start from here

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"'{value}' is not an IANA time zone name (like Asia/Damascus)") from None
        return value

    @field_validator("parties", "excluded")
    @classmethod
    def _known_names(cls, value: list[str]) -> list[str]:
        return _known_actors(value)

    @field_validator("start", "end")
    @classmethod
    def _naive_local(cls, value: datetime) -> datetime:
        if outside_supported(value):
            raise ValueError(f"{value.isoformat()} is outside the dates TruceWatch supports ({supported_range()})")
        return value.replace(tzinfo=None)  # times are local to `timezone`

    @field_validator("prohibited")
    @classmethod
    def _known_acts(cls, value: list[str]) -> list[str]:
        return _known_act_names(value)

    @field_validator("obligations")
    @classmethod
    def _known_obligations(cls, value: list[str]) -> list[str]:
        return known_obligations(value)

    @model_validator(mode="after")
    def _ordered(self):
        if self.end <= self.start:
            raise ValueError(f"end ({self.end.isoformat()}) must come after start ({self.start.isoformat()})")
        return self

    @model_validator(mode="after")
    def _sides_consistent(self):
        both = [name for name in self.parties if name in self.excluded]
        if both:
            raise ValueError(f"{', '.join(both)} cannot be both a party and excluded")
        for n, exemption in enumerate(self.exemptions):
            strangers = [name for name in exemption.parties if name not in self.parties]
            if strangers:
                raise ValueError(f"exemptions.{n}.parties: {', '.join(strangers)} is not one of the "
                                 f"truce's parties ({', '.join(self.parties)})")
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def explain_errors(errors: list[dict]) -> str:
    """Pydantic errors as "field 'a.b': reason; ..." (shared by every YAML file validated like terms)."""
    return _explain(errors)


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
        _refuse_surrogates(data, source, ())
        terms = TruceTerms.model_validate({**data, "source_file": source})
    except RecursionError:
        raise ConfigError(f"{source}: nested too deeply to be truce terms") from None
    except ValidationError as exc:
        raise ConfigError(f"{source}: {_explain(exc.errors())}") from None
    return terms


def _refuse_surrogates(value: object, source: str, where: tuple, seen: set | None = None) -> None:
    """YAML's "\\ud800" escape gives an unpaired surrogate, which is no character and breaks every
    lookup; refuse it naming the field (found by fuzzing the loader). YAML anchors can make the
    data cyclic (`a: &a [*a]`): each list or mapping is visited once."""
    seen = set() if seen is None else seen
    if isinstance(value, (dict, list)):
        if id(value) in seen:
            return
        seen.add(id(value))
    if isinstance(value, str):
        if any("\ud800" <= character <= "\udfff" for character in value):
            field = ".".join(map(str, where)) or "(top level)"
            raise ConfigError(f"{source}: field '{field}' holds an unpaired surrogate (a \\ud800-\\udfff "
                              "escape alone), which is not a character")
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_surrogates(key, source, where, seen)
            _refuse_surrogates(item, source, (*where, key), seen)
    elif isinstance(value, list):
        for number, item in enumerate(value):
            _refuse_surrogates(item, source, (*where, number), seen)


def load_truce(path: str | Path) -> TruceTerms:
    """Read and validate a truce YAML file (at most MAX_TRUCE_BYTES: real terms are a few kB)."""
    path = Path(path)
    text = read_user_text(path, limit=MAX_TRUCE_BYTES, what="truce file")
    return parse_truce_text(text, str(path))


def parse_truce_text(text: str, source: str = "<truce>") -> TruceTerms:
    """Validate truce terms written as YAML (a file's content, or text typed into a form)."""
    if len(text) > MAX_TRUCE_BYTES:
        raise ConfigError(f"{source}: the truce terms are over the size limit of {MAX_TRUCE_BYTES:,} characters")
    if not text.strip():
        raise ConfigError(f"{source}: the truce terms are empty")
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError) as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 1}" if where else ""
        problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or "nested too deeply"
        raise ConfigError(f"{source}: is not valid YAML{line} ({visible(str(problem))})") from None
    return parse_truce(data, source)
