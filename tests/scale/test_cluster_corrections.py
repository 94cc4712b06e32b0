"""A report ingested again with its date line fixed is a correction on the cluster too: the client
applies it (journalled, events re-read) while the new reports of the same run go to the workers."""
from __future__ import annotations

from datetime import date

from trucewatch.ingest import ingest
from trucewatch.store import open_store
from trucewatch.store.corrections import read_journal

STRIKE = "Artillery hit a school yard in Maarat al-Numan on Tuesday, wounding 3 children, a medic said."
RAID = "Militiamen raided a checkpoint near Jisr al-Shughur on Sunday, killing two guards."


def test_a_fixed_date_line_updates_the_stored_report_beside_new_ones(store_url, dask_cluster, tmp_path):
    url = store_url
    report = tmp_path / "school.txt"
    report.write_text(f"date 2016-04-20\n{STRIKE}", encoding="utf-8")
    assert ingest([report], url, workers=1).new == 1

    report.write_text(f"date 2016-04-13\n{STRIKE}", encoding="utf-8")
    (tmp_path / "raid.txt").write_text(f"date 2016-04-13\n{RAID}", encoding="utf-8")
    second = ingest([report, tmp_path / "raid.txt"], url, dask=dask_cluster.address)

    assert second.line() == "1 new, 1 updated, 0 skipped, 0 failed"
    with open_store(url) as store:
        published = {document.ref: document.published for document in store.documents()}
        journal = read_journal(store)
    assert published[str(report)] == date(2016, 4, 13)
    assert [(entry["action"], entry["before"]["published"]) for entry in journal] == [("reingest", "2016-04-20")]
