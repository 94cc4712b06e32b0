"""An analyst's corrections to an event: checked and resolved once, when they are made, then
applied on top of the machine's event wherever reviewed data is read (fusion, checks, the API).

Each correctable field is stored whole, as the record contract spells it: a corrected place is a
full `location` (from the gazetteer, or a point clicked on the map with its country and provinces
looked up), corrected parties are resolved through the actor dictionary, a corrected type carries
its PLOVER, CAMEO and ACLED codes. A value of None removes the correction (back to the machine's).
"""
from __future__ import annotations

from datetime import date

from trucewatch.errors import TruceWatchError
from trucewatch.records import Acled, ActorRef, Casualties, Event, Location, Plover, When

from .rules import correctable

HAND = "corrected by hand"


def _bad(field: str, reason: str) -> TruceWatchError:
    return TruceWatchError(f"The correction of '{field}' {reason}.")


def _type(value) -> dict:
    from trucewatch.ontology import default_ontology

    acts = default_ontology().acts
    if not isinstance(value, str) or value not in acts:
        raise _bad("type", f"names no act type ({value!r}); `trucewatch` knows e.g. "
                           f"{', '.join(sorted(acts)[:6])} ...")
    return value


def _place_from_gazetteer(place_id: str) -> dict:
    from trucewatch.places import get_gazetteer

    place = get_gazetteer().get(str(place_id))
    if place is None:
        raise _bad("location", f"names a place the gazetteer does not hold ({place_id!r})")
    return {"text": place.name, "name": place.name, "geonameid": place.geonameid, "lat": place.lat,
            "lon": place.lon, "country": place.country3 or place.country, "admin1": place.admin1,
            "admin2": place.admin2, "precision": place.precision if place.precision != "unknown" else "city",
            "note": HAND}


def _place_from_point(lat, lon, name: str | None) -> dict:
    from trucewatch.places import admin_of, get_gazetteer

    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        raise _bad("location", "needs numbers for lat and lon") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise _bad("location", f"is not a point on Earth ({lat}, {lon})")
    area = admin_of(round(lat, 5), round(lon, 5))
    if not name:
        town = get_gazetteer().nearest(lat, lon, radius_deg=0.1)
        name = f"near {town.name}" if town else f"{lat:.4f}, {lon:.4f}"
    return {"text": name, "name": name, "geonameid": None, "lat": round(lat, 6), "lon": round(lon, 6),
            "country": area.country, "admin1": area.admin1, "admin2": area.admin2, "precision": "exact",
            "note": HAND + " (a point on the map)"}


def _location(value) -> dict:
    if not isinstance(value, dict):
        raise _bad("location", "must be an object: {place_id} from a gazetteer search, or {lat, lon}")
    if value.get("place_id"):
        return _place_from_gazetteer(value["place_id"])
    if value.get("lat") is not None and value.get("lon") is not None:
        name = value.get("name")
        return _place_from_point(value["lat"], value["lon"], str(name)[:200] if name else None)
    raise _bad("location", "needs a place_id or lat and lon")


def _day(field: str, value) -> date:
    try:
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        raise _bad(field, f"has a date that is not YYYY-MM-DD ({value!r})") from None


def _when(value) -> dict:
    if not isinstance(value, dict) or not value.get("start"):
        raise _bad("when", "needs a start date (and an end date for an interval)")
    start = _day("when", value["start"])
    end = _day("when", value.get("end") or start)
    if end < start:
        raise _bad("when", f"ends ({end}) before it starts ({start})")
    return {"start": start.isoformat(), "end": end.isoformat(), "precision": "day" if start == end else "days",
            "text": HAND}


def _party(name) -> dict:
    from trucewatch.actors import resolve_actor
    from trucewatch.incidents.actors import country_names

    text = str(name or "").strip()
    if not text:
        raise _bad("actors", "holds an empty name")
    countries = country_names()
    if text.upper() in countries and len(text) == 3:
        code = text.upper()
        return {"text": code, "name": countries[code], "country": code, "sector": "MIL", "role": "initiator"}
    found = resolve_actor(text)
    if found is None:
        raise _bad("actors", f"names '{text}', which the actor dictionary does not know; use a name it holds "
                             "or an ISO3 code for a state's forces")
    return {**found.model_dump(mode="json", exclude={"protected"}), "text": text, "role": "initiator"}


def _actors(value) -> list[dict]:
    if isinstance(value, str):
        value = [part for part in value.split(",") if part.strip()]
    if not isinstance(value, list):
        raise _bad("actors", "must be a list of names")
    return [_party(name) for name in value[:20]]


def _count(field: str, value) -> dict:
    if not isinstance(value, dict):
        raise _bad(field, "must be an object with low, best and high")
    figures = {}
    for key in ("low", "best", "high"):
        raw = value.get(key)
        if raw in (None, ""):
            figures[key] = None
            continue
        try:
            number = int(raw)
        except (TypeError, ValueError):
            raise _bad(field, f"has a {key} that is not a whole number ({raw!r})") from None
        if number < 0 or number > 10_000_000:
            raise _bad(field, f"has a {key} out of range ({number})")
        figures[key] = number
    given = [figures[k] for k in ("low", "best", "high") if figures[k] is not None]
    if not given:
        raise _bad(field, "gives no figure (to say none, give 0)")
    if given != sorted(given):
        raise _bad(field, "must have low <= best <= high")
    return {**figures, "text": HAND}


CHECKS = {"type": _type, "location": _location, "when": _when, "actors": _actors,
          "fatalities": lambda v: _count("fatalities", v), "injured": lambda v: _count("injured", v)}


def normalise(changes: dict) -> dict:
    """The corrections as they are stored: each field checked and resolved (None: remove it)."""
    if not isinstance(changes, dict) or not changes:
        raise TruceWatchError("Give at least one correction (type, location, when, actors, fatalities, injured).")
    allowed = correctable()
    unknown = [field for field in changes if field not in allowed]
    if unknown:
        raise TruceWatchError(f"'{unknown[0]}' cannot be corrected; these can: {', '.join(allowed)}.")
    return {field: None if value is None else CHECKS[field](value) for field, value in changes.items()}


def corrected(event: Event, changes: dict) -> Event:
    """The event with the corrections applied (the machine's event itself when there are none)."""
    if not changes:
        return event
    update = {}
    if "type" in changes:
        from trucewatch.ontology import default_ontology

        ontology = default_ontology()
        act = ontology[changes["type"]]
        plover, cameo = ontology.codes(act, event.status)
        update.update(type=act.name, plover=Plover(event=plover.event, mode=plover.mode) if plover else None,
                      cameo=cameo, acled=Acled(event_type=act.acled.event_type, sub_event_type=act.acled.sub_event_type)
                      if act.acled else None)
    if "location" in changes:
        update["location"] = Location(**changes["location"])
    if "when" in changes:
        update["when"] = When(**changes["when"])
    if "actors" in changes:
        update["actors"] = [ActorRef(**actor) for actor in changes["actors"]]
    for field in ("fatalities", "injured"):
        if field in changes:
            update[field] = Casualties(**changes[field])
    return event.model_copy(update=update)


def field_value(event: Event, field: str):
    """One field of an event as JSON (what the audit log and the page show)."""
    return event.model_dump(mode="json").get(field)
