"""The filters every list, map and timeline shares, parsed from text (URL query parameters) into
checked values, with a sentence naming the filter and the reason when a value is unusable.

    filters = parse_filters({"date_after": "2016-03-05", "verdict": "violation,probable violation",
                             "bbox": "35.5,34.8,37.2,35.6"})

Dates are inclusive at both ends: an incident is kept when its span overlaps [date_after,
date_before]. `bbox` is west,south,east,north (GeoJSON order; west > east crosses the
antimeridian); `near` is lat,lon with `within_km` (default 25 km).
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timezone

from trucewatch.errors import TruceWatchError

MAX_TEXT = 500
DEFAULT_WITHIN_KM = 25.0
MAX_WITHIN_KM = 2000.0
_ISO3 = re.compile(r"^[A-Za-z]{3}$")


class FilterError(TruceWatchError):
    """A filter value that cannot be used; names the filter and says why."""

    def __init__(self, name: str, reason: str):
        self.name = name
        super().__init__(f"The filter '{name}' {reason}.")


@dataclass(frozen=True)
class Filters:
    date_after: date | None = None
    date_before: date | None = None
    country: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    grade: tuple[str, ...] = ()
    verdict: tuple[str, ...] = ()
    review_status: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    near: tuple[float, float] | None = None  # lat, lon
    within_km: float | None = None
    q: str | None = None
    updated_since: datetime | None = None
    truce: str | None = None  # whose verdicts: a truce id or name (default: the last checked)
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, ()) for f in fields(self) if f.name not in ("extra", "truce"))

    def query_pairs(self) -> list[tuple[str, str]]:
        """The filters as URL query pairs (the inverse of `parse_filters`), for `next` links and saved searches."""
        pairs = []
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "extra" or value in (None, ()):
                continue
            if isinstance(value, tuple) and f.name in ("bbox", "near"):
                text = ",".join(_number(v) for v in value)
            elif isinstance(value, tuple):
                text = ",".join(value)
            elif isinstance(value, datetime):
                text = value.isoformat()
            elif isinstance(value, date):
                text = value.isoformat()
            elif isinstance(value, float):
                text = _number(value)
            else:
                text = str(value)
            pairs.append((f.name, text))
        return pairs


def _number(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _clean(name: str, value) -> str | None:
    """One text value, stripped; None when empty. Refuses NUL characters and overlong text."""
    if value is None:
        return None
    text = str(value).strip()
    if "\x00" in text:
        raise FilterError(name, "contains a NUL character")
    if len(text) > MAX_TEXT:
        raise FilterError(name, f"is longer than {MAX_TEXT} characters")
    return text or None


def _list(name: str, value) -> tuple[str, ...]:
    """Several values: repeated parameters and/or comma-separated text."""
    values = value if isinstance(value, (list, tuple)) else [value]
    found: list[str] = []
    for item in values:
        text = _clean(name, item)
        for part in (text or "").split(","):
            part = part.strip()
            if part and part not in found:
                found.append(part)
    if len(found) > 50:
        raise FilterError(name, "takes at most 50 values")
    return tuple(found)


def parse_day(name: str, value) -> date | None:
    text = _clean(name, value)
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FilterError(name, f"takes a date like 2016-03-05, not {text!r}") from None


def _moment(name: str, value) -> datetime | None:
    text = _clean(name, value)
    if text is None:
        return None
    try:
        # "+01:00" in a URL arrives as " 01:00" when the client did not escape the plus sign
        moment = datetime.fromisoformat(re.sub(r" (\d{2}:?\d{2})$", r"+\1", text))
    except ValueError:
        raise FilterError(name, f"takes a date or time like 2016-03-05 or 2016-03-05T12:00:00Z, not {text!r}") from None
    return in_utc(moment)


def in_utc(moment: datetime) -> datetime:
    """The same instant in UTC (a time without offset is taken as UTC). SQLite compares stored
    times as text and drops a bound time's offset, so "+05:00" must become UTC before a query."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def _floats(name: str, value, count: int, shape: str) -> tuple[float, ...] | None:
    text = _clean(name, value)
    if text is None:
        return None
    parts = text.split(",")
    try:
        numbers = tuple(float(part) for part in parts)
    except ValueError:
        numbers = ()
    if len(parts) != count or len(numbers) != count or not all(math.isfinite(n) for n in numbers):
        raise FilterError(name, f"takes {count} numbers: {shape}; got {text!r}")
    return numbers


