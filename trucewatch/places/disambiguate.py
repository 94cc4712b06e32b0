"""Choose which place a name denotes, using what the story says around it.

Evidence, in the order it usually decides: how well the name matches, other places named nearby
("Douma, in Eastern Ghouta", "Tripoli, Lebanon"), the story's country focus, and prominence
(population and feature type). Story-level hints only choose among places of comparable size: a
namesake orders of magnitude smaller needs containment ("Paris" beside "Henry County") or an
apposition to win, and a country's own name written alone is the country. When no candidate matches
well enough the answer is None: an unknown place, never a guess dressed as certainty; near-miss
spellings stand only where names are transliterated (name_words.yaml).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from trucewatch.datafiles import read_lexicon
from trucewatch.places.gazetteer import get_gazetteer, too_long_for_a_place
from trucewatch.places.model import Place, distance_km
from trucewatch.places.names import name_key

MIN_MATCH = 0.6
EXACT_ENOUGH = 0.95  # below this, try the name without "eastern ..." or "... province"
MATCH_MARGIN = 0.1
NEAR_KM, NEAR_BONUS = 150.0, 0.6  # other story places within this distance lend support
AREA_BONUS = 1.2  # a town in the same state/governorate as the story's other places
CONTAINER_BONUS = 1.5  # the story writes the name of the candidate's county or district
SIBLING_BONUS = 1.0  # a state or province in a story that names other states of its country
MATCH_WEIGHT, PROMINENCE_WEIGHT = 4.0, 0.35
# Context decides between candidates of comparable size. A candidate more than GAP_FREE orders of
# magnitude smaller (population) than the largest candidate spelled as well loses GAP_WEIGHT per further
# order, unless the story names an area containing it or writes "X, Y" ("China" in a story about Texas
# is the country; "Paris" beside "Henry County" is the town there). Set on half 0 of the geoparsing
# gold, confirmed on half 1; the weight is modest because local news (LGL) often means the small town.
GAP_FREE, GAP_WEIGHT = 1.0, 0.5
MATCH_TIE = 0.01  # name matches closer than this count as spelled as well
COUNTRY_NAME_PENALTY = 3.0  # see _country_names_mean_countries
FOCUS_FIRST, FOCUS_OTHER = 2.5, 1.5  # the story's main country, its second country


@lru_cache(maxsize=1)
def _name_word_lists() -> dict[str, list]:
    """data/name_words.yaml as written (lists keep their order), read once."""
    return read_lexicon("trucewatch.places", "data/name_words.yaml")


def _alternatives(key: str) -> str:
    """One word list of data/name_words.yaml as a regex alternation of literal words, in file order."""
    return "|".join(re.escape(str(word)) for word in _name_word_lists()[key])


# "Eastern Aleppo" is the eastern part of Aleppo, not another place; kept as a note.
PART_PREFIX = re.compile(
    rf"^(?:the\s+)?({_alternatives('part_prefix_words')}|"
    rf"(?:the\s+)?(?:{_alternatives('part_of_nouns')}) of)\s+(.+)$",
    re.IGNORECASE,
)
SETTLEMENT_WORDS = frozenset({"city", "town", "village"})
KIND_SUFFIX = re.compile(rf"^(.+?)\s+({_alternatives('kind_suffix_words')})$", re.IGNORECASE)
# A near-miss spelling (skeleton or fuzzy match) is a guess; in a story
# that gives context it stands only when the context vouches for it (same country, near the story's
# other places, in their state). On the gold halves such unvouched guesses were right about 1 in 10.
WEAK_MATCH = 0.9
# "Dubai World Cup", "Colorado State University": a name not in the gazetteer that begins or ends with
# a well-known place is at that place. Only countries, admin-1 areas and big towns qualify (a street
# named after a hamlet says nothing), and the match is discounted so such names never pass as exact.
CONTAINED_SCALE = 0.85
CONTAINED_MIN_POPULATION = 100_000


@dataclass(frozen=True)
class PlaceContext:
    """What a story tells about where it is: country focus and other places it names."""

    countries: tuple[str, ...] = ()  # ISO2 or ISO3 codes, most important first
    nearby: tuple[str, ...] = ()  # names written next to this one ("Lebanon" in "Tripoli, Lebanon")
    near: tuple[tuple[float, float], ...] = ()  # (lat, lon) of other places the story names
    areas: tuple[tuple[str, str], ...] = ()  # (country, admin1 name) of other places the story names
    named_areas: tuple[tuple[str, str], ...] = ()  # (country, name key) of admin areas the story names
    state_countries: tuple[str, ...] = ()  # countries whose states/provinces (admin-1) the story names
    written: frozenset[str] = frozenset()  # name keys of the story's other names, as written


def _distance_km(a: Place, b: Place) -> float:
    return distance_km(a.lat, a.lon, b.lat, b.lon)


KM_PER_DEGREE = 111.19  # a degree of latitude is at least this many km apart everywhere
NEAR_DEGREES = NEAR_KM / KM_PER_DEGREE


def _near(place: Place, lat: float, lon: float) -> bool:
    """Within NEAR_KM; points farther apart in latitude alone skip the great-circle sum."""
    return abs(place.lat - lat) <= NEAR_DEGREES and distance_km(place.lat, place.lon, lat, lon) < NEAR_KM


def _is_country(place: Place) -> bool:
    return place.fcode.startswith("PCL")


def _nearby_support(place: Place, nearby_name: str) -> float:
    """How strongly a co-mentioned name vouches for this candidate."""
    gazetteer = get_gazetteer()
    key = name_key(nearby_name)
    if key in (name_key(place.admin1 or ""), name_key(place.admin2 or ""), name_key(place.within or "")):
        return 4.0
    best = 0.0
    for other in gazetteer.candidates(nearby_name, None, False)[:5]:
        if other.match < MIN_MATCH or other.id == place.id:
            continue
        if _is_country(other):
            if other.country == place.country:
                best = max(best, 3.5)
        elif other.fcode == "ADM1" and other.country == place.country and name_key(other.name) == name_key(place.admin1 or ""):
            best = max(best, 4.0)
        elif _distance_km(place, other) < 60:
            best = max(best, 3.0 if other.fclass in ("A", "L") or other.fcode == "RGN" else 2.0)
    return best


def transliterated_countries() -> frozenset[str]:
    """Countries whose place names reach English through transliteration (name_words.yaml)."""
    return _name_words()["transliterated_countries"]


def _loose_spelling_plausible(place: Place) -> bool:
    """Whether a near-miss spelling may denote this place: transliterated names vary, and countries
    and states are written as adjectives ("Dagestani"); other towns' names are spelled as listed."""
    return (place.country in _name_words()["transliterated_countries"] or place.fcode.startswith("PCL")
            or place.fcode == "ADM1")


