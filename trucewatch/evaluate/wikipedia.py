"""Wikipedia's "List of terrorist incidents" tables as CSV: date, type, dead, injured, location,
details, perpetrator. Extracted from `details` (citation marks such as "[12]" removed), published
`--lag` days after `date`.

Scored on the report's main event (the event marked `main`; else the first violent one, as for
ACLED and GTD):
- toll: the gold `dead` column reads "7", "3 (+2)" (three victims and two attackers), "13+",
  "10-15", "Unknown". *Exact*: our count (best, else low; none reads as 0) is the victims' number
  or victims plus attackers (reports count either way); ranges have no exact value and are left
  out. *Within the gold range*: our count lies in [low, high] (a "+" has no ceiling; an exact
  gold is its accepted values).
- place: the gold "City, Country" (also "City, State, Country", "A and B, Country") is geocoded
  with the same gazetteer, restricted to the gold country; our place counts when within 25 km of
  any gold city. Rows naming only a country, or a city the gazetteer does not hold, are left
  out (counted in the note). Also reported: the share of our located events that lie in the
  gold country (a place abroad is the worst miss).
- perpetrator: the gold group (unless blank or unknown; "(suspected)" dropped) found by fuzzy
  name, or by the actor dictionary's name for it, among the main event's initiators and the
  document's claims of responsibility; a second figure also counts the parties the main
  event's accusations name ("X is suspected", "blamed on X"), since coders often record a
  suspected group as the perpetrator.
- act family: the gold type read through data/wikipedia_types.yaml as ACLED sub-event types;
  right when our main event's ACLED sub-event type is one of them.
"Any event" rows score the same fields on the best of all our events: the gap between them and
the main-event rows is what choosing the main event costs.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from trucewatch.errors import InputError
from trucewatch.evaluate.choice import first_violent, initiators, reported_count
from trucewatch.evaluate.countries import country_from_name
from trucewatch.evaluate.datafiles import load
from trucewatch.evaluate.gold import GoldItem, read_table
from trucewatch.evaluate.gtd import same_group
from trucewatch.evaluate.metrics import Accuracy, Score, haversine_km
from trucewatch.records import Event, Extraction

COLUMNS = ("date", "type", "dead", "location", "details", "perpetrator")
CITATION = re.compile(r"\[(?:\d+|[a-z ]{1,30})\]")
PLACE_KM = 25.0
UNKNOWN_GROUPS = {"", "unknown", "none", "n/a", "-", "?", "unidentified"}


# ------------------------------------------------------------------ the gold columns

@dataclass(frozen=True)
class GoldToll:
    """What the gold `dead` column allows: exact values (None: a range only) and a range."""

    exact: frozenset[int] | None
    low: int
    high: int | None  # None: no ceiling ("13+")

    def holds(self, ours: int) -> bool:
        if self.exact is not None and ours in self.exact:
            return True
        return self.low <= ours and (self.high is None or ours <= self.high)


_NUMBER = r"\d[\d,]*"
_DEAD = re.compile(
    rf"^(?P<mark>[~>])?\s*(?P<low>{_NUMBER})(?:\s*[-–]\s*(?P<high>{_NUMBER}))?\s*(?P<plus>\+)?"
    rf"\s*(?:\(\s*\+?\s*(?:(?P<extra>{_NUMBER})(?:\s*[-–]\s*(?P<extra_high>{_NUMBER}))?\+?"
    rf"|(?P<open>several|unknown|many))?[a-z ]*\))?$", re.IGNORECASE)


def _int(text: str | None) -> int | None:
    return int(text.replace(",", "")) if text else None


def parse_dead(value: str) -> GoldToll | None:
    """The gold `dead` column as a GoldToll; None when it gives no number of victims.

    "7" -> {7}; "3 (+2)" -> {3, 5}; "13+" -> {13}, no ceiling; "10-15" -> no exact, [10, 15];
    ">20" -> [21, no ceiling]; "~30" -> {30}; "1 (attacker)" -> {1}; "Unknown (+6)" -> None."""
    match = _DEAD.match(CITATION.sub("", value or "").strip())
    if match is None:
        return None
    low, high = _int(match.group("low")), _int(match.group("high"))
    extra, extra_high = _int(match.group("extra")) or 0, _int(match.group("extra_high"))
    open_ended = bool(match.group("plus") or match.group("open"))
    if match.group("mark") == ">":
        return GoldToll(None, low + 1, None)
    if high is not None:  # "10-15 (+2)": a range, no exact value
        return GoldToll(None, min(low, high), max(low, high) + (extra_high or extra))
    exact = frozenset({low, low + extra})
    if extra_high is not None:  # "6 (+25-30)": attackers counted loosely
        return GoldToll(frozenset({low}), low, low + extra_high)
    return GoldToll(exact, low, None if open_ended else low + extra)


_PLACE_SPLIT = re.compile(r"\s*(?:,|/|;|\band\b|&)\s*")
_REGION_WORDS = re.compile(r"^(?:(?:across|northern|southern|eastern|western|central)\s+)+", re.IGNORECASE)
_LEAD_WORDS = re.compile(r"^.*\b(?:in|near|outside|across|of)\s+(?=[A-Z])")


@dataclass(frozen=True)
class GoldPlace:
    country: str | None  # ISO3
    names: tuple[str, ...]  # the places named before the country
    area: str | None  # a state or province between them ("Stanford, California, United States")


def parse_location(value: str) -> GoldPlace:
    """"City, Country", "City, State, Country", "A and B, Country", "various places in X, Country"."""
    text = CITATION.sub("", value or "").strip().rstrip(".")
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts:
        return GoldPlace(None, (), None)
    country = country_from_name(parts[-1]) or country_from_name(_REGION_WORDS.sub("", parts[-1]))
    if country is None or len(parts) == 1:
        return GoldPlace(country, (), None)
    area = parts[-2] if len(parts) >= 3 else None
    names = []
    for name in _PLACE_SPLIT.split(parts[0]):
        name = _LEAD_WORDS.sub("", name).strip()
        if name and name[0].isupper():
            names.append(name)
    return GoldPlace(country, tuple(names), area)


_WORDS = re.compile(r"[\w'’-]+")


def names_in_text(place: GoldPlace, text: str) -> bool:
    """Whether the text writes one of the gold place names (as the gazetteer's name keys match)."""
    from trucewatch.places.names import name_key

    words = _WORDS.findall(text)
    wanted = {name_key(name) for name in place.names}
    return any(name_key(" ".join(words[i:i + n])) in wanted
               for n in range(1, 5) for i in range(len(words) - n + 1))


def country_named_in_text(code: str | None, text: str) -> bool:
    """Whether the text writes the name of the gold country ("Mali", "United States")."""
    if not code:
        return False
    words = _WORDS.findall(text)
    return any(country_from_name(" ".join(words[i:i + n])) == code
               for n in range(1, 5) for i in range(len(words) - n + 1))


@lru_cache(maxsize=20_000)
def gold_points(place: GoldPlace) -> tuple[tuple[float, float], ...]:
    """Gazetteer points for the gold names, each found within the gold country (none found: ())."""
    from trucewatch.places import PlaceContext, resolve

    if not place.names or place.country is None:
        return ()
    points = []
    for name in place.names:
        context = PlaceContext(countries=(place.country,), nearby=(place.area,) if place.area else ())
        found = resolve(name, context=context)
        if found is not None and place.country in (found.country3, found.country) \
                and not found.fcode.startswith("PCL"):
            points.append((found.lat, found.lon))
    return tuple(points)


_MONTHS = {name.lower(): n for n, name in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"), start=1)}
_DATE_PARTS = re.compile(r"[A-Za-z]+|\d+")


def _incident_date(value: str, source: str) -> date:
    """"January 13 1970"; a span or a bare month or year ("February 19–28 1972", "May 1970",
    "1971") reads as its first day: the texts rarely give a date anyway."""
    parts = _DATE_PARTS.findall(value or "")
    years = [int(p) for p in parts if p.isdigit() and len(p) == 4]
    month = next((_MONTHS[p.lower()] for p in parts if p.lower() in _MONTHS), 1)
    day = next((int(p) for p in parts if p.isdigit() and len(p) <= 2 and 1 <= int(p) <= 31), 1)
    if not years:
        raise InputError(source, f"column date names no year: {value!r}")
    try:
        return date(years[-1], month, day)
    except ValueError:
        return date(years[-1], month, 1)


def _group(value: str) -> str | None:
    text = CITATION.sub("", value or "")
    text = re.sub(r"\(?\bsuspected\b\)?|\(?\balleged(?:ly)?\b\)?", "", text, flags=re.IGNORECASE)
    text = " ".join(text.split()).strip(" ,;")
    return None if text.lower() in UNKNOWN_GROUPS else text


def read(path: Path, *, lag: int = 2, **_options) -> Iterator[GoldItem | InputError]:
    for line, row in read_table(path, COLUMNS):
        source = f"{path}:{line}"
        text = " ".join(CITATION.sub("", row["details"]).split())
        if not text:
            yield InputError(source, "column details is empty: nothing to extract from")
            continue
        try:
            when = _incident_date(row["date"], source)
        except InputError as error:
            yield error
            continue
        yield GoldItem(
            id=f"row-{line}",
            text=text,
            published=when + timedelta(days=lag),
            gold={"type": row["type"], "dead": parse_dead(row["dead"]),
                  "place": parse_location(row["location"]), "perpetrator": _group(row["perpetrator"])},
            source=source,
        )


# ------------------------------------------------------------------ act families

@lru_cache(maxsize=1)
def _type_tables() -> tuple[list[tuple[str, str]], dict[str, frozenset[str]]]:
    data = load("wikipedia_types.yaml")
    keywords = [(str(word).lower(), family) for word, family in data["keywords"]]
    families = {name: frozenset(types) for name, types in data["families"].items()}
    return keywords, families


def gold_families(value: str) -> frozenset[str]:
    """The act families a gold type names ("Shooting, kidnapping" -> {armed, abduction})."""
    keywords, _ = _type_tables()
    found = set()
    for part in _PLACE_SPLIT.split((value or "").lower()):
        family = next((family for word, family in keywords if word in part), None)
        if family:
            found.add(family)
    return frozenset(found)


def accepted_sub_types(families: frozenset[str]) -> frozenset[str]:
    _, tables = _type_tables()
    return frozenset(sub for family in families for sub in tables[family])


# ------------------------------------------------------------------ which event

def main_event(events: list[Event]) -> Event | None:
    """The event extraction marks as the report's main one, else the first violent one."""
    marked = [event for event in events if getattr(event, "main", False)]
    return marked[0] if marked else first_violent(events)


def _count(event: Event | None) -> int:
    return (reported_count(event.fatalities) if event else None) or 0


def _sub_type(event: Event | None) -> str | None:
    return event.acled.sub_event_type if event is not None and event.acled else None


def _km(event: Event | None, points) -> float | None:
    location = event.location if event is not None else None
    if location is None or location.lat is None or location.lon is None or not points:
        return None
    return min(haversine_km(lat, lon, location.lat, location.lon) for lat, lon in points)


def _names(events: list[Event], extraction: Extraction) -> list[str]:
    names = []
    for event in events:
        for actor in initiators(event):
            names += [actor.text, actor.name or ""]
    for event in extraction.events:
        for claim in event.claims:
            if claim.stance == "claims_responsibility":
                names += [claim.claimant.text, claim.claimant.name or ""]
    return [name for name in names if name]


def _accused(events: list[Event]) -> list[str]:
    """The parties the main event's accusations name ("Boko Haram is suspected")."""
    return [claim.value for event in events for claim in event.claims
            if claim.stance == "accuses" and claim.value]


@lru_cache(maxsize=5_000)
def _dictionary_name(group: str) -> str | None:
    try:
        from trucewatch.extract.links import resolve_actor
    except ImportError:
        return None
    return resolve_actor(group).name


def found_group(gold: str, names: list[str]) -> bool:
    """The gold group among our names, by fuzzy name or by the actor dictionary's name for it."""
    known = _dictionary_name(gold)
    return any(same_group(gold, name) or (known and name == known) for name in names)


class Scorer:
    def __init__(self) -> None:
        self.exact, self.in_range = Accuracy(), Accuracy()
        self.place, self.in_country, self.place_named = Accuracy(), Accuracy(), Accuracy()
        self.abroad_named = Accuracy()  # located main events abroad though the text names the country
        self.perpetrator, self.family = Accuracy(), Accuracy()
        self.perpetrator_or_accused = Accuracy()
        self.any_exact, self.any_place, self.any_family = Accuracy(), Accuracy(), Accuracy()
        self.place_unknown = self.place_country_only = 0
        self.family_unscored = 0

    def add(self, item: GoldItem, extraction: Extraction) -> list[dict]:
        gold, events = item.gold, list(extraction.events)
        event = main_event(events)
        misses: list[dict] = []
        self._toll(gold["dead"], event, events, misses)
        self._place(gold["place"], event, events, misses, item.text)
        if gold["perpetrator"]:
            names = _names([event] if event else [], extraction)
            found = self.perpetrator.add(found_group(gold["perpetrator"], names))
            accused = _accused([event] if event else [])
            if not self.perpetrator_or_accused.add(found or found_group(gold["perpetrator"], accused)):
                misses.append({"field": "perpetrator", "gold": gold["perpetrator"], "predicted": names,
                               "accused": accused})
        families = gold_families(gold["type"])
        if families:
            accepted = accepted_sub_types(families)
            ours = _sub_type(event)
            if not self.family.add(ours in accepted):
                misses.append({"field": "act family", "gold": gold["type"], "predicted": ours,
                               "type": event.type if event else None, "families": sorted(families)})
            self.any_family.add(any(_sub_type(e) in accepted for e in events))
        else:
            self.family_unscored += 1
        return misses

    def _toll(self, toll: GoldToll | None, event, events, misses: list[dict]) -> None:
        if toll is None:
            return
        ours = _count(event)
        in_range = self.in_range.add(toll.holds(ours))
        if toll.exact is not None:
            self.exact.add(ours in toll.exact)
            self.any_exact.add(any(_count(e) in toll.exact for e in events) or (not events and 0 in toll.exact))
        if not in_range:
            misses.append({"field": "toll", "gold": sorted(toll.exact) if toll.exact else [toll.low, toll.high],
                           "predicted": ours, "type": event.type if event else None,
                           "phrase": event.fatalities.text if event and event.fatalities else None})

    def _place(self, place: GoldPlace, event, events, misses: list[dict], text: str) -> None:
        if not place.names:
            self.place_country_only += 1
            return
        points = gold_points(place)
        if not points:
            self.place_unknown += 1
            return
        km = _km(event, points)
        if names_in_text(place, text):
            self.place_named.add(km is not None and km <= PLACE_KM)
        if not self.place.add(km is not None and km <= PLACE_KM):
            location = event.location if event else None
            misses.append({"field": "place", "gold": f"{', '.join(place.names)}, {place.country}",
                           "predicted": f"{location.text} -> {location.name}, {location.country}"
                           if location else None, "km": round(km) if km is not None else None})
        self.any_place.add(any((k := _km(e, points)) is not None and k <= PLACE_KM for e in events))
        location = event.location if event else None
        if location is not None and location.country:
            if country_named_in_text(place.country, text):
                self.abroad_named.add(location.country != place.country)
            if not self.in_country.add(location.country == place.country):
                misses.append({"field": "place country", "gold": place.country, "predicted": location.country,
                               "text": location.text})

    def scores(self) -> list[Score]:
        return [
            self.exact.score("toll exact", "main event; victims, or victims and attackers; none reads as 0"),
            self.in_range.score("toll within gold range", "ranges and '+' included"),
            self.place.score("place within 25 km",
                             f"of the gold city; {self.place_country_only} rows name only a country, "
                             f"{self.place_unknown} a place the gazetteer lacks (not scored)"),
            self.in_country.score("place in gold country", "share of located main events"),
            Score("places abroad when the text names the gold country", self.abroad_named.correct,
                  self.abroad_named.total, "located main events outside the country the text names; should be 0"),
            self.place_named.score("place within 25 km, text names the gold place",
                                   "rows whose text writes the gold city's name (the rest cannot be read from it)"),
            self.perpetrator.score("perpetrator found", "main event's initiators, claims of responsibility"),
            self.perpetrator_or_accused.score("perpetrator found or accused",
                                              "also the parties the main event's accusations name "
                                              "(misses listed by this one)"),
            self.family.score("act family", f"ACLED sub-event type; {self.family_unscored} gold types unmapped"),
            self.any_exact.score("toll exact on any event", "best of all events (what a perfect main-event choice gives)"),
            self.any_place.score("place within 25 km on any event", "best of all events"),
            self.any_family.score("act family on any event", "best of all events"),
        ]
