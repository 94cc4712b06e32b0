"""Standard input gets a name (`<stdin>`); Western legacy files are read as cp1252."""
from __future__ import annotations

import io
import sys

import pytest

from trucewatch.ingest import InputReader, read_inputs
from trucewatch.ingest.decoding import decode_bytes
from trucewatch.ingest.sources import expand


def feed_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_plain_stdin_document_is_named_stdin(monkeypatch):
    feed_stdin(monkeypatch, b"Shells hit Testville on Monday.\n")
    [document] = read_inputs(["-"])
    assert document.ref == "<stdin>" and document.path == "<stdin>"
    assert document.contract()["ref"] == "<stdin>"


def test_jsonl_stdin_rows_keep_their_id_or_get_their_line(monkeypatch):
    feed_stdin(monkeypatch, b'{"id": "w-1", "text": "Shells hit Testville."}\n\n'
                            b'{"text": "Rockets hit Mocktown."}\n')
    first, second = read_inputs(["-"])
    assert (first.ref, second.ref) == ("w-1", "<stdin>:3")
    assert first.path == second.path == "<stdin>"


def test_csv_stdin_rows_without_id_get_their_line(monkeypatch):
    feed_stdin(monkeypatch, b"text,published\nShells hit Testville.,2016-03-04\nCalm in Mocktown.,2016-03-05\n")
    first, second = read_inputs(["-"])
    assert (first.ref, second.ref) == ("<stdin>:2", "<stdin>:3")
    assert first.text == "Shells hit Testville." and first.path == "<stdin>"


def test_text_starting_like_prose_with_commas_stays_plain(monkeypatch):
    feed_stdin(monkeypatch, b"text, they said, was found on the wall in Testville.\nMore lines.\n")
    [document] = read_inputs(["-"])
    assert document.ref == "<stdin>" and document.text.startswith("text, they said")


def test_errors_on_stdin_name_it(monkeypatch):
    feed_stdin(monkeypatch, b'{"id": "w-1", "text": "Shells hit Testville."}\n{"text": 5}\n')
    results = list(read_inputs(["-"]))
    assert results[1].source == "<stdin>:2"


def test_files_rows_without_id_keep_the_file_path(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"text": "Shells hit Testville."}\n', encoding="utf-8")
    [document] = read_inputs([rows])
    assert document.ref == str(rows)


LATIN1_TEXTS = [
    "Die Stra\u00dfe in S\u00fcdstadt wurde am Montag besch\u00e4digt, hie\u00df es.",
    "Le caf\u00e9 de la rue a \u00e9t\u00e9 touch\u00e9 par un obus \u00e0 Testville.",
    "El ej\u00e9rcito bombarde\u00f3 la ciudad; ni\u00f1os heridos, dijo el alcalde.",
]


@pytest.mark.parametrize("text", LATIN1_TEXTS)
def test_latin1_is_read_as_cp1252_not_a_central_code_page(text):
    decoded = decode_bytes(text.encode("latin-1"), "f.txt")
    assert decoded.encoding == "cp1252" and decoded.text == text


def test_cp1252_punctuation_survives():
    text = "The \u201cceasefire\u201d held \u2014 mostly, the monitor said."
    decoded = decode_bytes(text.encode("cp1252"), "f.txt")
    assert decoded.encoding == "cp1252" and decoded.text == text


def test_non_western_code_pages_are_left_to_the_detector():
    text = "Военные обстреляли город в понедельник, сказал свидетель."
    decoded = decode_bytes(text.encode("cp1251"), "f.txt")
    assert decoded.encoding == "cp1251" and decoded.text == text


def test_the_note_names_the_encoding_used(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes(LATIN1_TEXTS[0].encode("latin-1"))
    reader = InputReader()
    [document] = reader.read(expand([path])[0])
    assert document.text == LATIN1_TEXTS[0]
    assert reader.notes == [f"{path}: not UTF-8; decoded as cp1252"]


from hypothesis import given, settings, strategies as st  # noqa: E402

from trucewatch.ingest.reader import sniff_kind  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_sniffing_any_text_names_a_known_kind(text):
    assert sniff_kind(text) in {"plain", "json", "csv", "tsv", "html", "feed"}


@pytest.mark.parametrize("head, kind", [
    ("text,published\nShells.,2016-03-04\n", "csv"),
    ('"id","text","source"\nr1,Shells.,Wire\n', "csv"),
    ("text\tpublished\nShells.\t2016-03-04\n", "tsv"),
    ("text,\nShells hit Testville.\n", "plain"),
    ("text, reports and images from Testville\n", "plain"),
    ("Text alone on a line\n", "plain"),
])
def test_row_files_are_sniffed_only_by_a_header_of_known_fields(head, kind):
    assert sniff_kind(head) == kind
