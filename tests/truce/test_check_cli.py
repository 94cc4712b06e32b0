"""`trucewatch check` over a stand-in store: JSON findings, stored incidents and findings."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import trucewatch.truce.run as run_module
from trucewatch.cli import app
from trucewatch.errors import ConfigError
from trucewatch.incidents.persist import load_findings, load_incidents
from trucewatch.incidents.samples import GOV, IS, EventsOnlyStore, make_document, make_event


FakeStore = EventsOnlyStore


@pytest.fixture
def store(tmp_path, monkeypatch):
    a = make_document("Government jets bombed Idlib's grain silo on Friday.", "A", "2016-03-04")
    b = make_document("Islamic State fighters attacked a checkpoint near Idlib.", "B", "2016-03-05")
    pairs = [(a, make_event(a, actors=[GOV])), (b, make_event(b, type="armed_clash", actors=[IS]))]
    fake = FakeStore(f"sqlite:///{tmp_path / 'tw.db'}", pairs)
    monkeypatch.setattr(run_module, "open_store", lambda url: fake)
    return fake


def test_check_json_prints_findings_and_stores_them(store, example_path):
    result = CliRunner().invoke(app, ["check", str(example_path), "--json", "--db", "sqlite://"])
    assert result.exit_code == 0, result.output
    findings = [json.loads(line) for line in result.output.splitlines()]
    assert sorted(f["verdict"] for f in findings) == ["not a violation", "possible violation"]
    assert all(f["trace"] for f in findings)
    assert len(load_incidents(store.engine)) == 2
    assert len(load_findings(store.engine, "Idlib city humanitarian pause (example)")) == 2


def test_check_table_output(store, example_path):
    result = CliRunner().invoke(app, ["check", str(example_path), "--db", "sqlite://"])
    assert result.exit_code == 0 and "possible violation" in result.output


def test_check_with_bad_truce_is_a_sentence(store, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\n")
    result = CliRunner().invoke(app, ["check", str(bad)])
    assert isinstance(result.exception, ConfigError) and "field 'parties'" in str(result.exception)


def test_help_shows_an_example():
    result = CliRunner().invoke(app, ["check", "--help"])
    assert "Example" in result.output and "trucewatch check" in result.output


def test_run_check_with_progress_display(store, example_path):
    terms, incidents, findings = run_module.run_check(example_path, "sqlite://", progress=True)
    assert len(findings) == len(incidents) == 2
