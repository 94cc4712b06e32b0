"""Where an event happened: find a story's places once, then pick the event's place per trigger.

"Jets struck Idlib on Sunday, officials in Damascus said" -> Idlib: a place attached to the event's
trigger (its object, or a prepositional phrase "in/at/near X") beats one attached to the reporting
verb or to the people who report. The story's other places give the gazetteer context (country
focus, "Douma, in Eastern Ghouta"), so each name is resolved once per story, not per event.
"""
from __future__ import annotations

from collections import Counter

from trucewatch.extract.datafiles import words
from trucewatch.places import admin_of
from trucewatch.places.story import story_focus
from trucewatch.records import Location
from trucewatch.extract.place_names import (AS_ADJECTIVE, IN_NAME, LOCATIVE_PREPS, PLACE_KINDS, PLACE_LABELS,
                                            PlaceMention, story_places)

ACTOR_DEPS = {"nsubj", "nsubjpass", "agent", "csubj"}
REPORTING_VERBS = words("place_words.yaml", "reporting_verbs")
_FINE = {"exact": 0.6, "neighbourhood": 0.6, "city": 0.5, "admin2": 0.35, "admin1": 0.3,
         "region": 0.2, "country": 0.0, "unknown": -0.5}

__all__ = ["PlaceMention", "story_places", "choose", "locate", "to_location", "story_default",
           "story_focus", "attachment_score", "AS_ADJECTIVE", "IN_NAME"]


def _ancestors(token) -> list:
    chain = []
    while token.head.i != token.i and len(chain) < 60:
        token = token.head
        chain.append(token)
    return chain


def _standing_in(root):
    """The word that holds a name's place in the tree: "the town of X" and "X district" put the
    kind of place where the name would be, so the noun is scored in the name's stead."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_KINDS:
        return head.head
    if root.dep_ == "compound" and head.lemma_.lower() in PLACE_KINDS:
        return head
    return root


def attachment_score(doc, mention: PlaceMention, trigger) -> float:
    """How plausibly a mention is where the trigger happened, from the dependency tree."""
    root = _standing_in(doc[mention.token_start:mention.token_end].root)
    trigger_token = trigger.root if hasattr(trigger, "root") else trigger
    path = [root, *_ancestors(root)]
    value = 0.0
    if trigger_token in path:
        below = path[: path.index(trigger_token)]
        value += 3.0
        if any(t.lemma_.lower() in REPORTING_VERBS for t in below):
            value -= 3.0
        if root.head.lower_ in LOCATIVE_PREPS or root.dep_ in ("dobj", "pobj", "npadvmod"):
            value += 1.0
        value -= 0.25 * len(below)
    if root.dep_ in ACTOR_DEPS or (root.dep_ == "pobj" and root.head.lower_ == "by"):
        value -= 2.0  # "Molina was shot", "shelled by Hamas": who acted or suffered, not where
    elif root.dep_ in ("compound", "amod", "poss", "nmod") and root.head.ent_type_ not in PLACE_LABELS:
        value -= 1.0  # "U.S. officials", "Hamas militants": the name qualifies a participant
    else:
        # Not under the trigger: under a reporting verb or its speaker, or a separate clause.
        trigger_chain = [trigger_token, *_ancestors(trigger_token)]
        common = next((t for t in path if t in trigger_chain), None)
        if common is not None and common.lemma_.lower() in REPORTING_VERBS:
            value -= 2.0
        if root.head.lower_ in LOCATIVE_PREPS:
            value += 1.0
        steps = (path.index(common) if common in path else len(path)) + (
            trigger_chain.index(common) if common in trigger_chain else len(trigger_chain))
        value -= 0.25 * steps
    if root.head.lemma_.lower() in REPORTING_VERBS or root.head.lower_ == "according":
        value -= 1.5
    value -= 0.02 * abs(root.i - trigger_token.i)
    return value


def choose(doc, sentence, trigger, places: list[PlaceMention]) -> PlaceMention | None:
    """The sentence's mention that is the event's place; None when the sentence names none."""
    # Demonyms ("Syrian jets") name who acted, not where: they are context, never the event's place.
    in_sentence = [m for m in places if sentence.start <= m.token_start and m.token_end <= sentence.end
                   and m.label not in ("NORP", IN_NAME)]
    if not in_sentence:
        return None

    def value(mention: PlaceMention) -> float:
        precision = mention.place.precision if mention.place else "unknown"
        return attachment_score(doc, mention, trigger) + _FINE.get(precision, 0.0)

    return max(in_sentence, key=value)


def story_default(places: list[PlaceMention]) -> PlaceMention | None:
    """Where the story as a whole is: its most-named specific place, else its most-named country."""
    resolved = [m for m in places if m.place is not None and m.label != "NORP"]
    if not resolved:
        return None
    counts = Counter(m.place.id for m in resolved)
    specific = [m for m in resolved if not m.place.fcode.startswith("PCL")]
    pool = specific or resolved
    return max(pool, key=lambda m: (counts[m.place.id], -m.start))


def to_location(mention: PlaceMention) -> Location:
    """The contract's location object: coordinates, admin names from the polygons, precision."""
    place = mention.place
    if place is None:
        return Location(text=mention.text, precision="unknown", note="not found in the gazetteer")
    country, admin1, admin2 = place.country3, None, None
    if place.precision == "admin1":
        admin1 = place.name
    elif place.precision not in ("country", "region"):
        area = admin_of(round(place.lat, 5), round(place.lon, 5))
        country = area.country or country
        admin1 = area.admin1 or place.admin1
        admin2 = area.admin2 if place.precision != "admin2" else place.name
    elif place.precision == "region":
        admin1 = place.admin1
    return Location(text=mention.text, name=place.name, geonameid=place.geonameid,
                    lat=round(place.lat, 5), lon=round(place.lon, 5), country=country,
                    admin1=admin1, admin2=admin2, precision=place.precision, note=place.note)


def locate(doc, sentence, trigger, story_places: list[PlaceMention]) -> Location | None:
    """The event's Location: a place in its sentence if one fits, else None (the caller may fall
    back on `story_default`)."""
    mention = choose(doc, sentence, trigger, story_places)
    return to_location(mention) if mention is not None else None
