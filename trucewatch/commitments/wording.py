"""The pledge wording lists (data/wording.yaml) as compiled patterns, built once.

Dates are read by trucewatch/extract/when.py; these lists only say what role a date plays in a
pledge (its start, its end, the day it was made) and what makes a pledge conditional.
"""
from __future__ import annotations

import re
from functools import lru_cache

from trucewatch.datafiles import read_lexicon
from trucewatch.extract.datafiles import alternation


@lru_cache(maxsize=1)
def wording() -> dict:
    return read_lexicon("trucewatch.commitments", "data/wording.yaml")


def _phrases(key: str) -> str:
    """An alternation of a list's phrases, longest first, spaces matching any white space."""
    return alternation(wording()[key])


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern]:
    """Markers that must end the text just before a date, phrases found anywhere, and durations."""
    words = wording()
    units = "|".join(sorted(words["duration_units"]))
    count = r"\d{1,4}|[a-z]+(?:-[a-z]+)?"
    return {
        "start": re.compile(rf"\b(?:{_phrases('start_markers')})\s*$", re.IGNORECASE),
        "end": re.compile(rf"\b(?:{_phrases('end_markers')})\s*$", re.IGNORECASE),
        "deadline": re.compile(rf"\b(?:{_phrases('deadline_markers')})\s*$", re.IGNORECASE),
        "said": re.compile(rf"\b(?:{_phrases('speech_words')})\s*$", re.IGNORECASE),
        "midnight": re.compile(rf"\b(?:{_phrases('midnight_phrases')})\b", re.IGNORECASE),
        "opens_duration": re.compile(rf"^(?:{_phrases('duration_openers')})\b", re.IGNORECASE),
        "duration": re.compile(
            rf"\b(?:(?:{_phrases('duration_leads')})\s+(?:a\s+|an\s+|the\s+)?(?P<n>{count})\s+(?P<unit>{units})s?"
            rf"|(?:a\s+|an\s+)?(?P<n2>{count})[-\s](?P<unit2>{units})(?=\s+[a-z]))\b",
            re.IGNORECASE),
        "condition": re.compile(rf"\b(?:{_phrases('condition_marks')})\b", re.IGNORECASE),
    }


def unit_hours(unit: str) -> int:
    return int(wording()["duration_units"][unit.lower().rstrip("s")])
