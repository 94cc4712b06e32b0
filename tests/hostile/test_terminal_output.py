"""Classes 8 and 9: console markup and terminal escape sequences in data are shown, never obeyed."""
from __future__ import annotations

import json
from datetime import date

import pytest

from typer.testing import CliRunner

from trucewatch.cli import app
from trucewatch.incidents.samples import GOV, make_document, make_event
from trucewatch.records import Document, Extraction
from trucewatch.store import open_store
from trucewatch.terminal import json_line, visible

OSC52 = "\x1b]52;c;ZWNobyBoaQ==\x07"  # a clipboard write
HIDDEN = "\x1b[8mhidden\x1b[0m"  # concealed text
ROWS = [
    {"id": "markup-1", "title": "Bad [/b] title [red]x", "source": "Wire [/b]",
     "text": "Shelling hit Hama on Monday, residents said.", "published": "2016-03-07"},
    {"id": "esc-1\x1b[2J", "title": f"Clip {OSC52} and {HIDDEN}", "source": "Src\x1b[31m\u202eevil",
     "text": "Jets struck Idlib on Tuesday, killing 3 people, activists said.", "published": "2016-03-08"},
]
TRUCE = """name: "Truce [/b] \\e[2J"
parties: [SYR]
area: {places: [{name: Hama, lat: 35.13, lon: 36.75}], buffer_km: 20}
start: 2016-03-01T00:00
end: 2016-03-31T23:59
prohibited: [air_strike, shelling]
"""


def _no_raw_controls(*texts: str) -> None:
    for text in texts:
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text, repr(text[-500:])


def test_visible_escapes_controls_and_keeps_text():
    assert visible(f"a{OSC52}b\n\tc") == "a\\x1b]52;c;ZWNobyBoaQ==\\x07b\n\tc"
    assert visible("x\u202ey\x9bz\x00") == "x\\u202ey\\x9bz\\x00"
    assert visible("Déir ez-Zor [/b] دير الزور") == "Déir ez-Zor [/b] دير الزور"


def test_json_lines_escape_c1_controls_and_still_parse():
    value = {"t": "a\x9b[2Jb\u202ec\x1bd"}
    line = json_line(value)
    _no_raw_controls(line)
    assert "\x9b" not in line
    assert json.loads(line) == value


@pytest.fixture
def marked_db(tmp_path):
    """The rows stored with hand-made events (no model to load: the test is about printing)."""
    url = f"sqlite:///{tmp_path / 'tw.db'}"
    extractions = []
    for row, place in zip(ROWS, ("Hama", "Idlib")):
        document = Document.from_text(row["text"], ref=row["id"], title=row["title"], source=row["source"],
                                      published=date.fromisoformat(row["published"]))
        event = make_event(document, place=place, actors=[GOV], killed=(3, 3, 3))
        event.actors[0].text = row["title"]
        extractions.append(Extraction(document=document, events=[event]))
    with open_store(url) as store:
        store.add([x.document for x in extractions], extractions)
    return url


def _run(*args: str):
    """The CLI in this process (no interpreter start-up): output as a pipe would receive it."""
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_list_and_incidents_show_markup_and_escapes_as_text(marked_db, tmp_path):
    truce = tmp_path / "truce.yaml"
    truce.write_text(TRUCE, encoding="utf-8")
    outputs = {}
    for args in (["list", "documents"], ["list", "events"], ["check", str(truce)],
                 ["incidents", "list"], ["list", "documents", "--json"], ["check", str(truce), "--json"],
                 ["incidents", "list", "--json"]):
        result = _run(*args, "--db", marked_db)
        assert result.exit_code == 0, (args, result.output)
        _no_raw_controls(result.output)
        outputs[" ".join(args)] = result.output
    listed = outputs["list documents"]
    assert "Bad [/b] title [red]x" in listed and "Wire [/b]" in listed
    assert "\\x1b]52;c;" in listed and "\\x1b[8mhidden" in listed
    assert "Truce [/b] \\x1b[2J" in outputs[f"check {truce}"]


