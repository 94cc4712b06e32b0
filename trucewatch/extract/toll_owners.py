"""Which act a toll belongs to.

A killed or injured phrase belongs to the act it hangs on in the sentence's tree ("the raid
killed nine", "nine were killed when jets struck"), not to whichever act is written closest.
Several phrases that belong to one act add up ("four soldiers were killed ... and three
attackers were killed"); a cumulative figure ("since 2011") belongs to no act, and a toll told
before another act joined to it by "and" ("Seven soldiers died and 14 were kidnapped") is not
that act's. A toll in a
sentence that reports no act ("Two people were killed.") is the story's: it goes to the
report's main act when that act has no toll of its kind yet, else to the latest earlier violent
act without one. A toll that revises a figure ("the death toll rose to 12") may raise the main
act's count; a later, larger figure about another incident never overwrites an act's own count.
"""
from __future__ import annotations

from dataclasses import dataclass

from trucewatch.extract.drafts import Draft, Mention
from trucewatch.extract.howmany import CasualtyMention
from trucewatch.records import Casualties

SLOTS = {"killed": "fatalities", "injured": "injured"}
HARMING_EVENT_TYPES = frozenset({"Riots", "Protests"})  # besides the violence family: mobs, riots, force on protests


def harms(act) -> bool:
    """Whether an act can have a toll: violence, riots, mob violence and force used on protests."""
    return act.family == "violence" or (act.acled is not None and act.acled.event_type in HARMING_EVENT_TYPES)


@dataclass
class StoryToll:
    """A toll written in a sentence without an act of its own, kept until the main act is known."""

    kind: str
    mention: CasualtyMention
    sentence_start: int


def tree_distance(a, b) -> int:
    """Steps between two words through the dependency tree."""
    up_a = [a, *a.ancestors]
    index_b = {tok.i: n for n, tok in enumerate([b, *b.ancestors])}
    for n, tok in enumerate(up_a):
        if tok.i in index_b:
            return n + index_b[tok.i]
    return len(up_a) + len(index_b)


def add_counts(old: Casualties | None, new: Casualties) -> Casualties:
    """Two phrases about different people of one act: their counts add up."""
    if old is None:
        return new

    def plus(a, b):
        return None if a is None or b is None else a + b

    text = " … ".join(t for t in (old.text, new.text) if t)
    return Casualties(low=plus(old.low, new.low), best=plus(old.best, new.best),
                      high=plus(old.high, new.high), text=text)


def _owner(mention: CasualtyMention, violent: list[Mention], doc) -> Mention:
    if mention.anchor is None:
        return min(violent, key=lambda m: abs(m.trigger.start_char - mention.start))
    anchor = doc[mention.anchor]
    return min(violent, key=lambda m: (tree_distance(m.trigger.head, anchor),
                                       abs(m.trigger.start_char - mention.start)))


def casualties_for(mentions: list[Mention], found, sent) -> list[StoryToll]:
    """Give each killed / injured phrase of a sentence to its act; returns the story's tolls
    (phrases in a sentence with no violent act). Cumulative figures are dropped."""
    if not found:
        return []
    items = [(kind, m) for kind in SLOTS for m in getattr(found, kind) if not m.background]
    violent = [m for m in mentions if harms(m.act) and m.status != "background"]
    if not violent:
        return [StoryToll(kind, item, sent.start_char) for kind, item in items]
    story = []
    for kind, item in items:
        owners = [m for m in violent if item.anchor is None or not _own_clause(m.trigger.head, sent.doc[item.anchor])]
        if not owners:
            story.append(StoryToll(kind, item, sent.start_char))
            continue
        owner = _owner(item, owners, sent.doc)
        slot = SLOTS[kind]
        setattr(owner, slot, add_counts(getattr(owner, slot), item.casualties))
    return story


def _own_clause(act, anchor) -> bool:
    """"Seven soldiers died and 14 were kidnapped": a toll told first, and an act joined to it by
    "and" with a subject of its own, tell two things; the dead are not the kidnapping's. (Told
    after the act, "Militants stormed the base and five soldiers were killed", they are its.)"""
    return act.dep_ == "conj" and act.head.i == anchor.i and _has_subject(act) and _has_subject(anchor) \
        and act.left_edge.i > 0 and act.doc[act.left_edge.i - 1].dep_ == "cc"


def _has_subject(verb) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _revision(mention: CasualtyMention) -> bool:
    """"the death toll rose to 12": a figure that revises the act's count."""
    return "toll" in (mention.text or "").lower()


def tolls_to_story(story: list[StoryToll], drafts: list[Draft], main: Draft | None) -> None:
    """Give the story's tolls to the main act, else to the latest earlier violent act lacking one."""
    for toll in story:
        slot = SLOTS[toll.kind]
        value = toll.mention.casualties
        if main is not None and harms(main.act) and main.status != "background":
            current = getattr(main, slot)
            if current is None:
                setattr(main, slot, value)
                continue
            if _revision(toll.mention) and (value.best or value.low or 0) > (current.best or current.low or 0):
                setattr(main, slot, value)
                continue
        earlier = [d for d in drafts if harms(d.act) and d.status != "background"
                   and d.mentions[0].sentence.start_char < toll.sentence_start and getattr(d, slot) is None]
        if earlier:
            setattr(earlier[-1], slot, value)
