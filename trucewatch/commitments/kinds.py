"""Commitment kinds (data/kinds.yaml): which extracted statements are pledges and what each promises.

Kept as data so an analyst can add a kind of pledge, or change what breaks one, without code.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from trucewatch.datafiles import read_lexicon
from trucewatch.errors import ConfigError

DATA = "data/kinds.yaml"


class Kind(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    label: str
    statements: list[str]
    statuses: list[str]
    words: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    promise: str = Field(pattern="^(stops|performs)$")
    stops: list[str] = Field(default_factory=list)
    named_acts: bool = False
    obligations: list[str] = Field(default_factory=list)
    performs: list[str] = Field(default_factory=list)

    def fits(self, act_type: str, status: str, sentence: str, target_words: list[str]) -> bool:
        """Does a statement of this act type and status, in this sentence, state this kind of pledge?"""
        if act_type not in self.statements or status not in self.statuses:
            return False
        if self.words and not _any_word(self.words, sentence):
            return False
        if self.targets and not any(_any_word(self.targets, t) for t in target_words):
            return False
        return True


def _any_word(words: list[str], text: str) -> bool:
    return _pattern(tuple(words)).search(text) is not None


@lru_cache(maxsize=64)
def _pattern(words: tuple[str, ...]) -> re.Pattern:
    """Whole words, or their plural/inflected forms ("prisoners", "withdrawing")."""
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\w*", re.IGNORECASE)


@lru_cache(maxsize=1)
def _data() -> dict:
    return read_lexicon("trucewatch.commitments", DATA)


@lru_cache(maxsize=1)
def kinds() -> tuple[Kind, ...]:
    """The kinds in the order they are tried."""
    data = _data()
    try:
        return tuple(Kind(name=name, **spec) for name, spec in (data.get("kinds") or {}).items())
    except (ValidationError, TypeError) as exc:
        raise ConfigError(f"trucewatch/commitments/{DATA}: {exc}") from None


def kind_named(name: str) -> Kind | None:
    return next((k for k in kinds() if k.name == name), None)


def statement_types() -> frozenset[str]:
    """Every act type that may state a pledge: a quick filter before reading any sentence."""
    return frozenset(t for k in kinds() for t in k.statements)


def kind_of(act_type: str, status: str, sentence: str, target_words: list[str]) -> Kind | None:
    """The first kind a statement fits, or None when it is no pledge."""
    return next((k for k in kinds() if k.fits(act_type, status, sentence, target_words)), None)


@lru_cache(maxsize=1)
def not_committing_sectors() -> frozenset[str]:
    """Sectors of initiators that broker or observe a pledge rather than make it."""
    return frozenset(_data().get("not_committing_sectors") or ())
