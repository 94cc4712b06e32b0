"""Class 7: text is normalised the same way for every store, and one row's store error never
aborts the others (SQLite and PostgreSQL)."""
from __future__ import annotations

import json

from trucewatch.errors import TruceWatchError
from trucewatch.ingest import ingest
from trucewatch.store import open_store
from trucewatch.store.store import RecordError

ROWS = [
    {"id": "nul-text", "text": "Shelling hit\x00 Hama on Monday.\x00", "published": "2016-03-07"},
    {"id": "nul\x00ref", "title": "Ti\x00tle", "source": "Wire\x00 A", "url": "http://example.org/\x00a",
     "text": "Jets struck Idlib on Tuesday.", "published": "2016-03-08"},
    {"id": "plain", "text": "Rockets landed near Homs on Wednesday.", "published": "2016-03-09"},
]


def test_nul_characters_are_dropped_alike_on_every_store(store_url, tmp_path, hostile):
    reports = tmp_path / "rows.jsonl"
    reports.write_text("".join(json.dumps(row) + "\n" for row in ROWS), encoding="utf-8")
    done = hostile.run_cli("ingest", str(reports), "--no-extract", "--db", store_url, cwd=tmp_path)
    hostile.assert_no_bug(done)
    assert done.returncode == 0, hostile.text_of(done)
    with open_store(store_url) as store:
        documents = {d.ref: d for d in store.documents()}
    assert set(documents) == {"nul-text", "nulref", "plain"}
    assert documents["nul-text"].text == "Shelling hit Hama on Monday."
    other = documents["nulref"]
    assert (other.title, other.source, other.url) == ("Title", "Wire A", "http://example.org/a")


class PoisonedStore:
    """A real store that refuses, as a database would, one document's row."""

    def __init__(self, store):
        self.store = store

    def known(self, ids):
        return self.store.known(ids)

    def add(self, documents, extractions=None):
        documents = list(documents)
        if any("poison" in d.text for d in documents):
            raise RecordError("Document poison cannot be stored: value too long for type")
        return self.store.add(documents, extractions)


def test_one_rows_store_error_does_not_abort_the_others(store_url, tmp_path):
    reports = tmp_path / "rows.jsonl"
    rows = [{"id": f"r{n}", "text": f"Shelling hit Hama, report {n}.", "published": "2016-03-07"}
            for n in range(7)]
    rows.insert(3, {"id": "bad", "text": "A poison row the database refuses.", "published": "2016-03-07"})
    reports.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    with open_store(store_url) as store:
        summary = ingest([reports], PoisonedStore(store), extract=False, batch_size=4)
        stored = {d.ref for d in store.documents()}
    assert stored == {f"r{n}" for n in range(7)}
    assert (summary.new, summary.failed) == (7, 1)
    assert summary.errors[0].source == "bad" and "cannot be stored" in summary.errors[0].reason


def test_an_unreachable_database_still_stops_the_run(tmp_path):
    reports = tmp_path / "rows.jsonl"
    reports.write_text(json.dumps(ROWS[2]) + "\n", encoding="utf-8")
    try:
        ingest([reports], "postgresql+psycopg2://nobody:x@127.0.0.1:9/none", extract=False)
    except TruceWatchError as exc:
        assert "Cannot open the database" in str(exc)
    else:
        raise AssertionError("an unreachable database must stop the run with a sentence")
