"""Acts pinned on a party without a verb of accusing.

"Boko Haram is believed to be behind the attack", "the group was responsible for the blast",
"officials said it was the work of the rebels", "the likely culprits are militants": each names
who did an act without saying it as a fact of the act itself. Kept as an accusation (the party
accused, the speaker as claimant, or an unnamed source), never as the act's actor; a party that
says so of itself ("the group said it was behind the attack") claims responsibility.
"""
from __future__ import annotations

from functools import lru_cache

from trucewatch.extract.datafiles import load
from trucewatch.extract.who import Participant, _make


@lru_cache(maxsize=1)
def _pinning() -> dict:
    return load("claims.yaml")["pinning"]


def _copula(token):
    """The "be" a predicate word hangs on, or None."""
    head = token.head
    return head if head.lemma_.lower() == "be" and head.i != token.i else None


def _pobjs(prep):
    return [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]


def _preps(token, word: str):
    return [c for c in token.children if c.dep_ == "prep" and c.lower_ == word]


def _subject_of(copula):
    """The party a predicate speaks of: the subject of "be", or, for "X is believed to be
    behind", the passive subject of the verb that "to be" completes."""
    for child in copula.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    governor = copula.head
    if copula.dep_ == "xcomp" and governor.i != copula.i:
        for child in governor.children:
            if child.dep_ in ("nsubjpass", "dobj"):
                return child
    return None


@lru_cache(maxsize=1)
def _pinning_words() -> frozenset[str]:
    """Every word a pinning phrase turns on, to pass over all other words at once."""
    words = _pinning()
    return frozenset(words["prepositions"]) | frozenset(words["adjectives"]) | frozenset(
        words["party_of_nouns"]) | frozenset(words["doer_nouns"])


def pinned(sent) -> list[tuple[object, object, list]]:
    """(copula, accused token, act tokens) for each pinning phrase in one sentence."""
    words = _pinning()
    wanted = _pinning_words()
    found = []
    for tok in sent:
        lower = tok.lower_
        if lower not in wanted and lower.rstrip("s") not in wanted:  # "culprits"
            continue
        lemma = tok.lemma_.lower()
        copula = _copula(tok)
        if copula is None:
            continue
        if tok.dep_ == "prep" and lower in words["prepositions"]:
            found.append((copula, _subject_of(copula), _pobjs(tok)))
        elif tok.dep_ in ("acomp", "oprd") and lemma in words["adjectives"]:
            acts = [g for p in _preps(tok, words["adjectives"][lemma]) for g in _pobjs(p)]
            if acts:
                found.append((copula, _subject_of(copula), acts))
        elif tok.dep_ == "attr" and lemma in words["party_of_nouns"]:
            parties = [g for p in _preps(tok, "of") for g in _pobjs(p)]
            if parties:
                found.append((copula, parties[0], [c for c in copula.children if c.dep_ == "nsubj"]))
        elif tok.dep_ in ("nsubj", "attr") and lemma in words["doer_nouns"]:
            other = "attr" if tok.dep_ == "nsubj" else "nsubj"
            parties = [c for c in copula.children if c.dep_ == other]
            acts = [g for p in _preps(tok, "of") for g in _pobjs(p)]
            if parties:
                found.append((copula, parties[0], acts))
    return [(copula, party, acts) for copula, party, acts in found if party is not None]


def negated(copula) -> bool:
    """"X was not behind the attack": no accusation."""
    return any(c.dep_ == "neg" for c in copula.children) or (
        copula.dep_ == "xcomp" and any(c.dep_ == "neg" for c in copula.head.children))


def reporting_verb(copula, verbs) -> object | None:
    """The verb that reports the predicate: "officials said it was ...", "X is believed to be
    ...", "..., police said"."""
    node = copula
    for _ in range(2):
        if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() in verbs:
            return node.head
        for child in node.children:
            if child.dep_ == "parataxis" and child.lemma_.lower() in verbs:
                return child
        if node.dep_ not in ("ccomp", "xcomp", "conj") or node.head.i == node.i:
            break
        node = node.head
    return None


def accused_party(token) -> Participant | None:
    named = _make(token, "target")
    return named[0] if named else None
