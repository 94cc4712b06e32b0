"""spaCy EntityRuler patterns for the dictionary's names, so multiword names ("Jabhat Fateh
al-Sham", "Syrian Observatory for Human Rights") become one entity carrying the actor id.

Country names and capitals are left to the statistical NER (they are places too, and the
gazetteer needs them as GPE); generic terms ("warplanes") are left out unless asked for.
"""
from __future__ import annotations

from functools import lru_cache

from trucewatch.actors.dictionary import ActorDictionary
from trucewatch.actors.index import PLURALISABLE
from trucewatch.actors.text import fold, is_acronym, plural_forms

LABELS = {"person": "PERSON", "people": "NORP", "group": "ORG", "military": "ORG",
          "organisation": "ORG", "country": "ORG", "term": "ACTOR"}


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def _pattern(alias: str, plural: bool) -> list[list[dict]]:
    words = [t.text for t in _tokenizer()(alias)]
    if words and words[0].lower() == "the" and len(words) > 1:
        words = words[1:]
    if len(words) == 1 and is_acronym(words[0]):
        dotted = ".".join(words[0]) + "."  # "U.N." as news writes it
        return [[{"TEXT": words[0]}], [{"TEXT": dotted}]]
    variants = [[w.lower() for w in words]]
    folded = [fold(w) for w in words]
    if folded != variants[0]:
        variants.append(folded)
    if plural:
        variants += [v[:-1] + [p] for v in list(variants) for p in plural_forms(v[-1])]
    return [[{"LOWER": w} for w in v] for v in variants]


def build_patterns(dictionary: ActorDictionary, *, label: str | None = None,
                   include_terms: bool = False) -> list[dict]:
    """One pattern per spelling: {"label", "pattern", "id"}; `label` overrides the per-kind label."""
    patterns = []
    for entry in dictionary.entries.values():
        if entry.kind == "term" and not include_terms:
            continue
        names = list(entry.metonyms) if entry.kind == "country" else entry.aliases
        plural = entry.kind in PLURALISABLE
        for alias in names:
            for pattern in _pattern(alias, plural):
                patterns.append({"label": label or LABELS[entry.kind], "pattern": pattern,
                                 "id": entry.id})
    return patterns
