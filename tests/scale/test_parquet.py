"""Parquet for documents, events and incidents: what is written reads back, by month too."""
from __future__ import annotations

from datetime import date

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from trucewatch.errors import InputError
from trucewatch.exports import DOCUMENT_SHAPES, export_documents_counted, export_events_counted, write_rows
from trucewatch.ingest import ingest, read_inputs
from trucewatch.records import Document, Event, Extraction, Location, When
from trucewatch.scale.parquet import read_documents, read_events, read_extractions, read_rows
from trucewatch.store import open_store

TEXTS = [  # invented reports, three months
    ("date-1", "Shells hit the water station in Testville on Monday, the council said.", date(2016, 2, 29)),
    ("date-2", "Jets struck a bakery in Mocktown on Tuesday; four people died.", date(2016, 3, 1)),
    ("date-3", "Gunmen attacked a checkpoint near Sampletown overnight.", date(2016, 4, 2)),
]


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'tw.db'}") as opened:
        documents, extractions = [], []
        for ref, text, day in TEXTS:
            document = Document.from_text(text, ref=ref, published=day, source="Wire A")
            event = Event(id=f"{document.id}:0", type="shelling", when=When(start=day, end=day, precision="day"),
                          location=Location(text="Testville", lat=35.1, lon=36.7, country="SYR", precision="city"))
            later = Event(id=f"{document.id}:1", type="protest", status="planned",
                          when=When(start=date(2016, 5, 1), end=date(2016, 5, 1), precision="day"))
            documents.append(document)
            extractions.append(Extraction(document=document, events=[event, later]))
        opened.add(documents, extractions)
        yield opened


def test_documents_written_to_parquet_ingest_again_as_the_same_documents(store, tmp_path):
    path = tmp_path / "documents.parquet"
    assert export_documents_counted(store, "parquet", path).written == 3
    again = [item for item in read_inputs([path])]
    assert sorted(d.id for d in again) == sorted(d.id for d in store.documents())
    assert {d.ref for d in again} == {"date-1", "date-2", "date-3"}
    assert {d.published for d in again} == {day for _, _, day in TEXTS}
    with open_store(f"sqlite:///{tmp_path / 'copy.db'}") as copy:
        assert ingest([path], copy, extract=False).line() == "3 new, 0 skipped, 0 failed"
        assert ingest([path], copy, extract=False).line() == "0 new, 3 skipped, 0 failed"


def test_a_month_partitioned_dataset_has_one_folder_per_month(store, tmp_path):
    folder = tmp_path / "events"
    assert export_events_counted(store, "parquet", folder, partition_by="month").written == 6
    months = sorted(p.name for p in folder.iterdir())
    assert months == ["month=2016-02", "month=2016-03", "month=2016-04", "month=2016-05"]
    table = ds.dataset(folder, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == 6  # one schema across the months: pyarrow reads them as one table
    assert table.schema.field("when_start").type == "date32[day]"
    assert table.schema.field("latitude").type == "double"


def test_events_read_back_losslessly(store, tmp_path):
    export_events_counted(store, "parquet", tmp_path / "events", partition_by="month")
    export_documents_counted(store, "parquet", tmp_path / "documents", partition_by="month")
    read = {e.document.id: e.events for e in read_extractions(tmp_path / "documents", tmp_path / "events")}
    stored = {e.document.id: e.events for e in store.extractions()}
    assert read == stored  # events in their report's order, though months split them
    pairs = list(read_events(tmp_path / "events"))
    assert len(pairs) == 6 and all(isinstance(event, Event) for _, event in pairs)


def test_a_bad_row_is_named_and_the_others_go_on(tmp_path):
    import pyarrow as pa

    path = tmp_path / "wire.parquet"  # someone else's file: dates as text
    pq.write_table(pa.table({"id": ["a", "b", "c"],
                             "text": ["Rockets fell on Demoville on Friday.", "", "Clashes went on in Mocktown."],
                             "published": ["2016-03-04", "2016-03-05", "2016-03-40"]}), path)
    results = list(read_documents(path))
    assert isinstance(results[0], Document)
    assert isinstance(results[1], InputError) and results[1].source == f"{path}:row 2"
    assert isinstance(results[2], InputError) and "2016-03-40" in results[2].reason


def test_an_unreadable_parquet_file_is_an_input_error(tmp_path):
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1 this is not parquet")
    results = list(read_inputs([path]))
    assert len(results) == 1 and isinstance(results[0], InputError)
    assert "not a readable Parquet file" in results[0].reason


def test_a_month_that_has_only_empty_values_keeps_the_schema(tmp_path):
    """The first row group decides types for unknown columns; our own columns are typed by name."""
    rows = [{"published": date(2016, 1, 5), "title": None, "latitude": None},
            {"published": date(2016, 2, 5), "title": "A title", "latitude": 35.5}]
    write_rows(rows, "parquet-by-month", str(tmp_path / "d"), columns=["published", "title", "latitude"])
    schemas = {pq.read_schema(p).remove_metadata() for p in (tmp_path / "d").rglob("*.parquet")}
    assert len(schemas) == 1
    assert [r["title"] for r in read_rows(tmp_path / "d")] == [None, "A title"]


def test_documents_in_every_document_format(store, tmp_path):
    for fmt in DOCUMENT_SHAPES:
        out = tmp_path / f"documents.{fmt}"
        assert export_documents_counted(store, fmt, out).written == 3
    with pytest.raises(InputError, match="only the parquet format"):
        export_events_counted(store, "csv", tmp_path / "x.csv", partition_by="month")
