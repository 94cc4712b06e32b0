"""Where an event happened: find a story's places once, then pick the event's place per trigger.

"Jets struck Idlib on Sunday, officials in Damascus said" -> Idlib: a place attached to the event's
trigger (its object, or a prepositional phrase "in/at/near X") beats one attached to the reporting
verb or to the people who report. The story's other places give the gazetteer context (country
focus, "Douma, in Eastern Ghouta"), so each name is resolved once per story, not per event.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from trucewatch.places import admin_of, get_gazetteer
from trucewatch.places.model import Place
from trucewatch.places.names import name_key
from trucewatch.places.story import StoryName, near_points, resolve_story, story_areas, story_focus  # noqa: F401
from trucewatch.records import Location

PLACE_LABELS = {"GPE", "LOC", "FAC"}
LOCATIVE_PREPS = {"in", "on", "at", "near", "inside", "outside", "around", "across", "into",
                  "throughout", "within", "outskirts", "towards", "toward", "along", "over", "onto", "off"}
ACTOR_DEPS = {"nsubj", "nsubjpass", "agent", "csubj"}
REPORTING_VERBS = {"say", "tell", "report", "announce", "state", "claim", "add", "confirm", "deny",
                   "accuse", "blame", "quote", "cite", "according", "warn", "declare", "insist", "note"}
_FINE = {"exact": 0.6, "neighbourhood": 0.6, "city": 0.5, "admin2": 0.35, "admin1": 0.3,
         "region": 0.2, "country": 0.0, "unknown": -0.5}
PART_WORDS = {"eastern", "western", "northern", "southern", "central", "rural", "northeastern",
              "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
              "south-eastern", "south-western", "downtown"}
_CAPITALISED = re.compile(r"^[A-Z][\w'’\-]+$")


@dataclass
class PlaceMention:
    """A place name in the story text and the place it resolved to (None: not in the gazetteer)."""

    text: str
    start: int  # character offsets into the document text
    end: int
    label: str  # spaCy label, or GAZ for names the gazetteer found that NER missed
    place: Place | None
    token_start: int = 0
    token_end: int = 0


def _gazetteer_mentions(doc, taken: set[int]) -> list[tuple[int, int]]:
    """Capitalised proper-noun runs outside place entities whose name the gazetteer knows exactly."""
    gazetteer = get_gazetteer()
    found, i = [], 0
    while i < len(doc):
        token = doc[i]
        if i in taken or token.pos_ != "PROPN" or not _CAPITALISED.match(token.text):
            i += 1
            continue
        end = i
        while end + 1 < len(doc) and end + 1 not in taken and doc[end + 1].pos_ in ("PROPN", "ADP", "DET") \
                and end - i < 4 and (doc[end + 1].pos_ == "PROPN" or doc[end + 1].text[:2].lower() in ("al", "el", "ad", "as", "ar", "az")):
            end += 1
        for stop in range(end + 1, i, -1):
            if gazetteer.exists(name_key(doc[i:stop].text)):
                found.append((i, stop))
                i = stop
                break
        else:
            i += 1
    return found


def _plausible_extra(place: Place | None, focus: tuple[str, ...], after_preposition: bool,
                     label: str, text: str) -> bool:
    """Names NER did not call places count only when they match exactly and something else vouches:
    the curated list, the story's country focus, or a locative preposition before a real town."""
    abbreviation = text.replace(".", "").isupper()  # "U.S.", "UAE": short names, not demonyms
    if place is None or place.match < 0.95 or (place.extra.get("demonym") and not abbreviation):
        return False
    if place.source and not place.source.startswith(("geonames", "whosonfirst")):
        return True
    if place.country in focus:
        return True
    if after_preposition and place.population >= 1_000:
        return True
    # A town of some size NER took for an organisation or a language; person names need more.
    return label != "PERSON" and place.population >= 5_000


def _appositive_names(doc, start: int, end: int) -> tuple[str, ...]:
    """Names written right after a place: "Tripoli, Lebanon", "Douma, in Eastern Ghouta"."""
    names = []
    j = end
    if j < len(doc) and doc[j].text == ",":
        j += 1
        if j < len(doc) and doc[j].lower_ in ("in", "near"):
            j += 1
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        k = j
        while k < len(doc) and doc[k].ent_iob_ in ("B", "I") and (k == j or doc[k].ent_iob_ == "I"):
            k += 1
        if k > j:
            names.append(doc[j:k].text)
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].ent_type_ in PLACE_LABELS:
        names.append(doc[start - 2].text)
    return tuple(names)


def story_places(doc) -> list[PlaceMention]:
    """Every place mention in a story, resolved with the story as context; in text order."""
    spans = [(ent.start, ent.end, ent.label_) for ent in doc.ents if ent.label_ in PLACE_LABELS]
    taken = {i for start, end, _ in spans for i in range(start, end)}
    other_ents = [(ent.start, ent.end, ent.label_) for ent in doc.ents
                  if ent.label_ in ("PERSON", "ORG", "LANGUAGE", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP")]
    taken |= {i for ent in doc.ents for i in range(ent.start, ent.end)}
    spans += other_ents + [(start, end, "GAZ") for start, end in _gazetteer_mentions(doc, taken)]
    spans.sort()
    located = []
    for start, end, label in spans:
        if start > 0 and doc[start - 1].lower_ in PART_WORDS:
            start -= 1  # "eastern Aleppo": the city, with a note saying which part
        located.append((start, end, label, _clean(doc[start:end].text)))
    # Only names NER called places lend context; the others are checked against it.
    places = resolve_story([StoryName(text, _appositive_names(doc, start, end), fuzzy=label in PLACE_LABELS,
                                      vouches=label in PLACE_LABELS)
                            for start, end, label, text in located])
    focus = story_focus([p for (_, _, label, _), p in zip(located, places) if label in PLACE_LABELS])
    mentions = []
    for (start, end, label, text), place in zip(located, places):
        after_preposition = start > 0 and doc[start - 1].lower_ in LOCATIVE_PREPS
        if label == "NORP":
            # "Syrian", "Lebanese": the country, kept for context and maps, rarely an event's place.
            if place is None or place.match < 0.95 or place.precision not in ("country", "region"):
                continue
        elif label not in PLACE_LABELS and not _plausible_extra(place, focus, after_preposition, label, text):
            continue
        span = doc[start:end]
        mentions.append(PlaceMention(text=text, start=span.start_char, end=span.end_char, label=label,
                                     place=place, token_start=start, token_end=end))
    return mentions


def _clean(text: str) -> str:
    text = re.sub(r"^(?:the|The)\s+", "", text.strip())
    return re.sub(r"[’']s$", "", text)


def _ancestors(token) -> list:
    chain = []
    while token.head.i != token.i and len(chain) < 60:
        token = token.head
        chain.append(token)
    return chain


def attachment_score(doc, mention: PlaceMention, trigger) -> float:
    """How plausibly a mention is where the trigger happened, from the dependency tree."""
    root = doc[mention.token_start:mention.token_end].root
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
                   and m.label != "NORP"]
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
