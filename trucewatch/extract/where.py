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

from spacy.attrs import IS_TITLE, POS
from spacy.symbols import ADJ, ADP, DET, PROPN

from trucewatch.extract.datafiles import load, words
from trucewatch.places import admin_of, get_gazetteer
from trucewatch.places.disambiguate import KIND_SUFFIX, PART_PREFIX  # what `ranked` strips
from trucewatch.places.model import Place
from trucewatch.places.names import name_key
from trucewatch.places.story import StoryName, resolve_story, story_focus
from trucewatch.records import Location

PLACE_LABELS = {"GPE", "LOC", "FAC"}
OTHER_NAME_LABELS = {"PERSON", "ORG", "LANGUAGE", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP"}  # checked too
LOCATIVE_PREPS = words("place_words.yaml", "locative_preps")
ACTOR_DEPS = {"nsubj", "nsubjpass", "agent", "csubj"}
REPORTING_VERBS = words("place_words.yaml", "reporting_verbs")
_FINE = {"exact": 0.6, "neighbourhood": 0.6, "city": 0.5, "admin2": 0.35, "admin1": 0.3,
         "region": 0.2, "country": 0.0, "unknown": -0.5}
PART_WORDS = words("place_words.yaml", "part_words")
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


GLUED_ARTICLES = tuple(load("place_words.yaml")["glued_articles"])  # order kept: a tuple, as before


def _gazetteer_mentions(doc, taken: set[int]) -> list[tuple[int, int]]:
    """Capitalised proper-noun runs outside place entities whose name the gazetteer knows exactly.

    Word classes come from one array, so only proper nouns cost a token lookup."""
    gazetteer = get_gazetteer()
    pos = doc.to_array(POS).tolist()
    found, i, n = [], 0, len(pos)
    while i < n:
        if pos[i] != PROPN or i in taken or not _CAPITALISED.match(doc[i].text):
            i += 1
            continue
        end = i
        while end + 1 < n and end + 1 not in taken and pos[end + 1] in (PROPN, ADP, DET) and end - i < 4 \
                and (pos[end + 1] == PROPN or doc[end + 1].text[:2].lower() in GLUED_ARTICLES):
            end += 1
        known = _longest_known_end(gazetteer, doc, i, end + 1)
        if known is None:
            i += 1
        else:
            found.append((i, known))
            i = known
    return found


def _longest_known_end(gazetteer, doc, start: int, stop: int) -> int | None:
    """The end of the longest name doc[start:end] (end <= stop) the gazetteer knows exactly, if any."""
    for end in range(stop, start, -1):
        if gazetteer.exists(name_key(doc[start:end].text)):
            return end
    return None


def _plausible_extra(place: Place | None, focus: tuple[str, ...], after_preposition: bool,
                     label: str, text: str) -> bool:
    """Names NER did not call places count only when they match exactly and something else vouches:
    the curated list, the story's country focus, or a locative preposition before a real town."""
    abbreviation = text.replace(".", "").isupper()  # "U.S.", "UAE": short names, not demonyms
    acronym = abbreviation and len(text.replace(".", "")) <= 4 and " " not in text
    if acronym and place is not None and place.match >= 1.0 and not (place.fcode.startswith("PCL") or place.fcode == "ADM1"):
        # "NATO", "SAA", "UN": acronyms of organisations, not the towns whose own name has those
        # letters ("NYC", "D.C." are known short names, matched as alternates, and stay; so do
        # upper-case datelines such as "COLUMBUS").
        return False
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


IN_NAME = "IN_NAME"  # a place inside an organisation's name: "University of Kentucky", "Texas Rangers"
_INNER_WORDS = words("place_words.yaml", "inner_name_words")


def _places_inside_names(doc, entities: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Proper-noun runs inside ORG names that the gazetteer knows exactly, when the whole name is
    not itself a place. They tell where the story is; `choose` never makes them an event's place."""
    gazetteer = get_gazetteer()
    found = []
    for start, end, label in entities:
        if label != "ORG" or end - start < 2 or gazetteer.exists(name_key(_clean(doc[start:end].text))):
            continue
        i = start
        while i < end:
            if doc[i].pos_ != "PROPN" or doc[i].lower_ in _INNER_WORDS or not doc[i].text[:1].isupper():
                i += 1
                continue
            stop = i + 1
            while stop < end and stop - i < 3 and doc[stop].pos_ == "PROPN" and doc[stop].lower_ not in _INNER_WORDS:
                stop += 1
            known = _longest_known_end(gazetteer, doc, i, stop)
            if known is None:
                i += 1
            else:
                found.append((i, known))
                i = known
    return found


AS_ADJECTIVE = "GAZ_ADJ"  # a town name the tagger took for an adjective: "the southern Aleppo districts"


def _adjectival_places(doc, taken: set[int]) -> list[tuple[int, int]]:
    """Capitalised adjectives inside a sentence that are a place's exact name ("Aleppo" in "southern
    Aleppo districts"); `_plausible_inner` then keeps only well-known towns or towns of the story's
    country, so "Western" or "Central" never become places."""
    gazetteer = get_gazetteer()
    marks = doc.to_array([POS, IS_TITLE]).tolist()
    adjectives = (doc[i] for i, (pos, title) in enumerate(marks) if pos == ADJ and title and i not in taken)
    return [(t.i, t.i + 1) for t in adjectives
            if not t.is_sent_start and _CAPITALISED.match(t.text) and t.lower_ not in PART_WORDS
            and gazetteer.exists(name_key(t.text))]


def _plausible_inner(place: Place | None, focus: tuple[str, ...]) -> bool:
    """A place inside an organisation's name counts when it is well known (a country, a state, a
    capital, a big city) or an admin area or town of the story's country."""
    if place is None or place.match < 0.95 or place.extra.get("demonym"):
        return False
    if place.fcode.startswith("PCL") or place.fcode in ("ADM1", "PPLC") or place.population >= 100_000:
        return True
    return place.country in focus and (place.fcode == "ADM2" or place.population >= 20_000)


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
    entities = [(ent.start, ent.end, ent.label_) for ent in doc.ents]
    spans = [entity for entity in entities if entity[2] in PLACE_LABELS]
    other_ents = [entity for entity in entities if entity[2] in OTHER_NAME_LABELS]
    taken = {i for start, end, _ in entities for i in range(start, end)}
    spans += other_ents + [(start, end, "GAZ") for start, end in _gazetteer_mentions(doc, taken)]
    spans += [(start, end, IN_NAME) for start, end in _places_inside_names(doc, other_ents)]
    taken |= {i for start, end, _ in spans for i in range(start, end)}
    spans += [(start, end, AS_ADJECTIVE) for start, end in _adjectival_places(doc, taken)]
    spans.sort()
    located = []
    for start, end, label in spans:
        if start > 0 and doc[start - 1].lower_ in PART_WORDS:
            start -= 1  # "eastern Aleppo": the city, with a note saying which part
        text = _clean(doc[start:end].text)
        if label in PLACE_LABELS or _may_match_exactly(text):
            located.append((start, end, label, text))
    # Only names NER called places, and well-known towns it mislabelled ("Hama" tagged ORG), lend
    # context; the others are checked against it.
    places = resolve_story([StoryName(text, _appositive_names(doc, start, end), fuzzy=label in PLACE_LABELS,
                                      vouches=label in PLACE_LABELS or (label in ("ORG", "GAZ")
                                                                        and _well_known_town(text)))
                            for start, end, label, text in located])
    focus = story_focus([p for (_, _, label, _), p in zip(located, places) if label in PLACE_LABELS])
    mentions = []
    for (start, end, label, text), place in zip(located, places):
        after_preposition = start > 0 and doc[start - 1].lower_ in LOCATIVE_PREPS
        if label == "NORP":
            # "Syrian", "Lebanese": the country, kept for context and maps, rarely an event's place.
            if place is None or place.match < 0.95 or place.precision not in ("country", "region"):
                continue
        elif label in (IN_NAME, AS_ADJECTIVE):
            if not _plausible_inner(place, focus) or (label == AS_ADJECTIVE and place.fclass != "P"):
                continue
        elif label not in PLACE_LABELS and not _plausible_extra(place, focus, after_preposition, label, text):
            continue
        span = doc[start:end]
        mentions.append(PlaceMention(text=text, start=span.start_char, end=span.end_char, label=label,
                                     place=place, token_start=start, token_end=end))
    return mentions


def _may_match_exactly(text: str) -> bool:
    """Whether the index holds this name, or the name without "eastern ..." / "... province",
    spelled exactly. Names NER did not call places are kept only on such a match
    (`_plausible_extra`, `_plausible_inner`, `_well_known_town`) and lend no context unless kept,
    so the others skip the costly candidate lookup (skeleton and fuzzy keys, place rows)."""
    gazetteer = get_gazetteer()
    if gazetteer.exists(name_key(text)):
        return True
    part, kind = PART_PREFIX.match(text), KIND_SUFFIX.match(text)
    return bool((part and gazetteer.exists(name_key(part.group(2))))
                or (kind and gazetteer.exists(name_key(kind.group(1)))))


WELL_KNOWN_TOWN = 100_000


def _well_known_town(text: str) -> bool:
    """A name that is, spelled exactly, a provincial capital or a large town: "Hama", "Idlib".
    NER often tags these as organisations in datelines and "the Hama truce"; they still tell where
    the story is."""
    candidates = get_gazetteer().candidates(text, None, False)
    return any(c.match >= 1.0 and c.fclass == "P" and (c.fcode in ("PPLA", "PPLC") or c.population >= WELL_KNOWN_TOWN)
               for c in candidates[:3])


def _clean(text: str) -> str:
    text = re.sub(r"^(?:the|The)\s+", "", text.strip())
    return re.sub(r"[’']s$", "", text)


def _ancestors(token) -> list:
    chain = []
    while token.head.i != token.i and len(chain) < 60:
        token = token.head
        chain.append(token)
    return chain


PLACE_KINDS = words("place_kinds.yaml", "place_kinds")  # "town", "district": nouns that stand for a name


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
