"""`trucewatch export --what incidents`: one row per fused incident, in every format."""
from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from trucewatch.cli import app
from trucewatch.incidents.samples import GOV, make_document, make_event
from trucewatch.records import Extraction


def _store(tmp_path):
    from trucewatch.store import open_store

    url = f"sqlite:///{tmp_path / 'inc.db'}"
    b = make_document("Jets bombed Aleppo at dusk on Monday, killing four.", "Outlet B", "2016-03-07")
    c = make_document("Aleppo was bombed by jets on Monday evening; six died, residents said.",
                      "Outlet C", "2016-03-08")
    extractions = [Extraction(document=b, events=[make_event(b, place="Aleppo", actors=[GOV], killed=(4, 4, 4))]),
                   Extraction(document=c, events=[make_event(c, place="Aleppo", day="2016-03-07", actors=[GOV],
                                                             killed=(6, 6, 6))])]
    with open_store(url) as store:
        store.add([x.document for x in extractions], extractions)
    return url


def export(*args):
    return CliRunner().invoke(app, ["export", "--what", "incidents", *args])


def test_without_fused_incidents_the_user_is_told_what_to_run(tmp_path):
    url = _store(tmp_path)
    result = export("--db", url)
    assert result.exit_code != 0
    assert "trucewatch check" in str(result.exception) or "trucewatch check" in result.output


@pytest.fixture
def fused_url(tmp_path):
    url = _store(tmp_path)
    assert CliRunner().invoke(app, ["incidents", "fuse", "--db", url]).exit_code == 0
    return url


def test_acled_row_carries_the_casualty_range_and_grades(fused_url, tmp_path):
    out = tmp_path / "inc.csv"
    assert export("--format", "acled", "--out", str(out), "--db", fused_url).exit_code == 0
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 1  # two reports of one strike: one incident
    row = rows[0]
    assert row["sub_event_type"] == "Air/drone strike" and row["location"] == "Aleppo"
    assert row["fatalities"] in {"4", "5", "6"} and row["independent_sources"] == "2"
    assert "Fair" in row["attribution"]


def test_every_format_writes_the_incident(fused_url, tmp_path):
    for fmt in ("jsonl", "csv", "plover", "geojson", "parquet"):
        out = tmp_path / f"inc.{fmt}"
        result = export("--format", fmt, "--out", str(out), "--db", fused_url)
        assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "inc.jsonl").read_text().splitlines()[0])["type"] == "air_strike"
    assert json.loads((tmp_path / "inc.plover").read_text().splitlines()[0])["event_type"] == "ASSAULT"
    feature = json.loads((tmp_path / "inc.geojson").read_text())["features"][0]
    assert feature["geometry"]["type"] == "Point"
    assert pq.read_table(tmp_path / "inc.parquet").num_rows == 1


def test_a_period_before_the_incident_exports_nothing(fused_url, tmp_path):
    out = tmp_path / "none.csv"
    assert export("--format", "csv", "--to", "2016-01-01", "--out", str(out), "--db", fused_url).exit_code == 0
    assert len(list(csv.DictReader(out.open()))) == 0
