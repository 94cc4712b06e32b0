"""Name keys that make transliteration variants of one place meet.

Reports spell Arabic names many ways ("Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor"). Rather than list
special cases we reduce every name to two keys: `name_key` (accents, punctuation, articles and spaces
gone) and the looser `skeleton` (vowels, doubled letters and common digraph differences gone). The
gazetteer indexes both; rapidfuzz then ranks candidates on the first.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from trucewatch.datafiles import read_lexicon


@lru_cache(maxsize=1)
def index_words() -> dict:
    """data/index_words.yaml: the words that shape name keys and index rows (read once)."""
    return read_lexicon("trucewatch.places", "data/index_words.yaml")


# Arabic articles as transliterations write them; dropped as separate words.
ARTICLES = frozenset(index_words()["name_articles"])
# "US" or "U.S." in capitals is the country, not the article "us" ("US Marine" is no "Marine").
_US_WRITTEN = re.compile(r"(?<![A-Za-z])U\.?S\.?(?![A-Za-z])")
_SUN_LETTERS = "tdrzsnl"
# An article glued to the word with the assimilated consonant doubled: "Ezzor", "Assuwayda", "Arraqqa".
_GLUED_ARTICLE = re.compile(rf"^(?:a|e)l?([{_SUN_LETTERS}])\1(?=[a-z]{{2}})")
_LETTERS_ONLY = re.compile(r"[^0-9a-z\u0600-\u06ff]+")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_ARABIC_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")
_FOLD = str.maketrans({
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ŀ": "l",
    "æ": "ae", "œ": "oe", "ß": "ss", "þ": "th",
    "‘": "", "’": "", "ʿ": "", "ʾ": "", "'": "", "`": "", "´": "", "ʼ": "", "ʻ": "",
})
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
# Applied in order: spelling habits of English, French and German transliteration collapse.
_SKELETON_STEPS = (
    ("tch", "ch"), ("dj", "j"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("sch", "sh"),
    ("sh", "s"), ("ch", "s"), ("kh", "k"), ("gh", "g"), ("th", "t"), ("dh", "d"), ("ph", "f"),
    ("q", "k"), ("c", "k"), ("x", "ks"), ("aw", "o"),
)
_VOWELS = re.compile(r"[aeiouyw]")
_NON_INITIAL_H = re.compile(r"(?<=.)h")
_DOUBLED = re.compile(r"(.)\1+")


def fold(text: str) -> str:
    """Lower-case ASCII-ish text: accents stripped, apostrophes and ayn marks removed."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    if _ARABIC.search(text):
        text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_FOLD)
    return text


def _drop_arabic_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Exact-match key: folded, articles dropped, no spaces ("Deir ez-Zor" -> "deirzor")."""
    words = [w for w in _LETTERS_ONLY.split(fold(name)) if w]
    kept: list[str] = []
    # the substring test first: keys are made on every lookup
    country_us = ("US" in name or "U.S" in name) and _US_WRITTEN.search(name) is not None
    for position, word in enumerate(words):
        if _ARABIC.search(word):
            kept.append(_drop_arabic_article(word))
            continue
        if word in ARTICLES and len(words) > 1 and not (word == "us" and country_us):
            continue
        if position > 0:
            word = _GLUED_ARTICLE.sub(r"\1", word)
        kept.append(word)
    return "".join(kept)


@lru_cache(maxsize=200_000)
def skeleton(name: str) -> str:
    """Loose key for transliteration variants: consonants only ("Khan Sheikhoun" -> "knskn")."""
    key = name_key(name)
    if not key or _ARABIC.search(key):
        return key
    for old, new in _SKELETON_STEPS:
        key = key.replace(old, new)
    key = _NON_INITIAL_H.sub("", key)
    key = _VOWELS.sub("", key)
    return _DOUBLED.sub(r"\1", key)


def is_arabic(text: str) -> bool:
    """True when the name is written in Arabic script."""
    return bool(_ARABIC.search(text))
