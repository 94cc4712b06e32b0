"""One story, one event: later mentions of an act already reported are fused into it.

A later mention joins an earlier event of the same family when it points back to it ("the
raid", "the attack", "its bombing") or only adds a toll, and nothing contradicts it (a
different day, a different place, a different status).
"""
from __future__ import annotations

from trucewatch.extract.datafiles import load, words
from trucewatch.extract.what import is_casualty_only
from trucewatch.places.model import distance_km

ANAPHORIC_DETS = words("act_words.yaml", "anaphoric_dets")


def anaphoric(mention) -> bool:
    head = mention.trigger.head
    if is_casualty_only(mention.trigger):
        return True
    nouns = [t for t in mention.trigger.tokens if t.pos_ in ("NOUN", "PROPN")]
    for noun in nouns:
        if any(c.dep_ in ("det", "poss") and c.lower_ in ANAPHORIC_DETS for c in noun.children):
            return True
    return head.pos_ == "PRON"


def compatible_acts(mention, draft) -> bool:
    a, b = mention.act, draft.act
    if a.name == b.name:
        return True
    if a.family != b.family:
        return False
    return a.generic or b.generic or a.refinable or b.refinable or is_casualty_only(mention.trigger) \
        or any(is_casualty_only(m.trigger) for m in draft.mentions)


def conflicts(mention, draft, *, ignore_status: bool = False, ignore_place: bool = False) -> bool:
    """A different status, a different day or a different place: another event."""
    if (mention.status == "background") != (draft.status == "background"):
        return True  # the war's toll is never the act's, nor the act a part of the war's toll
    # A toll ("no one was hurt") says nothing about whether the act happened.
    ignore_status = ignore_status or is_casualty_only(mention.trigger)
    if not ignore_status and mention.status != draft.status and "occurred" not in (mention.status,):
        return True
    if mention.when and draft.when and mention.when.precision == "day" == draft.when.precision \
            and mention.when.start != draft.when.start:
        return True
    here, there = mention.location, draft.location
    if ignore_place:
        return False
    if here and there and here.geonameid and there.geonameid and here.geonameid != there.geonameid:
        return not _within_one_place(here, there)
    return False


SAME_PLACE_KM = 25.0  # how far a neighbourhood may lie from the point of its city
POINT_PRECISIONS = frozenset({"exact", "neighbourhood", "city", "admin2", "admin1"})  # not countries


def _within_one_place(here, there) -> bool:
    """"Rockets hit homes in Tripoli" and "... the Abu Salim district of Tripoli": one place told at
    two precisions, not two places. Two towns of the same precision are two places, however near."""
    if None in (here.lat, here.lon, there.lat, there.lon) or here.precision == there.precision \
            or here.precision not in POINT_PRECISIONS or there.precision not in POINT_PRECISIONS:
        return False
    return distance_km(here.lat, here.lon, there.lat, there.lon) <= SAME_PLACE_KM


def fuse_headline(mention, headline: list):
    """A report's title announces its main act ("Clashes reported near Kafr Zita"): the body's
    first compatible mention is the same act, anaphoric or not. Returns the event, or None."""
    for draft in headline:
        if all(m.sentence.start_char == draft.mentions[0].sentence.start_char for m in draft.mentions) \
                and draft.mentions[0].sentence.start_char != mention.sentence.start_char \
                and compatible_acts(mention, draft) and not conflicts(mention, draft, ignore_status=True):
            merge(draft, mention)
            return draft
    return None


def _same_incident(mention, drafts: list) -> bool:
    """"Gunmen exchanged fire overnight. One soldier was killed when a bullet struck his vehicle.":
    a generic act told right after a violent act, with no place, day or marker of its own ("in a
    separate attack", "elsewhere"), is more of the same incident."""
    if not (mention.act.generic or mention.act.refinable) or mention.location is not None \
            or (mention.when is not None and mention.when.precision == "day"):
        return False
    if {tok.lower_ for tok in mention.sentence} & SEPARATE_MARKERS:
        return False
    earlier = [d for d in drafts if d.act.family == mention.act.family and d.status == mention.status
               and d.mentions[-1].sentence.start_char < mention.sentence.start_char]
    if not earlier:
        return False
    previous = earlier[-1].mentions[-1].sentence
    return mention.sentence.start_char - previous.end_char < SAME_INCIDENT_CHARS


SEPARATE_MARKERS = words("act_words.yaml", "separate_markers")
SAME_INCIDENT_CHARS = 400  # a later act this close to the last violent one (about two sentences)


def fuse_into(mention, drafts: list):
    """Merge `mention` into the latest compatible earlier event; return it, or None if new."""
    if not (anaphoric(mention) or _same_incident(mention, drafts)):
        return None
    for draft in reversed(drafts):
        if draft.mentions[-1].sentence.start_char == mention.sentence.start_char:
            continue  # two acts of one sentence are two acts
        if compatible_acts(mention, draft) and not conflicts(mention, draft):
            merge(draft, mention)
            return draft
    return None


def bigger(old, new):
    """Of two tolls, the larger; a toll beats none."""
    if new is None:
        return old
    if old is None:
        return new
    return new if (new.best or new.low or 0) > (old.best or old.low or 0) else old


_PROTEST_ORDER = tuple(str(a) for a in load("act_words.yaml")["protest_escalation"])  # most severe first


def _milder_protest(new, old) -> bool:
    """"Three protesters shot dead ... Thousands had taken to the streets": the march does not
    make the shooting at it a peaceful protest."""
    return new.name in _PROTEST_ORDER and old.name in _PROTEST_ORDER \
        and _PROTEST_ORDER.index(new.name) > _PROTEST_ORDER.index(old.name)


def merge(draft, mention) -> None:
    """Add a mention to an event: the more specific type, the first date and place, the larger toll."""
    draft.mentions.append(mention)
    if (draft.act.generic or draft.act.refinable or any(is_casualty_only(m.trigger) for m in draft.mentions[:-1])) \
            and not mention.act.generic and not is_casualty_only(mention.trigger) \
            and not _milder_protest(mention.act, draft.act):
        draft.act = mention.act
    if mention.when and (draft.when is None or draft.when.precision == "unknown"):
        draft.when = mention.when
    if draft.location is None:
        draft.location = mention.location
    draft.fatalities = bigger(draft.fatalities, mention.fatalities)
    draft.injured = bigger(draft.injured, mention.injured)
