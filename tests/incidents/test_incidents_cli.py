"""`trucewatch incidents ...` over a real store built from hand-made reports (SQLite and PostgreSQL)."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from trucewatch.cli import app
from trucewatch.errors import TruceWatchError
from trucewatch.records import Extraction
from trucewatch.incidents.samples import GOV, make_document, make_event


def _reports():
    """Idlib told once; Aleppo told by two outlets on one day: two incidents."""
    a = make_document("Jets bombed a bakery in Idlib at dawn on Monday, a medic said.", "Outlet A", "2016-03-07")
    b = make_document("Jets bombed Aleppo at dusk on Monday, killing four.", "Outlet B", "2016-03-07")
    c = make_document("Aleppo was bombed by jets on Monday evening; six died, residents said.",
                      "Outlet C", "2016-03-08")
    return [Extraction(document=a, events=[make_event(a, place="Idlib", actors=[GOV])]),
            Extraction(document=b, events=[make_event(b, place="Aleppo", actors=[GOV], killed=(4, 4, 4))]),
            Extraction(document=c, events=[make_event(c, place="Aleppo", day="2016-03-07", actors=[GOV],
                                                      killed=(6, 6, 6))])]


def _add(url: str, extractions) -> None:
    from trucewatch.store import open_store

    with open_store(url) as store:
        store.add([x.document for x in extractions], extractions)


def run(*args: str):
    result = CliRunner().invoke(app, ["incidents", *args])
    if result.exception and not isinstance(result.exception, (TruceWatchError, SystemExit)):
        raise result.exception
    return result


def listed(url: str) -> list[dict]:
    result = run("list", "--json", "--db", url)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def fused(store_url):
    _add(store_url, _reports())
    assert run("fuse", "--db", store_url).exit_code == 0
    incidents = listed(store_url)
    idlib = next(i for i in incidents if i["location"]["name"] == "Idlib")
    aleppo = next(i for i in incidents if i["location"]["name"] == "Aleppo")
    return store_url, idlib, aleppo


def test_list_gives_sources_parties_and_casualty_ranges(fused):
    url, idlib, aleppo = fused
    assert aleppo["documents"] == 2 and aleppo["independent_sources"] == 2
    assert [(p["party"], p["grade"]) for p in aleppo["parties"]] == [("SYR", "Fair")]
    assert (aleppo["fatalities"]["low"], aleppo["fatalities"]["high"]) == (4, 6)
    table = run("list", "--db", url).output
    assert aleppo["id"] in table and "SYR (Fair)" in table and "4–6" in table and "Idlib" in table


def test_show_gives_every_mention_with_outlet_and_evidence(fused):
    url, _, aleppo = fused
    data = json.loads(run("show", aleppo["id"], "--json", "--db", url).stdout)
    assert [m["outlet"] for m in data["mentions"]] == ["Outlet B", "Outlet C"]
    assert data["mentions"][0]["event"]["evidence"][0]["text"].startswith("Jets bombed Aleppo")
    assert data["mentions"][1]["document"]["source"] == "Outlet C" and "resolved_from" not in data
    text = run("show", aleppo["id"], "--db", url).output
    assert "Outlet B" in text and "Jets bombed Aleppo at dusk" in text and "SYR" in text


def test_merge_persists_survives_refusion_and_merged_away_id_resolves(fused):
    url, idlib, aleppo = fused
    result = run("merge", idlib["id"], aleppo["id"], "--db", url)
    assert result.exit_code == 0, result.output
    assert len(listed(url)) == 1
    assert run("fuse", "--db", url).exit_code == 0  # a later fusion replays the stored journal
    (merged,) = listed(url)
    assert merged["manual"] and len(merged["event_ids"]) == 3
    away = next(i for i in (idlib["id"], aleppo["id"]) if i != merged["id"])
    shown = run("show", away, "--json", "--db", url)
    assert json.loads(shown.stdout)["id"] == merged["id"]
    assert "merged or split away" in shown.stderr and merged["id"] in shown.stderr


def test_journal_and_undo_restore_both_incidents(fused):
    url, idlib, aleppo = fused
    run("merge", idlib["id"], aleppo["id"], "--db", url)
    (op,) = [json.loads(line) for line in run("journal", "--json", "--db", url).stdout.splitlines()]
    assert op["kind"] == "merge" and op["args"]["a"] == idlib["id"] and not op["undone"]
    result = run("undo", op["op_id"], "--db", url)
    assert result.exit_code == 0 and "Undid merge" in result.output
    assert {i["id"] for i in listed(url)} == {idlib["id"], aleppo["id"]}
    assert "undone" in run("journal", "--db", url).output
    again = run("undo", op["op_id"], "--db", url)
    assert isinstance(again.exception, TruceWatchError) and "already undone" in str(again.exception)


def test_split_by_short_event_id_then_undo(fused):
    url, _, aleppo = fused
    later = aleppo["event_ids"][1]
    short = f"{later.split(':')[0][:12]}:{later.split(':')[1]}"
    result = run("split", aleppo["id"], short, "--db", url)
    assert result.exit_code == 0, result.output
    incidents = listed(url)
    assert len(incidents) == 3
    assert next(i for i in incidents if i["id"] == aleppo["id"])["event_ids"] == aleppo["event_ids"][:1]
    assert any(i["event_ids"] == [later] for i in incidents)
    assert run("fuse", "--db", url).exit_code == 0 and len(listed(url)) == 3  # the split is replayed
    (op,) = [json.loads(line) for line in run("journal", "--json", "--db", url).stdout.splitlines()]
    run("undo", op["op_id"], "--db", url)
    assert len(listed(url)) == 2


def test_merge_survives_an_earlier_report_that_changes_the_ids(fused):
    url, idlib, aleppo = fused
    run("merge", idlib["id"], aleppo["id"], "--db", url)
    early = make_document("Residents in Idlib said jets hit the town before dawn.", "Outlet D", "2016-03-06")
    _add(url, [Extraction(document=early, events=[make_event(early, place="Idlib", day="2016-03-07",
                                                             actors=[GOV])])])
    assert run("fuse", "--db", url).exit_code == 0
    (merged,) = listed(url)
    assert len(merged["event_ids"]) == 4
    for old in (idlib["id"], aleppo["id"]):
        assert json.loads(run("show", old, "--json", "--db", url).stdout)["id"] == merged["id"]


def test_unknown_ids_are_sentences_naming_the_database(fused):
    url, idlib, aleppo = fused
    result = run("show", "inc-nothere", "--db", url)
    assert isinstance(result.exception, TruceWatchError)
    assert "no incident 'inc-nothere'" in str(result.exception) and "incidents list" in str(result.exception)
    bad_event = run("split", aleppo["id"], "abcdef:9", "--db", url)
    assert "is not one of its events" in str(bad_event.exception)
    same = run("merge", idlib["id"], idlib["id"], "--db", url)
    assert "same incident" in str(same.exception)
    assert "no operation 'nope'" in str(run("undo", "nope", "--db", url).exception)


def test_empty_database_points_to_check(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    result = run("show", "inc-x", "--db", url)
    assert isinstance(result.exception, TruceWatchError)
    message = str(result.exception)
    assert message.startswith(f"no incident 'inc-x' in {url}") and "run `trucewatch check" in message
    assert "No incidents stored" in run("list", "--db", url).stderr


@pytest.mark.parametrize("command", ["list", "show", "merge", "split", "undo", "journal", "fuse"])
def test_help_shows_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and f"trucewatch incidents {command}" in result.output