def _has_context(context: PlaceContext) -> bool:
    return bool(context.countries or context.near or context.areas or context.nearby)


def _vouched(place: Place, context: PlaceContext) -> bool:
    """Whether the story's context supports this candidate at all."""
    focus = {c.upper() for c in context.countries}
    if place.country in focus or place.country3 in focus:
        return True
    if any(_near(place, lat, lon) for lat, lon in context.near):
        return True
    if (place.country, name_key(place.admin1 or "")) in context.areas:
        return True
    return any(_nearby_support(place, name) > 0 for name in context.nearby)


def score(place: Place, context: PlaceContext, kind_word: str | None = None) -> float:
    """Evidence that this candidate is the place meant; higher is better."""
    value = MATCH_WEIGHT * place.match + PROMINENCE_WEIGHT * place.prominence
    focus = [c.upper() for c in context.countries]
    if focus:
        if place.country in focus[:1] or place.country3 in focus[:1]:
            value += FOCUS_FIRST
        elif place.country in focus or place.country3 in focus:
            value += FOCUS_OTHER
    for nearby_name in context.nearby:
        value += _nearby_support(place, nearby_name)
    if context.near and not _is_country(place):
        close = sum(_near(place, lat, lon) for lat, lon in context.near)
        value += NEAR_BONUS * min(close, 3)
    if context.areas and not _is_country(place):
        # A town in the state the story's other places are in, or that state itself ("Montana"
        # beside Billings and Bozeman is the state, not Montana City).
        area = place.name if place.fcode == "ADM1" else place.admin1
        if (place.country, name_key(area or "")) in context.areas:
            value += AREA_BONUS
    if _container_written(place, context):
        value += CONTAINER_BONUS
    if place.fcode == "ADM1" and place.country in context.state_countries:
        value += SIBLING_BONUS  # "Indiana, Kentucky and Delaware": a list of states
    if kind_word:
        wants_area = kind_word.lower() in _name_words()["admin_kind_words"]
        if wants_area == (place.fclass == "A"):
            value += 1.5
    return value


