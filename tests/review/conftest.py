"""An invented report with three acts in three sentences, its events as two extractors might number
them, and the example truce: what the review tests correct, re-extract, re-ingest and re-fuse."""
from __future__ import annotations

from pathlib import Path

import pytest

import trucewatch
from trucewatch.incidents.samples import FSA, GOV, make_document, make_event
from trucewatch.records import Extraction, Span

EXAMPLE_TRUCE = Path(trucewatch.__file__).parent / "truce" / "examples" / "example_truce.yaml"
TEXT = ("Government jets bombed the grain market in Idlib on Friday. "
        "Rebels of the Free Syrian Army shelled an army post near Idlib on Saturday. "
        "Aid trucks waited for a day at the crossing north of the city.")
ALEPPO = {"lat": 36.2, "lon": 37.15}


def sentence(document, n: int) -> Span:
    """The n-th sentence of the report as an evidence span (offsets into its text)."""
    starts = [0]
    for i, char in enumerate(document.text):
        if char == "." and i + 2 < len(document.text):
            starts.append(i + 2)
    start = starts[n]
    end = document.text.find(".", start) + 1
    return Span(text=document.text[start:end], start=start, end=end)


def event_at(document, position: int, kind: str, n_sentence: int, **options):
    event = make_event(document, position, type=kind, **options)
    return event.model_copy(update={"evidence": [sentence(document, n_sentence)]})


@pytest.fixture
def report():
    return make_document(TEXT, "Wire R", "2016-03-05")


def first_extraction(document) -> Extraction:
    """The strike as event 0, the shelling as event 1."""
    return Extraction(document=document, events=[
        event_at(document, 0, "air_strike", 0, actors=[GOV], day="2016-03-04"),
        event_at(document, 1, "shelling", 1, actors=[FSA], day="2016-03-05")])


def renumbered_extraction(document) -> Extraction:
    """A better extractor also reads the blocked aid (third sentence) and puts it first: every
    number shifts by one."""
    return Extraction(document=document, events=[
        event_at(document, 0, "aid_blocked", 2, actors=[GOV], day="2016-03-05"),
        event_at(document, 1, "air_strike", 0, actors=[GOV], day="2016-03-04"),
        event_at(document, 2, "shelling", 1, actors=[FSA], day="2016-03-05")])


def without_shelling(document) -> Extraction:
    return Extraction(document=document, events=[event_at(document, 0, "air_strike", 0, actors=[GOV], day="2016-03-04")])
