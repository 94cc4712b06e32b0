"""Stored incidents in the field's formats, through the generic writers of `trucewatch.exports`.

An incident is what analysts count, so its rows carry the fused view: the date range across
reports, the finest location, the casualty range and every party with its attribution grade.
"""
from __future__ import annotations

from typing import Any

from trucewatch.exports import Shape, acled_codes, country_name, country_table

Row = dict[str, Any]


def _act(incident: Row):
    from trucewatch.ontology import default_ontology

    acts = default_ontology().acts
    return acts.get(incident.get("type") or "")


def _parties(incident: Row) -> list[Row]:
    return list(incident.get("parties") or [])


def _party_label(party: Row) -> str:
    return party.get("label") or party.get("name") or party.get("party") or ""


def _figure(casualties: Row | None, key: str):
    return (casualties or {}).get(key)


def _place_name(place: Row) -> str | None:
    return place.get("name") or place.get("text")


def _outlets(incident: Row) -> str | None:
    return "; ".join(o for o in incident.get("outlets") or [] if o) or None


def flat_incident_row(incident: Row) -> Row:
    """One incident per row: our own column names, every field flat."""
    place = incident.get("location") or {}
    parties = _parties(incident)
    return {
        "incident_id": incident["id"],
        "type": incident.get("type"),
        "family": incident.get("family"),
        "status": incident.get("status"),
        "start": incident.get("start"),
        "end": incident.get("end"),
        "time_precision": incident.get("time_precision"),
        "location": _place_name(place),
        "country": place.get("country"),
        "admin1": place.get("admin1"),
        "admin2": place.get("admin2"),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "geo_precision": place.get("precision"),
        "parties": "; ".join(f"{_party_label(p)} ({p.get('grade')})" for p in parties) or None,
        "unidentified_actors": "; ".join(incident.get("unidentified_actors") or []) or None,
        "act_disputed": bool(incident.get("act_disputed")),
        "fatalities_low": _figure(incident.get("fatalities"), "low"),
        "fatalities_best": _figure(incident.get("fatalities"), "best"),
        "fatalities_high": _figure(incident.get("fatalities"), "high"),
        "injured_low": _figure(incident.get("injured"), "low"),
        "injured_best": _figure(incident.get("injured"), "best"),
        "injured_high": _figure(incident.get("injured"), "high"),
        "independent_sources": incident.get("independent_sources"),
        "documents": incident.get("documents"),
        "outlets": _outlets(incident),
        "event_ids": "; ".join(incident.get("event_ids") or []) or None,
    }


FLAT_INCIDENT_COLUMNS = list(flat_incident_row({"id": ""}).keys())


def acled_incident_codable(incident: Row) -> bool:
    act = _act(incident)
    return act is not None and act.acled is not None and incident.get("status") in acled_codes().coded_statuses


def acled_incident_row(incident: Row) -> Row:
    """ACLED's column names where they apply; the incident's grades and sources after them."""
    codes = acled_codes()
    act = _act(incident)
    place = incident.get("location") or {}
    iso3 = place.get("country")
    parties = _parties(incident)
    first, *others = parties or [None]
    fatalities = _figure(incident.get("fatalities"), "best")
    if fatalities is None:
        fatalities = _figure(incident.get("fatalities"), "low")
    event_type = act.acled.event_type if act and act.acled else None
    start = incident.get("start")
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}-{incident['id']}",
        "event_date": start,
        "year": int(str(start)[:4]) if start else None,
        "time_precision": codes.time_precision.get(incident.get("time_precision") or ""),
        "disorder_type": codes.disorder_type.get(event_type or ""),
        "event_type": event_type,
        "sub_event_type": act.acled.sub_event_type if act and act.acled else None,
        "actor1": _party_label(first) if first else None,
        "assoc_actor_1": "; ".join(_party_label(p) for p in others) or None,
        "inter1": codes.inter.get((first or {}).get("sector") or "") if first else None,
        "actor2": None,
        "country": country_name(iso3),
        "admin1": place.get("admin1"),
        "admin2": place.get("admin2"),
        "location": _place_name(place),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "geo_precision": codes.geo_precision.get(place.get("precision") or ""),
        "source": _outlets(incident),
        "notes": None,
        "fatalities": fatalities if fatalities is not None else 0,
        "iso": (country_table().get(iso3 or "") or {}).get("iso_numeric"),
        "incident_id": incident["id"],
        "when_start": start,
        "when_end": incident.get("end"),
        "attribution": "; ".join(f"{_party_label(p)}: {p.get('grade')}" for p in parties) or None,
        "independent_sources": incident.get("independent_sources"),
    }


ACLED_INCIDENT_COLUMNS = list(acled_incident_row({"id": ""}).keys())


def plover_incident_record(incident: Row) -> Row:
    """A PLOVER-style record for the incident: event type and mode from the act type."""
    act = _act(incident)
    return {
        "id": incident["id"],
        "date": incident.get("start"),
        "date_end": incident.get("end"),
        "event_type": act.plover.event if act and act.plover else None,
        "mode": act.plover.mode if act and act.plover else None,
        "cameo": act.cameo if act else None,
        "actor": [{"name": p.get("name"), "country": p.get("country"), "sector": p.get("sector"),
                   "grade": p.get("grade")} for p in _parties(incident)],
        "location": incident.get("location"),
        "fatalities": _figure(incident.get("fatalities"), "best"),
        "independent_sources": incident.get("independent_sources"),
        "event_ids": incident.get("event_ids") or [],
    }


INCIDENT_SHAPES: dict[str, Shape] = {
    "jsonl": Shape(lambda incident: incident, "jsonl"),
    "csv": Shape(flat_incident_row, "csv", FLAT_INCIDENT_COLUMNS),
    "acled": Shape(acled_incident_row, "csv", ACLED_INCIDENT_COLUMNS, keeps=acled_incident_codable),
    "plover": Shape(plover_incident_record, "jsonl"),
    "geojson": Shape(flat_incident_row, "geojson"),
    "parquet": Shape(flat_incident_row, "parquet", FLAT_INCIDENT_COLUMNS),
}


def in_period(incident: Row, start, end) -> bool:
    """Kept when its date span overlaps [start, end]; undated incidents are kept (they may belong)."""
    first, last = incident.get("start"), incident.get("end") or incident.get("start")
    if first is None:
        return True
    return (start is None or str(last) >= start.isoformat()) and (end is None or str(first) <= end.isoformat())


def export_incidents_counted(store, fmt: str, out=None, *, start=None, end=None, partition_by=None,
                             raw_cells: bool = False):
    """Write the stored incidents (fused by `check` or `incidents fuse`) in `fmt`;
    `partition_by="month"` (parquet): a dataset folder with one partition per month."""
    from trucewatch.errors import InputError, TruceWatchError
    from trucewatch.exports import export_records_counted, partitioned
    from trucewatch.incidents.persist import load_incidents

    if fmt not in INCIDENT_SHAPES:
        raise InputError(fmt, f"unknown export format; choose one of {', '.join(INCIDENT_SHAPES)}")
    stored = load_incidents(store)
    if not stored:
        raise TruceWatchError(
            "there are no stored incidents yet: run `trucewatch check TRUCE.yaml` or "
            "`trucewatch incidents fuse` first"
        )
    incidents = [i for i in stored if in_period(i, start, end)]
    return export_records_counted(incidents, partitioned(INCIDENT_SHAPES[fmt], partition_by), out,
                                  raw_cells=raw_cells)
