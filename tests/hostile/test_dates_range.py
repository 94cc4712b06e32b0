"""Class 1: one far-future date must not stop checking for good. Dates outside 1900..(read + a
year) are refused at ingest, named; date sums never overflow; a stored document can be deleted
or corrected (with its events), journalled."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from typer.testing import CliRunner

from trucewatch.cli import app
from trucewatch.daymath import shift
from trucewatch.errors import ConfigError
from trucewatch.extract import extract
from trucewatch.incidents.samples import GOV, make_document, make_event
from trucewatch.report.period import Period
from trucewatch.query import parse_filters, timeline
from trucewatch.records import Extraction
from trucewatch.store import open_store
from trucewatch.truce import parse_truce

TRUCE = """name: Hama test truce
parties: [SYR]
area: {places: [{name: Hama, lat: 35.13, lon: 36.75}], buffer_km: 25}
start: 2016-03-01T00:00
end: %s
prohibited: [air_strike, shelling]
"""
FUTURE_TEXT = "Government jets will strike Hama tomorrow, officials warned. Shelling hit Hama this week."
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Far Wire</title>
<item><title>Far</title><link>http://example.org/far</link><pubDate>Fri, 31 Dec 9999 10:00:00 GMT</pubDate>
<description>Shelling hit Hama on Monday, residents said.</description></item>
<item><title>Near</title><link>http://example.org/near</link><pubDate>Mon, 07 Mar 2016 10:00:00 GMT</pubDate>
<description>Rockets landed near Homs on Sunday, officials said.</description></item>
</channel></rss>"""


def test_shift_stays_in_the_calendar():
    assert shift(date.max, timedelta(days=1)) == date.max
    assert shift(date.min, -timedelta(days=3)) == date.min
    assert shift(datetime(9999, 12, 31, 23, 59), timedelta(minutes=1)) == datetime.max
    assert Period(date(1, 1, 2), date(1, 1, 5)).previous().start == date.min