def ranked(name: str, context: PlaceContext | None = None, *, limit: int = 10,
           fuzzy: bool = True) -> list[Place]:
    """Candidates for a name, best first, each carrying its score (and a note for city parts).
    `fuzzy=False` skips near-miss spellings (for names NER did not call places)."""
    context = context or PlaceContext()
    if too_long_for_a_place(name):
        return []
    gazetteer = get_gazetteer()
    text = " ".join(name.split())
    candidates = list(gazetteer.candidates(text, None, fuzzy))
    note, kind_word = None, None
    town = KIND_SUFFIX.match(text)
    if town and town.group(2).lower() in SETTLEMENT_WORDS and not any(name_key(c.name) == name_key(text) for c in candidates) \
            and gazetteer.candidates(town.group(1), None, fuzzy):
        # "Qamishli city", "Beni town": the settlement, though a district is spelled nearly so
        candidates = list(gazetteer.candidates(town.group(1), None, fuzzy))
        kind_word = town.group(2)
    elif not candidates or candidates[0].match < EXACT_ENOUGH:
        part = PART_PREFIX.match(text)
        kind = KIND_SUFFIX.match(text)
        inner_kind = KIND_SUFFIX.match(part.group(2)) if part else None
        if inner_kind and not gazetteer.candidates(part.group(2), None, fuzzy) \
                and not (kind and _spelled_out(gazetteer.candidates(kind.group(1), None, fuzzy))) \
                and _spelled_out(gazetteer.candidates(inner_kind.group(1), None, fuzzy)):
            # "southern Kandahar province", "northwestern Jowzjan province": the province, with
            # the part as a note (not a region spelled like "northwestern Jowzjan")
            candidates = list(gazetteer.candidates(inner_kind.group(1), None, fuzzy))
            kind_word = inner_kind.group(2)
            modifier = part.group(1).lower()
            note = f"{modifier} part of {{name}}"
        elif part and gazetteer.candidates(part.group(2), None, fuzzy):
            candidates = list(gazetteer.candidates(part.group(2), None, fuzzy))
            modifier = part.group(1).lower()
            note = f"{modifier} {{name}}" if modifier.endswith(" of") else f"{modifier} part of {{name}}"
        elif kind and gazetteer.candidates(kind.group(1), None, fuzzy):
            candidates = list(gazetteer.candidates(kind.group(1), None, fuzzy))
            kind_word = kind.group(2)
    if fuzzy and not any(c.match >= MIN_MATCH for c in candidates):
        contained, inner = _contained_place(text)
        if context.near and _trade_name(text):
            # "the Heidelberg Tavern in Cape Town", "the Japan Karaoke bar": shops, bars and firms
            # borrow famous places' names. Where the story names towns of its own, such a place
            # counts only where the story is. (Courts, airports and stations are named after
            # their own towns: "Kabul Airport" is Kabul.)
            contained = [c for c in contained if _vouched(c, context)]
        if contained:
            candidates = contained
            note = f"{NAMED_IN} '" + text.replace("{", "{{").replace("}", "}}") + "'"
    candidates = _within_written_context(_worth_scoring(candidates, context), context)
    results = []
    best_match = max((c.match for c in candidates), default=0.0)
    for candidate in candidates:
        # A looser spelling never beats a place whose name matches outright.
        if candidate.match < MIN_MATCH or candidate.match < best_match - MATCH_MARGIN:
            continue
        spelled_loosely = candidate.match < WEAK_MATCH and not (note and note.startswith(NAMED_IN))
        if spelled_loosely and not _loose_spelling_plausible(candidate):
            continue
        if spelled_loosely and _has_context(context) and not _vouched(candidate, context):
            continue
        result = candidate.changed(matched=text, score=score(candidate, context, kind_word))
        if note:
            result.note = note.format(name=candidate.name)
        results.append(result)
    _weigh_prominence_gaps(results, context)
    _country_names_mean_countries(results)
    if not kind_word or kind_word.lower() in SETTLEMENT_WORDS:
        _seats_outrank_their_areas(results)
    elif kind_word.lower() in _name_words()["division_words"] and any(
            r.fclass == "A" and not _is_country(r) and r.match >= EXACT_ENOUGH for r in results):
        # "the province of Damascus": the text asks for the area; its capital, however much better
        # known, is not what it wrote
        results = [r for r in results if r.fclass == "A"]
    results.sort(key=lambda p: -p.score)
    return results[:limit]


