"""Where a story's place names are, whatever label the tagger gave them.

The small English model tags many well-known towns as persons, organisations or nothing at all
("Warplanes struck Saraqib", "Houthi fighters stormed Taiz"). So a name counts as a place when the
gazetteer knows it, exactly or under a transliteration variant (as `trucewatch place` matches
it), in any position: a place entity, another entity taken whole ("Khan Younis" tagged PERSON),
or a capitalised run the tagger left alone. Names that are also words or abbreviations are kept
out by evidence, not by a list of cases:
- ordinary English words ("Western", "Battle", "Vice": places.wordstats, from word usage);
- all-capital abbreviations ("SDF", "HTS", "ELN") unless the name is a country's or a state's;
- month and weekday names and abbreviations ("Sep", "Jul", "Mon"), from the calendar;
- words for people, groups and forces ("Police", "Army"), from the actor word lists;
- the inner words of a person's name ("Brent" in "Oscar Brent Pike").
A name the tagger did not call a place must also be plausible where the story is: in a country
the story names, near its other places, well known (a country, a state, a capital, a big town),
or after "in", "near", "the town of".
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.symbols import ADJ, ADP, DET, NOUN, PROPN

from trucewatch.extract.actor_countries import MISSION_NOUNS, actor_countries, modifies_a_mission, nationality_country
from trucewatch.extract.datafiles import actor_nouns, words
from trucewatch.extract.name_spans import (JOINERS, KIND, NAME_PARTICLES, PLACE_LABELS, clean_name, glued_article,
                                           known, longest_known_end, may_match, name_like, whole_names)
from trucewatch.nlp import starts_sentence, text_of
from trucewatch.places import get_gazetteer
from trucewatch.places.disambiguate import (KIND_SUFFIX, PART_PREFIX, PlaceContext, found_inside_a_name, ranked,
                                             trade_words, transliterated_countries, written_countries)
from trucewatch.places.model import Place, distance_km
from trucewatch.places.names import name_key, skeleton
from trucewatch.places.story import StoryName, named_inside, near_points, resolve_story, story_focus
from trucewatch.places.wordstats import is_common_word

EXACT_MATCH = 0.95  # a namesake in a named country must be spelled this well to replace another
ABROAD_TOWN = 100_000  # a town abroad this large may be meant though the story names other countries
OTHER_NAME_LABELS = {"PERSON", "ORG", "LANGUAGE", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP"}
LOCATIVE_PREPS = words("place_words.yaml", "locative_preps")
PART_WORDS = words("place_words.yaml", "part_words")
PLACE_KINDS = words("place_kinds.yaml", "place_kinds")  # "town", "district": nouns that stand for a name
_INNER_WORDS = words("place_words.yaml", "inner_name_words")
FACILITY_NOUNS = words("place_words.yaml", "facility_nouns")
FORCE_NOUNS = words("participants.yaml", "force")
_CAPITALISED = re.compile(r"^[A-Z][\w'’\-]+$")
IN_NAME = "IN_NAME"  # a place inside an organisation's name: "University of Kentucky", "Texas Rangers"
AS_ADJECTIVE = "GAZ_ADJ"  # a town name the tagger took for an adjective: "the southern Aleppo districts"
GAZ = "GAZ"  # a capitalised run the tagger left untagged
WELL_KNOWN_TOWN = 100_000
NONSTATE_SECTORS = frozenset(s.upper() for s in words("act_words.yaml", "nonstate_sectors"))


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
    role: str = ""  # "acting": a capital or country that says or does things ("Ankara denied"); "qualifying": whose people or acts ("US jets")


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Month and weekday names and their abbreviations ("Sep", "Sept", "Jul", "Tue"), and feasts
    ("Christmas", "Ramadan")."""
    names = [*calendar.month_name, *calendar.month_abbr, *calendar.day_name, *calendar.day_abbr]
    found = {n.lower() for n in names if n}
    found |= {n.lower()[:4] for n in calendar.month_name if n} | {n.lower()[:4] for n in calendar.day_name if n}
    return frozenset(found) | words("place_words.yaml", "feast_words")


