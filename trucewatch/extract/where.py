"""Where an event happened: find a story's places once, then pick the event's place per trigger.

"Jets struck Idlib on Sunday, officials in Damascus said" -> Idlib: a place attached to the event's
trigger (its object, or a prepositional phrase "in/at/near X") beats one attached to the reporting
verb or to the people who report. The story's other places give the gazetteer context (country
focus, "Douma, in Eastern Ghouta"), so each name is resolved once per story, not per event.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace

from trucewatch.extract.datafiles import load, words
from trucewatch.places.areas import AdminArea, admin_of
from trucewatch.places.names import name_key
from trucewatch.places.story import story_focus
from trucewatch.records import Location
from trucewatch.extract.place_names import (AS_ADJECTIVE, IN_NAME, KIND, LOCATIVE_PREPS, PART_WORDS, PLACE_KINDS,
                                            PLACE_LABELS, PlaceMention, first_conjunct, site_noun, site_town,
                                            story_places)

ACTOR_DEPS = {"nsubj", "nsubjpass", "agent", "csubj"}
REPORTING_VERBS = words("place_words.yaml", "reporting_verbs")
_FINE = {"exact": 0.6, "neighbourhood": 0.6, "city": 0.5, "admin2": 0.35, "admin1": 0.3,
         "region": 0.2, "country": 0.0, "unknown": -0.5}

__all__ = ["PlaceMention", "story_places", "choose", "locate", "referred_back", "to_location", "story_default",
           "story_focus", "attachment_score", "is_demonym", "AS_ADJECTIVE", "IN_NAME"]


def _ancestors(token) -> list:
    chain = []
    while token.head.i != token.i and len(chain) < 60:
        token = token.head
        chain.append(token)
    return chain


def _standing_in(root):
    """The word that holds a name's place in the tree: "the town of X" and "X district" put the
    kind of place where the name would be, so the noun is scored in the name's stead. A later name
    of a list ("the villages of Fuaa, Kefraya and Binnish") stands where its first name does."""
    root = first_conjunct(root)
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_KINDS:
        return head.head
    if root.dep_ in ("compound", "nmod", "det") and (head.lemma_.lower() in PLACE_KINDS or site_noun(head)):
        return head  # "X district", "the X shrine"
    if root.dep_ == "appos" and head.lemma_.lower() in PLACE_KINDS:
        return head  # "in the capital, Harare": the name stands where "the capital" does
    return root


def attachment_score(doc, mention: PlaceMention, trigger) -> float:
    """How plausibly a mention is where the trigger happened, from the dependency tree."""
    name_root = _root(doc, mention)
    root = _standing_in(name_root)
    trigger_token = trigger.root if hasattr(trigger, "root") else trigger
    path = [root, *_ancestors(root)]
    # a later name of a list is attached as its first is, and comes after it ("in Northampton,
    # Birmingham and Coventry": the first named unless a later one is better known)
    value = -LATER_IN_LIST if first_conjunct(name_root) is not name_root else 0.0
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
    """The sentence's mention that is the event's place; None when the sentence names none.

    Demonyms ("Syrian jets") and places inside organisations' names are never chosen; names that
    qualify a participant ("US airstrikes", "a Staten Island police officer") or serve as a
    reference point ("Zi Qar, 375 km south of Baghdad", "Akida, near Maiduguri") only when the
    sentence has no other place. Of the rest, the one best attached to the act wins, unless a place
    written inside it ("Liaquatabad district in central Karachi", "Gaga in the Central African
    Republic") is nearly as well attached: the act is at the more specific place."""
    in_sentence = [m for m in places if sentence.start <= m.token_start and m.token_end <= sentence.end
                   and not is_demonym(m)]
    # A place inside an organisation's or a building's name ("the Haifa Museum of Art") only when the
    # sentence names no other place.
    in_sentence = [m for m in in_sentence if m.label != IN_NAME] or [
        m for m in in_sentence if not m.role and attachment_score(doc, m, trigger) > 0]
    if not in_sentence:
        return None
    # Governments that speak or are accused ("Ankara denied", "blamed Israel") and names of whose
    # forces ("US jets") say nothing of where the act was.
    usable = [m for m in in_sentence if not _set_out_from(doc, m, trigger) and not _describes_anaphor(doc, m)
              and not _across_from(doc, m)]
    # A town that only qualifies a participant ("a Denver transit officer", "the Kabul police
    # chief") when nothing else is named; a country that does ("US jets") never.
    candidates = [m for m in usable if not m.role] or [
        m for m in usable if m.role == "qualifying" and m.place is not None
        and m.place.precision not in ("country", "region")]
    if not candidates:
        return None
    candidates = [m for m in candidates if not _route_end(doc, m, trigger)] or candidates
    candidates = [m for m in candidates if not _reference_point(doc, m, candidates)] or candidates

    def value(mention: PlaceMention) -> float:
        precision = mention.place.precision if mention.place else "unknown"
        return attachment_score(doc, mention, trigger) + _FINE.get(precision, 0.0)

    best = max(candidates, key=value)
    inner = [m for m in candidates if m is not best and (_inside(doc, m, best) or _site_in(doc, m, best))
             and (value(m) >= value(best) - INNER_MARGIN or _possessor(doc, best, m))]
    return max(inner, key=value) if inner else best


LAUNCHING = words("place_words.yaml", "launching_verbs")


# Kinds of place that may be a part of a town ("neighbourhood", "district"), not wider than it.
PART_KINDS = frozenset(PLACE_KINDS - words("place_words.yaml", "wide_kinds"))


def _site_in(doc, site: PlaceMention, area: PlaceMention) -> bool:
    """"stormed the Al-Mahr Gas Fields in the countryside of Homs": a named place the gazetteer
    lacks, which a place noun, a site's name or the tagger vouches for, lies in the town or area
    the same sentence names beside it; the act is at the site, at the point of that town or area."""
    if site.place is not None or area.place is None:
        return False
    # "In the province of Idlib, rebels shelled Fuaa": a name the tagger calls a place lies in the
    # province or district the sentence names
    # "the Hay Zuhour neighbourhood of Baghdad", "Ban Kolok district of Narathiwat": a name the
    # tagger calls a place and a place noun follows is a part of the town written beside it
    kind_follows = site.token_end < len(doc) and doc[site.token_end].lemma_.lower() in PART_KINDS \
        and site.token_end < area.token_start  # the part first, its town after: not "Bharatpur in Chitwan district"
    return site.label in (KIND, "FAC") and area.place.precision not in ("country", "region") or (
        site.label in ("GPE", "LOC") and (area.place.precision in ("admin1", "admin2") or (
            kind_follows and area.place.precision == "city")))


def _possessor(doc, outer: PlaceMention, inner: PlaceMention) -> bool:
    """"Jammu and Kashmir's Shopian district", "Nigeria's Borno state": the place written as the
    owner of another only says where that other place is."""
    end = outer.token_end
    return end < len(doc) and doc[end].text in ("'s", "’s") and end < inner.token_start <= end + 2


JOURNEY_NOUNS = words("place_words.yaml", "journey_nouns")
ROUTE_PREPS = frozenset({"from", "to", "through", "via"})


def _route_end(doc, mention: PlaceMention, trigger) -> bool:
    """"a bus from Amman to Baghdad was ambushed near Rutba": where a journey began,
    passed or was bound, written on the noun of the journey, is not where the act happened when the sentence
    names another place ("a trip to Ankara" is the act itself, bound there)."""
    root = first_conjunct(_root(doc, mention))
    if root.dep_ != "pobj" or root.head.lower_ not in ROUTE_PREPS:
        return False
    journey = root.head.head
    while journey.lower_ in ROUTE_PREPS and journey.head.i != journey.i:
        journey = journey.head  # "from Aleppo to Idlib", the parser hanging "to" on "from"
    return journey.i != trigger.i and journey.lemma_.lower() in JOURNEY_NOUNS


def _set_out_from(doc, mention: PlaceMention, trigger) -> bool:
    """Where shots were fired from ("fired the missile from positions in Sanaa province") or
    aircraft left for the act ("the jets took off from a base in Diyala and bombed ..."): not where
    it happened. A flight that is itself the act ("flew from Ankara to Tehran") keeps its places."""
    verb = _from_verb(doc, mention)
    if verb is None:
        return False
    lemma = verb.lemma_.lower()
    if lemma in LAUNCHING:
        return True
    particles = [f"{lemma} {child.lower_}" for child in verb.children if child.dep_ == "prt"]
    return verb.i != trigger.i and (lemma in DEPARTING or any(phrase in DEPARTING for phrase in particles))


def _from_verb(doc, mention: PlaceMention):
    """The verb whose "from" phrase holds the name ("fired from positions in X"), if any."""
    node = _root(doc, mention)
    for _ in range(6):
        head = node.head
        if head.i == node.i:
            return None
        if node.dep_ == "prep" and node.lower_ == "from" and head.pos_ in ("VERB", "AUX"):
            return head
        if head.pos_ in ("VERB", "AUX"):
            return None
        node = head
    return None


DEPARTING = words("place_words.yaml", "departure_verbs")


LATER_IN_LIST = 0.25
INNER_MARGIN = 2.0  # how much worse attached a place written inside the best one may be and still win
DIRECTIONS = words("place_words.yaml", "directions")
DISTANCE_UNITS = words("place_words.yaml", "distance_units")
BORDER_NOUNS = words("place_words.yaml", "border_nouns")


def is_demonym(mention: PlaceMention) -> bool:
    """"Syrian jets", "the U.S. House": a nationality names who acted; a town the tagger called one
    ("Kidal") is a town."""
    if mention.label == IN_NAME:
        return mention.place is not None and bool(mention.place.extra.get("demonym"))
    return mention.label == "NORP" and (mention.place is None or mention.place.precision in ("country", "region")
                                        or bool(mention.place.extra.get("demonym")))


def _written_after(doc, mention: PlaceMention, outer: PlaceMention) -> bool:
    """"Montreal city, Quebec province", "Kot, Balochistan", "Khan Shaykhun in Idlib", "the Hay Zuhour
    neighbourhood in Baghdad": the outer name follows the inner one with only a comma, "in", "the"
    or a kind of place between."""
    if not mention.token_end <= outer.token_start <= mention.token_end + 4:
        return False
    between = list(doc[mention.token_end:outer.token_start])
    while between and between[0].lemma_.lower() in PLACE_KINDS:
        between = between[1:]  # "the Hay Zuhour neighbourhood in Baghdad" ("the X town of Y" is Y in X)
    if [t.lower_ for t in between] in (["in"], ["in", "the"]):
        return True  # "Khan Shaykhun in southern Idlib", however the parser hung the "in"
    return any(t.text == "," for t in between) and all(
        t.text == "," or t.lower_ in ("in", "the") or t.lemma_.lower() in PLACE_KINDS for t in between)


BEARINGS = {"north": 0, "northeast": 45, "north-east": 45, "east": 90, "southeast": 135, "south-east": 135,
            "south": 180, "southwest": 225, "south-west": 225, "west": 270, "northwest": 315, "north-west": 315}
UNIT_KM = {"km": 1.0, "kms": 1.0, "kilometre": 1.0, "kilometres": 1.0, "kilometer": 1.0, "kilometers": 1.0,
           "mile": 1.609, "miles": 1.609, "m": 0.001, "metres": 0.001, "meters": 0.001}


def _offset(doc, mention: PlaceMention) -> tuple[float, str, float] | None:
    """(km, direction, bearing) of "12 km north of X" when the act's place is written so."""
    root = _root(doc, mention)
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "of" or prep.head.lower_ not in BEARINGS:
        return None
    direction = prep.head
    for unit in direction.children:
        if unit.lower_ in UNIT_KM and unit.lower_ in DISTANCE_UNITS:
            number = next((c for c in unit.children if c.dep_ == "nummod" or c.like_num), None)
            try:
                amount = float(number.text.replace(",", "")) if number is not None else None
            except ValueError:
                amount = None
            if amount:
                return amount * UNIT_KM[unit.lower_], direction.lower_, BEARINGS[direction.lower_]
    return None


def _near(doc, mention: PlaceMention) -> str | None:
    """"near X", "the outskirts of X": the act is by X, not in it; said in the location's note."""
    root = _root(doc, mention)
    if root.dep_ != "pobj":
        return None
    if root.head.lower_ in ("near", "outside", "around"):
        return root.head.lower_
    if root.head.lower_ == "of" and root.head.head.lower_ in ("outskirts", "edge", "suburbs", "vicinity"):
        return f"on the {root.head.head.lower_} of"
    return None


def _moved(location: Location, km: float, direction: str, bearing: float) -> Location:
    """The location moved `km` towards `bearing` from its point, with a note saying so."""
    if location.lat is None or location.lon is None:
        return location
    lat1, lon1, b = map(math.radians, (location.lat, location.lon, bearing))
    d = km / 6371.0
    lat2 = math.asin(math.sin(lat1) * math.cos(d) + math.cos(lat1) * math.sin(d) * math.cos(b))
    lon2 = lon1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(lat1), math.cos(d) - math.sin(lat1) * math.sin(lat2))
    return location.model_copy(update={
        "lat": round(math.degrees(lat2), 5), "lon": round(math.degrees(lon2), 5), "geonameid": None,
        "note": f"about {km:g} km {direction} of {location.name or location.text}; the point is moved by that much"})


