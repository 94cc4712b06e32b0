import json
from datetime import date

from hypothesis import given, settings, strategies as st

from trucewatch.errors import InputError
from trucewatch.ingest.origin import Origin
from trucewatch.ingest.rows import read_csv, read_json, read_jsonl
from trucewatch.records import Document


def origin(name="rows.jsonl", **kw):
    return Origin(name=name, path=name, fallback_date=date(2020, 1, 1), **kw)


def test_jsonl_rows_become_documents_with_their_fields():
    text = json.dumps({"id": "r1", "text": "Shells hit Testville.", "published": "2016-03-04",
                       "title": "T", "url": "http://example.org/1", "source": "Wire", "extra": 1})
    [doc] = read_jsonl(text + "\n\n", origin())
    assert isinstance(doc, Document)
    assert (doc.ref, doc.title, doc.url, doc.source) == ("r1", "T", "http://example.org/1", "Wire")
    assert doc.published == date(2016, 3, 4) and doc.published_given
    assert doc.path == "rows.jsonl"


def test_row_without_id_or_date_takes_the_file_path_and_a_guessed_date():
    [doc] = read_jsonl('{"text": "Shells hit Testville."}', origin())
    assert doc.ref == "rows.jsonl"
    assert doc.published == date(2020, 1, 1) and not doc.published_given


def test_bad_jsonl_rows_are_named_by_line_and_others_go_on():
    lines = [
        '{"text": "First report about Testville."}',
        '{"text": broken',
        '["not", "an", "object"]',
        '{"title": "no text here"}',
        '{"text": "Bad date.", "published": "2016-02-30"}',
        '{"text": "Unreadable date.", "published": "last spring"}',
        '{"text": "Last report about Testville."}',
    ]
    results = list(read_jsonl("\n".join(lines), origin()))
    assert [type(r).__name__ for r in results] == ["Document"] + ["InputError"] * 5 + ["Document"]
    errors = results[1:6]
    assert [e.source for e in errors] == [f"rows.jsonl:{n}" for n in range(2, 7)]
    assert "malformed JSON" in errors[0].reason
    assert "JSON object" in errors[1].reason
    assert "no `text`" in errors[2].reason
    assert "impossible date" in errors[3].reason
    assert "unreadable date" in errors[4].reason


def test_oversized_row_is_refused_by_line():
    results = list(read_jsonl('{"text": "%s"}' % ("x" * 200), origin(max_bytes=100)))
    assert isinstance(results[0], InputError) and "size limit" in results[0].reason
    assert results[0].source == "rows.jsonl:1"


def test_csv_rows_with_quotes_and_a_short_row():
    text = ('id,text,published\n'
            'a,"Clashes in Mocktown, ""heavy"" ones.",2016-03-05\n'
            'b,only two\n'
            'c,"Multi\nline report.",2016-03-06\n')
    results = list(read_csv(text, origin("s.csv")))
    assert results[0].text == 'Clashes in Mocktown, "heavy" ones.'
    assert isinstance(results[1], InputError) and results[1].source == "s.csv:3"
    assert results[2].ref == "c" and results[2].published == date(2016, 3, 6)


def test_csv_without_text_column_is_one_error():
    [error] = read_csv("id,body\n1,hello\n", origin("s.csv"))
    assert isinstance(error, InputError) and "`text` column" in error.reason


def test_json_array_items_are_named_by_position():
    results = list(read_json('[{"text": "One."}, {"text": ""}]', origin("a.json")))
    assert isinstance(results[0], Document)
    assert results[1].source == "a.json:item 2"


row_values = st.one_of(st.none(), st.text(max_size=30), st.integers(), st.booleans(),
                       st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
rows = st.dictionaries(st.sampled_from(["text", "published", "title", "url", "source", "id", "other"]),
                       row_values, max_size=6)


@settings(max_examples=150)
@given(st.lists(st.one_of(rows.map(json.dumps), st.text(max_size=40)), max_size=6))
def test_jsonl_reader_never_crashes(lines):
    text = "\n".join(line.replace("\n", " ") for line in lines)
    for result in read_jsonl(text, origin()):
        assert isinstance(result, (Document, InputError))
        if isinstance(result, InputError):
            assert result.source.startswith("rows.jsonl") and result.reason


@settings(max_examples=150)
@given(st.text(max_size=200))
def test_csv_reader_never_crashes(text):
    for result in read_csv("text,published\n" + text, origin("s.csv")):
        assert isinstance(result, (Document, InputError))
        if isinstance(result, Document):
            assert result.text.strip()