NAMED_IN = "named in"  # the note of a place found only inside a longer name ("Kabul Airport")


def found_inside_a_name(place: Place) -> bool:
    """Whether a place was found only inside a longer name ("Paris City Hall", "Kabul Airport")."""
    return bool(place.note) and place.note.startswith(NAMED_IN)


def trade_words() -> frozenset[str]:
    """Last words of shops', bars' and firms' names (data/name_words.yaml)."""
    return _name_words()["trade_nouns"]


def _trade_name(name: str) -> bool:
    """A shop's, a bar's or a firm's name ("the Japan Karaoke bar"), which may borrow any famous
    place's name."""
    words = name.split()
    return bool(words) and words[-1].lower().strip(".,") in trade_words()


def in_a_trade_name(place: Place) -> bool:
    """A place found only inside the name of a shop, a bar or a firm."""
    return found_inside_a_name(place) and _trade_name(place.note[len(NAMED_IN):].strip().strip("'"))


def _spelled_out(candidates) -> bool:
    """Whether some candidate's name is spelled as written (not a near miss)."""
    return any(c.match >= EXACT_ENOUGH for c in candidates)


CANDIDATE_CAP = 60  # candidates scored in full; beyond them only those the story's context names


def _worth_scoring(candidates: list[Place], context: PlaceContext) -> list[Place]:
    """The best-matching, most prominent candidates, and any other in a country, state or county
    the story names: a common name ("Springfield") has hundreds of namesakes, and scoring each
    against the story costs more than reading the story."""
    if len(candidates) <= CANDIDATE_CAP:
        return candidates
    focus = {c.upper() for c in context.countries}
    return candidates[:CANDIDATE_CAP] + [
        c for c in candidates[CANDIDATE_CAP:]
        if c.country in focus or c.country3 in focus or (c.country, name_key(c.admin1 or "")) in context.areas
        or (c.admin2 and name_key(c.admin2) in context.written)]


def written_countries(nearby: tuple[str, ...]) -> set[str]:
    """Countries that names written next to a name say it lies in: "Tripoli, Lebanon", "Kot,
    Balochistan, Pakistan" (a country, or the country of a state or province)."""
    found = set()
    for name in nearby:
        # every country or state the name may be: "Somali" is Ethiopia's Somali Region and, as a
        # nationality, Somalia; either may be meant, a third country is not
        for other in get_gazetteer().candidates(name, None, False)[:3]:
            if other.match >= EXACT_ENOUGH and other.country and (_is_country(other) or other.fcode == "ADM1"):
                found.add(other.country)
        kind = KIND_SUFFIX.match(name)
        if not found and kind and kind.group(2).lower() in _name_words()["admin_kind_words"]:
            # "Concepción Department": the department of that name, wherever the index spells it so
            found |= {other.country for other in get_gazetteer().candidates(kind.group(1), None, False)[:5]
                      if other.match >= EXACT_ENOUGH and other.country and other.fcode == "ADM1"}
    return found


