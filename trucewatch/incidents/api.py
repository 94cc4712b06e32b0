"""`fuse(store)` / `fuse(events)`: the one call that turns stored or given event mentions into incidents."""
from __future__ import annotations

from collections.abc import Iterable

from trucewatch.records import Document, Event, Extraction

from .claim_acts import fold_claim_acts
from .fusion import cluster_mentions
from .incident_set import IncidentSet, Operation
from .model import Mention


def mentions_from(source, *, all_events: bool = False) -> list[Mention]:
    """Mentions from a Store (anything with `.events()`), Extractions, or (Document, Event) pairs:
    each report's main and salient events (every event but background mentions with
    `all_events`; background mentions never feed incidents)."""
    if hasattr(source, "events") and callable(source.events):
        source = source.events()
    mentions: list[Mention] = []
    for item in source:
        if isinstance(item, Mention):
            mentions.append(item)
        elif isinstance(item, Extraction):
            mentions.extend(Mention(item.document, e) for e in item.events)
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], Document) \
                and isinstance(item[1], Event):
            mentions.append(Mention(item[0], item[1]))
        else:
            raise TypeError(f"cannot fuse a {type(item).__name__}: give (Document, Event) pairs, "
                            "Extractions, or a Store")
    return [m for m in mentions if m.event.reported(all_events)]


def fuse(source: Iterable | object, *, journal: list[Operation] | None = None,
         aliases: dict[str, str] | None = None, all_events: bool = False) -> IncidentSet:
    """Fuse event mentions into incidents, then replay any journal of manual merges and splits.

    Accusations and denials told as events first become claims on the act they speak of. Each
    report's main and salient events are fused (`all_events`: every event but background ones).
    """
    mentions = fold_claim_acts(mentions_from(source, all_events=all_events))
    return IncidentSet(cluster_mentions(mentions), journal=list(journal or []), aliases=dict(aliases or {}))
