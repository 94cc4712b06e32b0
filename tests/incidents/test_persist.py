"""Incidents, aliases, journal and findings survive a round trip through a database."""
from __future__ import annotations

import sqlalchemy as sa

from trucewatch.incidents import fuse
from trucewatch.incidents.persist import load_findings, load_incidents, load_journal, save_findings, save_incidents
from trucewatch.incidents.samples import GOV, make_document, make_event


def _pairs():
    a = make_document("Jets bombed Idlib at dawn on Monday.", "A", "2016-03-07")
    b = make_document("Jets bombed Aleppo at dusk on Monday.", "B", "2016-03-07")
    return [(a, make_event(a, place="Idlib", actors=[GOV])), (b, make_event(b, place="Aleppo", actors=[GOV]))]


def test_round_trip_with_journal_and_aliases(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'tw.db'}")
    incidents = fuse(_pairs())
    ids = sorted(i.id for i in incidents)
    incidents.merge(ids[0], ids[1])
    assert save_incidents(engine, incidents) == 1
    ops, aliases = load_journal(engine)
    assert [op.kind for op in ops] == ["merge"] and set(aliases) & set(ids)
    again = fuse(_pairs(), journal=ops, aliases=aliases)
    assert len(again) == 1
    stored = load_incidents(engine)
    assert stored[0]["id"] == next(iter(again)).id and len(stored[0]["event_ids"]) == 2


def test_vanished_ids_become_aliases_on_refusion(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'tw.db'}")
    pairs = _pairs()
    first = fuse(pairs)
    save_incidents(engine, first)
    late = make_document("Residents said jets bombed Idlib at dawn that Monday.", "C", "2016-03-06")
    pairs.append((late, make_event(late, place="Idlib", day="2016-03-07", actors=[GOV])))
    second = fuse(pairs)
    save_incidents(engine, second)
    _, aliases = load_journal(engine)
    old_idlib = next(i.id for i in first if i.location.name == "Idlib")
    new_idlib = next(i.id for i in second if i.location.name == "Idlib")
    assert old_idlib != new_idlib and aliases[old_idlib] == new_idlib
    refused = fuse(pairs, aliases=aliases)
    assert refused.resolve(old_idlib).id == new_idlib


def test_findings_round_trip(tmp_path):
    from trucewatch.truce.findings import Finding
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'tw.db'}")
    save_findings(engine, "T", [Finding(incident="inc-1", verdict="possible violation", trace=["x"])])
    save_findings(engine, "T", [Finding(incident="inc-2", verdict="violation", trace=["y"])])
    assert [f["incident"] for f in load_findings(engine, "T")] == ["inc-2"]
