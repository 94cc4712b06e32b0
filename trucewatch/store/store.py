"""The Store: records in, records out, one transaction per write.

Documents are keyed by the SHA-256 of their text and inserted with insert-or-ignore
(ON CONFLICT DO NOTHING) semantics, so re-adding, or two processes adding at once, never
stores a document twice. An extraction is stored only together with its new document.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError

from trucewatch.errors import TruceWatchError
from trucewatch.records import Document, Event, Extraction
from trucewatch.store import filters, rows, schema
from trucewatch.store.document_journal import document_journal
from trucewatch.store.engine import connection_error, first_line, safe_url

READ_CHUNK = 500  # rows fetched per round trip while streaming results


class RecordError(TruceWatchError):
    """The database refused these records (their data), not the connection: other records can
    still be stored, so callers may retry them one by one."""


class Store:
    """A TruceWatch database. Use `open_store(url)` to get one; close it, or use `with`."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine

    @property
    def url(self) -> str:
        return safe_url(self.engine.url)

    # -- writing ---------------------------------------------------------------------------

    def add(
        self, documents: Iterable[Document], extractions: Iterable[Extraction] | None = None
    ) -> list[bool]:
        """Store documents (and the extractions of those that are new) in one transaction.

        Returns one flag per document: True if it was new, False if already stored (or repeated
        earlier in the same call). Extractions are matched to documents by document id.
        """
        documents = list(documents)
        by_id = {extraction.document.id: extraction for extraction in extractions or ()}
        listed = {document.id for document in documents}
        unlisted = [doc_id for doc_id in by_id if doc_id not in listed]
        if unlisted:
            raise TruceWatchError(
                f"An extraction was given for document {unlisted[0]} without the document "
                "itself; pass its document in `documents` too."
            )
        # The first copy of each id, inserted in id order: concurrent writers then take row
        # locks in the same order and cannot deadlock (PostgreSQL).
        first_copy: dict[str, int] = {}
        for index, document in enumerate(documents):
            first_copy.setdefault(document.id, index)
        results = [False] * len(documents)
        with self._writing() as connection:
            new_ids = []
            for doc_id in sorted(first_copy):
                index = first_copy[doc_id]
                if self._insert_document(connection, documents[index]):
                    results[index] = True
                    new_ids.append(doc_id)
            _insert_events(connection, [by_id[doc_id] for doc_id in new_ids if doc_id in by_id])
        return results

    def add_extractions(self, extractions: Iterable[Extraction]) -> list[bool]:
        """Replace the stored events of each extraction's document (storing it if missing).

        For re-running extraction over stored reports. Returns True where the document was new.
        """
        extractions = list(extractions)
        order = sorted(range(len(extractions)), key=lambda index: extractions[index].document.id)
        results = [False] * len(extractions)
        with self._writing() as connection:
            for index in order:
                document = extractions[index].document
                results[index] = self._insert_document(connection, document)
                _lock_document(connection, document.id)  # one replacement at a time per document
                previous = _event_ids(connection, document.id)
                _delete_events(connection, document.id)
                _insert_events(connection, [extractions[index]])
                _record_replaced_events(connection, document.id, extractions[index].events, previous)
                _reattach_reviews(connection, document.id)
        return results

    # -- correcting (see trucewatch.store.corrections) -------------------------------------

    def replace_document(self, document: Document, extraction: Extraction | None = None, *,
                         journal: dict | None = None) -> None:
        """Overwrite a stored document's fields (its id, hence its text, stays) and, given an
        extraction, its events; with `journal`, one document_journal row in the same transaction."""
        fields = rows.document_row(document)
        for kept in ("id", "text", "ingested_at"):
            fields.pop(kept)
        table = schema.documents
        with self._writing() as connection:
            _lock_document(connection, document.id)
            found = connection.execute(table.update().where(table.c.id == document.id).values(fields))
            if found.rowcount != 1:
                raise TruceWatchError(f"No document {document.id} is stored in {self.url}.")
            if extraction is not None:
                _delete_events(connection, document.id)
                _insert_events(connection, [extraction])
            if journal is not None:
                connection.execute(document_journal.insert().values(journal))

    def remove_document(self, document_id: str, *, journal: dict | None = None) -> bool:
        """Delete a stored document with its events (and their actors, claims, evidence); with
        `journal`, one document_journal row in the same transaction. False when not stored."""
        table = schema.documents
        with self._writing() as connection:
            _lock_document(connection, document_id)
            _delete_events(connection, document_id)
            removed = connection.execute(table.delete().where(table.c.id == document_id)).rowcount
            if removed and journal is not None:
                connection.execute(document_journal.insert().values(journal))
        return bool(removed)

    def event_count(self, document_id: str) -> int:
        events = schema.events
        with self._reading() as connection:
            return connection.scalar(sa.select(sa.func.count()).select_from(events)
                                     .where(events.c.document_id == document_id))

    def _insert_document(self, connection: sa.Connection, document: Document) -> bool:
        try:
            return _insert_new(connection, schema.documents, rows.document_row(document))
        except ValueError as exc:  # e.g. PostgreSQL refuses NUL characters in text
            name = document.ref or document.path or document.id
            raise RecordError(f"Document {name} cannot be stored in {self.url}: {exc}") from exc

    def transaction(self):
        """A write transaction for later stages' tables (SQLite: write lock taken up front);
        database errors become sentences naming the database."""
        return self._writing()

    @contextmanager
    def _writing(self) -> Iterator[sa.Connection]:
        writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        try:
            with writer.begin() as connection:
                yield connection
        except IntegrityError as exc:
            raise RecordError(
                f"Could not store the records in {self.url}: they conflict with each other "
                f"or with stored ones ({first_line(exc)})."
            ) from exc
        except DataError as exc:  # a value the database cannot hold (too long, bad encoding)
            raise RecordError(f"The database {self.url} refused a value: {first_line(exc)}.") from exc
        except DBAPIError as exc:
            raise connection_error(self.engine.url, exc) from exc

    # -- reading ---------------------------------------------------------------------------

    def known(self, ids: Iterable[str]) -> set[str]:
        """Which of these document ids are already stored (to skip extracting them again)."""
        ids = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self._reading() as connection:
            for start in range(0, len(ids), READ_CHUNK):
                chunk = ids[start:start + READ_CHUNK]
                query = sa.select(schema.documents.c.id).where(schema.documents.c.id.in_(chunk))
                found.update(connection.scalars(query))
        return found

    def documents(
        self, since=None, until=None, text=None, limit=None, ids=None
    ) -> Iterator[Document]:
        """Stored documents, oldest publication first; `since`/`until` bound `published`."""
        table = schema.documents
        query = (
            sa.select(table)
            .where(*filters.document_conditions(since=since, until=until, text=text, ids=ids))
            .order_by(table.c.published.is_(None), table.c.published, table.c.id)
            .limit(filters.check_limit(limit))
        )
        for row in self._stream(query):
            yield rows.document_from_row(row)

    def events(
        self, since=None, until=None, country=None, type=None, text=None, limit=None, shard=None
    ) -> Iterator[tuple[Document, Event]]:
        """(document, event) pairs in time order; dates keep events whose span overlaps them.

        `shard=(k, n)`: only the documents in the k-th of n slices of the id space."""
        conditions = filters.event_conditions(
            since=since, until=until, country=country, type=type, text=text, shard=shard
        )
        query = (
            sa.select(schema.events.c.record, *schema.documents.c)
            .join(schema.documents, schema.events.c.document_id == schema.documents.c.id)
            .where(*conditions)
            .order_by(
                schema.events.c.when_start, schema.events.c.document_id, schema.events.c.position
            )
            .limit(filters.check_limit(limit))
        )
        cache: dict[str, Document] = {}
        for row in self._stream(query):
            document = cache.get(row.id)
            if document is None:
                if len(cache) > 1000:
                    cache.clear()
                document = cache[row.id] = rows.document_from_row(row)
            yield document, rows.event_from_row(row)

    def extractions(
        self, since=None, until=None, text=None, limit=None, ids=None
    ) -> Iterator[Extraction]:
        """Stored documents with their events, filtered like `documents()`."""
        found = self.documents(since=since, until=until, text=text, limit=limit, ids=ids)
        while batch := list(islice(found, READ_CHUNK)):
            by_document: dict[str, list[Event]] = {document.id: [] for document in batch}
            query = (
                sa.select(schema.events.c.document_id, schema.events.c.record)
                .where(schema.events.c.document_id.in_(list(by_document)))
                .order_by(schema.events.c.document_id, schema.events.c.position)
            )
            with self._reading() as connection:
                for row in connection.execute(query):
                    by_document[row.document_id].append(rows.event_from_row(row))
            for document in batch:
                yield Extraction(document=document, events=by_document[document.id])

    def counts(self) -> dict[str, int]:
        """Rows per table, for every table in this database (later stages' tables included)."""
        with self._reading() as connection:
            names = sorted(set(sa.inspect(connection).get_table_names()) - {"alembic_version"})
            ordered = [name for name in schema.CORE_TABLES if name in names]
            ordered += [name for name in names if name not in schema.CORE_TABLES]
            return {
                name: connection.scalar(sa.select(sa.func.count()).select_from(sa.table(name)))
                for name in ordered
            }

    def _stream(self, query) -> Iterator[sa.Row]:
        with self._reading() as connection:
            result = connection.execution_options(yield_per=READ_CHUNK).execute(query)
            yield from result

    @contextmanager
    def _reading(self) -> Iterator[sa.Connection]:
        try:
            with self.engine.connect() as connection:
                yield connection
        except DBAPIError as exc:
            raise connection_error(self.engine.url, exc) from exc

    # -- lifetime --------------------------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"


