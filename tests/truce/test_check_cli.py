"""`trucewatch check` over a stand-in store: JSON findings, stored incidents and findings."""
from __future__ import annotations

import json

from typer.testing import CliRunner

import trucewatch.truce.run as run_module
from trucewatch.cli import app
from trucewatch.errors import ConfigError
from trucewatch.incidents.persist import load_findings, load_incidents



def test_check_json_prints_findings_and_stores_them(strike_and_clash_store, example_path):
    result = CliRunner().invoke(app, ["check", str(example_path), "--json", "--db", "sqlite://"])
    assert result.exit_code == 0, result.output
    findings = [json.loads(line) for line in result.output.splitlines()]
    assert sorted(f["verdict"] for f in findings) == ["not a violation", "possible violation"]
    assert all(f["trace"] for f in findings)
    assert len(load_incidents(strike_and_clash_store.engine)) == 2
    assert len(load_findings(strike_and_clash_store.engine, "Idlib city humanitarian pause (example)")) == 2


def test_check_table_output(strike_and_clash_store, example_path):
    result = CliRunner().invoke(app, ["check", str(example_path), "--db", "sqlite://"])
    assert result.exit_code == 0 and "possible violation" in result.output


def test_check_with_bad_truce_is_a_sentence(strike_and_clash_store, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\n")
    result = CliRunner().invoke(app, ["check", str(bad)])
    assert isinstance(result.exception, ConfigError) and "field 'parties'" in str(result.exception)


def test_help_shows_an_example():
    result = CliRunner().invoke(app, ["check", "--help"])
    assert "Example" in result.output and "trucewatch check" in result.output


def test_run_check_with_progress_display(strike_and_clash_store, example_path):
    terms, incidents, findings = run_module.run_check(example_path, "sqlite://", progress=True)
    assert len(findings) == len(incidents) == 2
