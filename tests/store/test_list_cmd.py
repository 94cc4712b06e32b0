"""`trucewatch list documents|events`: filters, a table, JSON Lines, and sentences for errors."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from trucewatch.cli import app
from trucewatch.store import open_store

runner = CliRunner()


@pytest.fixture
def db(store_url, samples) -> str:
    """A database holding the samples, on SQLite and on PostgreSQL."""
    with open_store(store_url) as store:
        store.add([sample.document for sample in samples], samples)
    return store_url


def run(*args: str):
    result = runner.invoke(app, ["list", *args], catch_exceptions=True)
    return result


def json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_help_shows_an_example():
    result = runner.invoke(app, ["list", "--help"])
    assert result.exit_code == 0
    assert "trucewatch list events --country SYR" in result.output


def test_events_as_json_lines_in_the_record_contract(db, samples):
    result = run("events", "--country", "SYR", "--json", "--db", db)
    assert result.exit_code == 0, result.output
    (line,) = json_lines(result.output)
    market = samples[0]
    assert line == {"document_id": market.document.id, **market.contract()["events"][0]}


def test_event_filters_combine(db):
    result = run("events", "--from", "2016-03-02", "--to", "2016-03-31", "--type", "air_strike",
                 "--json", "--db", db)
    assert [line["type"] for line in json_lines(result.output)] == ["air_strike"]
    result = run("events", "--text", "Geneva", "--json", "--db", db)
    assert json_lines(result.output) == []


def test_documents_as_json_lines(db, samples):
    result = run("documents", "--text", "clinic", "--json", "--db", db)
    clinic = samples[1].document
    assert json_lines(result.output) == [{
        **clinic.contract(), "published_given": clinic.published_given,
        "retrieved": clinic.retrieved.isoformat(), "path": clinic.path,
    }]
    result = run("documents", "--limit", "2", "--json", "--db", db)
    assert [line["ref"] for line in json_lines(result.output)] == ["report-1", "report-2"]


def test_tables_for_people(db):
    result = run("events", "--db", db)
    assert result.exit_code == 0
    assert "Events" in result.output and "Darayya (SYR)" in result.output and "air_strike" in result.output
    result = run("documents", "--db", db)
    assert "Market shelled" in result.output and "guessed" in result.output


def test_no_match_says_so(db):
    result = run("events", "--country", "AFG", "--db", db)
    assert result.exit_code == 0 and "No matching records." in result.output


def test_database_from_environment(db, monkeypatch):
    monkeypatch.setenv("TRUCEWATCH_DB", db)
    result = run("documents", "--json")
    assert len(json_lines(result.output)) == 3


@pytest.mark.parametrize("args, message", [
    (["events", "--country", "SY"], "--country 'SY' is not an ISO 3166-1 alpha-3 code"),
    (["events", "--from", "March"], "--from date 'March' is not a date in the form YYYY-MM-DD"),
    (["documents", "--type", "shelling"], "--country and --type filter events"),
    (["events", "--type", "nosuchtype"], "--type 'nosuchtype' is not an act type. Valid types: "),
    (["events", "--type", "shelling,bogus"], "--type 'bogus' is not an act type"),
    (["events", "--from", "2016-03-10", "--to", "2016-03-01"], "--from 2016-03-10 is after --to 2016-03-01"),
    (["documents", "--from", "2016-03-10", "--to", "2016-03-01"], "--from 2016-03-10 is after --to 2016-03-01"),
    (["events", "--country", "SYRIA"], "--country 'SYRIA' is not an ISO 3166-1 alpha-3 code"),
    (["events", "--country", "S1R"], "--country 'S1R' is not an ISO 3166-1 alpha-3 code"),
])
def test_bad_options_are_sentences(db, args, message):
    result = run(*args, "--db", db)
    assert result.exit_code != 0
    assert message in str(result.exception)


def test_unknown_type_lists_the_valid_ones(db):
    message = str(run("events", "--type", "nosuchtype", "--db", db).exception)
    assert "air_strike" in message and "shelling" in message


def test_known_types_and_lower_case_countries_are_accepted(db):
    result = run("events", "--type", "Air_Strike,shelling", "--country", "syr", "--json", "--db", db)
    assert result.exit_code == 0, result.output
    assert {line["type"] for line in json_lines(result.output)} <= {"air_strike", "shelling"}


def test_tables_show_whole_ids_even_on_a_narrow_terminal(db, samples, monkeypatch):
    import io

    from rich.console import Console

    from trucewatch.commands import list_cmd

    def table_of(what: str) -> str:
        screen = io.StringIO()
        narrow = Console(file=screen, width=80, force_terminal=True, color_system=None)
        monkeypatch.setattr(list_cmd, "out_console", narrow)
        assert run(what, "--db", db).exit_code == 0
        return screen.getvalue()

    events, documents = table_of("events"), table_of("documents")
    event_ids = [event.id for sample in samples for event in sample.events]
    assert event_ids and all(event_id in events for event_id in event_ids)
    assert all(sample.document.id in documents for sample in samples)
    assert "…" not in events + documents


def test_cli_prints_a_sentence_not_a_traceback(tmp_path):
    missing = tmp_path / "nowhere" / "tw.db"
    done = subprocess.run(
        [sys.executable, "-m", "trucewatch", "list", "events", "--db", f"sqlite:///{missing}"],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 1
    sentence = " ".join(done.stderr.split())  # the error console wraps long lines
    assert sentence.startswith("error: Cannot open the SQLite database")
    assert "does not exist." in sentence and "Traceback" not in sentence
