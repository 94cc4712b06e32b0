"""Partitioned fusion makes exactly the incidents of one process: same groups, same order, same
assembled incidents, and manual merges and splits replay the same way."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch.incidents import fuse
from trucewatch.incidents.api import mentions_from
from trucewatch.incidents.claim_acts import fold_claim_acts
from trucewatch.incidents.fusion import anchor_fit, cluster_mentions, prepare_mentions
from trucewatch.scale.blocking import bucket_parts, join_parts, may_pair, sketch
from trucewatch.scale.fusion import InProcess, fuse_on_cluster, fuse_partitions, fused_groups
from trucewatch.scale.sources import from_items

from .generated import event_spec, pairs_from, reports_strategy


def one_process(pairs) -> list[list[str]]:
    return [[m.event.id for m in group] for group in cluster_mentions(fold_claim_acts(mentions_from(pairs)))]


@settings(max_examples=80, deadline=None)
@given(reports_strategy, st.integers(1, 6), st.integers(1, 5), st.sampled_from(["groups", "ids", "incidents"]))
def test_partitioned_fusion_equals_one_process(reports, documents_per_partition, buckets, collect):
    pairs = pairs_from(reports)
    partitions = from_items(pairs, documents=documents_per_partition)
    fused = fuse_partitions(partitions, InProcess(), buckets=buckets, collect=collect)
    assert fused_groups(fused) == one_process(pairs)  # the same incidents, in the same order


@settings(max_examples=6, deadline=None)
@given(reports_strategy)
def test_the_same_on_a_real_cluster(dask_cluster, reports):
    pairs = pairs_from(reports)
    with dask_cluster.client() as client:
        incident_set = fuse_on_cluster(pairs, client)
    alone = fuse(pairs)
    assert [i.as_dict() for i in incident_set] == [i.as_dict() for i in alone]


@settings(max_examples=60, deadline=None)
@given(st.lists(event_spec, min_size=2, max_size=30))
def test_blocking_pairs_never_miss_what_fusion_compares(specs):
    """`may_pair` says yes wherever incidents.fusion.anchor_fit does (it may say yes more)."""
    reports = [("Wire A", day % 22, [spec]) for day, spec in enumerate(specs)]
    prepared = prepare_mentions(fold_claim_acts(mentions_from(pairs_from(reports))))
    parts = sketch(prepared, 0, 1)[0]
    row_of = {gid: row for row, gid in enumerate(parts["gid"].tolist())}
    rows = np.array([row_of[i] for i in range(len(prepared))])
    allowed = may_pair(parts, rows, rows)
    for i, p in enumerate(prepared):
        for j, q in enumerate(prepared):
            if p.family == q.family and p.group == q.group and anchor_fit(p, q) is not None:
                assert allowed[i, j], (p.mention.event, q.mention.event)


def test_parts_join_across_buckets():
    """Two buckets each saw one link of a chain a-b-c: the client joins them into one component."""
    a = (np.array([1, 2]), np.array([0, 0]))  # bucket 1: mentions 1 and 2 together
    b = (np.array([2, 3, 4]), np.array([5, 5, 6]))  # bucket 2: 2 and 3 together, 4 alone
    gids, components = join_parts([a, b])
    assert gids.tolist() == [1, 2, 3, 4]
    assert components[0] == components[1] == components[2] != components[3]


def test_an_empty_source_fuses_to_nothing():
    assert fuse_partitions([], InProcess(), buckets=3) == []
    assert bucket_parts()[0].tolist() == []


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_stored_fusion_on_the_cluster_replays_merges_and_splits(dask_cluster, backend, request, tmp_path):
    """Workers read their shards of the store themselves; the journal replays as without Dask."""
    from trucewatch.incidents.persist import load_incidents, load_journal
    from trucewatch.incidents.stored import merge_stored, refuse_stored, split_stored
    from trucewatch.scale.fusion import cluster_fuser
    from trucewatch.records import Extraction
    from trucewatch.store import open_store

    url = f"sqlite:///{tmp_path / 'tw.db'}" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    pairs = pairs_from([("Wire A", n % 9, [_spec(n)]) for n in range(24)])
    with open_store(url) as store:
        by_document = {}
        for document, event in pairs:
            by_document.setdefault(document.id, (document, []))[1].append(event)
        extractions = [Extraction(document=d, events=e) for d, e in by_document.values()]
        store.add([e.document for e in extractions], extractions)
        first = refuse_stored(store)
        ids = [incident.id for incident in first]
        merge_stored(store, ids[0], ids[1])
        big = next(i for i in refuse_stored(store) if len(i.mentions) > 1)
        split_stored(store, big.id, [big.mentions[-1].event.id])
        alone = refuse_stored(store)
        alone_rows, alone_journal = load_incidents(store), load_journal(store)
        with dask_cluster.client() as client:
            on_cluster = refuse_stored(store, fuser=cluster_fuser(client))
        assert [i.as_dict() for i in on_cluster] == [i.as_dict() for i in alone]
        assert load_incidents(store) == alone_rows
        ops, aliases = load_journal(store)
        assert [(op.op_id, op.applied) for op in on_cluster.journal] == [(op.op_id, op.applied) for op in alone.journal]
        assert aliases == alone_journal[1] and len(ops) == 2


def _spec(n: int) -> dict:
    """Strikes around one town over nine days: several incidents, some told twice."""
    return {"type": "air_strike", "status": "occurred", "precision": "day", "day": n % 9, "place": "point",
            "point_precision": "city", "lat": 35.93 + (n % 3) * 0.3, "lon": 36.63, "province": "Idlib",
            "country": "SYR", "actor": None, "target": None}
