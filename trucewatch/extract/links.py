"""The colleagues' stages extraction calls: time, numbers, actors and places.

Each is imported lazily and once. While a stage is missing from a partial checkout, a small
fallback keeps extraction running (no dates beyond the publication day, unresolved actors,
no places) rather than failing; the real modules are always preferred.
"""
from __future__ import annotations

import re
import warnings
from datetime import date
from functools import lru_cache

from trucewatch.errors import TruceWatchError
from trucewatch.extract.datafiles import load
from trucewatch.nlp import text_of
from trucewatch.records import ActorRef, When


@lru_cache(maxsize=1)
def _when_module():
    try:
        from trucewatch.extract import when
    except ImportError:
        return None
    return when


@lru_cache(maxsize=1)
def _howmany_module():
    try:
        from trucewatch.extract import howmany
    except ImportError:
        return None
    return howmany


@lru_cache(maxsize=1)
def _actors_module():
    """The actor dictionary, probed once: if it cannot load, warn once and leave actors unresolved."""
    try:
        import trucewatch.actors as actors
    except ImportError:
        return None
    if not hasattr(actors, "resolve_actor"):
        return None
    try:
        actors.resolve_actor("United Nations")
    except TruceWatchError as exc:
        warnings.warn(f"The actor dictionary could not be loaded ({exc}); actors stay unresolved.",
                      stacklevel=2)
        return None
    return actors


@lru_cache(maxsize=1)
def _where_module():
    try:
        from trucewatch.extract import where
    except ImportError:
        return None
    return where if hasattr(where, "locate") else None


def default_when(published: date | None) -> When:
    """No time expression: the event ended by publication; precision unknown."""
    module = _when_module()
    if module is not None and hasattr(module, "default_when"):
        return module.default_when(published or date.today())
    day = published or date.today()
    return When(start=day, end=day, precision="unknown", text=None)


def find_times(text: str, published: date | None, offset: int = 0, anchor: When | None = None) -> list:
    """Time mentions of a text (objects with .start, .end, .text, .when), or none without when.py."""
    module = _when_module()
    if module is None or published is None:
        return []
    return module.find_times(text, published, offset=offset, anchor=anchor)


def resolve_time(expression: str, published: date | None, tense: str | None,
                 anchor: When | None = None) -> When | None:
    """One expression read with the tense of the act's verb ("talked on Monday")."""
    module = _when_module()
    if module is None or published is None:
        return None
    return module.resolve(expression, published, tense=tense, anchor=anchor)


def find_casualties(text: str, offset: int = 0):
    module = _howmany_module()
    return module.find_casualties(text, offset=offset) if module else None


def resolve_actor(text: str, on: date | None = None, implied_country: str | None = None) -> ActorRef:
    """The actor dictionary's reading of a phrase; unresolved phrases keep just their text.

    `implied_country` is the story's country: "government helicopters" in a story set in
    Syria are Syria's."""
    module = _actors_module()
    if module is not None:
        found = module.resolve_actor(text, on=on, implied_country=implied_country)
        if found is not None:
            return found.model_copy(update={"text": text})
    return ActorRef(text=text)


@lru_cache(maxsize=1)
def _protected_words() -> frozenset[str]:
    data = load("protected.yaml")
    return frozenset(word.lower() for words in data.values() for word in words)


def is_protected(text: str) -> bool:
    """Aid, medical, schools, markets, civilians and press are protected targets."""
    module = _actors_module()
    if module is not None and hasattr(module, "is_protected"):
        return bool(module.is_protected(text))
    protected = _protected_words()
    words = text.lower().replace("-", " ").split()
    return any(word.rstrip("s") in protected or word in protected for word in words)


def story_places(doc) -> list:
    module = _where_module()
    return module.story_places(doc) if module and hasattr(module, "story_places") else []


def locate(doc, sentence, trigger_token, places):
    """The place of the sentence the act happened at (trigger_token: the act's spaCy token)."""
    module = _where_module()
    if module is None:
        return None
    return module.locate(doc, sentence, trigger_token, places)