def _within_written_context(candidates: list[Place], context: PlaceContext) -> list[Place]:
    """Written context is a filter, not only a bonus: a town written "X, <country>" or "X, <state>"
    is in that country or unknown; "the Northern Province of Afghanistan" is no South African
    province of that name. Only a country's own name escapes it: "Syria, Lebanon" is a list of
    countries, not an apposition. (A story's countries are a filter for names the tagger did not
    call places: extract/place_names.py.)"""
    written = written_countries(context.nearby)
    if written and not any(c.match >= EXACT_ENOUGH and _is_country(c) for c in candidates):
        candidates = [c for c in candidates if c.country in written]  # a list of countries is no apposition
    # Only the name written first says where a name lies: in "Denver, Indianapolis, Louisville, Ky."
    # the state is Louisville's. A state is not inside another state written beside it ("in
    # Michigan, in Utah's parks"), nor a county inside a town ("the Licking County cities of Newark").
    first = context.nearby[:1]
    provinces = _written_provinces(first)
    if provinces:
        # "a quarter of Cizre in Şırnak province", "a suburb in Deir Ezzor": in that
        # province, not a namesake in another province of the same country
        candidates = [c for c in candidates if c.fcode == "ADM1" or _in_provinces(c, provinces)]
    towns = [town for town in map(_alone, first) if town is not None and town.country and not provinces]
    if towns and not any(_is_country(c) and c.match >= EXACT_ENOUGH or _peer_town(c, towns) for c in candidates):
        # "Matani in Peshawar": a part or a suburb of that town, not a namesake elsewhere (a list
        # of big towns is no apposition, but "Richmond, Cape Town" is no list of a US town and a
        # city twenty times its size)
        candidates = [c for c in candidates if c.country in {town.country for town in towns} and (
            c.fclass == "A" or any(_distance_km(c, town) < TOWN_REACH_KM for town in towns))]
    return candidates


TOWN_REACH_KM = 60.0  # how far from a big town a place written as lying in it ("X, Davao City") may be
DWARFED_RATIO = 10  # a town abroad this many times smaller than the city written beside it is no peer in a list


def _peer_town(candidate: Place, towns: list[Place]) -> bool:
    """A big town written by its own name, as a list of towns writes its items ("Denver,
    Indianapolis"): not a place that has the name only as an alternate one ("Salt River, Cape Town"
    is no list with Phoenix), nor a town abroad far smaller than every city written beside it
    ("Richmond, Cape Town": a part of that city)."""
    return candidate.match >= 1.0 and _big_town(candidate) and not all(
        town.country != candidate.country and candidate.population * DWARFED_RATIO < town.population for town in towns)