def is_abbreviation(text: str) -> bool:
    """"SDF", "U.N.", "HTS": an all-capital short word, an organisation's initials far more often
    than a place."""
    letters = text.replace(".", "").replace("-", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5 and " " not in text.strip()


def _before_kind_word(text: str) -> str:
    """The words of a name before a kind of place after it ("Police" of "Police District")."""
    kind = KIND_SUFFIX.match(text.strip())
    return (kind.group(1) if kind else text).strip()


def is_word_not_name(text: str) -> bool:
    """Whether a one-word name is also an English word, a calendar word or a word for people or
    forces, so that only the tagger's place label or a place noun before it make it a place; for
    "Police District" or "Western Province" the word before the kind word decides."""
    written = _before_kind_word(text)
    word = written.lower()
    if " " in word:
        return False
    return word in calendar_words() or word in actor_nouns() or word.rstrip("s") in actor_nouns() \
        or is_common_word(written)


def _runs(doc, tokens: list, taken: set[int], open_to: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Capitalised runs starting outside entities whose name the gazetteer knows (longest first);
    a run may go on into an entity's words when the whole is a known name ("Dera" + "Ismail Khan"
    tagged PERSON is Dera Ismail Khan)."""
    gazetteer = get_gazetteer()
    found, i, n = [], 0, len(tokens)
    while i < n:
        token = tokens[i]
        if i in taken or not (token.is_upper or name_like(token)) or not _CAPITALISED.match(token.text) \
                or (token.pos != PROPN and (starts_sentence(token) or is_word_not_name(token.text))):
            i += 1
            continue
        end = i
        while end + 1 < n and (end + 1 not in taken or end + 1 in open_to) and end - i < 5 and (
                name_like(tokens[end + 1]) or tokens[end + 1].text == "-"
                or glued_article(tokens[end + 1])
                or (tokens[end].text == "-" and tokens[end + 1].is_alpha)  # "Pul-i-Alam"
                or (tokens[end + 1].pos in (ADP, DET) and tokens[end + 1].lower_ in _INNER_WORDS)
                or (tokens[end + 1].text in NAME_PARTICLES and end + 2 < n and tokens[end + 2].is_title)):
            end += 1
        known = longest_known_end(gazetteer, doc, i, end + 1)
        glued = [k for k in range(i + 1, end) if tokens[k].text in NAME_PARTICLES]
        if known is not None and glued and known <= glued[-1]:
            # "Tala wa Barfak District": a particle glues the words into one name the gazetteer
            # lacks; its first word alone ("Tala") is some other place
            i = end + 1
        elif known is None:
            i += 1
        elif _inside_longer_name(tokens, i, known, taken):
            i = known
        else:
            found.append((i, known))
            i = known
    return found


def _inside_longer_name(tokens: list, start: int, end: int, taken: set[int]) -> bool:
    """"Elder Oscar Brent Pike": a known name with an unknown proper name on either side, written
    as one run of capitalised words, is a word of that longer name (a person's middle name), not
    a place; a place's own kind or part word beside it ("Upper", "District") does not count."""
    def other_name_word(k: int) -> bool:
        token = tokens[k]
        return k not in taken and token.pos == PROPN and token.is_title and token.lemma_.lower() not in PLACE_KINDS \
            and token.lower_ not in PART_WORDS
    return start > 0 and end < len(tokens) and other_name_word(start - 1) and other_name_word(end)


def _kind_named(doc, tokens: list, taken: set[int]) -> list[tuple[int, int]]:
    """Capitalised names that a place noun introduces ("the village of Umm Jurn", "Tal Hamis
    district"), names of sites ("the Al-Mahr Gas Fields", "the Imam Hussein shrine") and names
    written as lying in a place, that no other rule found: places the gazetteer lacks, kept so that
    the act is placed there (with the coordinates of the place around it)."""
    found = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        if i in taken or not name_like(token):
            i += 1
            continue
        by_kind = _introduced_by_kind(doc, i)
        if token.pos != PROPN and (starts_sentence(token) or (is_word_not_name(token.text) and not by_kind)):
            i += 1
            continue
        end = i + 1
        while end < n and end not in taken and end - i < 6 and (
                name_like(tokens[end]) or tokens[end].text == "-" or glued_article(tokens[end])):
            end += 1
        after = end < n and tokens[end].pos == NOUN and tokens[end].lemma_.lower() in PLACE_KINDS
        # "the Al-Manishiyah District", "the Al-Assad Suburb": a capitalised kind word, as "X district"
        after = after or (end - i > 1 and _ends_in_kind(tokens[i:end]) and not any(
            t.ent_type_ in PLACE_LABELS or t.ent_type_ == "ORG" for t in tokens[i:end]))
        site = end - i > 1 and site_noun(tokens[end - 1]) and _unknown_site_name(doc, i, end - 1)
        if not site and end < n and site_noun(tokens[end]) and tokens[end].is_lower \
                and _unknown_site_name(doc, i, end):
            end, site = end + 1, True  # "the Imam Hussein shrine"
        if (by_kind or after or site or _placed_within(doc, i, end) or _part_of_named(doc, i)) \
                and not (end - i == 1 and is_word_not_name(token.text) and not by_kind) \
                and not _named_side_cached(doc[i:end].text) \
                and not (token.pos != PROPN and (nationality_country(token.text) or (
                    end - i == 1 and _peoples_adjective(token)))):
            # "the Libyan capital", "a Jewish settlement", "an Alawite village": a nationality or a
            # people's adjective says whose place it is and names no place of its own
            found.append((i, end))
        i = end
    return found


def _part_of_named(doc, start: int) -> bool:
    """"in central Maree", "on the outskirts of Bza'a": a part of a place or the parts around it,
    written before a name, say the name is a place's (people have no centre or outskirts)."""
    if start > 1 and doc[start - 1].lower_ in PART_WORDS and doc[start - 2].lower_ in LOCATIVE_PREPS:
        return True
    noun = _noun_of(doc, start)
    return noun is not None and noun.lemma_.lower() in AROUND_NOUNS


def _noun_of(doc, start: int):
    """The noun of "<noun> of X" written just before a name ("the town of", "the outskirts of"), if any."""
    return doc[start - 2] if start > 1 and doc[start - 1].lower_ == "of" else None


def _ends_in_kind(words) -> bool:
    """A capitalised name whose last word is a kind of place and whose other words are not all
    plain English ("the Al-Assad Suburb", but not "the Police District")."""
    last = words[-1]
    return last.is_title and last.lower_ in PLACE_KINDS and not all(
        is_word_not_name(w.text) for w in words[:-1] if w.is_alpha)


def _placed_within(doc, start: int, end: int) -> bool:
    """"clashes near El Meram in West Kordofan", "a raid on his home in Isla Negra, a coastal
    town": a name after "in", "at" or "near" that is itself written as lying in another place, or
    as a kind of place, is a place though the gazetteer lacks it."""
    before = doc[start - 1].lower_ if start > 0 else ""
    if before not in LOCATIVE_PREPS or end + 1 >= len(doc):
        return False
    following = doc[end:end + 5]
    if following[0].lower_ in ("in", "near") and (name_like(following[1]) or following[1].lower_ == "the"):
        return True
    return following[0].text == "," and following[1].lower_ in ("a", "an") and any(
        t.pos == NOUN and t.lemma_.lower() in PLACE_KINDS for t in following[2:5])


def _index_holds(doc, start: int, end: int) -> bool:
    """Whether the gazetteer's index holds these words, as written, as one name."""
    return get_gazetteer().exists(name_key(clean_name(doc[start:end].text)))


def _unknown_site_name(doc, start: int, end: int) -> bool:
    """Whether the words before a site noun are a name of their own, not a place the gazetteer
    holds ("the Winnipeg jail", "Rafah terminal": the town is the place) nor a nationality ("a
    Spanish university")."""
    return doc[start].ent_type_ != "NORP" and not _index_holds(doc, start, end)


def site_noun(token) -> bool:
    """"Airport", "Gas Fields", "shrine": a noun that ends the name of a site (a capitalised one
    keeps its plural as its lemma)."""
    word = token.lower_
    return word in FACILITY_NOUNS or (word.endswith("s") and word[:-1] in FACILITY_NOUNS)


def site_town(doc, start: int, end: int, countries: tuple[str, ...]) -> Place | None:
    """The town a site is named after, where the story is, for a sentence that names no other known
    place: "the Kuweires Military Airport" is at Kuweires, "Tabaqa Dam" at Tabaqa ("the Imam Ali
    shrine in Karbala" is at Karbala, not at a village called Imam Ali). Only a site's name (ending
    in a site noun), only a town spelled as the gazetteer spells one of its names or a
    transliteration of it, and only in the story's countries."""
    if not countries or not site_noun(doc[end - 1]):
        return None
    stop = start
    while stop < end and name_like(doc[stop]) and not site_noun(doc[stop]) \
            and not is_word_not_name(doc[stop].text):
        stop += 1
    if stop == start or stop == end:
        return None
    town = _namesake_in(clean_name(doc[start:stop].text), countries, 0.9)
    return town if town is not None and town.fclass == "P" else None


def _places_inside_names(doc, entities: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Proper-noun runs (and capitalised adjectives: "the Russian Foreign Ministry") inside the names
    of organisations and events ("the Boston Marathon"; the tagger also calls a building an event:
    "the Lille Police Prefecture") that the gazetteer knows exactly, when the whole name is not
    itself a place. They tell where
    the story is; `choose` makes one an event's place only when its sentence names no other."""
    gazetteer = get_gazetteer()
    found = []
    for start, end, label in entities:
        if label not in ("ORG", "EVENT") or end - start < 2 or _index_holds(doc, start, end):
            continue
        i = start
        while i < end:
            if doc[i].pos_ not in ("PROPN", "ADJ") or doc[i].lower_ in _INNER_WORDS or not doc[i].text[:1].isupper():
                i += 1
                continue
            stop = i + 1
            while stop < end and stop - i < 3 and doc[stop].pos_ == "PROPN" and doc[stop].lower_ not in _INNER_WORDS:
                stop += 1
            known = next((e for e in range(stop, i, -1) if gazetteer.exists(name_key(doc[i:e].text))), None)
            if known is not None and known < end and doc[known].lower_ in ("of", "for"):
                known = None  # "the University of Michigan": the organisation's kind, before its place
            if known is None:
                i += 1
            else:
                found.append((i, known))
                i = known
    return found


def _adjectival_places(doc, tokens: list, taken: set[int]) -> list[tuple[int, int]]:
    """Capitalised adjectives inside a sentence that are a place's exact name ("Aleppo" in "southern
    Aleppo districts"); `_plausible_inner` then keeps only well-known towns or towns of the story's
    country, so "Western" or "Central" never become places."""
    gazetteer = get_gazetteer()
    adjectives = (t for t in tokens if t.is_title and t.pos == ADJ and t.i not in taken)
    return [(t.i, t.i + 1) for t in adjectives
            if not starts_sentence(t) and _CAPITALISED.match(t.text) and t.lower_ not in PART_WORDS
            and gazetteer.exists(name_key(t.text))]


def _plausible_inner(place: Place | None, focus: tuple[str, ...], text: str) -> bool:
    """A place inside an organisation's name counts when it is well known (a country, a state, a
    capital, a big city) or an admin area or town of the story's country, and is not a word; a
    nationality there names its country (never the act's place: `where.is_demonym`)."""
    if place is None or place.match < 0.95:
        return False
    if is_word_not_name(text) and not (place.match >= 1.0 and KIND_SUFFIX.match(text) and place.country in focus):
        return False  # "Levy County Sheriff's Office" in a US story is the county, though "levy" is a word
    if place.extra.get("demonym"):  # "the U.S. House", "American Electric Power": the country
        return place.fcode.startswith("PCL")
    if _well_known(place):
        return True
    return place.country in focus and (place.fcode == "ADM2" or place.population >= 20_000)


def _well_known(place: Place) -> bool:
    return place.fcode.startswith("PCL") or place.fcode in ("ADM1", "PPLC") or place.population >= WELL_KNOWN_TOWN


SEATS = frozenset({"PPLC", "PPLA", "PPLA2", "PPLA3", "PPLA4"})
HINTED_AWAY_TOWN = 10_000  # a town this large, or a seat, stands against the nationalities of a story's people


def _sizeable(place: Place, population: int) -> bool:
    """At least this many people, or an admin area or an admin seat (GeoNames lists many seats in
    the conflict countries with no population)."""
    return place.population >= population or place.fclass == "A" or place.fcode in SEATS


def _introduced(doc, start: int, end: int | None = None) -> bool:
    """"in X", "near X", "the town of X", "X district", "struck X": words that say a name is a
    place (the object of a violent verb is where it struck), also through "X and Y"."""
    if start > 0 and doc[start - 1].lower_ in LOCATIVE_PREPS:
        return True
    noun = _noun_of(doc, start)
    if noun is not None and (noun.lemma_.lower() in PLACE_KINDS | AROUND_NOUNS or noun.lower_ in DIRECTION_WORDS):
        return True  # "the town of X", "the outskirts of X", "south of X"
    if end is not None and end < len(doc) and doc[end].lemma_.lower() in PLACE_KINDS:
        return True
    root = doc[start:end].root if end else doc[start]
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in PLACE_KINDS:
        return True  # "the settlements of Arbin, Harasta and Jobar"
    return root.dep_ == "dobj" and _strikes(root.head)


AROUND_NOUNS = words("place_words.yaml", "around_nouns")
DIRECTION_WORDS = words("place_words.yaml", "directions")
NEAR_WORDS = words("place_words.yaml", "near_words")
BORDER_NOUNS = words("place_words.yaml", "border_nouns")
PERSON_ROLES = frozenset({"nsubj", "nsubjpass", "poss", "appos", "dative", "attr"})


def _acting(doc, start: int, end: int) -> bool:
    """Whether a name stands where a person does ("Adams was shot", "Bell's lawyer", "by Sanghir"),
    so that only a strong reason makes it a place."""
    root = doc[start:end].root
    return root.dep_ in PERSON_ROLES or (root.dep_ == "pobj" and root.head.dep_ == "agent")


def _qualifies_people(doc, start: int, end: int) -> bool:
    """"Shia pilgrims", "Alawite villages", "a Sunni-majority area": a word that says which people,
    written before the noun it qualifies and not after a preposition that would make it a place."""
    root = doc[start:end].root
    head = root.head.lemma_.lower()
    return root.dep_ in ("amod", "compound", "npadvmod", "nmod") and root.head.i > root.i \
        and (head in PEOPLE_NOUNS or head in actor_nouns()) and not _introduced(doc, start, end)


def _peoples_adjective(token) -> bool:
    """"Jewish", "Kurdish": an adjective the tagger calls a people's that no town is named (the
    tagger calls unknown town names so as well: "Shopian district", "central Hit")."""
    return token.ent_type_ == "NORP" and token.pos == ADJ and not _a_town_is_named(token.text)


@lru_cache(maxsize=20_000)
def _a_town_is_named(text: str) -> bool:
    """Whether the gazetteer holds a town of this name, spelled as written."""
    return any(place.fclass == "P" and place.match >= 0.95 for place in get_gazetteer().candidates(text, None, False))


ORGANISATION_ENDS = words("place_words.yaml", "organisation_ends")


def _an_organisations_name(doc, start: int, end: int) -> bool:
    """"the Titus County Sheriff's Office" tagged as a place: a name of several words ending in an
    organisation's word, which the gazetteer lacks, is an organisation's name."""
    return end - start > 1 and doc[end - 1].lemma_.lower() in ORGANISATION_ENDS and not _index_holds(doc, start, end)


MAKE_NOUNS = words("place_words.yaml", "make_nouns")
_MODEL = re.compile(r"^[A-Za-z]{1,4}-?\d+[A-Za-z]*$")  # "UH-1", "CH-47", "T-72", "F16"


def _names_a_make(doc, start: int, end: int) -> bool:
    """"Katyusha rockets", "Molotov cocktails", "a Bell UH-1 helicopter": a name written before a
    weapon or a vehicle, or before a model number, is its make, not where anything happened."""
    node = doc[start:end].root
    for _ in range(3):
        if node.dep_ not in ("compound", "nmod", "amod") or node.head.i <= node.i:
            return False
        node = node.head
        if node.lemma_.lower() in MAKE_NOUNS or _MODEL.match(node.text):
            return True
    return False


def _sector_word(text: str) -> bool:
    """"Police", "Army District": a word for armed forces (or one with a kind of place after it)
    names them, whatever the tagger says; only "the town of Police" makes it a place."""
    word = _before_kind_word(text).lower()
    return word in FORCE_NOUNS or word.rstrip("s") in FORCE_NOUNS


def _introduced_by_kind(doc, start: int) -> bool:
    """"the town of X": only a place noun makes a common word a place name ("in Reading"); not a
    capitalised kind word inside an organisation's name ("the Islamic State of Iraq")."""
    kind = _noun_of(doc, start)
    if kind is None or kind.lemma_.lower() not in PLACE_KINDS:
        return False
    return not (kind.is_title and kind.ent_type_ == "ORG" and doc[start].ent_type_ == "ORG")


def _in_dateline(doc, start: int) -> bool:
    """A name in upper case in a dateline ("KIDAL, March 9 -"); only upper-case names can be."""
    from trucewatch.extract.who import in_dateline

    return doc[start].is_upper and in_dateline(doc[start])


@lru_cache(maxsize=20_000)
def _named_side_cached(text: str) -> bool:
    from trucewatch.extract.links import resolve_actor

    ref = resolve_actor(text)
    return bool(ref.name) and (ref.sector or "").upper() in NONSTATE_SECTORS


SIDE_NAME_HEADS = words("place_words.yaml", "side_name_heads")


def _in_a_sides_name(organisations: list, start: int) -> bool:
    """Whether a place lies inside the name of an armed or political group ("the Ulster Volunteer
    Force", "the Movement for the Emancipation of the Niger Delta", "Hamas" as the dictionary knows
    it): the name says whose side, not where. `organisations`: the story's ORG entities."""
    entity = next((e for e in organisations if e.start <= start < e.end), None)
    if entity is None:
        return False
    head = entity.root.lemma_.lower()
    return head in SIDE_NAME_HEADS or head in actor_nouns() or _named_side_cached(entity.text)


def _named_side(text: str, label: str) -> bool:
    """An organisation the actor dictionary knows as an armed or political group ("Hamas",
    "the ELN"): a side, not the town that shares its letters."""
    return label in ("ORG", "PERSON", "NORP", GAZ) and _named_side_cached(text)


def _strikes(verb) -> bool:
    """A verb of violence or of taking ground ("struck", "pounded", "stormed", "captured")."""
    from trucewatch.extract.what import default_lexicon, fixed_lemma

    return any(act.family == "violence" for act in default_lexicon().verbs.get(fixed_lemma(verb), ()))


def _states_short_name(place: Place) -> bool:
    """"US", "UAE", "BC", "EU": abbreviations that are a country's, a state's or a union's name."""
    return place.fcode.startswith("PCL") or place.fcode in ("ADM1", "CONT", "RGN")


def _plausible_extra(place: Place | None, focus: tuple[str, ...], introduced: bool, label: str,
                     text: str, dateline: bool = False, acting: bool = False,
                     far_from_story: bool = False) -> bool:
    """Names NER did not call places count when the match is good and something vouches: the
    curated list, the story's countries, a word that introduces a place, or prominence."""
    if place is None or (place.extra.get("demonym") and not is_abbreviation(text)):
        return False
    if is_abbreviation(text) and not dateline and not _states_short_name(place):
        return False  # "NATO", "SDF", "HTS": initials, not the towns whose codes they are
    if place.match < 0.95:  # a transliteration variant ("Taez"): only where the story is
        return place.country in focus or (introduced and (_well_known(place) or place.fcode in SEATS))
    if place.source and not place.source.startswith(("geonames", "whosonfirst", "naturalearth")):
        return True
    if _well_known(place) or dateline:
        return True
    if introduced and _sizeable(place, 1_000) and not far_from_story:
        return True  # "in Piccadilly" beside London: no Australian suburb of that name
    if acting:  # "Adams was shot", "Bell said": a person's role; a seat town of the region may still be
        return place.country in focus and place.fcode in SEATS and place.country in transliterated_countries()
    # A town of the story's country, or one of some size NER took for an organisation or a language.
    return place.country in focus or (label not in (GAZ, KIND, "PERSON") and _sizeable(place, 5_000))


LOOSE_MATCH = 0.85  # below this a name is a loose respelling (shared consonants), not a variant


def _loose_guess(place: Place | None, places: list[Place | None], hint) -> bool:
    """A loosely respelled namesake that nothing else in the story puts in its country (no other
    place there, no party from there), and neither a capital, a province nor a large town: a
    guess."""
    if place is None or place.match >= LOOSE_MATCH or _well_known(place) or place.fcode == "PPLA":
        return False
    return not _story_place_in_its_country(place, places) and place.country not in hint()


FAR_FROM_STORY_KM = 1_000.0


def _far_from(place: Place | None, placed: tuple[str, ...], points) -> bool:
    """A place outside the countries the story's places lie in, and far from every one of them:
    an untagged "in Piccadilly" beside London is no Australian suburb ("Sderot" beside Jabaliya,
    across a border, is near)."""
    if place is None or not placed or place.country in placed or not points:
        return False
    return all(distance_km(place.lat, place.lon, lat, lon) > FAR_FROM_STORY_KM for lat, lon in points)


def _appositive_names(doc, start: int, end: int) -> tuple[str, ...]:
    """Names written right after a place: "Tripoli, Lebanon", "Douma, in Eastern Ghouta",
    "Kot, Balochistan, Pakistan", "a village in Borno"."""
    names = []
    j = end
    if j + 1 < len(doc) and doc[j].lemma_.lower() in PLACE_KINDS and doc[j + 1].text == ",":
        j += 1  # "Baguio district, Davao City": the district's town after its kind word
    while j < len(doc) and doc[j].text == "," and len(names) < 2:
        j += 1
        if j < len(doc) and doc[j].lower_ in ("in", "near"):
            j += 1
            if j < len(doc) and doc[j].lower_ == "the":
                j += 1  # "Douma, in the Eastern Ghouta"; "from Sirte, the US gave" is a new clause
        k = j
        while k < len(doc) and doc[k].ent_iob_ in ("B", "I") and (k == j or doc[k].ent_iob_ == "I"):
            k += 1
        if k == j and doc[end - 1].lemma_.lower() not in PLACE_KINDS:
            # "Woodstock, Cape Town": a town the tagger missed (after "Diyarbakir Province, Sur
            # district" the town is a part of the province, not its area)
            k = _untagged_name_end(doc, j)
        if k == j:
            break
        names.append(doc[j:k].text)
        j = k
    if names and j + 1 < len(doc) and doc[j].lower_ in ("and", "or") and doc[j + 1].is_title:
        names = []  # "in Harvey, Harper and Kingman counties": a list, not "a town, its area"
    noun = _noun_of(doc, start)
    if noun is not None and noun.ent_type_ in PLACE_LABELS:
        names.append(noun.text)
    names.extend(_in_brackets(doc, end))
    names.extend(_written_around(doc, start, end))
    return tuple(names)


def _inside_trade_names(doc) -> frozenset[int]:
    """Tokens of the names of shops, bars and firms ("the Japan Noodle House", "the Lisbon Grill"),
    which borrow the names of famous places anywhere."""
    trade_nouns = trade_words()
    return frozenset(i for ent in doc.ents if ent.label_ in ("ORG", "FAC") and ent[-1].lemma_.lower() in trade_nouns
                     for i in range(ent.start, ent.end))


def _untagged_name_end(doc, j: int) -> int:
    """The end of a run of capitalised proper nouns at `j` that the gazetteer knows as a whole
    name (`j` itself when there is none)."""
    k = j
    while k < len(doc) and k - j < 4 and doc[k].pos_ == "PROPN" and name_like(doc[k]):
        k += 1
    text = doc[j:k].text
    return k if k > j and not is_word_not_name(text) and (_well_known_town(text) or _province_name(text)) else j


def _province_name(text: str) -> bool:
    """A name that is, spelled exactly, a state's or a province's ("Guaviare", "Balochistan")."""
    return any(c.match >= 0.95 and c.fcode == "ADM1" for c in get_gazetteer().candidates(text, None, False)[:3])


def _in_brackets(doc, end: int) -> list[str]:
    """"Segovia (Antioquia)", "Kot (Balochistan)": a proper name in brackets right after a place
    names the area it lies in, as a comma would."""
    if end + 2 < len(doc) and doc[end].text == "(":
        close = next((k for k in range(end + 1, min(end + 6, len(doc))) if doc[k].text == ")"), None)
        if close is not None and close > end + 1 and all(t.is_title or t.is_punct for t in doc[end + 1:close]):
            return [doc[end + 1:close].text]
    return []


def _written_around(doc, start: int, end: int) -> list[str]:
    """Areas a name is written in without a comma: "Matani in Peshawar", "X district of Helmand
    province", "the Venezuelan state of Amazonas", "the Yemen capital of Sanaa" (the nationality or
    country names the country)."""
    found = []
    first, close_by = _context_start(doc, _past_its_kind(doc, end))
    if first is not None:
        while first < len(doc) - 1 and (doc[first].lower_ == "the" or doc[first].lower_ in PART_WORDS):
            first += 1  # "a quarter of the southeastern Şırnak province"
        k = first + 1
        if doc[first].ent_type_ in PLACE_LABELS | ({"NORP"} if not close_by else set()):
            while k < len(doc) and doc[k].ent_iob_ == "I":
                k += 1
            if not (close_by and (_country_name(doc[first:k].text) or (
                    k < len(doc) and doc[k].lemma_.lower() in BORDER_NOUNS))):
                found.append(doc[first:k].text)  # "near Syria", "near the Syrian border": not inside it
        elif name_like(doc[first]) and not is_word_not_name(doc[first].text):
            while k < len(doc) and name_like(doc[k]) and doc[k].lemma_.lower() not in PLACE_KINDS:
                k += 1
            if k < len(doc) and doc[k].lemma_.lower() in PLACE_KINDS:
                found.append(doc[first:k].text)  # an untagged name written with its kind: "Şırnak province"
            elif close_by and not _country_name(doc[first:k].text):
                found.append(doc[first:k].text)  # "near Rafah", tagged or not: a town, if a big one
    kind = _noun_of(doc, start)
    if kind is not None and kind.lemma_.lower() in PLACE_KINDS:
        # "the Venezuelan state of Amazonas", "the Yemen capital of Sanaa", "Nigeria's town of Biu"
        found.extend(c.text for c in kind.children
                     if c.dep_ in ("amod", "compound", "poss") and c.ent_type_ in ("NORP", "GPE")
                     and c.lower_ not in PART_WORDS)  # "the Northern town of Garoowe": a direction
    return found


def _past_its_kind(doc, j: int) -> int:
    """Past the kind words written after a name: "X village", "the Jalozai refugee camp", "the X
    hills" (tokens read one by one: slicing the doc per name cost more than the rest of the rule)."""
    for k in (j, j + 1):
        if k >= len(doc):
            return j
        word = doc[k]
        if not (word.is_lower and word.pos_ in ("NOUN", "ADJ")):
            return j
        if word.lemma_.lower() in KINDS_AFTER_A_NAME:
            return k + 1
    return j


KINDS_AFTER_A_NAME = PLACE_KINDS | FACILITY_NOUNS


def _context_start(doc, j: int) -> tuple[int | None, bool]:
    """Where the area a place is written in begins, and whether the words only put it close by:
    "in Y", "of Y"; "near Y", "outside Y", "in the north of Y", "on the outskirts of Y" (close by)."""
    if j < len(doc) and doc[j].lower_ in ("located", "situated", "just"):
        j += 1
    if j + 1 >= len(doc):
        return None, False
    if doc[j].lower_ in ("in", "on", "at"):
        k = j + 1 + (doc[j + 1].lower_ == "the")
        if k + 1 < len(doc) and doc[k + 1].lower_ == "of" and (
                doc[k].lower_ in DIRECTION_WORDS or doc[k].lemma_.lower() in AROUND_NOUNS):
            return k + 2, True  # "in the north of Y", "on the outskirts of Y", "in north of Y"
    if doc[j].lower_ in ("in", "of"):
        return j + 1, False
    if doc[j].lower_ in NEAR_WORDS:
        return j + 1, True
    if doc[j].lower_ in DIRECTION_WORDS and doc[j + 1].lower_ == "of" and j + 2 < len(doc) and (
            _well_known_town(doc[j + 2].text) or (j + 3 < len(doc) and doc[j + 3].lower_ in TOWN_OF)):
        return j + 2, True  # "a village north of Y town": near the town (north of a province is outside it)
    return None, False


def _country_name(text: str) -> bool:
    """"Syrian Democratic Forces", "Iraqi Army": an organisation named after its country says
    which country the story is about."""
    return any(c.fcode.startswith("PCL") and c.match >= 0.95 for c in get_gazetteer().candidates(text, None, False)[:2])


AREA_OF = words("place_words.yaml", "area_of_nouns")
TOWN_OF = words("place_words.yaml", "town_of_nouns")


def _as_resolved(doc, start: int, end: int, text: str) -> str:
    """The name as the gazetteer should read it: "the countryside of Idlib" and "Deraa province"
    ask for the province, so they are looked up as "Idlib countryside", "Deraa province" (an
    area, not the town); "the city of Beni" asks for the town ("Beni city")."""
    if KIND_SUFFIX.match(text):
        return text  # already written with its kind ("Jowzjan province")
    noun = _noun_of(doc, start)
    if noun is not None and noun.lower_ in AREA_OF | TOWN_OF \
            and not any(c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" for c in noun.children):
        return f"{text} {noun.lower_}"
    if end < len(doc) and doc[end].lower_ in AREA_OF:
        return f"{text} {doc[end].lower_}"
    shared = _shared_area_word(doc[end - 1])
    if shared and not _an_area_alone(text):
        first, _, rest = text.partition(" ")
        # "the northern Parwan and Kapisa provinces": "northern" says which provinces
        return f"{rest if rest and first.lower() in PART_WORDS else text} {shared}"
    return text


@lru_cache(maxsize=20_000)
def _an_area_alone(text: str) -> bool:
    """Whether a name read alone already means an admin area ("North West": South Africa's
    province), so that a kind word after it need not be added (it might match another country's
    alternate name: "North West province" is also Cameroon's)."""
    best = next(iter(ranked(text, fuzzy=False, limit=1)), None)
    return best is not None and best.fclass == "A" and not best.fcode.startswith("PCL")


def _shared_area_word(last) -> str | None:
    """"the Idlib and Hama governorates", "the Parwan and Kapisa provinces": a plural kind of area
    after a list belongs to each of its names (singular, as the name would be written alone)."""
    if last.dep_ not in ("compound", "nmod", "conj"):
        return None
    first = first_conjunct(last)
    head = first.head
    if first.dep_ in ("compound", "nmod") and head.lemma_.lower() in AREA_OF and head.lower_ != head.lemma_.lower():
        return head.lemma_.lower()
    return None


def _well_known_town(text: str) -> bool:
    """A name that is, spelled exactly, a provincial capital, a large town or a district seat where
    names are transliterated: "Hama", "Idlib", "Jisr al-Shughur". NER often tags these as persons
    or organisations ("the Hama truce"); they still tell where the story is."""
    part = PART_PREFIX.match(text)  # "eastern Aleppo" tagged as a nationality
    candidates = get_gazetteer().candidates(part.group(2) if part else text, None, False)
    transliterated = transliterated_countries()
    return any(c.match >= 1.0 and c.fclass == "P" and (
        c.fcode in ("PPLA", "PPLC") or c.population >= WELL_KNOWN_TOWN
        or (c.fcode in SEATS and c.country in transliterated)) for c in candidates[:3])


TIME_LABELS = frozenset({"DATE", "TIME"})


def _misread_as_time(entity) -> bool:
    """"He was killed in Mayadeen": the tagger took an unknown capitalised word for a date. A date
    or time with no digit and no calendar word is a name, open to the gazetteer like any other."""
    return entity.label_ in TIME_LABELS and all(
        name_like(t) and not t.like_num and t.lower_ not in calendar_words() for t in entity)


CLOCK_WORDS = words("place_words.yaml", "clock_words")


def _clock_word(doc, start: int) -> bool:
    """"around 11 A.M.", "(0450 GMT)": a clock word after a time, which the tagger may call a
    place (it was a Belgian town) and the gazetteer may spell like one ("GMT in": an Iraqi village)."""
    if start == 0:
        return False
    token = doc[start]
    if len(token) > 4 or token.text.replace(".", "").lower() not in CLOCK_WORDS:
        return False
    before = doc[start - 1]
    return before.like_num or ":" in before.text


def _without_possessive(doc, span: tuple[int, int, str]) -> tuple[int, int, str]:
    """"Sri Lanka's former president" tagged as a person "Sri Lanka's": the possessive ending is
    not part of the name, which is looked up without it."""
    start, end, label = span
    if end - start > 1 and doc[end - 1].text in POSSESSIVES:
        return start, end - 1, label
    return span


POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


def _cut_at_plain_words(entity) -> tuple[int, int, str]:
    """"attacks on Aleppo for the ninth consecutive day" tagged as one title: a name that runs on
    into plain lower-case words ("ninth", "day") ends where its capitalised words end."""
    if entity.label_ in OTHER_NAME_LABELS and len(entity) > 1 and any(
            t.is_lower and t.is_alpha and t.lower_ not in _INNER_WORDS and t.lower_ not in JOINERS for t in entity):
        end = entity.start
        while end < entity.end and (name_like(entity.doc[end]) or entity.doc[end].text in JOINERS):
            end += 1
        if end > entity.start:
            return entity.start, end, entity.label_
    return entity.start, entity.end, entity.label_


PARTY_LETTERS = words("place_words.yaml", "party_letters")
_PARTY_WRITTEN = re.compile(r",[ \t]*([A-Z][A-Za-z]{0,2})-[A-Z]")  # ", R-Elbow", ", DFL-Cook", ", D-N.D."


def _party_homes(doc) -> list[tuple[int, int]]:
    """Token spans of the homes written after a party letter ("Rep. Jane Roe, R-Elbow Lake, said",
    "Sen. Tom Ash, DFL-Cook,"): where a legislator is from, by convention a place, never where an
    act happened. (The text is searched first: reading every token of a long story costs more.)"""
    found = doc.user_data.get("trucewatch_party_homes")
    if found is not None:
        return found
    found = []
    for match in _PARTY_WRITTEN.finditer(text_of(doc)):
        party = doc.char_span(match.start(1), match.end(1))
        if party is None or party.text.lower() not in PARTY_LETTERS:
            continue
        i = party.start
        if i + 1 >= len(doc) or doc[i + 1].text != "-":
            continue
        end = i + 2
        while end < len(doc) and end - i < 6 and (name_like(doc[end]) or doc[end].is_upper) and doc[end].text != ",":
            end += 1
        if end > i + 2 and end < len(doc) and doc[end].text in (",", ")", "."):
            found.append((i + 2, end))
    doc.user_data["trucewatch_party_homes"] = found
    return found


HOME_LABEL = "GPE"  # a legislator's home after a party letter is a place by convention
DATELINE_LABEL = "GPE"  # a dateline's name is a place by the convention that writes it
_DATELINE_NAME = re.compile(r"[ \t]*([A-Z][A-Z'.\-]*[A-Z.](?:[ \t]+[A-Z][A-Z'.\-]*[A-Z.])*)")


def _dateline_names(doc) -> list[tuple[int, int]]:
    """Token spans of the places that open datelines ("TORRINGTON — A fire…", "ST. LOUIS (AP) -"):
    the tagger often misses or splits a name written in capitals, but the convention says it is
    where the report was filed. A name the gazetteer lacks, or an English word ("UPDATE —"), is not."""
    from trucewatch.extract.who import datelines

    found = []
    for start, _ in datelines(doc):
        match = _DATELINE_NAME.match(text_of(doc), start)
        if match is None:
            continue
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        name = match.group(1).title()
        if span is None or not known(get_gazetteer(), name) or is_word_not_name(name):
            continue
        found.append((span.start, span.end))
    return found


def _beyond(doc, entity: tuple[int, int, str], fixed: set[int]) -> tuple[int, int, str] | None:
    """The part of a tagged name after words already read as a place by convention ("Honduras" of
    "TEGUCIGALPA, Honduras" tagged as one name); None when nothing of it is left."""
    start, end, label = entity
    if not fixed.intersection(range(start, end)):
        return entity
    while start < end and (start in fixed or doc[start].is_punct or doc[start].is_space):
        start += 1
    if start == end or fixed.intersection(range(start, end)):
        return None
    return start, end, label


def _sides_cut_in_two(doc, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """"the Islamic State of Iraq and the Levant" tagged as an organisation and a place: an
    organisation's name that goes on after "and" into the whole name of an actor the dictionary
    knows is one name, and the place in its second half is inside it."""
    widened, grown, covered = [], set(), set()
    for start, end, label in entities:
        if label == "ORG" and end + 1 < len(doc) and doc[end].lower_ == "and":
            stop = end + 1 + (doc[end + 1].lower_ == "the")
            last = next((last for last in range(min(stop + 3, len(doc)), stop, -1)
                         if all(name_like(t) or glued_article(t) or t.text == "-" for t in doc[stop:last])
                         and _whole_side_name(doc[start:last].text)), None)
            if last is not None:
                covered.update(range(end, last))
                grown.add((start, last, label))
                end = last
        widened.append((start, end, label))
    return [span for span in widened if span in grown or not covered.intersection(range(span[0], span[1]))]


@lru_cache(maxsize=5_000)
def _whole_side_name(text: str) -> bool:
    from trucewatch.actors import get_dictionary

    entry = get_dictionary().whole_name(text)
    return entry is not None and entry.kind == "group"


def _spans(doc) -> list[tuple[int, int, str]]:
    """Every span that may be a place name, with how it was found (its label)."""
    entities = [_without_possessive(doc, _cut_at_plain_words(ent)) for ent in doc.ents
                if not _misread_as_time(ent) and not _clock_word(doc, ent.start)]
    # Names a writing convention marks as places (datelines, a legislator's home) replace what the
    # tagger made of them and are never widened into a longer name.
    conventional = [(start, end, DATELINE_LABEL) for start, end in _dateline_names(doc)] + [
        (start, end, HOME_LABEL) for start, end in _party_homes(doc)]
    fixed = {i for start, end, _ in conventional for i in range(start, end)}
    entities = [rest for rest in (_beyond(doc, entity, fixed) for entity in entities) if rest is not None]
    entities = _sides_cut_in_two(doc, entities)
    entities = [(start, end, "ORG" if label in PLACE_LABELS and _an_organisations_name(doc, start, end) else label)
                for start, end, label in entities]
    spans = [entity for entity in entities if entity[2] in PLACE_LABELS]
    other = [entity for entity in entities if entity[2] in OTHER_NAME_LABELS]
    # Entities taken whole; their inner words are not looked up alone ("Brent" in a person's name).
    spans += [(start, end, label) for start, end, label in other
              if not (label == "PERSON" and end - start > 1 and not known(get_gazetteer(), doc[start:end].text))]
    taken = {i for start, end, _ in entities for i in range(start, end)} | fixed
    open_to = frozenset(i for start, end, _ in other for i in range(start, end))
    tokens = list(doc)
    runs = _runs(doc, tokens, taken, open_to)
    covered = {i for start, end in runs for i in range(start, end)}
    spans = [span for span in spans if not covered.intersection(range(span[0], span[1]))]
    spans += [(start, end, GAZ) for start, end in runs]
    named = {i for start, end, label in entities if label in PLACE_LABELS for i in range(start, end)} | fixed
    kind_named = _kind_named(doc, tokens, named)
    covered = {i for start, end in kind_named for i in range(start, end)}
    spans = [span for span in spans if not covered.intersection(range(span[0], span[1]))]
    spans += [(start, end, KIND) for start, end in kind_named]
    # Places inside other names are parts by design ("France" in "the Tour de France"): never widened.
    # ... unless the whole name is itself a settlement's ("Gana-Ropp village" tagged as an
    # organisation); a site's name ("Alexandria Country Day School") keeps the town inside it
    placed = {i for start, end, label in spans if label == KIND and end < len(doc)
              and doc[end].lemma_.lower() in PLACE_KINDS for i in range(start, end)}
    inner = [(start, end, IN_NAME) for start, end in _places_inside_names(doc, other)
             if not placed.intersection(range(start, end))]
    taken |= {i for start, end, _ in spans + inner for i in range(start, end)}
    spans += [(start, end, AS_ADJECTIVE) for start, end in _adjectival_places(doc, tokens, taken)]
    return sorted(whole_names(doc, spans) + inner + conventional)


def story_places(doc) -> list[PlaceMention]:
    """Every place mention in a story, resolved with the story as context; in text order."""
    located = []
    for start, end, label in _spans(doc):
        if start > 0 and doc[start - 1].lower_ in PART_WORDS:
            start -= 1  # "eastern Aleppo": the city, with a note saying which part
        text = clean_name(doc[start:end].text)
        if _clock_word(doc, start):
            continue
        if label in PLACE_LABELS or label == KIND or (may_match(text) and (
                label in (IN_NAME, AS_ADJECTIVE, "NORP") or not (is_word_not_name(text) and not _introduced_by_kind(doc, start)))):
            located.append((start, end, label, text))
    # Only names NER called places, and well-known towns it mislabelled ("Hama" tagged ORG), lend
    # context; the others are checked against it.
    # A non-state side's name the tagger called a place ("a Boko Haram attack" as a facility) lends
    # no context: spelled loosely it is some town abroad.
    vouching = [label in PLACE_LABELS and not (_named_side_cached(text) and not _well_known_town(text))
                or (label in ("ORG", GAZ, "PERSON", "PRODUCT") and _well_known_town(text))
                or (label == KIND and text.split()[-1].lower() in PLACE_KINDS and _well_known_town(text))  # "Cape Town"
                or (label == IN_NAME and _country_name(text)) for _, _, label, text in located]
    hint = lru_cache(maxsize=1)(lambda: actor_countries(doc))  # read only when no place says the country
    places = resolve_story([StoryName(*_lookup(doc, start, end, text), fuzzy=label in PLACE_LABELS, vouches=vouches)
                            for (start, end, label, text), vouches in zip(located, vouching)], hint=hint)
    # Where the story is: the places NER called places, and well-known towns it mislabelled; else
    # where its actors come from.
    # A country named only as the neighbour across a border ("near the border with Somalia") is not
    # where the story is.
    placed = story_focus([p for (start, end, label, _), p, vouches in zip(located, places, vouching)
                          if vouches and label != IN_NAME and not (named_inside(p) and p.fcode.startswith("PCL"))
                          and not _the_neighbour(doc[start:end].root, p)])
    focus = placed or hint()
    # Countries the story names as places ("in Syria", "the Syrian Democratic Forces"); a nationality
    # of those who act ("Russian jets") does not say where things happen.
    # A country's own name counts whatever label the tagger gave it ("Cameroon's far north" as ORG).
    # A country that only says whose forces or officials act ("the US military said", "Ankara
    # denied") does not say where the story is.
    # Such countries still choose among namesakes ("Beni" in a story about Congolese soldiers) when
    # the story writes no country as a place; when it does, its namesakes there come first.
    # A nationality inside an organisation's name ("a Syrian Army convoy") says whose it is: it
    # chooses among namesakes, like "the US military said", but is not a country the story names.
    # A country or town in a shop's or a bar's name ("the Japan Noodle House") is no place the
    # story names.
    traded = _inside_trade_names(doc)
    countries = [(p.country, (label == IN_NAME and not p.extra.get("demonym")) or (
                  label != IN_NAME and not _role(doc[start:end].root, p)))
                 for (start, end, label, _), p in zip(located, places)
                 if p is not None and p.country and p.fcode.startswith("PCL") and not named_inside(p)
                 and not (label == IN_NAME and start in traded) and not _the_neighbour(doc[start:end].root, p)
                 and (label in PLACE_LABELS | {IN_NAME} or (label not in ("NORP", AS_ADJECTIVE) and p.match >= 0.95))]
    written = {country for country, as_place in countries if as_place}
    preferred = {country for country, _ in countries}
    named = written | set(focus) if written else written  # the countries it names, and where its places are
    # A name inside an organisation's ("the Paris Public Library") that the story also writes as a
    # place the tagger saw ("in Paris, Illinois") is that place, however small.
    tagged = {(text.lower(), p.id) for (_, _, label, text), p in zip(located, places)
              if p is not None and label in PLACE_LABELS}
    # A story that names no place outside organisations' names ("the Levy County Sheriff's Office,
    # the Florida Highway Patrol") is still in the country of the states and countries those name.
    inner_focus = story_focus([p for (_, _, label, _), p in zip(located, places) if label == IN_NAME
                               and p is not None and p.fcode in ("ADM1", "PCLI") and not p.extra.get("demonym")])
    organisations = lru_cache(maxsize=1)(lambda: [doc[start:end] for start, end, label in _sides_cut_in_two(
        doc, [(e.start, e.end, e.label_) for e in doc.ents]) if label == "ORG"])
    story_points = near_points([p for p, vouches in zip(places, vouching) if vouches])
    homes = set(_party_homes(doc))  # "Rep. Jane Roe, R-Elbow Lake": whose home, not where anything happened
    outside = _outside_the_area_written_after(doc, located, places, set(focus))
    mentions = []
    for index, ((start, end, label, text), place) in enumerate(zip(located, places)):
        if index in outside:
            place = None  # "Gerille in Wajir District": no Somali "Gherille" spelled loosely
        if label == IN_NAME and start in traded and place is not None and focus and place.country not in focus:
            place = None  # a Thai story's "Japan Noodle House": a shop's name, not a place abroad
        if label not in ("NORP", AS_ADJECTIVE) and (label not in PLACE_LABELS or (place and place.match < 1.0)):
            place = _in_named_country(place, written or preferred, _as_resolved(doc, start, end, text))
        if label != AS_ADJECTIVE and (_abroad_unvouched(place, written or set(focus), label, text) or _small_abroad(
                place, written, label, places)):
            place = None  # the story names its countries; a loose, untagged or small namesake elsewhere is a guess
        if _loose_guess(place, places, hint):
            place = None  # "near Tillia" with nothing around it: no Egyptian "Tala" spelled loosely
        if label in PLACE_LABELS and place is not None and place.match < EXACT_MATCH and _named_side_cached(text):
            continue  # "a Boko Haram attack" tagged as a facility: a group, not a town spelled like it
        if _compass_point(text) and place is not None and place.country not in written \
                and not _story_place_in_its_country(place, places):
            continue  # "the North-east part of Diyala": a direction, not Iceland's Northeast region
        if label != IN_NAME and _names_a_make(doc, start, end) and not (
                place is not None and place.precision in ("country", "region")):
            # "Katyusha rockets": a make named after a town; "Russian jets" say whose; "an Air
            # Berlin plane" keeps the town inside the airline's name (never the act's place)
            continue
        if label in PLACE_LABELS and text == text.lower():
            continue  # "millions of naira" tagged as a place: names of places are written with capitals
        if label in PLACE_LABELS and _sector_word(text) and not _introduced_by_kind(doc, start):
            continue  # "Police District 3" tagged as a place: the police, not the Polish town
        if label == "NORP":
            # "Syrian", "Lebanese": the country, kept for context and maps, rarely an event's place;
            # a town the tagger called a nationality ("Kidal") is a town, but a group's name that
            # qualifies people ("Shia pilgrims", "a Shia-majority district") is no town of that name.
            town = place is not None and place.precision not in ("country", "region")
            # An adjective ("a Jewish settlement") names a people, not the area an alternate name
            # gives it.
            if place is None or place.match < 0.95 or (town and (
                    _peoples_adjective(doc[start]) or _qualifies_people(doc, start, end) or not _plausible_extra(
                        place, focus, _introduced(doc, start, end), label, text))):
                continue
        elif label in (IN_NAME, AS_ADJECTIVE):
            if not (_plausible_inner(place, focus or inner_focus, text)
                    or (place is not None and (text.lower(), place.id) in tagged)) or (
                    label == AS_ADJECTIVE and place.fclass != "P"):
                continue
            if label == IN_NAME and doc[start].pos == ADJ and not place.extra.get("demonym"):
                continue  # an adjective inside a name is a place only as a nationality ("Russian")
        elif label == KIND:
            # "the village of X": a place noun vouches for the name, though perhaps not for the
            # gazetteer's namesake abroad. Nationalities alone ("three Ethiopians were shot in
            # Bosaso town", "Togolese peacekeepers") keep out only small namesakes.
            allowed = named or set(focus)
            trusted = bool(named or placed) or not (place is not None and (
                place.fcode in SEATS or place.population >= HINTED_AWAY_TOWN))
            if place is not None and (place.match < 0.9 or (
                    allowed and trusted and place.country and place.country not in allowed and not _well_known(place))):
                place = None
        elif label not in PLACE_LABELS and named and place is not None and place.country and place.country not in named \
                and not (_well_known(place) and _by_its_own_name(place, text)):
            continue  # the story names its countries; a small namesake elsewhere is not meant
        elif label not in PLACE_LABELS and (_named_side(text, label) or not _plausible_extra(
                place, focus, _introduced(doc, start, end), label, text, _in_dateline(doc, start),
                _acting(doc, start, end), _far_from(place, placed, story_points))):
            continue
        if place is not None and _feature_for_area(doc, start, end, text, place):
            continue
        span = doc[start:end]
        mentions.append(PlaceMention(text=text, start=span.start_char, end=span.end_char, label=label,
                                     place=place, token_start=start, token_end=end,
                                     role="qualifying" if (start, end) in homes or (
                                         label == IN_NAME and _in_a_sides_name(organisations(), start))
                                     else _role(span.root, place)))
    return mentions


def _in_named_country(place: Place | None, named: set[str], text: str) -> Place | None:
    """A story that names its countries means the namesake there: "Mora" in a report about
    Cameroon's far north is the Cameroonian town, not the Greek region; kept as it was when no
    namesake in those countries is spelled as well."""
    if place is None or not named or place.country in named or place.fcode.startswith("PCL") or place.fcode == "PPLC":
        return place
    return _namesake_in(text, tuple(sorted(named)), max(place.match, EXACT_MATCH)) or place


@lru_cache(maxsize=20_000)
def _namesake_in(text: str, countries: tuple[str, ...], spelled: float) -> Place | None:
    """The best namesake of `text` in these countries spelled at least this well, if any (the
    plain candidate list is checked first: scoring is the costly part)."""
    names = [text] + [m.group(i) for m, i in ((KIND_SUFFIX.match(text), 1), (PART_PREFIX.match(text), 2)) if m]
    gazetteer = get_gazetteer()
    if not any(c.country in countries and c.match >= spelled for name in names for c in gazetteer.candidates(name, None, True)):
        return None
    inside = [c for c in ranked(text, PlaceContext(countries=countries), limit=40)
              if c.country in countries and c.match >= spelled]
    return inside[0] if inside else None


def _lookup(doc, start: int, end: int, text: str) -> tuple[str, tuple[str, ...]]:
    """The name to look up and the names written around it. "Biu, Nigeria" tagged as one name is
    the town, with what follows the comma as written context."""
    nearby = _appositive_names(doc, start, end)
    name, *rest = [part.strip() for part in text.split(",")]
    if rest and name and written_countries(tuple(rest)):  # "Biu, Nigeria", not "Kenilworth, Cape Town"
        nearby = tuple(part for part in rest if part) + nearby
        text = name
    return _as_resolved(doc, start, end, text), nearby


def _abroad_unvouched(place: Place | None, named: set[str], label: str, text: str = "") -> bool:
    """A place outside every country the story names, found only by a near-miss spelling (or read
    from a nationality-like word), and neither a country, a capital nor a large or provincial town:
    "Talataye" in Mali is no Yemeni "Talhat", "the Northern town of Biu, Nigeria" no Ghanaian region.
    Names spelled exactly keep their place: a story that names the US embassy is still in Bogota."""
    if place is None or not named or place.country in named or place.fcode.startswith("PCL"):
        return False
    if (place.match >= EXACT_MATCH or _same_name_other_kind(place, text)) and label != "NORP":
        return False  # "Wajir District" for Wajir County is its own name, not a near miss
    prominent = place.fcode in ("PPLC", "PPLA") or (place.fclass == "P" and place.population >= ABROAD_TOWN)
    # "Kabul Airport": a town spelled exactly inside a site's name is no near miss.
    return not (prominent and (place.match >= 1.0 or found_inside_a_name(place)))


def _outside_the_area_written_after(doc, located, places, focus: set[str]) -> set[int]:
    """Indexes of loosely respelled places that lie in another country than the area written
    right after them ("the city of Gerille in Wajir District", "Kot, Balochistan"): the written
    area is a filter, and no namesake outside it is meant. Only an area written as the gazetteer
    holds it, and written as an area ("Wajir District") or lying where the story is, filters: the
    "Gourma" of "Gourma-Rharous Cercle" is no Burkinabe province."""
    out = set()
    for index in range(len(located) - 1):
        place, area = places[index], places[index + 1]
        area_text = located[index + 1][3]
        if place is None or area is None or place.match >= LOOSE_MATCH or area.fclass != "A" \
                or area.country == place.country or not (
                    area.match >= EXACT_MATCH or _same_name_other_kind(area, area_text)) \
                or not (KIND_SUFFIX.match(area_text) or area.country in focus):
            continue
        between = [t.lower_ for t in doc[located[index][1]:located[index + 1][0]]]
        if between in (["in"], ["in", "the"], [","]):
            out.add(index)
    return out


def _same_name_other_kind(place: Place, text: str) -> bool:
    """The name as the gazetteer holds it but for its kind word ("Wajir District", "Wajir County")."""
    written, held = KIND_SUFFIX.match(text), KIND_SUFFIX.match(place.name)
    return written is not None and name_key(written.group(1)) == name_key(held.group(1) if held else place.name)


def _small_abroad(place: Place | None, named: set[str], label: str, others: list[Place | None]) -> bool:
    """A town the tagger called a place that lies outside every country the story names and where
    no other name of the story lies, found only under another of its names or under a name towns
    of many countries share, and that is neither a capital nor a large town (nor a provincial seat
    spelled exactly): "Inata" in a story about Burkina Faso is no Japanese "Inada", "Nyanga" in
    Nigeria no Rwandan "Nyanza", an "al-Mazraa" camp in Iraq no Israeli village. Unknown is better.
    ("New Milford" beside "Danbury" stays, though the story names Mexico; so does "Shakopee",
    spelled as the gazetteer spells its only town of that name.)"""
    if place is None or not named or label not in PLACE_LABELS or place.country in named or place.fclass != "P":
        return False
    exact = place.match >= 1.0
    written = place.matched or place.name
    kind = KIND_SUFFIX.match(written)  # "the city of Banga" is looked up as "Banga city"
    if exact and not _shared_by_countries(kind.group(1) if kind else written):
        return False
    if _story_place_in_its_country(place, others):
        return False
    return not (place.fcode == "PPLC" or place.population >= ABROAD_TOWN or (exact and place.fcode == "PPLA"))


def _story_place_in_its_country(place: Place, others: list[Place | None]) -> bool:
    """Whether another of the story's places lies in this place's country (then it may be meant)."""
    return any(other is not None and other.id != place.id and other.country == place.country for other in others)


SHARED_NAME_COUNTRIES = 3  # a name that towns of this many countries bear says nothing of which is meant


@lru_cache(maxsize=20_000)
def _shared_by_countries(text: str) -> bool:
    """Whether towns of several countries bear this name exactly ("al-Mazraa", "the farm", in
    Israel, Lebanon and Syria)."""
    countries = {c.country for c in get_gazetteer().candidates(text, None, False) if c.match >= 1.0 and c.fclass == "P"}
    return len(countries) >= SHARED_NAME_COUNTRIES


def _feature_for_area(doc, start: int, end: int, text: str, place: Place) -> bool:
    """"across the Nile", "along the Euphrates": "the" before a bare name that is only another
    name of a province or district (River Nile state, Euphrates district) names the river or
    feature the area is called after, not the area."""
    if start == 0 or end - start != 1 or doc[start - 1].lower_ != "the" or place.fclass != "A" \
            or place.fcode.startswith("PCL") or doc[start].lemma_.lower() in PLACE_KINDS:
        return False
    if end < len(doc) and doc[end].lemma_.lower() in PLACE_KINDS:
        return False  # "the Nile province"
    return name_key(text) not in (name_key(place.name), name_key(place.asciiname or place.name))


SPEECH = words("place_words.yaml", "reporting_verbs")
ACCUSING = words("place_words.yaml", "accusing_verbs")


def _role(root, place: Place | None = None) -> str:
    """"Ankara denied", "Moscow's denial", "Washington was accused": a capital or country as the
    government that speaks or acts; "US jets", "Syrian army": a name that says whose people,
    forces or acts they are. Neither is where an act happened."""
    from trucewatch.extract.what import default_lexicon

    root = first_conjunct(root)  # "Argentina, Israel and the US accused Iran": each of them speaks
    head = root.head
    if root.dep_ == "nsubj" and head.tag_ == "VBG" and head.dep_ in ("advcl", "acl", "ccomp") \
            and not any(c.dep_ in ("aux", "auxpass") for c in head.children):
        return ""  # "bombings hit Baghdad killing 30", "in the Yemeni capital Sanaa causing ...": the
        # parser hangs the act's participle on the last name; a place, not a government acting
    if head.lemma_.lower() in PLACE_KINDS and root.dep_ in ("compound", "amod", "nmod", "poss"):
        return ""  # "Borno state", "Nigeria's Borno state": the name's own kind of place
    governing = place is None or place.precision in ("country", "region", "admin1") or place.fcode == "PPLC"
    if root.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX") and head.i != root.i and governing \
            and not any(c.dep_ == "attr" and c.lemma_.lower() in SCENE_NOUNS for c in head.children):
        return "acting"  # "Ankara denied"; a town as a subject ("Kidal fell") is no government;
        # "Jonglei was the scene of clashes" says where
    if root.dep_ == "nsubjpass" and head.lemma_.lower() in SPEECH and governing:
        return "acting"
    if (root.dep_ == "dobj" and head.lemma_.lower() in ACCUSING) or (
            root.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_.lower() in ACCUSING):
        return "acting"  # "blamed Israel for the strike", "blamed it on Ankara": the accused side
    if root.dep_ == "pobj" and head.lower_ in ("in", "from") and _speaking_seat(head.head):
        return "acting"  # "the Government of National Accord in Tripoli said": its seat
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in SEAT_NOUNS | MISSION_NOUNS and (
            place is not None and place.precision == "country"):
        return "qualifying"  # "the embassies of Egypt and the UAE in Tripoli": whose, not where
    if modifies_a_mission(root) and (place is None or place.precision in ("country", "region")):
        return "qualifying"  # "the US consulate": whose mission; the act is where the mission is
    if _the_neighbour(root, place):
        return "qualifying"  # "7 km from the border with Somalia": the country across it, not where
    if root.dep_ == "pobj" and head.lower_ == "from" and head.head.lemma_.lower() in ORIGIN_NOUNS:
        return "qualifying"  # "five diplomats from the United Arab Emirates": who they are
    if root.dep_ == "pobj" and head.lower_ in ("of", "from") and _names_a_person(head.head):
        return "qualifying"  # "Sergeant Yossi Levi, 39, of Beersheba": where he is from
    if root.dep_ == "npadvmod" and head.dep_ == "amod" and head.lemma_.lower() in SPONSORING:
        return "qualifying"  # "US-led coalition jets", "Iran-backed militias"
    if root.dep_ in ("compound", "amod", "poss", "nmod") and head.pos_ in ("NOUN", "PROPN"):
        lemma = head.lemma_.lower()
        if lemma in actor_nouns():
            return "qualifying"
        if (lemma in default_lexicon().nouns or site_noun(head)) and (
                place is None or place.precision in ("country", "region")):
            return "qualifying"  # "US airstrikes", "a US base": whose; "the London bombings": where
    return ""


def _the_neighbour(root, place: Place | None) -> bool:
    """"on the border with Colombia", "near the frontier with Somalia": a country named as the
    neighbour is on the far side of the line (unless the act crossed it: "across the border with")."""
    head = root.head
    if root.dep_ != "pobj" or head.lower_ != "with" or place is None or place.precision != "country":
        return False
    border = head.head
    return border.lemma_.lower() in BORDER_NOUNS and border.head.lower_ not in CROSSING_PREPS


CROSSING_PREPS = words("place_words.yaml", "crossing_preps")


# "north east" as well as "north-east" and "northeast"
COMPASS_POINTS = frozenset(word.replace("-", " ") for word in words("place_words.yaml", "directions")) | frozenset(
    f"{a} {b}" for a in ("north", "south") for b in ("east", "west"))


def _compass_point(text: str) -> bool:
    """"North-east", "South West": a name that is only a direction."""
    return " ".join(text.lower().replace("-", " ").split()) in COMPASS_POINTS


def _by_its_own_name(place: Place, text: str) -> bool:
    """A country, a town, or an admin area written with its own name or a transliteration of it
    ("Al-Raqqa" for Ar-Raqqah): "Interior" is one English name of Oman's Ad Dakhiliyah
    governorate, not a way to write it in an English story."""
    if place.fclass != "A" or place.fcode.startswith("PCL"):
        return True
    own = (place.name, place.asciiname or place.name)
    return name_key(text) in map(name_key, own) or skeleton(text) in map(skeleton, own)


def first_conjunct(token):
    """The first name of a list ("Argentina" in "Argentina, Israel and the United States"): the
    list's words share its place in the clause, and so its role. Only a list joined by "and" or
    "or" counts: "TEGUCIGALPA, Honduras --" parsed as two conjuncts is a dateline, not a list."""
    chain = [token]
    while chain[-1].dep_ == "conj" and chain[-1].head.i != chain[-1].i and chain[-1].head.pos_ == "PROPN":
        chain.append(chain[-1].head)
    joined = any(child.dep_ == "cc" for member in chain for child in member.children)
    return chain[-1] if joined else token


SPONSORING = words("place_words.yaml", "sponsoring_participles")
ORIGIN_NOUNS = words("place_words.yaml", "origin_nouns")
PEOPLE_NOUNS = words("place_words.yaml", "people_nouns") | ORIGIN_NOUNS
SEAT_NOUNS = words("place_words.yaml", "seat_nouns")
SCENE_NOUNS = words("place_words.yaml", "scene_nouns")


def _names_a_person(token) -> bool:
    """A person's name, or the age written after it ("Yossi Levi, 39, of Beersheba")."""
    if token.ent_type_ == "PERSON":
        return True
    return token.like_num and token.dep_ == "appos" and token.head.ent_type_ == "PERSON"


def _speaking_seat(noun) -> bool:
    """A governing body that is the subject of a reporting verb, by its own or its of-phrase's
    head ("the Government of National Accord", "the interior ministry")."""
    node = noun
    if node.dep_ == "pobj" and node.head.lower_ == "of":
        node = node.head.head  # "the Government of National Accord"
    if node.dep_ != "nsubj" or node.head.lemma_.lower() not in SPEECH:
        return False
    return node.lemma_.lower() in SEAT_NOUNS or noun.lemma_.lower() in SEAT_NOUNS
