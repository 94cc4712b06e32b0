"""The `actor` filter: what a user types ("Syria", "SYR", "FSA") as the party keys incidents use."""
from __future__ import annotations

import sqlalchemy as sa

from trucewatch.incidents.actors import STATE_SECTORS, value_key


def party_keys(values: tuple[str, ...]) -> list[str]:
    """Keys for the typed names: ISO3 for states, dictionary names for the rest; as typed otherwise."""
    from trucewatch.truce.terms import actor_name

    keys = []
    for value in values:
        key = value_key(value)
        if key is None:
            try:
                key = actor_name(value)
            except Exception:  # noqa: BLE001 - the dictionary is a help here, not a requirement
                key = None
        for candidate in (key, value):
            if candidate and candidate not in keys:
                keys.append(candidate)
    return keys


def incident_party_condition(incident_id, actors: tuple[str, ...], grades: tuple[str, ...]):
    """Incidents with a party that is one of `actors` (when given) graded one of `grades` (when given)."""
    from trucewatch.incidents.tables import incident_parties as parties

    conditions = [parties.c.incident_id == incident_id]
    if actors:
        keys = party_keys(actors)
        conditions.append(sa.or_(parties.c.party.in_(keys),
                                 sa.func.lower(parties.c.name).in_([k.lower() for k in keys])))
    if grades:
        conditions.append(parties.c.grade.in_(grades))
    return sa.exists(sa.select(parties.c.party).where(*conditions))


def event_actor_condition(event_id, actors: tuple[str, ...]):
    """Events one of whose actors (initiators) is one of `actors`, keyed as incidents key parties."""
    from trucewatch.store.schema import actors as table

    keys = party_keys(actors)
    states = [k for k in keys if len(k) == 3 and k.isalpha() and k.isupper()]
    names = [k.lower() for k in keys]
    matches = [sa.func.lower(table.c.name).in_(names)]
    if states:
        matches.append(sa.and_(table.c.country.in_(states),
                               sa.or_(table.c.sector.in_(sorted(STATE_SECTORS)), table.c.sector.is_(None),
                                      table.c.sector == "UNK")))
    return sa.exists(sa.select(table.c.id).where(table.c.event_id == event_id, table.c.side == "actor",
                                                 sa.or_(*matches)))
