"""Corrections are kept apart from the machine's output and survive re-extraction (even one that
renumbers the events), re-ingest and re-fusion; findings are recomputed from the reviewed events.
On SQLite and PostgreSQL."""
from __future__ import annotations

import sqlalchemy as sa

from trucewatch.audit import Actor
from trucewatch.audit.tables import record_versions
from trucewatch.query import get_event, list_findings, parse_filters
from trucewatch.review import correct_event, overlay, set_status
from trucewatch.review.overrides import detached_reviews, reviewed_events
from trucewatch.review.state import record_history
from trucewatch.store.schema import events
from trucewatch.truce.run import run_check

from .conftest import (ALEPPO, EXAMPLE_TRUCE, first_extraction, renumbered_extraction, without_shelling)

ANALYST = Actor(name="amal", via="web")


def _verdicts(store) -> dict[str, str]:
    """type -> verdict of every finding of the example truce."""
    return {item["type"]: item["verdict"] for item in list_findings(store, parse_filters({}), limit=100).items}


def _status(store, event_id: str) -> str | None:
    with store.engine.connect() as connection:
        return connection.scalar(sa.select(record_versions.c.review_status).where(
            record_versions.c.kind == "event", record_versions.c.key == event_id))


def _shown(store, event_id: str) -> dict:
    return overlay(store, [get_event(store, event_id)])[0]


def _moved_to_aleppo(store, report) -> str:
    """Store the report, check it, move the shelling to Aleppo and confirm it; the shelling's id."""
    store.add([report], [first_extraction(report)])
    run_check(EXAMPLE_TRUCE, store, actor=ANALYST)
    assert _verdicts(store)["shelling"] not in ("out of scope", None)
    shelling = f"{report.id}:1"
    done = correct_event(store, shelling, {"location": ALEPPO}, version=1, actor=ANALYST, reason="wrong town")
    set_status(store, "event", shelling, "confirmed", version=done.version, actor=ANALYST)
    run_check(EXAMPLE_TRUCE, store, actor=ANALYST)
    return shelling


def test_a_correction_changes_the_finding_and_leaves_the_machines_event_alone(store, report):
    shelling = _moved_to_aleppo(store, report)
    assert _verdicts(store)["shelling"] == "out of scope"
    with store.engine.connect() as connection:  # the machine's side is untouched
        record = connection.scalar(sa.select(events.c.record).where(events.c.id == shelling))
    assert record["location"]["name"] == "Idlib"
    shown = _shown(store, shelling)
    assert shown["location"]["admin1"] == "Aleppo" and shown["location"]["precision"] == "exact"
    assert shown["corrections"]["location"]["machine"]["name"] == "Idlib"
    [entry] = [e for e in record_history(store, "event", shelling) if e.action == "correct"]
    assert entry.user_name == "amal" and entry.reason == "wrong town"
    assert entry.before["location"]["name"] == "Idlib" and entry.after["location"]["admin1"] == "Aleppo"


def test_a_renumbering_re_extraction_carries_the_review_to_the_same_act(store, report):
    old = _moved_to_aleppo(store, report)
    store.add_extractions([renumbered_extraction(report)])  # the shelling is now event 2
    new = f"{report.id}:2"
    assert _shown(store, new)["location"]["admin1"] == "Aleppo"
    assert _status(store, new) == "confirmed"
    assert _shown(store, f"{report.id}:1")["type"] == "air_strike"  # the strike took number 1: not corrected
    assert _shown(store, f"{report.id}:1")["corrections"] == {} and _status(store, f"{report.id}:1") != "confirmed"
    history = record_history(store, "event", new)
    assert [e.action for e in history][:2] == ["correct", "status"] and history[0].key == old  # made under the old id
    assert history[-1].action == "reattach" and history[-1].after == {"event": new}
    run_check(EXAMPLE_TRUCE, store, actor=ANALYST)
    assert _verdicts(store)["shelling"] == "out of scope"


def test_re_ingest_and_re_fusion_keep_the_correction(store, report):
    shelling = _moved_to_aleppo(store, report)
    assert store.add([report], [first_extraction(report)]) == [False]  # the same report again: skipped
    for _ in range(2):
        run_check(EXAMPLE_TRUCE, store, actor=ANALYST)
        assert _verdicts(store)["shelling"] == "out of scope"
    pairs = {event.id: event for _, event in reviewed_events(store)}
    assert pairs[shelling].location.admin1 == "Aleppo"


def test_an_act_no_longer_extracted_keeps_its_review_detached_until_it_comes_back(store, report):
    _moved_to_aleppo(store, report)
    store.add_extractions([without_shelling(report)])
    [detached] = detached_reviews(store)
    assert detached["status"] == "confirmed" and detached["changes"]["location"]["admin1"] == "Aleppo"
    assert [event.type for _, event in reviewed_events(store)] == ["air_strike"]
    store.add_extractions([renumbered_extraction(report)])
    assert detached_reviews(store) == []
    assert _shown(store, f"{report.id}:2")["location"]["admin1"] == "Aleppo"


def test_a_rejected_event_is_left_out_of_the_findings(store, report):
    store.add([report], [first_extraction(report)])
    run_check(EXAMPLE_TRUCE, store, actor=ANALYST)
    assert "shelling" in _verdicts(store)
    set_status(store, "event", f"{report.id}:1", "rejected", version=1, actor=ANALYST, reason="a rumour")
    run_check(EXAMPLE_TRUCE, store, actor=ANALYST)
    assert "shelling" not in _verdicts(store) and "air_strike" in _verdicts(store)


def test_a_rejected_incident_gets_no_finding(store, report):
    store.add([report], [first_extraction(report)])
    run_check(EXAMPLE_TRUCE, store, actor=ANALYST)
    [finding] = [f for f in list_findings(store, parse_filters({}), limit=100).items if f["type"] == "air_strike"]
    set_status(store, "incident", finding["incident"], "rejected", version=None, actor=ANALYST)
    run_check(EXAMPLE_TRUCE, store, actor=ANALYST)
    assert "air_strike" not in _verdicts(store) and "shelling" in _verdicts(store)
