"""SQL pieces shared by the record queries: places on the map, words in the reports, grid cells.

Portable across SQLite and PostgreSQL: distances use the local equirectangular plane the truce
area uses (trucewatch.truce.area), which needs only arithmetic, after a bounding-box prefilter
the lat/lon indexes serve.
"""
from __future__ import annotations

from math import cos, radians

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction

from trucewatch.store.filters import text_condition
from trucewatch.truce.area import KM_PER_DEG_LAT, KM_PER_DEG_LON_EQUATOR

from .filters import Filters


class grid_index(GenericFunction):
    """floor(x) for x >= 0, as an integer: SQLite has no floor() without its math extension."""

    type = sa.Integer()
    inherit_cache = True


@compiles(grid_index)
def _grid_index_default(element, compiler, **kw):
    return f"CAST(FLOOR({compiler.process(element.clauses, **kw)}) AS INTEGER)"


@compiles(grid_index, "sqlite")
def _grid_index_sqlite(element, compiler, **kw):
    return f"CAST({compiler.process(element.clauses, **kw)} AS INTEGER)"  # truncation = floor for x >= 0


def bbox_condition(lat, lon, bbox: tuple[float, float, float, float]):
    west, south, east, north = bbox
    in_lat = lat.between(south, north)
    if west <= east:
        return sa.and_(in_lat, lon.between(west, east))
    return sa.and_(in_lat, sa.or_(lon >= west, lon <= east))  # across the antimeridian


def near_condition(lat, lon, near: tuple[float, float], within_km: float):
    lat0, lon0 = near
    k_lon = KM_PER_DEG_LON_EQUATOR * cos(radians(lat0))
    d_lat = within_km / KM_PER_DEG_LAT
    parts = [lat.between(lat0 - d_lat, lat0 + d_lat)]
    if k_lon > 1e-6 and within_km / k_lon < 180:
        d_lon = within_km / k_lon
        parts.append(lon.between(lon0 - d_lon, lon0 + d_lon))
    dx = (lon - lon0) * k_lon
    dy = (lat - lat0) * KM_PER_DEG_LAT
    parts.append(dx * dx + dy * dy <= within_km * within_km)
    return sa.and_(*parts)


def place_conditions(lat, lon, filters: Filters) -> list:
    conditions = []
    if filters.bbox is not None:
        conditions.append(bbox_condition(lat, lon, filters.bbox))
    if filters.near is not None:
        conditions.append(near_condition(lat, lon, filters.near, filters.within_km))
    return conditions


def lowered_in(column, values: tuple[str, ...]):
    return sa.func.lower(column).in_([value.lower() for value in values])


def words_condition(text: str | None):
    """Documents holding every word or "quoted phrase" (the store's own text filter)."""
    return text_condition(text)


def shared_conditions(filters: Filters, *, start, end, country, admin1, lat, lon) -> list:
    """The filters every record kind applies the same way, on its own columns: dates (a record is
    kept when its span overlaps the range), country, admin1, bbox and distance."""
    found = []
    if filters.date_after:
        found.append(end >= filters.date_after)
    if filters.date_before:
        found.append(start <= filters.date_before)
    if filters.country:
        found.append(country.in_(filters.country))
    if filters.admin1:
        found.append(lowered_in(admin1, filters.admin1))
    return found + place_conditions(lat, lon, filters)