def _part_named_of(doc, mention: PlaceMention, outer: PlaceMention) -> bool:
    """"the Damascus suburb of Jaramana", "Aleppo's eastern district of Sukkari": the name
    after "of" is a part of the place that qualifies the noun before it, when it is the smaller of
    the two ("the Shaab neighbourhood of Baghdad" is written the other way round)."""
    if mention.place is None or outer.place is None or not _smaller(mention.place, outer.place):
        return False
    root = _root(doc, mention)
    if root.dep_ != "pobj" or root.head.lower_ != "of" or root.head.head.pos_ != "NOUN":
        return False
    outer_root = _root(doc, outer)
    return outer_root.head.i == root.head.head.i and outer_root.dep_ in ("compound", "poss", "nmod", "amod")


def _smaller(place, other) -> bool:
    """A finer kind of place, or as fine and fewer people."""
    fine, other_fine = _FINE.get(place.precision, 0.0), _FINE.get(other.precision, 0.0)
    return fine > other_fine or (fine == other_fine and place.population < other.population)


def _root(doc, mention: PlaceMention):
    """The name's head word; a part word before it ("northern Parwan") qualifies the name, and in
    "the northern Parwan and Kapisa provinces" modifies another word."""
    start = mention.token_start
    if mention.token_end - start > 1 and doc[start].lower_ in PART_WORDS:
        start += 1
    return doc[start:mention.token_end].root