def test_far_dates_are_refused_at_ingest_and_good_ones_stored(tmp_path, hostile):
    folder = tmp_path / "in"
    folder.mkdir()
    rows = [{"id": "future", "text": "Shelling hit Hama on Monday.", "published": "9999-12-31"},
            {"id": "ancient", "text": "Jets struck Idlib on Tuesday.", "published": "1000-01-01"},
            {"id": "epoch-far", "text": "Mortars fell on Daraa.", "published": 253402300799},
            {"id": "fine", "text": "Rockets landed near Homs on Sunday.", "published": "2016-03-07"}]
    (folder / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (folder / "b.txt").write_text("date 9999-12-31\nShells struck the market in Hama.", encoding="utf-8")
    (folder / "c.rss").write_text(RSS, encoding="utf-8")
    (folder / "d.html").write_text('<html><head><meta property="article:published_time" '
                                   'content="9999-12-31T00:00:00Z"><title>Page</title></head><body><article>'
                                   "<p>Clashes broke out in Aleppo on Friday, witnesses told the monitor by "
                                   "telephone late in the evening.</p></article></body></html>", encoding="utf-8")
    db = tmp_path / "tw.db"
    done = hostile.run_cli("ingest", str(folder), "--no-extract", "--db", f"sqlite:///{db}", cwd=tmp_path)
    err = hostile.assert_named_failure(done, "a.jsonl:1:", "a.jsonl:2:", "a.jsonl:3:", "b.txt:",
                                       "http://example.org/far:")
    assert err.count("outside the publication dates accepted") == 5
    with open_store(f"sqlite:///{db}") as store:
        stored = {d.ref or d.path: d.published for d in store.documents()}
    assert stored[str(folder / "d.html")] != date(9999, 12, 31)  # meta date ignored, report kept
    assert {"fine", "http://example.org/near"} <= set(stored) and len(stored) == 3


@pytest.fixture
def far_future_db(store_url):
    """A database written before the range check: a 9999-12-31 report with events, and a normal one
    (SQLite and PostgreSQL)."""
    url = store_url
    far = extract(FUTURE_TEXT, published=date(9999, 12, 31), ref="far")
    near = extract("Government jets struck a market in Hama on Monday, killing 4 people.",
                   published=date(2016, 3, 8), ref="near")
    assert far.events, "the far-future report must yield events for this test to mean anything"
    with open_store(url) as store:
        store.add([far.document, near.document], [far, near])
    return url, far.document.id


def test_check_and_report_survive_a_stored_far_future_document(far_future_db, tmp_path):
    url, _ = far_future_db
    truce = tmp_path / "truce.yaml"
    truce.write_text(TRUCE % "2016-04-01T00:00", encoding="utf-8")
    for args in (["check", str(truce)], ["report", str(truce), "--from", "2016-03-01", "--to", "2016-03-31",
                                         "--out", str(tmp_path / "r.html")],
                 ["report", str(truce), "--from", "2016-03-01", "--to", "2016-03-31", "--out", str(tmp_path / "r.md")],
                 ["incidents", "list"], ["list", "events"], ["export", "--format", "acled"]):
        done = CliRunner().invoke(app, [*args, "--db", url])  # in this process: no start-up per command
        assert done.exception is None or isinstance(done.exception, SystemExit), (args, done.exception)
        assert done.exit_code == 0, (args, done.output)


ARMY_SAYS = ("Syrian army", "Syria", "SYR", "MIL", "asserts", "occurrence", None)


@pytest.mark.parametrize("edge", ["9999-12-31", "0001-01-01"])
def test_a_stored_pledge_at_the_calendars_edge_does_not_stop_checking(edge, store_url, tmp_path):
    """A pledge dated at the first or last day Python knows (stored before the range check) once
    made `check`, `commitments check` and `report` fail with OverflowError (a day added to the
    day it was made), and an incident on 9999-12-31 broke the dashboard's timeline."""
    pledge = make_document("The army said it would scale back air strikes on Idlib.", "Wire A", edge)
    strike = make_document("Jets struck a bakery in Idlib on Wednesday, residents said.", "Wire B", "2016-03-10")
    extractions = [
        Extraction(document=pledge, events=[make_event(pledge, type="de_escalation", status="planned",
                                                       actors=[GOV], claims=[ARMY_SAYS]),
                                            make_event(pledge, 1, status="planned")]),
        Extraction(document=strike, events=[make_event(strike, day="2016-03-09", actors=[GOV])])]
    with open_store(store_url) as store:
        store.add([x.document for x in extractions], extractions)
    truce = tmp_path / "truce.yaml"
    truce.write_text(TRUCE % "2016-04-01T00:00", encoding="utf-8")
    for args in (["check", str(truce)], ["commitments", "check"], ["commitments", "list", "--json"],
                 ["report", str(truce), "--from", "2016-03-01", "--to", "2016-03-31", "--out", str(tmp_path / "r.html")],
                 ["export", "--what", "commitments", "--format", "csv", "--out", str(tmp_path / "c.csv")]):
        done = CliRunner().invoke(app, [*args, "--db", store_url])
        assert done.exception is None or isinstance(done.exception, SystemExit), (args, done.exception)
        assert done.exit_code == 0, (args, done.output)
    listed = CliRunner().invoke(app, ["commitments", "list", "--json", "--db", store_url]).output
    assert json.loads(listed.splitlines()[0])["reports"][0]["published"] == edge
    with open_store(store_url) as store:
        series = timeline(store, parse_filters({}))
    assert series["days"][-1]["day"] == max(edge, "2016-03-09") or series["imprecise"]


@pytest.mark.parametrize("end, named", [("9999-12-31T23:59", "field 'end'"), ("0001-01-01T00:00", "field 'end'")])
def test_truce_dates_outside_the_supported_range_are_named(end, named, far_future_db, tmp_path, hostile):
    url, _ = far_future_db
    truce = tmp_path / "truce.yaml"
    truce.write_text(TRUCE % end, encoding="utf-8")
    done = hostile.run_cli("check", str(truce), "--db", url, cwd=tmp_path)
    hostile.assert_named_failure(done, "truce.yaml", named, "outside the dates TruceWatch supports")


def test_truce_terms_refuse_far_dates_in_the_library():
    with pytest.raises(ConfigError, match="outside the dates"):
        parse_truce({"name": "x", "parties": ["SYR"], "area": {"places": [{"name": "Hama", "lat": 35, "lon": 36}]},
                     "start": "2016-03-01T00:00", "end": "9999-12-31T23:59", "prohibited": ["shelling"]})


@pytest.mark.parametrize("start, end", [("1000-01-01", "2016-04-01"), ("2016-03-01", "9999-12-31"),
                                        ("1901-01-01", "2016-01-01")])
def test_report_periods_outside_the_range_are_named(start, end, far_future_db, tmp_path, hostile):
    url, _ = far_future_db
    truce = tmp_path / "truce.yaml"
    truce.write_text(TRUCE % "2016-04-01T00:00", encoding="utf-8")
    done = hostile.run_cli("report", str(truce), "--from", start, "--to", end, "--db", url, cwd=tmp_path)
    hostile.assert_named_failure(done, f"--from {start}", "report period")


def test_the_far_document_can_be_deleted_and_the_journal_keeps_it(far_future_db, tmp_path, hostile):
    url, doc_id = far_future_db
    done = hostile.run_cli("documents", "delete", doc_id[:10], "--reason", "broken feed date", "--db", url,
                           cwd=tmp_path)
    hostile.assert_no_bug(done)
    assert done.returncode == 0 and f"deleted {doc_id}" in hostile.text_of(done)[0]
    with open_store(url) as store:
        assert [d.ref for d in store.documents()] == ["near"]
        assert all(document.id != doc_id for document, _ in store.events())
    journal = hostile.run_cli("documents", "journal", "--json", "--db", url, cwd=tmp_path)
    entry = json.loads(hostile.text_of(journal)[0].splitlines()[0])
    assert entry["action"] == "delete" and entry["reason"] == "broken feed date"
    assert entry["before"]["published"] == "9999-12-31" and entry["before"]["text"] == FUTURE_TEXT
    assert entry["events_before"] >= 1 and entry["events_after"] == 0


def test_the_far_document_can_be_corrected_with_its_events(far_future_db, tmp_path, hostile):
    url, doc_id = far_future_db
    done = hostile.run_cli("documents", "correct", doc_id, "--published", "2016-03-10", "--db", url, cwd=tmp_path)
    hostile.assert_no_bug(done)
    assert done.returncode == 0, hostile.text_of(done)
    with open_store(url) as store:
        document = next(store.documents(ids=[doc_id]))
        events = [event for d, event in store.events() if d.id == doc_id]
    assert document.published == date(2016, 3, 10) and document.published_given
    assert events and all(event.when.end.year == 2016 for event in events)
    bad = hostile.run_cli("documents", "correct", doc_id, "--published", "9999-01-01", "--db", url, cwd=tmp_path)
    hostile.assert_named_failure(bad, "9999-01-01", "outside the publication dates accepted")
    missing = hostile.run_cli("documents", "delete", "abcdef0123", "--db", url, cwd=tmp_path)
    hostile.assert_named_failure(missing, "abcdef0123")
