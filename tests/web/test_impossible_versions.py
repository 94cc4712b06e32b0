"""Edits that name a version no record can have (beyond the database's integers, text, true) and
a split that names no event: each is refused as bad input (400, a sentence naming it), never a
500, and nothing is written — through the API and through the pages, on SQLite and PostgreSQL."""
from __future__ import annotations

import json

import pytest

from .conftest import login, make_client
from .test_roles_csrf_tokens import audit_rows

HUGE = 2**70  # what a client sending garbage might send; SQLite's driver cannot even bind it


@pytest.fixture(scope="module")
def admin(scenario):
    with make_client(scenario.url) as client:
        yield client, login(client, "admin")


def _records(client, scenario) -> tuple[str, str, str]:
    viewer = scenario.headers("viewer")
    event = client.get("/api/v1/events", params={"limit": 1}, headers=viewer).json()["items"][0]["id"]
    one, other = [i["id"] for i in client.get("/api/v1/incidents", params={"limit": 2},
                                               headers=viewer).json()["items"]]
    return event, one, other


def test_an_impossible_version_is_bad_input_on_every_edit(scenario, admin):
    client, csrf = admin
    event, one, other = _records(client, scenario)
    token = scenario.headers("admin")
    api = [("post", "/api/v1/review/status", {"kind": "event", "key": event, "status": "in_review"}),
           ("post", "/api/v1/review/assign", {"kind": "event", "key": event, "assignee": "viewer"}),
           ("patch", f"/api/v1/events/{event}", {"changes": {"type": "shelling"}}),
           ("post", f"/api/v1/incidents/{one}/merge", {"other": other}),
           ("post", f"/api/v1/incidents/{one}/split", {"event_ids": [event]}),
           ("patch", "/api/v1/users/viewer", {"role": "analyst"})]
    pages = [("/review/status", {"kind": "event", "key": event, "status": "in_review"}),
             ("/review/assign", {"kind": "event", "key": event, "assignee": "viewer"}),
             (f"/events/{event}/correct", {"fatalities_low": "77", "fatalities_best": "77", "fatalities_high": "77"}),
             (f"/incidents/{one}/merge", {"other": other}),
             (f"/incidents/{one}/split", {"event": event}),
             ("/admin/users/viewer", {"role": "analyst"})]
    before = audit_rows(scenario.url)
    for method, path, body in api:
        answer = client.request(method, path, json={**body, "version": HUGE}, headers=token)
        assert answer.status_code == 400, (path, answer.status_code, answer.text)
        assert f"{HUGE} is not a version" in answer.json()["detail"]
    for path, form in pages:
        answer = client.post(path, data={**form, "version": str(HUGE), "csrf_token": csrf}, follow_redirects=False)
        assert answer.status_code == 400, (path, answer.status_code)
        assert f"{HUGE} is not a version" in answer.text
    assert audit_rows(scenario.url) == before


@pytest.mark.parametrize("version", [HUGE, "2", True, 1.0])
def test_a_bulk_item_with_an_impossible_version_is_refused_and_the_others_change(scenario, admin, version):
    client, _ = admin
    token = scenario.headers("admin")
    events = [e["id"] for e in client.get("/api/v1/events", params={"limit": 3},
                                           headers=token).json()["items"]]
    state = client.get("/api/v1/review", params={"kind": "event", "id": events[2]}, headers=token).json()
    # The API's model refuses what is not an int; the page's items are JSON the browser sends as is.
    page_client, csrf = admin
    items = [json.dumps({"kind": "event", "key": events[0], "version": version}),
             json.dumps({"kind": "event", "key": events[2], "version": state["version"]})]
    before = audit_rows(scenario.url)
    answer = page_client.post("/review/bulk", data={"csrf_token": csrf, "item": items, "assignee": "analyst"})
    assert answer.status_code == 200, answer.text
    assert 'data-done="1"' in answer.text and "is not a version" in answer.text
    assert audit_rows(scenario.url) == before + 1  # the good item only


def test_a_split_that_names_no_event_is_bad_input(scenario, admin):
    client, csrf = admin
    _, one, _ = _records(client, scenario)
    version = client.get("/api/v1/review", params={"kind": "incident", "id": one},
                         headers=scenario.headers("viewer")).json()["version"]
    before = audit_rows(scenario.url)
    for events in ({}, {"event": ""}, {"event": "  "}):
        answer = client.post(f"/incidents/{one}/split", data={"csrf_token": csrf, "version": str(version), **events},
                             follow_redirects=False)
        assert answer.status_code == 400, (events, answer.status_code)
        assert "none was named" in answer.text
    assert audit_rows(scenario.url) == before
