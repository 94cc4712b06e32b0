"""Choose which place a name denotes, using what the story says around it.

Evidence, in the order it usually decides: how well the name matches, other places named nearby
("Douma, in Eastern Ghouta", "Tripoli, Lebanon"), the story's country focus, and prominence
(population and feature type). When no candidate matches well enough the answer is None: an
unknown place, never a guess dressed as certainty.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from trucewatch.places.gazetteer import get_gazetteer
from trucewatch.places.model import Place
from trucewatch.places.names import name_key

MIN_MATCH = 0.6
EXACT_ENOUGH = 0.95  # below this, try the name without "eastern ..." or "... province"
MATCH_MARGIN = 0.1
NEAR_KM, NEAR_BONUS = 150.0, 0.6  # other story places within this distance lend support
AREA_BONUS = 1.2  # a town in the same state/governorate as the story's other places
MATCH_WEIGHT, PROMINENCE_WEIGHT = 4.0, 0.35
FOCUS_FIRST, FOCUS_OTHER = 2.5, 1.5  # the story's main country, its second country
# "Eastern Aleppo" is the eastern part of Aleppo, not another place; kept as a note.
_PART = re.compile(
    r"^(?:the\s+)?(north|south|east|west|northern|southern|eastern|western|central|north-?eastern|"
    r"north-?western|south-?eastern|south-?western|rural|greater|downtown|outer|suburban|"
    r"(?:the\s+)?(?:outskirts|suburbs|countryside|edge|centre|center) of)\s+(.+)$",
    re.IGNORECASE,
)
_KIND = re.compile(
    r"^(.+?)\s+(province|governorate|region|district|city|town|village|countryside|camp|area|"
    r"neighbourhood|neighborhood|municipality|county|state)$",
    re.IGNORECASE,
)
# "Dubai World Cup", "Colorado State University": a name not in the gazetteer that begins or ends with
# a well-known place is at that place. Only countries, admin-1 areas and big towns qualify (a street
# named after a hamlet says nothing), and the match is discounted so such names never pass as exact.
ADM1_AREA_BONUS = True
# A near-miss spelling (skeleton or fuzzy match) is a guess; in a story
# that gives context it stands only when the context vouches for it (same country, near the story's
# other places, in their state). On the gold halves such unvouched guesses were right about 1 in 10.
WEAK_MATCH = 0.9
CONTAINED_SCALE = 0.85
# Parts too generic to name a place by themselves ("South Kilburn Estate" is not the South District).
_GENERIC_PARTS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                  "central", "upper", "lower", "new", "old", "great", "greater", "little", "saint",
                  "st", "san", "santa", "port", "mount", "lake", "river", "no", "the", "royal", "united"}
CONTAINED_MIN_POPULATION = 100_000
_ADMIN_WORDS = {"province", "governorate", "region", "district", "countryside", "county", "state", "municipality"}


@dataclass(frozen=True)
class PlaceContext:
    """What a story tells about where it is: country focus and other places it names."""

    countries: tuple[str, ...] = ()  # ISO2 or ISO3 codes, most important first
    nearby: tuple[str, ...] = ()  # names written next to this one ("Lebanon" in "Tripoli, Lebanon")
    near: tuple[tuple[float, float], ...] = ()  # (lat, lon) of other places the story names
    areas: tuple[tuple[str, str], ...] = ()  # (country, admin1 name) of other places the story names


def _distance_km(a: Place, b: Place) -> float:
    return _km(a.lat, a.lon, b.lat, b.lon)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


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


def _has_context(context: PlaceContext) -> bool:
    return bool(context.countries or context.near or context.areas or context.nearby)


def _vouched(place: Place, context: PlaceContext) -> bool:
    """Whether the story's context supports this candidate at all."""
    focus = {c.upper() for c in context.countries}
    if place.country in focus or place.country3 in focus:
        return True
    if any(_km(place.lat, place.lon, lat, lon) < NEAR_KM for lat, lon in context.near):
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
        close = sum(_km(place.lat, place.lon, lat, lon) < NEAR_KM for lat, lon in context.near)
        value += NEAR_BONUS * min(close, 3)
    if context.areas and not _is_country(place):
        # A town in the state the story's other places are in, or that state itself ("Montana"
        # beside Billings and Bozeman is the state, not Montana City).
        area = place.name if place.fcode == "ADM1" and ADM1_AREA_BONUS else place.admin1
        if (place.country, name_key(area or "")) in context.areas:
            value += AREA_BONUS
    if kind_word:
        wants_area = kind_word.lower() in _ADMIN_WORDS
        if wants_area == (place.fclass == "A"):
            value += 1.5
    return value