def _insert_new(connection: sa.Connection, table: sa.Table, row: dict) -> bool:
    """Insert unless the primary key exists; True if inserted. Safe against racing writers."""
    dialect = connection.dialect.name
    if dialect in ("sqlite", "postgresql"):
        insert = sqlite_insert if dialect == "sqlite" else pg_insert
        statement = insert(table).values(row).on_conflict_do_nothing()
        return connection.execute(statement).rowcount == 1
    try:  # other databases: a savepoint absorbs the duplicate-key error
        with connection.begin_nested():
            connection.execute(table.insert().values(row))
        return True
    except IntegrityError:
        return False


def _insert_events(connection: sa.Connection, extractions: list[Extraction]) -> None:
    """Insert the events of these (new or cleared) documents, with their places and parts."""
    pairs = [(extraction.document.id, extraction.events) for extraction in extractions]
    event_rows = [
        rows.event_row(event, document_id, position)
        for document_id, event_list in pairs
        for position, event in enumerate(event_list)
    ]
    if not event_rows:
        return
    all_events = [event for _, event_list in pairs for event in event_list]
    new_places = {
        key: event.location for event in all_events if (key := rows.place_id(event.location))
    }
    for key in sorted(new_places):  # id order, as for documents: no deadlocks
        _insert_new(connection, schema.places, rows.place_row(new_places[key]))
    connection.execute(schema.events.insert(), event_rows)
    children = ((schema.actors, rows.actor_rows), (schema.claims, rows.claim_rows),
                (schema.evidence, rows.evidence_rows))
    for table, make_rows in children:
        child_rows = [row for event in all_events for row in make_rows(event)]
        if child_rows:
            connection.execute(table.insert(), child_rows)


