"""Is a pledge conditional ("will pull back if the rebels leave the town"), and on what?

A condition opens with one of the marks in data/wording.yaml and runs to the end of its clause;
the words are kept as written so a reader sees exactly what the pledge hangs on.
"""
from __future__ import annotations

import re

from .wording import patterns

CLAUSE_END = re.compile(r"[;.!?]|,\s+(?:the|a|an|its|his|her|their)\s+\w+(?:\s+\w+)?\s+(?:said|says|added|told)\b"
                        r"|,\s+(?:said|says|according\s+to)\b", re.IGNORECASE)


def condition_of(sentence: str, after: int = 0) -> str | None:
    """The condition a pledge in `sentence` hangs on (from `after`, the pledge's words on), or None."""
    found = patterns()["condition"].search(sentence, after)
    if found is None:
        return None
    end = CLAUSE_END.search(sentence, found.end())
    words = sentence[found.start():end.start() if end else len(sentence)]
    return " ".join(words.split()) or None