@lru_cache(maxsize=20_000)
def _written_provinces(nearby: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    """(country, name key) of the states or provinces written next to a name, where the name
    written means only that: "Kot, Balochistan" (not when it is also a country or a big town)."""
    found = set()
    for name in nearby:
        best = [c for c in get_gazetteer().candidates(name, None, False)[:3] if c.match >= EXACT_ENOUGH]
        if best and not any(_is_country(c) for c in best):
            # "Deir Ezzor" is the town and its governorate: a place written in it may be anywhere in
            # the governorate
            found |= {(c.country, name_key(c.name)) for c in best if c.fcode == "ADM1"}
    return frozenset(found & provinces_of_towns())


@lru_cache(maxsize=1)
def provinces_of_towns() -> frozenset[tuple[str, str]]:
    """(country, name key) of every province the gazetteer files towns under: a province known only
    by another name there (an older division, another source's spelling) filters nothing."""
    rows = get_gazetteer().query("SELECT DISTINCT country, admin1 FROM places WHERE fclass = 'P'", ())
    return frozenset((country, name_key(admin1)) for country, admin1 in rows if country and admin1)


def _in_provinces(place: Place, provinces: frozenset[tuple[str, str]]) -> bool:
    """Whether a place is one of those provinces or lies in one (as the gazetteer names its
    province); a country's places the gazetteer files under no province are kept."""
    countries = {country for country, _ in provinces}
    if place.country not in countries or _is_country(place):
        return True
    own = name_key(place.name) if place.fcode == "ADM1" else name_key(place.admin1 or "")
    return not own or (place.country, own) in provinces


def _big_town(place: Place) -> bool:
    """A capital, a provincial capital or a town of CONTAINED_MIN_POPULATION people."""
    return place.fclass == "P" and (place.fcode in ("PPLC", "PPLA") or place.population >= CONTAINED_MIN_POPULATION)


@lru_cache(maxsize=20_000)
def _alone(name: str) -> Place | None:
    """The big town a name means when read alone, spelled exactly; None if it means something else."""
    if name.endswith(".") or name.isupper():
        return None  # an abbreviation ("Man.", "Pa.", "UK")
    best = next(iter(ranked(name, fuzzy=False, limit=1)), None)
    return best if best is not None and best.match >= 1.0 and _big_town(best) else None


def _country_names_mean_countries(results: list[Place]) -> None:
    """A country's own name written alone is the country: places that merely list it among their
    alternate names ("Mexico" for Mexico City) yield to it."""
    if not any(p.match >= 1.0 and _is_country(p) for p in results):
        return
    for place in results:
        if place.match < 1.0 and not _is_country(place):
            place.score -= COUNTRY_NAME_PENALTY


def _container_written(place: Place, context: PlaceContext) -> bool:
    """Whether the story writes the name of this place's county or district ("Henry County" beside
    "Paris"), however the story's other names were resolved. (State names are left to the resolved
    places: "New York" or "Washington" written alone is as often the city.)"""
    return bool(place.admin2) and name_key(place.admin2) in context.written


def _contained_by_named_area(place: Place, context: PlaceContext) -> bool:
    """Whether the story names an admin area (state, county, governorate) this place lies in."""
    return _container_written(place, context) or any(
        (place.country, name_key(area or "")) in context.named_areas
        for area in (place.admin1, place.admin2, place.within) if area)


def _contains_story_places(place: Place, context: PlaceContext) -> bool:
    """Whether this is the state or province the story's other places lie in."""
    return place.fcode == "ADM1" and (place.country, name_key(place.name)) in context.areas


def _strongly_supported(place: Place, context: PlaceContext) -> bool:
    """Evidence that may overrule prominence: containment in a named area, being the area that
    contains the story's places, or an "X, Y" apposition."""
    return (_contained_by_named_area(place, context) or _contains_story_places(place, context)
            or any(_nearby_support(place, name) > 0 for name in context.nearby))


def _weigh_prominence_gaps(results: list[Place], context: PlaceContext) -> None:
    """Charge candidates far smaller than the largest one spelled as well, unless strongly supported:
    story-level hints (same country, nearby towns) only choose among places of comparable size."""
    sizes = [p.size for p in results]
    largest_by_match: dict[float, float] = {}
    for match, size in zip((p.match for p in results), sizes):
        largest_by_match[match] = max(size, largest_by_match.get(match, 0.0))
    largest_at = {m: max(s for other, s in largest_by_match.items() if other >= m - MATCH_TIE)
                  for m in largest_by_match}
    for place, size in zip(results, sizes):
        gap = largest_at[place.match] - size
        if gap > GAP_FREE and not _strongly_supported(place, context):
            place.score -= GAP_WEIGHT * (gap - GAP_FREE)


SEAT_KM = 60.0
SEAT_CODES = frozenset({"PPLC", "PPLA", "PPLA2", "PPLA3"})  # towns that are seats of an admin area
SEAT_FAR_KM = 120.0  # a district's label point may lie this far from its seat (Menbij: 68 km)


def _seat_of(town: Place, area: Place) -> bool:
    """Whether a town is the seat an area is named after: near it, or, for a seat town and a
    district, within the distance a district's label point may lie from its seat."""
    if abs(town.lat - area.lat) > SEAT_FAR_KM / KM_PER_DEGREE:
        return False  # farther apart in latitude alone: no great-circle sum needed
    distance = _distance_km(town, area)
    return distance < SEAT_KM or (town.fcode in SEAT_CODES and area.fcode == "ADM2" and distance < SEAT_FAR_KM)


def _seats_outrank_their_areas(results: list[Place]) -> None:
    """A district or province named after its seat ("Al Ma'ra" district, Maarat al-Numan town;
    Menbij district, Manbij town) owes its population to that town: a bare name means the town,
    so the town scores at least as well as the area (unless the text says "province" or
    "district", handled by the caller). A town close to the area's point is its seat even where
    the gazetteer files the two under different countries (Jerusalem, and the West Bank
    governorate of that name)."""
    areas = [p for p in results if p.fcode in ("ADM1", "ADM2")]
    for area in areas:
        for town in results:
            if town.fclass == "P" and town.match >= area.match - 0.05 and town.score <= area.score and (
                    _seat_of(town, area) if town.country == area.country
                    else town.fcode in SEAT_CODES and _distance_km(town, area) < SEAT_KM):
                town.score = area.score + 0.01


def _well_known(place: Place) -> bool:
    return (place.fcode.startswith("PCL") or place.fcode == "ADM1" or place.fcode == "PPLC"
            or place.population >= CONTAINED_MIN_POPULATION)


@lru_cache(maxsize=1)
def _name_words() -> dict[str, frozenset[str]]:
    """The word lists of data/name_words.yaml (lower-case words, upper-case country codes)."""
    return {key: frozenset(str(word) for word in words) for key, words in _name_word_lists().items()}


def _by_own_name(place: Place) -> bool:
    """Found under its own name, or is a country or region (whose short names and demonyms are
    standard): an old or foreign alternate name inside a longer name is a coincidence."""
    return place.match >= 1.0 or place.fcode.startswith("PCL") or place.fclass in ("L", "H")


def _contained_place(text: str) -> tuple[list[Place], str | None]:
    """Well-known places that a longer name begins or ends with, longest part first; none when the
    name is a street, river or township named after a place ("Hampton Avenue")."""
    words = text.split()
    name_words = _name_words()
    if len(words) < 2 or words[-1].lower().strip(".,") in name_words["named_after_heads"]:
        return [], None
    gazetteer = get_gazetteer()
    parts = sorted({" ".join(words[:n]) for n in range(1, len(words))} | {" ".join(words[n:]) for n in range(1, len(words))},
                   key=lambda part: (-len(part.split()), words.index(part.split()[0])))
    for part in parts:
        short = len(name_key(part)) < 4 and not (part.isupper() and len(name_key(part)) >= 2)  # "US", "UAE"
        if short or part.lower().strip(".") in name_words["generic_parts"]:
            continue
        found = [c for c in gazetteer.candidates(part, None, False)
                 if c.match >= EXACT_ENOUGH and _well_known(c) and _by_own_name(c)]
        if found:
            return [replace(c, match=c.match * CONTAINED_SCALE) for c in found], part
    return [], None


def resolve(name: str, *, context: PlaceContext | dict | None = None, fuzzy: bool = True) -> Place | None:
    """The place a name most likely denotes here, or None when nothing fits.

    `context` is a PlaceContext or a dict of its fields, e.g. {"countries": ["SY"], "nearby": ["Lebanon"]}.
    """
    if not name or not name.strip():
        return None
    if isinstance(context, dict):
        context = PlaceContext(**{key: tuple(value) for key, value in context.items()})
    results = ranked(name, context, limit=1, fuzzy=fuzzy)
    return results[0] if results else None
