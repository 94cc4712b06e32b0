"""CAMEO and PLOVER codes for resolved actors."""
from __future__ import annotations

import pytest

from trucewatch.actors import cameo_code, plover_actor, resolve_actor
from trucewatch.records import ActorRef


@pytest.mark.parametrize("text, on, implied, code", [
    ("Russian warplanes", None, None, "RUSMIL"),
    ("the Syrian government", None, None, "SYRGOV"),
    ("Washington", None, None, "USAGOV"),
    ("the United Nations", None, None, "IGOUNO"),
    ("the Security Council", None, None, "IGOUNO"),
    ("WFP", None, None, "IGOUNOWFP"),
    ("NATO", None, None, "IGOWSTNAT"),
    ("the European Union", None, None, "IGOEUREEC"),
    ("rebels", None, None, "---REB"),
    ("opposition fighters", None, "SYR", "---REB"),
    ("Hamas", None, None, "PSEREBHMS"),
    ("police", None, None, "---COP"),
    ("a field hospital", None, None, "---HLH"),  # CAMEO's health code
    ("journalists", None, None, "---MED"),  # CAMEO's media code
    ("Lavrov", "2016-03-01", None, "RUSGOV"),
    ("Ban Ki-moon", "2016-03-01", None, "IGOUNO"),  # through his role's organisation
])
def test_cameo_codes(text, on, implied, code):
    assert cameo_code(resolve_actor(text, on, implied_country=implied)) == code


def test_cameo_for_an_unresolved_reference():
    assert cameo_code(ActorRef(text="someone")) == "---"


@pytest.mark.parametrize("text, expected", [
    ("Russian warplanes", {"code": "RUS", "sector": "MIL"}),
    ("the United Nations", {"code": "IGO", "sector": None}),
    ("Human Rights Watch", {"code": "NGO", "sector": None}),
    ("the ICRC", {"code": "NGO", "sector": "AID"}),
    ("activists", {"code": None, "sector": "CVL"}),
])
def test_plover_codes(text, expected):
    assert plover_actor(resolve_actor(text)) == expected
