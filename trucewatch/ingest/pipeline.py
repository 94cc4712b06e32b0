"""`ingest`: read, extract what is new, store in one transaction per batch.

Re-running is safe by construction: a document's id is the hash of its text, the store
skips ids it has, and each batch commits whole or not at all, so a run killed halfway and
started again ends with every document exactly once. A stored report that comes again from the
same input (same ref) with other metadata — its date line fixed, its outlet corrected — is a
correction: the stored document is updated and its events re-extracted, journalled
(trucewatch.store.corrections).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING

from trucewatch.batching import chunks
from trucewatch.errors import InputError, TruceWatchError, short_reason
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
    updated: int = 0  # stored reports whose metadata this run corrected
    errors: list[InputError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def line(self) -> str:
        updated = f"{self.updated} updated, " if self.updated else ""
        return f"{self.new} new, {updated}{self.skipped} skipped, {self.failed} failed"


def _stored_ids(store, ids: list[str]) -> set[str]:
    """Which of `ids` the store already holds, so a rerun does not extract them again.

    A store without `known` still works: `add` skips stored ids, at the cost of extraction.
    """
    lookup = getattr(store, "known", None)
    return set(lookup(ids)) if lookup is not None else set()


def _corrections(store, documents: list[Document], known: set[str]) -> dict[str, tuple[Document, dict]]:
    """Stored documents these re-ingested ones correct: id -> (stored document, changed fields)."""
    read = getattr(store, "documents", None)
    if not known or not callable(read):  # a stand-in store that cannot say what it holds
        return {}
    from trucewatch.store.corrections import metadata_changes

    stored = {document.id: document for document in read(ids=sorted(known))}
    found = {}
    for document in documents:
        if document.id in stored:
            changes = metadata_changes(stored[document.id], document)
            if changes:
                found[document.id] = (stored[document.id], changes)
    return found


def _database_files(store) -> set:
    """The files of the store's SQLite database (none for a server), so a folder walk skips them."""
    from trucewatch.outputs import database_files

    engine = getattr(store, "engine", None)
    return database_files(engine.url.render_as_string(hide_password=False)) if engine is not None else set()


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
    store, owned = _open(db)
    left_out: list[str] = []
    inputs = expand(paths, skip=_database_files(store), skipped=left_out)
    summary.notes += [f"{name}: not read, it is the database being written to" for name in left_out]
    bar = _progress_bar(len(inputs), progress, client)
    reader = InputReader(fetch=fetch, max_bytes=max_bytes, fetcher=fetcher, expect=bar.expect)
    seen: set[str] = set()
    updates: dict[str, tuple[Document, dict]] = {}

    def fail(error: InputError) -> None:
        summary.failed += 1
        summary.errors.append(error)
        bar.failed(error)
        bar.stored(summary)
        if on_error is not None:
            on_error(error)

    def documents() -> Iterator[Document]:
        for item in inputs:
            results = 0
            for result in reader.read(item):
                results += 1
                if isinstance(result, InputError):
                    fail(result)
                else:
                    yield result
            bar.input_read(results)

    def new_documents() -> Iterator[Document]:
        """Documents neither seen earlier in this run nor already in the store (unless they
        correct the stored copy's metadata)."""
        for chunk in chunks(documents(), batch_size):
            fresh = []
            for document in chunk:
                if document.id in seen:
                    summary.skipped += 1
                else:
                    seen.add(document.id)
                    fresh.append(document)
            known = _stored_ids(store, [document.id for document in fresh]) if fresh else set()
            updates.update(_corrections(store, fresh, known))
            known -= set(updates)
            summary.skipped += len(known)
            yield from (document for document in fresh if document.id not in known)

    try:
        with bar:
            fresh: Iterator[Document] = new_documents()
            first = next(fresh, None)  # start no extraction workers when nothing is new
            fresh = chain([first], fresh) if first is not None else iter(())
            if client is not None and first is not None:
                outcomes = _store_on_cluster(fresh, store, client, extract=extract, workers=workers,
                                             batch_size=batch_size, bar=bar, updates=updates,
                                             summary=summary, fail=fail)
            else:
                outcomes = _store_here(fresh, store, extract=extract and first is not None,
                                       workers=workers, batch_size=batch_size, updates=updates,
                                       summary=summary, fail=fail)
            for flags in outcomes:
                added = sum(1 for flag in flags if flag)
                summary.new += added
                summary.skipped += sum(1 for flag in flags if flag is False)
                bar.stored(summary)
    finally:
        reader.close()
        summary.notes.extend(reader.notes)
        if owned and hasattr(store, "close"):
            store.close()
    return summary


