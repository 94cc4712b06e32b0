"""Correcting the record after ingest: delete a stored document, or change its metadata, with
its events; each change journalled (trucewatch.store.document_journal).

A document's id is the hash of its text, so only metadata can change under the same id. A new
publication date changes what "on Monday" means, so a correction re-extracts the document's
events by default. The `documents` command and re-ingest (trucewatch.ingest.pipeline) use this.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone

import sqlalchemy as sa

from trucewatch.errors import TruceWatchError
from trucewatch.records import Document, Extraction
from trucewatch.store import schema
from trucewatch.store.document_journal import document_journal

# The fields a correction may change (the text is the document's identity and cannot).
CORRECTABLE = ("published", "title", "source", "url", "ref")
MIN_ID_PREFIX = 6


def find_document(store, key: str) -> Document:
    """The stored document whose id is `key` or starts with it (at least 6 characters, unique)."""
    key = key.strip().lower()
    if not re.fullmatch(r"[0-9a-f]{%d,64}" % MIN_ID_PREFIX, key):
        raise TruceWatchError(f"{key!r} is not a document id: give the id shown by `trucewatch list "
                              f"documents` (at least its first {MIN_ID_PREFIX} characters).")
    table = schema.documents
    with store.engine.connect() as connection:
        ids = list(connection.scalars(sa.select(table.c.id).where(table.c.id.like(f"{key}%")).limit(2)))
    if not ids:
        raise TruceWatchError(f"No stored document has an id starting with {key} in {store.url}.")
    if len(ids) > 1:
        raise TruceWatchError(f"Several stored documents have ids starting with {key}; give more characters.")
    return next(store.documents(ids=ids))


def fields_of(document: Document, *, with_text: bool = False) -> dict:
    """A document's fields as JSON values, for the journal."""
    fields = {**document.contract(), "published_given": document.published_given, "path": document.path}
    if with_text:
        fields["text"] = document.text
    return fields


def _entry(document: Document, action: str, before: dict, after: dict | None, events_before: int,
           events_after: int, reason: str | None) -> dict:
    return {"document_id": document.id, "action": action, "before": before, "after": after,
            "events_before": events_before, "events_after": events_after, "reason": reason,
            "at": datetime.now(timezone.utc)}


def delete_document(store, key: str, *, reason: str | None = None) -> dict:
    """Delete a stored document and its events; the journal keeps the document whole."""
    document = find_document(store, key)
    entry = _entry(document, "delete", fields_of(document, with_text=True), None,
                   store.event_count(document.id), 0, reason)
    if not store.remove_document(document.id, journal=entry):
        raise TruceWatchError(f"Document {document.id} was removed by someone else meanwhile.")
    return entry


def checked_changes(changes: dict) -> dict:
    """The changes with a publication date read and held to the accepted range."""
    from trucewatch.ingest.dates import BadDate, out_of_range, parse_iso_day

    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        raise TruceWatchError(f"Cannot change {', '.join(unknown)}: only {', '.join(CORRECTABLE)} can "
                              "be corrected (the text is the document's identity).")
    checked = {key: (value.strip() or None) if isinstance(value, str) else value
               for key, value in changes.items()}
    published = checked.get("published")
    if isinstance(published, str):
        try:
            published = parse_iso_day(published, what="--published value")
        except BadDate as exc:
            raise TruceWatchError(str(exc)) from None
    if published is not None:
        problem = out_of_range(published, date.today())
        if problem:
            raise TruceWatchError(f"The publication date {problem}.")
        checked["published"] = published
    return checked


def correct_document(store, key: str | Document, changes: dict, *, reason: str | None = None,
                     extract: bool = True, action: str = "correct",
                     extraction: Extraction | None = None) -> dict | None:
    """Change a stored document's metadata; re-extract its events (or store `extraction`, already
    made for the corrected document). Returns the journal entry, or None when nothing changes."""
    document = key if isinstance(key, Document) else find_document(store, key)
    changes = checked_changes(changes)
    if "published" in changes:
        changes["published_given"] = True
    updated = document.model_copy(update=changes)
    before, after = fields_of(document), fields_of(updated)
    changed = {name: after[name] for name in after if after[name] != before[name]}
    if not changed:
        return None
    if extraction is None and extract:
        from trucewatch.extract import extract_documents

        extraction = next(iter(extract_documents([updated], workers=1)))
    events_before = store.event_count(document.id)
    events_after = len(extraction.events) if extraction is not None else events_before
    entry = _entry(document, action, {name: before[name] for name in changed}, changed,
                   events_before, events_after, reason)
    store.replace_document(updated, extraction, journal=entry)
    return entry


def metadata_changes(stored: Document, incoming: Document) -> dict:
    """What a re-ingest of the same report (same ref) says differently: a given publication date,
    a title, an outlet or a URL. A guessed date never replaces a stored one."""
    if (stored.ref or stored.path) != (incoming.ref or incoming.path):
        return {}  # the same text from another input: a copy, not a correction
    changes = {}
    if incoming.published_given and incoming.published != stored.published:
        changes["published"] = incoming.published
    for name in ("title", "source", "url"):
        value = getattr(incoming, name)
        if value is not None and value != getattr(stored, name):
            changes[name] = value
    return changes


def read_journal(store, document_id: str | None = None) -> list[dict]:
    """Journal entries, oldest first (for one document when its id or id prefix is given)."""
    query = sa.select(document_journal).order_by(document_journal.c.seq)
    if document_id:
        query = query.where(document_journal.c.document_id.like(f"{document_id.strip().lower()}%"))
    with store.engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]
