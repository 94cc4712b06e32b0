"""Places: an offline gazetteer and geoparser that knows the conflict's geography.

    >>> from trucewatch.places import search, resolve, PlaceContext, admin_of
    >>> resolve("Tripoli", context=PlaceContext(nearby=("Lebanon",))).country
    'LB'

Data: GeoNames (CC BY 4.0, geonames.org), Who's On First (CC0), Natural Earth (public domain), and a
hand-curated file (data/curated.yaml). See data/SOURCES.md. Submodules load on first use, so
`python -m trucewatch.places.index` does not import the lookup code it builds for.
"""
from __future__ import annotations

from importlib import import_module

_EXPORTS = {
    "AdminArea": "areas", "admin_of": "areas", "country_outlines": "areas", "admin1_outlines": "areas",
    "Gazetteer": "gazetteer", "get_gazetteer": "gazetteer",
    "Place": "model",
    "PlaceContext": "disambiguate", "ranked": "disambiguate", "resolve": "disambiguate",
}
__all__ = [*_EXPORTS, "search", "warm_up"]


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f"trucewatch.places.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'trucewatch.places' has no attribute {name!r}")


def search(name: str, country: str | None = None, limit: int = 10):
    """Places a name may denote (optionally in one country, ISO2 or ISO3), best first."""
    from trucewatch.places.disambiguate import PlaceContext, ranked

    context = PlaceContext(countries=(country,) if country else ())
    places = ranked(name, context, limit=max(limit, 50))
    if country:
        code = country.upper()
        places = [p for p in places if code in (p.country, p.country3)]
    return places[:limit]


def warm_up() -> None:
    """Open the index and load the polygons and the provinces table now (e.g. in a worker before
    its first batch): one-time costs, not the cost of each report."""
    from trucewatch.places.areas import admin_of
    from trucewatch.places.disambiguate import provinces_of_towns
    from trucewatch.places.gazetteer import get_gazetteer

    get_gazetteer()
    admin_of(33.51, 36.29)
    provinces_of_towns()
