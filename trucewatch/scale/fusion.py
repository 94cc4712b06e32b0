"""Incident fusion across a cluster, with exactly the incidents one process makes.

1. Each partition of whole documents is read and prepared on a worker; its mentions stay there.
2. Per edge bucket (blocking partitions of act family x status group x weeks), the workers find
   which mentions fusion could ever compare (`blocking.bucket_parts`).
3. The client joins parts that share a mention across buckets: one component per group of
   mentions that can influence one another (`blocking.join_parts`), and packs whole components
   into fusion buckets, largest first.
4. Each fusion bucket runs the unchanged `incidents.fusion` on its components and assembles
   the incidents (sources, grades, casualties) on the worker.
5. The client puts the incidents in the order one process makes them (by their anchors' place in
   fusion's order) and replays the journal of manual merges and splits as `fuse` does.

Why this is exact: fusion lets a mention join an incident only through a shared block and a
passing `anchor_fit` with the incident's anchor; components are closed under both, so no
incident in one component can change a decision in another, and inside a component the same
mentions meet the same incidents in the same order.
"""
from __future__ import annotations

import gc
import heapq
import time
from collections.abc import Callable, Iterable
from functools import wraps
from operator import itemgetter
from typing import Any

import numpy as np

from trucewatch.incidents.fusion import cluster_prepared, prepare_mentions
from trucewatch.incidents.incident_set import IncidentSet, Operation
from trucewatch.incidents.model import Mention

from .blocking import PARTITION_BITS, bucket_parts, join_parts, sketch
from .sources import Partition, from_items, from_store, mentions_of, worker_url

TASKS_PER_THREAD = 4  # buckets per worker thread: enough to even out uneven components
COLLECT = ("incidents", "ids", "groups")


class InProcess:
    """Runs each step at once, here: the same plan without a cluster (tests, small inputs)."""

    threads = 1

    def submit(self, function: Callable, *args) -> Any:
        return function(*args)

    def gather(self, items: list) -> list:
        return list(items)


class OnDask:
    """Runs each step as a task on a Dask cluster; results stay on the workers until gathered."""

    def __init__(self, client):
        from .cluster import total_threads

        self.client = client
        self.threads = total_threads(client)

    def submit(self, function: Callable, *args) -> Any:
        return self.client.submit(function, *args, pure=False)

    def gather(self, futures: list) -> list:
        return self.client.gather(futures)


def fuse_partitions(partitions: list, runner, *, buckets: int | None = None,
                    collect: str = "incidents", timings: dict | None = None) -> list[tuple[tuple, Any]]:
    """(anchor order, result) per incident, in one process's order. `partitions`: Partitions, or
    futures of records already on the cluster, each of whole documents. `collect`: "incidents" (the
    assembled Incident), "ids" (assembled on the workers, only (incident id, event ids) come
    back: for runs too large to hold here) or "groups" (event ids, fusion without assembly)."""
    if collect not in COLLECT:
        raise ValueError(f"collect must be one of {', '.join(COLLECT)}, not {collect!r}")
    buckets = buckets or TASKS_PER_THREAD * runner.threads
    clock = _Clock(timings)
    mentions, assignments = _components(partitions, runner, buckets, clock)
    splits = [runner.submit(_split, part, assignment, buckets)
              for part, assignment in zip(mentions, assignments)]
    del mentions
    fused = [runner.submit(_fuse_bucket, collect, *[runner.submit(_pick, split, bucket) for split in splits])
             for bucket in range(buckets)]
    del splits
    results = runner.gather(fused)
    clock.lap("fuse and assemble (workers)")
    merged = list(heapq.merge(*results, key=itemgetter(0)))
    clock.lap("order (client)")
    return merged


def _components(partitions: list, runner, buckets: int, clock: _Clock) -> tuple[list, list[np.ndarray]]:
    """Steps 1-3: the prepared partitions (left on the workers) and, per partition, the fusion
    bucket of each of its mentions."""
    prepared = [runner.submit(_prepare, partition, number, buckets)
                for number, partition in enumerate(partitions)]
    mentions = [runner.submit(itemgetter(0), item) for item in prepared]
    sketches = [runner.submit(itemgetter(1), item) for item in prepared]
    del prepared
    edges = [runner.submit(_edges, *[runner.submit(_pick, part, bucket) for part in sketches])
             for bucket in range(buckets)]
    del sketches
    parts = runner.gather(edges)
    clock.lap("read, prepare and block (workers)")
    del edges
    gids, components = join_parts(parts)
    del parts
    assignments = _assign(gids, components, len(partitions), buckets)
    clock.lap("join components (client)")
    clock.note(components=int(components.max()) + 1 if len(components) else 0,
               largest_component=int(np.bincount(components).max()) if len(components) else 0)
    return mentions, assignments


class _Clock:
    """Wall seconds per step into `timings` (when given), for the benchmark."""

    def __init__(self, timings: dict | None):
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, step: str) -> None:
        if self.timings is not None:
            now = time.perf_counter()
            self.timings[step] = round(now - self.last, 2)
            self.last = now

    def note(self, **figures) -> None:
        if self.timings is not None:
            self.timings.update(figures)


