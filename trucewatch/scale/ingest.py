"""Storing over a Dask cluster: the workers write when the database is a server, the client
writes when it is a SQLite file (one writer at a time is what SQLite is built for).

With a server (PostgreSQL), each task extracts its batch and stores it in one transaction of its
own, so only flags come back. A task re-run after its worker died finds what its first attempt
committed already stored (document ids are content hashes, inserts skip stored ids), so nothing
is lost and nothing is stored twice.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from trucewatch.batching import chunks
from trucewatch.records import Document

from .cluster import total_threads
from .extract import extract_on_cluster
from .sources import worker_url
from .stream import WINDOW_PER_THREAD, ordered_map


def writes_from_workers(store) -> bool:
    """Whether the workers can share the database: a server, not a SQLite file."""
    engine = getattr(store, "engine", None)
    return engine is not None and engine.url.get_backend_name() != "sqlite" and worker_url(store) is not None


def store_on_cluster(documents: Iterable[Document], store, client, *, extract: bool,
                     batch_size: int, progress=None) -> Iterator[list[bool]]:
    """Flags (True = new) per stored batch, as `Store.add` gives them."""
    from .plugin import register

    if progress is not None:
        progress.set_workers(len(client.nthreads()))
    if writes_from_workers(store):
        if extract:
            register(client)
        window = WINDOW_PER_THREAD * total_threads(client)
        batches = ordered_map(client, store_batch, chunks(documents, batch_size),
                              args=(worker_url(store), extract), window=window, progress=progress)
        for _, flags in batches:
            yield flags
        return
    if not extract:  # nothing for the workers to do: SQLite takes the rows here
        for batch in chunks(documents, batch_size):
            if progress is not None:
                progress.submitted(len(batch))
            yield store.add(batch)
            if progress is not None:
                progress.finished(len(batch))
        return
    extractions = extract_on_cluster(documents, client, progress=progress)
    for batch in chunks(extractions, batch_size):
        yield store.add([extraction.document for extraction in batch], batch)


def store_batch(documents: list[Document], url: str, extract: bool) -> list[bool]:
    """Worker side: extract what the database lacks, store the batch in one transaction."""
    store = _worker_store(url)
    stored = store.known(document.id for document in documents)
    extractions = None
    if extract:
        from trucewatch.extract.pipeline import extract_batch

        extractions = extract_batch([document for document in documents if document.id not in stored])
    return store.add(documents, extractions)


@lru_cache(maxsize=4)
def _worker_store(url: str):
    """One open store per database and worker process, for the worker's life."""
    from trucewatch.store import open_store

    return open_store(url)
