"""A small multi-report scenario around the example Idlib truce, for report tests."""
from __future__ import annotations

from pathlib import Path

import pytest

import trucewatch.truce as truce_pkg
from trucewatch.incidents import fuse
from trucewatch.incidents.samples import GOV, IS, RUS, make_document, make_event
from trucewatch.truce import check, load_truce

MINISTRY = ("the defence ministry", "Syria", "SYR", "GOV")


def scenario_pairs():
    a = make_document("Government jets bombed the market in Maarrat Misrin on Monday, killing seven "
                      "people, rescuers said.", "Example Wire", "2016-03-07")
    b = make_document("Seven <people> died when an air raid hit Maarrat Misrin's market; the defence "
                      "ministry denied flying over the area.", "Valley Radio", "2016-03-08")
    c = make_document("Islamic State fighters clashed with a local militia east of Idlib.", "Example Wire", "2016-03-09")
    d = make_document("Russian jets bombed the outskirts of Aleppo on Tuesday.", "Daily Post", "2016-03-08")
    e = make_document("Government forces blocked a UN aid convoy at a checkpoint outside Idlib.", "Aid Monitor", "2016-03-10")
    f = make_document("Shelling hit Idlib in late February, residents said.", "Daily Post", "2016-02-26")
    return [
        (a, make_event(a, place="Maarrat Misrin", actors=[GOV], killed=(7, 7, None))),
        (b, make_event(b, place="Maarrat Misrin", day="2016-03-07", actors=[GOV], killed=(7, 7, 9),
                       claims=[MINISTRY + ("denies", "perpetrator", "SYR")])),
        (c, make_event(c, type="armed_clash", actors=[IS])),
        (d, make_event(d, place="Aleppo", day="2016-03-08", actors=[RUS])),
        (e, make_event(e, type="aid_blocked", actors=[GOV])),
        (f, make_event(f, type="shelling", day="2016-02-25", actors=[GOV])),
    ]


@pytest.fixture
def scenario():
    truce = load_truce(Path(truce_pkg.__file__).parent / "examples" / "example_truce.yaml")
    incidents = fuse(scenario_pairs())
    return truce, incidents, check(truce, incidents)
