"""Builders for hand-made reports and events: tests, benchmarks and examples use them so they do
not depend on extraction quality. Actors are (text, name, country, sector) tuples; claims are
(claimant text, name, country, sector, stance, about, value) tuples.
"""
from __future__ import annotations

import itertools
from datetime import date
from functools import lru_cache
from importlib import resources

import yaml

from trucewatch.records import ActorRef, Casualties, Claim, Claimant, Document, Event, Location, Span, When

_counter = itertools.count()


@lru_cache(maxsize=1)
def sample_places() -> dict:
    text = resources.files("trucewatch.incidents").joinpath("data/sample_places.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def make_document(text: str, outlet: str, published: str) -> Document:
    return Document.from_text(text, source=outlet, published=date.fromisoformat(published),
                              ref=f"doc-{next(_counter)}")


def make_event(document: Document, n: int = 0, *, type: str = "air_strike", day: str | None = None,
               end: str | None = None, precision: str = "day", place: str | None = "Idlib",
               place_precision: str = "city", actors=(), claims=(), killed=None, status="occurred",
               injured=None) -> Event:
    day = day or document.published.isoformat()
    loc = None
    if place:
        p = sample_places()[place]
        lat, lon, country, admin1 = p["lat"], p["lon"], p["country"], p["admin1"]
        loc = Location(text=place, name=place, lat=lat, lon=lon, country=country, admin1=admin1,
                       precision=place_precision)
    actor_refs = [ActorRef(text=a[0], name=a[1], country=a[2], sector=a[3], role="initiator")
                  for a in actors]
    claim_objs = [Claim(claimant=Claimant(text=c[0], name=c[1], country=c[2], sector=c[3]),
                        stance=c[4], about=c[5], value=c[6], text=document.text[:40], start=0,
                        end=min(40, len(document.text))) for c in claims]
    fat = Casualties(low=killed[0], best=killed[1], high=killed[2], text=f"{killed[1]} killed") if killed else None
    inj = Casualties(low=injured, best=injured, high=None, text=f"{injured} hurt") if injured else None
    sentence_end = document.text.find(".") + 1 or len(document.text)
    return Event(id=f"{document.id}:{n}", type=type, status=status, actors=actor_refs, location=loc,
                 when=When(start=date.fromisoformat(day), end=date.fromisoformat(end or day),
                           precision=precision, text=None),
                 fatalities=fat, injured=inj, claims=claim_objs,
                 evidence=[Span(text=document.text[:sentence_end], start=0, end=sentence_end)])


GOV = ("government aircraft", "Syria", "SYR", "MIL")
RUS = ("Russian jets", "Russia", "RUS", "MIL")
IS = ("Islamic State fighters", "Islamic State", None, "REB")
FSA = ("rebels", "Free Syrian Army", "SYR", "REB")


WIRE = ("Warplanes struck a market in the town of Maarrat Misrin on Monday morning, killing at least "
        "nine people and wounding many more, according to local rescue workers who spoke by telephone. "
        "The strike came a day after the government promised to respect the pause in fighting agreed "
        "last week by the main parties in Idlib province.")


class EventsOnlyStore:
    """A stand-in for a Store holding only the given (Document, Event) pairs: what `run_check` needs
    (`events()` and an `engine` for incidents and findings), without storing documents first."""

    def __init__(self, url: str, pairs):
        import sqlalchemy as sa

        self.engine = sa.create_engine(url)
        self._pairs = pairs

    def events(self):
        return iter(self._pairs)



class PlainIncidentSet:
    """Ready-made incidents in the shape `save_incidents` stores (no fusion behind them)."""

    def __init__(self, incidents):
        self.incidents = {incident.id: incident for incident in incidents}
        self.aliases: dict[str, str] = {}
        self.journal: list = []

    def __iter__(self):
        return iter(self.incidents.values())

    def __len__(self) -> int:
        return len(self.incidents)


SYNTHETIC_VERDICTS = ["violation", "probable violation", "possible violation", "not a violation", "out of scope"]
SYNTHETIC_PARTIES = [("SYR", "Syria", "SYR", "MIL"), ("RUS", "Russia", "RUS", "MIL"),
                     ("Free Syrian Army", "Free Syrian Army", "SYR", "REB")]


def synthetic_incidents(n: int, *, truce: str = "pause", seed: int = 7):
    """n invented incidents over Syria with a party each and a finding under `truce`: every tenth
    has no position, every 13th is dated only to a month, every 17th is undated. For the map and
    load benchmarks and the map tests. Returns (PlainIncidentSet, findings)."""
    import random
    from datetime import timedelta

    from trucewatch.truce.findings import Finding

    from .model import Incident, PartyGrade

    rng = random.Random(seed)
    incidents, findings = [], []
    for k in range(n):
        day = date(2016, 3, 1) + timedelta(days=rng.randrange(60))
        location = None
        if k % 10:
            location = Location(text=f"place {k % 500}", name=f"place {k % 500}", lat=round(rng.uniform(32.5, 37.0), 4),
                                lon=round(rng.uniform(35.8, 42.0), 4), country="SYR",
                                admin1=rng.choice(["Idlib", "Hama", "Aleppo", "Homs", "Daraa"]), precision="city")
        start = None if k % 17 == 0 else day
        key, name, country, sector = rng.choice(SYNTHETIC_PARTIES)
        party = PartyGrade(party=key, name=name, country=country, sector=sector,
                           grade=rng.choice(["Confirmed", "Fair", "Weak", "Contested"]), independent_sources=1,
                           label=key)
        incident_id = f"inc-{k:016x}"
        incidents.append(Incident(id=incident_id, family="aerial", type=rng.choice(["air_strike", "shelling"]),
                                  status="occurred", start=start, end=start,
                                  time_precision="month" if k % 13 == 0 else "day", location=location,
                                  parties=[party]))
        findings.append(Finding(incident=incident_id, verdict=rng.choice(SYNTHETIC_VERDICTS), truce=truce))
    return PlainIncidentSet(incidents), findings