def parse_box(name: str, value) -> tuple[float, float, float, float] | None:
    """A box as west,south,east,north (west > east crosses the antimeridian)."""
    box = _floats(name, value, 4, "west,south,east,north")
    if box is not None:
        west, south, east, north = box
        if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
            raise FilterError(name, "needs -180 <= west, east <= 180 and -90 <= south <= north <= 90")
    return box


def _choices(name: str, values: tuple[str, ...], allowed: list[str]) -> tuple[str, ...]:
    """Values matched to the allowed spellings (case, "_" for " " ignored); a sentence otherwise."""
    by_key = {_key(choice): choice for choice in allowed}
    chosen = []
    for value in values:
        match = by_key.get(_key(value))
        if match is None:
            raise FilterError(name, f"has no value {value!r}; use one of {', '.join(allowed)}")
        chosen.append(match)
    return tuple(dict.fromkeys(chosen))


def _key(text: str) -> str:
    return text.casefold().replace("_", " ").replace("-", " ").strip()


def verdict_names() -> list[str]:
    from trucewatch.truce.findings import VERDICTS

    return [*VERDICTS, "unchecked"]


def grade_names() -> list[str]:
    from trucewatch.incidents.attribution import GRADE_ORDER

    return list(GRADE_ORDER)


def act_names() -> set[str]:
    from trucewatch.incidents.families import known_families, known_types

    return known_types() | known_families()


NAMES = ("date_after", "date_before", "country", "admin1", "actor", "type", "grade", "verdict",
         "review_status", "bbox", "near", "within_km", "q", "updated_since", "truce")
LIST_NAMES = ("country", "admin1", "actor", "type", "grade", "verdict", "review_status")  # may repeat


def parse_query_string(query: str) -> Filters:
    """Filters from a URL's query string (a saved search, the dashboard's address)."""
    from urllib.parse import parse_qsl

    params: dict = {}
    for name, value in parse_qsl((query or "").lstrip("?")):
        if name in LIST_NAMES:
            params.setdefault(name, []).append(value)
        else:
            params[name] = value
    return parse_filters(params)


def parse_filters(params: Mapping) -> Filters:
    """Filters from query parameters (a mapping of name -> text or list of texts); others are ignored."""
    from trucewatch.audit.versions import review_statuses

    get = params.get
    after, before = parse_day("date_after", get("date_after")), parse_day("date_before", get("date_before"))
    if after and before and after > before:
        raise FilterError("date_before", f"({before}) comes before date_after ({after})")
    countries = _list("country", get("country"))
    for code in countries:
        if not _ISO3.match(code):
            raise FilterError("country", f"takes ISO 3166-1 alpha-3 codes like SYR, not {code!r}")
    types = _list("type", get("type"))
    known = act_names()
    for name in types:
        if name not in known:
            raise FilterError("type", f"has no act type or family {name!r} (see trucewatch/ontology/acts.yaml)")
    bbox = parse_box("bbox", get("bbox"))
    near = _floats("near", get("near"), 2, "lat,lon")
    if near is not None and not (-90 <= near[0] <= 90 and -180 <= near[1] <= 180):
        raise FilterError("near", "needs -90 <= lat <= 90 and -180 <= lon <= 180")
    within = _floats("within_km", get("within_km"), 1, "a distance in km")
    if within is not None and near is None:
        raise FilterError("within_km", "needs `near` (lat,lon) too")
    within_km = within[0] if within else (DEFAULT_WITHIN_KM if near else None)
    if within_km is not None and not 0 < within_km <= MAX_WITHIN_KM:
        raise FilterError("within_km", f"must be more than 0 and at most {MAX_WITHIN_KM:g} km")
    return Filters(
        date_after=after, date_before=before,
        country=tuple(code.upper() for code in countries),
        admin1=_list("admin1", get("admin1")),
        actor=_list("actor", get("actor")),
        type=types,
        grade=_choices("grade", _list("grade", get("grade")), grade_names()),
        verdict=_choices("verdict", _list("verdict", get("verdict")), verdict_names()),
        review_status=_choices("review_status", _list("review_status", get("review_status")), review_statuses()),
        bbox=bbox, near=near, within_km=within_km,
        q=_clean("q", get("q")),
        updated_since=_moment("updated_since", get("updated_since")),
        truce=_clean("truce", get("truce")),
    )
