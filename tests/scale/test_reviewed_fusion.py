"""Fusion on the cluster reads events as people reviewed them, as one-process fusion does: a
correction moves an event, a rejected event is left out, and a review follows its act through a
re-extraction that renumbers the report's events. Each worker reads its own shard of the store."""
from __future__ import annotations

from trucewatch.audit import Actor
from trucewatch.incidents.samples import FSA, GOV, make_document, make_event
from trucewatch.records import Extraction, Span

ANALYST = Actor(name="amal", via="cli")
ALEPPO = {"lat": 36.2, "lon": 37.15}


def _reports():
    """Two wires telling the same strike and shelling (invented sentences), and a third report."""
    first = make_document("Jets struck a bakery in Idlib on Monday. Rebels shelled a checkpoint there on Tuesday.",
                          "Wire A", "2016-04-05")
    second = make_document("A bakery in Idlib was hit from the air on Monday, and a checkpoint was shelled a day later.",
                           "Wire B", "2016-04-05")
    third = make_document("Artillery hit a road outside Idlib on Thursday.", "Wire C", "2016-04-08")
    return first, second, third


def _on(document, n: int, words: str, **options):
    """Event n of the report, resting on `words` (its evidence), so a review can find it again."""
    start = document.text.index(words)
    event = make_event(document, n, **options)
    return event.model_copy(update={"evidence": [Span(text=words, start=start, end=start + len(words))]})


def _extractions(first, second, third, *, renumbered: bool = False) -> list[Extraction]:
    strike = dict(type="air_strike", actors=[GOV], day="2016-04-04")
    shelling = dict(type="shelling", actors=[FSA], day="2016-04-05")
    first_events = [_on(first, 0, "Jets struck", **strike), _on(first, 1, "Rebels shelled", **shelling)]
    if renumbered:  # a better extractor finds one more act, earlier in the report
        first_events = [_on(first, 0, "a bakery", type="aid_blocked", actors=[GOV], day="2016-04-05"),
                        _on(first, 1, "Jets struck", **strike), _on(first, 2, "Rebels shelled", **shelling)]
    return [Extraction(document=first, events=first_events),
            Extraction(document=second, events=[make_event(second, 0, **strike), make_event(second, 1, **shelling)]),
            Extraction(document=third, events=[make_event(third, 0, type="shelling", day="2016-04-07")])]


def test_cluster_fusion_applies_corrections_and_rejections(dask_cluster, store_url):
    from trucewatch.incidents.stored import refuse_stored
    from trucewatch.review import correct_event, set_status
    from trucewatch.scale.fusion import cluster_fuser
    from trucewatch.store import open_store

    first, second, third = _reports()
    with open_store(store_url) as store:
        store.add([first, second, third], _extractions(first, second, third))
        refuse_stored(store)
        correct_event(store, f"{first.id}:1", {"location": ALEPPO}, version=1, actor=ANALYST)
        set_status(store, "event", f"{third.id}:0", "rejected", version=1, actor=ANALYST)
        store.add_extractions(_extractions(first, second, third, renumbered=True)[:1])  # shelling is now :2
        with dask_cluster.client() as client:
            on_cluster = refuse_stored(store, fuser=cluster_fuser(client))
        alone = refuse_stored(store)
    assert [i.as_dict() for i in on_cluster] == [i.as_dict() for i in alone]
    events = {mention.event.id: mention.event for incident in on_cluster for mention in incident.mentions}
    assert f"{third.id}:0" not in events  # rejected
    assert events[f"{first.id}:2"].location.admin1 == "Aleppo"  # the correction followed its act
    assert events[f"{second.id}:1"].location.admin1 == "Idlib"
    shelling_of = {event_id: incident.id for incident in on_cluster for event_id in incident.event_ids}
    assert shelling_of[f"{first.id}:2"] != shelling_of[f"{second.id}:1"]  # moved away: no longer one incident


def test_a_store_nobody_reviewed_reads_as_stored(dask_cluster, tmp_path):
    """Without any review, each worker's shard comes through untouched."""
    from trucewatch.incidents.stored import refuse_stored
    from trucewatch.scale.fusion import cluster_fuser
    from trucewatch.store import open_store

    first, second, third = _reports()
    with open_store(f"sqlite:///{tmp_path / 'tw.db'}") as store:
        store.add([first, second, third], _extractions(first, second, third))
        with dask_cluster.client() as client:
            on_cluster = refuse_stored(store, fuser=cluster_fuser(client))
    assert sorted(e for incident in on_cluster for e in incident.event_ids) == sorted(
        [f"{first.id}:0", f"{first.id}:1", f"{second.id}:0", f"{second.id}:1", f"{third.id}:0"])
