"""Class 3: one bad row costs only itself; every other row of the file is read."""
from __future__ import annotations

import json

from trucewatch.errors import InputError
from trucewatch.ingest.origin import Origin
from trucewatch.ingest.rows import read_csv, read_json, read_jsonl


def good(n: int) -> str:
    return json.dumps({"id": f"good-{n}", "text": f"Shelling hit Hama on Monday, report {n}.",
                       "published": "2016-03-07"})


BAD_JSONL_LINES = {
    "lone surrogate": '{"id": "s", "text": "bad \\ud800 escape"}',
    "lone surrogate in title": '{"id": "s2", "text": "Jets struck Idlib.", "title": "x \\udfff"}',
    "deep nesting": "[" * 100_000 + "]" * 100_000,
    "huge integer": '{"id": ' + "7" * 4301 + ', "text": "Jets struck Idlib."}',
    "huge integer date": '{"id": "i", "text": "Jets struck Idlib.", "published": ' + "9" * 4300 + "}",
    "not an object": "[1, 2, 3]",
    "text not a string": '{"id": "t", "text": {"a": 1}}',
    "broken": '{"id": "b", "text": "unterminated',
}


def _split(results):
    documents = [r for r in results if not isinstance(r, InputError)]
    errors = [r for r in results if isinstance(r, InputError)]
    return documents, errors


def test_each_bad_jsonl_line_is_named_and_the_rest_read(tmp_path):
    lines = []
    for n, bad in enumerate(BAD_JSONL_LINES.values()):
        lines += [good(n), bad]
    lines.append(good(99))
    origin = Origin(name="wire.jsonl", path="wire.jsonl")
    documents, errors = _split(list(read_jsonl("\n".join(lines), origin)))
    assert sorted(d.ref for d in documents) == sorted(f"good-{n}" for n in [*range(len(BAD_JSONL_LINES)), 99])
    assert [e.source for e in errors] == [f"wire.jsonl:{2 * n + 2}" for n in range(len(BAD_JSONL_LINES))]
    for error in errors:
        assert error.reason and len(error.reason) < 300, error.reason  # a sentence, not the whole line
    reasons = " | ".join(e.reason for e in errors)
    assert "surrogate" in reasons and "nested" in reasons and "digits" in reasons


def test_deeply_nested_json_document_is_named_not_a_crash():
    origin = Origin(name="deep.json", path="deep.json")
    results = list(read_json("[" * 100_000 + "]" * 100_000, origin))
    assert results and all(isinstance(r, InputError) for r in results)
    assert all(r.source.startswith("deep.json") for r in results)


def test_oversized_csv_field_is_read_and_later_rows_go_on():
    big = "x" * 140_000
    text = ("id,text,published\n"
            "c1,Shelling hit Hama on Monday.,2016-03-07\n"
            f"c2,\"Jets struck Idlib. {big}\",2016-03-07\n"
            "c3,Rockets landed near Homs.,2016-03-08\n")
    documents, errors = _split(list(read_csv(text, Origin(name="sheet.csv", path="sheet.csv"))))
    assert [d.ref for d in documents] == ["c1", "c2", "c3"]
    assert not errors


def test_csv_field_over_the_text_limit_is_named_and_later_rows_go_on():
    big = "x" * 20_000
    text = ("id,text,published\n"
            "c1,Shelling hit Hama on Monday.,2016-03-07\n"
            f"c2,\"{big}\",2016-03-07\n"
            "c3,Rockets landed near Homs.,2016-03-08\n")
    origin = Origin(name="sheet.csv", path="sheet.csv", max_bytes=10_000)
    documents, errors = _split(list(read_csv(text, origin)))
    assert [d.ref for d in documents] == ["c1", "c3"]
    assert [e.source for e in errors] == ["sheet.csv:3"] and "size limit" in errors[0].reason


def test_csv_broken_quote_costs_only_its_row():
    text = ('id,text,published\n'
            'c1,Shelling hit Hama on Monday.,2016-03-07\n'
            'c2,"Jets struck" Idlib,2016-03-07\n'
            'c3,Rockets landed near Homs.,2016-03-08\n'
            'c4,"Mortars fell ""twice"" on Daraa.",2016-03-09\n')
    documents, errors = _split(list(read_csv(text, Origin(name="sheet.csv", path="sheet.csv"))))
    assert [d.ref for d in documents] == ["c1", "c3", "c4"]
    assert [e.source for e in errors] == ["sheet.csv:3"]


def test_csv_nul_and_surrogate_free_rows_survive_a_bad_neighbour():
    text = ("id,text,published\n"
            "c1,Shelling hit Hama on Monday.,2016-03-07\n"
            "c2,\x00\x00,2016-03-07\n"
            "c3,Rockets landed near Homs.,9999-12-31\n"
            "c4,Mortars fell on Daraa.,2016-03-09\n")
    documents, errors = _split(list(read_csv(text, Origin(name="sheet.csv", path="sheet.csv"))))
    assert [d.ref for d in documents] == ["c1", "c4"]
    assert [e.source for e in errors] == ["sheet.csv:3", "sheet.csv:4"]


def test_the_cli_names_each_bad_row_and_stores_the_rest(tmp_path, hostile):
    jsonl = tmp_path / "wire.jsonl"
    lines = []
    for n, bad in enumerate(BAD_JSONL_LINES.values()):
        lines += [good(n), bad]
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    csv_file = tmp_path / "sheet.csv"
    csv_file.write_text("id,text,published\nc1,Shelling hit Hama.,2016-03-07\n"
                        f"c2,\"{'y' * 140_000}\",2016-03-07\nc3,Rockets landed near Homs.,2016-03-08\n",
                        encoding="utf-8")
    db = tmp_path / "tw.db"
    done = hostile.run_cli("ingest", str(jsonl), str(csv_file), "--no-extract", "--db", f"sqlite:///{db}",
                           cwd=tmp_path)
    names = [f"wire.jsonl:{2 * n + 2}:" for n in range(len(BAD_JSONL_LINES))]
    hostile.assert_named_failure(done, *names)
    out, _ = hostile.text_of(done)
    assert out.startswith(f"{len(BAD_JSONL_LINES) + 3} new")
    assert hostile.sqlite_is_sound(db)
