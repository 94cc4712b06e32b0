"""How the lists' records become rows of each export format (one place for the API's pages and
the background export jobs): incidents with their verdict and review status, events in the
record contract or the exports' event formats, findings flat."""
from __future__ import annotations

from trucewatch.exports import EVENT_SHAPES, Shape
from trucewatch.incidents.export import FLAT_INCIDENT_COLUMNS, INCIDENT_SHAPES, flat_incident_row

INCIDENT_EXTRA_COLUMNS = ["verdict", "truce", "review_status"]
FINDING_COLUMNS = ["truce", "incident", "verdict", "start", "end", "type", "place", "provisions", "parties",
                   "distance_km", "country", "admin1", "latitude", "longitude", "review_status", "checked_at", "trace"]


def _with_review(incident_row):
    def row(data: dict) -> dict:
        return {**incident_row(data), **{key: data.get(key) for key in INCIDENT_EXTRA_COLUMNS}}
    return row


def finding_row(item: dict) -> dict:
    return {**{key: item.get(key) for key in FINDING_COLUMNS}, "latitude": item.get("lat"), "longitude": item.get("lon")}


INCIDENT_PAGE_SHAPES = {
    "csv": Shape(_with_review(flat_incident_row), "csv", FLAT_INCIDENT_COLUMNS + INCIDENT_EXTRA_COLUMNS),
    "acled": INCIDENT_SHAPES["acled"],
    "geojson": Shape(_with_review(flat_incident_row), "geojson"),
}
FINDING_PAGE_SHAPES = {
    "csv": Shape(finding_row, "csv", FINDING_COLUMNS),
    "geojson": Shape(finding_row, "geojson"),
}
EVENT_PAGE_SHAPES = {name: EVENT_SHAPES[name] for name in ("csv", "acled", "geojson")}


def incident_rows(items: list[dict]) -> list[dict]:
    """Rows for INCIDENT_PAGE_SHAPES: each item's stored data (list_incidents(with_data=True))
    plus its verdict, truce and review status."""
    return [{**item["_data"], **{key: item.get(key) for key in INCIDENT_EXTRA_COLUMNS}} for item in items]
