"""Review under load, over real HTTP on 127.0.0.1 (loopback only, bounded in time).

On PostgreSQL (and SQLite with --databases), a fresh database holds EVENTS invented reports
(trucewatch.incidents.samples), fused and checked against the example truce; `trucewatch serve`
runs in its own process with its job worker (corrections queue re-checks, which then run during
the load). For SECONDS (default 60):
  readers    READERS clients (default 50) read incident and event lists, the map, single
             incidents and review states;
  reviewers  REVIEWERS clients (default 5) change statuses, assign, comment and correct events
             (fatalities), each write naming the version it read: their own records, and half
             of the writes on two records of each kind that all of them edit, so stale edits
             (409) really happen; each reads the record, thinks 0.2-1.5 s (not timed), writes.
Then the audit log is checked: every accepted write (2xx) is in it exactly once (each write
carries a unique token in its reason or comment), no refused write is, and each record's final
status, assignee and correction are those of its last accepted write (no lost update).
Errors are exceptions and answers other than 2xx, except a stale edit's 409 (counted apart) and
a 404 for a record a re-fusion removed (every event of it rejected; its tombstone is checked).
Prints one JSON object with p50/p95/p99 latencies, counts and the load average before/after.

Usage: python benchmarks/review_bench.py [--quick] [--readers N] [--reviewers N] [--seconds S]
       [--events N] [--databases postgresql,sqlite] [--workers N]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from web_bench import _round, database, loadavg, percentile, server  # noqa: E402  (the web benchmark's helpers)

HOT, SHARED_SHARE = 2, 0.5  # half of the writes go to two records of each kind that all reviewers edit
PLACES = ["Idlib", "Maarrat Misrin", "Hama", "Aleppo", "Damascus"]
TYPES = ["air_strike", "shelling", "armed_clash"]


def fill(url: str, events: int, reviewers: int) -> dict:
    """Reports and events, fused and checked; a viewer token and one write token per reviewer."""
    from datetime import date, timedelta

    from trucewatch.accounts.passwords import cheapest_hashing
    from trucewatch.accounts.tokens import issue_token
    from trucewatch.accounts.users import add_user
    from trucewatch.audit import Actor
    from trucewatch.incidents.samples import FSA, GOV, RUS, make_document, make_event
    from trucewatch.records import Extraction
    from trucewatch.store import open_store
    from trucewatch.truce.run import run_check

    rng = random.Random(5)
    actor = Actor("bench", via="cli")
    root = Path(__file__).resolve().parent.parent
    with open_store(url) as store, cheapest_hashing():
        documents, extractions = [], []
        for n in range(events):
            day = (date(2016, 3, 1) + timedelta(days=rng.randrange(20))).isoformat()
            document = make_document(f"Report {n}: an attack was reported near {rng.choice(PLACES)} ({n}).",
                                     f"Wire {n % 37}", day)
            event = make_event(document, type=rng.choice(TYPES), place=rng.choice(PLACES),
                               actors=[rng.choice([GOV, RUS, FSA])], killed=(n % 5, n % 5, n % 5 + 1))
            documents.append(document)
            extractions.append(Extraction(document=document, events=[event]))
        for start in range(0, events, 500):
            store.add(documents[start:start + 500], extractions[start:start + 500])
        run_check(root / "trucewatch" / "truce" / "examples" / "example_truce.yaml", store, actor=actor)
        add_user(store, "reader", "viewer", "a benchmark passphrase", actor=actor)
        tokens = {"reader": issue_token(store, "reader", name="bench", scope="read", expires_days=1, actor=actor)[1]}
        for n in range(reviewers):
            name = f"reviewer{n}"
            add_user(store, name, "reviewer", "a benchmark passphrase", actor=actor)
            tokens[name] = issue_token(store, name, name="bench", scope="write", expires_days=1, actor=actor)[1]
    return tokens


def record_keys(url: str) -> dict[str, list[str]]:
    import sqlalchemy as sa

    from trucewatch.incidents.tables import findings, incidents
    from trucewatch.store import open_store
    from trucewatch.store.schema import events

    with open_store(url) as store, store.engine.connect() as connection:
        return {"event": sorted(connection.scalars(sa.select(events.c.id))),
                "incident": sorted(connection.scalars(sa.select(incidents.c.id))),
                "finding": sorted(f"{t}|{i}" for t, i in connection.execute(sa.select(findings.c.truce, findings.c.incident_id)))}


async def _run(base: str, tokens: dict, keys: dict, readers: int, reviewers: int, seconds: float) -> dict:
    import httpx

    deadline = time.monotonic() + seconds
    read_latency: list[float] = []
    write_latency: list[float] = []
    errors: list[str] = []
    accepted: list[dict] = []  # every write answered 2xx: its token, record, what it set, the version
    stale = [0]
    gone: list[tuple[str, str]] = []  # records a re-fusion removed (every event rejected): 404, as /deleted says
    refused_tokens: list[str] = []
    limits = httpx.Limits(max_connections=readers + reviewers, max_keepalive_connections=readers + reviewers)

    async def reader(n: int, client: httpx.AsyncClient) -> None:
        rng = random.Random(1000 + n)
        headers = {"Authorization": f"Bearer {tokens['reader']}"}
        while time.monotonic() < deadline:
            choice = rng.random()
            if choice < 0.3:
                url, params = "/api/v1/incidents", {"limit": 50, "order": rng.choice(["asc", "desc"])}
            elif choice < 0.5:
                url, params = "/api/v1/events", {"limit": 50}
            elif choice < 0.7:
                url, params = "/api/v1/map", {"zoom": rng.randrange(5, 12), "view": "35.5,32.3,42.4,37.4"}
            elif choice < 0.85:
                record = ("incident", rng.choice(keys["incident"]))
                url, params = f"/api/v1/incidents/{record[1]}", None
            else:
                kind = rng.choice(["event", "incident", "finding"])
                record = (kind, rng.choice(keys[kind]))
                url, params = "/api/v1/review", {"kind": kind, "id": record[1]}
            started = time.perf_counter()
            try:
                answer = await client.get(url, params=params, headers=headers)
                if answer.status_code == 404 and choice >= 0.7 and record[0] != "event":
                    gone.append(record)
                    continue
                if answer.status_code != 200:
                    errors.append(f"read {url.split('/')[3]} {answer.status_code}")
                    continue
                read_latency.append(time.perf_counter() - started)
            except httpx.HTTPError as exc:
                errors.append(f"read {type(exc).__name__}")

    async def reviewer(n: int, client: httpx.AsyncClient) -> None:
        rng = random.Random(2000 + n)
        name = f"reviewer{n}"
        headers = {"Authorization": f"Bearer {tokens[name]}"}
        mine = {kind: [k for i, k in enumerate(found[HOT:]) if i % reviewers == n] for kind, found in keys.items()}
        shared = {kind: list(found[:HOT]) for kind, found in keys.items()}  # every reviewer edits these too
        count = 0
        while time.monotonic() < deadline:
            count += 1
            token = f"bench-{name}-{count}"
            kind = rng.choice(["event", "event", "incident", "finding"])
            pool = (shared if rng.random() < SHARED_SHARE else mine)[kind]
            if not pool:
                continue
            key = rng.choice(pool)
            started = time.perf_counter()
            try:
                state = await client.get("/api/v1/review", params={"kind": kind, "id": key}, headers=headers)
                if state.status_code == 404 and kind != "event":
                    gone.append((kind, key))  # every event of it was rejected: the incident is gone
                    pool.remove(key)
                    continue
                if state.status_code != 200:
                    errors.append(f"review state {state.status_code}")
                    continue
                state = state.json()
                key = state["key"]  # a retired incident id answers for the incident holding its events now
                await asyncio.sleep(rng.uniform(0.2, 1.5))  # a person reads before deciding (not timed)
                started = time.perf_counter()
                action = rng.choice(["status", "assign", "comment"] + (["correct"] if kind == "event" else []))
                write = {"token": token, "kind": kind, "key": key, "action": action}
                if action == "status":
                    moves = [s for s in state["next"] if s != "published"] or state["next"]
                    write["status"] = rng.choice(moves)
                    answer = await client.post("/api/v1/review/status", headers=headers, json={
                        "kind": kind, "key": key, "status": write["status"], "version": state["version"], "reason": token})
                elif action == "assign":
                    write["assignee"] = f"reviewer{rng.randrange(reviewers)}"
                    answer = await client.post("/api/v1/review/assign", headers=headers, json={
                        "kind": kind, "key": key, "assignee": write["assignee"], "version": state["version"], "reason": token})
                elif action == "comment":
                    answer = await client.post("/api/v1/review/comment", headers=headers,
                                               json={"kind": kind, "key": key, "text": token})
                else:
                    best = rng.randrange(50)
                    write["best"] = best
                    answer = await client.patch(f"/api/v1/events/{key}", headers=headers, json={
                        "version": state["version"], "reason": token,
                        "changes": {"fatalities": {"low": best, "best": best, "high": best + 1}}})
                elapsed = time.perf_counter() - started
                if answer.status_code == 409:
                    stale[0] += 1
                    refused_tokens.append(token)
                    continue
                if answer.status_code == 404 and kind != "event":
                    # removed by a re-check while the reviewer read it: the same rule as above
                    # (its tombstone is checked in `audit`), the write refused and never logged
                    gone.append((kind, key))
                    refused_tokens.append(token)
                    if key in pool:
                        pool.remove(key)
                    continue
                if answer.status_code not in (200, 201):
                    errors.append(f"write {action} {answer.status_code}: {answer.text[:120]}")
                    refused_tokens.append(token)
                    continue
                body = answer.json()
                write["version"] = body.get("version")
                accepted.append(write)
                write_latency.append(elapsed)
            except httpx.HTTPError as exc:
                errors.append(f"write {type(exc).__name__}")

    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(reader(n, client) for n in range(readers)),
                             *(reviewer(n, client) for n in range(reviewers)))
        elapsed = time.perf_counter() - started
    return {"elapsed": elapsed, "reads": read_latency, "writes": write_latency, "errors": errors,
            "accepted": accepted, "stale": stale[0], "refused_tokens": refused_tokens, "gone": gone}


def audit(url: str, run: dict) -> dict:
    """Every accepted write exactly once in the audit log, no refused one; final states are those
    of the last accepted writes."""
    import sqlalchemy as sa

    from trucewatch.audit.tables import audit_log, record_versions
    from trucewatch.review.tables import event_reviews
    from trucewatch.store import open_store

    with open_store(url) as store, store.engine.connect() as connection:
        rows = connection.execute(sa.select(audit_log.c.reason, audit_log.c.after, audit_log.c.action)
                                  .where(audit_log.c.user_name.like("reviewer%"))).all()
        versions = {(r.kind, r.key): r for r in connection.execute(sa.select(record_versions))}
        corrections = {r.event_id: r.changes for r in connection.execute(sa.select(event_reviews.c.event_id,
                                                                                    event_reviews.c.changes))}
    seen = defaultdict(int)
    for row in rows:
        token = row.reason or ((row.after or {}).get("comment") if isinstance(row.after, dict) else None)
        if token:
            seen[token] += 1
    accepted = run["accepted"]
    missing = [w["token"] for w in accepted if seen[w["token"]] == 0]
    twice = [w["token"] for w in accepted if seen[w["token"]] > 1]
    refused_logged = [t for t in run["refused_tokens"] if seen[t]]
    last: dict = {}
    for write in sorted((w for w in accepted if w["action"] != "comment"), key=lambda w: w["version"] or 0):
        last.setdefault((write["kind"], write["key"]), {}).update(
            {k: write[k] for k in ("status", "assignee", "best") if k in write})
    lost = []
    for (kind, key), wanted in last.items():
        row = versions.get((kind, key))
        if "status" in wanted and (row is None or row.review_status != wanted["status"]):
            lost.append((kind, key, "status"))
        if "assignee" in wanted and (row is None or row.assignee != wanted["assignee"]):
            lost.append((kind, key, "assignee"))
        if "best" in wanted:
            changes = corrections.get(key) or {}
            changes = json.loads(changes) if isinstance(changes, str) else changes
            if (changes.get("fatalities") or {}).get("best") != wanted["best"]:
                lost.append((kind, key, "fatalities"))
    untombed = sorted({(kind, key) for kind, key in run["gone"]
                       if versions.get((kind, key)) is None or versions[(kind, key)].deleted_at is None})
    return {"gone_without_tombstone": len(untombed),
            "accepted_writes": len(accepted), "in_audit_exactly_once": len(accepted) - len(missing) - len(twice),
            "missing_from_audit": len(missing), "in_audit_twice": len(twice), "refused_but_logged": len(refused_logged),
            "lost_updates": len(lost), "lost_examples": lost[:5]}


def figures(values: list[float]) -> dict:
    return {"requests": len(values), "p50_s": _round(percentile(values, 50)), "p95_s": _round(percentile(values, 95)),
            "p99_s": _round(percentile(values, 99)), "max_s": _round(max(values) if values else None)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 s instead of 60, fewer events")
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--reviewers", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--events", type=int, default=None)
    parser.add_argument("--databases", default="postgresql")
    parser.add_argument("--workers", type=int, default=1, help="server processes (trucewatch serve --workers)")
    args = parser.parse_args(argv)
    seconds = args.seconds or (10 if args.quick else 60)
    events = args.events or (300 if args.quick else 2000)
    result = {"readers": args.readers, "reviewers": args.reviewers, "seconds": seconds, "events": events,
              "workers": args.workers, "cpus": os.cpu_count(), "loadavg_before": loadavg()}
    with tempfile.TemporaryDirectory(prefix="tw-review-bench-") as tmp:
        for kind in args.databases.split(","):
            if kind == "postgresql" and not os.environ.get("TRUCEWATCH_TEST_PG"):
                result[kind] = {"skipped": "TRUCEWATCH_TEST_PG is not set (bash scripts/services.sh)"}
                continue
            with database(kind, Path(tmp)) as url:
                started = time.perf_counter()
                tokens = fill(url, events, args.reviewers)
                keys = record_keys(url)
                entry = {"fill_s": round(time.perf_counter() - started, 1),
                         "records": {k: len(v) for k, v in keys.items()}}
                with server(url, args.workers) as base:
                    entry["loadavg_before_load"] = loadavg()
                    run = asyncio.run(_run(base, tokens, keys, args.readers, args.reviewers, seconds))
                    entry["loadavg_after_load"] = loadavg()
                entry.update({"seconds": round(run["elapsed"], 1), "errors": len(run["errors"]),
                              "error_kinds": sorted(set(run["errors"]))[:5], "stale_edits_409": run["stale"],
                              "records_gone_404": len(run["gone"]),
                              "reads": figures(run["reads"]), "writes": figures(run["writes"]),
                              "requests_per_s": round((len(run["reads"]) + len(run["writes"])) / run["elapsed"], 1),
                              "audit": audit(url, run)})
                result[kind] = entry
    result["loadavg_after"] = loadavg()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
