"""ACLED CSV export: extract from `notes`, published `--lag` days after `event_date`.

Scored on the first violent event (see `choice`): sub_event_type (accuracy, macro-F1), event_type
accuracy, fatalities (exact, and within ±20% — a missing count reads as 0, as ACLED codes none as
0), date (exact day: our interval is that one day; contains: our interval includes it), location
(km from the gold point; a missing place counts against the shares) and actor country (the
country named in `actor1`, else the event's country, found among our initiators).
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from trucewatch.errors import InputError
from trucewatch.evaluate.choice import first_violent, initiators, reported_count
from trucewatch.evaluate.countries import actor_code, country_from_name, country_in_text
from trucewatch.evaluate.gold import GoldItem, parse_count, parse_float, parse_iso_date, read_table
from trucewatch.evaluate.metrics import Accuracy, Classes, Distances, Score, haversine_km
from trucewatch.records import Extraction

COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
           "location", "latitude", "longitude", "fatalities", "notes")


def parse_event_date(value: str, source: str) -> date:
    """ACLED exports write 2015-08-11 or '11 August 2015'."""
    from datetime import datetime

    for layout in ("%d %B %Y", "%d-%b-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value.strip(), layout).date()
        except ValueError:
            continue
    return parse_iso_date(value, source, "event_date")


def read(path: Path, *, lag: int = 2, **_options) -> Iterator[GoldItem | InputError]:
    for line, row in read_table(path, COLUMNS):
        source = f"{path}:{line}"
        if not row["notes"]:
            yield InputError(source, "column notes is empty: nothing to extract from")
            continue
        try:
            event_date = parse_event_date(row["event_date"], source)
        except InputError as error:
            yield error
            continue
        country = country_from_name(row["country"])
        yield GoldItem(
            id=row.get("event_id_cnty") or row.get("data_id") or f"row-{line}",
            text=row["notes"],
            published=event_date + timedelta(days=lag),
            gold={
                "date": event_date,
                "event_type": row["event_type"],
                "sub_event_type": row["sub_event_type"],
                "fatalities": parse_count(row["fatalities"]),
                "lat": parse_float(row["latitude"]),
                "lon": parse_float(row["longitude"]),
                "actor_country": country_in_text(row["actor1"]) or country,
                "actor1": row["actor1"],
            },
            source=source,
        )


def within_share(ours: int, gold: int, share: float = 0.2) -> bool:
    return abs(ours - gold) <= share * gold if gold else ours == 0


class Scorer:
    def __init__(self) -> None:
        self.sub_event = Classes()
        self.event_type = Accuracy()
        self.fatal_exact, self.fatal_near = Accuracy(), Accuracy()
        self.date_exact, self.date_contains = Accuracy(), Accuracy()
        self.place = Distances()
        self.actor = Accuracy()

    def add(self, item: GoldItem, extraction: Extraction) -> list[dict]:
        gold = item.gold
        event = first_violent(extraction.events)
        misses = []
        sub_event = event.acled.sub_event_type if event and event.acled else None
        if not self.sub_event.add(gold["sub_event_type"], sub_event):
            misses.append({"field": "sub_event_type", "gold": gold["sub_event_type"],
                           "predicted": sub_event})
        event_type = event.acled.event_type if event and event.acled else None
        if not self.event_type.add(event_type == gold["event_type"]):
            misses.append({"field": "event_type", "gold": gold["event_type"], "predicted": event_type})
        if gold["fatalities"] is not None:
            ours = reported_count(event.fatalities if event else None) or 0  # missing reads as 0
            self.fatal_near.add(within_share(ours, gold["fatalities"]))
            if not self.fatal_exact.add(ours == gold["fatalities"]):
                misses.append({"field": "fatalities", "gold": gold["fatalities"], "predicted": ours})
        when = event.when if event else None
        exact = bool(when and when.start == when.end == gold["date"])
        self.date_exact.add(exact)
        if not self.date_contains.add(bool(when and when.start <= gold["date"] <= when.end)) or not exact:
            misses.append({"field": "date", "gold": gold["date"].isoformat(),
                           "predicted": [when.start.isoformat(), when.end.isoformat()] if when else None})
        misses += self._place(gold, event)
        if gold["actor_country"]:
            codes = [actor_code(actor.country, actor.sector) for actor in initiators(event)]
            if not self.actor.add(gold["actor_country"] in codes):
                misses.append({"field": "actor country", "gold": gold["actor_country"],
                               "predicted": codes, "actor": gold["actor1"]})
        return misses

    def _place(self, gold: dict, event) -> list[dict]:
        if gold["lat"] is None or gold["lon"] is None:
            return []
        location = event.location if event else None
        if location is None or location.lat is None or location.lon is None:
            self.place.add(None)
            return [{"field": "location", "gold": [gold["lat"], gold["lon"]], "predicted": None}]
        km = haversine_km(gold["lat"], gold["lon"], location.lat, location.lon)
        self.place.add(km)
        if km > 25:
            return [{"field": "location", "gold": [gold["lat"], gold["lon"]],
                     "predicted": [location.lat, location.lon], "km": round(km, 1),
                     "place": location.name or location.text}]
        return []

    def scores(self) -> list[Score]:
        rows = self.sub_event.scores("sub_event_type")[:2]
        rows.append(self.event_type.score("event_type accuracy"))
        rows.append(self.fatal_exact.score("fatalities exact", "missing count reads as 0"))
        rows.append(self.fatal_near.score("fatalities within ±20%"))
        rows.append(self.date_exact.score("date exact day"))
        rows.append(self.date_contains.score("date interval contains"))
        rows += self.place.scores("location")
        rows.append(self.actor.score("actor country", "actor1's country among our initiators"))
        return rows
