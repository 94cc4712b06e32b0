"""Nobody overwrites anybody silently (a stale edit is a 409 showing the other change), every write
is in the append-only audit log and shown as the record's history, and sync clients see changes
(`updated_since`) and deletions (`/deleted`)."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from .conftest import build_scenario, login, make_client


@pytest.fixture
def fresh(store_url):
    """A scenario of its own per test (these tests change it), on SQLite and PostgreSQL."""
    scenario = build_scenario(store_url)
    with make_client(scenario.url) as client:
        yield scenario, client


def test_a_stale_truce_edit_is_refused_with_the_other_change(fresh):
    scenario, client = fresh
    admin = scenario.headers("admin")
    path = f"/api/v1/truces/{scenario.truce_id}"
    mine = client.get(path, headers=admin).json()
    theirs = mine["yaml"].replace("buffer_km: 12", "buffer_km: 20")
    first = client.put(path, json={"yaml": theirs, "version": mine["version"], "reason": "wider area"}, headers=admin)
    assert first.status_code == 200 and first.json()["version"] == mine["version"] + 1
    assert first.headers["etag"] == f'"{mine["version"] + 1}"'
    stale = client.put(path, json={"yaml": mine["yaml"].replace("buffer_km: 12", "buffer_km: 8"),
                                   "version": mine["version"]}, headers=admin)
    assert stale.status_code == 409
    problem = stale.json()
    assert problem["type"] == "urn:trucewatch:problem:stale-edit"
    assert problem["expected_version"] == mine["version"] and problem["current_version"] == mine["version"] + 1
    [change] = problem["changes"]
    assert change["user"] == "admin" and change["reason"] == "wider area" and "buffer_km: 20" in change["after"]["yaml"]
    assert "buffer_km: 20" in client.get(path, headers=admin).json()["yaml"]  # theirs stands


def test_the_edit_page_shows_the_other_persons_change_beside_mine(fresh):
    scenario, client = fresh
    csrf = login(client, "admin")
    form = client.get(f"/truces/{scenario.truce_id}/edit")
    version = int(re.search(r'name="version" value="(\d+)"', form.text).group(1))
    text = client.get(f"/api/v1/truces/{scenario.truce_id}", headers=scenario.headers("admin")).json()["yaml"]
    with make_client(scenario.url) as other:  # somebody else saves first
        other_csrf = login(other, "admin")
        done = other.post(f"/truces/{scenario.truce_id}/edit", follow_redirects=False,
                          data={"text": text.replace("buffer_km: 12", "buffer_km: 30"), "version": version,
                                "reason": "their reason", "csrf_token": other_csrf})
        assert done.status_code == 303
    mine = text.replace("buffer_km: 12", "buffer_km: 4")
    answer = client.post(f"/truces/{scenario.truce_id}/edit", follow_redirects=False,
                         data={"text": mine, "version": version, "reason": "mine", "csrf_token": csrf})
    assert answer.status_code == 409
    assert 'id="conflict"' in answer.text and "their reason" in answer.text
    assert "buffer_km: 30" in answer.text and "buffer_km: 4" in answer.text  # theirs and mine, side by side
    assert f'name="version" value="{version + 1}"' in answer.text  # saving again now means: over theirs, knowingly


def test_every_write_is_audited_and_the_log_is_append_only(fresh):
    scenario, client = fresh
    admin = scenario.headers("admin")
    client.post("/api/v1/users", json={"name": "newcomer", "role": "analyst", "password": "another passphrase"},
                headers=admin)
    current = client.get("/api/v1/users/newcomer", headers=admin).json()
    client.patch("/api/v1/users/newcomer", json={"version": current["version"], "role": "reviewer",
                                                 "reason": "signs off now"}, headers=admin)
    history = client.get("/api/v1/history/user/newcomer", headers=admin).json()
    assert [entry["action"] for entry in history] == ["create", "update"]
    update = history[1]
    assert update["user"] == "admin" and update["via"] == "api" and update["reason"] == "signs off now"
    assert update["before"]["role"] == "analyst" and update["after"]["role"] == "reviewer"
    assert "password_hash" not in str(history)
    assert client.get("/api/v1/history/user/newcomer", headers=scenario.headers("viewer")).status_code == 403
    engine = sa.create_engine(scenario.url)
    try:
        for statement in ("UPDATE audit_log SET reason = 'rewritten'", "DELETE FROM audit_log"):
            with pytest.raises(sa.exc.DatabaseError, match="append-only"):
                with engine.begin() as connection:
                    connection.execute(sa.text(statement))
        with engine.connect() as connection:
            assert connection.scalar(sa.text("SELECT count(*) FROM audit_log WHERE reason = 'rewritten'")) == 0
    finally:
        engine.dispose()


def test_a_merge_is_history_a_tombstone_and_an_update(fresh):
    from trucewatch.audit import Actor
    from trucewatch.incidents.stored import merge_stored
    from trucewatch.store import open_store

    scenario, client = fresh
    headers = scenario.headers("viewer")
    before = datetime.now(timezone.utc)  # after the scenario was built
    idlib = client.get("/api/v1/incidents", params={"admin1": "Idlib", "type": "air_strike", "order": "asc"},
                       headers=headers).json()["items"]
    keep, gone = idlib[0]["id"], idlib[1]["id"]
    with open_store(scenario.url) as store:
        merge_stored(store, keep, gone, actor=Actor("analyst", via="cli"), reason="same strike")
    deleted = client.get("/api/v1/deleted", params={"since": before.isoformat()}, headers=headers).json()["items"]
    assert {"kind": "incident", "id": gone, "replaced_by": keep} == {k: v for k, v in deleted[0].items() if k != "deleted_at"}
    changed = client.get("/api/v1/incidents", params={"updated_since": before.isoformat()}, headers=headers).json()
    assert [item["id"] for item in changed["items"]] == [keep] and changed["items"][0]["version"] == 2
    record = client.get(f"/api/v1/incidents/{gone}", headers=headers).json()  # the old id still resolves
    assert record["id"] == keep and record["resolved_from"]["via"] == "alias"
    assert [entry["action"] for entry in record["history"]] == ["merge"]
    assert record["history"][0]["reason"] == "same strike"
    page = client.get(f"/incidents/{keep}", headers=headers)  # the token works for pages too
    assert "same strike" in page.text and 'class="history-entry"' in page.text


def test_a_check_that_changes_nothing_changes_no_version(fresh):
    from trucewatch.store import open_store
    from trucewatch.truce.run import run_check
    from trucewatch.truce.stored import get_truce

    scenario, client = fresh
    headers = scenario.headers("viewer")
    after_first = datetime.now(timezone.utc)
    with open_store(scenario.url) as store:
        run_check(get_truce(store, scenario.truce_id).parsed(), store)
    for resource in ("incidents", "findings"):
        changed = client.get(f"/api/v1/{resource}", params={"updated_since": after_first.isoformat()}, headers=headers)
        assert changed.json()["total"] == 0, resource
    assert client.get("/api/v1/deleted", params={"since": after_first.isoformat()}, headers=headers).json()["items"] == []
    truce = client.get(f"/api/v1/truces/{scenario.truce_id}", headers=headers).json()
    assert truce["findings_current"] and truce["last_checked_at"] > after_first.isoformat()


def test_re_extraction_that_drops_an_event_leaves_a_tombstone(fresh):
    from trucewatch.records import Extraction
    from trucewatch.store import open_store

    scenario, client = fresh
    headers = scenario.headers("viewer")
    event = client.get("/api/v1/events", params={"q": "grain market", "actor": "Syria"}, headers=headers).json()["items"][0]
    before = datetime.now(timezone.utc)
    with open_store(scenario.url) as store:
        [extraction] = list(store.extractions(ids=[event["document"]["id"]]))
        store.add_extractions([Extraction(document=extraction.document, events=[])])
    deleted = client.get("/api/v1/deleted", params={"since": before.isoformat(), "kind": "event"}, headers=headers)
    assert [item["id"] for item in deleted.json()["items"]] == [event["id"]]
