"""Which countries a story's actors come from, as a hint to where the story is.

A short report often names its town and no country: "Taliban fighters stormed a checkpoint in
Qala i Naw", "ELN guerrillas ambushed a patrol in Anorí". Its actors still say where it is: the
nationalities of those who act or suffer ("Afghan soldiers", "Malian troops") and the armed groups
the actor dictionary places in a country (ISO2 codes, as places carry them). The hint is weaker
than a place: it is used only when the story names no place that says its country
(places/story.py), to choose among namesakes.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from trucewatch.extract.datafiles import words
from trucewatch.places import get_gazetteer
from trucewatch.places.countries import iso2

NATIONALITY = "NORP"
GROUP_LABELS = frozenset({"ORG", "PERSON", "NORP"})
MOST = 2  # at most this many countries, the most mentioned first


@lru_cache(maxsize=20_000)
def nationality_country(text: str) -> str | None:
    """"Afghan", "Malians", "Iraqi" -> the ISO2 code of that country; None for other words."""
    for place in get_gazetteer().candidates(text, None, False)[:3]:
        if place.match >= 0.95 and place.fcode.startswith("PCL") and place.extra.get("demonym"):
            return place.country
    return None


@lru_cache(maxsize=20_000)
def group_country(text: str) -> str | None:
    """The country the actor dictionary gives a named group ("the Taliban" -> AFG), if any."""
    from trucewatch.extract.links import resolve_actor

    ref = resolve_actor(text)
    return iso2(ref.country) if ref.name else None


def _proper_runs(doc) -> list:
    """Runs of proper nouns the tagger put in no entity ("Boko Haram's bombers" left untagged)."""
    runs, start = [], None
    for token in [*doc, None]:
        if token is not None and token.pos_ == "PROPN" and not token.ent_type_:
            start = token.i if start is None else start
        elif start is not None:
            runs.append(doc[start:token.i if token is not None else len(doc)])
            start = None
    return runs


MISSION_NOUNS = words("place_words.yaml", "mission_nouns")


def modifies_a_mission(token) -> bool:
    """"the Indian consulate", "the US embassy", "the Turkish ambassador": a name that says whose
    diplomatic mission it is, which lies in a country not its own; so does each name of a list
    ("the Pakistani, Indian and Iranian consulates")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("amod", "compound", "poss", "nmod") and token.head.lemma_.lower() in MISSION_NOUNS


def actor_countries(doc) -> tuple[str, ...]:
    """Countries of the story's nationalities and named groups, the most mentioned first."""
    counts: Counter[str] = Counter()
    for span in [*doc.ents, *_proper_runs(doc)]:
        if (span.label_ and span.label_ not in GROUP_LABELS) or modifies_a_mission(span.root):
            continue
        country = nationality_country(span.text) if span.label_ in (NATIONALITY, "") else None
        country = country or group_country(span.text)
        if country:
            counts[country] += 1
    return tuple(code for code, _ in counts.most_common(MOST))
