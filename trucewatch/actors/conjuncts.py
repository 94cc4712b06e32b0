"""Coordinated actor phrases: "Syrian and Russian warplanes" is two actors sharing one head.

Parts joined by "and", "or", "&", "as well as" or commas are resolved one by one; a part that
names only an owner ("Syrian") borrows the head words of the last part ("warplanes").
"""
from __future__ import annotations

import re

from trucewatch.actors.index import AliasIndex

_JOINERS = re.compile(r"\s*(?:,\s*(?:and|or)\s+|,\s*|\s+and\s+|\s+or\s+|\s*&\s*|\s+as well as\s+)",
                      re.IGNORECASE)
OWNER_KINDS = {"country", "organisation", "group", "military", "person", "people"}


def split_conjuncts(text: str, index: AliasIndex) -> list[tuple[str, str]]:
    """[(part as written, phrase to resolve)] - the phrase adds the shared head when needed."""
    parts = [p for p in _JOINERS.split(text.strip()) if p.strip()]
    if len(parts) < 2:
        return [(text, text)]
    tokens, hits = index.scan(parts[-1])
    shared_head = ""
    owner_hits = [h for h in hits if any(c.entry.kind in OWNER_KINDS and c.how != "metonym"
                                         for c in h.candidates)]
    if owner_hits and owner_hits[0] is hits[0] and len(hits) > 1 and hits[1].first == hits[0].last:
        shared_head = parts[-1][tokens[hits[1].first].start:]  # "Russian warplanes" -> "warplanes"
    result = []
    for part in parts[:-1]:
        part_tokens, part_hits = index.scan(part)
        only_owners = part_hits and all(
            any(c.entry.kind in OWNER_KINDS for c in h.candidates) for h in part_hits)
        result.append((part, f"{part} {shared_head}" if shared_head and only_owners else part))
    result.append((parts[-1], parts[-1]))
    return result
