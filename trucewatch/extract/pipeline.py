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
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with context.Pool(workers, initializer=_warm_up) as pool:
        for extractions in pool.imap(extract_batch, _batches(documents, batch_size)):
            yield from extractions


def _warm_up() -> None:
    """Load the model and data once per worker, before the first batch arrives."""
    from trucewatch.extract.document import prepare
    from trucewatch.nlp import get_nlp

    get_nlp()
    prepare()
