"""Sample records for the storage tests: our own invented reports, not third-party text."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from trucewatch.records import (
    Acled, ActorRef, Casualties, Claim, Claimant, Document, Event, Extraction, Location, Plover,
    Span, When,
)

MARKET_REPORT = (
    "Shelling struck the vegetable market in Darayya on Tuesday, killing at least 7 people, "
    "a local council said. The army denied firing on the town."
)
CLINIC_REPORT = (
    "An air strike hit a clinic near Taiz on 3 March, wounding 4 staff, according to an aid group."
)
TALKS_REPORT = "Delegations met in Geneva to discuss the monitoring mechanism; no incidents were reported."


def make_document(text: str, **fields) -> Document:
    fields.setdefault("source", "Example Wire")
    fields.setdefault("retrieved", datetime(2016, 3, 5, 8, 30, 15, 123456, tzinfo=timezone.utc))
    return Document.from_text(text, **fields)


def market_extraction() -> Extraction:
    document = make_document(MARKET_REPORT, ref="report-1", published=date(2016, 3, 2),
                             title="Market shelled", url="https://example.org/1", path="in/1.txt")
    claim_text = "The army denied firing on the town."
    start = document.text.index(claim_text)
    event = Event(
        id=f"{document.id}:0",
        type="shelling",
        status="occurred",
        plover=Plover(event="ASSAULT", mode="artillery"),
        cameo="194",
        acled=Acled(event_type="Explosions/Remote violence",
                    sub_event_type="Shelling/artillery/missile attack"),
        actors=[ActorRef(text="the army", name="Syria", country="SYR", sector="MIL", role="initiator")],
        targets=[ActorRef(text="the vegetable market", country="SYR", sector="CVL", protected=True)],
        location=Location(text="Darayya", name="Darayya", geonameid=170592, lat=33.4581, lon=36.2361,
                          country="SYR", admin1="Rif Dimashq", precision="city"),
        when=When(start=date(2016, 3, 1), end=date(2016, 3, 1), precision="day", text="on Tuesday"),
        fatalities=Casualties(low=7, best=7, high=None, text="killing at least 7 people"),
        claims=[Claim(claimant=Claimant(text="The army", name="Syria", country="SYR", sector="MIL"),
                      stance="denies", about="perpetrator", value="SYR", text=claim_text,
                      start=start, end=start + len(claim_text))],
        evidence=[Span(text=document.text[:60], start=0, end=60)],
    )
    return Extraction(document=document, events=[event])


def clinic_extraction() -> Extraction:
    document = make_document(CLINIC_REPORT, ref="report-2", published=date(2016, 3, 4),
                             published_given=False, source="Other Wire")
    event = Event(
        id=f"{document.id}:0",
        type="air_strike",
        location=Location(text="Taiz", name="Taiz", lat=13.5795, lon=44.0209, country="YEM",
                          precision="city", note="near"),
        when=When(start=date(2016, 3, 3), end=date(2016, 3, 3), precision="day"),
        injured=Casualties(low=4, best=4, text="wounding 4 staff"),
        targets=[ActorRef(text="a clinic", sector="MED", protected=True)],
    )
    vague = Event(
        id=f"{document.id}:1",
        type="shelling",
        status="hypothetical",
        when=When(start=date(2016, 2, 1), end=date(2016, 2, 29), precision="month"),
    )
    return Extraction(document=document, events=[event, vague])


def talks_extraction() -> Extraction:
    return Extraction(document=make_document(TALKS_REPORT, ref="report-3"))


@pytest.fixture
def samples() -> list[Extraction]:
    """Three reports: one event in Syria, two in Yemen (one month-long), one with none."""
    return [market_extraction(), clinic_extraction(), talks_extraction()]
