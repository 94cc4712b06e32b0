"""Where the workers get event mentions for fusion: partitions that each hold whole documents.

A partition is a function and its arguments that a worker calls; it returns what
`trucewatch.incidents.mentions_from` accepts. Whole documents, because accusations and denials
told as events fold into the act they speak of within their own report
(`incidents.claim_acts`), before any fusion.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from trucewatch.batching import chunks
from trucewatch.incidents.api import mentions_from
from trucewatch.incidents.claim_acts import fold_claim_acts
from trucewatch.incidents.model import Mention

DOCUMENTS_PER_PARTITION = 2000


@dataclass(frozen=True)
class Partition:
    load: Callable[..., Iterable]
    args: tuple = ()

    def mentions(self) -> list[Mention]:
        return mentions_of(self.load(*self.args))


def mentions_of(part) -> list[Mention]:
    """The folded mentions of a partition: a Partition is loaded where it runs; records already on
    the cluster (a task's result: Mentions, Extractions or pairs of whole documents) are taken."""
    if isinstance(part, Partition):
        return part.mentions()
    return fold_claim_acts(mentions_from(part))


def from_items(items: Iterable, *, documents: int = DOCUMENTS_PER_PARTITION) -> list[Partition]:
    """Mentions, Extractions or (Document, Event) pairs held here, cut into partitions of whole
    documents that travel with their tasks."""
    by_document: dict[str, list[Mention]] = {}
    for mention in mentions_from(items):
        by_document.setdefault(mention.document.id, []).append(mention)
    groups = chunks(by_document.values(), documents)
    return [Partition(_given, ([m for group in chunk for m in group],)) for chunk in groups]


def from_store(url: str, shards: int) -> list[Partition]:
    """Each worker reads its own slice of the documents' id space from the database itself."""
    return [Partition(stored_events, (url, shard, shards)) for shard in range(shards)]


def worker_url(store) -> str | None:
    """The store's URL as a worker can open it (password kept, SQLite path made absolute); None
    for an in-memory database, which no other process can see."""
    url = store.engine.url
    if url.get_backend_name() == "sqlite":
        if url.database in (None, "", ":memory:"):
            return None
        url = url.set(database=os.path.abspath(url.database))
    return url.render_as_string(hide_password=False)


def stored_events(url: str, shard: int, shards: int) -> list:
    """The shard's events as people reviewed them (the client re-attached reviews beforehand)."""
    from trucewatch.review.overrides import reviewed_events
    from trucewatch.store import open_store

    with open_store(url) as store:
        return list(reviewed_events(store, shard=(shard, shards), reattach_first=False))


def _given(mentions: list[Mention]) -> list[Mention]:
    return mentions
