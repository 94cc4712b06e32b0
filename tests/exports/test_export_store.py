"""Exports from a real store (SQLite and PostgreSQL), through the library and the CLI."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from trucewatch.cli import app
from trucewatch.exports import ACLED_COLUMNS, export_events
from trucewatch.records import Extraction
from trucewatch.store import open_store


@pytest.fixture
def filled_url(store_url, pairs):
    by_document = {}
    for document, event in pairs:
        by_document.setdefault(document.id, (document, []))[1].append(event)
    extractions = [Extraction(document=d, events=e) for d, e in by_document.values()]
    with open_store(store_url) as store:
        store.add([x.document for x in extractions], extractions)
    return store_url


def test_every_format_from_a_real_store(filled_url, tmp_path):
    with open_store(filled_url) as store:
        out = io.StringIO()
        assert export_events(store, "acled", out) == 2  # the event without an ACLED mapping is left out
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert {row["sub_event_type"] for row in rows} == {"Air/drone strike", "Shelling/artillery/missile attack"}
        out = io.StringIO()
        assert export_events(store, "jsonl", out, start=date(2016, 3, 15)) == 1
        [record] = [json.loads(line) for line in out.getvalue().splitlines()]
        assert record["document"]["ref"] == "r2" and len(record["events"]) == 1
        assert export_events(store, "parquet", tmp_path / "e.parquet") == 3
        assert pq.read_table(tmp_path / "e.parquet").num_rows == 3


def test_export_command(filled_url, tmp_path):
    runner = CliRunner()
    target = tmp_path / "acled.csv"
    result = runner.invoke(app, ["export", "--format", "acled", "--db", filled_url, "--from", "2016-03-07",
                                 "--to", "2016-03-07", "--out", str(target)])
    assert result.exit_code == 0, result.output
    with open(target, encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == ACLED_COLUMNS
    assert [row["event_date"] for row in rows] == ["2016-03-07"]
    assert "1 event left out: ACLED codes only" in " ".join(result.stderr.split())

    geo = runner.invoke(app, ["export", "-f", "geojson", "--db", filled_url])
    assert geo.exit_code == 0
    assert json.loads(geo.stdout)["type"] == "FeatureCollection"


def test_export_command_errors_are_sentences(tmp_path):
    url = f"sqlite:///{tmp_path / 'tw.db'}"
    env = {k: v for k, v in os.environ.items() if k != "TRUCEWATCH_DB"}
    result = subprocess.run([sys.executable, "-m", "trucewatch", "export", "--format", "xlsx", "--db", url,
                             "--from", "2016-02-30"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1
    assert "--from: '2016-02-30' is not a date in the form YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr
