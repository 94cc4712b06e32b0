"""Records to table rows and back. The only place that knows both shapes.

An event is read back from its stored JSON, so it returns exactly as it went in; the unpacked
columns and child rows exist for queries.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

from trucewatch.records import Document, Event, Location


def document_row(document: Document) -> dict:
    row = document.model_dump(exclude={"retrieved"})
    row["retrieved"] = document.retrieved.isoformat() if document.retrieved else None
    row["ingested_at"] = datetime.now(timezone.utc)
    return row


def document_from_row(row) -> Document:
    fields = {
        name: getattr(row, name)
        for name in Document.model_fields
        if name != "retrieved"
    }
    fields["retrieved"] = datetime.fromisoformat(row.retrieved) if row.retrieved else None
    return Document(**fields)


def place_id(location: Location | None) -> str | None:
    """A stable key for a resolved place; None when the location was never resolved."""
    if location is None:
        return None
    if location.geonameid is not None:
        return f"geonames:{location.geonameid}"
    if location.name is None and (location.lat is None or location.lon is None):
        return None
    key = json.dumps(
        [location.name, location.country, location.admin1, location.admin2,
         location.lat, location.lon, location.precision]
    )
    return "h:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]


def place_row(location: Location) -> dict:
    return {
        "id": place_id(location),
        **location.model_dump(
            include={"geonameid", "name", "lat", "lon", "country", "admin1", "admin2", "precision"}
        ),
    }


def event_row(event: Event, document_id: str, position: int) -> dict:
    location = event.location
    return {
        "id": event.id,
        "document_id": document_id,
        "position": position,
        **event.coding_columns(),
        **_casualty_columns("fatalities", event.fatalities),
        **_casualty_columns("injured", event.injured),
        "place_id": place_id(location),
        "location_text": location.text if location else None,
        "country": location.country if location else None,
        "record": event.model_dump(mode="json"),
    }


def _casualty_columns(prefix: str, casualties) -> dict:
    fields = ("low", "best", "high", "text")
    return {f"{prefix}_{name}": getattr(casualties, name) if casualties else None for name in fields}


def actor_rows(event: Event) -> list[dict]:
    rows = []
    for side, refs in (("actor", event.actors), ("target", event.targets)):
        for position, ref in enumerate(refs):
            rows.append({"event_id": event.id, "side": side, "position": position,
                         **ref.model_dump()})
    return rows


def claim_rows(event: Event) -> list[dict]:
    rows = []
    for position, claim in enumerate(event.claims):
        claimant = claim.claimant
        rows.append({
            "event_id": event.id,
            "position": position,
            "claimant_text": claimant.text,
            "claimant_name": claimant.name,
            "claimant_country": claimant.country,
            "claimant_sector": claimant.sector,
            **claim.model_dump(exclude={"claimant"}),
        })
    return rows


def evidence_rows(event: Event) -> list[dict]:
    return [
        {"event_id": event.id, "position": position, **span.model_dump()}
        for position, span in enumerate(event.evidence)
    ]


def event_from_row(row) -> Event:
    record = row.record
    if isinstance(record, str):  # some drivers hand JSON back as text
        record = json.loads(record)
    return Event.model_validate(record)
