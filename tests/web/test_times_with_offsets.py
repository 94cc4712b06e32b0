"""A sync client may give `updated_since`, `/deleted?since=` and `/audit?since=` in its own time
zone: the same instant written with another UTC offset selects the same records. (SQLite, the
default database, compares stored times as text and dropped the offset: an hour ago written as
+05:00 selected nothing, and an hour ahead written as -05:00 selected everything.)"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from .conftest import make_client

ZONES = [timezone.utc, timezone(timedelta(hours=5)), timezone(timedelta(hours=-5))]


def _spelt(moment: datetime) -> list[str]:
    return [moment.astimezone(zone).isoformat() for zone in ZONES]


def test_the_same_instant_in_any_offset_selects_the_same_records(scenario):
    token = scenario.headers("admin")
    now = datetime.now(timezone.utc)
    with make_client(scenario.url) as client:
        one, other = [i["id"] for i in client.get("/api/v1/incidents", params={"limit": 2},
                                                   headers=token).json()["items"]]
        version = client.get("/api/v1/review", params={"kind": "incident", "id": one}, headers=token).json()["version"]
        merged = client.post(f"/api/v1/incidents/{one}/merge", json={"other": other, "version": version},
                             headers=token)
        assert merged.status_code == 200, merged.text  # leaves a tombstone for /deleted
        for resource in ("documents", "events", "incidents", "findings"):
            for moment, expect_all in ((now - timedelta(hours=1), True), (now + timedelta(hours=1), False)):
                totals = {client.get(f"/api/v1/{resource}", params={"updated_since": text, "limit": 1},
                                     headers=token).json()["total"] for text in _spelt(moment)}
                assert len(totals) == 1, (resource, moment, totals)
                assert (totals.pop() > 0) is expect_all, (resource, moment)
        for moment, expect_any in ((now - timedelta(hours=1), True), (now + timedelta(hours=1), False)):
            gone = [len(client.get("/api/v1/deleted", params={"since": text}, headers=token).json()["items"])
                    for text in _spelt(moment)]
            audit = [len(client.get("/api/v1/audit", params={"since": text}, headers=token).text.splitlines())
                     for text in _spelt(moment)]
            assert len(set(gone)) == 1 and (gone[0] > 0) is expect_any, gone
            assert len(set(audit)) == 1 and (audit[0] > 0) is expect_any, audit
