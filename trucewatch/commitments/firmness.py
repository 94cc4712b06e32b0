"""How firm a pledge is: announced by the party itself, reported by others, alleged by another side.

It starts from the committing party's attribution grade on the statement — the same grading
incidents get (trucewatch/incidents/attribution.py): the party's own statement is Confirmed, a
denial Contested — and then asks who the reporting sources are, because a pledge that only the
party's opponent speaks of is weaker than one the party made in public. Grades and ranks are in
data/firmness.yaml.
"""
from __future__ import annotations

from functools import lru_cache

from trucewatch.datafiles import read_lexicon
from trucewatch.incidents.actors import actor_key, same_key
from trucewatch.records import Claimant

from .record import Firmness, Party


@lru_cache(maxsize=1)
def _data() -> dict:
    return read_lexicon("trucewatch.commitments", "data/firmness.yaml")


def grade_rank(grade: str) -> int:
    return int(_data()["grades"][grade]["rank"])


def grade_meaning(grade: str) -> str:
    return str(_data()["grades"][grade]["means"])


def grades() -> list[str]:
    return list(_data()["grades"])


def reporting_stances() -> frozenset[str]:
    return frozenset(_data()["reporting_stances"])


def reporter_kind(claimant: Claimant | None, party: Party) -> str:
    """Who a source is to the committing party: the party itself, another side, a third party,
    a source the report does not name, or (no claimant) the outlet speaking in its own words."""
    if claimant is None:
        return "the outlet"
    key = actor_key(claimant.name, claimant.country, claimant.sector, claimant.text)
    if key is None:
        return "unnamed"
    if same_key(key, party.key):
        return "the party"
    if claimant.sector in _data()["side_sectors"] or (len(key) == 3 and key.isupper()):
        return "another side"
    return "third party"


def firmness_of(attribution: str | None, reporters: list[str], independent_sources: int,
                reasons: list[str] | None = None) -> Firmness:
    """The firmness from the party's attribution grade (None: the party is unidentified) and the
    kinds of source that report the pledge (`reporter_kind` of each)."""
    reasons = list(reasons or [])
    grade = _data()["from_attribution"].get(attribution or "", "reported")
    if grade in ("reported", "announced") and "the party" in reporters:
        grade = "announced"
        reasons.append("the party itself is among the sources")
    elif grade == "reported" and reporters and all(r == "another side" for r in reporters):
        grade = "alleged"
        reasons.append("only another side reports it; the party itself has not said so")
    return Firmness(grade=grade, rank=grade_rank(grade), independent_sources=independent_sources,
                    reasons=reasons)