def _measured_from(doc, mention: PlaceMention) -> bool:
    """"375 km south of X", "north of X", "near X", "the border with X": X as the point another
    place is measured from."""
    root = _root(doc, mention)
    prep = root.head
    if root.dep_ != "pobj":
        return False
    if prep.lower_ == "near":
        return True
    if prep.lower_ in ("with", "of") and prep.head.lemma_.lower() in BORDER_NOUNS:
        return True
    return prep.lower_ == "of" and prep.head.lower_ in DIRECTIONS


def _reference_point(doc, mention: PlaceMention, others: list[PlaceMention]) -> bool:
    """A place measured from while another place of the sentence comes before it, one the gazetteer
    knows or a place noun or site vouches for: the other place is where things happened ("Zi Qar,
    375 km south of Baghdad", "the Kuweires Military Airport near Aleppo"; not a tribe the tagger
    took for a place)."""
    return _measured_from(doc, mention) and any(o.start < mention.start and not _measured_from(doc, o)
                                                 and (o.place is not None or o.label in (KIND, "FAC"))
                                                 for o in others if o is not mention)


def _inside(doc, mention: PlaceMention, outer: PlaceMention) -> bool:
    """Whether `mention` is written as lying in `outer`: "X in Y", "X, Y", "X district of Y", "the
    Y town of X", or a country or province that holds it."""
    if mention.place is not None and outer.place is not None:
        inner, area = mention.place, outer.place
        if area.precision == "country" and inner.precision not in ("country", "region") \
                and inner.country and inner.country == area.country:
            return True
        if area.precision == "admin1" and inner.precision not in ("country", "region", "admin1") \
                and inner.country == area.country and inner.admin1 == area.name:
            return True
    if _written_after(doc, mention, outer) or _part_named_of(doc, mention, outer):
        return True
    root = _standing_in(_root(doc, outer))
    if mention.token_end <= outer.token_start:
        node = root
        for _ in range(4):
            if node.head.i == node.i:
                break
            node = node.head
            if mention.token_start <= node.i < mention.token_end or node is _standing_in(_root(doc, mention)):
                return root.dep_ in ("pobj", "appos", "npadvmod", "compound") and not _measured_from(doc, outer)
    return False


