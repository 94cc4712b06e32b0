"""`trucewatch extract`: JSON Lines in input order, refs, errors on stderr, exit status, schema."""
from __future__ import annotations

import json

import jsonschema
import pytest
from typer.testing import CliRunner

from trucewatch.cli import app
from trucewatch.extract import extract_documents
from trucewatch.records import Document
from trucewatch.schema import event_schema


@pytest.fixture()
def inputs(tmp_path):
    text = tmp_path / "report.txt"
    text.write_text("date 2016-03-10\nRebels shelled the airport on Thursday, killing two children and a woman.\n")
    rows = tmp_path / "wire.jsonl"
    rows.write_text(
        json.dumps({"id": "wire-1", "text": "Jets struck a market yesterday, activists said.",
                    "published": "2016-03-10"}) + "\n"
        + json.dumps({"id": "wire-2", "text": "The two ministers talked by phone on Monday.",
                      "published": "2016-03-10"}) + "\n")
    return text, rows


def test_json_lines_in_input_order_with_refs(inputs):
    text, rows = inputs
    result = CliRunner().invoke(app, ["extract", str(text), str(rows), "--workers", "1"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["document"]["ref"] for line in lines] == [str(text), "wire-1", "wire-2"]
    assert [line["events"][0]["type"] for line in lines] == ["shelling", "air_strike", "call"]


def test_output_validates_against_the_schema(inputs):
    text, rows = inputs
    result = CliRunner().invoke(app, ["extract", str(text), str(rows), "--workers", "1"])
    validator = jsonschema.Draft202012Validator(event_schema())
    for line in result.stdout.splitlines():
        record = json.loads(line)
        assert not list(validator.iter_errors(record))
        assert record["events"]


def test_schema_rejects_a_wrong_record():
    bad = {"document": {"id": "x"}, "events": [{"id": "1", "type": "air_strike", "status": "rumoured"}]}
    assert list(jsonschema.Draft202012Validator(event_schema()).iter_errors(bad))


def test_bad_input_is_one_line_on_stderr_and_exit_1(inputs, tmp_path):
    text, _ = inputs
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(app, ["extract", str(missing), str(text), "--workers", "1"])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert str(missing) in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_out_file(inputs, tmp_path):
    text, _ = inputs
    out = tmp_path / "events.jsonl"
    result = CliRunner().invoke(app, ["extract", str(text), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0
    assert json.loads(out.read_text())["document"]["ref"] == str(text)


def test_help_shows_an_example():
    result = CliRunner().invoke(app, ["extract", "--help"])
    assert "trucewatch extract" in result.stdout and "Example" in result.stdout


def test_processes_keep_input_order():
    documents = [Document.from_text(f"Report {i}: rebels shelled the airport on day {i}.", ref=f"r{i}")
                 for i in range(7)]
    refs = [x.document.ref for x in extract_documents(documents, workers=2, batch_size=2)]
    assert refs == [f"r{i}" for i in range(7)]