def test_incident_show_and_place_with_markup(marked_db, tmp_path, hostile):
    assert _run("incidents", "fuse", "--db", marked_db).exit_code == 0
    first = json.loads(_run("incidents", "list", "--json", "--db", marked_db).output.splitlines()[0])
    shown = _run("incidents", "show", first["id"], "--db", marked_db)
    assert shown.exit_code == 0
    _no_raw_controls(shown.output)
    placed = hostile.run_cli("place", "Aleppo [/b] \x1b[2J", cwd=tmp_path)
    hostile.assert_no_bug(placed)
    _no_raw_controls(*hostile.text_of(placed))


@pytest.mark.parametrize("args", [
    ["list", "documents", "--db", "sqlite:///[/b]/x\x1b[2J.db"],
    ["check", "[/b]\x1b]52;c;eA==\x07.yaml"],
    ["report", "[/b].yaml", "--from", "2016-03-01", "--to", "2016-03-02"],
    ["list", "events", "--country", "[/b]"],
    ["list", "events", "--type", "[/b]\x1b[2J"],
])
def test_errors_about_markup_arguments_are_sentences(args, tmp_path, hostile):
    done = hostile.run_cli(*args, cwd=tmp_path)
    err = hostile.assert_named_failure(done, "error:")
    _no_raw_controls(*hostile.text_of(done))
    assert "[/b]" in err.lower()


def test_failed_file_names_with_escapes_are_shown_escaped(tmp_path, hostile):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad\x1b[2Jname.bin").write_bytes(b"\x00\x01\x02binary")
    (folder / "good.txt").write_text("date 2016-03-04\nShells struck the market in Hama.", encoding="utf-8")
    done = hostile.run_cli("ingest", str(folder), "--no-extract", "--db", f"sqlite:///{tmp_path / 'x.db'}",
                           cwd=tmp_path)
    err = hostile.assert_named_failure(done, "bad\\x1b[2Jname.bin", "binary")
    _no_raw_controls(*hostile.text_of(done))
    assert "1 new" in hostile.text_of(done)[0]
    assert err.count("\n") >= 1


def test_commitment_and_extraction_json_escape_c1_and_bidi(tmp_path):
    """`commitments list --json` and `extract` print JSON of report text and outlets: C1 controls
    (\\x9b is a one-byte CSI) and bidi overrides must come out as \\u escapes there too."""
    url = f"sqlite:///{tmp_path / 'tw.db'}"
    outlet = "Wire \x9b2J \u202eevil"
    pledge = make_document("The army said it would scale back air strikes on Idlib.", outlet, "2016-03-07")
    says = ("Syrian army", "Syria", "SYR", "MIL", "asserts", "occurrence", None)
    extraction = Extraction(document=pledge, events=[
        make_event(pledge, type="de_escalation", status="planned", actors=[GOV], claims=[says]),
        make_event(pledge, 1, status="planned")])
    with open_store(url) as store:
        store.add([pledge], [extraction])
    assert _run("commitments", "check", "--db", url).exit_code == 0
    listed = _run("commitments", "list", "--json", "--db", url)
    _no_raw_controls(listed.output)
    assert "\x9b" not in listed.output
    assert json.loads(listed.output.splitlines()[0])["reports"][0]["outlet"] == outlet
    report = tmp_path / "r.jsonl"
    title = "Strike \u202eon Idlib\x9b2J"
    report.write_text(json.dumps({"id": "r", "title": title, "text": "Jets struck Idlib on Monday, residents said.",
                                  "published": "2016-03-07"}) + "\n", encoding="utf-8")
    extracted = _run("extract", str(report))
    assert extracted.exit_code == 0, extracted.output
    _no_raw_controls(extracted.output)
    assert "\x9b" not in extracted.output
    assert json.loads(extracted.output.splitlines()[0])["document"]["title"] == title
