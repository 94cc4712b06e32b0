"""Many documents through parsing and extraction, in input order, over worker processes.

Each worker parses a batch with `nlp.pipe` and extracts it on the spot, so only the small
Extraction records cross process boundaries (never spaCy Docs).
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from itertools import islice

from trucewatch.records import Document, Extraction


def default_workers() -> int:
    """All cores unless told otherwise."""
    return max(1, os.cpu_count() or 1)


def extract_batch(documents: list[Document]) -> list[Extraction]:
    """Parse and extract one batch in the current process."""
    from trucewatch.extract.document import extract_document
    from trucewatch.nlp import get_nlp

    nlp = get_nlp()
    docs = nlp.pipe((document.text for document in documents), batch_size=max(1, len(documents)))
    return [extract_document(document, doc) for document, doc in zip(documents, docs)]


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def run_pipeline(documents: Iterable[Document], *, workers: int | None = None,
                 batch_size: int = 16) -> Iterator[Extraction]:
    """Yield one Extraction per document, in input order."""
    workers = workers or default_workers()
    if workers <= 1:
        for batch in _batches(documents, batch_size):
            yield from extract_batch(batch)
        return
    forking = os.name == "posix"
    if forking:
        warm_up()  # forked workers inherit the loaded model and tables instead of each rebuilding them
    context = multiprocessing.get_context("fork" if forking else "spawn")
    with context.Pool(workers, initializer=warm_up) as pool:
        for extractions in pool.imap(extract_batch, _batches(documents, batch_size)):
            yield from extractions


WARM_UP_TEXT = "Government jets struck a market in Aleppo on Monday, killing 12 people, activists said."
_warm = False


def warm_up() -> None:
    """Load the model and build every lazily made table (lexicons, number grammars, actor
    dictionary, gazetteer) by extracting one small report, once per process.

    Called in the parent before forking, the workers share the result copy-on-write rather than
    each paying about a second of set-up per pool; the gazetteer reopens its SQLite connection
    in each worker by itself."""
    global _warm
    if _warm:
        return
    from trucewatch.extract.document import extract_document, prepare
    from trucewatch.nlp import get_nlp

    nlp = get_nlp()
    prepare()
    document = Document.from_text(WARM_UP_TEXT)
    extract_document(document, nlp(document.text))
    _warm = True
