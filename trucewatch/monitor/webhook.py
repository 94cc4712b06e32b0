"""Delivering alerts to a webhook: a JSON POST per alert, from the outbox, in its own thread.

A webhook that is down or slow never holds up ingest or checks: delivery runs beside them and
only reads and updates `alerts` rows. A failed POST (no answer, a timeout, any status but 2xx)
is tried again after `backoff` seconds, doubling each time up to `max_backoff`. A row is leased
before its POST (its next attempt moved past the request's timeout), so two deliverers never send
the same alert at once; once the receiver answers 2xx the row is marked delivered and never sent
again, whatever restarts. Each POST carries the alert's id (`Idempotency-Key` header and `id`
field), so a receiver can drop the one repeat a crash between its answer and our record can cause.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from trucewatch import __version__
from trucewatch.background import Loop
from trucewatch.review.tables import alerts

log = logging.getLogger("trucewatch.webhook")
USER_AGENT = f"TruceWatch/{__version__} (alerts)"


def _now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Delivery:
    """What one round did: alerts delivered, and attempts that failed (to be retried)."""

    delivered: int = 0
    failed: int = 0


class Deliverer(Loop):
    """Posts due alerts to `url`; `deliver_due()` once, or `start()` a thread that keeps at it."""

    name = "trucewatch-webhook"

    def __init__(self, store, url: str, *, timeout: float = 10.0, backoff: float = 30.0,
                 max_backoff: float = 3600.0, poll: float = 5.0):
        import httpx

        super().__init__()
        self.store, self.url, self.timeout = store, url, timeout
        self.backoff, self.max_backoff, self.poll = backoff, max_backoff, poll
        self._client = httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False,
                                    headers={"User-Agent": USER_AGENT, "Content-Type": "application/json"})

    def delay(self, attempts: int) -> float:
        """Seconds before the next try after `attempts` failed ones."""
        return min(self.backoff * 2 ** max(attempts - 1, 0), self.max_backoff)

    def _due(self, at: datetime, limit: int = 20) -> list:
        query = (sa.select(alerts).where(alerts.c.delivered_at.is_(None), alerts.c.next_attempt_at <= at)
                 .order_by(alerts.c.id).limit(limit))
        with self.store.engine.connect() as connection:
            return list(connection.execute(query))

    def _lease(self, row, at: datetime) -> bool:
        lease = at + timedelta(seconds=self.timeout + 5)
        with self.store.transaction() as connection:
            return connection.execute(alerts.update().where(
                alerts.c.id == row.id, alerts.c.delivered_at.is_(None), alerts.c.next_attempt_at <= at).values(
                next_attempt_at=lease)).rowcount == 1

    def _post(self, row) -> str | None:
        """None when the receiver took it, else why not."""
        import httpx

        body = {"id": row.id, "kind": "trucewatch.alert", **(row.payload or {}),
                "announced_at": row.created_at.isoformat() if row.created_at else None}
        try:
            answer = self._client.post(self.url, content=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                                       headers={"Idempotency-Key": f"trucewatch-alert-{row.id}"})
        except httpx.TimeoutException:
            return f"no answer within {self.timeout:g} s"
        except httpx.HTTPError as exc:
            return f"could not connect ({exc.__class__.__name__}: {exc})"
        if 200 <= answer.status_code < 300:
            return None
        return f"the webhook answered {answer.status_code}"

    def deliver_due(self) -> Delivery:
        done = Delivery()
        for row in self._due(_now()):
            if self.stopping:
                break
            if not self._lease(row, _now()):
                continue  # another deliverer has it
            problem = self._post(row)
            with self.store.transaction() as connection:
                if problem is None:
                    connection.execute(alerts.update().where(alerts.c.id == row.id).values(
                        delivered_at=_now(), attempts=row.attempts + 1, last_error=None))
                    done.delivered += 1
                else:
                    attempts = row.attempts + 1
                    connection.execute(alerts.update().where(alerts.c.id == row.id).values(
                        attempts=attempts, last_error=problem[:1000],
                        next_attempt_at=_now() + timedelta(seconds=self.delay(attempts))))
                    done.failed += 1
                    log.warning("webhook %s: alert %s not delivered (%s); retrying in %.0f s",
                                self.url, row.id, problem, self.delay(attempts))
        return done

    def step(self) -> float:
        self.deliver_due()
        return self._next_due()

    def stop(self, timeout: float = 15.0) -> None:
        super().stop(timeout)
        self._client.close()

    def _next_due(self) -> float:
        """Seconds until the next undelivered alert is due (at most `poll`)."""
        with self.store.engine.connect() as connection:
            due = connection.scalar(sa.select(sa.func.min(alerts.c.next_attempt_at)).where(alerts.c.delivered_at.is_(None)))
        if due is None:
            return self.poll
        due = due if due.tzinfo else due.replace(tzinfo=timezone.utc)
        return min(self.poll, max(0.0, (due - _now()).total_seconds()))