def ranked(name: str, context: PlaceContext | None = None, *, limit: int = 10,
           fuzzy: bool = True) -> list[Place]:
    """Candidates for a name, best first, each carrying its score (and a note for city parts).
    `fuzzy=False` skips near-miss spellings (for names NER did not call places)."""
    context = context or PlaceContext()
    gazetteer = get_gazetteer()
    text = " ".join(name.split())
    candidates = list(gazetteer.candidates(text, None, fuzzy))
    note, kind_word = None, None
    if not candidates or candidates[0].match < EXACT_ENOUGH:
        part = _PART.match(text)
        kind = _KIND.match(text)
        if part and gazetteer.candidates(part.group(2), None, fuzzy):
            candidates = list(gazetteer.candidates(part.group(2), None, fuzzy))
            modifier = part.group(1).lower()
            note = f"{modifier} {{name}}" if modifier.endswith(" of") else f"{modifier} part of {{name}}"
        elif kind and gazetteer.candidates(kind.group(1), None, fuzzy):
            candidates = list(gazetteer.candidates(kind.group(1), None, fuzzy))
            kind_word = kind.group(2)
    if fuzzy and not any(c.match >= MIN_MATCH for c in candidates):
        contained, inner = _contained_place(text)
        if contained:
            candidates = contained
            note = "named in '" + text.replace("{", "{{").replace("}", "}}") + "'"
    results = []
    best_match = max((c.match for c in candidates), default=0.0)
    for candidate in candidates:
        # A looser spelling never beats a place whose name matches outright.
        if candidate.match < MIN_MATCH or candidate.match < best_match - MATCH_MARGIN:
            continue
        spelled_loosely = candidate.match < WEAK_MATCH and not (note and note.startswith("named in"))
        if spelled_loosely and _has_context(context) and not _vouched(candidate, context):
            continue
        result = replace(candidate, matched=text, score=score(candidate, context, kind_word))
        if note:
            result.note = note.format(name=candidate.name)
        results.append(result)
    if not kind_word:
        _seats_outrank_their_areas(results)
    results.sort(key=lambda p: -p.score)
    return results[:limit]


SEAT_KM = 60.0


def _seats_outrank_their_areas(results: list[Place]) -> None:
    """A district or province named after its seat ("Al Ma'ra" district, Maarat al-Numan town)
    owes its population to that town: a bare name means the town, so the town scores at least
    as well as the area (unless the text says "province" or "district", handled by the caller)."""
    areas = [p for p in results if p.fcode in ("ADM1", "ADM2")]
    for area in areas:
        for town in results:
            if town.fclass == "P" and town.country == area.country and town.match >= area.match - 0.05 \
                    and _distance_km(town, area) < SEAT_KM and town.score <= area.score:
                town.score = area.score + 0.01


def _well_known(place: Place) -> bool:
    return (place.fcode.startswith("PCL") or place.fcode == "ADM1" or place.fcode == "PPLC"
            or place.population >= CONTAINED_MIN_POPULATION)


def _contained_place(text: str) -> tuple[list[Place], str | None]:
    """Well-known places that a longer name begins or ends with, longest part first."""
    words = text.split()
    if len(words) < 2:
        return [], None
    gazetteer = get_gazetteer()
    parts = sorted({" ".join(words[:n]) for n in range(1, len(words))} | {" ".join(words[n:]) for n in range(1, len(words))},
                   key=lambda part: (-len(part.split()), words.index(part.split()[0])))
    for part in parts:
        short = len(name_key(part)) < 4 and not (part.isupper() and len(name_key(part)) >= 2)  # "US", "UAE"
        if short or part.lower().strip(".") in _GENERIC_PARTS:
            continue
        found = [c for c in gazetteer.candidates(part, None, False) if c.match >= EXACT_ENOUGH and _well_known(c)]
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
