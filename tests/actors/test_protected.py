"""Protected targets are flagged with their sector."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, sector", [
    ("a field hospital", "MED"), ("the hospital", "MED"), ("two clinics", "MED"),
    ("medical staff", "MED"), ("an ambulance", "MED"), ("paramedics", "MED"),
    ("an aid convoy", "AID"), ("aid workers", "AID"), ("humanitarian workers", "AID"),
    ("a school", "CVL"), ("students", "CVL"), ("the market", "CVL"), ("a bakery", "CVL"),
    ("bakeries", "CVL"), ("a mosque", "CVL"), ("civilians", "CVL"), ("children", "CVL"),
    ("women and children", "CVL"), ("journalists", "JRN"),
    ("a camp for displaced people", "REF"), ("an IDP camp", "REF"), ("refugees", "REF"),
])
def test_protected_terms(resolve, text, sector):
    name, country, got, protected = resolve(text)
    assert (got, protected) == (sector, True)


@pytest.mark.parametrize("text", ["rebels", "regime forces", "Russian warplanes", "activists",
                                  "a military convoy", "officials", "Hezbollah"])
def test_combatants_and_officials_are_not_protected(resolve, text):
    assert resolve(text)[3] is None


def test_owner_does_not_remove_protection(resolve):
    assert resolve("a Syrian field hospital") == ("Syria", "SYR", "MED", True)
    assert resolve("MSF doctors") == ("Doctors Without Borders", None, "MED", True)


def test_is_protected_public_function():
    from trucewatch.actors import is_protected

    assert is_protected("a field hospital") is True
    assert is_protected("the Red Crescent") is True
    assert is_protected("government troops") is False
    assert is_protected("nothing known here") is False


@pytest.mark.parametrize("text, sector", [
    ("a military camp", "MIL"), ("a training camp", "MIL"), ("an arms depot", "MIL"),
    ("a rebel convoy", "REB"), ("an army convoy", "MIL"),
])
def test_military_objects_are_not_protected_even_with_protected_words(resolve, text, sector):
    name, country, got, protected = resolve(text)
    assert (got, protected) == (sector, None)


def test_civilian_transport_is_protected(resolve):
    assert resolve("a passenger plane")[2:] == ("CVL", True)
    assert resolve("a military hospital")[2:] == ("MED", True)  # medical units stay protected
