"""A pledge's area and its one-party truce terms, so the truce checker can judge it unchanged.

A commitment is a truce with one party: its area is its place buffered by the place's precision
(data/assessment.yaml), or the country's outline for a country-wide pledge; its window is the
pledge's interval; its prohibited acts are the acts it stops.
"""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from shapely.geometry import shape
from shapely.ops import unary_union

from trucewatch.datafiles import read_lexicon
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


def _place_spec(commitment: Commitment) -> AreaSpec | None:
    place = commitment.place
    buffer = settings()["buffer_km"].get(place.precision)
    if buffer is None or place.lat is None or place.lon is None:
        return None
    return AreaSpec(places=[PlaceSpec(name=commitment.place_label, lat=place.lat, lon=place.lon,
                                      country=place.country, admin1=place.admin1)], buffer_km=buffer)


def commitment_area(commitment: Commitment) -> Area | None:
    """Where the pledge holds, or None when its place is unknown or too vague to draw."""
    place = commitment.place
    if place is None:
        return None
    if place.precision in COUNTRY_LEVEL:
        outline = _country_outline(place.country) if place.country else None
        if outline is None:
            return None
        return polygon_area(outline, countries={place.country}, description=f"{commitment.place_label} (the whole country)")
    spec = _place_spec(commitment)
    if spec is None:
        return None
    return build_area(TruceTerms.model_construct(area=spec, source_file=None))


def one_party_terms(commitment: Commitment, start: datetime, end: datetime, *,
                    prohibited: list[str] | None = None, obligations: list[str] | None = None) -> TruceTerms:
    """The pledge as truce terms with one party, for the window [start, end].

    Built without validation: the party is already a dictionary key and the acts come from data
    files or from a validated hand-written file.
    """
    return TruceTerms.model_construct(
        name=f"{commitment.label} by {commitment.party.label} ({commitment.id})", description=None,
        parties=[commitment.party.key], excluded=[], area=None, start=start, end=end, timezone="UTC",
        prohibited=list(commitment.breached_by if prohibited is None else prohibited),
        obligations=list(commitment.obligations if obligations is None else obligations),
        exemptions=[], source_file=None)
