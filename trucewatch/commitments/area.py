"""A pledge's area and its one-party truce terms, so the truce checker can judge it unchanged.

A commitment is a truce with one party: its area is its place buffered by the place's precision
(data/assessment.yaml), or the country's outline for a country-wide pledge; its window is the
pledge's interval; its prohibited acts are the acts it stops. Areas are cached by place, since
many pledges name the same town.
"""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from shapely.geometry import shape
from shapely.ops import unary_union

from trucewatch.datafiles import read_lexicon
from trucewatch.records import Location
from trucewatch.truce.area import Area, build_area, polygon_area
from trucewatch.truce.terms import AreaSpec, PlaceSpec, TruceTerms

from .record import Commitment

COUNTRY_LEVEL = {"country", "region"}


@lru_cache(maxsize=1)
def settings() -> dict:
    return read_lexicon("trucewatch.commitments", "data/assessment.yaml")


@lru_cache(maxsize=None)
def _country_outline(iso3: str):
    from trucewatch.places import country_outlines

    shapes = [shape(f["geometry"]) for f in country_outlines()["features"]
              if (f.get("properties") or {}).get("iso3") == iso3 and f.get("geometry")]
    return unary_union(shapes) if shapes else None


def _terms(**fields) -> TruceTerms:
    """Truce terms built without validation (every field given: pydantic then computes no default).

    The parts come from data files, the actor dictionary or a validated hand-written file. A pledge
    names no capabilities: only who reports say did an act can break it."""
    base = {"name": "", "description": None, "parties": [], "excluded": [], "area": None, "start": None,
            "end": None, "timezone": "UTC", "prohibited": [], "obligations": [], "exemptions": [],
            "capabilities": [], "source_file": None}
    return TruceTerms.model_construct(**{**base, **fields})


def area_key(place: Location | None) -> tuple | None:
    """What makes two pledges' areas the same (their place, at its precision)."""
    if place is None:
        return None
    return (place.precision, place.lat, place.lon, place.country, place.admin1, place.name or place.text)


@lru_cache(maxsize=4096)
def _area(key: tuple) -> Area | None:
    precision, lat, lon, country, admin1, name = key
    if precision in COUNTRY_LEVEL:
        outline = _country_outline(country) if country else None
        if outline is None:
            return None
        return polygon_area(outline, countries={country}, description=f"{name} (the whole country)")
    buffer = settings()["buffer_km"].get(precision)
    if buffer is None or lat is None or lon is None:
        return None
    spec = AreaSpec(places=[PlaceSpec(name=name, lat=lat, lon=lon, country=country, admin1=admin1)],
                    buffer_km=buffer)
    return build_area(_terms(area=spec))


def commitment_area(commitment: Commitment) -> Area | None:
    """Where the pledge holds, or None when its place is unknown or too vague to draw."""
    key = area_key(commitment.place)
    return _area(key) if key else None


def one_party_terms(commitment: Commitment, start: datetime, end: datetime, *,
                    prohibited: list[str] | None = None, obligations: list[str] | None = None) -> TruceTerms:
    """The pledge as truce terms with one party, for the window [start, end]."""
    return _terms(name=f"{commitment.label} by {commitment.party.label} ({commitment.id})",
                  parties=[commitment.party.key], start=start, end=end,
                  prohibited=list(commitment.breached_by if prohibited is None else prohibited),
                  obligations=list(commitment.obligations if obligations is None else obligations))