def _lock_document(connection: sa.Connection, document_id: str) -> None:
    """Row lock on servers that have them (SQLite's BEGIN IMMEDIATE already serialises)."""
    documents = schema.documents
    query = sa.select(documents.c.id).where(documents.c.id == document_id).with_for_update()
    connection.execute(query)


def _event_ids(connection: sa.Connection, document_id: str) -> set[str]:
    return set(connection.scalars(sa.select(schema.events.c.id).where(schema.events.c.document_id == document_id)))


def _record_replaced_events(connection: sa.Connection, document_id: str, events: list[Event],
                            previous: set[str]) -> None:
    """Versions for re-extracted events (changed ones move on, vanished ones leave tombstones for
    sync clients); events stored once at ingest need none: their document's ingest time dates them."""
    from datetime import datetime, timezone

    from trucewatch.audit.versions import digest_of, sync_machine

    digests = {event.id: digest_of(event.model_dump(mode="json")) for event in events}
    sync_machine(connection, "event", digests, at=datetime.now(timezone.utc),
                 scope_prefix=f"{document_id}:", previous=previous)


def _reattach_reviews(connection: sa.Connection, document_id: str) -> None:
    """People's reviews and corrections follow their events when re-extraction renumbers them
    (they are stored apart from the events: trucewatch.review)."""
    from trucewatch.review.overrides import reattach

    reattach(connection, [document_id])


def _delete_events(connection: sa.Connection, document_id: str) -> None:
    event_ids = sa.select(schema.events.c.id).where(schema.events.c.document_id == document_id)
    for table in schema.EVENT_CHILDREN:
        connection.execute(table.delete().where(table.c.event_id.in_(event_ids)))
    connection.execute(schema.events.delete().where(schema.events.c.document_id == document_id))
