"""Commitments over a real store (SQLite and PostgreSQL): check, list, show, exports, the CLI."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
import yaml
from typer.testing import CliRunner

from trucewatch.cli import app
from trucewatch.commitments import check_commitments, list_commitments, show_commitment
from trucewatch.commitments.persist import load_stored
from trucewatch.errors import InputError, TruceWatchError
from trucewatch.incidents.samples import GOV, RUS
from trucewatch.store import open_store

from .conftest import ARMY_SAYS, pledge, strike


def _reports():
    return [pledge("The army said on Monday it would scale back air strikes on Idlib from Tuesday.", "Wire A",
                   "2016-03-07", actors=[GOV], claims=[ARMY_SAYS], named=("air_strike",)),
            strike("Jets struck a bakery in Idlib on Wednesday, residents said.", "Wire A", "2016-03-10",
                   when="2016-03-09", actors=[GOV]),
            strike("Government aircraft bombed an Idlib bakery on Wednesday, killing two.", "Wire B", "2016-03-10",
                   when="2016-03-09", actors=[GOV]),
            strike("Russian jets flew over Hama on Friday, residents said.", "Wire C", "2016-03-12",
                   when="2016-03-11", actors=[RUS], place="Hama", type="military_flight")]


def _pledges(tmp_path, ends="2016-04-04"):
    path = tmp_path / "pledges.yaml"
    path.write_text(yaml.safe_dump({"commitments": [{
        "id": "closed-meeting-1", "kind": "de_escalation", "party": "Russia", "acts": ["military_flight"],
        "place": {"name": "Hama", "lat": 35.13, "lon": 36.75, "country": "SYR"}, "starts": "2016-03-08",
        "ends": ends, "firmness": "announced"}]}))
    return path


@pytest.fixture
def filled(store_url, tmp_path):
    extractions = _reports()
    with open_store(store_url) as store:
        store.add([x.document for x in extractions], extractions)
    return store_url, _pledges(tmp_path)


def test_check_stores_extracted_and_hand_written_commitments_once(filled):
    url, pledges = filled
    first = check_commitments(url, files=[pledges])
    assert {v.commitment.id: v.verdict for v in first if v.commitment.origin == "hand-written"} == \
        {"closed-meeting-1": "possibly broken"}
    army = next(v for v in first if v.commitment.party.key == "SYR")
    assert army.verdict == "broken" and army.assessment.as_of == date(2016, 3, 12)
    again = check_commitments(url)  # no file: the hand-written pledge stays stored
    assert sorted(v.commitment.id for v in again) == sorted(v.commitment.id for v in first)
    listed = list_commitments(url)
    assert len(listed) == 2 and all(v.assessment is not None for v in listed)
    assert [v.commitment.id for v in list_commitments(url, verdict="broken")] == [army.commitment.id]
    assert [v.commitment.id for v in list_commitments(url, party="RUS")] == ["closed-meeting-1"]
    shown = show_commitment(url, army.commitment.id[:10])
    assert shown.assessment.breaches and shown.as_dict()["assessment"]["after"]["per_day"] > 0


def test_loading_a_file_again_replaces_its_pledges(filled, tmp_path):
    url, pledges = filled
    check_commitments(url, files=[pledges])
    check_commitments(url, files=[_pledges(tmp_path, ends="2016-03-10")])
    with open_store(url) as store:
        written = load_stored(store, origin="hand-written")
    assert len(written) == 1 and written[0].ends.at.date() == date(2016, 3, 10)
    assert show_commitment(url, "closed-meeting-1").verdict == "not yet assessable"  # ended before the flight


def test_pledges_without_ids_are_replaced_too_when_their_file_changes(filled, tmp_path):
    url, _ = filled
    path = tmp_path / "unnamed.yaml"
    for day in ("2016-03-08", "2016-03-09"):  # a new start makes a new id
        path.write_text(yaml.safe_dump({"commitments": [{"kind": "de_escalation", "party": "Russia",
                                                         "place": "Hama", "starts": day}]}))
        check_commitments(url, files=[path])
    with open_store(url) as store:
        written = load_stored(store, origin="hand-written")
    assert [c.starts.at.date() for c in written] == [date(2016, 3, 9)]
    assert written[0].source == str(path.resolve())


def test_unknown_or_ambiguous_ids_and_bad_filters_are_input_errors(filled):
    url, pledges = filled
    check_commitments(url, files=[pledges])
    with pytest.raises(InputError, match="is not a stored commitment"):
        show_commitment(url, "cmt-nothing")
    with pytest.raises(InputError, match="is not one of"):
        list_commitments(url, verdict="maybe")


def run(*args: str):
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, (TruceWatchError, SystemExit)):
        raise result.exception
    return result


def test_cli_check_list_show_and_export(filled):
    url, pledges = filled
    checked = run("commitments", "check", "--file", str(pledges), "--db", url, "--json")
    assert checked.exit_code == 0, checked.output
    records = [json.loads(line) for line in checked.output.splitlines()]
    assert {r["assessment"]["verdict"] for r in records} == {"broken", "possibly broken"}
    table = run("commitments", "list", "--db", url)
    assert "closed-meeting-1" in table.output and "broken: 1" in table.output
    army = next(r for r in records if r["party"]["key"] == "SYR")
    shown = run("commitments", "show", army["id"], "--db", url)
    assert "verdict as of 2016-03-12: broken" in shown.output and "“The army said on Monday" in shown.output
    assert run("commitments", "show", "nope", "--db", url).exit_code != 0
    rows = list(csv.DictReader(io.StringIO(run("export", "--what", "commitments", "--format", "csv",
                                               "--db", url).output)))
    assert {r["verdict"] for r in rows} == {"broken", "possibly broken"}
    assert next(r for r in rows if r["party"] == "SYR")["after_incidents"] == "1"
    lines = run("export", "--what", "commitments", "--format", "jsonl", "--db", url, "--from", "2016-03-09",
                "--to", "2016-03-09").output.splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["assessment"]
    bad = run("export", "--what", "commitments", "--format", "acled", "--db", url)
    assert bad.exit_code != 0 and "choose one of jsonl, csv" in str(bad.exception)


def test_export_before_any_check_says_what_to_run(store_url):
    with open_store(store_url) as store, pytest.raises(TruceWatchError, match="commitments check"):
        from trucewatch.commitments.export import export_commitments_counted

        export_commitments_counted(store, "csv")


def test_check_command_also_checks_pledges(filled, tmp_path):
    url, _ = filled
    truce = tmp_path / "truce.yaml"
    truce.write_text(yaml.safe_dump({
        "name": "Idlib pause (test)", "parties": ["SYR", "RUS"], "start": "2016-03-01T00:00",
        "end": "2016-03-31T23:59", "prohibited": ["air_strike"],
        "area": {"places": [{"name": "Idlib", "lat": 35.93, "lon": 36.63, "country": "SYR"}], "buffer_km": 10}}))
    done = run("check", str(truce), "--db", url)
    assert done.exit_code == 0, done.output
    assert "1 commitment(s) by one side: broken: 1" in done.output
    assert [v.verdict for v in list_commitments(url)] == ["broken"]
