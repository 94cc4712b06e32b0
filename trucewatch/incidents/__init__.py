"""Incidents: events from many reports fused into one record per real-world act, with sources
counted once per independent origin, attribution grades per party, and casualty ranges.
Parties are resolved actors only (one key each: ISO3 for states, else the dictionary name);
accusations and denials that extraction emits as events become claims on the act they speak of.

Main calls: `fuse(store_or_events) -> IncidentSet`; `IncidentSet.resolve/merge/split/undo`;
`save_incidents(engine, incident_set)` / `load_journal(engine)` in `trucewatch.incidents.persist`;
over a database, `find_incident`, `merge_stored`, `split_stored`, `undo_stored` in
`trucewatch.incidents.stored` (the `trucewatch incidents` commands).
"""
from .api import fuse, mentions_from
from .incident_set import IncidentSet, Operation
from .model import CasualtyRange, Incident, Mention, PartyGrade

__all__ = ["fuse", "mentions_from", "IncidentSet", "Operation", "Incident", "Mention", "PartyGrade",
           "CasualtyRange"]
