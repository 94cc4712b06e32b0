"""The truce area as geometry in a local km plane: places buffered by `buffer_km`, or a polygon.

A local equirectangular projection around the area is accurate to well under 1% over the few
hundred km a truce area spans, and lets shapely measure distances in km.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from math import cos, radians
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import Point, shape
from shapely.ops import unary_union

from trucewatch.datafiles import read_user_text
from trucewatch.errors import ConfigError, short_reason

from .terms import TruceTerms

MAX_AREA_BYTES = 50_000_000  # detailed boundary polygons are a few MB; /dev/zero is refused at once
KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON_EQUATOR = 111.320


@dataclass
class ResolvedPlace:
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    how: str  # "given in the truce file" | "gazetteer: ..."


@dataclass
class Area:
    places: list[ResolvedPlace]
    geometry: object  # shapely geometry in local km
    lat0: float
    lon0: float
    countries: set[str] = field(default_factory=set)
    admin1s: set[str] = field(default_factory=set)
    description: str = ""

    def to_km(self, lat: float, lon: float) -> tuple[float, float]:
        return ((lon - self.lon0) * KM_PER_DEG_LON_EQUATOR * cos(radians(self.lat0)),
                (lat - self.lat0) * KM_PER_DEG_LAT)

    def distance_km(self, lat: float, lon: float) -> float:
        """0 inside the area, else the distance to its edge in km."""
        return float(self.geometry.distance(Point(self.to_km(lat, lon))))

    def distances_km(self, lats, lons) -> np.ndarray:
        """`distance_km` of many points at once (vectorised, for checking many incidents against one area)."""
        x, y = self.to_km(np.asarray(lats, dtype=float), np.asarray(lons, dtype=float))
        return shapely.distance(self.geometry, shapely.points(x, y))

    def outline_lonlat(self) -> list[list[tuple[float, float]]]:
        """Exterior rings in lon/lat, for drawing the area on a map."""
        k = KM_PER_DEG_LON_EQUATOR * cos(radians(self.lat0))
        geoms = getattr(self.geometry, "geoms", [self.geometry])
        rings = []
        for g in geoms:
            if hasattr(g, "exterior"):
                rings.append([(self.lon0 + x / k, self.lat0 + y / KM_PER_DEG_LAT) for x, y in g.exterior.coords])
        return rings


def _gazetteer_place(name: str, source: str) -> ResolvedPlace:
    try:
        from trucewatch import places as gazetteer
        search = gazetteer.search
    except (ImportError, AttributeError):
        raise ConfigError(f"{source}: area place '{name}' needs the gazetteer, which is not available; "
                          "give its lat and lon in the truce file") from None
    found = search(name, limit=1)
    if not found:
        raise ConfigError(f"{source}: area place '{name}' is not in the gazetteer; check the spelling "
                          "or give its lat and lon")
    p = found[0]
    lat, lon = getattr(p, "lat", None), getattr(p, "lon", None)
    if lat is None or lon is None:
        raise ConfigError(f"{source}: area place '{name}' has no coordinates in the gazetteer")
    country = getattr(p, "country3", None) or getattr(p, "country", None)  # we speak ISO3
    return ResolvedPlace(name, float(lat), float(lon), country, getattr(p, "admin1", None),
                         f"gazetteer: {getattr(p, 'name', name)}")


def _geometries(data: object, problem) -> list[dict]:
    """The geometry objects of a GeoJSON document (a geometry, a Feature or a FeatureCollection)."""
    if not isinstance(data, dict):
        raise problem(f"must be a GeoJSON object, not a {type(data).__name__}")
    if data.get("type") == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise problem("is a FeatureCollection whose `features` is not a list")
        geoms = []
        for number, feature in enumerate(features, start=1):
            if not isinstance(feature, dict):
                raise problem(f"feature {number} is not a GeoJSON object")
            if feature.get("geometry"):
                geoms.append(feature["geometry"])
    elif data.get("type") == "Feature":
        geoms = [data["geometry"]] if data.get("geometry") else []
    else:
        geoms = [data]
    if not geoms:
        raise problem("has no geometry (a Feature needs a `geometry`)")
    return geoms


def _read_polygon(terms: TruceTerms):
    ref = Path(terms.area.geojson)
    if not ref.is_absolute() and terms.source_file:
        ref = Path(terms.source_file).parent / ref

    def problem(reason: str) -> ConfigError:
        return ConfigError(f"{terms.source_file}: area.geojson file {ref} {reason}")

    if not ref.exists():
        raise problem("does not exist")
    text = read_user_text(ref, limit=MAX_AREA_BYTES, what="area.geojson file")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise problem(f"is not readable GeoJSON ({short_reason(exc)})") from None
    geoms = _geometries(data, problem)
    try:
        polygon = unary_union([shape(g) for g in geoms])
    except Exception as exc:  # shapely raises several kinds for malformed input
        raise problem(f"has no valid geometry ({short_reason(exc)})") from None
    if polygon.is_empty or polygon.geom_type not in ("Polygon", "MultiPolygon"):
        raise ConfigError(f"{terms.source_file}: area.geojson file {ref} must hold a Polygon or MultiPolygon")
    return polygon


def _to_local(polygon, area: Area):
    """A lon/lat geometry in the area's local km plane."""
    return shapely.transform(polygon, lambda xy: np.column_stack(area.to_km(xy[:, 1], xy[:, 0])))


def polygon_area(polygon, *, countries=(), description: str = "") -> Area:
    """An area that is a lon/lat polygon (a country's outline, say) with no buffer: for checks
    whose area is not drawn around named places, like a pledge made for a whole country."""
    centre = polygon.centroid
    area = Area([], None, centre.y, centre.x, set(countries), set(), description)
    area.geometry = _to_local(polygon, area)
    return area


def build_area(terms: TruceTerms) -> Area:
    """Resolve the area's places and polygon into one geometry."""
    source = terms.source_file or "<truce>"
    places = [
        ResolvedPlace(p.name, p.lat, p.lon, p.country, p.admin1, "given in the truce file")
        if p.lat is not None else _gazetteer_place(p.name, source)
        for p in terms.area.places
    ]
    polygon = _read_polygon(terms) if terms.area.geojson else None
    if places:
        lat0 = sum(p.lat for p in places) / len(places)
        lon0 = sum(p.lon for p in places) / len(places)
    else:
        c = polygon.centroid
        lat0, lon0 = c.y, c.x
    area = Area(places, None, lat0, lon0)
    parts = [Point(area.to_km(p.lat, p.lon)).buffer(max(terms.area.buffer_km, 0.01), 32) for p in places]
    if polygon is not None:
        local = _to_local(polygon, area)
        parts.append(local.buffer(terms.area.buffer_km) if terms.area.buffer_km else local)
    area.geometry = unary_union(parts)
    area.countries = {c for c in terms.area.countries} | {p.country for p in places if p.country}
    area.admin1s = {p.admin1.casefold() for p in places if p.admin1}
    bits = [p.name for p in places] + ([Path(terms.area.geojson).name] if polygon is not None else [])
    area.description = f"{', '.join(bits)} with a {terms.area.buffer_km:g} km buffer"
    return area
