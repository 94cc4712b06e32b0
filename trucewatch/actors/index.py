"""The alias index: folded word sequences -> entries, and a longest-match scan over a phrase.

Built once from the loaded entries; a scan is a handful of dictionary look-ups per word.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from trucewatch.actors.loader import Loaded
from trucewatch.actors.schema import Entry
from trucewatch.actors.text import Token, alias_tokens, is_acronym, plural_forms, tokenize

# Kinds whose names take an English plural ("Houthis", "warplanes"); people's names do not.
PLURALISABLE = {"term", "group", "military", "organisation", "people"}


@dataclass(frozen=True)
class Candidate:
    entry: Entry
    how: str  # alias | demonym | metonym
    sector: str | None  # sector a metonym stands for ("Pentagon" -> MIL)
    raw: str | None  # required spelling for a one-word acronym ("IS"), else None
    priority: int
    plural: bool = False  # matched through a generated plural ("Syrians")
    common: bool = False  # a one-word lower-case alias of a named actor ("coalition")


@dataclass(frozen=True)
class Hit:
    """A dictionary match inside a phrase: tokens [first, last) of the phrase."""

    candidates: tuple[Candidate, ...]
    first: int
    last: int
    text: str


class AliasIndex:
    def __init__(self, loaded: list[Loaded]):
        self._index: dict[tuple[str, ...], list[Candidate]] = {}
        self.longest = 1
        for item in loaded:
            entry = item.entry
            for alias in entry.aliases:
                self._add(alias, Candidate(entry, "alias", None, None, item.priority), entry.kind)
            for demonym in entry.demonyms:
                self._add(demonym, Candidate(entry, "demonym", None, None, item.priority), "people")
            if entry.capital:
                self._add(entry.capital, Candidate(entry, "metonym", "GOV", None, item.priority), "country")
            for metonym, sector in entry.metonyms.items():
                self._add(metonym, Candidate(entry, "metonym", sector, None, item.priority), "country")
        for candidates in self._index.values():
            candidates.sort(key=lambda c: -c.priority)

    def _add(self, alias: str, candidate: Candidate, kind: str) -> None:
        tokens = alias_tokens(alias)
        if not tokens:
            return
        keys = tuple(t.key for t in tokens)
        if len(tokens) == 1 and is_acronym(alias):
            candidate = replace(candidate, raw=tokens[0].raw)
        elif len(tokens) == 1 and alias.islower() and candidate.entry.kind != "term":
            candidate = replace(candidate, common=True)
        variants = [(keys, candidate)]
        if kind in PLURALISABLE and candidate.raw is None:
            plural = replace(candidate, plural=True)
            variants += [(keys[:-1] + (form,), plural) for form in plural_forms(keys[-1])]
        for variant, each in variants:
            bucket = self._index.setdefault(variant, [])
            if all(c.entry.id != each.entry.id or c.how != each.how for c in bucket):
                bucket.append(each)
        self.longest = max(self.longest, len(keys))

    def keys(self):
        return self._index.keys()

    def scan(self, text: str) -> tuple[list[Token], list[Hit]]:
        """Leftmost-longest matches; words no entry knows are skipped."""
        tokens = tokenize(text)
        hits: list[Hit] = []
        i = 0
        while i < len(tokens):
            for length in range(min(self.longest, len(tokens) - i), 0, -1):
                window = tokens[i:i + length]
                found = self._index.get(tuple(t.key for t in window))
                if found:
                    usable = tuple(c for c in found if c.raw is None or c.raw == window[0].raw)
                    if usable:
                        hits.append(Hit(usable, i, i + length, text[window[0].start:window[-1].end]))
                        i += length
                        break
            else:
                i += 1
        return tokens, hits
