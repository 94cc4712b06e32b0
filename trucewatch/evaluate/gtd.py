"""Global Terrorism Database CSV: extract from `summary` (its leading "MM/DD/YYYY:" stripped).

Published = the incident date + `--lag` days (an unknown day or month reads as the 1st).
Scored on the first violent event (see `choice`): attack type through data/gtd_attack_types.yaml;
nkill and nwound exact (our `best`, else `low`; missing reads as 0); location km; perpetrator
(`gname`, unless "Unknown") found by fuzzy name among any event's actors, claimants and claim
values; `claimed` = 1 found as a `claims_responsibility` claim on any event, and `claimed` = 0
as no such claim.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from rapidfuzz import fuzz

from trucewatch.errors import InputError
from trucewatch.evaluate.choice import first_violent, reported_count
from trucewatch.evaluate.datafiles import load
from trucewatch.evaluate.gold import GoldItem, parse_count, parse_float, read_table
from trucewatch.evaluate.metrics import Accuracy, Distances, Score, haversine_km
from trucewatch.records import Casualties, Event, Extraction

COLUMNS = ("iyear", "imonth", "iday", "summary", "attacktype1_txt", "weaptype1_txt", "nkill",
           "nwound", "gname", "claimed", "country_txt", "provstate", "city", "latitude",
           "longitude", "specificity")
LEADING_DATE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{2,4}\s*:\s*")
UNKNOWN_GROUPS = {"", "unknown", "unaffiliated individual(s)"}


def incident_date(row: dict, source: str) -> date:
    try:
        year, month, day = (int(float(row[key] or 0)) for key in ("iyear", "imonth", "iday"))
        return date(year, month or 1, day or 1)
    except ValueError:
        raise InputError(source, f"iyear/imonth/iday do not form a date: "
                                 f"{row['iyear']}/{row['imonth']}/{row['iday']}") from None


def read(path: Path, *, lag: int = 2, **_options) -> Iterator[GoldItem | InputError]:
    for line, row in read_table(path, COLUMNS):
        source = f"{path}:{line}"
        summary = LEADING_DATE.sub("", row["summary"]).strip()
        if not summary:
            yield InputError(source, "column summary is empty: nothing to extract from")
            continue
        try:
            when = incident_date(row, source)
        except InputError as error:
            yield error
            continue
        claimed = parse_count(row["claimed"])
        yield GoldItem(
            id=row.get("eventid") or f"row-{line}",
            text=summary,
            published=when + timedelta(days=lag),
            gold={
                "attack_type": row["attacktype1_txt"],
                "nkill": parse_count(row["nkill"]),
                "nwound": parse_count(row["nwound"]),
                "gname": row["gname"],
                "claimed": claimed if claimed in (0, 1) else None,
                "lat": parse_float(row["latitude"]),
                "lon": parse_float(row["longitude"]),
            },
            source=source,
        )


def attack_type(event: Event | None) -> str | None:
    """Our event as a GTD attack type, through the documented map."""
    if event is None:
        return None
    crosswalk = load("gtd_attack_types.yaml")
    if event.type in crosswalk["act_types"]:
        return crosswalk["act_types"][event.type]
    if event.acled:
        return crosswalk["acled_sub_event_types"].get(event.acled.sub_event_type)
    return None


def count(casualties: Casualties | None) -> int:
    """Our figure as GTD counts it: a missing one reads as 0."""
    return reported_count(casualties) or 0


def names_in(extraction: Extraction) -> list[str]:
    """Every way extraction named a participant: actors, targets' excluded, claimants, values."""
    names = []
    for event in extraction.events:
        for actor in event.actors:
            names += [actor.text, actor.name or ""]
        for claim in event.claims:
            names += [claim.claimant.text, claim.claimant.name or "", claim.value or ""]
    return [name for name in names if name]


def same_group(gold: str, ours: str) -> bool:
    """Fuzzy group-name match, also against the short form in brackets ('... (ISIL)')."""
    candidates = [gold] + re.findall(r"\(([^)]+)\)", gold)
    return any(fuzz.token_set_ratio(candidate.lower(), ours.lower()) >= 85 for candidate in candidates)


class Scorer:
    def __init__(self) -> None:
        self.attack = Accuracy()
        self.nkill, self.nwound = Accuracy(), Accuracy()
        self.place = Distances()
        self.perpetrator = Accuracy()
        self.claimed, self.unclaimed = Accuracy(), Accuracy()

    def add(self, item: GoldItem, extraction: Extraction) -> list[dict]:
        gold = item.gold
        event = first_violent(extraction.events)
        misses = []
        ours_attack = attack_type(event)
        if gold["attack_type"] and gold["attack_type"] != "Unknown":
            if not self.attack.add(ours_attack == gold["attack_type"]):
                misses.append({"field": "attack type", "gold": gold["attack_type"],
                               "predicted": ours_attack, "type": event.type if event else None})
        for field, tally, ours in (("nkill", self.nkill, event.fatalities if event else None),
                                   ("nwound", self.nwound, event.injured if event else None)):
            if gold[field] is not None and not tally.add(count(ours) == gold[field]):
                misses.append({"field": field, "gold": gold[field], "predicted": count(ours)})
        if gold["lat"] is not None and gold["lon"] is not None:
            location = event.location if event else None
            km = None
            if location is not None and location.lat is not None and location.lon is not None:
                km = haversine_km(gold["lat"], gold["lon"], location.lat, location.lon)
            self.place.add(km)
            if km is None or km > 25:
                misses.append({"field": "location", "gold": [gold["lat"], gold["lon"]],
                               "predicted": [location.lat, location.lon] if km is not None else None})
        if gold["gname"].strip().lower() not in UNKNOWN_GROUPS:
            names = names_in(extraction)
            if not self.perpetrator.add(any(same_group(gold["gname"], name) for name in names)):
                misses.append({"field": "perpetrator", "gold": gold["gname"], "predicted": names})
        claims = any(claim.stance == "claims_responsibility"
                     for e in extraction.events for claim in e.claims)
        if gold["claimed"] == 1 and not self.claimed.add(claims):
            misses.append({"field": "claimed", "gold": 1, "predicted": 0})
        if gold["claimed"] == 0 and not self.unclaimed.add(not claims):
            misses.append({"field": "claimed", "gold": 0, "predicted": 1})
        return misses

    def scores(self) -> list[Score]:
        rows = [self.attack.score("attack type accuracy", "first violent event; known gold type"),
                self.nkill.score("nkill exact", "missing count reads as 0"),
                self.nwound.score("nwound exact", "missing count reads as 0")]
        rows += self.place.scores("location")
        rows += [self.perpetrator.score("perpetrator found", "among actors and claims"),
                 self.claimed.score("claimed responsibility found", "gold claimed = 1"),
                 self.unclaimed.score("no claim when unclaimed", "gold claimed = 0")]
        return rows
