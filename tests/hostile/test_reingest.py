"""Class 16: a corrected report ingested again updates the stored document (journalled, events
re-extracted); a copy of the same text from another input is still only a copy."""
from __future__ import annotations

import json
from datetime import date

from trucewatch.ingest import ingest
from trucewatch.store import open_store
from trucewatch.store.corrections import read_journal

REPORT = "Government jets struck a market in Hama on Monday, killing 4 people, residents said."


def test_a_fixed_date_line_updates_the_document_and_its_events(store_url, tmp_path):
    report = tmp_path / "hama.txt"
    report.write_text(f"date 2016-03-16\n{REPORT}", encoding="utf-8")
    assert ingest([report], store_url, workers=1).new == 1
    with open_store(store_url) as store:
        (_, before), = list(store.events())
    report.write_text(f"date 2016-03-09\n{REPORT}", encoding="utf-8")
    second = ingest([report], store_url, workers=1)
    assert second.line() == "0 new, 1 updated, 0 skipped, 0 failed"
    assert any("2016-03-16 -> 2016-03-09" in note for note in second.notes)  # the run says what changed
    with open_store(store_url) as store:
        (document, after), = list(store.events())
        journal = read_journal(store)
    assert document.published == date(2016, 3, 9)
    assert before.when.start == date(2016, 3, 14) and after.when.start == date(2016, 3, 7)
    assert [(e["action"], e["before"]["published"], e["after"]["published"]) for e in journal] == [
        ("reingest", "2016-03-16", "2016-03-09")]
    assert ingest([report], store_url, workers=1).line() == "0 new, 1 skipped, 0 failed"  # nothing changes


def test_the_cli_says_what_a_reingest_updated(tmp_path, hostile):
    report, url = tmp_path / "hama.txt", f"sqlite:///{tmp_path / 'tw.db'}"
    report.write_text(f"date 2016-03-16\n{REPORT}", encoding="utf-8")
    hostile.run_cli("ingest", str(report), "--no-extract", "--db", url, cwd=tmp_path)
    report.write_text(f"date 2016-03-09\n{REPORT}", encoding="utf-8")
    done = hostile.run_cli("ingest", str(report), "--no-extract", "--db", url, cwd=tmp_path)
    out, err = hostile.text_of(done)
    assert done.returncode == 0 and out.startswith("0 new, 1 updated") and "2016-03-16 -> 2016-03-09" in err


def test_a_copy_from_another_input_is_not_a_correction(tmp_path):
    url = f"sqlite:///{tmp_path / 'tw.db'}"
    (tmp_path / "a.txt").write_text(f"date 2016-03-16\n{REPORT}", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"date 2016-03-02\n{REPORT}", encoding="utf-8")
    first = ingest([tmp_path / "a.txt"], url, extract=False)
    second = ingest([tmp_path / "b.txt"], url, extract=False)
    assert (first.new, second.new, second.skipped, second.updated) == (1, 0, 1, 0)
    with open_store(url) as store:
        assert [d.published for d in store.documents()] == [date(2016, 3, 16)]


def test_a_row_with_the_same_id_and_a_new_outlet_updates_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'tw.db'}"
    rows = tmp_path / "wire.jsonl"
    row = {"id": "w-1", "text": REPORT, "published": "2016-03-09", "source": "Wire A"}
    rows.write_text(json.dumps(row) + "\n", encoding="utf-8")
    ingest([rows], url, extract=False)
    rows.write_text(json.dumps({**row, "source": "Wire B", "title": "Market strike"}) + "\n", encoding="utf-8")
    summary = ingest([rows], url, extract=False)
    assert (summary.new, summary.updated, summary.skipped) == (0, 1, 0)
    assert any("Wire A" in note and "Wire B" in note for note in summary.notes)
    with open_store(url) as store:
        (document,) = list(store.documents())
    assert (document.source, document.title) == ("Wire B", "Market strike")
