"""How actor names are compared: the same folding for dictionary aliases and for report text.

Matching ignores case, accents, hyphens, dots in acronyms and possessive endings, so "the
U.N.'s", "UN" and "Erdogan"/"Erdoğan" meet. Acronyms written in capitals in the dictionary
("IS", "US", "WHO") match only in capitals, so the words "is", "us" and "who" never do.
"""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}(?:['’]s\b)?|[^\W_]+(?:['’][^\W_]+)*['’]?")
ARTICLES = frozenset({"the", "a", "an"})


class Token(NamedTuple):
    key: str  # folded form used for lookup
    raw: str  # as written, without possessive ending (for case-sensitive acronyms)
    start: int  # character offsets into the original text
    end: int


def fold(word: str) -> str:
    """Lower case without accents: 'Erdoğan' -> 'erdogan'."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def is_acronym(word: str) -> bool:
    """Two or more capitals and nothing else: written this way, it must match this way."""
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _strip_possessive(word: str) -> str:
    word = word.replace("’", "'")
    if word.endswith("'s") and len(word) > 2:
        return word[:-2]
    return word.rstrip("'")


def tokenize(text: str) -> list[Token]:
    """Words of `text` with offsets; acronym dots dropped, possessives cut, hyphens split."""
    tokens = []
    for match in _TOKEN.finditer(text):
        raw = _strip_possessive(match.group(0)).replace(".", "")
        if raw:
            tokens.append(Token(fold(raw), raw, match.start(), match.end()))
    return tokens


def alias_tokens(alias: str) -> list[Token]:
    """Tokens of a dictionary alias, with a leading article dropped ("The Gambia" = "Gambia")."""
    tokens = tokenize(alias)
    if len(tokens) > 1 and tokens[0].key in ARTICLES:
        tokens = tokens[1:]
    return tokens


def plural_forms(word: str) -> list[str]:
    """Regular English plurals of a folded word (irregular ones belong in the data files)."""
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return [word + "es"]
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return [word[:-1] + "ies"]
    if word.endswith("f"):
        return [word + "s", word[:-1] + "ves"]
    if word.endswith("fe"):
        return [word + "s", word[:-2] + "ves"]
    return [word + "s"]
