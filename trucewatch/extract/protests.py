"""One protest, one event: what the police or the protesters did at it sets its ACLED sub-type.

"Hundreds marched on the governor's office. Police dispersed them with tear gas." is one protest
with intervention, not a protest and a second act; live fire on the marchers makes it excessive
force against protesters, stones and burning tyres a violent demonstration. The most severe
reading (data/act_words.yaml `protest_escalation`) wins, and the escalating act's toll, actors
and claims join the protest.
"""
from __future__ import annotations

from trucewatch.extract.datafiles import load
from trucewatch.extract.drafts import Draft, merge_refs
from trucewatch.extract.fusion import bigger
from trucewatch.ontology import default_ontology

_ORDER = tuple(load("act_words.yaml")["protest_escalation"])  # most severe first
# Acts that, reported after a protest in the same story, happened at it: "arrested twelve".
_AT_PROTEST = {str(act): str(step) for act, step in load("act_words.yaml")["acts_at_protests"].items()}


def _same_place(a: Draft, b: Draft) -> bool:
    here, there = a.location, b.location
    return not (here and there and here.geonameid and there.geonameid and here.geonameid != there.geonameid)


def escalate_protests(drafts: list[Draft]) -> list[Draft]:
    """Drafts with each protest's escalations folded into it (see the module docstring)."""
    protest = next((d for d in drafts if d.act.name in _ORDER and d.status != "background"), None)
    if protest is None:
        return drafts
    start = protest.mentions[0].sentence.start_char
    steps = [d for d in drafts if d is not protest and d.status == protest.status and _same_place(protest, d)
             and (d.act.name in _ORDER[:-1]
                  or (d.act.name in _AT_PROTEST and d.mentions[0].sentence.start_char > start))]
    if not steps:
        return drafts
    worst = min([*steps, protest], key=lambda d: _ORDER.index(_AT_PROTEST.get(d.act.name, d.act.name)))
    protest.act = default_ontology()[_AT_PROTEST.get(worst.act.name, worst.act.name)]
    for step in steps:
        protest.mentions.extend(step.mentions)
        protest.fatalities = bigger(protest.fatalities, step.fatalities)
        protest.injured = bigger(protest.injured, step.injured)
        protest.actors = merge_refs(protest.actors, step.actors)
        protest.targets = merge_refs(protest.targets, step.targets)
        protest.claims.extend(c for c in step.claims if c not in protest.claims)
        protest.location = protest.location or step.location
    return [d for d in drafts if not any(d is step for step in steps)]
