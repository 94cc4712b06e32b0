"""The review workflow over the API (SQLite and PostgreSQL): a stale correction is a 409 with the
other person's change, roles decide who reviews and who publishes, bulk changes report conflicts,
comments and every change are the history (also as CSV and JSON Lines), the editing notice,
merges and splits name the incident's version, background exports, alerts."""
from __future__ import annotations

import csv
import io
import json
import time

import pytest

from .conftest import build_scenario, login, make_client

ALEPPO = {"lat": 36.2, "lon": 37.15}


@pytest.fixture
def fresh(store_url, tmp_path):
    scenario = build_scenario(store_url)
    with make_client(scenario.url, exports_dir=str(tmp_path / "exports")) as client:
        yield scenario, client


def _event(client, scenario, place: str) -> dict:
    items = client.get("/api/v1/events", params={"limit": 100}, headers=scenario.headers("viewer")).json()["items"]
    return next(e for e in items if (e.get("location") or {}).get("name") == place)


def _finding(client, scenario, verdict: str) -> dict:
    items = client.get("/api/v1/findings", params={"verdict": verdict}, headers=scenario.headers("viewer")).json()["items"]
    return items[0]


def _wait(condition, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_a_correction_rechecks_the_finding_and_a_stale_one_is_a_409(fresh):
    scenario, client = fresh
    event = _event(client, scenario, "Maarrat Misrin")
    assert event["verdict"] == "violation" and event["version"] == 1
    done = client.patch(f"/api/v1/events/{event['id']}", headers=scenario.headers("analyst"),
                        json={"version": 1, "changes": {"location": ALEPPO}, "reason": "the wire named the wrong town"})
    assert done.status_code == 200 and done.json()["version"] == 2 and done.headers["etag"] == '"2"'
    stale = client.patch(f"/api/v1/events/{event['id']}", headers=scenario.headers("reviewer"),
                         json={"version": 1, "changes": {"type": "air_strike"}})
    assert stale.status_code == 409
    problem = stale.json()
    assert problem["type"] == "urn:trucewatch:problem:stale-edit" and problem["current_version"] == 2
    [change] = problem["changes"]
    assert change["user"] == "analyst" and change["after"]["location"]["admin1"] == "Aleppo"
    shown = client.get(f"/api/v1/events/{event['id']}", headers=scenario.headers("viewer")).json()
    assert shown["type"] == "shelling" and shown["location"]["admin1"] == "Aleppo"  # theirs stands, mine is not saved
    assert shown["corrections"]["location"]["machine"]["name"] == "Maarrat Misrin"
    _wait(lambda: _event(client, scenario, "near Aleppo")["verdict"] == "out of scope")  # the background re-check
    bad = client.patch(f"/api/v1/events/{event['id']}", headers=scenario.headers("analyst"),
                       json={"version": 2, "changes": {"actors": ["Nobody We Know"]}})
    assert bad.status_code == 400 and "actor dictionary" in bad.json()["detail"]
    assert client.patch(f"/api/v1/events/{event['id']}", headers=scenario.headers("viewer"),
                        json={"version": 2, "changes": {"type": "shelling"}}).status_code == 403


def test_roles_decide_who_reviews_and_who_publishes(fresh):
    scenario, client = fresh
    finding = _finding(client, scenario, "violation")
    key = f"{finding['truce']}|{finding['incident']}"
    body = {"kind": "finding", "key": key, "status": "confirmed", "version": finding["version"]}
    assert client.post("/api/v1/review/status", json=body, headers=scenario.headers("viewer")).status_code == 403
    confirmed = client.post("/api/v1/review/status", json=body, headers=scenario.headers("analyst")).json()
    publish = {**body, "status": "published", "version": confirmed["version"]}
    refused = client.post("/api/v1/review/status", json=publish, headers=scenario.headers("analyst"))
    assert refused.status_code == 403 and "'publish' permission" in refused.json()["detail"]
    assert client.post("/api/v1/review/status", json=publish, headers=scenario.headers("reviewer")).status_code == 200
    seen = client.get("/api/v1/findings", params={"review_status": "published"}, headers=scenario.headers("viewer"))
    assert [f["incident"] for f in seen.json()["items"]] == [finding["incident"]]
    history = client.get(f"/api/v1/history/finding/{key}", headers=scenario.headers("viewer")).json()
    assert [(h["action"], h["user"]) for h in history][-2:] == [("status", "analyst"), ("publish", "reviewer")]


def test_bulk_comments_and_the_history_as_files(fresh):
    scenario, client = fresh
    events = client.get("/api/v1/events", params={"limit": 100}, headers=scenario.headers("viewer")).json()["items"]
    first = events[0]
    client.post("/api/v1/review/assign", headers=scenario.headers("reviewer"),
                json={"kind": "event", "key": first["id"], "assignee": "viewer", "version": 1})
    items = [{"kind": "event", "key": e["id"], "version": e["version"]} for e in events]
    result = client.post("/api/v1/review/bulk", headers=scenario.headers("analyst"),
                         json={"items": items, "assignee": "analyst", "status": "in_review"}).json()
    assert len(result["done"]) == len(events) - 1 and [c["key"] for c in result["conflicts"]] == [first["id"]]
    unknown = client.post("/api/v1/review/bulk", headers=scenario.headers("analyst"),
                          json={"items": [{"kind": "event", "key": events[1]["id"]}], "assignee": "nobody-here"}).json()
    assert unknown["refused"] and "no user" in unknown["refused"][0]["detail"]
    said = client.post("/api/v1/review/comment", headers=scenario.headers("analyst"),
                       json={"kind": "event", "key": events[1]["id"], "text": "Same photo as last week's story."})
    assert said.status_code == 201
    path = f"/api/v1/history/event/{events[1]['id']}"
    rows = list(csv.DictReader(io.StringIO(client.get(path, params={"format": "csv"},
                                                      headers=scenario.headers("viewer")).text)))
    assert [r["action"] for r in rows] == ["status", "comment"]  # the bulk change, then the comment
    assert json.loads(rows[0]["after"]) == {"status": "in_review", "assignee": "analyst"}
    assert json.loads(rows[-1]["after"]) == {"comment": "Same photo as last week's story."}
    lines = client.get(path, params={"format": "jsonl"}, headers=scenario.headers("viewer")).text.splitlines()
    assert [json.loads(line)["action"] for line in lines] == [r["action"] for r in rows]
    audit = client.get("/api/v1/audit", params={"kind": "event", "format": "csv"}, headers=scenario.headers("viewer"))
    changes = list(csv.DictReader(io.StringIO(audit.text)))
    assigned = [r for r in changes if (json.loads(r["after"] or "{}") or {}).get("assignee") == "analyst"]
    assert len(assigned) == len(events) - 1 and len(changes) == len(events) + 1  # bulk, the stale one's assign, the comment
    assert client.get("/api/v1/audit", params={"kind": "user"}, headers=scenario.headers("viewer")).status_code == 403
    everything = client.get("/api/v1/audit", headers=scenario.headers("viewer")).text.splitlines()
    assert not [line for line in everything if json.loads(line)["kind"] in ("user", "token", "search")]


def test_the_editing_notice_is_shown_to_others_and_never_locks(fresh):
    scenario, client = fresh
    event = _event(client, scenario, "Aleppo")
    spot = {"kind": "event", "key": event["id"]}
    assert client.put("/api/v1/review/presence", json=spot, headers=scenario.headers("analyst")).json()["editing"] == []
    others = client.put("/api/v1/review/presence", json=spot, headers=scenario.headers("reviewer")).json()
    assert [e["user"] for e in others["editing"]] == ["analyst"] and others["seconds"] > 0
    asked = {"kind": "event", "id": event["id"]}  # "key" is never a query parameter: it names a credential
    state = client.get("/api/v1/review", params=asked, headers=scenario.headers("reviewer")).json()
    assert [e["user"] for e in state["editing"]] == ["analyst"] and state["review_status"] == "machine"
    saved = client.patch(f"/api/v1/events/{event['id']}", headers=scenario.headers("reviewer"),
                         json={"version": 1, "changes": {"fatalities": {"low": 1, "best": 2, "high": 3}}})
    assert saved.status_code == 200  # the notice is not a lock
    assert client.delete("/api/v1/review/presence", params=asked, headers=scenario.headers("analyst")).status_code == 204
    assert client.put("/api/v1/review/presence", json=spot, headers=scenario.headers("reviewer")).json()["editing"] == []


def test_merge_and_split_name_the_incidents_version(fresh):
    scenario, client = fresh
    a = _event(client, scenario, "Maarrat Misrin")["incident"]
    b = _event(client, scenario, "Aleppo")["incident"]
    stale = client.post(f"/api/v1/incidents/{a}/merge", json={"other": b, "version": 7},
                        headers=scenario.headers("analyst"))
    assert stale.status_code == 409
    version = client.get("/api/v1/review", params={"kind": "incident", "id": a}, headers=scenario.headers("analyst")).json()["version"]
    merged = client.post(f"/api/v1/incidents/{a}/merge", json={"other": b, "version": version, "reason": "same strike"},
                         headers=scenario.headers("analyst"))
    assert merged.status_code == 200
    body = merged.json()
    record = client.get(f"/api/v1/incidents/{body['incident']}", headers=scenario.headers("viewer")).json()
    assert len(record["mentions"]) == 2 and any(h["action"] == "merge" for h in record["history"])
    merged_version = client.get("/api/v1/review", params={"kind": "incident", "id": body["incident"]},
                                headers=scenario.headers("analyst")).json()["version"]
    moving = [m["event"]["id"] for m in record["mentions"]][-1:]
    split = client.post(f"/api/v1/incidents/{body['incident']}/split", headers=scenario.headers("analyst"),
                        json={"event_ids": moving, "version": merged_version, "reason": "two strikes after all"})
    assert split.status_code == 200 and len(set(split.json()["incidents"])) == 2
    undone = client.post(f"/api/v1/journal/{body['operation']['op_id']}/undo", json={"reason": "not the same"},
                         headers=scenario.headers("analyst"))
    assert undone.status_code == 200 and undone.json()["operation"]["undone"] is True


def test_a_large_export_runs_in_the_background_and_is_downloaded_by_its_owner(fresh):
    scenario, client = fresh
    asked = client.post("/api/v1/jobs", json={"resource": "events", "format": "csv", "query": "date_after=2016-03-01"},
                        headers=scenario.headers("analyst"))
    assert asked.status_code == 202 and asked.headers["location"] == f"/api/v1/jobs/{asked.json()['id']}"
    job = _wait(lambda: (lambda j: j if j["state"] == "done" else None)(
        client.get(asked.headers["location"], headers=scenario.headers("analyst")).json()))
    total = client.get("/api/v1/events", params={"date_after": "2016-03-01"}, headers=scenario.headers("viewer")).json()["total"]
    assert job["result"]["rows"] == total
    download = client.get(f"{asked.headers['location']}/download", headers=scenario.headers("analyst"))
    assert download.status_code == 200 and len(list(csv.DictReader(io.StringIO(download.text)))) == total
    assert client.get(f"{asked.headers['location']}/download", headers=scenario.headers("viewer")).status_code == 404
    bad = client.post("/api/v1/jobs", json={"resource": "events", "format": "parquet"}, headers=scenario.headers("analyst"))
    assert bad.status_code == 400


def test_alerts_are_listed_newest_first(fresh):
    from trucewatch.monitor.outbox import announce
    from trucewatch.store import open_store

    scenario, client = fresh
    with open_store(scenario.url) as store:
        made = announce(store, "Idlib city humanitarian pause (example)")
    listed = client.get("/api/v1/alerts", headers=scenario.headers("viewer")).json()
    assert [a["id"] for a in listed] == sorted((a.id for a in made), reverse=True)
    assert {a["verdict"] for a in listed} <= {"violation", "probable violation"} and listed
    login(client, "viewer")
    page = client.get("/alerts")
    assert page.status_code == 200 and page.text.count('class="alert-row"') == len(made)
    banner = client.get("/").text
    assert 'id="alert-banner"' in banner and f"<strong>{len(made)}</strong> violation alert(s)" in banner
