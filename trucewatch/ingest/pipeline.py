"""`ingest`: read, extract what is new, store in one transaction per batch.

Re-running is safe by construction: a document's id is the hash of its text, the store
skips ids it has, and each batch commits whole or not at all, so a run killed halfway and
started again ends with every document exactly once.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING

from trucewatch.batching import chunks
from trucewatch.errors import InputError
from trucewatch.ingest.origin import DEFAULT_MAX_BYTES
from trucewatch.ingest.progress import IngestProgress
from trucewatch.ingest.reader import InputReader
from trucewatch.ingest.sources import expand
from trucewatch.records import Document, Extraction

if TYPE_CHECKING:
    from trucewatch.ingest.fetch import Fetcher


@dataclass
class IngestSummary:
    new: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[InputError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def line(self) -> str:
        return f"{self.new} new, {self.skipped} skipped, {self.failed} failed"


def _stored_ids(store, ids: list[str]) -> set[str]:
    """Which of `ids` the store already holds, so a rerun does not extract them again.

    A store without `known` still works: `add` skips stored ids, at the cost of extraction.
    """
    lookup = getattr(store, "known", None)
    return set(lookup(ids)) if lookup is not None else set()


def _open(db):
    if db is not None and hasattr(db, "add"):
        return db, False
    from trucewatch.store import open_store

    return open_store(db), True  # None: $TRUCEWATCH_DB or the embedded SQLite default


def ingest(paths: Iterable[str | os.PathLike], db=None, *, extract: bool = True,
           fetch: bool = False, batch_size: int = 50, progress: bool = False,
           workers: int | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
           fetcher: Fetcher | None = None,
           on_error: Callable[[InputError], None] | None = None, dask=None) -> IngestSummary:
    """Ingest files, folders, feeds, URLs or `-`; `db` is a URL, a Store, or None for the default.

    `on_error` is called with each failure as it happens (the summary lists them all too).
    `dask` (an address, `local:N`, or a Client) extracts and stores on a Dask cluster
    (`trucewatch.scale`); it is reached before anything is read or written.
    """
    cluster = ExitStack()
    client = None
    if dask is not None:
        from trucewatch.scale.cluster import dask_client

        client = cluster.enter_context(dask_client(dask))
    with cluster:
        return _ingest(paths, db, extract=extract, fetch=fetch, batch_size=batch_size,
                       progress=progress, workers=workers, max_bytes=max_bytes, fetcher=fetcher,
                       on_error=on_error, client=client)


def _progress_bar(inputs: int, enabled: bool, client) -> IngestProgress:
    if client is None:
        return IngestProgress(inputs, enabled=enabled)
    from trucewatch.scale.progress import ClusterProgress

    return ClusterProgress(enabled=enabled, label="ingest", inputs=inputs)


def _ingest(paths, db, *, extract, fetch, batch_size, progress, workers, max_bytes, fetcher,
            on_error, client) -> IngestSummary:
    summary = IngestSummary()
    inputs = expand(paths)
    reader = InputReader(fetch=fetch, max_bytes=max_bytes, fetcher=fetcher)
    store, owned = _open(db)
    seen: set[str] = set()
    bar = _progress_bar(len(inputs), progress, client)

    def documents() -> Iterator[Document]:
        for item in inputs:
            for result in reader.read(item):
                if isinstance(result, InputError):
                    summary.failed += 1
                    summary.errors.append(result)
                    bar.failed(result)
                    if on_error is not None:
                        on_error(result)
                else:
                    yield result
            bar.input_done()

    def new_documents() -> Iterator[Document]:
        """Documents neither seen earlier in this run nor already in the store."""
        for chunk in chunks(documents(), batch_size):
            fresh = []
            for document in chunk:
                if document.id in seen:
                    summary.skipped += 1
                else:
                    seen.add(document.id)
                    fresh.append(document)
            known = _stored_ids(store, [document.id for document in fresh]) if fresh else set()
            summary.skipped += len(known)
            yield from (document for document in fresh if document.id not in known)

    try:
        with bar:
            fresh: Iterator[Document] = new_documents()
            first = next(fresh, None)  # start no extraction workers when nothing is new
            fresh = chain([first], fresh) if first is not None else iter(())
            if client is not None and first is not None:
                from trucewatch.scale.ingest import store_on_cluster

                outcomes = store_on_cluster(fresh, store, client, extract=extract,
                                            batch_size=batch_size, progress=bar)
            else:
                outcomes = _store_here(fresh, store, extract=extract and first is not None,
                                       workers=workers, batch_size=batch_size)
            for flags in outcomes:
                added = sum(1 for flag in flags if flag)
                summary.new += added
                summary.skipped += len(flags) - added
                bar.stored(summary)
    finally:
        reader.close()
        summary.notes.extend(reader.notes)
        if owned and hasattr(store, "close"):
            store.close()
    return summary


def _store_here(documents: Iterator[Document], store, *, extract: bool, workers: int | None,
                batch_size: int) -> Iterator[list[bool]]:
    """Extract over local processes (when asked) and store a batch per transaction."""
    records: Iterator[Document | Extraction] = documents
    if extract:
        from trucewatch.extract import extract_documents

        records = extract_documents(documents, workers)
    for batch in chunks(records, batch_size):
        if extract:
            yield store.add([record.document for record in batch], batch)
        else:
            yield store.add(batch)