def referred_place(doc, sentence, places):
    """The story's earlier place that "the town" or "the province" in the sentence refers to."""
    module = _where_module()
    if module is None or not hasattr(module, "referred_back"):
        return None
    return module.referred_back(doc, sentence, places)


ACTING_DEPS = frozenset({"nsubj", "nsubjpass"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def _acting(mention, doc) -> bool:
    """"Washington blamed ...": a capital that acts is a government, not where the story is; nor
    is "US" in "US jets"."""
    if getattr(mention, "role", ""):
        return True
    start, end = getattr(mention, "token_start", None), getattr(mention, "token_end", None)
    if doc is None or start is None or end is None or end <= start:
        return False
    root = doc[start:end].root
    if start >= 2 and doc[start - 1].text == "," and doc[start - 2].ent_type_ in PLACE_ENTS:
        return False  # "Mill Road, London injuring five": an address, however it was parsed
    return root.dep_ in ACTING_DEPS


def story_country(places, doc=None) -> str | None:
    """The country the story is about (its most-named), for actors named only by their role."""
    module = _where_module()
    if module is None or not places or not hasattr(module, "story_focus"):
        return None
    nationality = getattr(module, "is_demonym", lambda mention: False)
    # "the Turkish consulate in Melbourne": whose consulate is not where the story is.
    found = [getattr(mention, "place", None) for mention in places if not _acting(mention, doc)
             and not (getattr(mention, "label", None) == "IN_NAME" and nationality(mention))]
    focus = module.story_focus(found)
    if not focus:
        return None
    # story_focus counts GeoNames' two-letter codes; records speak ISO 3166 alpha-3.
    alpha3 = next((getattr(place, "country3", None) for place in found
                   if place is not None and place.country == focus[0]), None)
    return alpha3 or (focus[0] if len(focus[0]) == 3 else None)


def story_location(places, country: str | None = None):
    """Where the story as a whole is, for acts whose own sentence names no place (in `country`,
    the conflict's country, when given)."""
    module = _where_module()
    if module is None or not hasattr(module, "story_default"):
        return None
    mention = module.story_default(places, country)
    if mention is None:
        return None
    location = module.to_location(mention)
    if not location.note:
        location = location.model_copy(update={"note": "the report's main place; the act's own sentence names none"})
    return location


DATELINE_PARTS = re.compile(r"^\s*(?P<place>[^,(\-\u2013\u2014]+?)\s*(?:,\s*(?P<country>[^,(\-\u2013\u2014]+?))?\s*"
                            r"(?:,[^(\-\u2013\u2014]*)?(?:\([^)]*\))?\s*[-\u2013\u2014]")


def dateline_location(doc):
    """The place of the report's first dateline ("HAMA, Syria (Levant Wire) -"), geocoded in the
    dateline's country when it names one; None without a dateline or a gazetteer."""
    from trucewatch.extract.who import datelines

    module = _where_module()
    spans = datelines(doc)
    if module is None or not spans or not hasattr(module, "to_location"):
        return None
    start, end = spans[0]
    parts = DATELINE_PARTS.match(text_of(doc)[start:end])
    if parts is None:
        return None
    try:
        from trucewatch.places import search
    except ImportError:
        return None
    country = None
    if parts.group("country"):
        states = [p for p in search(parts.group("country").strip(), limit=3) if p.fcode.startswith("PCL")]
        country = states[0].country3 if states else None
    name = parts.group("place").strip().title()
    found = search(name, country=country, limit=1)
    if not found:
        return None
    offset = start + parts.start("place")
    mention = module.PlaceMention(text=parts.group("place").strip(), start=offset,
                                  end=offset + len(parts.group("place").strip()), label="DATELINE",
                                  place=found[0])
    location = module.to_location(mention)
    return location.model_copy(update={"note": "the report's dateline place; the act's own sentence names none"})
