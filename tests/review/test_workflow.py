"""The review workflow as library calls: moves the workflow allows and refuses, who may publish,
stale edits, bulk changes with conflicts, comments in the history, reviews carried through a
re-fusion that renames an incident, published findings reopened when a re-check changes them,
the soft editing notice, the audit log as CSV and JSON Lines."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone

import pytest

from trucewatch.accounts.passwords import cheapest_hashing
from trucewatch.accounts.users import add_user
from trucewatch.audit import Actor
from trucewatch.audit.export import entries, write_entries
from trucewatch.audit.versions import StaleEdit
from trucewatch.errors import Refused, TruceWatchError
from trucewatch.incidents.samples import GOV, make_document, make_event
from trucewatch.query import list_findings, parse_filters
from trucewatch.records import Extraction
from trucewatch.review import assign, bulk_change, comment, correct_event, read, set_status
from trucewatch.review.presence import editing, heartbeat, leave
from trucewatch.review.state import record_history
from trucewatch.truce.run import run_check

from .conftest import ALEPPO, EXAMPLE_TRUCE, first_extraction

AMAL = Actor(name="amal", via="web")
BASIL = Actor(name="basil", via="web")
ANALYST = frozenset({"read", "edit", "review"})
REVIEWER = ANALYST | {"publish"}


@pytest.fixture
def checked(store, report):
    """The report stored and checked; two users to assign."""
    with cheapest_hashing():
        for name in ("amal", "basil"):
            add_user(store, name, "analyst", "a long test passphrase", actor=AMAL)
    store.add([report], [first_extraction(report)])
    run_check(EXAMPLE_TRUCE, store, actor=AMAL)
    return store


def _finding(store, kind: str) -> dict:
    return next(f for f in list_findings(store, parse_filters({}), limit=50).items if f["type"] == kind)


def test_the_workflow_moves_and_who_may_publish(checked, report):
    finding = _finding(checked, "shelling")
    key = f"{finding['truce']}|{finding['incident']}"
    with pytest.raises(TruceWatchError, match="cannot move to 'published'"):
        set_status(checked, "finding", key, "published", version=1, actor=AMAL, permissions=REVIEWER)
    state = set_status(checked, "finding", key, "confirmed", version=1, actor=AMAL, permissions=ANALYST)
    with pytest.raises(Refused, match="'publish' permission"):
        set_status(checked, "finding", key, "published", version=state.version, actor=AMAL, permissions=ANALYST)
    published = set_status(checked, "finding", key, "published", version=state.version, actor=BASIL,
                           permissions=REVIEWER, reason="checked twice")
    assert published.status == "published" and published.version == state.version + 1
    with pytest.raises(TruceWatchError, match="cannot have the review status 'published'"):
        set_status(checked, "event", f"{report.id}:0", "published", version=1, actor=BASIL, permissions=REVIEWER)
    actions = [(e.action, e.user_name, e.after) for e in record_history(checked, "finding", key)]
    assert actions[-2:] == [("status", "amal", {"status": "confirmed"}), ("publish", "basil", {"status": "published"})]


def test_a_stale_status_change_is_refused_with_the_other_persons_change(checked, report):
    event = f"{report.id}:0"
    assign(checked, "event", event, "basil", version=1, actor=AMAL)
    with pytest.raises(StaleEdit) as refused:
        set_status(checked, "event", event, "rejected", version=1, actor=BASIL)
    [change] = refused.value.changes
    assert change.user_name == "amal" and change.after == {"assignee": "basil"}
    assert read(checked, "event", event).status == "machine"  # nothing written


def test_bulk_changes_the_fresh_and_reports_the_stale(checked, report):
    finding = _finding(checked, "air_strike")
    items = [{"kind": "event", "key": f"{report.id}:0", "version": 1},
             {"kind": "event", "key": f"{report.id}:1", "version": 1},
             {"kind": "incident", "key": finding["incident"], "version": None},
             {"kind": "event", "key": "nope:0", "version": 1}]
    correct_event(checked, f"{report.id}:1", {"location": ALEPPO}, version=1, actor=BASIL)  # now at version 2
    result = bulk_change(checked, items, actor=AMAL, status="in_review", assignee="amal", permissions=ANALYST)
    assert [d["key"] for d in result.done] == [f"{report.id}:0", finding["incident"]]
    assert [c["key"] for c in result.conflicts] == [f"{report.id}:1"] and result.conflicts[0]["current_version"] == 2
    assert [r["key"] for r in result.refused] == ["nope:0"]
    assert read(checked, "event", f"{report.id}:0").assignee == "amal"
    assert read(checked, "event", f"{report.id}:1").assignee is None


def test_comments_are_the_history_and_export_as_csv_and_jsonl(checked, report):
    event = f"{report.id}:0"
    comment(checked, "event", event, "Two outlets copy the same wire; check the original.", actor=AMAL)
    set_status(checked, "event", event, "needs_information", version=1, actor=BASIL, reason="ask the field office")
    with pytest.raises(TruceWatchError, match="needs some text"):
        comment(checked, "event", event, "   ", actor=AMAL)
    found = list(entries(checked, kind="event", keys=[event]))
    assert [e.action for e in found] == ["comment", "status"]
    out = io.StringIO()
    assert write_entries(found, "csv", out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert json.loads(rows[0]["after"]) == {"comment": "Two outlets copy the same wire; check the original."}
    assert rows[1]["user"] == "basil" and rows[1]["reason"] == "ask the field office"
    out = io.StringIO()
    write_entries(found, "jsonl", out)
    assert [json.loads(line)["action"] for line in out.getvalue().splitlines()] == ["comment", "status"]


def test_a_review_follows_its_incident_when_an_earlier_report_renames_it(checked, report):
    finding = _finding(checked, "air_strike")
    set_status(checked, "incident", finding["incident"], "confirmed", version=None, actor=AMAL)
    assign(checked, "incident", finding["incident"], "basil", version=None, actor=AMAL)
    key = f"{finding['truce']}|{finding['incident']}"
    set_status(checked, "finding", key, "confirmed", version=None, actor=AMAL)
    earlier = make_document("Jets bombed the grain market of Idlib on Friday, a council said.", "Wire E", "2016-03-04")
    checked.add([earlier], [Extraction(document=earlier, events=[make_event(earlier, actors=[GOV], day="2016-03-04")])])
    run_check(EXAMPLE_TRUCE, checked, actor=AMAL)
    renamed = _finding(checked, "air_strike")
    assert renamed["incident"] != finding["incident"]  # the earlier report leads the incident now
    assert (read(checked, "incident", renamed["incident"]).status, read(checked, "incident", renamed["incident"]).assignee) \
        == ("confirmed", "basil")
    new_key = f"{renamed['truce']}|{renamed['incident']}"
    if renamed["verdict"] == finding["verdict"]:
        assert read(checked, "finding", new_key).status == "confirmed"
    else:  # two sources now: the verdict changed, so the confirmed finding is back in review
        assert read(checked, "finding", new_key).status == "in_review"


def test_a_published_finding_whose_verdict_changes_goes_back_to_review(checked, report):
    finding = _finding(checked, "shelling")
    key = f"{finding['truce']}|{finding['incident']}"
    state = set_status(checked, "finding", key, "confirmed", version=1, actor=AMAL)
    set_status(checked, "finding", key, "published", version=state.version, actor=BASIL)
    correct_event(checked, f"{report.id}:1", {"location": ALEPPO}, version=1, actor=AMAL)
    run_check(EXAMPLE_TRUCE, checked, actor=AMAL)
    assert read(checked, "finding", key).status == "in_review"
    [reopen] = [e for e in record_history(checked, "finding", key) if e.action == "reopen"]
    assert reopen.before["status"] == "published" and reopen.after["verdict"] == "out of scope"


def test_the_editing_notice_names_the_others_and_lapses_by_itself(checked, report):
    event = f"{report.id}:0"
    now = datetime.now(timezone.utc)
    assert heartbeat(checked, "event", event, "amal", at=now) == []
    [other] = heartbeat(checked, "event", event, "basil", at=now + timedelta(seconds=10))
    assert other.user == "amal"
    assert [e.user for e in editing(checked, "event", event, at=now + timedelta(seconds=80))] == ["amal", "basil"]
    assert [e.user for e in editing(checked, "event", event, at=now + timedelta(seconds=95))] == ["basil"]  # lapsed
    leave(checked, "event", event, "basil")
    assert editing(checked, "event", event, at=now + timedelta(seconds=95)) == []
    # a notice, never a lock: amal's notice does not stop basil saving
    heartbeat(checked, "event", event, "amal")
    assert correct_event(checked, event, {"type": "shelling"}, version=1, actor=BASIL).version == 2
