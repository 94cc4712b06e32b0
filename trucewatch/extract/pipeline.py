"""Many documents through parsing and extraction, in input order, over worker processes.

Each worker parses a batch with `nlp.pipe` and extracts it on the spot, so only the small
Extraction records cross process boundaries (never spaCy Docs), as JSON text: pydantic rebuilds a
record from JSON about four times faster than from a pickle, and the parent doing the rebuilding
shares the cores with the workers.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from concurrent.futures.process import BrokenProcessPool

from trucewatch.batching import chunks
from trucewatch.errors import TruceWatchError
from trucewatch.lifeline import cores, effective_workers, start_worker, stop_pool, worker_arguments
from trucewatch.records import Document, Extraction


def default_workers() -> int:
    """All cores unless told otherwise."""
    return cores()


def extract_batch(documents: list[Document]) -> list[Extraction]:
    """Parse and extract one batch in the current process; long reports in pieces (long_texts)."""
    from trucewatch.extract.document import extract_document
    from trucewatch.extract.long_texts import extract_in_pieces, is_long
    from trucewatch.nlp import get_nlp

    nlp = get_nlp()
    long = [is_long(document) for document in documents]
    short = [document for document, alone in zip(documents, long) if not alone]
    docs = nlp.pipe((document.text for document in short), batch_size=max(1, len(short)))
    return [extract_in_pieces(document, nlp, extract_document) if alone else extract_document(document, next(docs))
            for document, alone in zip(documents, long)]


def extract_batch_as_json(documents: list[Document]) -> list[str]:
    """Worker side of `extract_batch`: each record as JSON text, for a cheap trip to the parent."""
    return [extraction.model_dump_json() for extraction in extract_batch(documents)]


def run_pipeline(documents: Iterable[Document], *, workers: int | None = None,
                 batch_size: int = 16) -> Iterator[Extraction]:
    """Yield one Extraction per document, in input order. Workers are held to the cores
    (`lifeline.effective_workers`) and die with this process."""
    workers, _ = effective_workers(workers)
    if workers <= 1:
        warm_up()
        with _frozen_heap(True):
            for batch in chunks(documents, batch_size):
                yield from extract_batch(batch)
        return
    forking = os.name == "posix"
    if forking:
        warm_up()  # forked workers inherit the loaded model and tables instead of each rebuilding them
    context = multiprocessing.get_context("fork" if forking else "spawn")
    # An executor, not a Pool: a worker that dies (out of memory, killed) raises BrokenProcessPool
    # instead of hanging forever; a bounded window of batches in flight keeps memory flat.
    with _frozen_heap(forking):
        executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                       initargs=worker_arguments())
        try:
            pending: deque = deque()
            for batch in chunks(documents, batch_size):
                pending.append(executor.submit(extract_batch_as_json, batch))
                if len(pending) >= 2 * workers:
                    yield from _result(pending.popleft())
            while pending:
                yield from _result(pending.popleft())
        except BaseException:  # Ctrl-C, SIGTERM, a consumer that stopped early, an error
            stop_pool(executor)
            raise
        executor.shutdown(wait=True)


def _start_worker(parent_pid: int, kernel_watch: bool) -> None:
    start_worker(parent_pid, kernel_watch)
    warm_up()


@contextmanager
def _frozen_heap(forking: bool) -> Iterator[None]:
    """Hide the objects made so far (model, lexicons, actor dictionary, gazetteer caches) from the
    cyclic garbage collector while extraction runs: its collections then scan only new objects
    (a tenth of a second per hundred reports), and forked workers leave the shared pages
    unwritten. The objects go back to the collector when extraction ends."""
    if not forking:
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _result(future) -> list[Extraction]:
    try:
        return [Extraction.model_validate_json(text) for text in future.result()]
    except BrokenProcessPool:
        raise TruceWatchError(
            "an extraction worker process died (often: out of memory); "
            "run again with fewer --workers or smaller inputs"
        ) from None


WARM_UP_TEXT = "Government jets struck a market in Aleppo on Monday, killing 12 people, activists said."
_warm = False


def warm_up() -> None:
    """Load the model and build every lazily made table (lexicons, number grammars, actor
    dictionary, gazetteer, admin polygons) by extracting one small report, once per process.

    Called in the parent before forking, the workers share the result copy-on-write rather than
    each paying about a second of set-up per pool; the gazetteer reopens its SQLite connection
    in each worker by itself. The polygons are loaded explicitly: the small report need not
    produce a located event, and each worker would otherwise parse them on its first one."""
    global _warm
    if _warm:
        return
    from trucewatch.extract.document import extract_document, prepare
    from trucewatch.nlp import get_nlp

    nlp = get_nlp()
    prepare()
    _warm_places()
    document = Document.from_text(WARM_UP_TEXT)
    extract_document(document, nlp(document.text))
    _warm = True


def _warm_places() -> None:
    """The gazetteer and the admin polygons, when the places package is there."""
    try:
        from trucewatch.places import warm_up as warm_places
    except ImportError:
        return
    warm_places()
