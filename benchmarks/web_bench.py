"""The server under load, over real HTTP on 127.0.0.1 (loopback only, bounded in time).

For SQLite and (when $TRUCEWATCH_TEST_PG names a cluster) PostgreSQL, with 20,000 invented
incidents (trucewatch.incidents.samples.synthetic_incidents) stored in a fresh database:
  map   the map endpoint for every combination of zoom 0..20 and five views (world, Syria, a city,
        empty sea, across the antimeridian), with and without a verdict filter: each answer's
        latency; the target is under 1 s for any bbox and zoom;
  load  CLIENTS concurrent clients (default 50) reading the incident list (random filters and
        pages) and the map (random views and zooms) for SECONDS (default 60): errors, p50/p95/p99
        latency, requests per second.
The server is `trucewatch serve` in its own process (one uvicorn worker); the clients run in this
one (asyncio + httpx). The machine's load average is recorded before and after, since the
figures depend on what else runs. Prints one JSON object.

Usage: python benchmarks/web_bench.py [--quick] [--only map|load] [--clients N] [--seconds S]
       [--incidents N] [--databases sqlite,postgresql] [--workers N]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIEWS = {
    "world": (-180, -85, 180, 85),
    "syria": (35.5, 32.3, 42.4, 37.4),
    "city": (36.6, 35.9, 36.7, 36.0),
    "sea": (-40.0, -10.0, -20.0, 10.0),
    "antimeridian": (170.0, -20.0, -170.0, 20.0),
}


def loadavg() -> list[float]:
    try:
        return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except OSError:
        return []


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def fill(url: str, incidents: int) -> str:
    """Store the incidents, their findings, a user and a read token; returns the token."""
    from trucewatch.accounts.passwords import cheapest_hashing
    from trucewatch.accounts.tokens import issue_token
    from trucewatch.accounts.users import add_user
    from trucewatch.audit import Actor
    from trucewatch.incidents.persist import save_findings, save_incidents
    from trucewatch.incidents.samples import synthetic_incidents
    from trucewatch.store import open_store

    incident_set, findings = synthetic_incidents(incidents)
    actor = Actor("bench", via="cli")
    with open_store(url) as store, cheapest_hashing():
        save_incidents(store, incident_set)
        save_findings(store, "pause", findings)
        add_user(store, "bench", "viewer", "a benchmark passphrase", actor=actor)
        return issue_token(store, "bench", name="bench", scope="read", expires_days=1, actor=actor)[1]


@contextmanager
def database(kind: str, folder: Path):
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'web-bench.db'}"
        return
    import sqlalchemy as sa

    admin = sa.make_url(os.environ["TRUCEWATCH_TEST_PG"])
    name = f"tw_bench_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@contextmanager
def server(url: str, workers: int = 1):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "trucewatch", "serve", "--db", url, "--port", str(port),
                                "--workers", str(workers)],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start: {process.stderr.read()[-500:]}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def measure_map(base: str, token: str) -> dict:
    """Every zoom x view x filter, one request each after a warm-up; the slowest ones named."""
    import httpx

    headers = {"Authorization": f"Bearer {token}"}
    timings = []
    with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
        client.get("/api/v1/map", params={"zoom": 6})  # warm-up: first query plans, imports
        for zoom in range(0, 21):
            for view_name, view in VIEWS.items():
                for extra in ({}, {"verdict": "violation,probable violation"}):
                    params = {"zoom": zoom, "view": ",".join(str(v) for v in view), **extra}
                    started = time.perf_counter()
                    answer = client.get("/api/v1/map", params=params)
                    seconds = time.perf_counter() - started
                    body = answer.json()
                    timings.append({"zoom": zoom, "view": view_name, "filtered": bool(extra), "status": answer.status_code,
                                    "seconds": round(seconds, 4), "features": len(body.get("features", []))})
    seconds = [t["seconds"] for t in timings]
    return {"requests": len(timings), "errors": sum(1 for t in timings if t["status"] != 200),
            "max_s": max(seconds), "p95_s": percentile(seconds, 95), "p50_s": percentile(seconds, 50),
            "under_1s": all(s < 1.0 for s in seconds),
            "slowest": sorted(timings, key=lambda t: -t["seconds"])[:3]}


async def _load(base: str, token: str, clients: int, seconds: float, seed: int = 11) -> dict:
    import httpx

    verdicts = ["violation", "probable violation", "possible violation", "not a violation"]
    latencies: dict[str, list[float]] = {"list": [], "map": []}
    errors: list[str] = []
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def one_client(n: int, client: httpx.AsyncClient) -> None:
        rng = random.Random(seed * 1000 + n)
        next_url = None
        while time.monotonic() < deadline:
            if rng.random() < 0.5:
                kind = "list"
                if next_url and rng.random() < 0.5:
                    url, params = next_url, None
                else:
                    params = {"limit": 50, "order": rng.choice(["asc", "desc"])}
                    if rng.random() < 0.6:
                        params["verdict"] = rng.choice(verdicts)
                    if rng.random() < 0.5:
                        first = rng.randrange(1, 50)
                        params["date_after"] = f"2016-03-{min(first, 28):02d}"
                        params["date_before"] = "2016-04-30"
                    if rng.random() < 0.3:
                        params["actor"] = rng.choice(["SYR", "RUS", "Free Syrian Army"])
                    url = "/api/v1/incidents"
            else:
                kind, url = "map", "/api/v1/map"
                zoom = rng.randrange(5, 14)
                span = 360 / 2 ** zoom * 3
                lon, lat = rng.uniform(35.8, 42.0), rng.uniform(32.5, 37.0)
                params = {"zoom": zoom, "view": f"{lon - span:.4f},{lat - span / 2:.4f},{lon + span:.4f},{lat + span / 2:.4f}"}
                if rng.random() < 0.5:
                    params["verdict"] = rng.choice(verdicts)
            started = time.perf_counter()
            try:
                answer = await client.get(url, params=params)
                elapsed = time.perf_counter() - started
                if answer.status_code != 200:
                    errors.append(f"{kind} {answer.status_code}")
                    continue
                latencies[kind].append(elapsed)
                if kind == "list":
                    next_url = answer.json().get("next")
            except httpx.HTTPError as exc:
                errors.append(f"{kind} {type(exc).__name__}")

    async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60,
                                 limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(one_client(n, client) for n in range(clients)))
        elapsed = time.perf_counter() - started
    every = latencies["list"] + latencies["map"]

    def figures(values: list[float]) -> dict:
        return {"requests": len(values), "p50_s": _round(percentile(values, 50)),
                "p95_s": _round(percentile(values, 95)), "p99_s": _round(percentile(values, 99)),
                "max_s": _round(max(values) if values else None),
                "mean_s": _round(statistics.fmean(values) if values else None)}

    return {"clients": clients, "seconds": round(elapsed, 1), "errors": len(errors), "error_kinds": sorted(set(errors))[:5],
            "requests_per_s": round(len(every) / elapsed, 1), "all": figures(every),
            "list": figures(latencies["list"]), "map": figures(latencies["map"])}


def _round(value):
    return None if value is None else round(value, 4)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 s of load instead of 60")
    parser.add_argument("--only", choices=["map", "load"])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--incidents", type=int, default=20_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--workers", type=int, default=1, help="server processes (trucewatch serve --workers)")
    args = parser.parse_args(argv)
    seconds = args.seconds or (10 if args.quick else 60)
    result = {"incidents": args.incidents, "clients": args.clients, "load_seconds": seconds, "workers": args.workers,
              "cpus": os.cpu_count(), "loadavg_before": loadavg()}
    with tempfile.TemporaryDirectory(prefix="tw-web-bench-") as tmp:
        for kind in args.databases.split(","):
            if kind == "postgresql" and not os.environ.get("TRUCEWATCH_TEST_PG"):
                result[kind] = {"skipped": "TRUCEWATCH_TEST_PG is not set (bash scripts/services.sh)"}
                continue
            with database(kind, Path(tmp)) as url:
                started = time.perf_counter()
                token = fill(url, args.incidents)
                entry = {"fill_s": round(time.perf_counter() - started, 1)}
                with server(url, args.workers) as base:
                    if args.only in (None, "map"):
                        entry["map"] = measure_map(base, token)
                    if args.only in (None, "load"):
                        entry["loadavg_before_load"] = loadavg()
                        entry["load"] = asyncio.run(_load(base, token, args.clients, seconds))
                        entry["loadavg_after_load"] = loadavg()
                result[kind] = entry
    result["loadavg_after"] = loadavg()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
