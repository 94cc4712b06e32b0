"""Civilians and people as victims are protected targets, counted or not (issue 3, item 2).

All reports are invented for these tests.
"""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("victims", ["nine people", "twenty-three people", "at least a dozen people",
                                     "two women", "several residents"])
def test_people_killed_are_protected(run, victims):
    events = run(f"Gunmen attacked the village on Sunday, killing {victims}.")
    targets = [t for e in events for t in e.targets if t.text.endswith(victims.split()[-1])]
    assert targets, [(e.type, [t.text for t in e.targets]) for e in events]
    assert all(t.protected for t in targets)


def test_soldiers_are_not_protected(run):
    events = run("Rebels attacked the base on Sunday, killing four soldiers.")
    soldiers = [t for e in events for t in e.targets if "soldiers" in t.text]
    assert soldiers and not any(t.protected for t in soldiers)
