"""Where a place name begins and ends in a story, and whether the gazetteer knows it.

Taggers cut transliterated names at their joiners ("Sar-e" + "Pol", "Qala" + "i Naw", "López" +
"de Micay") and split or run on names ("Tal" + "Afar city"); a part looked up alone is some other
place. These helpers find the whole name and ask the index whether it holds it, exactly or as a
transliteration variant; place_names.py decides which names are places.
"""
from __future__ import annotations

import re
from functools import lru_cache

from trucewatch.extract.datafiles import load, words
from trucewatch.places import get_gazetteer
from trucewatch.places.disambiguate import KIND_SUFFIX, PART_PREFIX
from trucewatch.places.names import name_key, skeleton

PLACE_LABELS = {"GPE", "LOC", "FAC"}
KIND = "KIND"  # a name the gazetteer lacks that a place noun introduces: "the village of Umm Jurn"
GLUED_ARTICLES = tuple(load("place_words.yaml")["glued_articles"])
NAME_PARTICLES = words("place_words.yaml", "name_particles")
JOINERS = words("place_words.yaml", "name_joiners") | NAME_PARTICLES
MIN_SKELETON = 4  # letters of a transliteration skeleton below which it matches too much


def glued_article(token) -> bool:
    """An Arabic article inside a name, alone ("Khan al Sheikh") or glued to the next word
    ("al-Sheikh"); not any word that begins with the same letters ("area", "Assad")."""
    text = token.text.lower()
    return text in GLUED_ARTICLES or (text[:2] in GLUED_ARTICLES and text[2:3] in ("-", "’", "'"))


def name_like(token) -> bool:
    """A capitalised word. An apostrophe inside a transliterated name ("Dara’a", "Mar’e") does not
    start a new word, though str.istitle reads the letter after it as one."""
    if token.is_title:
        return True
    text = token.text
    return ("’" in text or "'" in text) and _name_like_text(text)


@lru_cache(maxsize=50_000)
def _name_like_text(text: str) -> bool:
    return text[:1].isupper() and ("’" in text or "'" in text) and re.sub(r"[’'](?=\w)", "", text).istitle()


def _joined_to(doc, index: int, step: int) -> int | None:
    """The index of the capitalised word that joiners ("-", "e", "i", "de") link to the word at
    `index`, looking forward (step 1) or back (step -1); None when none does."""
    k, joiners = index + step, []
    while 0 <= k < len(doc) and len(joiners) < 3 and doc[k].text in JOINERS:
        if doc[k].text == "-" and (doc[k].whitespace_ or doc[k - 1].whitespace_):
            return None  # "W.Va. - Jim": a dash between words, not a hyphen inside a name
        joiners.append(doc[k].text)
        k += step
    if not joiners or not 0 <= k < len(doc) or not name_like(doc[k]) or doc[k].ent_type_ in ("DATE", "TIME"):
        return None
    if joiners == ["-"] and known(get_gazetteer(), doc[index].text) and known(get_gazetteer(), doc[k].text):
        return None  # "the Aleppo-Latakia highway", "Israel-Gaza": two places, not one name
    return k


def _widened(doc, start: int, end: int) -> tuple[int, int, int]:
    """(left, start, right): how far joiners carry a span's name to the left and to the right.
    Taggers cut transliterated names at their joiners ("Sar-e" + "Pol", "Qala" + "i Naw", "López" +
    "de Micay"), and the part alone is some other place."""
    while end - 1 > start and doc[end - 1].text in JOINERS:
        end -= 1  # "Sar-e" tagged alone: the name goes on after its joiner
    left, right = start, end
    while (k := _joined_to(doc, left, -1)) is not None:
        left = k
    while (k := _joined_to(doc, right - 1, 1)) is not None:
        right = k + 1
    return left, start, right


def _name_goes_on(doc, start: int, end: int, tagged: set[int]) -> int | None:
    """The end of a longer name the gazetteer holds, spelled exactly, that the span begins and
    another span goes on with: the tagger cut "Tal Afar" into "Tal" and "Afar city", "Jammu and
    Kashmir" into "Jammu" and "Kashmir"; "Homs and Hama" stays two places, as no place is called
    so, and a name never runs on into the next sentence ("Colo. A similar meeting")."""
    at = end + 1 if end < len(doc) and doc[end].lower_ in ("and", "&") else end
    if at not in tagged or not name_like(doc[at]) or doc[at].is_sent_start or not doc[end - 1].is_alpha:
        return None
    gazetteer = get_gazetteer()
    for stop in range(min(at + 3, len(doc)), at, -1):
        if all(name_like(t) for t in doc[at:stop]) and gazetteer.exists(name_key(doc[start:stop].text)):
            return stop
    return None


def whole_names(doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans widened to the whole names they are part of. A whole the gazetteer knows takes the
    span's place. A name cut at its end that the gazetteer does not know whole is kept whole, as a
    place it lacks, when the tagger or a place noun said it is a place, and dropped otherwise (its
    part is not the place meant). Widening only to the left is kept only when known: an article
    also begins a name after another word ("the Shiite al-Bayaa district"). Other spans inside a
    widened one are its parts and go."""
    kept, widened = [], []
    tagged = {i for start, end, _ in spans for i in range(start, end)}
    for start, end, label in spans:
        joined = _name_goes_on(doc, start, end, tagged)
        if joined is not None:
            widened.append((start, joined, label))
            continue
        left, start, right = _widened(doc, start, end)
        options = [wide for wide in ((left, right), (start, right), (left, end)) if wide != (start, end)]
        known = next((wide for wide in options if may_match(clean_name(doc[wide[0]:wide[1]].text))), None)
        if known is not None:
            widened.append((*known, label))
        elif right <= end:
            kept.append((start, end, label))
        else:  # its end was cut off
            widened.append((start, right, label if label in PLACE_LABELS or label == KIND else None))
    result, covered = [], set()
    for start, end, label in sorted(widened, key=lambda s: (s[0], s[0] - s[1])):
        if not covered.intersection(range(start, end)):
            covered.update(range(start, end))
            if label is not None:
                result.append((start, end, label))
    return result + [span for span in kept if not covered.intersection(range(span[0], span[1]))]


def known(gazetteer, text: str) -> bool:
    """Whether the index holds the name exactly, or a transliteration variant of it (skeleton)."""
    key = name_key(text)
    if not key:
        return False
    if gazetteer.exists(key):
        return True
    skel = skeleton(text)
    return len(skel) >= MIN_SKELETON and gazetteer.skeleton_exists(skel)


def longest_known_end(gazetteer, doc, start: int, stop: int) -> int | None:
    """The end of the longest name doc[start:end] (end <= stop) the gazetteer knows, if any."""
    for end in range(stop, start, -1):
        if known(gazetteer, doc[start:end].text):
            return end
    return None


def clean_name(text: str) -> str:
    text = re.sub(r"^(?:the|The)\s+", "", text.strip())
    return re.sub(r"[’']s$", "", text)


def may_match(text: str) -> bool:
    """Whether the index holds this name (exactly or as a transliteration variant), or the name
    without "eastern ..." / "... province". The other names skip the costly candidate lookup."""
    gazetteer = get_gazetteer()
    if known(gazetteer, text):
        return True
    part, kind = PART_PREFIX.match(text), KIND_SUFFIX.match(text)
    return bool((part and known(gazetteer, part.group(2))) or (kind and known(gazetteer, kind.group(1))))
