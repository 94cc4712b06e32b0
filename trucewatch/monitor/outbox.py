"""Announcing violations once: the outbox of alerts.

After each check, every finding whose verdict is announced (violation, probable violation) gets
one row in `alerts`, keyed by truce, incident and verdict, inserted only if missing: a restart, a
second process or a re-check that changes nothing adds nothing. An incident already announced
under another verdict is announced again as "changed" (a probable violation that becomes a
violation). An incident that a re-fusion renamed (an earlier report now leads it; a merge) is
known by its old ids through the alias table, so it is not announced twice under two names.
The webhook is fed from these rows (webhook.py); the dashboard lists them.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone

import sqlalchemy as sa

from trucewatch.audit.versions import as_utc
from trucewatch.incidents.tables import findings, incident_aliases
from trucewatch.review.sql import insert_missing
from trucewatch.review.tables import alerts

ANNOUNCED = ("violation", "probable violation")


@dataclass(frozen=True)
class Alert:
    id: int
    truce: str
    incident: str
    verdict: str
    change: str
    previous_verdict: str | None
    payload: dict
    created_at: datetime
    delivered_at: datetime | None
    attempts: int
    last_error: str | None

    def as_dict(self) -> dict:
        return {"id": self.id, "truce": self.truce, "incident": self.incident, "verdict": self.verdict,
                "change": self.change, "previous_verdict": self.previous_verdict, "payload": self.payload,
                "created_at": self.created_at.isoformat(),
                "delivered_at": self.delivered_at.isoformat() if self.delivered_at else None,
                "attempts": self.attempts, "last_error": self.last_error}


def _alert(row) -> Alert:
    return Alert(row.id, row.truce, row.incident_id, row.verdict, row.change, row.previous_verdict, row.payload,
                 as_utc(row.created_at), as_utc(row.delivered_at), row.attempts, row.last_error)


def _names(connection: sa.Connection) -> dict[str, set[str]]:
    """incident id -> every id it went by (itself and the aliases that lead to it)."""
    aliases = dict(connection.execute(sa.select(incident_aliases.c.alias, incident_aliases.c.incident_id)).all())
    names: dict[str, set[str]] = defaultdict(set)
    for alias in aliases:
        target, seen = alias, set()
        while target in aliases and target not in seen:
            seen.add(target)
            target = aliases[target]
        names[target].add(alias)
    return names


def payload_of(truce: str, incident_id: str, verdict: str, change: str, previous: str | None, data: dict) -> dict:
    """What the webhook receives: enough to act on without another request."""
    return {"truce": truce, "incident": incident_id, "verdict": verdict, "change": change,
            "previous_verdict": previous, "start": data.get("start"), "end": data.get("end"),
            "type": data.get("type"), "place": data.get("place"), "rule": data.get("rule"),
            "attribution": data.get("attribution"), "provisions": data.get("provisions") or [],
            "parties": [{"party": p.get("party"), "grade": p.get("grade"), "standing": p.get("standing")}
                        for p in data.get("parties") or []],
            "why": (data.get("trace") or [""])[-1], "path": f"/incidents/{incident_id}"}


def announce(store, truce: str, *, at: datetime | None = None) -> list[Alert]:
    """Alerts for the truce's stored findings not announced yet; returns the new ones."""
    at = at or datetime.now(timezone.utc)
    created = []
    with store.transaction() as connection:
        current = list(connection.execute(sa.select(findings.c.incident_id, findings.c.verdict, findings.c.data)
                                          .where(findings.c.truce == truce, findings.c.verdict.in_(ANNOUNCED))
                                          .order_by(findings.c.incident_id)))
        if not current:
            return []
        names = _names(connection)
        told: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for row in connection.execute(sa.select(alerts.c.id, alerts.c.incident_id, alerts.c.verdict)
                                      .where(alerts.c.truce == truce).order_by(alerts.c.id)):
            told[row.incident_id].append((row.id, row.verdict))
        for row in current:
            known = sorted(told_of for name in {row.incident_id, *names.get(row.incident_id, ())}
                           for told_of in told.get(name, []))
            if any(verdict == row.verdict for _, verdict in known):
                continue
            previous = known[-1][1] if known else None
            change = "changed" if known else "new"
            data = row.data if isinstance(row.data, dict) else {}
            values = {"truce": truce, "incident_id": row.incident_id, "verdict": row.verdict, "change": change,
                      "previous_verdict": previous, "created_at": at, "delivered_at": None, "attempts": 0,
                      "next_attempt_at": at, "last_error": None,
                      "payload": payload_of(truce, row.incident_id, row.verdict, change, previous, data)}
            if insert_missing(connection, alerts, values):
                found = connection.execute(sa.select(alerts).where(
                    alerts.c.truce == truce, alerts.c.incident_id == row.incident_id,
                    alerts.c.verdict == row.verdict)).first()
                created.append(_alert(found))
    return created


def recent_alerts(store, *, limit: int = 50, since: datetime | None = None) -> list[Alert]:
    query = sa.select(alerts).order_by(alerts.c.id.desc()).limit(limit)
    if since is not None:
        query = query.where(alerts.c.created_at >= since)
    with store.engine.connect() as connection:
        return [_alert(row) for row in connection.execute(query)]


def count_alerts(store, *, since: datetime) -> int:
    with store.engine.connect() as connection:
        return connection.scalar(sa.select(sa.func.count()).select_from(alerts).where(alerts.c.created_at >= since))
