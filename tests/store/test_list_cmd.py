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
    assert json_lines(result.output) == [samples[1].document.contract()]
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
])
def test_bad_options_are_sentences(db, args, message):
    result = run(*args, "--db", db)
    assert result.exit_code != 0
    assert message in str(result.exception)


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
