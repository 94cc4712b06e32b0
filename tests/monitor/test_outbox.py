"""The outbox on hand-built records (no language model): each (truce, incident, verdict) is
announced once; a verdict that changes is announced again as "changed"; an incident renamed by a
re-fusion is not announced twice; durations parse or are refused with a sentence; the watch also
runs inside `serve`."""
from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx
import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from trucewatch.audit import Actor
from trucewatch.errors import TruceWatchError
from trucewatch.incidents.samples import FSA, GOV, make_document, make_event
from trucewatch.monitor.outbox import announce, recent_alerts
from trucewatch.monitor.watch import parse_duration
from trucewatch.records import Extraction
from trucewatch.review import correct_event
from trucewatch.review.tables import alerts
from trucewatch.store import open_store
from trucewatch.truce.run import run_check

from ..review.conftest import EXAMPLE_TRUCE
from .conftest import DEMO_TRUCE

ACTOR = Actor(name="watch", via="system")
TRUCE = "Idlib city humanitarian pause (example)"


def _add(store, text: str, outlet: str, day: str, **options):
    document = make_document(text, outlet, day)
    store.add([document], [Extraction(document=document, events=[make_event(document, day=day, **options)])])
    return document


def _findings(store):
    from types import SimpleNamespace

    from trucewatch.query import list_findings, parse_filters

    return [SimpleNamespace(**f) for f in list_findings(store, parse_filters({}), limit=50).items]


def test_announced_once_then_again_only_when_the_verdict_changes(store):
    claim = [("rebels", "Free Syrian Army", "SYR", "REB", "claims_responsibility", "perpetrator", "Free Syrian Army")]
    shelling = _add(store, "Rebels said they shelled an army post near Idlib.", "Wire A", "2016-03-06",
                    type="shelling", actors=[FSA], claims=claim)
    run_check(EXAMPLE_TRUCE, store, actor=ACTOR)
    first = announce(store, TRUCE)
    assert [(a.verdict, a.change) for a in first] == [("violation", "new")]
    run_check(EXAMPLE_TRUCE, store, actor=ACTOR)
    assert announce(store, TRUCE) == []  # nothing new: nothing announced
    # the army denies it happened: the act is disputed, so at most a probable violation
    denial = _add(store, "The army said no post near Idlib was shelled that day.", "Wire B", "2016-03-06",
                  type="shelling", actors=[FSA], claims=[("the army", "Syria", "SYR", "MIL", "denies", "occurrence", None)])
    run_check(EXAMPLE_TRUCE, store, actor=ACTOR)
    changed = announce(store, TRUCE)
    verdicts = {f.verdict for f in _findings(store)}
    assert verdicts == {"probable violation"}  # one incident, its act now disputed
    [alert] = changed  # announced once more, as a change
    assert alert.change == "changed" and alert.previous_verdict == "violation" and alert.incident == first[0].incident
    assert alert.payload["previous_verdict"] == "violation"
    assert announce(store, TRUCE) == []
    assert shelling.id != denial.id
    with store.engine.connect() as connection:
        keys = connection.execute(sa.select(alerts.c.incident_id, alerts.c.verdict)).all()
    assert len(keys) == len(set(keys)) == len(first) + len(changed)


def test_an_incident_renamed_by_an_earlier_report_is_not_announced_twice(store):
    from trucewatch.query import list_findings, parse_filters

    _add(store, "Jets bombed the grain market in Idlib, a council said.", "Wire A", "2016-03-05", actors=[GOV])
    _add(store, "Government jets struck the Idlib grain market, rescuers said.", "Wire B", "2016-03-05", actors=[GOV])
    run_check(EXAMPLE_TRUCE, store, actor=ACTOR)
    [first] = announce(store, TRUCE)
    _add(store, "The grain market in Idlib was bombed by government jets, a doctor said.", "Wire C", "2016-03-04",
         actors=[GOV])
    run_check(EXAMPLE_TRUCE, store, actor=ACTOR)
    [now] = list_findings(store, parse_filters({}), limit=10).items
    assert now["incident"] != first.incident  # the earlier report leads the incident: it has a new id
    again = announce(store, TRUCE)
    assert all(a.change == "changed" and a.incident == now["incident"] for a in again)  # never "new"
    assert [a.verdict for a in again] == ([] if now["verdict"] == first.verdict else [now["verdict"]])


def test_a_correction_that_moves_a_violation_out_announces_nothing_new(store):
    claim = [("rebels", "Free Syrian Army", "SYR", "REB", "claims_responsibility", "perpetrator", "Free Syrian Army")]
    document = _add(store, "Rebels said they shelled an army post near Idlib.", "Wire A", "2016-03-06",
                    type="shelling", actors=[FSA], claims=claim)
    run_check(EXAMPLE_TRUCE, store, actor=ACTOR)
    assert len(announce(store, TRUCE)) == 1
    correct_event(store, f"{document.id}:0", {"location": {"lat": 36.2, "lon": 37.15}}, version=1,
                  actor=Actor(name="amal", via="web"))
    run_check(EXAMPLE_TRUCE, store, actor=ACTOR)
    assert announce(store, TRUCE) == []  # out of scope now: not announced


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(["s", "m", "h", "d"]))
def test_durations_read_as_seconds(number, unit):
    assert parse_duration(f"{number}{unit}") == number * {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit]


@given(st.text(max_size=12))
def test_anything_else_is_a_duration_or_a_sentence(text):
    try:
        assert parse_duration(text) > 0
    except TruceWatchError as exc:
        assert "duration" in str(exc)


def test_compound_durations_and_refusals():
    assert parse_duration("1h30m") == 5400 and parse_duration(" 90s ") == 90 and parse_duration("2.5") == 2.5
    for bad in ("", "0", "-5m", "15 minutes", "m15", "inf", "nan"):
        with pytest.raises(TruceWatchError, match="duration"):
            parse_duration(bad)


def test_serve_runs_the_watch_beside_the_server(tmp_path, feeds, receiver):
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"{feeds.base}/a.xml\n{feeds.base}/b.xml\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'serve.db'}"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "trucewatch", "serve", "--db", db, "--port", str(port),
                               "--watch", str(listing), "--truce", str(DEMO_TRUCE), "--every", "1s",
                               "--webhook", receiver.url, "--allow-private"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(receiver.delivered()) < 2:
            assert server.poll() is None, server.stderr.read()[-800:]
            time.sleep(0.2)
        assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=10).json() == {"ok": True}
        with open_store(db) as store:
            announced = recent_alerts(store)
        assert len(announced) >= 2 and {a.id for a in announced} == {p["id"] for p in receiver.delivered()}
    finally:
        server.terminate()
        server.wait(20)
