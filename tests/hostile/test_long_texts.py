"""Classes 2 and 17: long reports are extracted in pieces (no E088, bounded memory, time linear
in the text), their events carry offsets into the whole text, and other reports are stored too."""
from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

import trucewatch.extract.long_texts as long_texts
from trucewatch.extract import extract
from trucewatch.extract.long_texts import CHUNK_CHARS, RUN_CHARS, pieces
from trucewatch.ingest import ingest
from trucewatch.store import open_store

PARAGRAPHS = [
    "Government jets struck a market in Idlib on Monday, killing 4 people, residents said.",
    "Rebels shelled a checkpoint near Hama on Tuesday, officials said.",
    "A mortar round hit a school in Daraa on Wednesday, wounding 3 children, a teacher said.",
]


def _covers(text: str, spans: list[tuple[int, int]]) -> None:
    assert spans and spans[0][0] == 0 and spans[-1][1] == len(text)
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert end == start


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\n!?,x"), max_size=3000),
       st.integers(min_value=20, max_value=400), st.integers(min_value=10, max_value=200))
def test_pieces_cover_the_text_in_bounded_parts(text, chunk, run):
    spans = pieces(text, chunk=chunk, run=run) if text else [(0, 0)]
    if not text:
        return
    _covers(text, spans)
    for start, end in spans:
        assert end - start <= max(chunk, run)


def test_a_short_report_of_sentences_is_one_piece():
    text = "\n\n".join(PARAGRAPHS)
    assert pieces(text) == [(0, len(text))]


def test_a_text_over_spacys_limit_is_cut_below_it():
    from trucewatch.nlp import get_nlp

    text = ("\n\n".join(PARAGRAPHS) + "\n\n") * 5000 + "Aleppo, " * 20000  # ~1.4 M characters
    spans = pieces(text)
    _covers(text, spans)
    assert len(text) > get_nlp().max_length
    assert max(end - start for start, end in spans) <= CHUNK_CHARS < get_nlp().max_length


def test_events_of_pieces_point_into_the_whole_text(monkeypatch):
    monkeypatch.setattr(long_texts, "CHUNK_CHARS", 120)
    text = "\n\n".join(PARAGRAPHS)
    whole = extract(text, published=date(2016, 3, 9))
    assert len(pieces(text)) == 3
    assert len(whole.events) >= 3
    assert [e.id for e in whole.events] == [f"{whole.document.id}:{n}" for n in range(1, len(whole.events) + 1)]
    for event in whole.events:
        for span in [*event.evidence, *event.claims]:
            assert whole.document.text[span.start:span.end] == span.text
    assert {e.location.name for e in whole.events if e.location} >= {"Idlib", "Hama", "Daraa"}


def test_a_long_list_runs_alone_and_the_report_keeps_its_events():
    text = PARAGRAPHS[0] + "\n\n" + ", ".join(["Aleppo"] * (RUN_CHARS // 4)) + "\n\n" + PARAGRAPHS[1]
    spans = pieces(text)
    assert len(spans) >= 3 and max(end - start for start, end in spans) <= RUN_CHARS
    result = extract(text, published=date(2016, 3, 9))
    assert {e.type for e in result.events} >= {"air_strike", "shelling"}


def test_a_long_report_does_not_cost_the_others(tmp_path, monkeypatch):
    """Through ingest with a worker process, pieces made small so the test stays quick."""
    monkeypatch.setattr(long_texts, "CHUNK_CHARS", 400)
    monkeypatch.setattr(long_texts, "RUN_CHARS", 300)
    long_text = ("\n\n".join(PARAGRAPHS) + "\n\n") * 6 + ", ".join(["Homs"] * 300)
    rows = [{"id": "long", "text": long_text, "published": "2016-03-09"}]
    rows += [{"id": f"short-{n}", "text": text, "published": "2016-03-09"} for n, text in enumerate(PARAGRAPHS)]
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'tw.db'}"
    summary = ingest([path], url, workers=2)
    assert (summary.new, summary.failed) == (4, 0)
    with open_store(url) as store:
        counts: dict[str, int] = {}
        for document, event in store.events():
            counts[document.ref] = counts.get(document.ref, 0) + 1
            assert all(document.text[s.start:s.end] == s.text for s in event.evidence)
    assert len(pieces(long_text)) >= 8
    assert counts.get("long", 0) >= 18 and all(counts.get(f"short-{n}") for n in range(3))
