"""Benchmark: fuse and check N synthetic event mentions (default 100,000).

Synthetic incidents are scattered over Syria and a year; each is told by one to five outlets,
some as verbatim wire copies, some with a coarse date or place. `run()` returns timings in seconds.
Run alone:  .venv/bin/python benchmarks/fusion_bench_impl.py [N]
"""
from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from trucewatch.incidents import fuse
from trucewatch.records import ActorRef, Casualties, Claim, Claimant, Document, Event, Location, Span, When
from trucewatch.truce import check, parse_truce

TYPES = ["air_strike", "shelling", "armed_clash", "bombing", "military_flight", "aid_blocked", "protest"]
ACTORS = [("government forces", "Syria", "SYR", "MIL"), ("Russian aircraft", "Russia", "RUS", "MIL"),
          ("rebels", "Free Syrian Army", "SYR", "REB"), ("Islamic State", "Islamic State", None, "REB")]
OUTLETS = [f"Outlet {i}" for i in range(40)]
WORDS = ("town village market road school clinic convoy bridge field farm morning evening night "
         "residents witnesses rescuers doctors officials monitors fighters jets shells rockets "
         "killed wounded damaged destroyed reported said confirmed denied blamed near east west").split()

TRUCE = {
    "name": "Benchmark truce", "parties": ["SYR", "RUS", "Free Syrian Army"], "excluded": ["Islamic State"],
    "area": {"places": [{"name": "Idlib", "lat": 35.93, "lon": 36.63, "country": "SYR", "admin1": "Idlib"}],
             "buffer_km": 60, "countries": ["SYR"]},
    "start": "2016-03-01T00:00", "end": "2016-09-30T23:59", "timezone": "Asia/Damascus",
    "prohibited": ["air_strike", "shelling", "armed_clash", "bombing", "military_flight"],
    "obligations": ["aid_access"],
}


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)) + "."


def synthetic_pairs(n_events: int, seed: int = 1, truth: dict | None = None) -> list[tuple[Document, Event]]:
    """About n_events (Document, Event) pairs telling n_events / 2.7 distinct incidents.

    `truth`, when given, receives event id -> the number of the real incident it tells.
    """
    rng = random.Random(seed)
    pairs: list[tuple[Document, Event]] = []
    day0 = date(2016, 1, 1)
    serial = 0
    story_no = 0
    while len(pairs) < n_events:
        story_no += 1
        lat, lon = rng.uniform(32.5, 37.0), rng.uniform(35.8, 42.0)
        day = day0 + timedelta(days=rng.randrange(366))
        act = rng.choice(TYPES)
        actor = ActorRef(text=(a := rng.choice(ACTORS))[0], name=a[1], country=a[2], sector=a[3], role="initiator")
        story = _text(rng, 45)
        for k in range(min(rng.choice([1, 1, 2, 3, 4, 5]), n_events - len(pairs))):
            serial += 1
            copy = k > 0 and rng.random() < 0.25
            text = (story if copy else _text(rng, 45)) + f" Report {serial}."
            outlet = rng.choice(OUTLETS)
            doc = Document.from_text(text, source=outlet, published=day + timedelta(days=rng.randrange(3)))
            coarse_time = rng.random() < 0.08
            coarse_place = rng.random() < 0.08
            when = (When(start=day.replace(day=1), end=(day.replace(day=28) + timedelta(days=4)).replace(day=1)
                         - timedelta(days=1), precision="month") if coarse_time else
                    When(start=day, end=day, precision="day"))
            loc = Location(text="x", name=f"place {lat:.2f},{lon:.2f}", lat=lat + rng.uniform(-0.01, 0.01),
                           lon=lon + rng.uniform(-0.01, 0.01), country="SYR",
                           admin1=f"province {int(lat / 1.5)}-{int(lon / 1.5)}",
                           precision="admin1" if coarse_place else "city")
            claims = []
            if rng.random() < 0.1:
                claims.append(Claim(claimant=Claimant(text="officials", name=a[1], country=a[2], sector="GOV"),
                                    stance="denies", about="perpetrator", value=a[2] or a[1],
                                    text=text[:30], start=0, end=30))
            killed = rng.randrange(0, 20)
            if truth is not None:
                truth[f"{doc.id}:0"] = story_no
            pairs.append((doc, Event(
                id=f"{doc.id}:0", type=act, actors=[actor], location=loc, when=when, claims=claims,
                fatalities=Casualties(low=killed, best=killed, high=killed + rng.randrange(3)),
                evidence=[Span(text=text[:40], start=0, end=40)])))
    return pairs


def run(n_events: int = 100_000) -> dict:
    """Timings (seconds) for building, fusing and checking n_events synthetic mentions."""
    t0 = time.perf_counter()
    truth: dict[str, int] = {}
    pairs = synthetic_pairs(n_events, truth=truth)
    t1, c1 = time.perf_counter(), time.process_time()
    incidents = fuse(pairs)
    t2 = time.perf_counter()
    findings = check(parse_truce(TRUCE, "benchmark"), incidents)
    t3, c3 = time.perf_counter(), time.process_time()
    quality = fusion_quality(incidents, truth)
    verdicts: dict[str, int] = {}
    for f in findings:
        verdicts[f.verdict] = verdicts.get(f.verdict, 0) + 1
    return {
        "n_events": len(pairs), "n_incidents": len(incidents), "build_s": round(t1 - t0, 2),
        "fuse_s": round(t2 - t1, 2), "check_s": round(t3 - t2, 2), "fuse_check_s": round(t3 - t1, 2),
        "fuse_check_cpu_s": round(c3 - c1, 2),
        "events_per_s": round(len(pairs) / max(t3 - t1, 1e-9)), "verdicts": verdicts,
        "true_incidents": len(set(truth.values())), **quality,
    }


def fusion_quality(incidents, truth: dict[str, int]) -> dict:
    """Pairwise precision and recall of fusion against the known incident of every mention."""
    from collections import Counter
    from math import comb

    same_pred = sum(comb(len(i.mentions), 2) for i in incidents)
    same_true = sum(comb(n, 2) for n in Counter(truth.values()).values())
    agree = sum(comb(n, 2) for i in incidents for n in Counter(truth[e] for e in i.event_ids).values())
    return {"pair_precision": round(agree / max(same_pred, 1), 4),
            "pair_recall": round(agree / max(same_true, 1), 4)}


if __name__ == "__main__":
    print(run(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
