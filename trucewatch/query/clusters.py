"""The map: incidents grouped into grid cells on the server, for a bounding box and a zoom level,
so the browser receives a few hundred markers whether 200 or 200,000 incidents match.

Cells are aligned to a world grid (a cell is 1/CELLS_PER_TILE of a web-map tile at that zoom), so
clusters stay put while the map pans. Each cell reports its count, its count per verdict, the
average position of its incidents, and, for a cell of one, the incident itself.
"""
from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa

from trucewatch.incidents.tables import incidents
from trucewatch.truce.findings import STRENGTH

from .base import truce_name
from .filters import Filters
from .incidents import conditions, joined_for, verdict_column
from .sql import bbox_condition, grid_index

CELLS_PER_TILE = 4  # a 256-pixel tile holds 4 x 4 cells of 64 pixels
MAX_ZOOM = 20
MAX_CELLS_ACROSS = 32  # 2,048 px of 64 px cells: a view larger than that for its zoom gets a coarser grid
# How serious a verdict is, for colouring a cluster by its worst incident (violations from the
# checker's own ladder; the undecided ones next; the rest last).
SEVERITY = {**STRENGTH, "unattributable": 0.6, "undetermined": 0.5, "not a violation": 0.2, "out of scope": 0.1,
            "unchecked": 0.0}


def severity_order() -> list[str]:
    """Every verdict, most serious first."""
    return sorted(SEVERITY, key=lambda verdict: -SEVERITY[verdict])


def cell_degrees(zoom: int) -> float:
    return 360.0 / (2 ** zoom) / CELLS_PER_TILE


def grid_zoom(zoom: int, view: tuple[float, float, float, float] | None) -> int:
    """The zoom whose grid clusters this view: the map's own, unless the view is so large for it
    that more than MAX_CELLS_ACROSS cells would fit across (a client asking for the whole world at
    street level); then the finest world-aligned grid that keeps the answer small."""
    west, south, east, north = view or (-180.0, -90.0, 180.0, 90.0)
    width = (east - west) % 360 or (360.0 if east != west else 0.0)
    span = max(width, north - south)
    while zoom > 0 and span / cell_degrees(zoom) > MAX_CELLS_ACROSS:
        zoom -= 1
    return zoom


def worst(verdicts: dict[str, int]) -> str:
    """The verdict a cluster is coloured by: the most serious one among its incidents."""
    return max(verdicts, key=lambda v: (SEVERITY.get(v, 0), verdicts[v]))


def map_clusters(store, filters: Filters, *, zoom: int, view: tuple[float, float, float, float] | None = None) -> dict:
    """A GeoJSON FeatureCollection of clusters in `view` (west, south, east, north; default the
    world), plus `in_view`, `total` (all that match the filters), `unplaced` (matching, but with no
    position) and `extent` (the box around every placed match, to fit the map to)."""
    if not 0 <= zoom <= MAX_ZOOM:
        raise ValueError(f"zoom must be between 0 and {MAX_ZOOM}")
    truce = truce_name(store, filters.truce)
    where = conditions(filters, truce)
    placed = [incidents.c.lat.is_not(None), incidents.c.lon.is_not(None)]
    grid = grid_zoom(zoom, view)
    cell = cell_degrees(grid)
    cx = grid_index((incidents.c.lon + 180.0) / cell).label("cx")
    cy = grid_index((incidents.c.lat + 90.0) / cell).label("cy")
    verdict = verdict_column().label("verdict")
    in_view = [bbox_condition(incidents.c.lat, incidents.c.lon, view)] if view else []
    grouped = (sa.select(cx, cy, verdict, sa.func.count().label("n"), sa.func.sum(incidents.c.lat).label("lat"),
                         sa.func.sum(incidents.c.lon).label("lon"), sa.func.min(incidents.c.id).label("first"))
               .select_from(joined_for(truce, filters, verdicts=True)).where(*where, *placed, *in_view)
               .group_by(cx, cy, verdict))
    summary = (sa.select(sa.func.count().label("total"), sa.func.count(incidents.c.lat).label("placed"),
                         sa.func.min(incidents.c.lon), sa.func.min(incidents.c.lat),
                         sa.func.max(incidents.c.lon), sa.func.max(incidents.c.lat))
               .select_from(joined_for(truce, filters)).where(*where))
    with store.engine.connect() as connection:
        rows = connection.execute(grouped).all()
        total, placed_count, west, south, east, north = connection.execute(summary).one()
        cells = _fold(rows)
        singles = _singles(connection, [c["first"] for c in cells.values() if c["count"] == 1])
    features = []
    for (x, y), found in sorted(cells.items()):
        count = found["count"]
        properties = {"count": count, "verdicts": dict(found["verdicts"]), "verdict": worst(found["verdicts"]),
                      "cell": [x, y],
                      "bbox": [round(x * cell - 180, 6), round(y * cell - 90, 6),
                               round((x + 1) * cell - 180, 6), round((y + 1) * cell - 90, 6)]}
        if count == 1:
            properties.update(singles.get(found["first"], {"id": found["first"]}))
        features.append({"type": "Feature", "properties": properties,
                         "geometry": {"type": "Point", "coordinates": [round(found["lon"] / count, 6),
                                                                       round(found["lat"] / count, 6)]}})
    return {"type": "FeatureCollection", "features": features, "zoom": zoom, "grid_zoom": grid, "cell_degrees": cell,
            "view": list(view) if view else None, "truce": truce,
            "in_view": sum(c["count"] for c in cells.values()), "total": total or 0,
            "unplaced": (total or 0) - (placed_count or 0),
            "extent": [west, south, east, north] if placed_count else None}


def _fold(rows) -> dict:
    cells: dict = defaultdict(lambda: {"count": 0, "lat": 0.0, "lon": 0.0, "verdicts": {}, "first": None})
    for row in rows:
        found = cells[(row.cx, row.cy)]
        found["count"] += row.n
        found["lat"] += row.lat
        found["lon"] += row.lon
        found["verdicts"][row.verdict] = found["verdicts"].get(row.verdict, 0) + row.n
        if found["first"] is None or row.first < found["first"]:
            found["first"] = row.first
    return cells


def _singles(connection: sa.Connection, ids: list[str]) -> dict[str, dict]:
    """What a marker of one incident shows: its id, date, act and place."""
    found = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        query = sa.select(incidents.c.id, incidents.c.start, incidents.c.type, incidents.c.place).where(
            incidents.c.id.in_(chunk))
        for row in connection.execute(query):
            found[row.id] = {"id": row.id, "start": row.start.isoformat() if row.start else None,
                             "type": row.type, "place": row.place}
    return found
