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

