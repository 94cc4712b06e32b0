"""Resolve all of a story's place names together, each in the light of the others.

A story's names explain each other: "Paris" beside "Henry County" and "Tennessee" is not the French
capital. Resolution runs in rounds: first each name alone, then each name with the story's other
places (their countries, admin-1 areas and points) and other names as written (a town whose county
the story writes) as context, using the previous round's answers.
A name never vouches for itself, however it is written ("ARLINGTON" and "Arlington" are one name).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from trucewatch.places.disambiguate import PlaceContext, found_inside_a_name, in_a_trade_name, resolve
from trucewatch.places.model import Place
from trucewatch.places.names import name_key

# Context rounds after the context-free one, stopping early once the story's answers settle: later
# rounds let names that explain each other ("Paris", "Henry County") settle together. 3 beat 2 and 1
# on both halves of the geoparsing gold.
ROUNDS = 3


@dataclass(frozen=True)
class StoryName:
    """One place name as the story writes it, with what is written right next to it."""

    text: str
    nearby: tuple[str, ...] = ()  # "Lebanon" in "Tripoli, Lebanon"
    fuzzy: bool = True  # allow near-miss spellings (False for names NER did not call places)
    vouches: bool = True  # may lend context to the story's other names


def story_areas(places: Sequence[Place | None]) -> tuple[tuple[str, str], ...]:
    """(country, admin1 key) pairs the story's other places lie in or are."""
    areas = set()
    for place in places:
        if place is None or place.fcode.startswith("PCL"):
            continue
        admin1 = place.name if place.fcode == "ADM1" else place.admin1
        if admin1:
            areas.add((place.country, name_key(admin1)))
    return tuple(sorted(areas))


def near_points(places: Sequence[Place | None], limit: int = 12) -> tuple[tuple[float, float], ...]:
    """Points of the story's specific places (not countries), for "close to the rest" support."""
    points = {(round(p.lat, 2), round(p.lon, 2)) for p in places
              if p is not None and not p.fcode.startswith("PCL") and p.precision != "region"}
    return tuple(sorted(points))[:limit]


def story_focus(places: Sequence[Place | None]) -> tuple[str, ...]:
    """The story's countries, most mentioned first (countries count double: they are named to orient)."""
    counts: Counter[str] = Counter()
    for place in places:
        if place is not None and place.country:
            counts[place.country] += 2 if place.fcode.startswith("PCL") else 1
    return tuple(code for code, _ in counts.most_common(2))


def named_areas(places: Sequence[Place | None]) -> tuple[tuple[str, str], ...]:
    """(country, name key) of the admin areas (states, counties, governorates) the story names."""
    return tuple(sorted({(p.country, name_key(p.name)) for p in places
                         if p is not None and p.fcode in ("ADM1", "ADM2")}))


def state_countries(places: Sequence[Place | None]) -> tuple[str, ...]:
    """Countries whose states or provinces the story names (a story listing states names more)."""
    return tuple(sorted({p.country for p in places if p is not None and p.fcode == "ADM1" and p.country}))


Hint = Callable[[], tuple[str, ...]] | tuple[str, ...]


def _countries(hint: Hint) -> tuple[str, ...]:
    return hint() if callable(hint) else hint


def context_from(others: Sequence[Place | None], nearby: tuple[str, ...] = (),
                 written: frozenset[str] = frozenset(), hint: Hint = ()) -> PlaceContext:
    """The context the story's other places (and other names, as written) give one name; `hint`
    (countries of the story's actors, or a function giving them: they are read only when needed)
    stands for its countries when its places name none."""
    return PlaceContext(countries=story_focus(others) or _countries(hint), nearby=nearby, near=near_points(others),
                        areas=story_areas(others), named_areas=named_areas(others),
                        state_countries=state_countries(others), written=written)


@lru_cache(maxsize=50_000)
def _resolve_cached(text: str, context: PlaceContext, fuzzy: bool) -> Place | None:
    return resolve(text, context=context, fuzzy=fuzzy)


