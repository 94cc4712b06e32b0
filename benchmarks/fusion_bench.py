"""Incident fusion and truce check on 100,000 synthetic event mentions.

Invented reports: about 33,000 incidents over a year, 30% at 12 real Syrian places (GeoNames
coordinates), the rest on an invented 25 km grid over Syria; each told by 1-5 outlets with their
own time precision, casualty figures and claims. Times `trucewatch.incidents.fuse` and
`trucewatch.truce.check` (terms given inline, with coordinates, so no gazetteer is needed), and
scores the fusion against the known truth with B-cubed precision and recall: against the
generated incidents, and against the distinguishable ones (same type, place and day merged,
since no one can tell those apart).
Prints one JSON object. Usage: python benchmarks/fusion_bench.py [--quick] [--events N]
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from datetime import date, timedelta

PLACES = {  # name: (lat, lon, admin1) — GeoNames coordinates
    "Idlib": (35.9306, 36.6339, "Idlib"), "Maarrat Misrin": (35.99, 36.69, "Idlib"),
    "Saraqib": (35.8644, 36.8006, "Idlib"), "Ariha": (35.8136, 36.6100, "Idlib"),
    "Hama": (35.1318, 36.7578, "Hama"), "Kafr Zita": (35.3736, 36.6017, "Hama"),
    "Aleppo": (36.2021, 37.1343, "Aleppo"), "Homs": (34.7268, 36.7234, "Homs"),
    "Daraa": (32.6189, 36.1021, "Daraa"), "Douma": (33.5711, 36.4019, "Rif Dimashq"),
    "Raqqa": (35.9528, 39.0079, "Raqqa"), "Latakia": (35.5317, 35.7901, "Latakia"),
}
TYPES = ["air_strike", "shelling", "armed_clash", "bombing", "military_flight", "attack",
         "protest", "aid_delivered", "meeting", "arrest"]
ACTORS = [("government aircraft", "Syria", "SYR", "MIL"), ("Russian jets", "Russia", "RUS", "MIL"),
          ("rebels", "Free Syrian Army", "SYR", "REB"), ("Islamic State fighters", "Islamic State", None, "REB"),
          ("gunmen", None, None, "UAF")]
OUTLETS = [f"Outlet {n}" for n in range(40)]
TRUCE = {
    "name": "Benchmark truce (invented)", "parties": ["SYR", "RUS", "Free Syrian Army"],
    "excluded": ["Islamic State"],
    "area": {"places": [{"name": "Idlib", "lat": 35.9306, "lon": 36.6339, "country": "SYR",
                         "admin1": "Idlib"},
                        {"name": "Hama", "lat": 35.1318, "lon": 36.7578, "country": "SYR",
                         "admin1": "Hama"}],
             "buffer_km": 25, "countries": ["SYR"]},
    "start": "2016-03-10T00:00", "end": "2016-09-10T23:59", "timezone": "Asia/Damascus",
    "prohibited": ["air_strike", "shelling", "armed_clash", "bombing", "military_flight"],
}


def grid_places(step: float = 0.25) -> dict:
    """Invented places on a grid over Syria's extent (about 25 km apart), so that distinct
    synthetic incidents rarely share type, day and place by chance."""
    places = {}
    for row in range(int((37.0 - 32.5) / step)):
        for column in range(int((41.5 - 35.8) / step)):
            places[f"Grid {row}-{column}"] = (32.5 + row * step, 35.8 + column * step, None)
    return places


def synthetic_extractions(events: int, seed: int = 11, *, first_incident: int = 0,
                          days: int = 365) -> tuple[list, dict[str, str]]:
    """Extractions holding `events` mentions of fewer real incidents, 1-5 reports each; and each
    incident's signature `type|place|day` (what tells incidents apart). `first_incident` numbers
    the incidents on from there (so parts generated apart never share a report); `days` is the
    period they fall in."""
    from trucewatch.records import (ActorRef, Casualties, Claim, Claimant, Document, Event,
                                    Extraction, Location, When)

    rng = random.Random(seed)
    start = date(2016, 3, 1)
    grid = grid_places()
    extractions = []
    made = 0
    incident = first_incident
    signatures: dict[str, str] = {}
    while made < events:
        incident += 1
        kind = rng.choice(TYPES)
        table = PLACES if rng.random() < 0.3 else grid
        place = rng.choice(list(table))
        lat, lon, admin1 = table[place]
        lat += rng.uniform(-0.02, 0.02)
        lon += rng.uniform(-0.02, 0.02)
        day = start + timedelta(days=rng.randrange(days))
        actor = rng.choice(ACTORS)
        killed = rng.choice([None, 0, 1, 2, 3, 5, 8, 12, 20])
        signatures[f"synthetic-{incident}"] = f"{kind}|{place}|{day}"
        for report in range(min(rng.randint(1, 5), events - made)):
            published = day + timedelta(days=rng.randrange(3))
            text = f"Report {incident}-{report}: {actor[0]} and a {kind} near {place} on {day}."
            document = Document.from_text(text, published=published, source=rng.choice(OUTLETS),
                                          ref=f"synthetic-{incident}-{report}")
            vague = rng.random() < 0.2
            when = (When(start=day - timedelta(days=day.weekday()), end=day + timedelta(days=6 - day.weekday()),
                         precision="week") if vague else When(start=day, end=day, precision="day"))
            figure = None if killed is None else max(0, killed + rng.choice([-1, 0, 0, 1]))
            claims = []
            if rng.random() < 0.3:
                claims.append(Claim(claimant=Claimant(text="the government", name="Syria", country="SYR",
                                                      sector="GOV"),
                                    stance=rng.choice(["denies", "accuses"]), about="perpetrator",
                                    value=rng.choice(["SYR", "RUS", None]), text=text, start=0,
                                    end=len(text)))
            event = Event(
                id=f"{document.id}:0", type=kind, when=when,
                actors=[ActorRef(text=actor[0], name=actor[1], country=actor[2], sector=actor[3],
                                 role="initiator")] if rng.random() < 0.8 else [],
                location=Location(text=place, name=place, lat=lat, lon=lon, country="SYR",
                                  admin1=admin1, precision="city"),
                fatalities=None if figure is None else Casualties(low=figure, best=figure),
                claims=claims)
            extractions.append(Extraction(document=document, events=[event]))
            made += 1
    return extractions, signatures


def incident_of(ref: str) -> str:
    """The generated incident of a report ref `synthetic-<incident>-<report>`."""
    return ref.rsplit("-", 1)[0]


def bcubed(clusters: list[list[str]], truth_of=incident_of) -> dict:
    """B-cubed precision/recall of fused clusters against a truth (by default: the generated incident)."""
    truth_sizes: dict[str, int] = {}
    for cluster in clusters:
        for ref in cluster:
            truth_sizes[truth_of(ref)] = truth_sizes.get(truth_of(ref), 0) + 1
    precision = recall = 0.0
    total = 0
    for cluster in clusters:
        counts: dict[str, int] = {}
        for ref in cluster:
            counts[truth_of(ref)] = counts.get(truth_of(ref), 0) + 1
        for ref in cluster:
            same = counts[truth_of(ref)]
            precision += same / len(cluster)
            recall += same / truth_sizes[truth_of(ref)]
            total += 1
    return {"bcubed_precision": round(precision / total, 3), "bcubed_recall": round(recall / total, 3)}


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--events", type=int, default=None)
    args = parser.parse_args(argv)
    count = args.events or (5000 if args.quick else 100_000)
    result: dict = {"events": count}
    started = time.perf_counter()
    extractions, signatures = synthetic_extractions(count)
    incidents = len(signatures)
    result["generate_s"] = round(time.perf_counter() - started, 2)
    result["true_incidents"] = incidents
    try:
        from trucewatch.incidents import fuse
        from trucewatch.truce import check, parse_truce
    except ImportError as exc:
        result["skipped"] = f"incidents/truce not available ({exc})"
        print(json.dumps(result))
        return 0
    started = time.perf_counter()
    incident_set = fuse(extractions)
    seconds = time.perf_counter() - started
    fused = list(incident_set)
    result["fusion"] = {"seconds": round(seconds, 2), "per_s": round(count / seconds, 1),
                        "incidents": len(fused),
                        **bcubed([[m.document.ref for m in inc.mentions] for inc in fused])}
    # Separate synthetic incidents of the same type, place and day cannot be told apart by anyone:
    # score against that merged truth too, the fair ceiling for precision.
    merged = bcubed([[m.document.ref for m in inc.mentions] for inc in fused],
                    truth_of=lambda ref: signatures[incident_of(ref)])
    result["fusion"]["distinguishable"] = {
        "incidents": len(set(signatures.values())), **merged}
    terms = parse_truce(TRUCE, "benchmark truce")
    started = time.perf_counter()
    findings = check(terms, incident_set)
    seconds = time.perf_counter() - started
    verdicts: dict[str, int] = {}
    for finding in findings:
        verdict = getattr(finding, "verdict", "?")
        verdicts[verdict] = verdicts.get(verdict, 0) + 1
    result["check"] = {"seconds": round(seconds, 2), "per_s": round(len(fused) / max(seconds, 1e-9), 1),
                       "findings": len(findings), "verdicts": verdicts}
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
