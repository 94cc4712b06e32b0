"""Hand-made events for export tests (invented places and numbers)."""
from __future__ import annotations

from datetime import date

import pytest

from trucewatch.records import (Acled, ActorRef, Casualties, Claim, Claimant, Document, Event,
                                Extraction, Location, Plover, Span, When)


def make_pairs() -> list[tuple[Document, Event]]:
    first = Document.from_text("Government aircraft struck a clinic in Testville on Monday; 3 killed.",
                               ref="r1", published=date(2016, 3, 8), source="Wire A")
    second = Document.from_text("Rebels shelled Mocktown.", ref="r2", published=date(2016, 3, 20))
    strike = Event(
        id=f"{first.id}:0", type="air_strike", status="occurred",
        plover=Plover(event="ASSAULT", mode="aerial"), cameo="195",
        acled=Acled(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike"),
        actors=[ActorRef(text="Government aircraft", name="Testland", country="TST", sector="MIL", role="initiator"),
                ActorRef(text="allied jets", sector="MIL", role="initiator")],
        targets=[ActorRef(text="a clinic", sector="MED", protected=True)],
        location=Location(text="Testville", name="Testville", geonameid=1, lat=33.5, lon=36.3,
                          country="SYR", admin1="Somewhere", precision="city"),
        when=When(start=date(2016, 3, 7), end=date(2016, 3, 7), precision="day", text="on Monday"),
        fatalities=Casualties(low=3, best=3, text="3 killed"),
        claims=[Claim(claimant=Claimant(text="activists", sector="CVL"), stance="accuses",
                      about="perpetrator", value="TST", text="x", start=0, end=1)],
        evidence=[Span(text="Government aircraft struck a clinic in Testville on Monday", start=0, end=58)],
    )
    vague = Event(
        id=f"{first.id}:1", type="shelling", status="ongoing",
        when=When(start=date(2016, 3, 1), end=date(2016, 3, 8), precision="week"),
    )
    shelling = Event(
        id=f"{second.id}:0", type="shelling",
        acled=Acled(event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack"),
        actors=[ActorRef(text="Rebels", sector="REB", role="initiator")],
        location=Location(text="Mocktown", country="SYR", precision="admin2"),
        when=When(start=date(2016, 3, 19), end=date(2016, 3, 19), precision="day"),
    )
    return [(first, strike), (first, vague), (second, shelling)]


class ListStore:
    """Stands in for the store's two read calls used by exports."""

    def __init__(self, pairs):
        self.pairs = pairs

    def events(self, since=None, until=None):
        for document, event in self.pairs:
            if (since is None or event.when.end >= since) and (until is None or event.when.start <= until):
                yield document, event

    def extractions(self):
        by_document = {}
        for document, event in self.pairs:
            by_document.setdefault(document.id, (document, []))[1].append(event)
        for document, events in by_document.values():
            yield Extraction(document=document, events=events)


@pytest.fixture
def pairs():
    return make_pairs()


@pytest.fixture
def list_store(pairs):
    return ListStore(pairs)
