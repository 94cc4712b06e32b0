import csv
import io
import json
from datetime import date

import pyarrow.parquet as pq
import pytest

from trucewatch.errors import InputError, TruceWatchError
from trucewatch.exports import (ACLED_COLUMNS, FLAT_COLUMNS, Shape, export_events, export_records,
                                write_rows)
from trucewatch.records import Event


def run(store, fmt, **kw):
    out = io.StringIO()
    count = export_events(store, fmt, out, **kw)
    return count, out.getvalue()


def test_jsonl_is_the_record_contract_grouped_by_document(list_store, pairs):
    count, text = run(list_store, "jsonl")
    records = [json.loads(line) for line in text.splitlines()]
    assert count == 2 and len(records) == 2
    assert [len(r["events"]) for r in records] == [2, 1]
    # Each line is a valid Extraction once the text is supplied.
    document = pairs[0][0]
    assert records[0]["document"] == document.contract()
    assert [Event.model_validate(e) for e in records[0]["events"]] == [pairs[0][1], pairs[1][1]]


def test_date_range_keeps_overlapping_events(list_store):
    count, text = run(list_store, "csv", start=date(2016, 3, 8), end=date(2016, 3, 10))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert count == 1 and rows[0]["type"] == "shelling" and rows[0]["when_end"] == "2016-03-08"


def test_flat_csv_has_every_column_and_readable_cells(list_store):
    _, text = run(list_store, "csv")
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    assert reader.fieldnames == FLAT_COLUMNS
    strike = rows[0]
    assert strike["actors"] == "Testland; allied jets"
    assert strike["latitude"] == "33.5" and strike["targets_protected"] == "True"
    assert json.loads(strike["claims"])[0]["stance"] == "accuses"
    assert rows[1]["location_text"] == "" and rows[1]["status"] == "ongoing"


def test_acled_columns_and_codes(list_store):
    _, text = run(list_store, "acled")
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    assert reader.fieldnames == ACLED_COLUMNS
    strike, shelling = rows  # the vague shelling has no ACLED mapping: left out
    assert strike["event_date"] == "2016-03-07" and strike["year"] == "2016"
    assert strike["time_precision"] == "1" and shelling["time_precision"] == "1"
    assert strike["disorder_type"] == "Political violence"
    assert strike["sub_event_type"] == "Air/drone strike"
    assert (strike["actor1"], strike["assoc_actor_1"], strike["inter1"]) == ("Testland", "allied jets", "State forces")
    assert strike["actor2"] == "a clinic"
    assert strike["geo_precision"] == "1" and shelling["geo_precision"] == "2"
    assert strike["fatalities"] == "3" and shelling["fatalities"] == "0"
    assert strike["event_id_cnty"].startswith("SYR")
    assert len({row["event_id_cnty"] for row in rows}) == 2
    assert shelling["inter1"] == "Rebel group"
    assert strike["notes"].startswith("Government aircraft struck")
    assert strike["country"] == "Syria"  # named from the gazetteer's country table


def test_plover_records(list_store):
    _, text = run(list_store, "plover")
    first = json.loads(text.splitlines()[0])
    assert first["event_type"] == "ASSAULT" and first["mode"] == "aerial"
    assert first["actor"][0]["country"] == "TST" and first["recipient"][0]["sector"] == "MED"
    assert first["location"]["lat"] == 33.5 and first["date"] == "2016-03-07"


def test_geojson_feature_collection(list_store):
    _, text = run(list_store, "geojson")
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 3
    point = collection["features"][0]["geometry"]
    assert point == {"type": "Point", "coordinates": [36.3, 33.5]}
    assert collection["features"][1]["geometry"] is None
    assert collection["features"][0]["properties"]["type"] == "air_strike"


def test_empty_store_gives_valid_outputs():
    class Empty:
        def events(self, since=None, until=None):
            return iter(())

    assert json.loads(run(Empty(), "geojson")[1]) == {"type": "FeatureCollection", "features": []}
    assert run(Empty(), "acled")[1].strip() == ",".join(ACLED_COLUMNS)


def test_parquet_round_trip(list_store, tmp_path):
    path = tmp_path / "events.parquet"
    assert export_events(list_store, "parquet", path) == 3
    table = pq.read_table(path)
    assert table.column_names == FLAT_COLUMNS + ["event"]  # the event as JSON, so it reads back
    assert table.column("fatalities_best").to_pylist() == [3, None, None]
    assert table.column("when_start").to_pylist()[0] == date(2016, 3, 7)


def test_parquet_needs_a_file(list_store):
    with pytest.raises(TruceWatchError, match="--out"):
        export_events(list_store, "parquet", None)


def test_unknown_format_is_named(list_store):
    with pytest.raises(InputError, match="unknown export format"):
        export_events(list_store, "xlsx", io.StringIO())


def test_writers_take_any_rows():
    out = io.StringIO()
    rows = [{"incident": "i1", "reports": 3, "latitude": 1.0, "longitude": 2.0}]
    assert write_rows(rows, "csv", out, columns=["incident", "reports"]) == 1
    assert out.getvalue() == "incident,reports\ni1,3\n"
    out = io.StringIO()
    write_rows(rows, "geojson", out)
    assert json.loads(out.getvalue())["features"][0]["properties"] == {"incident": "i1", "reports": 3}


def test_other_records_reuse_the_generic_path(tmp_path):
    incidents = [{"id": "i1", "reports": 3}, {"id": "i2", "reports": 1}]
    shape = Shape(lambda incident: {"incident": incident["id"], "reports": incident["reports"]},
                  "parquet", ["incident", "reports"])
    assert export_records(incidents, shape, tmp_path / "i.parquet") == 2
    assert pq.read_table(tmp_path / "i.parquet").column("reports").to_pylist() == [3, 1]


def test_unwritable_target_is_a_sentence(list_store, tmp_path):
    with pytest.raises(TruceWatchError, match="Cannot write the export to .*nowhere"):
        export_events(list_store, "csv", tmp_path / "nowhere" / "e.csv")
