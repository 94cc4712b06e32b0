"""`trucewatch watch` against real loopback servers: feeds in, one webhook POST per new violation
or probable violation, nothing repeated after the watcher is killed (SIGKILL) and started again;
a webhook that fails or hangs is retried with growing waits and never holds up ingest."""
from __future__ import annotations

import sqlalchemy as sa

from trucewatch.monitor.outbox import ANNOUNCED
from trucewatch.review.tables import alerts
from trucewatch.store import open_store
from trucewatch.store.schema import documents

from .conftest import DEMO_TRUCE, Watch


def _setup(tmp_path, feeds) -> tuple[str, str]:
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# two outlets\n{feeds.base}/a.xml\n{feeds.base}/b.xml  # the second\n", encoding="utf-8")
    return str(listing), f"sqlite:///{tmp_path / 'watch.db'}"


def _args(listing: str, db: str, webhook: str, *extra: str) -> list[str]:
    return [listing, "--truce", str(DEMO_TRUCE), "--every", "1s", "--webhook", webhook, "--allow-private",
            "--delay", "0", "--db", db, *extra]


def _announced(db: str) -> set[tuple[str, str]]:
    """(incident, verdict) of every finding the truce's check says must be announced."""
    from trucewatch.incidents.tables import findings

    with open_store(db) as store, store.engine.connect() as connection:
        return {(row.incident_id, row.verdict) for row in connection.execute(
            sa.select(findings.c.incident_id, findings.c.verdict).where(findings.c.verdict.in_(ANNOUNCED)))}


def _count(db: str, table) -> int:
    with open_store(db) as store, store.engine.connect() as connection:
        return connection.scalar(sa.select(sa.func.count()).select_from(table))


def test_one_post_per_violation_and_none_repeated_after_sigkill(tmp_path, feeds, receiver):
    listing, db = _setup(tmp_path, feeds)
    watch = Watch(*_args(listing, db, receiver.url))
    try:
        watch.wait_for(lambda: watch.cycles() >= 1 and len(receiver.delivered()) >= 2, what="the first alerts")
        expected = _announced(db)
        watch.wait_for(lambda: len(receiver.delivered()) >= len(expected), what="every alert")
        first = receiver.delivered()
        assert len(expected) >= 2  # the strike two outlets saw (probable), the claimed shelling (violation)
        assert sorted((p["incident"], p["verdict"]) for p in first) == sorted(expected)  # one POST each
        assert {p["verdict"] for p in first} <= set(ANNOUNCED) and all(p["change"] == "new" for p in first)
        assert len({p["id"] for p in first}) == len(first)
        watch.kill()
        assert watch.process.returncode == -9

        again = Watch(*_args(listing, db, receiver.url))
        try:
            again.wait_for(lambda: again.cycles() >= 2, what="two polls after the restart")
            assert len(receiver.posts) == len(first)  # the restart repeated nothing
            feeds.add("b2")  # a new report: the barracks shelling the FSA claims
            again.wait_for(lambda: len(receiver.delivered()) > len(first), what="the new violation's alert")
            again.wait_for(lambda: again.cycles() >= 4, what="two more polls")
            [new] = receiver.delivered()[len(first):]
            assert new["verdict"] == "violation" and new["change"] == "new" and new["start"] == "2016-03-23"
            assert len(receiver.posts) == len(first) + 1 == _count(db, alerts)
        finally:
            again.stop()
    finally:
        watch.stop()


def test_a_failing_then_hanging_webhook_is_retried_with_backoff_and_never_blocks_ingest(tmp_path, feeds, receiver):
    listing, db = _setup(tmp_path, feeds)
    receiver.fail_first, receiver.hang_first = 4, 6.0  # the first POST hangs 6 s, then 503; three more 503s
    watch = Watch(*_args(listing, db, receiver.url, "--backoff", "0.4s"))
    try:
        watch.wait_for(lambda: len(receiver.posts) >= 1, what="the first POST")
        feeds.add("b2")  # while the webhook hangs, a new report arrives: it is ingested all the same
        watch.wait_for(lambda: _count(db, documents) == 4 and _count(db, alerts) == 3, timeout=60,
                       what="the new report stored and announced while the webhook hangs")
        assert len(receiver.delivered()) == 0
        watch.wait_for(lambda: len(receiver.delivered()) == 3, timeout=90, what="every alert, after the retries")
        delivered = receiver.delivered()
        assert sorted(p["id"] for p in delivered) == sorted({p["id"] for p in delivered})  # once each
        retried = max({p["id"] for p in delivered}, key=lambda alert: len(receiver.attempts(alert)))
        tries = receiver.attempts(retried)
        statuses = [status for _, status, _ in tries]
        assert statuses[-1] == 200 and len(statuses) >= 3 and set(statuses[:-1]) == {503}
        waits = [following[0] - earlier[2] for earlier, following in zip(tries, tries[1:])]  # answer -> next try
        assert all(wait >= 0.4 * 2 ** n * 0.9 for n, wait in enumerate(waits)), waits  # 0.4 s, doubling
        assert all(later > earlier for earlier, later in zip(waits, waits[1:])), waits
        watch.wait_for(lambda: watch.cycles() >= 3, what="polls going on")
        assert len(receiver.delivered()) == 3
    finally:
        watch.stop()
