"""Server-side clusters and the timeline: counts add up, cells stay put while the map pans, and
the timeline's totals are the list's."""
from __future__ import annotations

import pytest

from trucewatch.incidents.persist import save_findings, save_incidents
from trucewatch.incidents.samples import synthetic_incidents
from trucewatch.query import list_incidents, map_clusters, parse_filters, timeline
from trucewatch.query.clusters import MAX_CELLS_ACROSS, cell_degrees, grid_zoom, severity_order, worst
from trucewatch.store import open_store


@pytest.fixture(scope="module")
def filled(module_store_url):
    incidents, findings = synthetic_incidents(600)
    with open_store(module_store_url) as store:
        save_incidents(store, incidents)
        save_findings(store, "pause", findings)
        yield store


@pytest.mark.parametrize("zoom", [0, 4, 7, 10, 16])
def test_clusters_count_every_placed_incident_once(filled, zoom):
    syria = (35.0, 32.0, 43.0, 38.0)
    found = map_clusters(filled, parse_filters({"truce": "pause"}), zoom=zoom, view=syria if zoom >= 10 else None)
    assert found["total"] == 600 and found["unplaced"] == 60 and found["in_view"] == 540
    counts = [f["properties"]["count"] for f in found["features"]]
    assert sum(counts) == 540
    for feature in found["features"]:
        properties = feature["properties"]
        assert sum(properties["verdicts"].values()) == properties["count"]
        assert properties["verdict"] == worst(properties["verdicts"])
        west, south, east, north = properties["bbox"]
        lon, lat = feature["geometry"]["coordinates"]
        assert west - 1e-6 <= lon <= east + 1e-6 and south - 1e-6 <= lat <= north + 1e-6  # centroid in its cell
    if zoom >= 10:
        assert any("id" in f["properties"] for f in found["features"])  # single incidents come with their id


def test_a_huge_view_at_street_level_gets_a_coarser_grid(filled):
    found = map_clusters(filled, parse_filters({}), zoom=20)  # the whole world at zoom 20
    assert found["grid_zoom"] < 20 and len(found["features"]) <= MAX_CELLS_ACROSS ** 2
    assert sum(f["properties"]["count"] for f in found["features"]) == 540
    assert grid_zoom(9, (36.6, 35.9, 36.7, 36.0)) == 9  # a sensible view keeps its zoom


def test_cells_stay_put_while_the_map_pans(filled):
    zoom, cell = 8, cell_degrees(8)
    wide = map_clusters(filled, parse_filters({}), zoom=zoom, view=(35.0, 32.0, 43.0, 38.0))
    shifted = (35.0 + cell * 3, 32.0 + cell * 2, 43.0 + cell * 3, 38.0 + cell * 2)
    panned = map_clusters(filled, parse_filters({}), zoom=zoom, view=shifted)
    by_cell = {tuple(f["properties"]["cell"]): f["properties"]["count"] for f in wide["features"]}
    for feature in panned["features"]:
        key = tuple(feature["properties"]["cell"])
        west, south, east, north = feature["properties"]["bbox"]
        if west >= shifted[0] and east <= shifted[2] and south >= shifted[1] and north <= shifted[3] and key in by_cell:
            assert by_cell[key] == feature["properties"]["count"]


def test_view_and_filters_narrow_the_clusters(filled):
    view = (36.0, 33.0, 38.0, 35.0)
    found = map_clusters(filled, parse_filters({"verdict": "violation"}), zoom=6, view=view)
    listed = list_incidents(filled, parse_filters({"verdict": "violation", "bbox": "36,33,38,35"}), limit=1000)
    assert found["in_view"] == listed.total > 0


def test_timeline_totals_are_the_lists(filled):
    filters = parse_filters({"verdict": "possible violation,violation"})
    series = timeline(filled, filters)
    listed = list_incidents(filled, filters, limit=1)
    drawn = sum(day["total"] for day in series["days"])
    assert series["total"] == listed.total == drawn + sum(series["imprecise"].values()) + sum(series["undated"].values())
    assert series["undated"] and series["imprecise"]
    days = [day["day"] for day in series["days"]]
    assert days == sorted(days) and len(days) == len(set(days))


def test_severity_puts_violations_first():
    assert severity_order()[:3] == ["violation", "probable violation", "possible violation"]
    assert worst({"not a violation": 5, "possible violation": 1}) == "possible violation"
