"""Denials phrased as negated acts: "the ministry said its aircraft had not flown over Hama".

When the side accused of a reported attack says its own forces did not act, the sentence is
that side's denial of the attack, not a separate act that did not happen. The negated act is
folded into the story's attack as a `denies` claim by the speaker.
"""
from __future__ import annotations

from trucewatch.extract.datafiles import words
from trucewatch.extract.drafts import Draft

# Families of acts a denial of an attack is phrased with ("did not strike", "had not flown").
DENIABLE_FAMILIES = words("claims.yaml", "deniable_families")


def _accused(draft: Draft) -> set[str]:
    """Countries the story holds responsible for an attack: its actors and those accused."""
    countries = {a.country for a in draft.actors if a.country}
    countries |= {c.value for c in draft.claims if c.stance == "accuses" and c.value}
    return countries


def _self_denial(draft: Draft):
    """The speaker's claim when a negated act is stated by the side whose forces it names."""
    if draft.status != "negated" or len(draft.mentions) != 1 or draft.act.family not in DENIABLE_FAMILIES:
        return None
    own = {a.country for a in draft.actors if a.country}
    return next((c for c in draft.claims if c.stance == "asserts" and c.claimant.country
                 and c.claimant.country in own), None)


def fold_self_denials(drafts: list[Draft]) -> list[Draft]:
    """Drafts with each self-denial turned into a `denies` claim on the earlier attack it answers."""
    kept: list[Draft] = []
    for draft in drafts:
        claim = _self_denial(draft)
        start = draft.mentions[0].sentence.start_char
        story = [d for d in kept if d.act.family == "violence" and d.status == "occurred"
                 and d.mentions[0].sentence.start_char < start] if claim else []
        answered = [d for d in story if claim.claimant.country in _accused(d)]
        if not answered:
            kept.append(draft)
            continue
        denial = claim.model_copy(update={"stance": "denies", "about": "occurrence", "value": None})
        target = answered[-1]
        if not any(c.start == denial.start and c.stance == "denies" for c in target.claims):
            target.claims.append(denial)
    return kept