def story_default(places: list[PlaceMention], country: str | None = None) -> PlaceMention | None:
    """Where the story as a whole is: its most-named specific place (in `country`, the conflict's
    country, when given), else its most-named country. Governments that speak ("Ankara denied")
    and names of whose forces ("US jets") are not where the story is."""
    resolved = [m for m in places if m.place is not None and not is_demonym(m) and m.label != IN_NAME
                and not m.role and (country is None or m.place.country3 == country)]
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
        area = admin_of(round(place.lat, 5), round(place.lon, 5), nearest_town=not place.admin1)
        if area.admin1 is None and place.admin1:
            area = AdminArea(area.country, place.admin1, area.admin2 or place.admin2)  # the place's own
        # The gazetteer's country is the place's; a point near a border may fall in a neighbour's
        # simplified outline (Geneva in France's), so the polygons only name admin areas there.
        same = area.country in (None, country)
        country = country or area.country
        admin1 = (area.admin1 if same else None) or place.admin1
        admin2 = (area.admin2 if same else None) if place.precision != "admin2" else place.name
    elif place.precision == "region":
        admin1 = place.admin1
    return Location(text=mention.text, name=place.name, geonameid=place.geonameid,
                    lat=round(place.lat, 5), lon=round(place.lon, 5), country=country,
                    admin1=admin1, admin2=admin2, precision=place.precision, note=place.note)


