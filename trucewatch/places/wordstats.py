"""Which words are ordinary English words, so that a capitalised one is not taken for a place.

"Western", "Battle", "Vice", "Courthouse" and "Police" are names of some town somewhere; in a
report they are words. The evidence is how English uses them, not a hand list:
- a word that running news text writes in lower case often enough (at least `MIN_LOWER` times,
  and in at least `MIN_SHARE` of its uses after the first word of a sentence) is common: "western"
  is, "Aleppo" and "Paris" never are. Counted at build time on the Voice of America stories and
  the article texts of the geoparsing corpora in ../shared/data (only these counts are kept; no
  text is copied);
- the adjectives, adverbs and verbs of the English lemma index that ships with the spaCy model
  (WordNet's word lists) are common too when the news texts write them in lower case at least once
  ("nice", "split", "mobile"), except those they write capitalised (nearly) always ("European",
  "Syrian"); rare literary words ("silvan") are more often a town's name; its nouns are not used, since they include many
  place names.
The result is data/common_words.txt.gz, rebuilt by `make gazetteer`.
"""
from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from functools import lru_cache
from pathlib import Path

MIN_LOWER, MIN_SHARE = 2, 0.15
FILE = "common_words.txt.gz"
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
LEMMA_POS = ("adj", "adv", "verb")


def _texts(shared: Path):
    voa = shared / "news" / "voa" / "voa_stories.jsonl"
    if voa.exists():
        with open(voa, encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line).get("text") or ""
    for path in sorted((shared / "gold" / "geoparsing").glob("*.xml")):
        for article in ET.parse(path).getroot().iter("article"):
            text = article.find("text")
            if text is not None and text.text:
                yield text.text


def word_counts(shared: Path) -> tuple[Counter, Counter]:
    """(lower-case uses, capitalised uses after a sentence's first word) of each word, lower-cased."""
    lower, capital = Counter(), Counter()
    for text in _texts(shared):
        for sentence in _SENTENCE.split(text):
            for word in _WORD.findall(sentence)[1:]:
                if word.islower():
                    lower[word] += 1
                elif word[0].isupper() and not word.isupper():
                    capital[word.lower()] += 1
    return lower, capital


def corpus_common_words(lower: Counter, capital: Counter) -> set[str]:
    """Words the news texts write in lower case often enough (see the module docstring)."""
    return {word for word, n in lower.items()
            if n >= MIN_LOWER and n / (n + capital[word]) >= MIN_SHARE}


def lexicon_common_words() -> set[str]:
    """Adjectives, adverbs and verbs of the spaCy model's English lemma index (single words)."""
    try:
        from trucewatch.nlp import get_nlp

        nlp = get_nlp()
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except Exception:  # noqa: BLE001 - a model without the table: the corpus counts alone
        return set()
    found = set()
    for pos in LEMMA_POS:
        key = nlp.vocab.strings.add(pos)
        if key in index:
            found.update(w for w in index[key] if w.isalpha() and w.islower())
    return found


def write_common_words(shared: Path, out_dir: Path) -> int:
    """Write data/common_words.txt.gz (sorted, one word a line, no timestamp); returns its size."""
    lower, capital = word_counts(shared)
    # Proper adjectives ("European", "Syrian") are in the lemma index too; news never writes them in
    # lower case, so those it writes capitalised only are left out.
    proper = {word for word, n in capital.items() if n >= MIN_LOWER and lower[word] / (n + lower[word]) < MIN_SHARE}
    # a lemma-index word counts when the news writes it in lower case at least once: rare literary
    # words ("silvan") are more often a town's name
    lexicon = {word for word in lexicon_common_words() if lower[word]}
    found = sorted(corpus_common_words(lower, capital) | (lexicon - proper))
    text = "\n".join(found) + "\n"
    (out_dir / FILE).write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    return len(found)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The common words (lower case) as shipped in data/common_words.txt.gz (empty if missing)."""
    path = Path(__file__).parent / "data" / FILE
    if not path.exists():
        return frozenset()
    return frozenset(gzip.decompress(path.read_bytes()).decode("utf-8").split())


def is_common_word(text: str) -> bool:
    """Whether a single written word is an ordinary English word ("Western", "Battle"); a word
    written in capitals only ("US", "BC") is an abbreviation, not the word "us"."""
    word = text.strip()
    return " " not in word and not word.isupper() and word.lower() in common_words()
