"""Keeping people's decisions on incidents and findings through re-fusion and re-checks.

A re-fusion can give an incident a new id (a newer, earlier report now leads it; a merge or a
split): its old id becomes an alias of the new one. The review status and assignee go with it
(`carry_forward`), unless the new incident has a status of its own. A re-check that changes a
finding's verdict sends a finding people had confirmed or published back to `in_review`
(`reopen_changed`): a published verdict never changes silently.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from trucewatch.audit.log import SYSTEM, append
from trucewatch.audit.tables import record_versions
from trucewatch.audit.versions import initial_status

REOPEN_FROM = ("confirmed", "published")
REOPEN_TO = "in_review"


def _reviewed(connection: sa.Connection, kind: str, keys: list[str]) -> dict:
    """key -> row of those records with a status or an assignee somebody set."""
    found = {}
    for start in range(0, len(keys), 500):
        query = sa.select(record_versions).where(
            record_versions.c.kind == kind, record_versions.c.key.in_(keys[start:start + 500]),
            sa.or_(record_versions.c.review_status != initial_status(), record_versions.c.assignee.is_not(None)))
        found.update({row.key: row for row in connection.execute(query)})
    return found


def carry_forward(connection: sa.Connection, kind: str, replaced_by: dict[str, str], at: datetime) -> int:
    """Copy status and assignee from records replaced (old key -> new key) to untouched new ones."""
    if not replaced_by:
        return 0
    old = _reviewed(connection, kind, list(replaced_by))
    if not old:
        return 0
    targets = sorted({replaced_by[key] for key in old})
    already = _reviewed(connection, kind, targets)
    carried = 0
    for key, row in sorted(old.items()):
        new = replaced_by[key]
        if new in already or new == key:
            continue
        connection.execute(record_versions.update().where(
            record_versions.c.kind == kind, record_versions.c.key == new, record_versions.c.deleted_at.is_(None)).values(
            review_status=row.review_status, assignee=row.assignee))
        append(connection, SYSTEM, "carry", kind, new, before={"from": key},
               after={"status": row.review_status, "assignee": row.assignee},
               reason=f"{key} was merged, split or renamed into {new}; its review goes with it")
        already[new] = row
        carried += 1
    return carried


def carry_findings(connection: sa.Connection, truce: str, previous: set[str], present: set[str],
                   at: datetime) -> dict[str, str]:
    """Findings of incidents that now go by another id keep their review (through the aliases);
    returns old incident id -> new incident id for those findings."""
    from trucewatch.incidents.persist import finding_key
    from trucewatch.incidents.tables import incident_aliases

    gone = {key.rpartition("|")[2] for key in previous - present}
    if not gone:
        return {}
    aliases = dict(connection.execute(sa.select(incident_aliases.c.alias, incident_aliases.c.incident_id)).all())
    replaced = {}
    for incident_id in gone:
        target, seen = aliases.get(incident_id), set()
        while target in aliases and target not in seen and finding_key(truce, target) not in present:
            seen.add(target)
            target = aliases[target]
        if target and finding_key(truce, target) in present:
            replaced[finding_key(truce, incident_id)] = finding_key(truce, target)
    carry_forward(connection, "finding", replaced, at)
    return {old.rpartition("|")[2]: new.rpartition("|")[2] for old, new in replaced.items()}


def reopen_changed(connection: sa.Connection, truce: str, old_verdicts: dict[str, str],
                   new_verdicts: dict[str, str], at: datetime) -> list[str]:
    """Confirmed or published findings whose verdict a re-check changed go back to review."""
    from trucewatch.incidents.persist import finding_key

    changed = {finding_key(truce, i): (old_verdicts[i], v) for i, v in new_verdicts.items()
               if i in old_verdicts and old_verdicts[i] != v}
    if not changed:
        return []
    rows = _reviewed(connection, "finding", list(changed))
    reopened = []
    for key, row in sorted(rows.items()):
        if row.review_status not in REOPEN_FROM:
            continue
        old, new = changed[key]
        connection.execute(record_versions.update().where(
            record_versions.c.kind == "finding", record_versions.c.key == key).values(
            review_status=REOPEN_TO, version=record_versions.c.version + 1, changed_at=at, changed_by=SYSTEM.name))
        append(connection, SYSTEM, "reopen", "finding", key, version=row.version + 1,
               before={"status": row.review_status, "verdict": old}, after={"status": REOPEN_TO, "verdict": new},
               reason="a re-check changed the verdict people had confirmed or published")
        reopened.append(key)
    return reopened
