"""A re-fusion races people's merges and splits: the server's background re-check fuses every
event (seconds on a large record) while an analyst merges two incidents. The re-check must not
save incidents fused from the journal as it was before the merge (that erased the merge), and a
merge is saved together with its audit rows or not at all."""
from __future__ import annotations

import threading

import pytest

from trucewatch.audit import Actor, history
from trucewatch.incidents import persist
from trucewatch.incidents.persist import load_journal
from trucewatch.incidents.stored import merge_stored, stored_incidents
from trucewatch.truce.run import run_check

from .conftest import EXAMPLE_TRUCE, first_extraction

AMAL = Actor(name="amal", via="web")


@pytest.fixture
def two_incidents(store, report):
    """The strike and the shelling of one report: two incidents, checked once."""
    store.add([report], [first_extraction(report)])
    run_check(EXAMPLE_TRUCE, store, actor=AMAL)
    ids = sorted(item["id"] for item in stored_incidents(store))
    assert len(ids) == 2
    return store, ids


def test_a_check_that_fused_before_a_merge_keeps_the_merge(two_incidents, monkeypatch):
    store, (a, b) = two_incidents
    real_fuse = persist.fuse
    merged_meanwhile = []

    def fuse_then_someone_merges(*args, **kwargs):
        fused = real_fuse(*args, **kwargs)
        if not merged_meanwhile:  # the analyst's merge lands while the check is still fusing
            merged_meanwhile.append(True)
            merge_stored(store, a, b, actor=AMAL, reason="one attack")
        return fused

    monkeypatch.setattr(persist, "fuse", fuse_then_someone_merges)
    run_check(EXAMPLE_TRUCE, store, actor=Actor(name="system", via="system"))
    ops, _ = load_journal(store)
    assert [(op.kind, op.undone) for op in ops] == [("merge", False)]
    assert len(stored_incidents(store)) == 1


def test_a_merge_is_saved_with_its_audit_rows_or_not_at_all(two_incidents, monkeypatch):
    store, (a, b) = two_incidents
    import trucewatch.audit.log as audit_log

    real_append = audit_log.append

    def failing_append(connection, actor, action, *args, **kwargs):
        if action == "merge":
            raise RuntimeError("the audit write failed")
        return real_append(connection, actor, action, *args, **kwargs)

    monkeypatch.setattr(audit_log, "append", failing_append)
    with pytest.raises(RuntimeError, match="audit write failed"):
        merge_stored(store, a, b, actor=AMAL)
    assert load_journal(store)[0] == []
    assert len(stored_incidents(store)) == 2
    assert not [entry for entry in history(store, "incident", a) if entry.action == "merge"]


def test_a_merge_checks_the_version_again_while_it_saves(two_incidents, monkeypatch):
    """The version is checked before the slow re-fusion and again in the saving transaction: a
    decision somebody made on the incident meanwhile stops the merge (409), nothing is saved."""
    from trucewatch.audit.versions import StaleEdit
    from trucewatch.review import journal, read, set_status

    store, (a, b) = two_incidents
    version = read(store, "incident", a).version
    real_fuse = persist.fuse
    decided = []

    def fuse_while_someone_decides(*args, **kwargs):
        fused = real_fuse(*args, **kwargs)
        if not decided:
            decided.append(set_status(store, "incident", a, "rejected", version=version,
                                      actor=Actor(name="basil", via="web")))
        return fused

    monkeypatch.setattr(persist, "fuse", fuse_while_someone_decides)
    with pytest.raises(StaleEdit, match="basil"):
        journal.merge(store, a, b, version=version, actor=AMAL, reason="one attack")
    assert load_journal(store)[0] == []
    assert len(stored_incidents(store)) == 2


def test_two_checks_at_once_both_finish_and_agree(two_incidents, monkeypatch):
    """The first check holds its saving transaction open until the second has begun its own (or
    3 s); both rewrite the same incident ids, so without a lock the second inserts duplicates."""
    store, _ = two_incidents
    real_insert, real_vanished = persist._insert_in_batches, persist._vanished_ids
    second_saving, calls = threading.Event(), {"second": 0}

    def vanished(conn, incident_set):
        if threading.current_thread().name == "second":
            calls["second"] += 1
            if calls["second"] == 2:  # the first call is in its fusion, the second opens its save
                second_saving.set()
        return real_vanished(conn, incident_set)

    def insert(conn, table, rows, *args, **kwargs):
        if threading.current_thread().name == "first" and table is persist.incidents:
            second_saving.wait(3)
        return real_insert(conn, table, rows, *args, **kwargs)

    monkeypatch.setattr(persist, "_vanished_ids", vanished)
    monkeypatch.setattr(persist, "_insert_in_batches", insert)
    failures = []

    def check():
        try:
            run_check(EXAMPLE_TRUCE, store, actor=Actor(name="system", via="system"))
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            failures.append(exc)

    first = threading.Thread(target=check, name="first")
    second = threading.Thread(target=check, name="second")
    first.start()
    second.start()
    for thread in (first, second):
        thread.join(timeout=120)
    assert failures == []
    assert len(stored_incidents(store)) == 2
