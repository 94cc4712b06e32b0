"""Manual merge / split / undo, the alias table, and ids that survive them."""
from __future__ import annotations

import pytest

from trucewatch.errors import InputError
from trucewatch.incidents import fuse
from trucewatch.incidents.samples import GOV, make_document, make_event


@pytest.fixture
def two_incidents():
    a = make_document("Jets bombed Idlib at dawn on Monday.", "A", "2016-03-07")
    b = make_document("Jets bombed Aleppo at dusk on Monday.", "B", "2016-03-08")
    c = make_document("Aleppo was bombed by jets on Monday evening, residents said.", "C", "2016-03-08")
    return [(a, make_event(a, place="Idlib", actors=[GOV])),
            (b, make_event(b, place="Aleppo", day="2016-03-07", actors=[GOV])),
            (c, make_event(c, place="Aleppo", day="2016-03-07", actors=[GOV]))]


def test_merge_keeps_alias_and_undo_restores(two_incidents):
    incidents = fuse(two_incidents)
    first, second = sorted(incidents, key=lambda i: i.start.isoformat() + i.mentions[0].document.source)
    op = incidents.merge(first.id, second.id)
    assert len(incidents) == 1
    merged = next(iter(incidents))
    assert incidents.resolve(first.id) is merged and incidents.resolve(second.id) is merged
    assert merged.manual and len(merged.mentions) == 3
    incidents.undo(op)
    assert len(incidents) == 2
    assert {i.id for i in incidents} == {first.id, second.id}


def test_split_moves_events_and_undo_restores(two_incidents):
    incidents = fuse(two_incidents)
    aleppo = next(i for i in incidents if len(i.mentions) == 2)
    moved = aleppo.mentions[1].event.id
    op = incidents.split(aleppo.id, [moved])
    assert len(incidents) == 3
    assert incidents.resolve(aleppo.id).event_ids == [aleppo.mentions[0].event.id]
    assert incidents.incident_of_event(moved).id != aleppo.id
    incidents.undo(op)
    assert len(incidents) == 2 and len(incidents.resolve(aleppo.id).mentions) == 2


def test_journal_replays_on_a_fresh_fusion(two_incidents):
    incidents = fuse(two_incidents)
    ids = sorted(i.id for i in incidents)
    incidents.merge(ids[0], ids[1])
    again = fuse(two_incidents, journal=incidents.journal, aliases=incidents.aliases)
    assert len(again) == 1 and again.resolve(ids[0]) is again.resolve(ids[1])


def test_unknown_ids_are_input_errors(two_incidents):
    incidents = fuse(two_incidents)
    with pytest.raises(InputError, match="no incident"):
        incidents.resolve("inc-nothere")
    with pytest.raises(InputError, match="no operation"):
        incidents.undo("nope")
    only = next(i for i in incidents if len(i.mentions) == 1)
    with pytest.raises(InputError, match="at least one event"):
        incidents.split(only.id, only.event_ids)
    with pytest.raises(InputError, match="same incident"):
        incidents.merge(only.id, only.id)