def resolve_story(names: Sequence[StoryName | str], rounds: int | None = None,
                  hint: Hint = ()) -> list[Place | None]:
    """The place each name denotes (None: unknown), in input order; `rounds` of context (default
    ROUNDS; 1 = each name in the light of the others resolved alone); `hint`: countries the story's
    actors come from, used when its places say no country."""
    rounds = ROUNDS if rounds is None else rounds
    items = [StoryName(n) if isinstance(n, str) else n for n in names]
    keys = [name_key(item.text) for item in items]
    # Round 0: each distinct vouching name alone.
    current: dict[str, Place | None] = {}
    for item, key in zip(items, keys):
        if item.vouches and key not in current:
            current[key] = _resolve_cached(item.text, PlaceContext(), item.fuzzy)
    answers: list[Place | None] = [None] * len(items)
    for _ in range(max(1, rounds)):
        answers = _context_round(items, keys, current, hint)
        settled = _settled_places(items, keys, answers, current)
        if _same_places(settled, current):
            break  # another round would see the same context
        current = settled
    return _one_sense(items, keys, answers)


def _one_sense(items: list[StoryName], keys: list[str], answers: list[Place | None]) -> list[Place | None]:
    """A name the story once writes with its area ("Paris, Illinois") means that place wherever the
    story writes it alone ("the Paris Public Library", "Paris police said")."""
    anchored: dict[str, Place] = {}
    for item, key, place in zip(items, keys, answers):
        if item.nearby and place is not None and key not in anchored:
            anchored[key] = place
    answers = [anchored.get(key, place) if not item.nearby else place
               for item, key, place in zip(items, keys, answers)]
    # "Paris City Hall" beside "Paris" (in Tennessee): the town inside the longer name is the
    # town the story means where it writes the name alone.
    alone = {key: place for key, place in zip(keys, answers) if place is not None and not named_inside(place)}
    return [_as_written_alone(place, alone) if named_inside(place) else place for place in answers]


def _as_written_alone(place: Place, alone: dict[str, Place]) -> Place:
    """A place found inside a longer name, as the story resolves that town's name written alone."""
    meant = alone.get(name_key(place.name)) or alone.get(name_key(place.asciiname or place.name))
    if meant is None or meant.id == place.id:
        return place
    return replace(meant, note=place.note, matched=place.matched, match=place.match)


def _context_round(items: list[StoryName], keys: list[str], current: dict[str, Place | None],
                   hint: Hint = ()) -> list[Place | None]:
    """Every name resolved with the context the story's other places (as the previous round left
    them) and other written names give it; names written alike share one context."""
    contexts: dict[tuple[str, tuple[str, ...]], PlaceContext] = {}
    answers: list[Place | None] = []
    lending = [(key, place) for key, place in current.items() if not named_inside(place)]
    # What the other places give, by the place a name leaves out (None: it leaves out none): names
    # that lend no place of their own share it.
    given: dict[str | None, PlaceContext] = {}
    all_keys = frozenset(k for k in keys if k)
    lent = dict(lending)
    for item, key in zip(items, keys):
        if (key, item.nearby) not in contexts:
            own = lent.get(key)  # a name never vouches for itself
            left_out = own.id if own is not None else None
            if left_out not in given:
                given[left_out] = context_from([place for other_key, place in lending if other_key != key], hint=hint)
            contexts[key, item.nearby] = replace(given[left_out], nearby=item.nearby, written=all_keys - {key})
        answers.append(_resolve_cached(item.text, contexts[key, item.nearby], item.fuzzy))
    return answers


def named_inside(place: Place | None) -> bool:
    """A town or area found only inside a longer name ("Paris City Hall"): the evidence is the
    town's name, which the story counts where it writes it; counted again it would outweigh the
    rest. (A country so found, "the Irish Republic", is the country written another way; in "the
    Japan Karaoke bar" it is only a bar's name.)"""
    return place is not None and found_inside_a_name(place) and (
        not place.fcode.startswith("PCL") or in_a_trade_name(place))


def _settled_places(items: list[StoryName], keys: list[str], answers: list[Place | None],
                    current: dict[str, Place | None]) -> dict[str, Place | None]:
    """The context places for the next round: each vouching name's first answer this round."""
    following: dict[str, Place | None] = {}
    for item, key, place in zip(items, keys, answers):
        if item.vouches and key not in following:
            following[key] = place
    return {key: following.get(key, place) for key, place in current.items()}


def _same_places(a: dict[str, Place | None], b: dict[str, Place | None]) -> bool:
    """Whether two rounds chose the same place (by id) for every name: the rounds have settled."""
    return a.keys() == b.keys() and all((a[k] and a[k].id) == (b[k] and b[k].id) for k in a)


def cache_clear() -> None:
    """Forget cached answers (benchmarks measure cold resolution)."""
    _resolve_cached.cache_clear()
