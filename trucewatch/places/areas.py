"""Point -> (country, admin1, admin2) through polygons, and country outlines for maps.

Who's On First governorate and district polygons cover the conflict countries; Natural Earth outlines
give the country elsewhere, and the nearest gazetteer town supplies admin names there. Polygons are
loaded on first use (a fraction of a second), not when the gazetteer opens.
"""
from __future__ import annotations

import gzip
import json
import threading
from dataclasses import dataclass
from functools import lru_cache

from shapely.geometry import Point, shape
from shapely.strtree import STRtree

from trucewatch.places.index import DATA_DIR


@dataclass(frozen=True)
class AdminArea:
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None
    admin2: str | None


def _read(file_name: str) -> dict:
    with gzip.open(DATA_DIR / file_name, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def country_outlines() -> dict:
    """Simplified Natural Earth country outlines as a GeoJSON FeatureCollection (public domain)."""
    return _read("country_outlines.geojson.gz")


def admin1_outlines() -> dict:
    """First-level administrative areas (governorates, provinces) where the package ships them
    (the conflict countries; Who's On First, CC0), as a GeoJSON FeatureCollection for maps."""
    features = [f for f in _read("admin_polygons.geojson.gz")["features"] if f["properties"]["level"] == "admin1"]
    return {"type": "FeatureCollection", "features": features}


class _Layer:
    """Polygons with their properties, searchable by point."""

    def __init__(self, features: list[dict]):
        self.properties = [f["properties"] for f in features]
        self.shapes = [shape(f["geometry"]) for f in features]
        self.tree = STRtree(self.shapes)

    def containing(self, point: Point) -> list[dict]:
        hits = self.tree.query(point, predicate="intersects")
        return [self.properties[i] for i in hits]


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _layers() -> tuple[_Layer, _Layer, _Layer]:
    with _lock:
        admin = _read("admin_polygons.geojson.gz")["features"]
        countries = _Layer(country_outlines()["features"])
        admin1 = _Layer([f for f in admin if f["properties"]["level"] == "admin1"])
        admin2 = _Layer([f for f in admin if f["properties"]["level"] == "admin2"])
        return countries, admin1, admin2


@lru_cache(maxsize=50_000)
def admin_of(lat: float, lon: float, nearest_town: bool = True) -> AdminArea:
    """The country (ISO3), admin1 and admin2 names containing a point; None where unknown.
    Where the polygons name no admin1, the nearest town's are taken, unless `nearest_town` is
    False (a caller that holds a gazetteer place already knows its admin names)."""
    from trucewatch.places.gazetteer import get_gazetteer

    countries, admin1_layer, admin2_layer = _layers()
    point = Point(lon, lat)
    country_hits = countries.containing(point)
    country = country_hits[0]["iso3"] if country_hits else None
    a1_hits = admin1_layer.containing(point)
    a2_hits = admin2_layer.containing(point)
    admin1 = a1_hits[0]["name"] if a1_hits else None
    admin2 = a2_hits[0]["name"] if a2_hits else None
    if admin2 and not admin1:
        admin1 = a2_hits[0].get("admin1")
    if admin1 is None and nearest_town:
        town = get_gazetteer().nearest(lat, lon)
        if town is not None and (country is None or town.country3 == country):
            admin1, admin2 = town.admin1, town.admin2
            country = country or town.country3
    return AdminArea(country, admin1, admin2)