def _store_here(documents: Iterator[Document], store, *, extract: bool, workers: int | None,
                batch_size: int, updates: dict, summary: IngestSummary,
                fail: Callable[[InputError], None]) -> Iterator[list[bool | None]]:
    """Extract over local processes (when asked) and store a batch per transaction; corrections
    of stored reports are applied one by one, journalled."""
    records: Iterator[Document | Extraction] = documents
    if extract:
        from trucewatch.extract import extract_documents

        records = extract_documents(documents, workers)
    for batch in chunks(records, batch_size):
        fixes = [record for record in batch if _document(record, extract).id in updates]
        batch = [record for record in batch if _document(record, extract).id not in updates]
        for record in fixes:
            summary.updated += _update(store, record, extract, updates, summary, fail)
        yield _store_batch(store, batch, extract, fail)


def _store_on_cluster(documents: Iterator[Document], store, client, *, extract: bool,
                      workers: int | None, batch_size: int, bar, updates: dict,
                      summary: IngestSummary, fail: Callable[[InputError], None]) -> Iterator[list[bool]]:
    """New reports go to the cluster; the few that correct a stored report's metadata are
    applied here afterwards, as without Dask (they need the journal of this store)."""
    from trucewatch.scale.ingest import store_on_cluster

    fixes: list[Document] = []

    def new_only() -> Iterator[Document]:
        for document in documents:
            if document.id in updates:
                fixes.append(document)
            else:
                yield document

    yield from store_on_cluster(new_only(), store, client, extract=extract, batch_size=batch_size,
                                progress=bar)
    if fixes:
        yield from _store_here(iter(fixes), store, extract=extract, workers=workers,
                               batch_size=batch_size, updates=updates, summary=summary, fail=fail)


def _add(store, records: list, extract: bool) -> list[bool]:
    if extract:
        return store.add([record.document for record in records], records)
    return store.add(records)


def _store_batch(store, batch: list, extract: bool, fail: Callable[[InputError], None]) -> list[bool | None]:
    """Store a batch in one transaction; when the database refuses a record's data, store the
    batch again one record at a time so only the refused ones fail (flag None), each named."""
    from trucewatch.store.store import RecordError

    try:
        return _add(store, batch, extract)
    except RecordError:
        pass
    flags: list[bool | None] = []
    for record in batch:
        try:
            flags += _add(store, [record], extract)
        except RecordError as exc:
            document = record.document if extract else record
            fail(InputError(document.ref or document.path or document.id,
                            f"cannot be stored: {short_reason(exc)}"))
            flags.append(None)
    return flags


def _document(record, extract: bool) -> Document:
    return record.document if extract else record


def _update(store, record, extract: bool, updates: dict, summary: IngestSummary,
            fail: Callable[[InputError], None]) -> int:
    """Apply one re-ingest correction (journalled); 1 when applied, 0 when it failed (named)."""
    from trucewatch.store.corrections import correct_document

    incoming = _document(record, extract)
    stored, changes = updates.pop(incoming.id)
    try:
        correct_document(store, stored, changes, action="reingest", extract=False,
                         extraction=record if extract else None,
                         reason=f"ingested again from {incoming.ref or incoming.path}")
    except TruceWatchError as exc:
        fail(InputError(incoming.ref or incoming.path or incoming.id, f"cannot be updated: {short_reason(exc)}"))
        return 0
    said = "; ".join(f"{name} {_shown(getattr(stored, name))} -> {_shown(value)}" for name, value in changes.items())
    events = "events re-extracted" if extract else "events kept (not re-extracted: --no-extract)"
    summary.notes.append(f"{incoming.ref or incoming.path}: stored report updated ({said}); {events}; "
                         "see `trucewatch documents journal`")
    return 1


def _shown(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else repr(value)
