"""Claims onto events: each claim goes to the act it speaks about, in its sentence or earlier.

"Washington blamed government helicopters. Damascus rejected the accusation ..." puts both
claims on the explosion reported before them; a claim about the act's type ("investigators
said it was a barrel bomb") also refines a vaguer type.
"""
from __future__ import annotations

import re
from datetime import date

from trucewatch.extract import links
from trucewatch.extract.claims import ClaimMention
from trucewatch.extract.datafiles import words
from trucewatch.extract.toll_owners import harms
from trucewatch.extract.drafts import Draft, StoryPlaces, actor_refs, merge_refs, sentence_span
from trucewatch.extract.who import Participant
from trucewatch.ontology import default_ontology
from trucewatch.records import ActorRef, Claim, Claimant


NONSTATE_SECTORS = words("act_words.yaml", "nonstate_sectors")
DEFINITE = re.compile(r"(?i)the\s")  # "the insurgents": a description that points back


def _claimant(participant: Participant | None, on: date | None, implied: str | None = None) -> Claimant:
    if participant is None:
        return Claimant(text="unnamed source")
    ref = links.resolve_actor(participant.text, on=on, implied_country=implied)
    return Claimant(text=participant.text, name=ref.name, country=ref.country, sector=ref.sector)


def _accused_refs(claim: ClaimMention, on: date | None, implied: str | None) -> list[ActorRef]:
    """The parties an accusation names, resolved ("accused Syrian and Russian warplanes")."""
    if claim.value_kind != "actor" or not claim.value_text:
        return []
    return [links.resolve_actor(text, on=on, implied_country=implied)
            for text in [claim.value_text, *claim.also_accused]]


def _denier(claimant: Claimant, draft: Draft) -> Claimant:
    """"The insurgents rejected the charge": a denier described only by a definite common noun
    ("the insurgents", "the group") is the party accused of the act, when it is of that party's
    kind; the description alone names no one."""
    if claimant.name or claimant.country or not DEFINITE.match(claimant.text):
        return claimant
    fitting = [ref for ref in draft.accused if (ref.name or ref.country)
               and (claimant.sector is None or ref.sector == claimant.sector)]
    if len({(ref.name, ref.country) for ref in fitting}) != 1:
        return claimant  # nobody accused, or several: the description stays unresolved
    ref = fitting[0]
    return Claimant(text=claimant.text, name=ref.name, country=ref.country,
                    sector=ref.sector or claimant.sector)


def _claim_records(claim: ClaimMention, sent, on: date | None, implied: str | None = None,
                   draft: Draft | None = None) -> list[Claim]:
    """One claim per accused party ("accused Syrian and Russian warplanes": SYR, then RUS)."""
    if claim.stance == "claims_responsibility" and claim.claimant is None:
        return []  # "he confessed to the shooting", "he" named nowhere: no one to record
    claimant = _claimant(claim.claimant, on, implied)
    if draft is not None and claim.stance in ("denies", "disputes"):
        claimant = _denier(claimant, draft)
    values = [claim.value_text]
    if claim.value_kind == "actor" and claim.value_text:
        values = []
        for ref, text in zip(_accused_refs(claim, on, implied), [claim.value_text, *claim.also_accused]):
            # a named armed group is named ("Islamic State"), a state's forces by their country
            value = (ref.name if ref.name and (ref.sector or "").lower() in NONSTATE_SECTORS else None) \
                or ref.country or ref.name or text
            if value not in values:
                values.append(value)
    if claim.stance == "claims_responsibility":
        values = [claimant.name or claimant.text]  # the claimant itself, not its country
    span = sentence_span(sent).model_dump()
    return [Claim(claimant=claimant, stance=claim.stance, about=claim.about, value=value, **span)
            for value in values]


def attach_claims(claims: list[ClaimMention], sent, owner_of: dict[int, Draft], drafts: list[Draft],
                   published: date | None, places: StoryPlaces) -> set[int]:
    """Put each claim on its event(s); return the token indices of the claim verbs that found one."""
    attached: set[int] = set()
    for claim in claims:
        targets: list[Draft] = []
        for head in claim.trigger_heads:
            draft = owner_of.get(head)
            if draft is not None and draft not in targets:
                targets.append(draft)
        if not targets and claim.refers_back:
            earlier = [d for d in drafts if d.mentions[0].sentence.start_char < sent.start_char
                       and d.status != "background"]
            # violence, or force on protesters or a riot with its toll
            violent = [d for d in earlier if d.act.family == "violence" or (
                harms(d.act) and (d.fatalities or d.injured))]
            pick = (violent or earlier)[-1:] if (violent or earlier) else []
            targets = pick
        own = owner_of.get(claim.verb_i)
        targets = [d for d in targets if d is not own]
        if targets:
            attached.add(claim.verb_i)
        for draft in targets:
            on = draft.when.end if draft.when else published
            implied = places.country_for(draft)
            for record in _claim_records(claim, sent, on, implied, draft):
                if record not in draft.claims:
                    draft.claims.append(record)
            if claim.stance == "accuses":
                draft.accused.extend(_accused_refs(claim, on, implied))
            if claim.about == "type" and claim.value_kind == "act":
                _retype(draft, claim.value_text)
            if claim.stance == "claims_responsibility" and claim.claimant:
                # Whoever claims an attack joins its actors as its initiator.
                claimed = actor_refs([claim.claimant], "initiator", on, places.country_for(draft))
                draft.actors = merge_refs(draft.actors, claimed)
    return attached


def _retype(draft: Draft, act_name: str | None) -> None:
    """A claim about the act's type refines a vaguer type of the same family."""
    act = default_ontology().acts.get(act_name or "")
    if act and act.family == draft.act.family and (draft.act.generic or draft.act.refinable):
        draft.act = act
