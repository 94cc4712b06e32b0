"""The review pages without a browser: every review form refuses anonymous users and viewers
(nothing written), the event page's correction form saves, answers a stale save with the
conflict view, and the review queue's bulk form changes many records at once."""
from __future__ import annotations

import json
import re

import pytest

from .conftest import build_scenario, login, make_client
from .test_roles_csrf_tokens import audit_rows

FORMS = [  # path, form fields (the records need not exist: the permission is checked first)
    ("/review/status", {"kind": "event", "key": "x:0", "version": "1", "status": "confirmed"}),
    ("/review/assign", {"kind": "event", "key": "x:0", "version": "1", "assignee": "viewer"}),
    ("/review/comment", {"kind": "event", "key": "x:0", "text": "hello"}),
    ("/review/bulk", {"item": json.dumps({"kind": "event", "key": "x:0", "version": 1}), "status": "confirmed"}),
    ("/events/x:0/correct", {"version": "1", "type": "shelling"}),
    ("/incidents/inc-x/merge", {"version": "1", "other": "inc-y"}),
    ("/incidents/inc-x/split", {"version": "1", "event": "x:0"}),
    ("/journal/abc/undo", {}),
]


@pytest.fixture(scope="module")
def viewer(sqlite_scenario):
    with make_client(sqlite_scenario.url) as client:
        yield client, login(client, "viewer")


@pytest.mark.parametrize("case", range(len(FORMS)))
def test_review_forms_refuse_anonymous_users_and_viewers(sqlite_scenario, viewer, case):
    path, form = FORMS[case]
    before = audit_rows(sqlite_scenario.url)
    with make_client(sqlite_scenario.url) as anonymous:
        assert anonymous.post(path, data=form, follow_redirects=False).status_code == 401
    client, csrf = viewer
    answer = client.post(path, data={**form, "csrf_token": csrf}, follow_redirects=False)
    assert answer.status_code == 403 and "text/html" in answer.headers["content-type"]
    assert audit_rows(sqlite_scenario.url) == before


@pytest.fixture
def fresh(tmp_path):
    scenario = build_scenario(f"sqlite:///{tmp_path / 'pages.db'}")
    with make_client(scenario.url) as first, make_client(scenario.url) as second:
        yield scenario, (first, login(first, "analyst")), (second, login(second, "reviewer"))


def _form_fields(html: str) -> dict:
    return dict(re.findall(r'<input type="hidden" name="(version)" id="c-version" value="(\d+)"', html))


def test_two_people_correct_one_event_and_the_second_sees_the_conflict(fresh):
    scenario, (first, first_csrf), (second, second_csrf) = fresh
    events = first.get("/api/v1/events", params={"limit": 100}, headers=scenario.headers("viewer")).json()["items"]
    event = next(e for e in events if (e.get("location") or {}).get("name") == "Aleppo")
    page = f"/events/{event['id']}"
    version = _form_fields(first.get(page).text)["version"]
    assert _form_fields(second.get(page).text)["version"] == version == "1"
    saved = first.post(f"{page}/correct", follow_redirects=False,
                       data={"csrf_token": first_csrf, "version": version, "fatalities_low": "4", "fatalities_best": "4",
                             "fatalities_high": "5", "reason": "the morgue's list"})
    assert saved.status_code == 303
    late = second.post(f"{page}/correct", follow_redirects=False,
                       data={"csrf_token": second_csrf, "version": version, "type": "shelling"})
    assert late.status_code == 409 and 'id="conflict"' in late.text
    theirs = late.text[late.text.index('id="conflict"'):late.text.index('id="your-change"')]
    assert "analyst" in theirs and "the morgue" in theirs
    assert '"type": "shelling"' in late.text  # mine, beside theirs, not saved
    assert _form_fields(late.text)["version"] == "2"  # the form now edits the current version
    shown = first.get("/api/v1/events/" + event["id"], headers=scenario.headers("viewer")).json()
    assert shown["type"] == event["type"] and shown["fatalities"]["best"] == 4
    nothing = second.post(f"{page}/correct", follow_redirects=False, data={"csrf_token": second_csrf, "version": "2"})
    assert nothing.status_code == 400 and "Nothing was changed" in nothing.text


def test_an_edit_form_without_its_version_writes_nothing(fresh):
    """As the API, a page never writes without the version the form was opened on: a form that
    lost it could silently overwrite somebody's change."""
    scenario, (first, csrf), _ = fresh
    viewer = scenario.headers("viewer")
    event = first.get("/api/v1/events", params={"limit": 1}, headers=viewer).json()["items"][0]
    one, other = [i["id"] for i in first.get("/api/v1/incidents", params={"limit": 2}, headers=viewer).json()["items"]]
    before = audit_rows(scenario.url)
    for path, form in [("/review/status", {"kind": "event", "key": event["id"], "status": "in_review"}),
                       ("/review/assign", {"kind": "event", "key": event["id"], "assignee": "viewer"}),
                       (f"/events/{event['id']}/correct", {"type": "shelling"}),
                       (f"/incidents/{one}/merge", {"other": other}),
                       (f"/incidents/{one}/split", {"event": event["id"]})]:
        for version in ({}, {"version": ""}, {"version": "0"}):
            answer = first.post(path, data={**form, **version, "csrf_token": csrf}, follow_redirects=False)
            assert answer.status_code == 400, (path, version, answer.status_code)
            assert "which version of the record it was opened on" in answer.text
    assert audit_rows(scenario.url) == before


def test_the_queue_bulk_form_assigns_every_selected_row(fresh):
    scenario, (first, csrf), _ = fresh
    queue = first.get("/review", params={"kind": "event"})
    values = re.findall(r'name="item" value="([^"]+)"', queue.text)
    assert len(values) == int(re.search(r'data-total="(\d+)"', queue.text).group(1)) > 3
    items = [v.replace("&#34;", '"').replace("&quot;", '"') for v in values]
    done = first.post("/review/bulk", data={"csrf_token": csrf, "item": items, "assignee": "reviewer",
                                            "status": "in_review", "next": "/review?kind=event"})
    assert done.status_code == 200 and int(re.search(r'data-done="(\d+)"', done.text).group(1)) == len(items)
    again = first.get("/review", params={"kind": "event", "review_status": "in_review"})
    assert again.text.count('data-assignee="reviewer"') == len(items)
