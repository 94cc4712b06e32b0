"""Accusations and denials told as events become claims on the act they speak of.

"The Free Syrian Army accused Syrian warplanes of the raid" is a claim about the raid, not a second
incident. Which types are claims, and what they become, is data (data/claim_acts.yaml).
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from importlib import resources

import yaml

from trucewatch.records import Claim, Claimant, Event

from .actors import actor_key
from .families import ontology_family_of
from .model import Mention

REAL = {"occurred", "ongoing"}


@lru_cache(maxsize=1)
def claim_act_table() -> dict:
    text = resources.files("trucewatch.incidents").joinpath("data/claim_acts.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def is_claim_act(act_type: str) -> bool:
    return act_type in claim_act_table()["claim_acts"]


def _position(event: Event) -> int:
    return min((s.start for s in event.evidence), default=0)


@lru_cache(maxsize=1)
def _spoken_of_families() -> frozenset[str]:
    """Read once, not once per mention."""
    return frozenset(claim_act_table()["spoken_of_families"])


def _spoken_of(event: Event) -> bool:
    return (event.status in REAL and not is_claim_act(event.type)
            and ontology_family_of(event.type) in _spoken_of_families())


def _host(speech: Mention, candidates: list[Mention]) -> Mention | None:
    """The act the claim speaks of: the nearest one before it in the text, else the nearest after."""
    at = _position(speech.event)
    before = [m for m in candidates if _position(m.event) <= at]
    if before:
        return max(before, key=lambda m: _position(m.event))
    after = [m for m in candidates if _position(m.event) > at]
    return min(after, key=lambda m: _position(m.event)) if after else None


def _span(event: Event) -> tuple[str, int, int] | None:
    if event.evidence:
        s = event.evidence[0]
        return s.text, s.start, s.end
    if event.claims:
        c = event.claims[0]
        return c.text, c.start, c.end
    return None


def claims_of(event: Event) -> list[Claim]:
    """The claims a claim-act event makes, as the record contract's Claim objects."""
    rule = claim_act_table()["claim_acts"][event.type]
    span = _span(event)
    if span is None:
        return []
    text, start, end = span
    speakers = [Claimant(text=a.text, name=a.name, country=a.country, sector=a.sector)
                for a in event.actors if a.role != "target"]
    speakers = speakers or [c.claimant for c in event.claims]
    claims = []
    for speaker in speakers:
        if rule["stance"] == "denies":
            own = actor_key(speaker.name, speaker.country, speaker.sector, speaker.text)
            claims.append(Claim(claimant=speaker, stance="denies", about=rule["about"], value=own,
                                text=text, start=start, end=end))
            continue
        accused = [k for t in event.targets for k in [actor_key(t.name, t.country, t.sector, t.text)] if k]
        for value in accused:
            claims.append(Claim(claimant=speaker, stance=rule["stance"], about=rule["about"], value=value,
                                text=text, start=start, end=end))
        if not accused:
            claims.append(Claim(claimant=speaker, stance="asserts", about="occurrence", value=None,
                                text=text, start=start, end=end))
    return claims


def fold_claim_acts(mentions: list[Mention]) -> list[Mention]:
    """The mentions with each claim-act event folded into the act it speaks of in its own report."""
    by_document: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_document[m.document.id].append(m)
    extra: dict[int, list[Claim]] = defaultdict(list)
    folded: set[int] = set()
    for group in by_document.values():
        candidates = [m for m in group if _spoken_of(m.event)]
        for m in group:
            if not is_claim_act(m.event.type):
                continue
            host = _host(m, candidates)
            if host is None:
                continue
            extra[id(host)] += claims_of(m.event)
            folded.add(id(m))
    result = []
    for m in mentions:
        if id(m) in folded:
            continue
        if extra.get(id(m)):
            event = m.event.model_copy(update={"claims": list(m.event.claims) + extra[id(m)]})
            m = Mention(m.document, event)
        result.append(m)
    return result
