"""Commitment checking against `trucewatch check` on the 100,000-event fusion benchmark.

The events of benchmarks/fusion_bench.py plus invented pledge statements (one per `--every`
events, 200 by default: de-escalations naming the acts they stop, accepted ceasefires) by the
benchmark's parties at its places, each with the sentence it is read from. Times, in one process:
- check: what `trucewatch check` computes (fusion of every mention, then the truce check), without
  storage;
- commitments: building the commitments from the fused incidents and assessing each (the
  party's incidents in its area before and after, reports read in each window).
The figure is commitments / check (issue 17: under 10 %), for the fastest of `--repeat` runs and
for the first (cold caches: what one `trucewatch check` pays), from wall time and from this
process's CPU seconds (steadier on a shared machine); each run starts after a full
garbage collection, so the garbage fusion left is not charged to it. /proc/loadavg is printed
before and after, since the machine may be shared. Prints one JSON object.
Usage: python benchmarks/commitments_bench.py [--quick] [--events N] [--every N] [--repeat N]
"""
from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fusion_bench import ACTORS, PLACES, TRUCE, peak_mb, synthetic_extractions  # noqa: E402

PLEDGES = [  # (act type, status, sentence pattern): invented wording
    ("de_escalation", "planned", "{actor} said on {weekday} it would scale back air strikes and shelling in "
                                 "{place} from {start}."),
    ("de_escalation", "planned", "{actor} said it had decided to halt its attacks on {place} for 72 hours."),
    ("ceasefire_agreed", "occurred", "{actor} accepted the ceasefire in {place} from midnight on {weekday}."),
]


def load() -> str:
    try:
        with open("/proc/loadavg", encoding="ascii") as handle:
            return handle.read().strip()
    except OSError:
        return "unknown"


def pledge_extractions(count: int, seed: int = 17) -> list:
    """`count` invented pledge statements at the benchmark's places, over the same year."""
    from trucewatch.records import ActorRef, Claim, Claimant, Document, Event, Extraction, Location, Span, When

    rng = random.Random(seed)
    first = date(2016, 3, 1)
    found = []
    for n in range(count):
        act, status, pattern = rng.choice(PLEDGES)
        text_actor, name, country, sector = rng.choice([a for a in ACTORS if a[1]])
        place = rng.choice(list(PLACES))
        lat, lon, admin1 = PLACES[place]
        day = first + timedelta(days=rng.randrange(365))
        text = pattern.format(actor=text_actor.capitalize(), weekday=f"{day:%A}", place=place,
                              start=f"{day + timedelta(days=1):%d %B}") + f" (pledge {n})"
        document = Document.from_text(text, published=day, source=f"Outlet {n % 40}", ref=f"pledge-{n}")
        sentence = Span(text=text, start=0, end=len(text))
        location = Location(text=place, name=place, lat=lat, lon=lon, country="SYR", admin1=admin1,
                            precision="city")
        claim = Claim(claimant=Claimant(text=text_actor, name=name, country=country, sector=sector),
                      stance="asserts", about="occurrence", text=text, start=0, end=len(text))
        events = [Event(id=f"{document.id}:0", type=act, status=status, when=When(start=day, end=day, precision="day"),
                        actors=[ActorRef(text=text_actor, name=name, country=country, sector=sector,
                                         role="initiator")],
                        location=location, claims=[claim], evidence=[sentence])]
        if act == "de_escalation":
            events += [Event(id=f"{document.id}:{k}", type=t, status="planned", location=location,
                             when=When(start=day, end=day, precision="day"), evidence=[sentence])
                       for k, t in enumerate(("air_strike", "shelling"), 1)]
        found.append(Extraction(document=document, events=events))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--events", type=int, default=None)
    parser.add_argument("--every", type=int, default=500, help="one pledge per this many events")
    parser.add_argument("--repeat", type=int, default=3, help="commitment runs (the fastest counts)")
    args = parser.parse_args(argv)
    count = args.events or (5000 if args.quick else 100_000)
    result: dict = {"events": count, "load_before": load()}
    from trucewatch.commitments.build import build_commitments
    from trucewatch.commitments.compliance import assess
    from trucewatch.incidents import fuse
    from trucewatch.truce import check, parse_truce

    extractions, _ = synthetic_extractions(count)
    pledges = pledge_extractions(max(1, count // args.every))
    result["pledge_statements"] = len(pledges)
    terms = parse_truce(TRUCE, "benchmark truce")

    started, cpu = time.perf_counter(), time.process_time()
    incident_set = fuse(extractions + pledges)
    fused = time.perf_counter() - started
    started = time.perf_counter()
    findings = check(terms, incident_set)
    checked = time.perf_counter() - started
    check_cpu = time.process_time() - cpu
    result["check"] = {"fusion_s": round(fused, 2), "truce_check_s": round(checked, 2),
                       "seconds": round(fused + checked, 2), "cpu_s": round(check_cpu, 2),
                       "incidents": len(incident_set.incidents), "findings": len(findings)}

    runs = []
    for _ in range(max(1, args.repeat)):
        gc.collect()  # the garbage fusion left is fusion's to collect, not the commitments'
        started, cpu = time.perf_counter(), time.process_time()
        commitments = build_commitments(incident_set)
        built = time.perf_counter() - started
        assessments = assess(commitments, incident_set)
        runs.append((time.perf_counter() - started, built, time.process_time() - cpu))
    total, built, _ = min(runs)
    verdicts: dict[str, int] = {}
    for a in assessments:
        verdicts[a.verdict] = verdicts.get(a.verdict, 0) + 1
    result["commitments"] = {"seconds": round(total, 3), "build_s": round(built, 3),
                             "assess_s": round(total - built, 3), "first_run_s": round(runs[0][0], 3),
                             "runs_s": [round(r[0], 3) for r in runs], "runs_cpu_s": [round(r[2], 3) for r in runs],
                             "commitments": len(commitments), "verdicts": verdicts,
                             "breaching_findings": sum(len(a.breaches) for a in assessments)}
    result["ratio"] = round(total / (fused + checked), 4)  # fastest run: the least disturbed by other jobs
    result["first_run_ratio"] = round(runs[0][0] / (fused + checked), 4)  # cold caches, as in one `check`
    # CPU seconds of this process: far steadier than wall time when other jobs share the machine
    result["cpu_ratio"] = round(min(r[2] for r in runs) / check_cpu, 4)
    result["first_run_cpu_ratio"] = round(runs[0][2] / check_cpu, 4)
    result["ratio_to_truce_check_only"] = round(total / checked, 3) if checked else None
    result["load_after"] = load()
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
