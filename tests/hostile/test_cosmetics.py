"""The cosmetic list of issue 15: damaged UTF-8 is read as UTF-8, special files are named, the
database in use is not read as an input, progress counts documents with an ETA, and a merge's
message and the journal name the same incidents."""
from __future__ import annotations

import json
import os
from io import StringIO

from typer.testing import CliRunner

from trucewatch.cli import app
from trucewatch.incidents.samples import GOV, make_document, make_event
from trucewatch.ingest import ingest
from trucewatch.ingest.progress import IngestProgress
from trucewatch.ingest.reader import InputReader
from trucewatch.ingest.sources import expand
from trucewatch.records import Extraction
from trucewatch.store import open_store
from trucewatch.terminal import SafeConsole

ARABIC = "سقطت قذائف على سوق في حلب يوم الاثنين، وقال السكان إن أربعة أشخاص قتلوا."


def test_damaged_utf8_is_read_as_utf8_not_mojibake(tmp_path):
    data, cut = ARABIC.encode("utf-8"), len(ARABIC[:15].encode("utf-8"))  # a character boundary
    (tmp_path / "damaged.txt").write_bytes(b"date 2016-03-07\n" + data[:cut] + b"\xff" + data[cut:])
    url = f"sqlite:///{tmp_path / 'tw.db'}"
    summary = ingest([tmp_path / "damaged.txt"], url, extract=False)
    with open_store(url) as store:
        (document,) = list(store.documents())
    assert document.text.count("\ufffd") == 1
    assert document.text.replace("\ufffd", "") == ARABIC
    assert any("damaged byte" in note and "U+FFFD" in note for note in summary.notes)


def test_fifos_and_dangling_links_are_named(tmp_path, hostile):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("date 2016-03-07\nShells struck the market in Hama.", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    done = hostile.run_cli("ingest", str(folder), "--no-extract", "--db", f"sqlite:///{tmp_path / 'tw.db'}",
                           cwd=tmp_path, timeout=60)
    err = hostile.assert_named_failure(done, "pipe.txt: not a regular file", "gone.txt: a symbolic link")
    assert "nowhere.txt" in err and "1 new" in hostile.text_of(done)[0]


def test_ingest_dot_does_not_read_its_own_database(tmp_path, hostile):
    (tmp_path / "good.txt").write_text("date 2016-03-07\nShells struck the market in Hama.", encoding="utf-8")
    first = hostile.run_cli("ingest", ".", "--no-extract", cwd=tmp_path)
    assert first.returncode == 0, hostile.text_of(first)
    second = hostile.run_cli("ingest", ".", "--no-extract", cwd=tmp_path)
    out, err = hostile.text_of(second)
    assert second.returncode == 0 and "binary" not in err and out.startswith("0 new, 1 skipped, 0 failed")
    assert "trucewatch.db: not read, it is the database being written to" in err
    assert [item.name for item in expand(["."], skip=set())] != []  # without skip it would be an input


def test_readers_say_how_many_documents_an_input_holds(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text("".join(json.dumps({"id": f"r{n}", "text": f"Report {n}."}) + "\n" for n in range(7)) + "\n",
                    encoding="utf-8")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("id,text\n" + "".join(f"c{n},Report {n}.\n" for n in range(5)), encoding="utf-8")
    told: list[int] = []
    reader = InputReader(expect=told.append)
    for path in (rows, sheet):
        list(reader.read(expand([path])[0]))
    assert told == [7, 5]


def test_progress_counts_documents_with_an_eta():
    screen = StringIO()
    console = SafeConsole(file=screen, force_terminal=True, width=160)
    bar = IngestProgress(1, enabled=True, console=console)
    with bar:
        bar.expect(20_000)
        assert bar.total == 20_000

        class Summary:
            new, skipped, updated, failed = 1_200, 0, 0, 3

            @staticmethod
            def line():
                return "1200 new, 0 skipped, 3 failed"

        bar.stored(Summary)
        bar._progress.refresh()
        bar.input_read(19_990)
    shown = screen.getvalue()
    assert "1203/20000" in shown and "documents" in shown and "eta" in shown
    assert bar.total == 19_990


def test_merge_message_and_journal_name_the_same_ids(tmp_path):
    url = f"sqlite:///{tmp_path / 'tw.db'}"
    a = make_document("Jets bombed a bakery in Idlib at dawn on Monday.", "Outlet A", "2016-03-07")
    b = make_document("Jets bombed Aleppo at dusk on Monday, killing four.", "Outlet B", "2016-03-07")
    extractions = [Extraction(document=a, events=[make_event(a, place="Idlib", actors=[GOV])]),
                   Extraction(document=b, events=[make_event(b, place="Aleppo", actors=[GOV])])]
    with open_store(url) as store:
        store.add([x.document for x in extractions], extractions)
    runner = CliRunner()
    assert runner.invoke(app, ["incidents", "fuse", "--db", url]).exit_code == 0
    ids = [json.loads(line)["id"] for line in runner.invoke(app, ["incidents", "list", "--json", "--db", url]).stdout.splitlines()]
    merged = runner.invoke(app, ["incidents", "merge", ids[1], ids[0], "--db", url])
    assert merged.exit_code == 0, merged.output
    journal = runner.invoke(app, ["incidents", "journal", "--json", "--db", url]).stdout
    entry = json.loads(journal.splitlines()[0])
    described = f"{entry['args']['a']} merged with {entry['args']['b']}"
    assert described in merged.stdout.replace("\n", " ")
    shown = runner.invoke(app, ["incidents", "journal", "--db", url], env={"COLUMNS": "300"}).stdout
    assert entry["args"]["a"] in shown and entry["args"]["b"] in shown and " into " not in shown
