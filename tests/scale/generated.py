"""Generated event mentions for comparing partitioned fusion with one process.

They are built to meet at the edges fusion cares about: a small area that straddles grid cells,
three weeks that straddle week buckets, every time and place precision (points, provinces,
countries, places without coordinates or country), statuses, perpetrators and targets that may
or may not agree, several events per report, and accusations/denials told as events.
"""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from trucewatch.records import ActorRef, Claim, Claimant, Document, Event, Location, Span, When

TYPES = ["air_strike", "barrel_bomb", "shelling", "armed_clash", "attack", "protest", "accusation", "denial"]
STATUSES = ["occurred", "occurred", "ongoing", "planned", "negated"]
TIME_PRECISIONS = ["day", "day", "days", "week", "month", "year", "unknown"]
PLACE_KINDS = ["point", "point", "point", "admin1", "country", "nowhere", "none"]
POINT_PRECISIONS = ["exact", "neighbourhood", "city", "city", "admin2"]
PROVINCES = ["Idlib", "Hama", "idlib", None]
COUNTRIES = ["SYR", "SYR", "SYR", "TUR"]
ACTORS = [None, ("government aircraft", "Syria", "SYR", "MIL"), ("Russian jets", "Russia", "RUS", "MIL"),
          ("rebels", "Free Syrian Army", "SYR", "REB"), ("gunmen", None, None, "UAF")]
TARGETS = [None, ("a clinic", None, "SYR", "MED", True), ("an army post", None, "SYR", "MIL", False)]
OUTLETS = ["Wire A", "Wire B", "Wire C"]
START = date(2016, 2, 26)

event_spec = st.fixed_dictionaries({
    "type": st.sampled_from(TYPES),
    "status": st.sampled_from(STATUSES),
    "precision": st.sampled_from(TIME_PRECISIONS),
    "day": st.integers(0, 20),
    "place": st.sampled_from(PLACE_KINDS),
    "point_precision": st.sampled_from(POINT_PRECISIONS),
    # a few towns a few km apart, on both sides of the 36th parallel and the 37th meridian (grid
    # cell edges), so that reports of one strike often fall in different blocks
    "lat": st.sampled_from([35.96, 35.99, 36.01, 36.04]),
    "lon": st.sampled_from([36.97, 36.995, 37.01, 37.06]),
    "province": st.sampled_from(PROVINCES),
    "country": st.sampled_from(COUNTRIES),
    "actor": st.sampled_from(ACTORS),
    "target": st.sampled_from(TARGETS),
})
report_spec = st.tuples(st.sampled_from(OUTLETS), st.integers(0, 22), st.lists(event_spec, min_size=1, max_size=3))
reports_strategy = st.lists(report_spec, min_size=1, max_size=40)


def _when(spec: dict) -> When:
    day = START + timedelta(days=spec["day"])
    precision = spec["precision"]
    if precision == "days":
        return When(start=day, end=day + timedelta(days=2), precision="days")
    if precision == "week":
        monday = day - timedelta(days=day.weekday())
        return When(start=monday, end=monday + timedelta(days=6), precision="week")
    if precision == "month":
        first = day.replace(day=1)
        return When(start=first, end=(first + timedelta(days=32)).replace(day=1) - timedelta(days=1),
                    precision="month")
    if precision == "year":
        return When(start=date(day.year, 1, 1), end=date(day.year, 12, 31), precision="year")
    return When(start=day, end=day, precision=precision)  # day, or unknown (dates ignored)


def _location(spec: dict) -> Location | None:
    kind = spec["place"]
    if kind == "none":
        return None
    if kind == "nowhere":
        return Location(text="somewhere", precision="unknown")
    if kind == "country":
        return Location(text=spec["country"], country=spec["country"], precision="country")
    if kind == "admin1":
        return Location(text=spec["province"] or "the province", country=spec["country"],
                        admin1=spec["province"], precision="admin1")
    return Location(text="a town", name="A town", lat=spec["lat"], lon=spec["lon"], country=spec["country"],
                    admin1=spec["province"], precision=spec["point_precision"])


def _event(document: Document, n: int, spec: dict) -> Event:
    actors = []
    if spec["actor"]:
        text, name, country, sector = spec["actor"]
        actors.append(ActorRef(text=text, name=name, country=country, sector=sector, role="initiator"))
    targets = []
    if spec["target"]:
        text, name, country, sector, protected = spec["target"]
        targets.append(ActorRef(text=text, name=name, country=country, sector=sector, protected=protected))
    sentence = Span(text=document.text, start=0, end=len(document.text))
    claims = []
    if spec["type"] == "accusation" and spec["actor"]:
        claims.append(Claim(claimant=Claimant(text="activists", sector="CVL"), stance="accuses", about="perpetrator",
                            value=spec["actor"][2], text=document.text, start=0, end=len(document.text)))
    return Event(id=f"{document.id}:{n}", type=spec["type"], status=spec["status"], when=_when(spec),
                 location=_location(spec), actors=actors, targets=targets, claims=claims,
                 evidence=[Span(text=sentence.text, start=n, end=len(document.text))])


def pairs_from(reports: list) -> list[tuple[Document, Event]]:
    """(Document, Event) pairs; each report gets its own invented text (so its own id)."""
    pairs = []
    for number, (outlet, day, specs) in enumerate(reports):
        text = f"Generated report {number} from {outlet}: {len(specs)} events told."
        document = Document.from_text(text, source=outlet, published=START + timedelta(days=day),
                                      ref=f"generated-{number}")
        pairs.extend((document, _event(document, n, spec)) for n, spec in enumerate(specs))
    return pairs