def fuse_on_cluster(source, dask, *, journal: list[Operation] | None = None,
                    aliases: dict[str, str] | None = None, buckets: int | None = None) -> IncidentSet:
    """`trucewatch.incidents.fuse` over a cluster: the same IncidentSet, manual merges and splits
    replayed the same way. `source`: a Store, Partitions, or what `fuse` takes."""
    from .cluster import dask_client

    with dask_client(dask) as client:
        runner = OnDask(client)
        fused = fuse_partitions(partitions_of(source, runner.threads), runner, buckets=buckets)
    incidents = {incident.id: incident for _, incident in fused}
    return IncidentSet([incident.mentions for incident in incidents.values()],
                       journal=list(journal or []), aliases=dict(aliases or {}), incidents=incidents)


def cluster_fuser(dask) -> Callable:
    """A drop-in for `incidents.fuse` (as `fuse_stored(store, fuser=...)` takes it)."""
    def fuse(source, *, journal=None, aliases=None) -> IncidentSet:
        return fuse_on_cluster(source, dask, journal=journal, aliases=aliases)
    return fuse


def partitions_of(source, threads: int) -> list[Partition]:
    """Partitions for a Store (each worker reads its own shard), or for records held here. A
    Store's events are read as people reviewed them, as one-process fusion reads them; reviews
    are re-attached here once, so the workers only read."""
    if isinstance(source, list) and all(isinstance(item, Partition) for item in source):
        return source
    if hasattr(source, "engine") and hasattr(source, "events"):
        from trucewatch.review.overrides import reattach_reviews, reviewed_events

        url = worker_url(source)
        if url is None:
            return from_items(reviewed_events(source))
        reattach_reviews(source)
        return from_store(url, shards=TASKS_PER_THREAD * threads)
    return from_items(source)


# -- steps run on the workers

def _collector_paused(step: Callable) -> Callable:
    """A worker step allocates hundreds of thousands of small records and frees none until it
    ends; Python's cyclic collector would rescan them all, over and over (a third of the CPU in
    our measurements), to find no cycles. So it pauses for the step and resumes after."""
    @wraps(step)
    def run(*args):
        if not gc.isenabled():
            return step(*args)
        gc.disable()
        try:
            return step(*args)
        finally:
            gc.enable()
    return run


@_collector_paused
def _prepare(partition, number: int, buckets: int) -> tuple[list, dict]:
    """The partition's mentions prepared for fusion (kept, so no step prepares them twice), in
    fusion's order, and their sketches per edge bucket."""
    prepared = prepare_mentions(mentions_of(partition))
    return prepared, sketch(prepared, number, buckets)


@_collector_paused
def _edges(*parts) -> tuple[np.ndarray, np.ndarray]:
    return bucket_parts(*parts)


def _pick(mapping, key):
    return mapping.get(key) if isinstance(mapping, dict) else mapping[key]


@_collector_paused
def _split(prepared: list, assignment: np.ndarray, buckets: int) -> list[list]:
    """The partition's prepared mentions per fusion bucket, each share still in fusion's order."""
    shares: list[list] = [[] for _ in range(buckets)]
    for p, bucket in zip(prepared, assignment.tolist()):
        shares[bucket].append(p)
    return shares


@_collector_paused
def _fuse_bucket(collect: str, *shares: list) -> list[tuple[tuple, Any]]:
    from trucewatch.incidents.assemble import assemble
    from trucewatch.incidents.sources import SignatureCache

    clusters = cluster_prepared(list(heapq.merge(*shares, key=lambda p: p.order())))
    if collect == "groups":
        return [(order, [m.event.id for m in members]) for order, members in clusters]
    cache = SignatureCache()
    incidents = [(order, assemble(members, cache)) for order, members in clusters]
    if collect == "ids":
        return [(order, (incident.id, incident.event_ids)) for order, incident in incidents]
    return incidents


# -- on the client

def _assign(gids: np.ndarray, components: np.ndarray, partitions: int, buckets: int) -> list[np.ndarray]:
    """Per partition, the fusion bucket of each of its mentions (whole components per bucket,
    largest components placed first on the least loaded bucket)."""
    sizes = np.bincount(components) if len(components) else np.zeros(0, np.int64)
    bucket_of = np.zeros(len(sizes), dtype=np.int64)
    loads = [(0, bucket) for bucket in range(buckets)]
    for component in np.argsort(-sizes, kind="stable").tolist():
        load, bucket = heapq.heappop(loads)
        bucket_of[component] = bucket
        heapq.heappush(loads, (load + int(sizes[component]), bucket))
    owners = gids >> PARTITION_BITS
    bounds = np.searchsorted(owners, np.arange(partitions + 1))
    return [bucket_of[components[bounds[n]:bounds[n + 1]]] for n in range(partitions)]


def fused_groups(fused: Iterable[tuple[tuple, Any]]) -> list[list[str]]:
    """Event ids per incident, from either kind of result (for comparisons)."""
    groups = []
    for _, item in fused:
        if isinstance(item, tuple):  # collect="ids"
            item = item[1]
        groups.append(list(item) if isinstance(item, list) else item.event_ids)
    return groups
