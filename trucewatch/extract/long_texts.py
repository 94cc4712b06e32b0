"""Long texts in pieces, so one report never costs unbounded time or memory.

spaCy refuses texts over 1,000,000 characters (E088) and needs about 300 MB per 100,000
characters it parses at once; some of extraction's walks over a sentence's tree grow with the
square of the sentence's length (a list of 4,000 place names is one "sentence"). Real news is far
from both limits. So a report is parsed whole when it is short and made of sentences; otherwise
it is cut into pieces of at most CHUNK_CHARS characters at sentence or line ends, and any run of
over RUN_CHARS characters without a sentence or line end (a list, a table flattened to one
line) is cut at spaces into pieces of its own. Each piece is extracted alone; its events join
the report's, offsets shifted back into the report's text. Time then grows linearly with the
text, and memory stays that of one piece.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from trucewatch.records import Document, Event, Extraction

CHUNK_CHARS = 100_000
RUN_CHARS = 5_000
# Where a unit of text may end: after a sentence's closing mark and the blanks after it, or at
# line breaks.
BOUNDARY = re.compile(r"(?<=[.!?…])[ \t]+|\n+")


def _units(text: str, run: int) -> list[tuple[int, int, bool]]:
    """(start, end, alone): sentences and lines; runs longer than `run` cut at spaces, alone."""
    units: list[tuple[int, int, bool]] = []
    start = 0
    for match in BOUNDARY.finditer(text):
        _add(units, text, start, match.end(), run)
        start = match.end()
    _add(units, text, start, len(text), run)
    return units


def _add(units: list, text: str, start: int, end: int, run: int) -> None:
    if end <= start:
        return
    if end - start <= run:
        units.append((start, end, False))
        return
    while end - start > run:
        cut = text.rfind(" ", start + run // 2, start + run)
        cut = cut + 1 if cut > start else start + run
        units.append((start, cut, True))
        start = cut
    units.append((start, end, True))


def pieces(text: str, *, chunk: int | None = None, run: int | None = None) -> list[tuple[int, int]]:
    """[start, end) offsets covering `text` in order: one piece for a short text of sentences."""
    chunk, run = chunk or CHUNK_CHARS, run or RUN_CHARS
    units = _units(text, run)
    if len(text) <= chunk and not any(alone for _, _, alone in units):
        return [(0, len(text))]
    found: list[tuple[int, int]] = []
    current: list[int] | None = None
    for start, end, alone in units:
        if alone or (current is not None and end - current[0] > chunk):
            if current is not None:
                found.append((current[0], current[1]))
            current = None
        if alone:
            found.append((start, end))
        elif current is None:
            current = [start, end]
        else:
            current[1] = end
    if current is not None:
        found.append((current[0], current[1]))
    return found


def _shifted(event: Event, offset: int) -> Event:
    """The event with its evidence and claim offsets moved by `offset` characters."""
    if not offset:
        return event
    return event.model_copy(update={
        "evidence": [span.model_copy(update={"start": span.start + offset, "end": span.end + offset})
                     for span in event.evidence],
        "claims": [claim.model_copy(update={"start": claim.start + offset, "end": claim.end + offset})
                   for claim in event.claims],
    })


def extract_in_pieces(document: Document, parse: Callable[[str], object],
                      extract_document: Callable[[Document, object], Extraction]) -> Extraction:
    """The report's events, extracted piece by piece when it is long (see the module's docstring)."""
    spans = pieces(document.text)
    if len(spans) == 1:
        return extract_document(document, parse(document.text))
    events: list[Event] = []
    for start, end in spans:
        part = document.model_copy(update={"text": document.text[start:end]})
        events += [_shifted(event, start) for event in extract_document(part, parse(part.text)).events]
    numbered = [event.model_copy(update={"id": f"{document.id}:{n}"}) for n, event in enumerate(events, start=1)]
    return Extraction(document=document, events=numbered)


def is_long(document: Document) -> bool:
    """Whether a report needs pieces (it is then parsed on its own, not in a batch)."""
    return len(pieces(document.text)) > 1