ANAPHORIC_KINDS = {str(k).lower(): frozenset(v) for k, v in load("place_kinds.yaml")["anaphoric_kinds"].items()}
ANAPHORIC_DETS = frozenset({"the", "this", "that"})


def referred_back(doc, sentence, story_places: list[PlaceMention]) -> Location | None:
    """"The province has seen heavy bombing", "the streets of the city": a kind of place with no
    name of its own is the story's latest place of that kind named before the sentence."""
    for token in sentence:
        allowed = ANAPHORIC_KINDS.get(token.lemma_.lower())
        if allowed is None or token.pos_ != "NOUN" or not any(
                c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in token.children):
            continue
        if any(c.dep_ in ("compound", "amod", "prep", "appos") and (c.pos_ == "PROPN" or c.lower_ == "of")
               for c in token.children):
            continue  # "the town of Sokna", "the Kurdish city": a name or description of its own
        earlier = [_as_kind(m, allowed) for m in story_places if m.token_end <= sentence.start
                   and m.place is not None and m.label != IN_NAME and not is_demonym(m)
                   and m.role != "acting"]
        earlier = [m for m in earlier if m is not None]
        if earlier:
            location = to_location(earlier[-1])
            return location.model_copy(update={"note": location.note or f"'{token.text}' refers to {earlier[-1].text}"})
    return None


def _describes_anaphor(doc, mention: PlaceMention) -> bool:
    """"the city across the Nile from Khartoum": a place that only says where "the city" (named
    earlier) lies is a reference point; "the town of Sokna" names the town."""
    node = _root(doc, mention)
    for _ in range(5):
        head = node.head
        if head.i == node.i or head.pos_ in ("VERB", "AUX"):
            return False
        if head.lemma_.lower() in ANAPHORIC_KINDS and head.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in head.children):
            return not (node.dep_ == "prep" and node.lower_ == "of") and node.dep_ not in ("compound", "nmod", "appos")
        node = head
    return False


def _across_from(doc, mention: PlaceMention) -> bool:
    """"the city across the Nile from Khartoum", "just across the border from Turkey": the place
    the other side is measured from."""
    start = mention.token_start
    return start > 0 and doc[start - 1].lower_ == "from" and any(
        t.lower_ in ("across", "opposite") for t in doc[max(0, start - 8):start - 1])


def _as_kind(mention: PlaceMention, allowed: frozenset[str]) -> PlaceMention | None:
    """The mention as a place of an allowed precision: itself, or for a province the area a
    seat of the same name governs ("Idlib" the city, then "the province" is Idlib province; a
    national capital is its city)."""
    place = mention.place
    if place.precision in allowed:
        return mention
    if "admin1" in allowed and place.fcode == "PPLA" and place.admin1 \
            and name_key(place.admin1) == name_key(place.name):
        from trucewatch.places import search

        area = next((p for p in search(place.admin1, country=place.country3, limit=5)
                     if p.precision == "admin1"), None)
        if area is not None:
            return replace(mention, place=area)
    return None


def locate(doc, sentence, trigger, story_places: list[PlaceMention]) -> Location | None:
    """The event's Location: a place in its sentence if one fits, else None (the caller may fall
    back on `story_default`). A place the gazetteer lacks ("the village of Umm Jurn") gives way to
    the known place around it, with a note naming it."""
    mention = choose(doc, sentence, trigger, story_places)
    if mention is None:
        return None
    offset = _offset(doc, mention) if mention.place is not None else None
    if offset is not None:
        return _moved(to_location(mention), *offset)
    near = _near(doc, mention)
    if near and mention.place is not None:
        location = to_location(mention)
        return location.model_copy(update={"note": location.note or f"{near} {mention.text}"})
    if mention.place is None:
        known = choose(doc, sentence, trigger, [m for m in story_places if m.place is not None])
        if known is not None:
            location = to_location(known)
            return location.model_copy(update={"note": f"at {mention.text}, which the gazetteer lacks; "
                                                       f"{known.text} is the nearest place the report names"})
        countries = story_focus([m.place for m in story_places if m.label in PLACE_LABELS])
        town = site_town(doc, mention.token_start, mention.token_end, countries)
        if town is not None:
            location = to_location(replace(mention, place=town))
            return location.model_copy(update={"note": f"at {mention.text}, which the gazetteer lacks; "
                                                       f"placed at {town.name}, the town it is named after"})
    return to_location(mention)
