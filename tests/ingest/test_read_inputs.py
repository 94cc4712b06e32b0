import io
import sys
from datetime import date

from trucewatch.errors import InputError
from trucewatch.ingest import InputReader, read_inputs
from trucewatch.ingest.sources import expand
from trucewatch.records import Document, text_id


def test_mixed_folder_yields_every_good_report_and_names_every_bad_one(mixed_folder, samples):
    root, files = mixed_folder
    results = list(read_inputs([root]))
    documents = [r for r in results if isinstance(r, Document)]
    errors = {e.source: e.reason for e in results if isinstance(e, InputError)}
    assert len(documents) == samples.GOOD_COUNT + 1  # the duplicate is read; the store skips it
    assert errors == {
        f"{files['jsonl']}:2": errors[f"{files['jsonl']}:2"],
        str(files["binary"]): "binary file, not text",
        str(files["empty"]): "empty input (no text)",
        str(files["bad_date"]): "impossible date '2015-02-30' in the date line",
    }
    assert "malformed JSON" in errors[f"{files['jsonl']}:2"]


def test_inputs_come_in_sorted_order_with_their_provenance(mixed_folder, samples):
    root, files = mixed_folder
    documents = [r for r in read_inputs([root]) if isinstance(r, Document)]
    dated, plain = documents[0], documents[1]
    assert dated.published == date(2016, 3, 4) and dated.published_given
    assert dated.text.startswith("Shells struck the market") and "2016" not in dated.text
    assert dated.path == str(files["dated"]) and dated.ref == str(files["dated"])
    assert not plain.published_given  # guessed from the file's modification time
    assert plain.id == text_id(samples.PLAIN)
    assert [d.ref for d in documents[2:6]] == ["wire-1", "wire-2", "sheet-1", "sheet-2"]
    html = documents[6]
    assert html.published == date(2016, 3, 7) and html.published_given
    assert html.title == "Mortars in Sampletown" and html.source == "Example Monitor"
    assert "Mortar rounds fell" in html.text and "Contact" not in html.text
    assert all(d.retrieved is not None for d in documents)


def test_latin1_file_is_kept_and_its_encoding_noted(mixed_folder):
    root, files = mixed_folder
    reader = InputReader()
    [document] = reader.read(expand([files["latin1"]])[0])
    assert "caf\u00e9" in document.text
    assert reader.notes == [f"{files['latin1']}: not UTF-8; decoded as cp1252"]


def test_size_limit_is_configurable(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Shelling in Testville. " * 100)
    [error] = read_inputs([big], max_bytes=1000)
    assert isinstance(error, InputError) and "over the size limit" in error.reason
    [document] = read_inputs([big], max_bytes=10_000)
    assert isinstance(document, Document)


def test_missing_path_is_named(tmp_path):
    [error] = read_inputs([tmp_path / "nowhere.txt"])
    assert error.reason == "no such file or directory"


def test_stdin_is_sniffed(monkeypatch):
    data = b'{"id": "s1", "text": "Shells hit Testville.", "published": "2016-03-04"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [document] = read_inputs(["-"])
    assert document.ref == "s1" and document.published == date(2016, 3, 4)


def test_stdin_plain_text_with_date_line(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"date 2016-03-04\nShells hit Testville.\n")))
    [document] = read_inputs(["-"])
    assert document.text == "Shells hit Testville." and document.published == date(2016, 3, 4)


def test_hidden_files_in_folders_are_skipped(tmp_path):
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "r.txt").write_text("Shells hit Testville.")
    assert [i.name for i in expand([tmp_path])] == [str(tmp_path / "r.txt")]


def test_html_without_date_metadata_gets_a_guessed_date(tmp_path, samples):
    page = tmp_path / "undated.html"
    page.write_text(samples.HTML_PAGE.replace('<meta property="article:published_time" content="2016-03-07T09:30:00Z">', ""))
    [document] = read_inputs([page])
    assert not document.published_given
    assert "Mortar rounds fell" in document.text


def test_json_files_may_hold_an_array_an_object_or_lines(tmp_path):
    (tmp_path / "a.json").write_text('[{"id": "a1", "text": "Shells hit Testville."}]')
    (tmp_path / "b.json").write_text('{\n  "id": "b1",\n  "text": "Rockets hit Mocktown."\n}\n')
    (tmp_path / "c.json").write_text('{"id": "c1", "text": "Clashes in Demoville."}\n{"id": "c2", "text": "Calm in Demoville."}\n')
    assert [d.ref for d in read_inputs([tmp_path])] == ["a1", "b1", "c1", "c2"]


def test_stdin_text_starting_with_a_bracket_is_plain_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"[Update] Shells hit Testville.\n")))
    [document] = read_inputs(["-"])
    assert document.text == "[Update] Shells hit Testville."


from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from trucewatch.ingest.origin import Origin  # noqa: E402

kinds = st.sampled_from([None, "plain", "json", "jsonl", "csv", "tsv", "html"])
contents = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda t: t.encode("utf-8")),
    st.sampled_from([b'{"text": 1}', b"[{}]", b"text\n\"unclosed", b"date 2016-02-31 x", b"<p>x</p>"]),
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(contents, kinds)
def test_any_content_of_any_kind_gives_documents_or_named_errors(data, kind):
    reader = InputReader()
    try:
        results = list(reader._parse(data, Origin(name="in.dat", path="in.dat"), kind))
    except InputError as exc:
        results = [exc]
    for result in results:
        assert isinstance(result, (Document, InputError))
        if isinstance(result, InputError):
            assert result.source.startswith("in.dat") and result.reason
        else:
            assert result.text and result.id == text_id(result.text)


def test_a_parser_crash_is_one_named_error(tmp_path, monkeypatch):
    import trucewatch.ingest.html as html_reader

    def explode(*args, **kwargs):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(html_reader, "read_html", explode)
    (tmp_path / "a.html").write_text("<html><body><p>Shells hit Testville.</p></body></html>")
    (tmp_path / "b.txt").write_text("Shells hit Mocktown.")
    error, document = read_inputs([tmp_path])
    assert error.reason == "cannot be parsed (RuntimeError: parser exploded)"
    assert document.text == "Shells hit Mocktown."
